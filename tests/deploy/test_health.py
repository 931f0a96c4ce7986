"""/health/ and /health/web/ (issue 18.4): what a load balancer, docker compose and the smoke test read."""

import json

import pytest
from celery.app.control import Control, Inspect

pytestmark = pytest.mark.django_db

WEB = {"database", "cache", "broker", "storage", "private storage"}


@pytest.fixture
def worker_answers(monkeypatch):
    """A worker that answers Celery's ping and consumes the default queue (the real one: deploy/smoke.py)."""
    monkeypatch.setattr(Control, "ping", lambda self, **kwargs: [{"celery@web1": {"ok": "pong"}}])
    monkeypatch.setattr(Inspect, "active_queues", lambda self: {"celery@web1": [{"name": "celery"}]})


@pytest.fixture
def no_worker(monkeypatch):
    monkeypatch.setattr(Control, "ping", lambda self, **kwargs: [])


def test_health_reports_every_part_with_the_worker_heartbeat(client, worker_answers):
    response = client.get("/health/")
    assert response.status_code == 200
    assert json.loads(response.content) == {name: "OK" for name in WEB | {"worker"}}
    assert "no-store" in response["Cache-Control"]  # never kept by the page cache or a CDN


def test_without_a_worker_health_fails_and_says_which_part(client, no_worker):
    response = client.get("/health/")
    report = json.loads(response.content)
    assert response.status_code == 500
    assert report["worker"] == "Unavailable: Celery workers unavailable"
    assert all(report[name] == "OK" for name in WEB)


def test_health_web_leaves_the_worker_out(client, no_worker):
    """A web replica keeps getting traffic while only the worker is down."""
    response = client.get("/health/web/")
    assert response.status_code == 200 and set(json.loads(response.content)) == WEB


def test_a_browser_gets_json_too_and_no_page_the_csp_would_break(client, worker_answers):
    response = client.get("/health/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json" and "<style>" not in response.content.decode()
    text = client.get("/health/?format=text")
    assert "worker: OK" in text.content.decode()


def test_a_broken_storage_shows_as_such(client, worker_answers, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the private folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": blocked}},
    }
    response = client.get("/health/web/")
    report = json.loads(response.content)
    assert response.status_code == 500 and report["private storage"] != "OK" and report["storage"] == "OK"


def test_the_healthcheck_script_asks_as_an_allowed_host(live_server, worker_answers, monkeypatch, capsys):
    """docker compose runs deploy/healthcheck.py in the web container: 0 only for a 200."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "healthcheck", Path(__file__).resolve().parents[2] / "deploy" / "healthcheck.py"
    )
    healthcheck = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(healthcheck)
    monkeypatch.setenv("ALLOWED_HOSTS", "localhost,127.0.0.1")
    monkeypatch.setenv("HEALTHCHECK_ADDRESS", live_server.url.removeprefix("http://"))
    assert healthcheck.main("/health/web/") == 0
    assert '"database": "OK"' in capsys.readouterr().out
    monkeypatch.setenv("HEALTHCHECK_ADDRESS", "127.0.0.1:9")  # nothing listens there
    assert healthcheck.main() == 1
