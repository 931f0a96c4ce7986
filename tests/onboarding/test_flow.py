"""The whole onboarding flow through HTTP: accept, reject, and escalation to the core partners."""

import re

import pytest
from django.core import mail
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from network.models import ConsentRecord, Participant, RoleChange
from onboarding.models import Application

from .conftest import apply_and_verify

pytestmark = pytest.mark.django_db

ALL_CHECKS = ["declarations", "identity", "tobacco", "guideline", "duplicates"]


def open_task(application, name):
    return Task.objects.get(
        process=application,
        flow_task_type="HUMAN",
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
        flow_task=getattr(application.flow_class, name),
    )


def take_and_do(client, user, task, data):
    client.force_login(user)
    assert client.post(f"/admin/taken/taak/{task.pk}/oppakken/").status_code == 302
    form = client.get(f"/admin/taken/taak/{task.pk}/uitvoeren/")
    assert form.status_code == 200
    return client.post(f"/admin/taken/taak/{task.pk}/uitvoeren/", data)


def screen(client, office_user, application, **answer):
    """The office takes the application's screening task and sends these answers."""
    return take_and_do(client, office_user, open_task(application, "screening"), answer)


def test_happy_path_apply_verify_screen_accept_invite_log_in(
    client, rules_page, office_user, django_capture_on_commit_callbacks
):
    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    task = open_task(application, "screening")
    page = client.get(f"/admin/taken/taak/{task.pk}/")  # anonymous: to the admin login
    assert page.status_code == 302 and "/admin/login/" in page["Location"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = take_and_do(
            client, office_user, task, {"checks": ALL_CHECKS, "outcome": "accept", "reason": ""}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.decision == "accept" and application.finished is not None
    participant = Participant.objects.get(name="Rookvrije Sportbond")
    assert participant.role == "partner" and application.participant == participant
    change = RoleChange.objects.get(participant=participant)
    assert change.to_role == "partner" and change.changed_by == office_user
    contact = participant.contacts.get()
    assert contact.user.email == "anna@example.org" and not contact.user.has_usable_password()
    assert ConsentRecord.has_consent("anna@example.org", ConsentRecord.Purpose.DATA_SHARING)
    assert contact.consents.get().text.startswith("Ik geef toestemming")

    (invitation,) = mail.outbox
    assert invitation.subject == "Welkom bij Netwerk Nederland Rookvrij"
    assert f"Uw gebruikersnaam is {contact.user.username}" in invitation.body
    link = re.search(r"http://\S+/welkom/\S+/", invitation.body).group(0)
    client.logout()
    form_page = client.get(path_of(link), follow=True)
    assert form_page.status_code == 200 and "Kies een wachtwoord" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    short = client.post(set_url, {"new_password1": "kort", "new_password2": "kort"})
    error = short.content.decode().split('id="id_new_password2_error">', 1)[1]  # at the field
    assert error.startswith("Dit wachtwoord is te kort. Het moet ten minste 8 tekens bevatten.")
    done = client.post(
        set_url, {"new_password1": "Rookvrij-2026!", "new_password2": "Rookvrij-2026!"}, follow=True
    )
    assert done.redirect_chain[-1][0] == "/mijn/"  # logged in, on "Mijn netwerk"
    html = done.content.decode()
    assert "Welkom in het netwerk, Anna de Vries!" in html and 'href="/mijn/organisatie/"' in html
    assert "Welkom in het netwerk" not in client.get("/mijn/").content.decode()  # once
    client.logout()
    assert client.login(username=contact.user.username, password="Rookvrij-2026!")
    used = client.get(path_of(link), follow=True).content.decode()
    assert "Deze link is verlopen of al gebruikt" in used
    status = client.get(f"/aanmelden/status/{_status_token(application)}/").content.decode()
    assert "besloten" in status and "U bent toegelaten" in status


def path_of(link):
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def _status_token(application):
    from onboarding import tokens

    return tokens.status_path(application).rstrip("/").rsplit("/", 1)[1]


def test_reject_path_sends_the_reason(client, rules_page, office_user, django_capture_on_commit_callbacks):
    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        screen(
            client, office_user, application, outcome="reject", reason="Uw organisatie verkoopt e-sigaretten."
        )
    application.refresh_from_db()
    assert application.decision == "reject" and application.finished is not None
    assert not Participant.objects.filter(name="Rookvrije Sportbond").exists()
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"] and "verkoopt e-sigaretten" in message.body


def test_escalation_to_core_partners(
    client, rules_page, office_user, core_partner_user, django_capture_on_commit_callbacks
):
    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        screen(
            client,
            office_user,
            application,
            outcome="kernpartners",
            reason="Twijfel over banden met een groothandel.",
        )
    decision_task = open_task(application, "core_partners")
    # workflows tells the core partners, as for every task: one "Er is een taak voor u" each, nothing else
    assert mail.outbox and all(m.subject.startswith("Er is een taak voor u") for m in mail.outbox)
    client.force_login(office_user)  # the office cannot take the core partners' decision
    refused = client.post(f"/admin/taken/taak/{decision_task.pk}/oppakken/")
    assert (
        refused.status_code == 302 and refused["Location"] == "/admin/"
    )  # Wagtail's answer to PermissionDenied
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = take_and_do(
            client,
            core_partner_user,
            decision_task,
            {"decision": "accept", "reason": "Geen banden gevonden."},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.decision == "accept" and application.participant.role == "partner"
    assert application.participant.role_changes.get().changed_by == core_partner_user
    assert mail.outbox[0].subject == "Welkom bij Netwerk Nederland Rookvrij"


def test_screening_requires_checks_and_reasons(
    client, rules_page, office_user, django_capture_on_commit_callbacks
):
    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    task = open_task(application, "screening")
    response = take_and_do(client, office_user, task, {"checks": ["declarations"], "outcome": "accept"})
    assert response.status_code == 200 and "Voer alle controles uit" in response.content.decode()
    response = client.post(f"/admin/taken/taak/{task.pk}/uitvoeren/", {"outcome": "reject", "reason": ""})
    assert "Geef een toelichting" in response.content.decode()
    assert (
        Application.objects.get().decided_at is None
        and not Participant.objects.filter(name="Rookvrije Sportbond").exists()
    )


def test_idle_screening_reminds_the_office_once(
    client, rules_page, office_user, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from workflows.tasks import remind_stalled_tasks

    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    remind_stalled_tasks.delay()
    assert not mail.outbox  # not idle yet
    Task.objects.filter(process=application, flow_task_type="HUMAN").update(
        created=timezone.now() - timedelta(days=6)
    )
    remind_stalled_tasks.delay()
    (reminder,) = mail.outbox
    assert reminder.to == [office_user.email] and reminder.subject == "Er wachten taken op u"
    assert "Aanmelding screenen" in reminder.body and "/admin/screening/taak/" in reminder.body
    remind_stalled_tasks.delay()
    assert len(mail.outbox) == 1  # once per period


def test_office_reads_applications_in_the_admin_others_do_not(
    client, rules_page, office_user, core_partner_user, django_capture_on_commit_callbacks
):
    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    client.force_login(office_user)
    index = client.get("/admin/aanmeldingen/").content.decode()
    assert "Rookvrije Sportbond" in index and "e-mail bevestigd" in index
    inspect = client.get(f"/admin/aanmeldingen/inspect/{application.pk}/").content.decode()
    assert "Wij willen sportclubs rookvrij maken" in inspect
    assert client.get(f"/admin/aanmeldingen/edit/{application.pk}/").status_code == 404
    client.force_login(core_partner_user)
    assert client.get("/admin/aanmeldingen/").status_code == 302
