"""E-mails of the network-role flows, sent by Celery once the step that causes them is committed."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from nnr_site.mail import subject as mail_subject


@shared_task
def send_flow_mail(subject, body, recipients):
    recipients = sorted({r for r in recipients if r})
    if recipients:
        send_mail(mail_subject(subject), body, settings.DEFAULT_FROM_EMAIL, recipients)


def mail_on_commit(subject, body, recipients):
    """Enqueue the mail once the step is committed; a failure to enqueue is logged and cannot undo the step."""
    subject, body, recipients = str(subject), str(body), list(recipients)
    transaction.on_commit(lambda: send_flow_mail.delay(subject, body, recipients), robust=True)
