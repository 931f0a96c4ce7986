from argparse import RawDescriptionHelpFormatter

from django.core.management.base import BaseCommand, CommandError

from network import importer


class Command(BaseCommand):
    help = "Importeert de partnerlijst van de ANR (CSV of XLSX) als deelnemers met contactpersonen.\n\n" + (
        importer.__doc__ or ""
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("file", help="pad naar een .csv- (komma of puntkomma) of .xlsx-bestand")
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen rapporteren wat er zou gebeuren; niets opslaan"
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            report = importer.import_participants(file, dry_run=dry_run)
        except (OSError, ValueError) as error:
            raise CommandError(f"Kan {file} niet inlezen: {error}") from error
        for line in report.lines:
            self.stdout.write(line)
        prefix = "Proefrun (niets opgeslagen): " if dry_run else ""
        summary = (
            f"{prefix}{report.created} nieuw, {report.updated} bijgewerkt, {report.unchanged} ongewijzigd, "
            f"{len(report.errors)} fout"
        )
        self.stdout.write(self.style.WARNING(summary) if report.errors else self.style.SUCCESS(summary))
