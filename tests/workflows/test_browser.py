"""A core partner finds the reflection in "Mijn taken" and opens it from there, on a phone."""

import pytest

from governance.tasks import start_due_reflection
from tests.conftest import login
from tests.governance.conftest import core_partners

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Reflectie op missie, spelregels en netwerkvorm"


def no_sideways_scrolling(page):
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_core_partner_opens_a_task_from_mijn_taken_on_a_phone(browser_page):
    page = browser_page
    (_, anna), (_, bert) = core_partners(2)
    start_due_reflection()  # as beat does: a task for whichever core partner picks it up
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, anna.username)
    page.goto("/mijn/")
    panel = page.get_by_role("region", name="Mijn taken")
    assert panel.get_by_role("link", name=TITLE).is_visible()
    panel.get_by_role("link", name="Mijn taak bekijken").click()
    page.wait_for_url("**/mijn/taken/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn taken"
    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=TITLE))
    assert "Contact Kern 2" in card.inner_text()  # who else can pick it up
    assert no_sideways_scrolling(page)
    card.get_by_role("link", name="Naar de taak").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name=TITLE).is_visible()
