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
from network.models import Role, RoleChange
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


def test_growth_counts_active_participants_at_each_months_end():
    participant("Oud", joined=datetime.date(2020, 1, 1))
    participant("Sept A", joined=datetime.date(2026, 9, 3))
    participant("Sept B", joined=datetime.date(2026, 9, 30))
    participant("Nov", joined=datetime.date(2026, 11, 1))
    participant(
        "Weg", joined=datetime.date(2020, 1, 1), status="vertrokken", left_on=datetime.date(2026, 10, 10)
    )
    rows = health.growth(3, TODAY)
    assert [(r["month"], r["joined"], r["left"], r["active"]) for r in rows] == [
        (datetime.date(2026, 9, 1), 2, 0, 4),
        (datetime.date(2026, 10, 1), 0, 1, 3),
        (datetime.date(2026, 11, 1), 1, 0, 4),
    ]


def test_roles_over_time_follow_the_role_history():
    grower = participant("Groeier", Role.SUPPORTER)
    RoleChange.objects.filter(participant=grower).update(changed_at=at(LONG_AGO))
    grower.change_role(Role.PARTNER)
    RoleChange.objects.filter(participant=grower, to_role=Role.PARTNER).update(
        changed_at=at(datetime.date(2026, 10, 5))
    )
    participant("Kern", Role.KERNPARTNER)  # its history starts today, after the months counted: its role now
    rows = health.growth(3, TODAY)
    assert [r["roles"] for r in rows] == [
        {"kernpartner": 1, "partner": 0, "supporter": 1},
        {"kernpartner": 1, "partner": 1, "supporter": 0},
        {"kernpartner": 1, "partner": 1, "supporter": 0},
    ]
    assert [s["values"] for s in health.role_series(rows)] == [[1, 1, 1], [0, 1, 1], [1, 0, 0]]


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


def test_coalitions_sharing_members_and_those_apart():
    a, b, c, d = participant("A"), participant("B"), participant("C"), participant("D")
    gone = participant("Weg", status="vertrokken")
    sport = CoalitionPageFactory(parent=coalition_index(), title="Sport")
    zorg = CoalitionPageFactory(parent=coalition_index(), title="Zorg")
    scholen = CoalitionPageFactory(parent=coalition_index(), title="Scholen")
    concept = CoalitionPageFactory(parent=coalition_index(), title="Concept", live=False)
    for page, members in [(sport, [a, b, c, gone]), (zorg, [b, c]), (scholen, [d, gone]), (concept, [a, d])]:
        for member in members:
            CoalitionMembershipFactory(page=page, participant=member)
    CoalitionMembershipFactory(page=zorg, participant=d, left_on=datetime.date(2026, 1, 1))  # ended
    CoalitionMembershipFactory(page=scholen, participant=a, status="uitgenodigd")  # not accepted
    overlap = health.coalition_overlap()
    assert [(c["title"], c["members"]) for c in overlap["coalitions"]] == [
        ("Scholen", 1),
        ("Sport", 3),
        ("Zorg", 2),
    ]
    assert [(p["a"], p["b"], p["names"]) for p in overlap["pairs"]] == [("Sport", "Zorg", ["B", "C"])]
    assert [c["title"] for c in overlap["apart"]] == ["Scholen"]
    sport_node = overlap["coalitions"][1]
    assert sport_node["description"] == "Sport: 3 deelnemers; deelt deelnemers met Zorg (2)"


def test_participants_without_coalition():
    member, ended, invited, draft_only = (
        participant(n) for n in ("Lid", "Gestopt", "Uitgenodigd", "Concept")
    )
    supporter = participant("Supporter", Role.SUPPORTER)
    kern = participant("Kern", Role.KERNPARTNER)
    participant("Weg", status="vertrokken")
    live = CoalitionPageFactory(parent=coalition_index(), title="Sport")
    concept = CoalitionPageFactory(parent=coalition_index(), title="Concept", live=False)
    CoalitionMembershipFactory(page=live, participant=member)
    CoalitionMembershipFactory(page=live, participant=ended, left_on=datetime.date(2026, 1, 1))
    CoalitionMembershipFactory(page=live, participant=invited, status="uitgenodigd")
    CoalitionMembershipFactory(page=concept, participant=draft_only)
    assert [p.name for p in health.without_coalition()] == [
        kern.name,
        draft_only.name,
        ended.name,
        invited.name,
        supporter.name,
    ]


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
    assert "<svg" in html and "Tabel: groei per maand" in html and "Tabel: rollen per maand" in html
    CoalitionPageFactory(parent=coalition_index(), title="Sportcoalitie")
    html = client.get("/netwerk/gezondheid/").content.decode()
    assert (
        "Nog geen coalities die deelnemers delen." in html and "1 coalitie zonder gedeelde deelnemers" in html
    )


def shared_network(size, prefix=""):
    """`size` coalitions in a row, each sharing two members with the next; a partner without coalition each."""
    pages = [
        CoalitionPageFactory(parent=coalition_index(), title=f"{prefix}Coalitie {i}") for i in range(size)
    ]
    members = [
        participant(f"{prefix}Lid {i}", joined=datetime.date(2025, 1 + i % 12, 1))
        for i in range(2 * size + 2)
    ]
    for i, page in enumerate(pages):
        for member in members[2 * i : 2 * i + 4]:
            CoalitionMembershipFactory(page=page, participant=member)
        participant(f"{prefix}Los {i}", region="utrecht")
        participant(f"{prefix}Groeier {i}", Role.SUPPORTER).change_role(Role.PARTNER)
    return pages


def test_the_page_draws_the_graph_lists_participants_without_coalition_and_labels_months(client, users):
    pages = shared_network(3)
    client.force_login(users["bureau"])
    html = client.get("/netwerk/gezondheid/").content.decode()
    for page in pages:  # every coalition a node in both drawings, labelled and linked
        assert html.count(f'<a href="{page.url}" class="graph-node"') == 2
        assert html.count(f">{page.title}</tspan>") == 2
    assert "Coalitie 0 en Coalitie 1: 2 gedeelde deelnemers" in html
    assert "Coalitie 1: 4 deelnemers; deelt deelnemers met Coalitie 0 (2), Coalitie 2 (2)" in html
    assert "6 partners en kernpartners zonder coalitie" in html and "Utrecht" in html
    assert html.count('class="chart chart-wide"') == 2 and html.count('class="chart chart-narrow"') == 2
    assert ">mrt</text>" in html or ">jun</text>" in html  # Dutch month names


def test_the_page_makes_as_many_queries_for_a_big_network_as_for_a_small_one(client, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["kern"])
    counts = []
    for size, prefix in [(2, ""), (6, "Meer ")]:
        shared_network(size, prefix)
        client.get("/netwerk/gezondheid/")  # the site's root paths are cached after the first visit
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/netwerk/gezondheid/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_demo_network_has_pictures_worth_drawing(demo):
    """Demo members joined over two years and some grew into their role, so no picture is one bar or flat."""
    rows = health.growth(18)
    active = [row["active"] for row in rows]
    assert active[0] < active[-1] and len(set(active)) > 6
    assert RoleChange.objects.filter(from_role=Role.SUPPORTER, to_role=Role.PARTNER).exists()
    partners = [row["roles"][Role.PARTNER] for row in rows]
    assert partners[0] < partners[-1]
    assert health.coalition_overlap()["pairs"]


def test_a_big_network_draws_its_strongest_links_and_tables_every_pair(client, users):
    """Placing every coalition of a generated network of 1,000 did not finish; the drawing keeps the pairs
    sharing most and says so, the table below it names them all."""
    from office import views

    views_cap = views.GRAPH_PAIRS
    pages = shared_network(views_cap + 5)  # a row of coalitions: 34 pairs, more than drawn
    client.force_login(users["bureau"])
    html = client.get("/netwerk/gezondheid/").content.decode()
    assert f"De tekening toont de {views_cap} tweetallen die de meeste deelnemers delen" in html
    drawn = sum(html.count(f'<a href="{page.url}" class="graph-node"') for page in pages)
    assert 0 < drawn <= 2 * (views_cap + 1) * 2  # both drawings, at most the coalitions of the drawn pairs
    assert html.count('<tr><th scope="row">') >= views_cap + 4  # the table names every pair
