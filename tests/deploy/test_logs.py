"""Production logs (issue 18.5): one JSON line per event with request id and user id, and no personal data."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nnr_site.logs import ContextFilter, JsonFormatter

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture
def lines():
    """What the production handler would print, one parsed JSON object per record."""
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(json.loads(self.format(record)))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter())
    logger = logging.getLogger("nnr.request")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield records
    logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def test_every_request_is_one_line_with_its_id(client, site_home, lines):
    response = client.get("/")
    (line,) = [entry for entry in lines if entry["event"] == "request"]
    assert line["path"] == "/" and line["status"] == 200 and line["method"] == "GET"
    assert line["request_id"] == response["X-Request-ID"] and "user_id" not in line
    assert line["duration_ms"] >= 0 and line["level"] == "INFO" and line["time"].endswith("+00:00")


def test_the_proxys_request_id_is_kept_and_junk_is_not(client, site_home, lines):
    assert client.get("/", HTTP_X_REQUEST_ID="0b8e6c1e-3f4a-4c1e-9d7a-6a1f1e0c2b3d")["X-Request-ID"] == (
        "0b8e6c1e-3f4a-4c1e-9d7a-6a1f1e0c2b3d"
    )
    made = client.get("/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert made != "<script>" and len(made) == 16


def test_a_page_from_the_page_cache_gets_its_own_request_id(client, site_home):
    first, second = client.get("/"), client.get("/")
    assert second["X-Page-Cache"] == "hit" and second["X-Request-ID"] != first["X-Request-ID"]


def test_the_logged_in_user_is_a_number_never_a_name(client, office_user, lines):
    client.force_login(office_user)
    client.get("/mijn/")
    line = next(entry for entry in lines if entry["event"] == "request" and entry["path"] == "/mijn/")
    assert line["user_id"] == office_user.pk and office_user.username not in json.dumps(line)


def test_a_token_in_the_path_and_the_query_string_stay_out(client, site_home, lines):
    client.get("/nieuwsbrief/bevestigen/geheim-token-123/")
    client.get("/zoeken/?q=anna%40example.org")
    paths = [entry["path"] for entry in lines if entry["event"] == "request"]
    assert paths[0] == "/nieuwsbrief/bevestigen/<str:token>/"
    assert "geheim-token-123" not in json.dumps(lines) and "anna" not in json.dumps(lines)


def test_addresses_in_messages_and_tracebacks_are_scrubbed():
    try:
        raise ValueError("550 mailbox anna.de.vries+nnr@example.org unknown")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "Mail to %s failed", ("a@b.nl",), sys.exc_info()
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line and "@" not in line
    assert (
        json.loads(line)["event"] == "Mail to <e-mail> failed" and "<e-mail>" in json.loads(line)["exception"]
    )


def test_production_settings_log_json_on_stdout(tmp_path):
    """The real configuration in a fresh process: Django's own loggers, a warning, all as JSON lines."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "nnr_site.settings.production",
        "SECRET_KEY": "x" * 20 + os.urandom(20).hex(),
        "ALLOWED_HOSTS": "rookvrij.example.org",
        "NNR_VAR_DIR": str(tmp_path),
    }
    code = (
        "import django, logging, warnings; django.setup(); "
        "logging.getLogger('django.request').warning('Not Found: /x (anna@example.org)'); "
        "warnings.warn('old API')"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"logger": "django.request", "event": "Not Found: /x (<e-mail>)"}.items() <= entries[-2].items()
    assert entries[-1]["logger"] == "py.warnings" and "old API" in entries[-1]["event"]
    assert result.stderr == ""


def test_sentry_is_off_unless_a_dsn_is_given(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SENTRY_DSN")},
        "DJANGO_SETTINGS_MODULE": "nnr_site.settings.production",
        "SECRET_KEY": "y" * 20 + os.urandom(20).hex(),
        "ALLOWED_HOSTS": "rookvrij.example.org",
        "NNR_VAR_DIR": str(tmp_path),
    }
    code = (
        "import django, sentry_sdk; django.setup(); c = sentry_sdk.get_client(); "
        "print(c.is_active(), c.options.get('send_default_pii'), c.options.get('max_request_body_size'))"
    )
    off = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert off.stdout.split()[-3:][0] == "False", off.stderr
    env["SENTRY_DSN"] = "https://public@sentry.example.org/1"  # never contacted: nothing goes wrong here
    on = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert on.stdout.split()[-3:] == ["True", "False", "never"], on.stderr
