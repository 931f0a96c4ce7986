"""Issue 19.8, through the UI only: a partner starts a coalition with a name like an existing one, is shown the
existing one ("Bestaat deze coalitie al?") and asks to join it instead."""

import pytest

from coalitions.factories import CoalitionIndexPageFactory, CoalitionPageFactory, add_membership
from coalitions.models import CoalitionPage, JoinRequest, MemberRole
from tests.conftest import login

from .conftest import make_contact

pytestmark = pytest.mark.browser


def test_partner_is_warned_of_a_similar_coalition_and_asks_to_join_instead(browser_page, site_home):
    index = CoalitionIndexPageFactory(parent=site_home)
    existing = CoalitionPageFactory(
        parent=index,
        title="Rookvrij Sporten Zwolle",
        slug="rookvrij-sporten-zwolle",
        kind="regio",
        region="ijsselland",
        city="Zwolle",
        themes=["sport"],
    )
    _, trekker = make_contact("trekker", name="Voetbalvereniging Zwolle")
    add_membership(existing, trekker, MemberRole.TREKKER)
    existing.save_revision().publish()
    _, partner = make_contact("partner", name="GGD IJsselland")

    page = browser_page
    login(page, "partner")
    page.goto("/mijn/")
    page.get_by_role("link", name="Een coalitie starten").first.click()
    page.get_by_label("Naam van de coalitie").fill("Rookvrije Sporten Zwolle")
    page.get_by_label("Soort coalitie").select_option(label="Regio")
    page.get_by_label("GGD-regio").select_option("ijsselland")
    page.get_by_label("Thema's").fill("sport, jeugd")
    page.get_by_label("Doel").fill("Elke sportclub in Zwolle rookvrij.")
    page.get_by_label("E-mailadres van de coalitie").fill("sport-zwolle@example.org")
    page.get_by_role("button", name="Coalitie starten").click()

    page.get_by_role("heading", name="Bestaat deze coalitie al?").wait_for()
    assert page.get_by_role("link", name="Rookvrij Sporten Zwolle").is_visible()
    assert page.get_by_text("De naam lijkt op die van uw coalitie.").is_visible()
    # Going back keeps what was typed.
    page.get_by_role("button", name="Gegevens aanpassen").click()
    assert page.get_by_label("Doel").input_value() == "Elke sportclub in Zwolle rookvrij."
    page.get_by_role("button", name="Coalitie starten").click()
    page.get_by_role("button", name="Vraag om lid te worden").click()
    page.wait_for_url(f"**{existing.url}")
    page.get_by_text("Uw verzoek is verstuurd.").wait_for()
    request = JoinRequest.objects.get(coalition=existing)
    assert request.participant == partner and "Rookvrije Sporten Zwolle" in request.message
    assert not CoalitionPage.objects.filter(title="Rookvrije Sporten Zwolle").exists()
