"""E-mails of the onboarding flow to the applicant, sent by Celery (enqueue with transaction.on_commit), and the
periodic clean-up of rejected applications. Mails about tasks (to the office, to the core partners) come from
workflows, as for every flow."""

import datetime

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Site

from home.models import NetworkContactSettings
from network.models import ContactPerson, Participant
from nnr_site.mail import subject as mail_subject

from . import tokens
from .models import Application


def _send(application, subject, template, **context):
    with override("nl"):
        body = render_to_string(template, {"application": application, **context})
        send_mail(mail_subject(subject), body, settings.DEFAULT_FROM_EMAIL, [application.email])


@shared_task
def send_verification_email(application_id):
    application = Application.objects.get(pk=application_id)
    _send(
        application,
        _("Bevestig uw aanmelding bij Netwerk Nederland Rookvrij"),
        "onboarding/email/verify.txt",
        verify_url=tokens.verify_url(application),
        status_url=settings.SITE_URL + tokens.status_path(application),
    )


@shared_task
def send_address_in_use_email(email):
    """Someone applied with an address the network already knows; only the address's owner learns that."""
    contact = ContactPerson.objects.filter(email__iexact=email).select_related("participant").first()
    application = None
    if contact is None:
        application = Application.open_duplicates(email, "").filter(email__iexact=email).first()
        if application is None:
            return  # withdrawn or decided in the meantime: nothing to tell
    site = Site.objects.filter(is_default_site=True).first()
    office = NetworkContactSettings.for_site(site).email if site else settings.DEFAULT_FROM_EMAIL
    context = {"contact": contact, "office_email": office}
    if application:
        context["status_url"] = settings.SITE_URL + tokens.status_path(application)
        if not application.email_confirmed_at:
            context["verify_url"] = tokens.verify_url(application)
    else:
        context["login_url"] = settings.SITE_URL + reverse("login")
        context["password_reset_url"] = settings.SITE_URL + reverse("password_reset")
    with override("nl"):
        body = render_to_string("onboarding/email/address_in_use.txt", context)
        send_mail(
            mail_subject(_("Uw aanmelding bij Netwerk Nederland Rookvrij")),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )


@shared_task
def send_invitation_email(application_id, user_id):
    application = Application.objects.get(pk=application_id)
    user = get_user_model().objects.get(pk=user_id)
    path = reverse(
        "onboarding:welcome",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    _send(
        application,
        _("Welkom bij Netwerk Nederland Rookvrij"),
        "onboarding/email/welcome.txt",
        user=user,
        set_password_url=settings.SITE_URL + path,
    )


@shared_task
def send_rejection_email(application_id):
    application = Application.objects.get(pk=application_id)
    _send(application, _("Uw aanmelding bij Netwerk Nederland Rookvrij"), "onboarding/email/rejected.txt")


ANONYMISED_DOMAIN = "verwijderd.invalid"
PERSONAL_APPLICATION_FIELDS = (
    "contact_name",
    "phone",
    "job_title",
    "motivation",
    "screening_notes",
    "decision_reason",
)


@shared_task
def delete_rejected_applications():
    """Delete rejected applications older than NNR_REJECTED_APPLICATION_RETENTION_DAYS.

    An application the declaration archive still refers to (a signed declaration, which is append-only) cannot
    be deleted; its personal fields are cleared instead, so only the declaration itself remains.
    Returns (deleted, anonymised).
    """
    days = settings.NNR_REJECTED_APPLICATION_RETENTION_DAYS
    cutoff = timezone.now() - datetime.timedelta(days=days)
    expired = Application.objects.filter(decision=Application.Outcome.REJECT, decided_at__lt=cutoff).exclude(
        email__endswith=f"@{ANONYMISED_DOMAIN}"
    )
    deleted = anonymised = 0
    for application in expired:
        try:
            with transaction.atomic():
                application.delete()
            deleted += 1
        except (models.ProtectedError, models.RestrictedError, PermissionError):
            fields = dict.fromkeys(PERSONAL_APPLICATION_FIELDS, "")
            fields["email"] = f"verwijderd-{application.pk}@{ANONYMISED_DOMAIN}"
            if application.kind == Participant.Kind.INDIVIDUAL:
                fields["organisation_name"] = f"Geanonimiseerde aanmelding {application.pk}"
            Application.objects.filter(pk=application.pk).update(**fields)
            anonymised += 1
    return deleted, anonymised
