"""`manage.py backup`: the database and the uploaded files in one folder, for `manage.py restore`.

The folder holds `database.dump` (PostgreSQL: `pg_dump --format=custom`, restorable into an empty database
of the same or a newer PostgreSQL; SQLite: a consistent copy, `database.sqlite3`), `media.tar.gz` (MEDIA_ROOT:
images, Wagtail documents), `private.tar.gz` (PRIVATE_ROOT: handover documents) and `manifest.json` (when,
which database engine, the latest migration of every app, and each file's size and SHA-256, which restore
checks). Redis is not backed up: it holds the cache and queued tasks only.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

SKIPPED_FOLDERS = {"health_check_storage_test"}  # written and removed by every /health/ request


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def postgres_env(database):
    """libpq's environment for pg_dump/pg_restore: the password never appears on a command line."""
    env = {**os.environ}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    return env


def is_postgres(database):
    return database["ENGINE"].endswith("postgresql")


def archive_folder(folder, target):
    """A tar.gz of the folder's contents (names relative to it); an absent folder gives an empty archive."""
    folder = Path(folder)
    with tarfile.open(target, "w:gz") as archive:
        if folder.is_dir():
            for child in sorted(folder.iterdir()):
                if child.name not in SKIPPED_FOLDERS:
                    archive.add(child, arcname=child.name)


class Command(BaseCommand):
    help = (
        "Maakt een back-up: de database (pg_dump) en de geüploade bestanden (media en privébestanden) "
        "in één map, terug te zetten met manage.py restore."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="map voor de back-up (standaard var/backups/nnr-<datum>-<tijd>); mag nog niet bestaan",
        )

    def handle(self, *args, **options):
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        target = Path(options["output"] or settings.VAR_DIR / "backups" / f"nnr-{stamp}")
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} bestaat al en is niet leeg; kies een andere --output.")
        target.mkdir(parents=True, exist_ok=True)
        database = connection.settings_dict
        try:
            files = [self.dump_database(database, target), "media.tar.gz", "private.tar.gz"]
            archive_folder(settings.MEDIA_ROOT, target / "media.tar.gz")
            archive_folder(settings.PRIVATE_ROOT, target / "private.tar.gz")
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)  # never leave half a back-up that looks whole
            raise
        manifest = {
            "created": timezone.now().isoformat(),
            "engine": "postgresql" if is_postgres(database) else "sqlite",
            "migrations": self.latest_migrations(),
            "files": {
                name: {"bytes": (target / name).stat().st_size, "sha256": sha256(target / name)}
                for name in files
            },
        }
        (target / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        size = sum(entry["bytes"] for entry in manifest["files"].values())
        self.stdout.write(f"Back-up gemaakt: {target} ({size / 1_000_000:.1f} MB)")

    def dump_database(self, database, target):
        if is_postgres(database):
            dump = target / "database.dump"
            result = subprocess.run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={dump}",
                    database["NAME"],
                ],
                env=postgres_env(database),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_dump mislukte: {result.stderr.strip()}")
            return dump.name
        copy = target / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as destination:
            connection.connection.backup(destination)  # consistent even while the site writes
        destination.close()
        return copy.name

    def latest_migrations(self):
        latest = {}
        for app, name in MigrationRecorder(connection).applied_migrations():
            latest[app] = max(latest.get(app, name), name)
        return dict(sorted(latest.items()))
