"""Build a believable demo network; running it again changes nothing (every step gets-or-creates)."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from network.demo import DEMO_PASSWORD

# Apps contribute a `demo.py` with `load(command)`; this order respects what each one builds on.
DEMO_APPS = [
    "home",
    "network",
    "accounts",
    "coalitions",
    "knowledge",
    "events",
    "onboarding",
    "newsletters",
    "governance",
    "following",
    "conversations",
]


class Command(BaseCommand):
    help = "Laadt demogegevens: pagina's, deelnemers, coalities en demo-accounts (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for label in DEMO_APPS:
                config = apps.get_app_config(label)
                if module_has_submodule(config.module, "demo"):
                    import_module(f"{label}.demo").load(self)
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        self.stdout.write(
            f"Demo-accounts (wachtwoord '{DEMO_PASSWORD}'): admin, bureau, kernpartner, partner, supporter, coalitie"
        )
