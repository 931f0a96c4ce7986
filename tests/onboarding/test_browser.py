"""The front door in a real browser: apply, confirm the e-mail address from the mail, the office accepts."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from network.models import Participant
from tests.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_verify_and_office_accepts_in_the_admin(browser_page, rules_page, office_user):
    page = browser_page
    page.goto("/aanmelden/")
    page.get_by_label("Naam organisatie").fill("Rookvrije Sportbond")
    page.get_by_label("Sector").select_option(label="Sportvereniging of -bond")
    page.get_by_label("Gewenste rol").select_option(label="Partner")
    page.get_by_label("Naam contactpersoon").fill("Anna de Vries")
    page.get_by_label("E-mailadres").fill("anna@example.org")
    page.get_by_label("Motivatie").fill("Wij maken sportclubs rookvrij.")
    page.get_by_label("Ik onderteken de verklaring").check()
    page.get_by_label("Ik steun de missie").check()
    page.get_by_label("Ik geef toestemming").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    assert page.get_by_text("We hebben u een e-mail gestuurd").is_visible()

    link = re.search(r"http://\S+/aanmelden/bevestigen/\S+/", mail.outbox[-1].body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Bevestig mijn e-mailadres").click()
    assert page.get_by_text("Uw e-mailadres is bevestigd").is_visible()

    page.context.clear_cookies()
    login(page, "bureau")
    page.goto("/admin/taken/wachtrij/")
    page.get_by_role("link", name="Aanmelding screenen").click()
    page.get_by_role("button", name="Oppakken").click()
    page.get_by_role("link", name="Uitvoeren").click()
    for label in [
        "De drie verklaringen",
        "Website en/of KvK",
        "Geen banden",
        "Geen stoppen-met-roken",
        "Geen dubbele",
    ]:
        page.get_by_label(label).check()
    page.get_by_label("Toelaten").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Aanmelding screenen” is afgerond")).to_be_visible()
    assert Participant.objects.get(name="Rookvrije Sportbond").contacts.get().user.email == "anna@example.org"
