"""Periodic work for all flows (scheduled in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from . import reminders


@shared_task
def remind_stalled_tasks():
    return reminders.remind_stalled()
