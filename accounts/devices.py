"""The two kinds of second factor: an authenticator app (TOTP) and ten single-use recovery codes."""

from base64 import b32encode

import segno
from django.db import transaction
from django_otp import devices_for_user, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


def app_device(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def pending_app_device(user):
    """The device being set up: the same secret until it is confirmed, so reloading keeps the QR code."""
    return app_device(user, confirmed=False) or TOTPDevice.objects.create(
        user=user, name="Authenticator-app", confirmed=False
    )


def secret(device):
    """The key as people type it into an app: base32 in groups of four."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code(device):
    """The set-up link as a QR code, an SVG data URI (allowed by the CSP's img-src data:, no script)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@transaction.atomic
def confirm(device, token):
    """Switch the app on when the code from it is right; returns the new recovery codes (or None)."""
    if not device.verify_token(_clean(token)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes by ten new ones; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Herstelcodes"})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def check(user, token):
    """(the device that accepts this code, whether it is too soon to try): six digits are an app code,
    anything else a recovery code. After each wrong code a device waits twice as long (django-otp)."""
    token = _clean(token)
    kind = TOTPDevice if token.isdigit() else StaticDevice
    devices = [d for d in devices_for_user(user) if isinstance(d, kind)]
    if devices and not any(device.verify_is_allowed()[0] for device in devices):
        return None, True
    for device in devices:
        if verify_token(user, device.persistent_id, token):
            return device, False
    return None, False


def switch_off(user):
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def _clean(token):
    return "".join((token or "").split()).lower()
