import pytest

from coalitions.factories import CoalitionPageFactory, coalition_index
from network.factories import ContactUserFactory
from tests.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_finds_a_suggested_coalition_on_its_dashboard(browser_page):
    ContactUserFactory(
        username="zeeland",
        contact__name="Zoë",
        contact__participant__name="GGD Zeeland",
        contact__participant__region="zeeland",
        contact__participant__sector="ggd",
    )
    CoalitionPageFactory(parent=coalition_index(), title="Rookvrij Zeeland", kind="regio", region="zeeland")
    CoalitionPageFactory(
        parent=coalition_index(), title="Rookvrij Limburg", kind="regio", region="zuid-limburg"
    )
    page = browser_page
    login(page, "zeeland")
    page.goto("/mijn/")
    suggestions = page.get_by_role("region", name="Coalities die bij u passen")
    link = suggestions.get_by_role("link", name="Rookvrij Zeeland")
    assert link.is_visible()
    assert "in uw regio" in suggestions.inner_text()
    assert suggestions.get_by_role("link", name="Rookvrij Limburg").count() == 0
    link.click()
    page.wait_for_url("**/rookvrij-zeeland/")
    assert page.get_by_role("heading", level=1).inner_text() == "Rookvrij Zeeland"
