"""Periodic Celery tasks of the network-role flows: the timers that close waiting periods, the reflection that
is due, reminders. (Their e-mails are sent by governance.mail.)

Open-source Viewflow has no timer node that fires by itself; `close_expired_periods` runs periodically
(CELERY_BEAT_SCHEDULE) and runs the waiting Handle of each flow whose period is over.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from workflows.reminders import stalled_tasks

from .access import users_of
from .flows import PARTICIPANT_TASKS, ExitRequestFlow, HandoverFlow, ReflectionFlow
from .links import task_url
from .mail import send_flow_mail
from .models import ReflectionProcess

logger = logging.getLogger(__name__)


@shared_task
def close_expired_periods():
    """Close objection periods of handovers and hearing periods of exit requests that are over."""
    now = timezone.now()
    closed = 0
    for flow_class, node, deadline in (
        (HandoverFlow, HandoverFlow.objection_period, "handoverprocess__objection_deadline__lte"),
        (ExitRequestFlow, ExitRequestFlow.hearing_over, "exitrequestprocess__hearing_deadline__lte"),
    ):
        tasks = flow_class.task_class.objects.filter(
            flow_task=node, status=STATUS.NEW, **{f"process__{deadline}": now}
        )
        for task in tasks:
            try:
                node.run(task)
            except Exception:  # one stuck process must not keep the others' periods open
                logger.exception("Could not close the waiting period of task %s", task.pk)
                continue
            closed += 1
    return closed


@shared_task
def start_due_reflection():
    """Start a reflection when the last one started longer ago than the configured interval."""
    last = ReflectionProcess.objects.order_by("-created").first()
    interval = timedelta(days=settings.NNR_REFLECTION_INTERVAL_DAYS)
    if last is not None and timezone.now() - last.created < interval:
        return None
    return ReflectionFlow.start.run().pk


@shared_task
def remind_participants():
    """Remind the successor / the concerned participant of a task waiting for them, with a link on the site."""
    sent = 0
    for node, days in PARTICIPANT_TASKS.items():
        for task in stalled_tasks(node, days):
            process = task.process.coerced
            participant = getattr(process, "successor", None) or getattr(process, "participant", None)
            recipients = [task.owner.email] if task.owner_id else [u.email for u in users_of([participant])]
            send_flow_mail(
                str(_("Er wacht een taak op u: %(task)s") % {"task": node.task_title}),
                str(
                    _("Er wacht een taak op u bij %(process)s. U vindt hem hier: %(url)s")
                    % {"process": process, "url": settings.SITE_URL.rstrip("/") + task_url(task)}
                ),
                recipients,
            )
            task.data["reminded_at"] = timezone.now().isoformat()
            task.save(update_fields=["data"])
            sent += 1
    return sent
