"""The audit log (issue 13) for applications: the signed declarations and each decision, in the Logboek."""

import pytest

from tests.network.test_security_audit import logbook, row_with

from .conftest import apply_and_verify
from .test_flow import open_task, screen, take_and_do

pytestmark = pytest.mark.django_db

TO_CORE_PARTNERS = {"checks": ["declarations"], "outcome": "kernpartners", "reason": "Twijfel."}


def test_declaration_and_screening_decision_in_the_logbook(
    client, rules_page, office_user, django_capture_on_commit_callbacks
):
    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        screen(client, office_user, application, **TO_CORE_PARTNERS)
    html = logbook(client, office_user)
    signed = row_with(html, "Verklaringen ondertekend door Anna de Vries namens Rookvrije Sportbond")
    assert "Anna de Vries (aanvrager)" in signed
    screened = row_with(html, "Taak “Aanmelding screenen” afgerond")
    assert "uitkomst screening: Voorleggen aan de kernpartners" in screened
    assert "Aanmelding Rookvrije Sportbond" in screened and screened.endswith("bureau")


def test_core_partners_decision_names_the_decision_and_who(
    client, rules_page, office_user, core_partner_user, django_capture_on_commit_callbacks
):
    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        screen(client, office_user, application, **TO_CORE_PARTNERS)
        take_and_do(
            client,
            core_partner_user,
            open_task(application, "core_partners"),
            {"decision": "accept", "reason": "Geen banden gevonden."},
        )
    html = logbook(client, office_user)
    decided = row_with(html, "Taak “Besluit kernpartners” afgerond — besluit: Toelaten")
    assert decided.endswith("kern")
    # Admitting the applicant wrote the role history, by the one who decided.
    assert row_with(html, "Toegevoegd aan het netwerk als partner").endswith("kern")
