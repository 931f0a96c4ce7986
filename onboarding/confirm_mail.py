"""The mails of a re-confirmation: the request (and its reminders) to a participant's primary contact, each with
its own signed link, and a disagreement to the core partners. They go through the newsletter ledger
(`newsletters.personal.send_each`), so each goes once per address, however often a task runs."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from newsletters.mail import absolute, build_message

from . import tokens
from .models import Declaration


def request_subject(request_obj, reminder_days=None):
    text = request_obj.round.text
    if request_obj.round.purpose == Declaration.Purpose.YEARLY:
        subject = _("Uw jaarlijkse verklaring voor Netwerk Nederland Rookvrij")
    else:
        subject = _("Nieuwe versie: %(text)s — wilt u die bevestigen?") % {"text": text.title}
    if reminder_days:
        subject = _("Herinnering: %(subject)s") % {"subject": subject}
    return subject


def request_message(request_obj, reminder_days, contact, **kwargs):
    with override("nl"):
        subject = request_subject(request_obj, reminder_days)
        context = {
            "request": request_obj,
            "contact": contact,
            "text": request_obj.round.text,
            "yearly": request_obj.round.purpose == Declaration.Purpose.YEARLY,
            "reminder_days": reminder_days,
            "url": tokens.confirm_url(request_obj),
        }
        html = render_to_string("onboarding/email/confirm_request.html", context)
        text = render_to_string("onboarding/email/confirm_request.txt", context)
    return build_message(subject, html, text, contact.email, unsubscribe=False, **kwargs)


def disagreement_subject(request_obj):
    return _("%(organisation)s is niet akkoord met %(text)s") % {
        "organisation": request_obj.participant.name,
        "text": request_obj.round.text.title,
    }


def disagreement_message(request_obj, contact, **kwargs):
    with override("nl"):
        subject = disagreement_subject(request_obj)
        context = {
            "request": request_obj,
            "contact": contact,
            "text": request_obj.round.text,
            "overview_url": absolute(reverse("onboarding_confirmations")),
        }
        html = render_to_string("onboarding/email/disagreement.html", context)
        text = render_to_string("onboarding/email/disagreement.txt", context)
    return build_message(subject, html, text, contact.email, unsubscribe=False, **kwargs)


def external_subject(signature):
    return _("Wilt u de verklaring van Netwerk Nederland Rookvrij ondertekenen?")


def external_message(signature, contact, **kwargs):
    """`contact` is the signature itself: it has the name and the address the ledger needs."""
    with override("nl"):
        context = {
            "signature": signature,
            "coalition": signature.coalition,
            "url": tokens.external_url(signature),
        }
        html = render_to_string("onboarding/email/external_member.html", context)
        text = render_to_string("onboarding/email/external_member.txt", context)
    return build_message(
        external_subject(signature), html, text, signature.email, unsubscribe=False, **kwargs
    )
