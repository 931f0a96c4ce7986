"""Demo accounts that must use two-step verification get an authenticator app with a fixed, public secret,
so the demo stays usable: add DEMO_SECRET to any authenticator app, or run `manage.py demo_totp bureau`.
Never use this secret for a real account."""

import time
from base64 import b32decode

from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .policy import needs_second_factor

DEMO_SECRET = "NNRDEMOTOTPSECRETNNRDEMOTOTPSECR"  # base32, as an app asks for it
DEMO_KEY = b32decode(DEMO_SECRET).hex()


def give_demo_app(user):
    """The user's confirmed app, or a new one with the demo secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Demo-app", key=DEMO_KEY, confirmed=True)


def next_code(device):
    """A code the device accepts now: codes are single-use, so after a recent log-in wait for a new one."""
    device.refresh_from_db()
    while True:
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        if totp.t() > device.last_t:
            return f"{totp.token():0{device.digits}d}"
        time.sleep(1)


def load(command):
    for user in get_user_model().objects.filter(username__in=["admin", "bureau", "kernpartner"]):
        if needs_second_factor(user):
            give_demo_app(user)
    command.stdout.write(
        f"Tweestapsverificatie (admin, bureau, kernpartner): demo-sleutel {DEMO_SECRET} in een "
        "authenticator-app, of `manage.py demo_totp bureau` voor de code van nu."
    )
