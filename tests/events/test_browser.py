import pytest

from events.models import Registration
from tests.conftest import login
from tests.events.conftest import make_contact

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_participant_registers_for_a_meeting_in_the_browser(browser_page, event):
    contact = make_contact("anna")
    page = browser_page
    login(page, "anna")
    page.goto("/agenda/")
    page.get_by_role("link", name="Netwerkdag").click()
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_text("U bent aangemeld. U ontvangt een bevestiging per e-mail.").wait_for()
    assert page.get_by_text("U bent aangemeld voor deze bijeenkomst.").is_visible()
    registration = Registration.objects.get()
    assert registration.contact == contact and registration.status == Registration.Status.CONFIRMED


def test_a_visitor_corrects_the_open_form_and_keeps_what_was_typed(browser_page, make_event):
    make_event(title="Open middag", open_to_everyone=True)
    page = browser_page
    page.goto("/agenda/")
    page.get_by_role("link", name="Open middag").click()
    page.get_by_label("Naam").fill("Bea de Vries")
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_label("Organisatie").fill("Buurthuis")
    page.get_by_role("button", name="Aanmelden").click()
    page.locator("#id_email_error").get_by_text("Vul een geldig e-mailadres in").wait_for()  # at the field
    assert page.get_by_label("Naam").input_value() == "Bea de Vries"
    assert page.get_by_label("Organisatie").input_value() == "Buurthuis"
    page.get_by_label("E-mailadres").fill("bea@example.org")
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_text("U bent aangemeld. U ontvangt een bevestiging per e-mail.").wait_for()
    assert page.get_by_role("heading", name="Open middag").is_visible()
    registration = Registration.objects.get()
    assert (registration.name, registration.email) == ("Bea de Vries", "bea@example.org")
