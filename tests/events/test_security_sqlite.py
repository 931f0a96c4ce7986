"""The embedded default (SQLite) under simultaneous requests: registrations and applications at the same
moment must all be answered, none with a server error ("database is locked").

pytest's SQLite test database lives in memory and is shared by the threads of one process, which hides the
locking; so the rows are copied to a database file and a fresh process posts the forms from several threads.
"""

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection

from tests.onboarding.conftest import application_data

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
VISITORS = 6
BURST = "from tests.events.test_security_sqlite import burst"


def burst(path, form):
    """Run in the fresh process: VISITORS people post the form at once; prints their status codes."""
    from django.db import connection as thread_connection
    from django.test import Client

    start, statuses = threading.Barrier(VISITORS), []

    def visit(n):
        client = Client(raise_request_exception=False, REMOTE_ADDR=f"192.0.2.{n + 1}")
        data = {"name": f"Bezoeker {n}", "email": f"bezoeker{n}@example.org"}
        if form == "application":
            data = application_data(email=f"aanvrager{n}@example.org", organisation_name=f"Sportbond {n}")
        start.wait()
        statuses.append(client.post(path, data).status_code)
        thread_connection.close()

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps(statuses))


def post_at_once(tmp_path, path, form):
    if connection.vendor != "sqlite":
        pytest.skip("about the SQLite default")
    database = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(database) as copy:
        connection.connection.backup(copy)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nnr_site.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "NNR_VAR_DIR": str(tmp_path),
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {BURST}; burst({path!r}, {form!r})"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_simultaneous_meeting_registrations_get_no_server_error(tmp_path, make_event):
    event = make_event(open_to_everyone=True, capacity=3)
    statuses, log = post_at_once(tmp_path, f"/bijeenkomsten/{event.pk}/aanmelden/", "registration")
    assert statuses == [302] * VISITORS, log
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        by_status = dict(db.execute("SELECT status, COUNT(*) FROM events_registration GROUP BY status"))
    assert by_status == {"aangemeld": 3, "wachtlijst": VISITORS - 3}


def test_simultaneous_applications_get_no_server_error(tmp_path, rules_page):
    statuses, log = post_at_once(tmp_path, "/aanmelden/", "application")
    assert statuses == [302] * VISITORS, log
