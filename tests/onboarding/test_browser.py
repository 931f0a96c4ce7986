"""The front door in a real browser, through the screens only, the people logging in in turn: an applicant
applies and confirms the address from the mail, the office screens it from the screening list and puts it
before the core partners, a core partner admits it, and the new contact sets a password from the invitation
and lands on /mijn/ with a welcome. The screening list, the task page and the welcome are checked at 1280 and
390 px (nothing scrolls sideways on a phone); with NNR_SCREENSHOTS set they are saved there as PNGs."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.conftest import login, resize_and_fit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("NNR_SCREENSHOTS", "")


def path_of(link):
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def at_both_widths(page, name):
    """The page as it is now, at 1280 and at 390 px: never wider than the window; saved when asked."""
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/i15-onb-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_apply_screen_ask_the_core_partners_admit_and_first_log_in(
    browser_page, rules_page, office_user, core_partner_user
):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})

    # The applicant, without an account.
    page.goto("/aanmelden/")
    page.get_by_label("Naam organisatie").fill("Rookvrije Sportbond")
    page.get_by_label("KvK-nummer").fill("12345678")
    page.get_by_label("Sector").select_option(label="Sportvereniging of -bond")
    page.get_by_label("GGD-regio").select_option(label="GGD regio Utrecht")
    page.get_by_label("Gewenste rol").select_option(label="Partner")
    page.get_by_label("Naam contactpersoon").fill("Anna de Vries")
    page.get_by_label("E-mailadres").fill("anna@example.org")
    page.get_by_label("Motivatie").fill("Wij maken sportclubs rookvrij.")
    page.get_by_label("Ik steun de missie").check()
    page.get_by_label("Ik geef toestemming").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    # Forgot one declaration: told at the top, with a link to the box, and at the box itself.
    missing = "U kunt zich alleen aanmelden als u deze verklaring ondertekent."
    expect(page.get_by_role("alert")).to_contain_text(missing)
    expect(page.get_by_role("alert")).to_be_in_viewport()
    expect(page.locator("#id_confirm_declaration_error")).to_have_text(missing)
    page.get_by_role("alert").get_by_role("link", name="Ik onderteken de verklaring").click()
    expect(page.locator("#id_confirm_declaration_error")).to_be_in_viewport()
    page.get_by_label("Ik onderteken de verklaring").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    expect(page.get_by_text("We hebben u een e-mail gestuurd")).to_be_visible()
    link = re.search(r"http://\S+/aanmelden/bevestigen/\S+/", mail.outbox[-1].body).group(0)
    page.goto(path_of(link))
    page.get_by_role("button", name="Bevestig mijn e-mailadres").click()
    expect(page.get_by_text("Uw e-mailadres is bevestigd")).to_be_visible()

    # The office: from the dashboard to the list, take it, read it and put it before the core partners.
    page.context.clear_cookies()
    login(page, "bureau")
    page.goto("/admin/")
    page.get_by_role("link", name="Naar de screening").click()
    row = page.get_by_role("row").filter(has_text="Rookvrije Sportbond")
    for text in ["Partner", "GGD regio Utrecht", "Sportvereniging of -bond", "0 dagen", "KvK opgegeven"]:
        expect(row).to_contain_text(text)
    row.get_by_role("checkbox").check()
    page.get_by_role("button", name="Geselecteerde aan mij toewijzen").click()
    expect(page.get_by_text("1 aanmelding is aan u toegewezen.")).to_be_visible()
    at_both_widths(page, "screening-list")
    page.get_by_role("link", name="Rookvrije Sportbond").click()
    expect(page.get_by_text("Deze taak is aan u toegewezen.")).to_be_visible()
    expect(page.get_by_text("tabaksteeltbedrijven")).to_be_visible()
    expect(page.get_by_text("De hash klopt met de opgeslagen tekst")).to_be_visible()
    at_both_widths(page, "screening-task")
    page.get_by_label("Voorleggen aan de kernpartners").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    # No reason given: the summary at the top is on screen, and links to the field.
    summary = page.locator("#fouten")
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Toelichting: Geef een toelichting.")
    page.get_by_label("Toelichting").fill("Twijfel over banden met een groothandel.")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Taak “Aanmelding screenen” is afgerond.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Rookvrije Sportbond")).to_contain_text(
        "Besluit kernpartners"
    )

    # A core partner: the same way in, the office's note beside the decision.
    page.context.clear_cookies()
    login(page, "kern")
    page.goto("/admin/")
    page.get_by_role("link", name="Naar de screening").click()
    page.get_by_role("link", name="Rookvrije Sportbond").click()
    expect(page.get_by_text("Twijfel over banden met een groothandel.")).to_be_visible()
    page.get_by_label("Toelaten").check()
    page.get_by_label("Toelichting").fill("Geen banden gevonden.")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Taak “Besluit kernpartners” is afgerond.")).to_be_visible()

    # The new contact: the invitation, a password (Dutch rules), and the welcome on /mijn/.
    page.context.clear_cookies()
    invitation = next(m for m in mail.outbox if m.subject == "Welkom bij Netwerk Nederland Rookvrij")
    assert invitation.to == ["anna@example.org"]
    page.goto(path_of(re.search(r"http://\S+/welkom/\S+/", invitation.body).group(0)))
    page.get_by_label("Nieuw wachtwoord (verplicht)", exact=True).fill("kort")
    page.get_by_label("Nieuw wachtwoord bevestigen").fill("kort")
    page.get_by_role("button", name="Wachtwoord opslaan en verder").click()
    too_short = "Dit wachtwoord is te kort. Het moet ten minste 8 tekens bevatten."  # Django's, in Dutch
    expect(page.get_by_role("alert")).to_contain_text(too_short)
    expect(page.locator("#id_new_password2_error")).to_have_text(too_short)
    page.get_by_label("Nieuw wachtwoord (verplicht)", exact=True).fill("Rookvrij-2026!")
    page.get_by_label("Nieuw wachtwoord bevestigen").fill("Rookvrij-2026!")
    page.get_by_role("button", name="Wachtwoord opslaan en verder").click()
    page.wait_for_url("**/mijn/")
    expect(page.get_by_text("Welkom in het netwerk, Anna de Vries!")).to_be_visible()
    expect(page.get_by_role("link", name="vul het profiel van uw organisatie aan")).to_be_visible()
    expect(
        page.get_by_text("U bent ingelogd als Anna de Vries van Rookvrije Sportbond (Partner).")
    ).to_be_visible()
    for width in (1280, 390):  # the welcome is shown once: resized, not reloaded
        resize_and_fit(page, width)
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/i15-onb-welcome-{width}.png", full_page=True)
