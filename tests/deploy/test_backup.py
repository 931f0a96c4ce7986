"""`manage.py backup` and `restore` (issue 18.6): a back-up restored into a new, empty database and new folders
brings the site's data back (the declaration chain still verifies there, the uploads are there); a database
or folders with something in them are replaced only when asked, and a changed back-up is refused.

On PostgreSQL (CI) this runs the real pg_dump and pg_restore; on SQLite a consistent copy. The smoke test
(deploy/smoke.py) does the same with the demo network and compares the pages a restored copy serves."""

import json
import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from nnr_site.storage import private_storage
from onboarding.models import Declaration
from tests.onboarding.conftest import application_data

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)  # committed rows, as pg_dump sees them


@pytest.fixture
def site_with_uploads(client, rules_page):
    for n in range(2):
        response = client.post(
            "/aanmelden/", application_data(organisation_name=f"Back-up {n}", email=f"b{n}@example.org")
        )
        assert response.status_code == 302
    image = default_storage.save("original_images/back-up-test.png", ContentFile(b"\x89PNG back-up"))
    handover = private_storage().save("handover/back-up-test.pdf", ContentFile(b"%PDF back-up"))
    yield image, handover
    default_storage.delete(image)
    private_storage().delete(handover)


@pytest.fixture
def new_database(tmp_path):
    """An empty database next to the test database: a PostgreSQL one made here, or a new SQLite file."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"{connection.settings_dict['NAME']}_restore"
    admin = {**connection.settings_dict, "NAME": "postgres"}
    url = dj_database_url.parse(os.environ["DATABASE_URL"])

    def run(sql):
        with psycopg.connect(
            dbname="postgres",
            host=admin["HOST"] or None,
            port=admin["PORT"] or None,
            user=admin["USER"] or None,
            password=admin["PASSWORD"] or None,
            autocommit=True,
        ) as conn:
            conn.execute(sql)

    run(f'DROP DATABASE IF EXISTS "{name}"')
    run(f'CREATE DATABASE "{name}"')
    user = f"{url['USER']}{':' + url['PASSWORD'] if url['PASSWORD'] else ''}@" if url["USER"] else ""
    yield f"postgres://{user}{url['HOST'] or '127.0.0.1'}:{url['PORT'] or 5432}/{name}"
    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, database_url, var_dir, input=None):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "nnr_site.settings.test",
        "DATABASE_URL": database_url,
        "NNR_VAR_DIR": str(var_dir),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, input=input
    )


def test_a_backup_restored_into_a_new_database_brings_the_site_back(
    site_with_uploads, new_database, tmp_path
):
    image, handover = site_with_uploads
    backup = tmp_path / "backup"
    call_command("backup", output=str(backup))
    manifest = json.loads((backup / "manifest.json").read_text())
    assert (
        set(manifest["files"]) >= {"media.tar.gz", "private.tar.gz"} and manifest["migrations"]["onboarding"]
    )

    restored = tmp_path / "restored-var"
    result = manage("restore", str(backup), "--noinput", database_url=new_database, var_dir=restored)
    assert result.returncode == 0, result.stderr
    # the test settings keep uploads in var/test-media and var/test-private
    assert (restored / "test-media" / image).read_bytes() == b"\x89PNG back-up"
    assert (restored / "test-private" / handover).read_bytes() == b"%PDF back-up"

    result = manage("verify_declarations", database_url=new_database, var_dir=restored)
    assert result.returncode == 0, result.stderr
    assert f"Keten intact: {Declaration.objects.count()} verklaringen" in result.stdout

    # Over what is there now, after typing "ja": what came after the back-up is gone.
    (restored / "test-media" / "original_images" / "later.png").write_bytes(b"after the back-up")
    replaced = manage(
        "restore", str(backup), "--replace", database_url=new_database, var_dir=restored, input="ja\n"
    )
    assert replaced.returncode == 0, replaced.stderr
    assert not (restored / "test-media" / "original_images" / "later.png").exists()
    assert (restored / "test-media" / image).exists()


def test_a_changed_backup_is_refused_before_anything_changes(site_with_uploads, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", output=str(backup))
    with open(backup / "media.tar.gz", "ab") as archive:
        archive.write(b"x")
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(backup), replace=True, interactive=False)
    assert Declaration.objects.count() == 2


def test_restore_replaces_a_full_database_only_when_asked(site_with_uploads, tmp_path, monkeypatch):
    backup = tmp_path / "backup"
    call_command("backup", output=str(backup))
    with pytest.raises(CommandError, match="Niet leeg.*--replace"):
        call_command("restore", str(backup), interactive=False)
    asked = []
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or "nee")
    with pytest.raises(CommandError, match="Niets veranderd"):
        call_command("restore", str(backup), replace=True)
    assert "Typ 'ja'" in asked[0] and Declaration.objects.count() == 2
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("backup", output=str(backup))


def test_backup_needs_no_uploads_folder(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "no-media-yet"
    call_command("backup", output=str(tmp_path / "backup"))
    assert (tmp_path / "backup" / "media.tar.gz").exists()
    assert settings.MEDIA_ROOT and not Path(settings.MEDIA_ROOT).exists()


def test_backups_default_to_var_backups(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("backup")
    (made,) = (tmp_path / "backups").iterdir()
    assert made.name.startswith("nnr-") and (made / "manifest.json").exists()


def test_the_dump_is_what_pg_restore_reads(require_postgres, tmp_path):
    call_command("backup", output=str(tmp_path / "backup"))
    listing = subprocess.run(
        ["pg_restore", "--list", str(tmp_path / "backup" / "database.dump")], capture_output=True, text=True
    )
    assert listing.returncode == 0 and "onboarding_declaration" in listing.stdout
