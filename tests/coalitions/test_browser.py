import pytest

from coalitions.factories import CoalitionIndexPageFactory, CoalitionPageFactory, add_membership
from coalitions.models import MemberRole

from .conftest import make_contact

pytestmark = pytest.mark.browser


def test_coalition_editor_edits_the_goal_in_wagtail_and_sees_it_published(browser_page, site_home):
    index = CoalitionIndexPageFactory(parent=site_home)
    coalition = CoalitionPageFactory(
        parent=index, title="Rookvrij Spelen", slug="rookvrij-spelen", goal="Oud doel"
    )
    _, participant = make_contact("redacteur")
    add_membership(coalition, participant, MemberRole.TREKKER)
    coalition.save_revision().publish()

    page = browser_page
    page.goto("/admin/login/")
    page.fill("#id_username", "redacteur")
    page.fill("#id_password", "pw")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/pages/{coalition.pk}/edit/")
    goal = page.locator("#id_goal")
    goal.fill("Alle speeltuinen in de regio rookvrij")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-publish']").click()
    page.get_by_text("is gepubliceerd").wait_for()
    page.goto("/coalities/rookvrij-spelen/")
    assert page.locator(".coalition-goal").inner_text() == "Alle speeltuinen in de regio rookvrij"


def test_region_map_is_reachable_by_keyboard(browser_page, site_home):
    index = CoalitionIndexPageFactory(parent=site_home)
    CoalitionPageFactory(parent=index, title="Rookvrij Twente", kind="regio", region="twente")
    page = browser_page
    page.goto("/coalities/")
    for _ in range(80):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.getAttribute('aria-label') || ''")
        if label.startswith("GGD Twente"):
            break
    assert label == "GGD Twente: 1 coalitie"
    page.keyboard.press("Enter")
    page.wait_for_url("**/coalities/?region=twente")
    assert page.get_by_role("link", name="Rookvrij Twente").is_visible()
