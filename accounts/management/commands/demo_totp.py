from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_KEY, next_code


class Command(BaseCommand):
    help = "Toont de huidige code van de demo-authenticator-app van een demo-account (alleen demo-sleutel)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        device = user and TOTPDevice.objects.filter(user=user, confirmed=True, key=DEMO_KEY).first()
        if not device:
            raise CommandError(f"{username} heeft geen demo-app (alleen demo-accounts na load_demo).")
        self.stdout.write(next_code(device))
