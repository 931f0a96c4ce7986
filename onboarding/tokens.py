"""Signed links for applicants, who have no account: e-mail verification (expires) and the status page."""

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
