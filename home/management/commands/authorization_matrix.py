"""Print the authorisation matrix (home/authorization.py) as a table the office can read."""

from django.core.management.base import BaseCommand

from home.authorization import ROLES, table_rows

AREAS = {"website": "Website", "werkstroom": "Werkstromen", "beheer": "Beheeromgeving"}


class Command(BaseCommand):
    help = "Toont wie wat mag openen: rollen tegen pagina's, beheerschermen en werkstroomacties."

    def add_arguments(self, parser):
        parser.add_argument("--markdown", action="store_true", help="als Markdown-tabel (voor de README)")

    def handle(self, *args, markdown=False, **options):
        headings = ["Onderdeel", "Pagina of actie", "Adres", *ROLES.values()]
        rows = [[AREAS[area], label, path, *cells] for area, label, path, cells in table_rows()]
        if markdown:
            self.stdout.write("| " + " | ".join(headings) + " |")
            self.stdout.write("|" + "---|" * len(headings))
            for row in rows:
                self.stdout.write("| " + " | ".join(row) + " |")
            return
        widths = [max(len(str(r[i])) for r in [headings, *rows]) for i in range(len(headings))]
        line = "  ".join("-" * w for w in widths)
        self.stdout.write("  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)))
        self.stdout.write(line)
        for row in rows:
            self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
        self.stdout.write(line)
        self.stdout.write("ja = toegestaan; nee = geweigerd (inlogpagina, 403, 404 of 'geen toegang').")
