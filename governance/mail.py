"""E-mails of the network-role flows, sent by Celery once the step that causes them is committed.

They inform (an announcement, an outcome); the mail that someone has a task is workflows' generic one.
"""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from wagtail.models import Site

from home.models import NetworkContactSettings
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


def office_address():
    """The office's e-mail address, for people without a log-in to answer (the site's contact settings)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return NetworkContactSettings._meta.get_field("email").default
    return NetworkContactSettings.for_site(site).email
