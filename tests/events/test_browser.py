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
