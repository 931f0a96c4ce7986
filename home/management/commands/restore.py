"""`manage.py restore FOLDER`: puts a `manage.py backup` back into the configured database and file folders.

Into an empty database (a new server, or `createdb`) it restores without asking. A database that already has
tables, or file folders that already hold files, are replaced only with `--replace`, after typing "ja" (or with
`--noinput` as well, for scripts): everything in them is lost. Every file's checksum is checked against the
manifest before anything is changed. Afterwards the page cache starts anew, and `manage.py migrate` brings a
back-up from older code up to date.
"""

import json
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from home.management.commands.backup import SKIPPED_FOLDERS, is_postgres, postgres_env, sha256
from nnr_site.pagecache import new_generation


def has_files(folder):
    folder = Path(folder)
    return folder.is_dir() and any(child.name not in SKIPPED_FOLDERS for child in folder.iterdir())


def empty_folder(folder):
    folder = Path(folder)
    if folder.is_dir():
        for child in folder.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()


class Command(BaseCommand):
    help = (
        "Zet een back-up van manage.py backup terug: database, media en privébestanden. Een lege database "
        "zonder vragen; een gevulde alleen met --replace (alles erin gaat verloren)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="de map die manage.py backup schreef")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="vervang een database met tabellen en mappen met bestanden (alles erin gaat verloren)",
        )
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, folder, replace, interactive, **options):
        folder = Path(folder)
        manifest = self.checked_manifest(folder)
        database = connection.settings_dict
        engine = "postgresql" if is_postgres(database) else "sqlite"
        if manifest["engine"] != engine:
            raise CommandError(f"Deze back-up is van {manifest['engine']}; de database hier is {engine}.")

        occupied = [
            what
            for what, full in (
                (f"database {database['NAME']}", bool(connection.introspection.table_names())),
                (f"map {settings.MEDIA_ROOT}", has_files(settings.MEDIA_ROOT)),
                (f"map {settings.PRIVATE_ROOT}", has_files(settings.PRIVATE_ROOT)),
            )
            if full
        ]
        if occupied and not replace:
            raise CommandError(
                f"Niet leeg: {', '.join(occupied)}. Zet terug in een lege database en lege mappen, of geef "
                "--replace om ze te vervangen (alles erin gaat verloren)."
            )
        if occupied and interactive:
            answer = input(
                f"Alles in {', '.join(occupied)} wordt vervangen door de back-up. Typ 'ja' om door te gaan: "
            )
            if answer.strip().lower() != "ja":
                raise CommandError("Niets veranderd.")

        self.restore_database(database, folder, clean=bool(occupied))
        for archive, root in (
            ("media.tar.gz", settings.MEDIA_ROOT),
            ("private.tar.gz", settings.PRIVATE_ROOT),
        ):
            empty_folder(root)
            Path(root).mkdir(parents=True, exist_ok=True)
            with tarfile.open(folder / archive) as tar:
                tar.extractall(root, filter="data")  # no absolute paths, no "..", no devices or odd links
        new_generation()  # the page cache may hold pages of the database that was there before
        self.stdout.write(
            f"Teruggezet: {folder} (gemaakt {manifest['created']}). Draai nu manage.py migrate als de code "
            "nieuwer is dan de back-up."
        )

    def checked_manifest(self, folder):
        try:
            manifest = json.loads((folder / "manifest.json").read_text())
        except (OSError, ValueError) as error:
            raise CommandError(
                f"Geen bruikbare back-up in {folder}: manifest.json ontbreekt of is kapot ({error})."
            ) from None
        for name, expected in manifest["files"].items():
            path = folder / name
            if not path.is_file() or sha256(path) != expected["sha256"]:
                raise CommandError(
                    f"{path} ontbreekt of is veranderd sinds de back-up (checksum klopt niet)."
                )
        return manifest

    def restore_database(self, database, folder, clean):
        if is_postgres(database):
            if clean:  # the database as it was at the back-up, without tables of later migrations
                with connection.cursor() as cursor:
                    cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            connection.close()
            command = [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={database['NAME']}",
            ]
            result = subprocess.run(
                [*command, str(folder / "database.dump")],
                env=postgres_env(database),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_restore mislukte: {result.stderr.strip()}")
            return
        connection.ensure_connection()
        with sqlite3.connect(folder / "database.sqlite3") as source:
            source.backup(connection.connection)  # replaces the whole database, tables and all
        source.close()
        connection.close()
