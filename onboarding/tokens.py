"""Signed links for people who need no log-in: an applicant's e-mail verification (expires) and status page, and
a participant's re-confirmation of a changed text (expires)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

VERIFY_SALT = "onboarding.verify-email"
STATUS_SALT = "onboarding.status"
VERIFY_MAX_AGE = 7 * 24 * 3600


def verify_url(application):
    token = signing.dumps({"a": application.pk, "e": application.email}, salt=VERIFY_SALT)
    return settings.SITE_URL + reverse("onboarding:verify", args=[token])


def status_path(application):
    return reverse("onboarding:status", args=[signing.dumps(application.pk, salt=STATUS_SALT)])


def read_verify_token(token):
    """The application id, or None when the link is forged or expired."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    return data.get("a")


def read_status_token(token):
    try:
        return signing.loads(token, salt=STATUS_SALT)
    except signing.BadSignature:
        return None


CONFIRM_SALT = "onboarding.confirm"
CONFIRM_MAX_AGE = (
    60 * 24 * 3600
)  # the reminder after 28 days carries a new link; this one still works a month on


def confirm_url(request_obj):
    """The link in a re-confirmation mail: for this request and the address it was mailed to."""
    token = signing.dumps({"r": request_obj.pk, "e": request_obj.contact.email.lower()}, salt=CONFIRM_SALT)
    return settings.SITE_URL + reverse("onboarding:confirm", args=[token])


def read_confirm_token(token):
    """(request id, e-mail address), or None when the link is forged or expired."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return data.get("r"), data.get("e")


EXTERNAL_SALT = "onboarding.external-member"


def external_url(signature):
    """The link in an external member's invitation: for this address (it expires as the re-confirmation's does)."""
    token = signing.dumps({"s": signature.pk, "e": signature.email}, salt=EXTERNAL_SALT)
    return settings.SITE_URL + reverse("onboarding:external_member", args=[token])


def read_external_token(token):
    try:
        data = signing.loads(token, salt=EXTERNAL_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return data.get("s"), data.get("e")
