"""Celery tasks of the network-role flows: their e-mails and the timers that close waiting periods.

Open-source Viewflow has no timer node that fires by itself; `close_expired_periods` runs periodically
(CELERY_BEAT_SCHEDULE) and runs the waiting Handle of each flow whose period is over.
"""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone


@shared_task
def send_flow_mail(subject, body, recipients):
    recipients = sorted({r for r in recipients if r})
    if recipients:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def mail_on_commit(subject, body, recipients):
    subject, body, recipients = str(subject), str(body), list(recipients)
    transaction.on_commit(lambda: send_flow_mail.delay(subject, body, recipients))


@shared_task
def close_expired_periods():
    """Close objection periods of handovers and hearing periods of exit requests that are over."""
    from viewflow.workflow.status import STATUS

    from .flows import ExitRequestFlow, HandoverFlow

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
            node.run(task)
            closed += 1
    return closed


@shared_task
def start_due_reflection():
    """Start a reflection when the last one started longer ago than the configured interval."""
    from .flows import ReflectionFlow
    from .models import ReflectionProcess, setting

    last = ReflectionProcess.objects.order_by("-created").first()
    interval = timedelta(days=setting("NNR_REFLECTION_INTERVAL_DAYS"))
    if last is not None and timezone.now() - last.created < interval:
        return None
    return ReflectionFlow.start.run().pk
