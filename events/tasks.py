"""Mails about registrations: confirmation (with .ics), waiting list, moved up, and the reminder."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nnr_site.mail import subject as mail_subject

from .ics import calendar
from .models import Registration

SUBJECTS = {
    Registration.Status.CONFIRMED: _("Bevestiging van uw aanmelding: %(title)s"),
    Registration.Status.WAITING: _("U staat op de wachtlijst: %(title)s"),
    "promoted": _("Er is een plaats vrijgekomen: %(title)s"),
    "reminder": _("Herinnering: morgen %(title)s"),
    "again": _("U bent al aangemeld: %(title)s"),
}


def _send(registration, kind):
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "kind": kind,
        "event_url": event.absolute_url(),
        "cancel_url": registration.cancel_url(),
    }
    message = EmailMultiAlternatives(
        subject=mail_subject(SUBJECTS[kind] % {"title": event.title}),
        body=render_to_string("events/mail/registration.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    if kind != Registration.Status.WAITING and registration.status == Registration.Status.CONFIRMED:
        message.attach(
            "bijeenkomst.ics",
            calendar([event], with_link=True),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    message.send()


@shared_task
def send_registration_mail(registration_id, kind):
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration and registration.status != Registration.Status.CANCELLED:
        _send(registration, kind)


@shared_task
def send_reminders():
    """Mail everyone with a place at a meeting that starts tomorrow (local time); each person only once."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED, reminded_at=None, event__start__date=tomorrow, event__live=True
    ).select_related("event")
    sent = 0
    for registration in due:
        # Claiming with a conditional update keeps a second run (or a second worker) from mailing again.
        if Registration.objects.filter(pk=registration.pk, reminded_at=None).update(
            reminded_at=timezone.now()
        ):
            _send(registration, "reminder")
            sent += 1
    return sent
