"""No duplicates (issue 19.8): starting a coalition first shows the coalitions like it ("Bestaat deze coalitie
al?"), offers to ask to join one of them, and starts the new one only when the person goes on anyway."""

import pytest
from wagtail.models import PageViewRestriction

from coalitions.factories import CoalitionPageFactory, add_membership
from coalitions.models import CoalitionPage, JoinRequest, MemberRole, MembershipStatus
from coalitions.similar import names_alike

from .conftest import make_contact

pytestmark = pytest.mark.django_db

START = {
    "title": "Rookvrije Sporten Zwolle",
    "kind": "regio",
    "region": "groningen",
    "city": "",
    "organisation_type": "",
    "themes": "sport",
    "goal": "Alle sportparken rookvrij.",
    "contact_email": "nieuw@example.org",
}


@pytest.fixture
def existing(index):
    page = CoalitionPageFactory(
        parent=index,
        title="Rookvrij Sporten Zwolle",
        slug="rookvrij-sporten-zwolle",
        kind="regio",
        region="ijsselland",
        city="Zwolle",
        themes=["sport", "jeugd"],
    )
    _, trekker = make_contact("trekker")
    add_membership(page, trekker, MemberRole.TREKKER)
    return page


@pytest.fixture
def starter(client):
    user, participant = make_contact("starter")
    client.force_login(user)
    return participant


@pytest.mark.parametrize(
    ("first", "second", "alike"),
    [
        ("Rookvrije Sporten Zwolle", "Rookvrij Sporten Zwolle", True),
        ("rookvrij sporten zwolle", "Sporten Zwolle Rookvrij", True),
        ("Rookvrij Groninge", "Rookvrij Groningen", True),  # a typo
        ("Rookvrij Fryslân", "Rookvrij Fryslan", True),  # accents
        ("Rookvrij Twente", "Rookvrij Groningen", False),  # only the word every coalition has in common
        ("Rookvrij Sporten Noord", "Rookvrij Sporten Zwolle", False),
    ],
)
def test_names_are_compared_as_dutch_stems(first, second, alike):
    assert names_alike(first, second) is alike


def test_a_similar_name_shows_the_warning_and_starts_nothing(client, existing, starter):
    response = client.post("/coalitie-starten/", START)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bestaat deze coalitie al?" in html
    assert "Rookvrij Sporten Zwolle" in html and existing.url in html
    assert "De naam lijkt op die van uw coalitie." in html
    assert f'action="/coalitie/{existing.pk}/meedoen/"' in html
    assert "Vraag om lid te worden" in html and "Toch een nieuwe coalitie starten" in html
    # Nothing typed is lost: every value goes along with the button that starts it anyway.
    assert 'type="hidden" name="goal" value="Alle sportparken rookvrij."' in html
    assert 'type="hidden" name="contact_email" value="nieuw@example.org"' in html
    assert CoalitionPage.objects.count() == 1


def test_same_region_and_theme_shows_the_warning(client, existing, starter):
    data = dict(START, title="Gezond Bewegen IJssel", region="ijsselland", themes="Sport, bewegen")
    html = client.post("/coalitie-starten/", data).content.decode()
    assert "Bestaat deze coalitie al?" in html
    assert "Deze coalitie werkt in dezelfde regio aan hetzelfde thema." in html
    assert CoalitionPage.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Rookvrije Kinderopvang Groningen"},  # other name, other region
        {"title": "Gezond Bewegen IJssel", "region": "ijsselland", "themes": "onderwijs"},  # same region only
        {"title": "Gezond Bewegen Noord", "region": "groningen", "themes": "sport"},  # same theme only
    ],
)
def test_a_different_coalition_is_started_at_once(client, existing, starter, change):
    response = client.post("/coalitie-starten/", dict(START, **change))
    page = CoalitionPage.objects.get(title=change["title"])
    assert response.status_code == 302 and response["Location"] == page.url
    assert page.is_trekker(starter)


def test_going_on_anyway_starts_the_coalition(client, existing, starter):
    response = client.post("/coalitie-starten/", dict(START, doorgaan="1"))
    page = CoalitionPage.objects.get(title="Rookvrije Sporten Zwolle")
    assert response.status_code == 302 and response["Location"] == page.url
    assert page.is_trekker(starter) and page.goal == "Alle sportparken rookvrij."


def test_changing_the_details_shows_the_form_as_it_was_typed(client, existing, starter):
    html = client.post("/coalitie-starten/", dict(START, aanpassen="1")).content.decode()
    assert "Bestaat deze coalitie al?" not in html
    assert 'value="Rookvrije Sporten Zwolle"' in html and "Alle sportparken rookvrij." in html
    assert CoalitionPage.objects.count() == 1


def test_asking_to_join_instead_sends_a_join_request(
    client, existing, starter, django_capture_on_commit_callbacks
):
    html = client.post("/coalitie-starten/", START).content.decode()
    assert 'name="message" value="Wij wilden zelf de coalitie' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/coalitie/{existing.pk}/meedoen/",
            {"message": "Wij wilden zelf de coalitie “Rookvrije Sporten Zwolle” starten"},
        )
    assert response.status_code == 302 and response["Location"] == existing.url
    request = JoinRequest.objects.get(coalition=existing)
    assert request.participant == starter and request.status == JoinRequest.Status.PENDING
    assert "Rookvrije Sporten Zwolle" in request.message
    assert CoalitionPage.objects.count() == 1
    # Trying again shows that the organisation asked already, and no button to ask twice.
    html = client.post("/coalitie-starten/", START).content.decode()
    assert "Uw organisatie heeft al gevraagd om mee te doen." in html
    assert f'action="/coalitie/{existing.pk}/meedoen/"' not in html


def test_a_member_or_invited_organisation_is_told_so(client, existing, starter):
    add_membership(existing, starter)
    html = client.post("/coalitie-starten/", START).content.decode()
    assert "Uw organisatie doet al mee met deze coalitie." in html
    existing.memberships.filter(participant=starter).update(status=MembershipStatus.INVITED)
    html = client.post("/coalitie-starten/", START).content.decode()
    assert "Uw organisatie is al uitgenodigd voor deze coalitie." in html


def test_a_private_coalition_is_never_shown(client, existing, starter):
    PageViewRestriction.objects.create(page=existing, restriction_type=PageViewRestriction.LOGIN)
    response = client.post("/coalitie-starten/", START)
    assert response.status_code == 302  # started at once: the private one is not named
    assert CoalitionPage.objects.filter(title="Rookvrije Sporten Zwolle").exists()


def test_errors_come_first_and_stay_at_the_fields(client, existing, starter):
    html = client.post("/coalitie-starten/", dict(START, contact_email="geen")).content.decode()
    assert "Bestaat deze coalitie al?" not in html
    assert "Controleer het formulier" in html
