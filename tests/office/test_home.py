"""The home page shows the network at work: figures from the database, the newest activities with their
coalition as sender, coming meetings, new knowledge and the map; a way in for each visitor."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coalitions.factories import ActivityPageFactory, CoalitionIndexPageFactory, CoalitionPageFactory
from events.factories import EventPageFactory, event_index
from knowledge.factories import article, knowledge_index
from network.factories import ContactUserFactory, ParticipantFactory
from network.models import Participant
from nnr_site.pagecache import new_generation

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(site_home):
    index = CoalitionIndexPageFactory(parent=site_home)
    utrecht = CoalitionPageFactory(parent=index, title="Rookvrij Utrecht", kind="regio", region="utrecht")
    CoalitionPageFactory(parent=index, title="Rookvrij Twente", kind="regio", region="twente")
    CoalitionPageFactory(parent=index, title="Rookvrije zorg", kind="thema")
    ActivityPageFactory(parent=utrecht, title="Schoolpleinen geteld", summary="Alle pleinen bekeken.")
    ParticipantFactory.create_batch(3)
    ParticipantFactory(status=Participant.Status.LEFT)
    EventPageFactory(parent=event_index(), title="Netwerkdag voorjaar")
    EventPageFactory(
        parent=event_index(),
        title="Netwerkdag van vorig jaar",
        start=timezone.now() - datetime.timedelta(days=300),
        end=timezone.now() - datetime.timedelta(days=300, hours=-3),
    )
    article(knowledge_index(), "Wat werkt op het schoolplein")
    return index


def figures(html):
    part = html.split('class="figure-list"')[1].split("</ul>")[0]
    return [int(chunk.split("<")[0]) for chunk in part.split('class="figure">')[1:]]


def test_the_figures_match_the_database(client, network):
    html = client.get("/").content.decode()
    active = Participant.objects.filter(status=Participant.Status.ACTIVE).count()
    assert figures(html) == [active, 3, 2]  # participants, coalitions, regions with a coalition
    assert "van de 25 GGD-regio's met een coalitie" in html
    ParticipantFactory()
    new_generation()
    assert figures(client.get("/").content.decode())[0] == active + 1


def test_activities_meetings_and_knowledge_with_their_sender(client, network):
    html = client.get("/").content.decode()
    activities = html.split('id="activiteiten"')[1].split("</section>")[0]
    assert "Schoolpleinen geteld" in activities and "Rookvrij Utrecht" in activities  # the coalition sends it
    meetings = html.split('id="bijeenkomsten"')[1].split("</section>")[0]
    assert "Netwerkdag voorjaar" in meetings and "vorig jaar" not in meetings
    assert "Wat werkt op het schoolplein" in html.split('id="kennis"')[1]
    assert 'aria-label="GGD Twente: 1 coalitie"' in html  # the map


def test_visitors_get_a_way_in_and_participants_a_strip_for_them(client, network):
    html = client.get("/").content.decode()
    for way in (
        "Meedoen met uw organisatie",
        "Een coalitie vinden",
        "Kennis zoeken",
        "Het netwerkbureau spreken",
    ):
        assert way in html
    user = ContactUserFactory(contact__participant__name="GGD Proef")
    client.force_login(user)
    html = client.get("/").content.decode()
    assert "Voor u, GGD Proef" in html and "Meedoen met uw organisatie" not in html


def test_the_home_page_costs_the_same_queries_for_a_larger_network(client, network):
    def count():
        new_generation()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    count()  # warm caches (site root paths, content types)
    small = count()
    for n in range(12):
        coalition = CoalitionPageFactory(parent=network, title=f"Extra {n}", kind="regio", region="zeeland")
        ActivityPageFactory(parent=coalition, title=f"Activiteit {n}")
        EventPageFactory(parent=event_index(), title=f"Bijeenkomst {n}")
    assert count() == small
