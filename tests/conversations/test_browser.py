"""In a real browser, through the UI only: a participant asks the network, another answers, the asker marks the
answer that helped; a participant reacts under an activity and the coalition's trekker hides the reaction."""

import pytest
from django.core import mail

from tests.conftest import login

pytestmark = pytest.mark.browser


def _log_out(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(lambda url: "/mijn/" not in url)


def test_a_question_answered_and_marked_helpful_and_a_reaction_hidden_by_the_trekker(
    browser_page, member, outsider, activity
):
    page = browser_page
    login(page, "mia")
    page.goto("/mijn/")
    page.get_by_role("link", name="Een vraag stellen").click()
    page.get_by_role("button", name="Vraag plaatsen").click()  # empty: errors next to the fields
    page.locator("#id_title_error").wait_for()
    assert page.locator("#id_text_error").is_visible()
    page.get_by_label("Uw vraag in één zin").fill("Hoe krijgt u de sportclub mee?")
    page.get_by_label("Toelichting").fill("Het bestuur twijfelt.\nWie heeft tips?")
    page.get_by_label("sport").check()
    page.get_by_label("GGD-regio (niet verplicht)").select_option(label="GGD Twente")
    page.get_by_role("button", name="Vraag plaatsen").click()
    page.get_by_text("Uw vraag staat op Vraag het netwerk.").wait_for()
    _log_out(page)

    login(page, "otto")
    page.goto("/vraag-het-netwerk/")
    page.get_by_label("Thema").select_option(label="sport")
    page.get_by_role("button", name="Toon vragen").click()
    mail.outbox = []
    page.get_by_role("link", name="Hoe krijgt u de sportclub mee?").click()
    page.get_by_label("Uw antwoord").fill("Begin met het jeugdveld.")
    page.get_by_role("button", name="Antwoord plaatsen").click()
    page.get_by_text("Uw antwoord staat bij de vraag.").wait_for()
    assert page.get_by_role("button", name="Dit hielp mij").count() == 0  # not Otto's question
    [message] = mail.outbox
    assert message.to == ["mia@example.org"] and "Begin met het jeugdveld." in message.body

    page.goto(activity.url)
    page.get_by_label("Ervaring").check()
    page.get_by_label("Uw reactie").fill("Bij ons werkte een rookvrije dag.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    page.get_by_text("Uw reactie staat onder de pagina.").wait_for()
    assert page.get_by_text("Bij ons werkte een rookvrije dag.").is_visible()
    _log_out(page)

    login(page, "mia")
    page.goto("/mijn/")
    page.get_by_role("link", name="Hoe krijgt u de sportclub mee?").click()
    page.get_by_role("button", name="Dit hielp mij").click()
    page.get_by_text("Dit antwoord hielp de vraagsteller").wait_for()
    page.goto("/vraag-het-netwerk/?status=beantwoord")
    assert page.get_by_role("link", name="Hoe krijgt u de sportclub mee?").is_visible()
    _log_out(page)

    login(page, "tom")  # trekker of the activity's coalition
    page.goto(activity.url)
    page.get_by_role("link", name="Verbergen").click()
    page.get_by_role("button", name="Ja, verbergen").click()
    page.get_by_text("De reactie is verborgen.").wait_for()
    assert page.get_by_role("button", name="Weer tonen").is_visible()
    _log_out(page)

    login(page, "mia")
    page.goto(activity.url)
    page.get_by_text("Nog geen reacties.").wait_for()
    assert page.get_by_text("Bij ons werkte een rookvrije dag.").count() == 0
