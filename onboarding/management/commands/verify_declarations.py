from django.core.management.base import BaseCommand, CommandError

from onboarding.models import Declaration


class Command(BaseCommand):
    help = "Controleer de hash-keten van het verklaringenarchief (exit 1 bij een gewijzigde of ontbrekende verklaring)."

    def handle(self, *args, **options):
        problems = Declaration.verify_chain()
        for record, problem in problems:
            self.stderr.write(f"verklaring #{record.pk} ({record.organisation_name}): {problem}")
        if problems:
            raise CommandError(f"{len(problems)} probleem/problemen in het verklaringenarchief")
        self.stdout.write(f"Keten intact: {Declaration.objects.count()} verklaringen.")
