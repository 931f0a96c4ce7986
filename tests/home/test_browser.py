import pytest

from tests.conftest import login

pytestmark = pytest.mark.browser


def test_visitor_reads_home_and_logs_in(browser_page, demo):
    page = browser_page
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", name="Onze missie").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    login(page, "partner", "nnr-demo-2026")
    page.wait_for_url("**/")
    page.goto("/mijn/")
    assert "GGD-team Utrecht" in page.content()
