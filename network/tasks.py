"""E-mails of network's own pages, sent by Celery (enqueue with transaction.on_commit)."""

from email.utils import parseaddr

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from .email_change import MAX_AGE, make_token
from .models import ContactPerson


@shared_task
def send_email_change_mails(contact_id, new_email):
    """The new address gets the confirmation link; the old address is told, in case it was not them."""
    contact = ContactPerson.objects.select_related("participant").filter(pk=contact_id).first()
    if contact is None or contact.pending_email != new_email:
        return  # superseded by a newer change, confirmed or removed meanwhile
    path = reverse("network:confirm_email", args=[make_token(contact, new_email)])
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
