"""Reminders about open human tasks, the one way every flow reminds people, and the office's alert about tasks
that are stuck. Run daily or hourly by Celery beat (workflows.tasks).

- Idle tasks: a flow opts in per task, `reminders.watch(MyFlow.node, days=5)`; once the task has waited that
  long, everyone who can act on it (`tasklist.candidates`) is reminded, at most once per period.
- Deadlines: a task whose `process.deadline(task)` falls within NNR_TASK_DEADLINE_REMINDER_HOURS is reminded
  once per deadline.
- The office: a task nobody can act on, or one waiting longer than NNR_TASK_ALERT_DAYS, is reported to the
  office once (again if it gets stuck again later), with a link to the task page where it can be reassigned.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from network.access import is_office

from . import mail, tasklist
from .permissions import registered_flows

WATCHED = {}  # flow_task node -> idle days before a reminder


def watch(flow_task, *, days):
    WATCHED[flow_task] = days


def users_with_permission(perm):
    app_label, codename = perm.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if permission is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission), is_active=True)
        .exclude(email="")
        .distinct()
    )


def announce(task, note=""):
    """Tell everyone who can act on the new (or newly given) open task that it is there; with nobody, tell
    the office instead. Returns the number of e-mails sent."""
    people = tasklist.candidates(task)
    if not people:
        sent = mail.alert_office([(task, mail.NOBODY)])
        mark_alerted(task, mail.NOBODY)
        return sent
    if getattr(task.flow_task, "announced_by_flow", False):
        # The flow wrote to the people concerned itself (a formal notice with its reasons); one mail is
        # enough for them, so only the office hears of it here when the task falls to the office.
        people = [user for user in people if is_office(user)]
    return sum(
        mail.new_task(user, tasklist.make_row(task, viewer=user, people=people), note) for user in people
    )


def stalled_tasks(flow_task, days, now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    open_tasks = Task.objects.filter(
        flow_task=flow_task, status__in=(STATUS.NEW, STATUS.ASSIGNED), created__lte=cutoff
    )
    for task in open_tasks.select_related("owner", "process"):
        reminded = task.data.get("reminded_at")
        if reminded is None or reminded <= cutoff.isoformat():
            yield task


def _mark(task, key, value):
    task.data[key] = value
    task.save(update_fields=["data"])


def _per_person(tasks):
    """{user: [row, ...]} for everyone who can act on these tasks."""
    found = {}
    for task in tasks:
        people = tasklist.candidates(task)
        for user in people:
            found.setdefault(user.pk, (user, []))[1].append(
                tasklist.make_row(task, viewer=user, people=people)
            )
    return found.values()


def remind_stalled(now=None):
    """Send the reminders about idle tasks that are due; returns the number of e-mails sent."""
    registered_flows()  # importing the flows modules registers what they watch
    now = now or timezone.now()
    due = []
    for flow_task, days in WATCHED.items():
        for task in stalled_tasks(flow_task, days, now):
            due.append(task)
            _mark(task, "reminded_at", now.isoformat())
    with override("nl"):
        subject = _("Er wachten taken op u")
    return sum(
        mail.remind(user, rows, "workflows/email/stalled_tasks.txt", subject)
        for user, rows in _per_person(due)
    )


def remind_deadlines(now=None):
    """Remind whoever can act on a task whose deadline is near, once per deadline; returns the e-mails sent."""
    now = now or timezone.now()
    horizon = now + timedelta(hours=settings.NNR_TASK_DEADLINE_REMINDER_HOURS)
    due = []
    for task in tasklist.open_tasks():
        if task.flow_task is None:
            continue
        deadline = tasklist.deadline(task)
        if deadline is None or not now < deadline <= horizon:
            continue
        if task.data.get("deadline_reminded") == deadline.isoformat():
            continue
        due.append(task)
        _mark(task, "deadline_reminded", deadline.isoformat())
    with override("nl"):
        subject = _("Herinnering: de termijn van een taak loopt af")
    return sum(
        mail.remind(user, rows, "workflows/email/deadline.txt", subject) for user, rows in _per_person(due)
    )


def alert_office(now=None):
    """Report the tasks that are newly stuck to the office; returns the number of e-mails sent."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.NNR_TASK_ALERT_DAYS)
    stuck = []
    for task in tasklist.open_tasks():
        if task.flow_task is None:
            continue
        alerted = task.data.get("office_alerted", {})
        reasons = {mail.NOBODY} if not tasklist.candidates(task) else set()
        if task.created <= cutoff:
            reasons.add(mail.WAITING)
        new = sorted(reasons - alerted.keys())
        if new:
            stuck.append((task, new[0]))
        if new or alerted.keys() - reasons:  # forget a reason that no longer holds, so it is told again
            _mark(
                task, "office_alerted", {reason: alerted.get(reason, now.isoformat()) for reason in reasons}
            )
    return mail.alert_office(stuck)


def mark_alerted(task, reason, now=None):
    """Remember that the office was told about this task for this reason (when the task was created)."""
    alerted = task.data.get("office_alerted", {})
    alerted[reason] = (now or timezone.now()).isoformat()
    _mark(task, "office_alerted", alerted)
