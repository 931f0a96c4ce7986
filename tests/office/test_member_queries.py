"""The pages people see when logged in ask the database as often in a larger network as in the demo one
(issue 22): no query per coalition, article, participant or open task in the network."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.models import CoalitionIndexPage, CoalitionPage
from governance.flows import ExitRequestFlow
from knowledge.factories import bulk_articles
from knowledge.models import KnowledgeArticlePage, KnowledgeIndexPage
from network.factories import OfficeUserFactory, ParticipantFactory
from tests.coalitions.test_queries import grow
from tests.governance.conftest import core_partners

pytestmark = pytest.mark.django_db

MEMBER_PAGES = [
    "/mijn/",
    "/mijn/taken/",
    "/deelnemers/",
    "/coalities/?kind=thema&region=utrecht",
    "/kennis/",
    "/vraag-het-netwerk/",
    "/mijn/volgen/",
    "/voorstellen/",
]
OFFICE_PAGES = ["/mijn/", "/mijn/taken/", "/netwerk/gezondheid/", "/deelnemers/"]


def counts(client, urls):
    """Queries per page, each requested once before (as on a running site, whose shared parts are cached)."""
    for url in urls:
        client.get(url)
    found = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        found[url] = len(queries)
    return found


def grow_network():
    """40 more coalitions, 40 more articles, 20 more participants and 5 exit requests (open tasks of the
    core partners) beside the demo's."""
    participants = [ParticipantFactory() for _ in range(20)]
    grow(CoalitionIndexPage.objects.get(), participants, CoalitionPage.objects.count() + 40)
    bulk_articles(KnowledgeIndexPage.objects.get(), 40, prefix="Groei")
    (requester, requester_user), _ = core_partners(2, prefix="Groeikern")
    for participant in participants[:5]:
        ExitRequestFlow.start.run(
            participant=participant, by=requester_user, requesting_participant=requester, reason="R", rule="S"
        )


def test_member_and_office_pages_ask_as_often_in_a_larger_network(client, demo):
    partner = get_user_model().objects.get(username="partner")
    coalition = CoalitionPage.objects.live().order_by("path").first().url
    article = KnowledgeArticlePage.objects.live().order_by("path").first().url
    member_pages = [*MEMBER_PAGES, coalition, article]
    office = OfficeUserFactory()

    client.force_login(partner)
    small = counts(client, member_pages)
    client.force_login(office)
    small_office = counts(client, OFFICE_PAGES)

    grow_network()
    client.force_login(partner)
    large = counts(client, member_pages)
    client.force_login(office)
    large_office = counts(client, OFFICE_PAGES)

    assert large == small
    assert large_office == small_office
