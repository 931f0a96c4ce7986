"""A new version of the rules in a real browser, through the screens only: the office starts a version from the
one in force, marks it material and publishes it after the confirmation page; a participant follows the link in
the mail, reads the change and confirms; the office sees the participant confirmed in the round. The publish
page, the participant's page and the round are checked at 1280 and 390 px; with NNR_SCREENSHOTS set they are
saved there as PNGs (prefix rules-)."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from network.factories import ContactPersonFactory, ParticipantFactory
from tests.conftest import login, resize_and_fit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("NNR_SCREENSHOTS", "")


def at_both_widths(page, name):
    for width in (1280, 390):
        resize_and_fit(page, width)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/rules-{name}-{width}.png", full_page=True)
    resize_and_fit(page, 1280)


def test_office_publishes_a_material_rules_change_and_a_participant_confirms(
    browser_page, rules_page, office_user
):
    page = browser_page
    participant = ParticipantFactory(name="GGD Noord")
    ContactPersonFactory(
        participant=participant, name="Petra", email="petra@ggd.example.org", is_primary=True
    )
    resize_and_fit(page, 1280)

    login(page, "bureau")
    page.goto("/admin/")
    page.get_by_role("link", name="Teksten en spelregels").first.click()
    page.locator(".new-versions").get_by_role("link", name="Spelregels", exact=True).click()
    text = page.get_by_role("textbox", name="Tekst*", exact=True)
    expect(text).to_have_value(re.compile("niet namens het netwerk"))
    text.fill(text.input_value() + "\n\n4. Deelnemers delen hun resultaten met het netwerk.")
    page.get_by_label("Wat is er veranderd").fill("Nieuwe regel 4: resultaten delen.")
    page.get_by_label("Wezenlijke wijziging").check()
    page.get_by_role("button", name="Concept opslaan").click()
    page.get_by_role("link", name="Publiceren…").click()
    expect(page.get_by_text("krijgt 1 deelnemer")).to_be_visible()
    expect(page.locator("ins").first).to_contain_text("resultaten")
    at_both_widths(page, "publiceren")
    page.get_by_role("button", name="Publiceren en 1 deelnemer mailen").click()
    expect(
        page.get_by_text("1 deelnemers krijgen een e-mail").or_(page.get_by_text("gepubliceerd"))
    ).to_be_visible()

    # Petra, without logging in, from the mail.
    (message,) = [m for m in mail.outbox if m.to == ["petra@ggd.example.org"]]
    path = re.search(r"http://\S+(/bevestigen/\S+/)", message.body).group(1)
    page.context.clear_cookies()
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Spelregels: versie 2")
    expect(page.locator("ins").first).to_contain_text("resultaten")
    at_both_widths(page, "bevestigen")
    page.get_by_label("Ik bevestig deze versie").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("uw bevestiging staat in het archief")).to_be_visible()
    expect(page.get_by_text("U heeft deze versie bevestigd")).to_be_visible()

    # The office sees it confirmed.
    page.context.clear_cookies()
    login(page, "bureau")
    page.goto("/admin/")
    page.get_by_role("link", name="Bevestigingen").first.click()
    page.get_by_role("link", name="Herbevestiging Spelregels, versie 2").click()
    expect(page.get_by_text("1 van de 1 deelnemers bevestigden")).to_be_visible()
    expect(page.locator("#bevestigd")).to_contain_text("GGD Noord")
    at_both_widths(page, "ronde")
