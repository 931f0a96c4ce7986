import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from coalitions.factories import (
    ActivityPageFactory,
    CoalitionMembershipFactory,
    CoalitionPageFactory,
    coalition_index,
)
from events.factories import EventPageFactory, event_index
from network.factories import ContactPersonFactory, ParticipantFactory, UserFactory
from network.models import Role
from network.roles import CORE_PARTNERS, OFFICE, PARTNERS
from office import health
from tests.conftest import at

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 15)
LONG_AGO = datetime.date(2025, 1, 1)


def participant(name, role=Role.PARTNER, joined=LONG_AGO, **fields):
    return ParticipantFactory(name=name, role=role, joined_on=joined, **fields)


def test_months_ago_clamps_to_month_length():
    assert health.months_ago(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert health.months_ago(datetime.date(2026, 1, 15), 6) == datetime.date(2025, 7, 15)


def test_role_distribution_and_core_partner_bound():
    for i in range(4):
        participant(f"Kern {i}", Role.KERNPARTNER)
    participant("Partner", Role.PARTNER)
    participant("Weg", Role.KERNPARTNER).mark_left()
    roles = health.role_distribution()
    assert roles["core"] == 4 and not roles["core_ok"] and roles["total"] == 5
    participant("Kern 5", Role.KERNPARTNER)
    assert health.role_distribution()["core_ok"]


def test_growth_counts_joins_per_month():
    participant("Oud", joined=datetime.date(2020, 1, 1))
    participant("Sept A", joined=datetime.date(2026, 9, 3))
    participant("Sept B", joined=datetime.date(2026, 9, 30))
    participant("Nov", joined=datetime.date(2026, 11, 1))
    rows = health.growth(3, TODAY)
    assert [(r["month"].month, r["joined"], r["total"]) for r in rows] == [(9, 2, 3), (10, 0, 3), (11, 1, 4)]


def test_sham_participation_from_meetings():
    quiet = participant("Stille Partner")
    attendee = participant("Komt naar bijeenkomsten")
    participant("Nieuwe Partner", joined=datetime.date(2026, 10, 1))  # too new to judge
    participant("Supporter", Role.SUPPORTER)  # not expected to be active
    assert {p.name for p in health.sham_participants(6, TODAY)} == {quiet.name, attendee.name}
    start = at(datetime.date(2026, 10, 20))
    event = meeting("Netwerkdag", start)
    Registration = apps.get_model("events.Registration")
    Registration.objects.create(
        event=event, participant=attendee, name="Iemand", email="iemand@example.org", created_at=at(TODAY)
    )
    assert [p.name for p in health.sham_participants(6, TODAY)] == [quiet.name]


def meeting(title, start):
    return EventPageFactory(
        parent=event_index(),
        title=title,
        start=start,
        end=start + datetime.timedelta(hours=2),
        location="Utrecht",
    )


def test_a_cancelled_or_future_registration_is_no_attendance():
    cancelled, future, later = participant("Afgemeld"), participant("Komt nog"), participant("Veel later")
    Registration = apps.get_model("events.Registration")
    past = meeting("Netwerkdag", at(datetime.date(2026, 10, 20)))
    after_today = meeting("Winterbijeenkomst", at(TODAY + datetime.timedelta(days=10)))
    next_year = meeting("Voorjaarsdag", timezone.now() + datetime.timedelta(days=120))
    for event, who, status in [
        (past, cancelled, Registration.Status.CANCELLED),
        (after_today, future, Registration.Status.CONFIRMED),
        (next_year, later, Registration.Status.CONFIRMED),
    ]:
        Registration.objects.create(
            event=event, participant=who, name=who.name, email=f"{who.pk}@example.org", status=status
        )
    assert {p.name for p in health.sham_participants(6, TODAY)} == {cancelled.name, future.name, later.name}
    assert future.name not in {
        p.name for p in health.sham_participants(6, TODAY + datetime.timedelta(days=11))
    }


def test_sham_participation_and_quiet_coalitions_with_coalitions():
    active, idle, no_coalition = participant("Actief"), participant("Stil in coalitie"), participant("Los")
    busy = CoalitionPageFactory(parent=coalition_index(), title="Rookvrije sport")
    sleepy = CoalitionPageFactory(parent=coalition_index(), title="Rookvrije zorg")
    CoalitionMembershipFactory(page=busy, participant=active)
    CoalitionMembershipFactory(page=sleepy, participant=idle)
    ActivityPageFactory(parent=busy, title="Toernooi", published_at=at(datetime.date(2026, 10, 1)))
    ActivityPageFactory(parent=sleepy, title="Oude activiteit", published_at=at(datetime.date(2025, 12, 1)))
    sham = health.sham_participants(6, TODAY)
    assert {p.name for p in sham} == {idle.name, no_coalition.name}
    assert {p.name: p.coalition_count for p in sham} == {idle.name: 1, no_coalition.name: 0}
    quiet = health.quiet_coalitions(6, TODAY)
    assert [c.title for c in quiet] == ["Rookvrije zorg"]
    assert quiet[0].last_activity.date() == datetime.date(2025, 12, 1)
    # A longer window counts the old activity too.
    assert health.quiet_coalitions(12, TODAY) == []


def test_network_graph_layout_is_deterministic():
    a, b = participant("A"), participant("B")
    sport = CoalitionPageFactory(parent=coalition_index(), title="Sport")
    zorg = CoalitionPageFactory(parent=coalition_index(), title="Zorg")
    CoalitionMembershipFactory(page=sport, participant=a, role="trekker")
    CoalitionMembershipFactory(page=sport, participant=b)
    CoalitionMembershipFactory(page=zorg, participant=b)
    graph = health.network_graph(size=600)
    assert [c["title"] for c in graph["coalitions"]] == ["Sport", "Zorg"]
    assert [p["title"] for p in graph["participants"]] == ["A", "B"]
    assert len(graph["edges"]) == 3 and sum(e["trekker"] for e in graph["edges"]) == 1
    # First coalition at the top of the inner circle, first participant at the top of the outer one.
    assert (graph["coalitions"][0]["x"], graph["coalitions"][0]["y"]) == (300.0, round(300 - 0.26 * 600, 1))
    assert graph == health.network_graph(size=600)
    assert graph["coalitions"][0]["members"] == ["A", "B"]


@pytest.fixture
def users():
    return {
        name: UserFactory(username=name, groups=[group])
        for name, group in [("bureau", OFFICE), ("kern", CORE_PARTNERS), ("partner", PARTNERS)]
    }


def test_only_core_partners_and_office_see_health(client, users):
    assert client.get("/netwerk/gezondheid/").status_code == 302
    client.force_login(users["partner"])
    assert client.get("/netwerk/gezondheid/").status_code == 403
    assert "/netwerk/gezondheid/" not in client.get("/mijn/").content.decode()
    for name in ("kern", "bureau"):
        client.force_login(users[name])
        response = client.get("/netwerk/gezondheid/", {"maanden": "3"})
        assert response.status_code == 200
        assert "Schijndeelname" in response.content.decode()
        assert "/netwerk/gezondheid/" in client.get("/mijn/").content.decode()


def test_health_page_shows_signals_graph_and_text_alternative(client, users):
    stil = participant("Stille Partner")
    kern_org = participant("Kern Org", Role.KERNPARTNER)
    ContactPersonFactory(participant=kern_org, name="K", email="kern@example.org", user=users["kern"])
    client.force_login(users["kern"])
    html = client.get("/netwerk/gezondheid/").content.decode()
    assert stil.name in html and "buiten de afgesproken 5 tot 8" in html
    assert "<svg" in html and "Tabel: groei per maand" in html
    CoalitionPageFactory(parent=coalition_index(), title="Sportcoalitie")
    html = client.get("/netwerk/gezondheid/").content.decode()
    assert "Lijst: deelnemers per coalitie" in html and "Sportcoalitie: geen deelnemers" in html
