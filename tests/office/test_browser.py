import pytest
from django.contrib.auth import get_user_model

from coalitions.factories import CoalitionPageFactory, coalition_index
from network.models import ContactPerson, Participant, Role
from tests.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_finds_a_suggested_coalition_on_its_dashboard(browser_page):
    participant = Participant.objects.create(
        name="GGD Zeeland", role=Role.PARTNER, region="zeeland", sector="ggd"
    )
    user = get_user_model().objects.create_user("zeeland", "zeeland@example.org", "pw")
    ContactPerson.objects.create(participant=participant, name="Zoë", email="zeeland@example.org", user=user)
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
