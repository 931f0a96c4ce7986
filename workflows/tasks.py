"""Celery tasks of all flows: the mail about a new task, and the periodic reminders and office alerts
(scheduled in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from viewflow.workflow.models import Task

from . import permissions, reminders


@shared_task
def announce_task(task_id, note=""):
    """Mail everyone who can act on a task that was just created or given to someone (enqueued on commit)."""
    task = Task.objects.select_related("process", "owner").filter(pk=task_id).first()
    if task is None or task.flow_task is None or task.status not in permissions.OPEN_STATUSES:
        return 0  # done or gone before the worker got to it: nothing to tell
    return reminders.announce(task, note)


@shared_task
def remind_stalled_tasks():
    return reminders.remind_stalled()


@shared_task
def remind_deadlines():
    return reminders.remind_deadlines()


@shared_task
def alert_office():
    return reminders.alert_office()
