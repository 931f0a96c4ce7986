from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.devices import switch_off


class Command(BaseCommand):
    help = (
        "Zet tweestapsverificatie van een account uit (telefoon kwijt, geen herstelcodes meer). Wie die "
        "verplicht heeft, stelt bij de volgende log-in een nieuwe app in. Controleer eerst wie erom vraagt."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Geen account {username}.")
        switch_off(user)
        self.stdout.write(f"Tweestapsverificatie van {username} staat uit.")
