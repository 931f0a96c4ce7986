"""A proposal in a real browser, through the screens only (issue 20.5): a partner files it, another participant
supports it, a core partner decides it in the reflection's task, and the partner reads the outcome."""

import pytest
from django.core import mail

from governance.tasks import start_due_reflection

from .conftest import core_partners, member
from .test_flows_browser import log_in_as, no_sideways_scrolling

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Nieuwe deelnemers krijgen een maatje uit het netwerk"


def test_partner_files_a_proposal_and_reads_the_outcome_of_the_reflection(browser_page):
    page = browser_page
    (_, kern_user), _ = core_partners(2)
    _, partner = member("Sportclub Rookvrij")
    start_due_reflection()  # the periodic start (Celery beat), not a person

    log_in_as(page, partner)
    page.locator(".account-panel", has_text="Voorstellen").get_by_role(
        "link", name="Een voorstel doen"
    ).click()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Wat stelt u voor?").fill(
        "Elke nieuwe deelnemer krijgt <b>drie maanden</b> een maatje."
    )
    page.get_by_label("Waarom?").fill("Zo vinden nieuwe deelnemers sneller hun weg in het netwerk.")
    page.get_by_role("button", name="Voorstel indienen").click()
    field = page.locator(".field", has=page.get_by_label("Wat stelt u voor?"))
    assert field.get_by_text("Gebruik geen HTML of codes met < en > in dit veld.").is_visible()
    page.get_by_label("Wat stelt u voor?").fill("Elke nieuwe deelnemer krijgt drie maanden een maatje.")
    page.get_by_role("button", name="Voorstel indienen").click()
    assert page.get_by_text("Uw voorstel staat bij de voorstellen.").is_visible()
    assert page.get_by_text("Status: In de reflectie").is_visible()
    no_sideways_scrolling(page)

    log_in_as(page, kern_user)
    page.get_by_role("link", name="Voorstellen", exact=True).first.click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Steunen namens Kern 1").click()
    assert page.get_by_text("Kern 1 steunt dit voorstel.").is_visible()
    page.get_by_label("Uw opmerking").fill("Kan het netwerkbureau de koppeling maken?")
    page.get_by_role("button", name="Opmerking plaatsen").click()
    assert page.get_by_text("Kan het netwerkbureau de koppeling maken?").is_visible()
    page.goto("/mijn/")
    page.get_by_role("link", name="Reflectie op missie, spelregels en netwerkvorm", exact=True).click()
    decision = page.locator("section.proposal-decision", has_text=TITLE)
    assert decision.get_by_text("1 deelnemer steunt het").is_visible()
    page.get_by_label("Conclusies").fill("De spelregels passen; nieuwe deelnemers verdienen meer steun.")
    page.get_by_role("button", name="Afronden").click()
    assert decision.get_by_text("Kies een besluit").is_visible()  # nothing decided without a choice
    page.get_by_label("Conclusies").fill("De spelregels passen; nieuwe deelnemers verdienen meer steun.")
    decision.get_by_label("Aangepast aangenomen").check()
    decision.get_by_label("Korte toelichting").fill(
        "Een maatje voor het eerste half jaar, via het netwerkbureau."
    )
    no_sideways_scrolling(page)
    page.get_by_role("button", name="Afronden").click()
    assert page.get_by_text("Dank u, de taak is afgerond.").is_visible()
    assert page.get_by_role("link", name=TITLE).is_visible()  # the reflection's page lists the decision

    log_in_as(page, partner)
    page.get_by_role("link", name=TITLE).click()  # in "Voorstellen van uw organisatie" on Mijn netwerk
    assert page.get_by_text("Status: Besloten: aangepast aangenomen").is_visible()
    assert page.get_by_text("Een maatje voor het eerste half jaar, via het netwerkbureau.").is_visible()
    assert page.get_by_role("button", name="Steunen namens Sportclub Rookvrij").count() == 0
    no_sideways_scrolling(page)
    outcome = [m for m in mail.outbox if m.to == [partner.email] and TITLE in m.subject]
    assert len(outcome) == 1 and "Aangepast aangenomen" in outcome[0].body
    assert len([m for m in mail.outbox if m.to == [kern_user.email] and TITLE in m.subject]) == 1
