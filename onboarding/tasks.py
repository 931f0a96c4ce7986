"""E-mails of the onboarding flow to the applicant, sent by Celery (enqueue with transaction.on_commit), and the
periodic clean-up of rejected applications; the mails of a re-confirmation (and their reminders, by beat). Mails about tasks (to the office, to the core partners) come from
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

from coalitions.models import CoalitionPage
from home.models import NetworkContactSettings
from network.models import ContactPerson, Participant
from newsletters.personal import send_each
from nnr_site.mail import subject as mail_subject

from . import confirm_mail, confirmations, external, tokens
from .models import Application, ConfirmationRequest


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


# Re-confirmation and the yearly re-declaration (onboarding/confirmations.py): mails through the ledger.

SEND_TASK = {"acks_late": True, "reject_on_worker_lost": True}


def _mail_request(request_obj, reminder_days=None):
    key = f"bevestiging-{request_obj.pk}" + (f"-herinnering-{reminder_days}" if reminder_days else "")
    return send_each(
        key,
        confirm_mail.request_subject(request_obj, reminder_days),
        [request_obj.contact],
        lambda contact, **kw: confirm_mail.request_message(request_obj, reminder_days, contact, **kw),
    )


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_round(self, round_id):
    """Mail each request of the round not yet mailed; the ledger keeps a retry from mailing anyone twice."""
    pending = ConfirmationRequest.objects.filter(round_id=round_id, mailed_at=None).exclude(contact=None)
    sent = 0
    try:
        for request_obj in pending.select_related("round__text", "participant", "contact"):
            sent += _mail_request(request_obj)
            ConfirmationRequest.objects.filter(pk=request_obj.pk).update(mailed_at=timezone.now())
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc
    return sent


@shared_task
def remind_confirmations():
    """Daily (beat): the reminders after 14 and 28 days, once each; then this year's due re-declarations, and
    the external members of coalitions published without a person (scheduled) that were never invited."""
    sent = 0
    for request_obj, days in confirmations.due_reminders():
        if request_obj.contact is not None:
            sent += _mail_request(request_obj, days)
        field = "reminded_14_at" if days == 14 else "reminded_28_at"
        update = {field: timezone.now()}
        if days == 28 and request_obj.reminded_14_at is None:
            update["reminded_14_at"] = update[field]  # past 28 days only the last reminder goes
        ConfirmationRequest.objects.filter(pk=request_obj.pk).update(**update)
    round_ = confirmations.start_due_redeclarations()
    if round_ is not None:
        sent += send_round(round_.pk)
    for page in external.uninvited_pages():
        sent += _invite(page)
    return sent


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def send_disagreement(self, request_id):
    request_obj = ConfirmationRequest.objects.select_related("round__text", "participant").get(pk=request_id)
    try:
        return send_each(
            f"niet-akkoord-{request_obj.pk}",
            confirm_mail.disagreement_subject(request_obj),
            confirmations.core_partner_contacts(),
            lambda contact, **kw: confirm_mail.disagreement_message(request_obj, contact, **kw),
        )
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc


def _invite(page):
    sent = 0
    for signature in external.invite(page):
        sent += send_each(
            f"extern-lid-{signature.pk}",
            confirm_mail.external_subject(signature),
            [signature],
            lambda contact, signature=signature, **kw: confirm_mail.external_message(
                signature, contact, **kw
            ),
        )
    return sent


@shared_task(bind=True, max_retries=5, **SEND_TASK)
def invite_external_members(self, page_id):
    """After a coalition is published: invite its external members not invited before."""
    page = CoalitionPage.objects.live().filter(pk=page_id).first()
    if page is None:
        return 0
    try:
        return _invite(page)
    except Exception as exc:
        raise self.retry(exc=exc, countdown=60) from exc
