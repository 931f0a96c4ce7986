"""In a real browser, through the UI only: a partner shares an article from /mijn/, the office asks for a change in
the Wagtail admin, the partner reads the comment on /mijn/, edits and resubmits, the office approves, it is live."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from knowledge.factories import knowledge_index
from network.factories import ContactUserFactory, OfficeUserFactory
from network.roles import ensure_groups
from tests.conftest import login

pytestmark = pytest.mark.browser

TITLE = "Rookvrij schoolplein in Deventer"
COMMENT = "Graag de bron van de cijfers vermelden."


def my_articles(page):
    return page.locator("section", has=page.get_by_role("heading", name="Mijn kennisartikelen"))


def office_action(page, title, label):
    """In the admin: open the article from the office's dashboard list, then pick a moderation action."""
    page.goto("/admin/")
    page.get_by_role("link", name=title).first.click()
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name=label, exact=True).click()


def test_partner_shares_office_asks_changes_partner_resubmits_office_approves(browser_page):
    ensure_groups()
    knowledge_index()
    ContactUserFactory(
        username="pia",
        email="pia@example.org",
        contact__name="Pia",
        contact__participant__name="GGD Deventer",
    )
    OfficeUserFactory(username="bea")
    page = browser_page

    login(page, "pia")
    page.goto("/mijn/")
    my_articles(page).get_by_role("link", name="Kennis delen").click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Samenvatting").fill("Hoe drie basisscholen hun schoolplein rookvrij maakten.")
    page.get_by_label("Tekst").fill("We begonnen bij de ouders.\n\n## Wat we deden\n- bordjes\n- een brief")
    page.get_by_label("Soort").select_option(label="Les")
    page.get_by_label("Andere thema's").fill("onderwijs")
    page.get_by_role("button", name="Opslaan als concept").click()
    assert page.get_by_text("Uw concept is opgeslagen").is_visible()
    page.get_by_role("button", name="Insturen ter beoordeling").click()
    page.wait_for_url("**/mijn/")
    row = my_articles(page).get_by_role("row", name=TITLE)
    assert "Ter beoordeling bij het netwerkbureau" in row.inner_text()

    page.context.clear_cookies()
    login(page, "bea")
    mail.outbox.clear()
    office_action(page, TITLE, "Wijzigingsverzoek")
    page.locator("#id_comment").fill(COMMENT)
    page.locator(".modal").get_by_role("button", name="Wijzigingsverzoek").click()
    page.wait_for_url(lambda url: "/edit/" not in url, timeout=60_000)
    [changes] = [m for m in mail.outbox if m.to == ["pia@example.org"]]
    assert COMMENT in changes.body and "/mijn/kennis/" in changes.body

    page.context.clear_cookies()
    login(page, "pia")
    page.goto("/mijn/")
    row = my_articles(page).get_by_role("row", name=TITLE)
    assert "Aanpassing gevraagd door het netwerkbureau" in row.inner_text() and COMMENT in row.inner_text()
    row.get_by_role("link", name="bewerken").click()
    assert page.get_by_text(COMMENT).is_visible()
    text = page.get_by_label("Tekst")
    text.fill(text.input_value() + "\n\nBron: [Trimbos-instituut](https://www.trimbos.nl)")
    page.get_by_role("button", name="Opnieuw insturen").click()
    page.wait_for_url("**/mijn/")
    assert (
        "Ter beoordeling bij het netwerkbureau"
        in my_articles(page).get_by_role("row", name=TITLE).inner_text()
    )

    page.context.clear_cookies()
    login(page, "bea")
    mail.outbox.clear()
    office_action(page, TITLE, "Goedkeuren en publiceren")
    page.wait_for_url(lambda url: "/edit/" not in url, timeout=60_000)
    [approved] = [m for m in mail.outbox if m.to == ["pia@example.org"]]
    assert "staat in de kennisbank" in approved.subject

    page.context.clear_cookies()
    login(page, "pia")
    page.goto("/mijn/")
    row = my_articles(page).get_by_role("row", name=TITLE)
    assert "Gepubliceerd" in row.inner_text()
    row.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()  # waits for the article
    assert page.get_by_role("heading", level=2, name="Wat we deden").is_visible()
    assert page.get_by_role("link", name="Trimbos-instituut").is_visible()
    assert page.get_by_text("Gedeeld door GGD Deventer").is_visible()
