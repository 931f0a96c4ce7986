import json

from django.core.management.base import BaseCommand, CommandError

from network.privacy import erase_person


class Command(BaseCommand):
    help = (
        "Wist één persoon (AVG): verwijdert of anonimiseert persoonsgegevens bij deelnemers (individuen), "
        "contactpersonen, aanmeldingen, workflowgegevens, paginaversies, formulierinzendingen en "
        "nieuwsbriefverzendingen. Niet-persoonlijke gegevens blijven bestaan. Vraagt om bevestiging, "
        "tenzij --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", action="append", default=[], help="Extra naam om overal te wissen.")
        parser.add_argument("--yes", action="store_true", help="Niet om bevestiging vragen.")

    def handle(self, *args, email, name, yes, **options):
        if not yes:
            answer = input(f"Alle persoonsgegevens van {email} wissen? Typ het e-mailadres ter bevestiging: ")
            if answer.strip().lower() != email.strip().lower():
                raise CommandError("Niet bevestigd; er is niets gewist.")
        report = erase_person(email, extra_names=name)
        self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False, default=str))
        self.stdout.write(self.style.SUCCESS(f"Persoonsgegevens van {email} gewist."))
