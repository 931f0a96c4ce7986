"""In a real browser: a partner shares an article, the office approves it in the Wagtail admin, it goes public."""

import pytest

from knowledge.factories import knowledge_index
from knowledge.models import KnowledgeArticlePage
from network.factories import ContactUserFactory, OfficeUserFactory
from network.roles import ensure_groups
from tests.conftest import login

pytestmark = pytest.mark.browser

TITLE = "Rookvrij langs de lijn"


def choose_action(page, label):
    """Open the editor's 'more actions' menu and pick an action, as an editor would."""
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name=label, exact=True).click()


def test_partner_submits_office_approves_and_it_shows_on_kennis(browser_page):
    ensure_groups()
    index = knowledge_index()
    partner = ContactUserFactory(
        username="pia", contact__name="Pia", contact__participant__name="Voetbalclub Oost"
    )
    club = partner.contact_person.participant
    OfficeUserFactory(username="bea")
    page = browser_page

    login(page, "pia")
    page.wait_for_url("**/")
    page.goto(f"/admin/pages/add/knowledge/knowledgearticlepage/{index.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Hoe onze club het sportpark rookvrij maakte.")
    page.evaluate("document.getElementById('id_slug').value = 'rookvrij-langs-de-lijn'")
    choose_action(page, "Stuur door naar Redactie netwerkbureau")
    page.wait_for_url(f"**/admin/pages/{index.pk}/", timeout=60_000)  # saving is slow on a busy CI machine
    article = KnowledgeArticlePage.objects.get(title=TITLE)
    assert not article.live and article.author == club
    page.goto("/kennis/")
    assert TITLE not in page.content()

    page.context.clear_cookies()
    login(page, "bea")
    page.wait_for_url("**/")
    page.goto(f"/admin/pages/{article.pk}/edit/")
    choose_action(page, "Goedkeuren en publiceren")
    page.wait_for_url(f"**/admin/pages/{index.pk}/", timeout=60_000)  # saving is slow on a busy CI machine
    article.refresh_from_db()
    assert article.live
    page.goto("/kennis/")
    assert page.get_by_role("link", name=TITLE).is_visible()
    page.get_by_role("link", name=TITLE).click()
    assert page.get_by_role("heading", level=1, name=TITLE).is_visible()
