"""A reader on a phone (390 px): signs up choosing themes and a region from folded groups, follows the link in
the confirmation mail, is told it worked and what comes next, and changes the preferences."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from taggit.models import Tag

from newsletters.factories import newsletter_tree
from newsletters.models import Subscriber

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def _fits(page):
    """Nothing scrolls sideways, and axe-core finds nothing wrong."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert [v["id"] for v in violations] == []


def test_a_reader_on_a_phone_signs_up_confirms_and_changes_preferences(browser_page):
    newsletter_tree()
    for name in ("horeca", "jeugd", "onderwijs", "sport", "zorg"):
        Tag.objects.create(name=name, slug=name)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/nieuwsbrief/")
    page.wait_for_function("window.innerWidth === 390")
    themes = page.get_by_role("group", name="Thema's die mij interesseren")
    assert not themes.get_by_label("jeugd").is_visible()  # folded away until asked for
    page.get_by_text("Kies thema's").click()
    themes.get_by_label("jeugd").check()
    themes.get_by_label("sport").check()
    assert themes.get_by_text("(2 gekozen)").is_visible()
    page.get_by_text("Kies regio's").click()
    page.get_by_label("GGD Twente").check()
    _fits(page)
    page.get_by_role("textbox", name="E-mailadres").fill("lezer@example.org")
    page.get_by_label("Ik wil de nieuwsbrief").check()
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("heading", name="Bevestig uw aanmelding").wait_for()
    _fits(page)

    (message,) = mail.outbox
    link = re.search(r"http\S+(/nieuwsbrief/bevestigen/\S+/)", message.body)
    page.goto(link.group(1))  # the mail's link, on the test server's address
    page.get_by_role("button", name="Ja, bevestig mijn aanmelding").click()
    page.get_by_role("heading", name="Aanmelding bevestigd").wait_for()
    assert page.get_by_text("Uw aanmelding is gelukt").is_visible()
    assert page.get_by_role("link", name="Lees de eerdere nieuwsbrieven").is_visible()
    _fits(page)

    page.get_by_role("link", name="Kies de thema's en regio's").click()
    themes = page.get_by_role("group", name="Thema's die mij interesseren")
    assert themes.get_by_text("(2 gekozen)").is_visible()  # what was chosen at sign-up
    page.get_by_text("Kies thema's").click()
    assert themes.get_by_label("jeugd").is_checked()
    themes.get_by_label("sport").uncheck()
    themes.get_by_label("zorg").check()
    themes.get_by_label("horeca").check()
    assert themes.get_by_text("(3 gekozen)").is_visible()
    _fits(page)
    page.get_by_role("button", name="Voorkeuren opslaan").click()
    page.get_by_text("Uw voorkeuren zijn opgeslagen.").wait_for()
    assert (
        page.get_by_role("group", name="Regio's die mij interesseren").get_by_text("(1 gekozen)").is_visible()
    )
    subscriber = Subscriber.objects.get(email="lezer@example.org")
    assert subscriber.is_active
    assert sorted(subscriber.themes.values_list("name", flat=True)) == ["horeca", "jeugd", "zorg"]
    assert subscriber.regions == ["twente"]
