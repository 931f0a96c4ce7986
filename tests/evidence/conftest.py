"""Shared helpers for the evidence tests: demo pages by model, the role users of the demo network."""

import pytest
from django.apps import apps


def first_live(label, **filters):
    """The first live page of a model ("app.Model"), or None when there is none."""
    return apps.get_model(label).objects.live().filter(**filters).order_by("path").first()


def url_of(label, **filters):
    page = first_live(label, **filters)
    return page.get_url(None) if page else None


@pytest.fixture
def no_ratelimit(settings):
    """The bad-input tests send thousands of requests from one address."""
    settings.RATELIMIT_ENABLE = False


# The newsletters app's real-service fixtures (SMTP sink, real broker, Celery worker), reused by test_faults.
from tests.newsletters.conftest import celery_worker, real_broker, smtp_sink  # noqa: E402, F401
