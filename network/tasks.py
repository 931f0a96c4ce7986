"""Periodic privacy housekeeping."""

import datetime

from celery import shared_task
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from .crossapp import get_model

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

    An application the onboarding archive still refers to (a signed declaration, which is append-only) cannot
    be deleted; its personal fields are cleared instead, so only the declaration itself remains.
    Returns (deleted, anonymised).
    """
    Application = get_model("onboarding.Application")
    if Application is None:
        return 0, 0
    days = settings.NNR_REJECTED_APPLICATION_RETENTION_DAYS
    cutoff = timezone.now() - datetime.timedelta(days=days)
    reject = getattr(getattr(Application, "Outcome", None), "REJECT", "reject")
    expired = Application.objects.filter(decision=reject, decided_at__lt=cutoff).exclude(
        email__endswith=f"@{ANONYMISED_DOMAIN}"
    )
    deleted = anonymised = 0
    for application in expired:
        try:
            with transaction.atomic():
                application.delete()
            deleted += 1
        except (models.ProtectedError, models.RestrictedError, PermissionError):
            fields = {name: "" for name in PERSONAL_APPLICATION_FIELDS if hasattr(application, name)}
            fields["email"] = f"verwijderd-{application.pk}@{ANONYMISED_DOMAIN}"
            if getattr(application, "kind", "") == "individu":
                fields["organisation_name"] = f"Geanonimiseerde aanmelding {application.pk}"
            Application.objects.filter(pk=application.pk).update(**fields)
            anonymised += 1
    return deleted, anonymised


@shared_task
def send_email_change_mails(contact_id, new_email):
    """The new address gets the confirmation link; the old address is told, in case it was not them."""
    from email.utils import parseaddr

    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    from .email_change import MAX_AGE, make_token
    from .models import ContactPerson

    contact = ContactPerson.objects.select_related("participant").filter(pk=contact_id).first()
    if contact is None or contact.pending_email != new_email:
        return  # superseded by a newer change, confirmed or removed meanwhile
    path = reverse("network_confirm_email", args=[make_token(contact, new_email)])
    context = {
        "contact": contact,
        "new_email": new_email,
        "confirm_url": settings.SITE_URL.rstrip("/") + path,
        "days": MAX_AGE.days,
        "office_email": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    }
    with override("nl"):
        for subject, template, to in (
            (_("Bevestig uw nieuwe e-mailadres"), "network/email/email_change_confirm.txt", new_email),
            (_("Uw e-mailadres wordt gewijzigd"), "network/email/email_change_notice.txt", contact.email),
        ):
            body = render_to_string(template, context)
            send_mail(str(subject), body, settings.DEFAULT_FROM_EMAIL, [to])
