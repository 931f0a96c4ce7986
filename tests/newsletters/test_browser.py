import pytest

from newsletters.factories import newsletter_tree
from newsletters.models import Subscriber

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_reader_signs_up_on_the_newsletter_page_after_correcting_the_form(browser_page):
    newsletter_tree()
    page = browser_page
    page.goto("/nieuwsbrief/")
    page.get_by_role("textbox", name="E-mailadres").fill("lezer@example.org")
    page.get_by_role("textbox", name="Naam").fill("Lezer")
    page.get_by_role("button", name="Aanmelden").click()  # without ticking the consent
    page.get_by_text("Controleer het formulier").wait_for()
    assert page.get_by_role("textbox", name="E-mailadres").input_value() == "lezer@example.org"
    assert not Subscriber.objects.exists()
    page.get_by_label("Ik wil de nieuwsbrief").check()
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("heading", name="Bevestig uw aanmelding").wait_for()
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.name, subscriber.confirmed_at) == (
        "lezer@example.org",
        "Lezer",
        None,
    )
