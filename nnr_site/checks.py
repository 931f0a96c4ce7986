"""Deployment checks (`manage.py check --deploy`), and the secret-key rule production refuses to start
without.

Django's own check (security.W009) only looks at the length and variety of SECRET_KEY, so a long example key
copied from this repository passes it; anyone who has read the repository could then sign cancel links,
status pages and confirmations.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core import checks

from newsletters.webhooks import webhooks_are_open

MIN_LENGTH = 50
SOURCE_DIR = Path(__file__).resolve().parent.parent  # read before the settings exist, so not BASE_DIR

# Keys that were in this repository at some time; its history keeps them, so they are public for good.
PUBLISHED_KEYS = {
    "dev-only-not-secret-nnr",  # settings/base.py, development only
    "change-me-in-a-real-deployment-0123456789abcdefghijklmnop",  # the former docker-compose fallback
    "a-long-random-production-secret-" + "x" * 40,  # the former production-settings test
    "build",  # the former Dockerfile build step
}
# Not part of the source: dependencies, local data, and the environment files compose reads.
SKIPPED_DIRS = {".git", ".venv", "var", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"}


def _source_file_with(key):
    """The first file of the checked-out source that contains the key, if any (some 400 small files)."""
    needle = key.encode()
    for folder, dirs, files in os.walk(SOURCE_DIR):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info")]
        for name in files:
            if name.startswith(".env"):
                continue
            path = os.path.join(folder, name)
            try:
                with open(path, "rb") as source:
                    if needle in source.read():
                        return os.path.relpath(path, SOURCE_DIR)
            except OSError:
                continue
    return None


def secret_key_problem(key):
    """Why this SECRET_KEY must not be used in production, or None when it may."""
    if not key:
        return "SECRET_KEY is not set."
    if len(key) < MIN_LENGTH or len(set(key)) < 5:
        return f"SECRET_KEY is too short: use at least {MIN_LENGTH} random characters."
    if key in PUBLISHED_KEYS:
        return "SECRET_KEY is one that was published in this repository."
    found = _source_file_with(key)
    if found:
        return f"SECRET_KEY is published: it appears in {found}."
    return None


KEY_HINT = 'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    problem = secret_key_problem(settings.SECRET_KEY)
    return [checks.Error(problem, hint=KEY_HINT, id="nnr.E001")] if problem else []


@checks.register(checks.Tags.security, deploy=True)
def check_webhook_secret(app_configs, **kwargs):
    if not webhooks_are_open():
        return []
    return [
        checks.Warning(
            "ANYMAIL_WEBHOOK_SECRET is not set: the mail provider's bounce and complaint webhooks (/anymail/) "
            "refuse every post, so bounces are not recorded.",
            hint="Set ANYMAIL_WEBHOOK_SECRET to 'user:password' (long and random) and give the provider "
            "https://user:password@<host>/anymail/<provider>/tracking/.",
            id="nnr.W001",
        )
    ]
