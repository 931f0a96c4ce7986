"""A complete handover in a real browser: the departing core partner, the successor and the office."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.models import HandoverProcess
from governance.tasks import close_expired_periods
from network.models import Role, RoleChange
from tests.conftest import login

from .conftest import core_partners, member, office_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_complete_handover_in_the_browser(browser_page):
    page = browser_page
    kern = core_partners(6)
    departing, dep_user = kern[0]
    successor, succ_user = member("Partner Een", Role.PARTNER)
    office_user("bureau")

    login(page, dep_user.username)
    page.goto("/mijn/")
    page.get_by_role("link", name="Overdracht kernpartnerrol starten").click()
    page.get_by_role("button", name="Overdracht starten").click()
    page.get_by_role("link", name="Overdracht voorbereiden").click()
    page.get_by_label("Notities voor de opvolger").fill("Het kernoverleg is elke eerste dinsdag.")
    page.get_by_role("button", name="Afronden").click()
    page.get_by_role("link", name="Opvolger voordragen").click()
    page.get_by_label("Opvolger (een partner)").select_option(label="Partner Een")
    page.get_by_role("button", name="Afronden").click()
    assert page.get_by_text("Dank u, de taak is afgerond.").is_visible()

    page.context.clear_cookies()
    login(page, succ_user.username)
    page.goto("/mijn/")
    page.get_by_role("link", name="Voordracht als kernpartner beantwoorden").click()
    assert page.get_by_text("Het kernoverleg is elke eerste dinsdag.").is_visible()
    page.get_by_label("Aanvaard").check()
    page.get_by_role("button", name="Afronden").click()

    process = HandoverProcess.objects.get()
    HandoverProcess.objects.filter(pk=process.pk).update(
        objection_deadline=timezone.now() - timedelta(minutes=1)
    )
    assert close_expired_periods() == 1

    page.context.clear_cookies()
    login(page, "bureau")
    page.goto("/mijn/")
    page.get_by_role("link", name="Overdracht afronden").click()
    page.get_by_label("Overdracht voltooien").check()
    page.get_by_role("button", name="Afronden").click()
    assert page.get_by_text("Dank u, de taak is afgerond.").is_visible()

    departing.refresh_from_db()
    successor.refresh_from_db()
    assert (departing.role, successor.role) == (Role.PARTNER, Role.KERNPARTNER)
    assert RoleChange.objects.filter(participant=successor, to_role=Role.KERNPARTNER).count() == 1
