"""What visitors see on /coalities/ and a coalition page."""

import pytest
from django.core.exceptions import ValidationError

from coalitions.factories import ActivityPageFactory, CoalitionPageFactory, add_membership
from coalitions.models import CoalitionPage, ExternalMember, MemberRole
from coalitions.regionmap import region_counts, region_map
from network.factories import ParticipantFactory
from network.regions import GGD_REGIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalitions(index):
    utrecht = CoalitionPageFactory(
        parent=index, title="Rookvrij Utrecht", kind="regio", region="utrecht", goal="Speelplekken rookvrij."
    )
    utrecht.themes.add("jeugd")
    utrecht.save()
    sport = CoalitionPageFactory(
        parent=index,
        title="Sportclubs",
        kind="type_organisatie",
        organisation_type="sport",
        goal="Rookvrije sportparken.",
    )
    sport.themes.add("sport")
    sport.save()
    zwanger = CoalitionPageFactory(
        parent=index, title="Rookvrije zwangerschap", kind="thema", goal="Stoppen tijdens zwangerschap."
    )
    ActivityPageFactory(parent=utrecht, title="Oude activiteit", start_date="2026-01-01")
    ActivityPageFactory(parent=utrecht, title="Nieuwste activiteit", start_date="2026-05-01")
    return utrecht, sport, zwanger


def titles(html):
    return [t for t in ("Rookvrij Utrecht", "Sportclubs", "Rookvrije zwangerschap") if f">{t}</a>" in html]


def test_index_lists_goal_and_latest_activity(client, coalitions):
    html = client.get("/coalities/").content.decode()
    assert titles(html) == ["Rookvrij Utrecht", "Sportclubs", "Rookvrije zwangerschap"]
    assert "Speelplekken rookvrij." in html
    assert "Nieuwste activiteit" in html and "Oude activiteit" not in html
    assert "Nog geen activiteiten gedeeld." in html


@pytest.mark.parametrize(
    "query,expected",
    [
        ("kind=regio", ["Rookvrij Utrecht"]),
        ("region=utrecht", ["Rookvrij Utrecht"]),
        ("theme=sport", ["Sportclubs"]),
        ("organisation_type=sport", ["Sportclubs"]),
        ("q=zwanger", ["Rookvrije zwangerschap"]),
        ("q=SPORTPARKEN", ["Sportclubs"]),
        ("q=jeugd", ["Rookvrij Utrecht"]),
        ("kind=thema&q=utrecht", []),
    ],
)
def test_index_filters_and_search(client, coalitions, query, expected):
    html = client.get(f"/coalities/?{query}").content.decode()
    assert titles(html) == expected


def test_bad_filter_value_shows_everything_and_an_error(client, coalitions):
    response = client.get("/coalities/?kind=onzin")
    assert response.status_code == 200
    assert len(titles(response.content.decode())) == 3


def test_index_is_paginated(client, index):
    for n in range(14):
        CoalitionPageFactory(parent=index, title=f"Coalitie {n:02d}")
    first = client.get("/coalities/").content.decode()
    second = client.get("/coalities/?page=2").content.decode()
    assert "14 coalities" in first and "Pagina 1 van 2" in first and 'rel="next"' in first
    assert "Coalitie 13" in second and "Coalitie 00" not in second


def test_map_links_every_region_with_a_text_alternative(client, coalitions):
    html = client.get("/coalities/").content.decode()
    assert html.count('<a href="/coalities/?region=') == 2 * 25  # one tile and one table row per region
    assert 'aria-label="GGD regio Utrecht: 1 coalitie"' in html
    assert "<title>GGD Twente: 0 coalities</title>" in html
    assert "<table>" in html


def test_region_counts_and_map_are_reusable(coalitions):
    counts = region_counts(CoalitionPage.objects.live().public())
    assert counts["utrecht"] == 1 and counts["twente"] == 0 and len(counts) == 25
    data = region_map(counts, link=lambda code: f"/x/{code}/", nouns=("deelnemer", "deelnemers"))
    tiles = {r["code"]: r for r in data["regions"]}
    utrecht, groningen, limburg = tiles["utrecht"], tiles["groningen"], tiles["zuid-limburg"]
    assert utrecht["url"] == "/x/utrecht/" and utrecht["text"] == "GGD regio Utrecht: 1 deelnemer"
    assert groningen["y"] < utrecht["y"] < limburg["y"] and groningen["x"] > utrecht["x"]
    assert len({(r["x"], r["y"]) for r in data["regions"]}) == 25  # one tile each, none on another
    assert all(0 <= r["x"] < data["width"] and 0 <= r["y"] < data["height"] for r in data["regions"])
    assert (utrecht["shade"], tiles["twente"]["shade"]) == (4, 0)


def map_counts(html):
    """Region code -> the count its tile shows, read from the tiles' labels."""
    counts = {}
    for code, *_ in GGD_REGIONS:
        tile = html.split(f'region={code}"', 1)[1].split("</a>", 1)[0]
        counts[code] = int(tile.split('class="count">')[1].split("<")[0])
    return counts


def test_the_map_counts_follow_the_filters_other_than_the_region(client, coalitions, index):
    CoalitionPageFactory(parent=index, title="Utrecht thema", kind="thema", region="utrecht", goal="x")
    CoalitionPageFactory(parent=index, title="Twente sport", kind="regio", region="twente", goal="y")
    assert (map_counts(client.get("/coalities/").content.decode())["utrecht"], "all") == (2, "all")
    regional = map_counts(client.get("/coalities/?kind=regio").content.decode())
    assert (regional["utrecht"], regional["twente"], sum(regional.values())) == (1, 1, 2)
    thematic = map_counts(client.get("/coalities/?kind=thema").content.decode())
    assert (thematic["utrecht"], thematic["twente"]) == (1, 0)
    # With a region chosen the map still shows every region (for the other filters), the chosen one marked,
    # and each tile keeps the other filters in its link.
    html = client.get("/coalities/?kind=regio&region=twente").content.decode()
    assert map_counts(html)["utrecht"] == 1
    assert 'href="/coalities/?kind=regio&amp;region=utrecht"' in html
    assert 'class="region shade-4 selected" aria-current="true"' in html


def test_coalition_page_shows_members_but_not_those_who_left(client, coalitions):
    utrecht = coalitions[0]
    stays = ParticipantFactory(name="GGD Blijft")
    leaves = ParticipantFactory(name="Gemeente Vertrekt")
    add_membership(utrecht, stays, MemberRole.TREKKER)
    add_membership(utrecht, leaves)
    ExternalMember.objects.create(page=utrecht, name="Jan Buiten", organisation="Jongerenraad")
    leaves.mark_left(reason="Gestopt")
    html = client.get(utrecht.url).content.decode()
    assert "GGD Blijft" in html and "(trekker)" in html and "Jan Buiten" in html
    assert "Gemeente Vertrekt" not in html
    assert "Speelplekken rookvrij." in html and "Nieuwste activiteit" in html
    assert utrecht.contact_email in html


def test_external_member_needs_an_address_to_sign_the_declaration_itself(coalitions):
    member = ExternalMember(page=coalitions[0], name="Iemand", organisation="Bedrijf")
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "ondertekent de verklaring zelf" in str(error.value.message_dict["email"])


def test_regional_coalition_needs_a_region_or_city(index):
    page = CoalitionPage(title="X", slug="x", kind="regio", goal="Doel", contact_email="x@example.org")
    with pytest.raises(ValidationError):
        page.full_clean()


def test_activity_page_renders(client, coalitions):
    activity = coalitions[0].get_children().live().first().specific
    html = client.get(activity.url).content.decode()
    assert activity.title in html and "Rookvrij Utrecht" in html


def test_a_one_day_activity_shows_one_date(client, coalitions):
    utrecht = coalitions[0]
    ActivityPageFactory(parent=utrecht, title="Startdag", start_date="2025-11-13", end_date="2025-11-13")
    ActivityPageFactory(parent=utrecht, title="Campagne", start_date="2026-05-02", end_date="2026-07-31")
    html = client.get(utrecht.url).content.decode()
    assert "13 november 2025" in html and "13 november 2025 – 13 november 2025" not in html
    assert "2 mei 2026 – 31 juli 2026" in html


def test_coalition_page_invites_joining_and_shows_what_was_learned(client, coalitions):
    utrecht = coalitions[0]
    ActivityPageFactory(
        parent=utrecht, title="Pleinen geteld", lessons_learned="<p>Begin bij de scholen.</p>"
    )
    html = client.get(utrecht.url).content.decode()
    main, aside = html.split('class="coalition-aside"')
    assert "Wat we leerden" in main and "Begin bij de scholen." in main
    assert aside.index('id="meedoen"') < aside.index('id="leden"') < aside.index('id="contact"')
    assert 'href="/aanmelden/"' in aside and "Vragen om mee te doen" not in aside  # a visitor logs in first
