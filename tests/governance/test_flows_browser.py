"""The three network-role flows in a real browser, through the screens only, by the people in them logging in
in turn; each finds their task on Mijn netwerk (issue 15, "Done when")."""

import pytest
from wagtail.models import Page

from governance.models import ExitRequestProcess, HandoverProcess
from governance.tasks import start_due_reflection
from network.models import Participant, Role
from tests.conftest import login, resize_and_fit

from .conftest import core_partners, member, office_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_as(page, user):
    page.context.clear_cookies()
    login(page, user.username)
    page.goto("/mijn/")


def done(page):
    assert page.get_by_text("Dank u, de taak is afgerond.").is_visible()


def no_sideways_scrolling(page):
    resize_and_fit(page, 390, 844)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_handover_from_start_to_role_change(browser_page):
    page = browser_page
    kern = core_partners(6)
    (departing, dep_user), (_, other_user) = kern[0], kern[1]
    successor, succ_user = member("Partner Een", Role.PARTNER)
    office = office_user("bureau")
    Page.get_first_root_node().add_child(  # something to hand over: a page the departing one looks after
        instance=Page(
            title="Werkgroep rookvrije sport, met een lange naam die op een telefoon moet passen",
            slug="werkgroep",
            owner=dep_user,
        )
    )

    log_in_as(page, dep_user)
    page.get_by_role("link", name="Overdracht kernpartnerrol starten").click()
    page.get_by_role("button", name="Overdracht starten").click()
    page.get_by_role("link", name="Overdracht voorbereiden").click()
    page.get_by_label("Notities voor de opvolger").fill("Het kernoverleg is elke eerste dinsdag.")
    page.get_by_role("button", name="Afronden").click()
    done(page)
    page.get_by_role("link", name="Opvolger voordragen").click()
    page.get_by_label("Opvolger (een partner)").select_option(label="Partner Een")
    page.get_by_role("button", name="Afronden").click()
    done(page)
    page.goto("/mijn/")  # no second start while this one runs: a link to it instead
    assert page.get_by_role("link", name="Overdracht kernpartnerrol starten").count() == 0
    page.get_by_role("link", name="Uw lopende overdracht van de kernpartnerrol").click()
    assert page.get_by_text("Voordracht als kernpartner beantwoorden: nu aan de beurt").is_visible()

    log_in_as(page, succ_user)
    page.get_by_role("link", name="Voordracht als kernpartner beantwoorden").click()
    assert page.get_by_text("Het kernoverleg is elke eerste dinsdag.").is_visible()
    assert page.get_by_text("Pagina in beheer: Werkgroep rookvrije sport").is_visible()
    no_sideways_scrolling(page)
    page.get_by_label("Aanvaard").check()
    page.get_by_role("button", name="Afronden").click()
    done(page)

    log_in_as(page, other_user)
    page.get_by_role("link", name="Overdracht kernpartnerrol van Kern 1").click()
    assert page.get_by_text("Bezwaartermijn: nu aan de beurt").is_visible()
    assert page.get_by_text("De andere kernpartners kunnen bezwaar maken").is_visible()
    assert page.get_by_role("button", name="Bezwaar indienen").is_visible()
    no_sideways_scrolling(page)

    log_in_as(page, office)
    # Starting a second handover for the same core partner says why, at the field.
    page.get_by_role("link", name="Overdracht kernpartnerrol starten").click()
    page.get_by_label("Vertrekkende kernpartner").select_option(label="Kern 1")
    page.get_by_role("button", name="Overdracht starten").click()
    assert page.locator("#id_departing_error").get_by_text("Voor Kern 1 loopt al een overdracht").is_visible()
    no_sideways_scrolling(page)
    page.get_by_role("link", name="Overdracht kernpartnerrol van Kern 1").first.click()
    page.get_by_label("Waarom sluit u de bezwaartermijn nu?").fill(
        "Alle kernpartners stemden in het kernoverleg in."
    )
    page.get_by_role("button", name="Bezwaartermijn sluiten").click()
    assert page.get_by_text("De bezwaartermijn is gesloten.").is_visible()
    page.get_by_role("link", name="Overdracht afronden").click()
    page.get_by_label("Overdracht voltooien").check()
    page.get_by_role("button", name="Afronden").click()
    done(page)
    assert page.get_by_text("Afgerond op").first.is_visible()
    history = page.locator("h2", has_text="Wat er is gebeurd").locator("xpath=following-sibling::ol[1]")
    assert "Alle kernpartners stemden in het kernoverleg in." in history.inner_text()
    assert "Bezwaartermijn eerder gesloten" in history.inner_text()
    no_sideways_scrolling(page)

    departing.refresh_from_db()
    successor.refresh_from_db()
    assert (departing.role, successor.role) == (Role.PARTNER, Role.KERNPARTNER)
    assert HandoverProcess.objects.get().finished is not None


def test_exit_request_supported_answered_and_decided(browser_page):
    page = browser_page
    (_, requester), (_, supporter), (_, decider) = core_partners(3)
    concerned, concerned_user = member("Twijfelachtig BV", Role.PARTNER)

    log_in_as(page, requester)
    page.get_by_role("link", name="Verzoek tot vertrek indienen").click()
    page.get_by_label("Deelnemer").select_option(label="Twijfelachtig BV")
    page.get_by_label("Reden").fill("Treedt publiekelijk op namens het netwerk.")
    page.get_by_label("Spelregel waarnaar verwezen wordt").fill(
        "Deelnemers communiceren niet namens het netwerk."
    )
    page.get_by_role("button", name="Verzoek indienen").click()
    assert page.get_by_text("Verzoek tot vertrek steunen of niet: nu aan de beurt").is_visible()

    log_in_as(page, supporter)
    page.get_by_role("link", name="Verzoek tot vertrek steunen of niet").click()
    page.get_by_label("Ja, ik steun het verzoek").check()
    page.get_by_label("Toelichting bij de steun").fill("Dit is al twee keer besproken.")
    page.get_by_role("button", name="Afronden").click()
    done(page)

    log_in_as(page, concerned_user)
    page.get_by_role("link", name="Reageren op het verzoek tot vertrek").click()
    assert page.get_by_text("Treedt publiekelijk op namens het netwerk.").is_visible()
    page.get_by_label("Reactie van de deelnemer").fill("Wij begrijpen het en zullen dat niet meer doen.")
    page.get_by_role("button", name="Afronden").click()
    done(page)

    log_in_as(page, decider)
    page.get_by_role("link", name="Uitkomst van het verzoek tot vertrek vastleggen").click()
    assert page.get_by_text("Wij begrijpen het en zullen dat niet meer doen.").is_visible()
    page.get_by_label("De deelnemer blijft in het netwerk").check()
    page.get_by_label("Toelichting bij de uitkomst").fill("De reactie is overtuigend.")
    page.get_by_role("button", name="Afronden").click()
    done(page)
    assert page.get_by_text("Afgerond op").first.is_visible()
    history = page.locator("h2", has_text="Wat er is gebeurd").locator("xpath=following-sibling::ol[1]")
    assert "Gesteund namens Kern 2 — Dit is al twee keer besproken." in history.inner_text()
    assert "De deelnemer blijft in het netwerk — De reactie is overtuigend." in history.inner_text()

    concerned.refresh_from_db()
    assert concerned.status == Participant.Status.ACTIVE
    assert ExitRequestProcess.objects.get().finished is not None


def test_reflection_completed_with_its_date(browser_page):
    page = browser_page
    (_, author), _ = core_partners(2)
    _, reader = member("Supporter Sam", Role.SUPPORTER)
    start_due_reflection()  # the yearly start (Celery beat), not a person

    log_in_as(page, author)
    page.get_by_role("link", name="Reflectie op missie, spelregels en netwerkvorm", exact=True).click()
    page.get_by_label("Conclusies").fill("De spelregels passen nog.")
    page.get_by_label("Vervolgacties").fill("Netwerkvorm herzien in 2027.")
    page.get_by_role("button", name="Afronden").click()
    done(page)
    assert page.get_by_text("Afgerond op").first.is_visible()

    log_in_as(page, reader)
    page.get_by_role("link", name="Reflecties op missie, spelregels en netwerkvorm").click()
    card = page.locator("article", has_text="De spelregels passen nog.")
    assert card.get_by_text("Afgerond op ").is_visible()
    assert not card.get_by_text("Afgerond op", exact=True).count()  # a date follows, never empty
