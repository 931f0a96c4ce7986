"""Project-level checks: production settings, the compose file, the translation catalogue."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def check_deploy(tmp_path, settings_module="nnr_site.settings.production", **variables):
    """`manage.py check --deploy --fail-level WARNING` in a fresh process with these environment variables."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY")},
        "DJANGO_SETTINGS_MODULE": settings_module,
        "ALLOWED_HOSTS": "rookvrij.example.org",
        "NNR_VAR_DIR": str(tmp_path),
        **variables,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = check_deploy(
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(50),
        ANYMAIL_WEBHOOK_SECRET="nnr:" + secrets.token_urlsafe(20),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "key",
    [
        "",
        "kort-" * 9,  # 45 characters
        "dev-only-not-secret-nnr",  # the development default in settings/base.py
        "change-me-in-a-real-deployment-0123456789abcdefghijklmnop",  # the former compose fallback
        "a-long-random-production-secret-" + "x" * 40,  # the former key of this test
    ],
)
def test_production_refuses_a_missing_short_or_published_secret_key(tmp_path, key):
    result = check_deploy(tmp_path, SECRET_KEY=key, ANYMAIL_WEBHOOK_SECRET="nnr:" + secrets.token_urlsafe(20))
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_refuses_a_key_that_is_written_in_the_source(tmp_path):
    key = secrets.token_urlsafe(50)
    example = ROOT / "tests" / f"example-key-{key[:8]}.txt"
    example.write_text(f"SECRET_KEY={key}\n")
    try:
        result = check_deploy(tmp_path, SECRET_KEY=key, ANYMAIL_WEBHOOK_SECRET="nnr:geheim-" + key)
    finally:
        example.unlink()
    assert result.returncode != 0 and f"it appears in tests/{example.name}" in result.stderr


def test_check_deploy_fails_on_the_development_key(tmp_path):
    """Any settings module built on base without its own key: the deploy check itself says so."""
    result = check_deploy(tmp_path, "nnr_site.settings.base", ANYMAIL_WEBHOOK_SECRET="nnr:x")
    assert result.returncode != 0 and "nnr.E001" in result.stderr


def test_check_deploy_warns_while_the_webhooks_have_no_secret(tmp_path):
    result = check_deploy(tmp_path, SECRET_KEY=secrets.token_urlsafe(50))
    assert (
        result.returncode != 0 and "nnr.W001" in result.stderr and "ANYMAIL_WEBHOOK_SECRET" in result.stderr
    )


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
    assert {"postgres", "redis", "web", "worker", "beat", "mailpit", "proxy"} <= set(services)
    assert (
        "migrate" in " ".join(services["web"]["command"])
        if isinstance(services["web"]["command"], list)
        else "migrate" in services["web"]["command"]
    )
    assert "gunicorn -c deploy/gunicorn.conf.py" in str(services["web"]["command"])
    assert "celery" in str(services["worker"]["command"]) and "beat" in str(services["beat"]["command"])
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres") and env["REDIS_URL"].startswith("redis")
        assert int(env["CONN_MAX_AGE"]) > 0  # a worker keeps its database connection between tasks
    for service in services.values():
        for dependency in service.get("depends_on", {}):
            assert dependency in services
    assert ":?" in compose["x-app"]["environment"]["SECRET_KEY"]  # no published fallback: required
    redis = services["redis"]["command"]  # a full Redis may drop cached pages, never queued mails
    assert redis[redis.index("--maxmemory-policy") + 1] == "volatile-lru"


def test_compose_puts_the_proxy_in_front_with_health_checks():
    """Issue 18: Caddy serves /static/ and /media/ and is the only way in; web and worker report their health."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    proxy, web, worker = services["proxy"], services["web"], services["worker"]
    assert proxy["build"]["target"] == "proxy" and {"80:80", "443:443"} <= set(proxy["ports"])
    assert "media:/srv/media:ro" in proxy["volumes"]  # the site's uploads, read-only
    assert not any("private" in volume for volume in proxy["volumes"])  # handover documents never
    assert proxy["environment"]["NNR_UPSTREAM"] == "web:8000" and "ports" not in web
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    assert web["healthcheck"]["test"] == ["CMD", "python", "deploy/healthcheck.py", "/health/"]
    assert "inspect ping" in " ".join(worker["healthcheck"]["test"])
    env = compose["x-app"]["environment"]
    assert env["RATELIMIT_IP_META_KEY"] == "HTTP_X_REAL_IP"  # the address Caddy passes on (deploy/Caddyfile)
    assert "backups:/app/var/backups" in compose["x-app"]["volumes"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "AS app" in dockerfile and "FROM caddy:2 AS proxy" in dockerfile and "USER nnr" in dockerfile
    assert "postgresql-client" in dockerfile  # pg_dump for manage.py backup


def test_ci_runs_the_smoke_test_after_the_suite_and_on_python_3_13():
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.index("make test") < ci.index("make smoke PYTHON=")
    assert "VENV=var/py313" in ci and "manage.py check" in ci
    assert "smoke:" in (ROOT / "Makefile").read_text()


def test_readme_quick_start_is_still_two_commands():
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    assert [line.split()[:2] for line in quick.strip().splitlines()[1:]] == [
        ["make", "run"],
        ["make", "test"],
    ]


def test_dutch_is_the_language():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "nl" and settings.TIME_ZONE == "Europe/Amsterdam"
    assert (ROOT / "locale/nl/LC_MESSAGES/django.po").exists()


def test_public_pages_send_a_strict_content_security_policy(client, site_home):
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


def test_in_dev_links_in_mails_follow_the_port_served():
    """`PORT=8810 make run` serves on 8810; the links in mails must not point at 8000."""
    from nnr_site.settings.dev import served_site_url

    default = "http://127.0.0.1:8000"
    assert served_site_url(["manage.py", "runserver", "127.0.0.1:8810"], default) == "http://127.0.0.1:8810"
    assert (
        served_site_url(["manage.py", "runserver", "--noreload", "8811"], default) == "http://127.0.0.1:8811"
    )
    assert served_site_url(["manage.py", "runserver"], default) == default
    assert served_site_url(["manage.py", "load_demo"], default) == default


def test_readme_production_steps_match_compose_and_the_smoke_test():
    """The variables the README tells an operator to set are the ones compose passes on, and the commands it
    names exist (the smoke test, deploy/smoke.py, runs the same shape and commands)."""
    import re

    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Productie", 1)[1].split("\n## ", 1)[0]
    compose_text = (ROOT / "docker-compose.yml").read_text()
    variables = re.findall(r"^   ([A-Z_]+)=", section, re.MULTILINE)
    assert {"SECRET_KEY", "SITE_ADDRESS", "SITE_URL", "ALLOWED_HOSTS"} <= set(variables)
    for name in variables:
        assert f"${{{name}" in compose_text, f"compose does not pass {name} on"
    smoke = (ROOT / "deploy" / "smoke.py").read_text()
    for command in ("backup", "restore", "load_demo", "migrate", "collectstatic"):
        assert f'"{command}"' in smoke
    for command in ("manage.py backup", "manage.py restore", "createsuperuser", "/health/", "make smoke"):
        assert command in section
