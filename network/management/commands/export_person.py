import json

from django.core.management.base import BaseCommand

from network.privacy import export_person


class Command(BaseCommand):
    help = "Exporteert alles wat het platform over één persoon (e-mailadres) bewaart, als JSON (AVG-inzageverzoek)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        self.stdout.write(json.dumps(export_person(email), indent=2, ensure_ascii=False, default=str))
