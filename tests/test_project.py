"""Project-level checks: production settings, the compose file, the translation catalogue."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "nnr_site.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "rookvrij.example.org",
        "NNR_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    env.update(DJANGO_SETTINGS_MODULE="nnr_site.settings.production", NNR_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_compose_file_has_the_production_shape():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat", "mailpit"} <= set(services)
    assert (
        "migrate" in " ".join(services["web"]["command"])
        if isinstance(services["web"]["command"], list)
        else "migrate" in services["web"]["command"]
    )
    assert "gunicorn" in str(services["web"]["command"])
    assert "celery" in str(services["worker"]["command"]) and "beat" in str(services["beat"]["command"])
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres") and env["REDIS_URL"].startswith("redis")
        assert int(env["CONN_MAX_AGE"]) > 0  # a worker keeps its database connection between tasks
    for service in services.values():
        for dependency in service.get("depends_on", {}):
            assert dependency in services
    redis = services["redis"]["command"]  # a full Redis may drop cached pages, never queued mails
    assert redis[redis.index("--maxmemory-policy") + 1] == "volatile-lru"


def test_dutch_is_the_language():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "nl" and settings.TIME_ZONE == "Europe/Amsterdam"
    assert (ROOT / "locale/nl/LC_MESSAGES/django.po").exists()


def test_public_pages_send_a_strict_content_security_policy(client, db):
    from tests.network.helpers import home_page

    home_page()
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in policy
        and "object-src 'none'" in policy
        and "frame-ancestors 'none'" in policy
    )
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    body = response.content.decode()
    assert " style=" not in body and "<script>" not in body  # nothing the policy would block


def test_wagtail_admin_is_left_out_of_the_policy(client, db):
    """Wagtail's admin relies on inline scripts; it is only reachable for logged-in staff."""
    assert "Content-Security-Policy" not in client.get("/admin/login/")
