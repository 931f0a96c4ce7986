"""Told by e-mail: everyone who gets a task hears of it with a link straight to it, is reminded before a
deadline and when it sits idle; the office hears of tasks nobody can do or that wait too long."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from governance.flows import ExitRequestFlow
from governance.models import ExitRequestProcess, ReflectionProcess
from network.models import Role
from tests.governance.conftest import core_partners, member, office_user
from workflows import reminders, tasklist
from workflows.tasks import alert_office, remind_deadlines, remind_stalled_tasks

from .conftest import open_task

pytestmark = pytest.mark.django_db

NEW_TASK = "Er is een taak voor u"


def task_mails(subject=NEW_TASK):
    return [m for m in mail.outbox if m.subject.startswith(subject)]


def test_every_candidate_of_a_group_task_gets_a_dutch_mail_with_a_link(kern, reflection, settings):
    _, task = reflection
    sent = task_mails()
    assert sorted(m.to[0] for m in sent) == sorted(u.email for _, u in kern)
    message = next(m for m in sent if m.to == [kern[0][1].email])
    assert message.subject == "Er is een taak voor u: Reflectie op missie, spelregels en netwerkvorm"
    assert "Beste Contact Kern 1," in message.body
    assert settings.SITE_URL + tasklist.task_url(task) in message.body
    assert "Deze taak staat ook klaar voor: Contact Kern 2, Contact Kern 3." in message.body
    assert "/mijn/taken/" in message.body


def test_a_personal_task_is_mailed_to_its_owner_only(client, django_capture_on_commit_callbacks):
    kern = core_partners(4)
    concerned, concerned_user = member("Twijfelachtig BV", Role.PARTNER)
    client.force_login(kern[0][1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/werkstromen/vertrek/starten/",
            {"participant": concerned.pk, "reason": "Spreekt namens het netwerk.", "rule": "Spelregel 3"},
        )
    support = task_mails()
    assert sorted(m.to[0] for m in support) == sorted(u.email for _, u in kern[1:])  # not the requester
    process = ExitRequestProcess.objects.get()
    task = open_task(process, ExitRequestFlow.support)
    mail.outbox.clear()
    client.force_login(kern[1][1])  # supports it in the Taken area
    client.post(f"/admin/taken/taak/{task.pk}/oppakken/")
    assert not task_mails()  # taking a task oneself sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/taken/taak/{task.pk}/uitvoeren/", {"supported": "1"})
    # Its owner hears of the personal task once: by the flow's hearing notice, which is the announcement
    # (the node is `announced_by_flow`), not also by the generic task mail.
    assert not task_mails()
    assert [m.to for m in mail.outbox] == [[concerned_user.email]] and "reageren" in mail.outbox[0].body


def test_a_task_nobody_can_do_is_reported_to_the_office_at_once(client, django_capture_on_commit_callbacks):
    (kern, kern_user), *_ = core_partners(1)  # the only core partner with a log-in files the request
    concerned, _ = member("Twijfelachtig BV", Role.PARTNER)
    office = office_user()
    client.force_login(kern_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/werkstromen/vertrek/starten/",
            {"participant": concerned.pk, "reason": "Spreekt namens het netwerk.", "rule": "Spelregel 3"},
        )
    task = open_task(ExitRequestProcess.objects.get(), ExitRequestFlow.support)
    if tasklist.candidates(task):
        pytest.skip("the exit request's support falls back to the office (governance's part of issue 15)")
    assert not task_mails()
    (alert,) = task_mails("Een taak loopt vast")
    assert alert.to == [office.email]
    assert "Niemand kan deze taak oppakken" in alert.body and f"/admin/taken/taak/{task.pk}/" in alert.body
    mail.outbox.clear()
    alert_office.delay()
    assert not mail.outbox  # told once


def test_a_reminder_before_the_deadline_once(kern, reflection, monkeypatch):
    _, task = reflection
    deadline = timezone.now() + timedelta(hours=20)
    monkeypatch.setattr(ReflectionProcess, "deadline", lambda self, task: deadline, raising=False)
    mail.outbox.clear()
    assert remind_deadlines.delay().get() == 3
    message = next(m for m in mail.outbox if m.to == [kern[0][1].email])
    assert message.subject == "Herinnering: de termijn van een taak loopt af"
    assert "Reflectie op missie" in message.body and "uiterlijk" in message.body
    assert tasklist.task_url(task) in message.body
    mail.outbox.clear()
    remind_deadlines.delay()
    assert not mail.outbox  # once per deadline
    monkeypatch.setattr(
        ReflectionProcess, "deadline", lambda self, task: deadline + timedelta(days=2), raising=False
    )
    remind_deadlines.delay()
    assert not mail.outbox  # not yet: more than a day away


def test_an_idle_task_reminds_whoever_can_do_it(kern, reflection):
    _, task = reflection
    mail.outbox.clear()
    task.__class__.objects.filter(pk=task.pk).update(created=timezone.now() - timedelta(days=31))
    remind_stalled_tasks.delay()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for _, u in kern)
    assert all(
        tasklist.task_url(task) in m.body and m.subject == "Er wachten taken op u" for m in mail.outbox
    )
    mail.outbox.clear()
    assert reminders.remind_stalled() == 0  # once per period


@override_settings(NNR_TASK_ALERT_DAYS=10)
def test_a_task_waiting_too_long_is_reported_to_the_office_once(kern, reflection):
    _, task = reflection
    office = office_user()
    mail.outbox.clear()
    alert_office.delay()
    assert not mail.outbox
    task.__class__.objects.filter(pk=task.pk).update(created=timezone.now() - timedelta(days=11))
    alert_office.delay()
    (alert,) = mail.outbox
    assert (
        alert.to == [office.email]
        and alert.subject == "Een taak loopt vast: Reflectie op missie, spelregels en netwerkvorm"
    )
    assert "wacht al 11 dagen" in alert.body and "/admin/taken/alle/" in alert.body
    alert_office.delay()
    assert len(mail.outbox) == 1


def test_the_beat_schedule_runs_the_reminders_and_alerts(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "workflows.tasks.remind_stalled_tasks",
        "workflows.tasks.remind_deadlines",
        "workflows.tasks.alert_office",
    } <= tasks
