"""Health endpoints for a load balancer, an orchestrator and the production smoke test (django-health-check).

`/health/` checks the whole shape: the database, the Redis cache, the Celery broker, both file storages (public
media and private uploads) and a worker heartbeat (a Celery ping that at least one worker answers). `/health/web/`
leaves the worker out: what one web replica needs to serve pages, so a load balancer does not take every replica
out of rotation while only the worker is down.

Both answer JSON, 200 when every check passes and 500 otherwise, e.g.
`{"database": "OK", "cache": "OK", "broker": "OK", "storage": "OK", "private storage": "OK", "worker": "OK"}`.
Never cached (Cache-Control: no-store), so the page cache and a CDN pass it through. The library's HTML page
is not used: its inline styles would be blocked by the site's Content-Security-Policy.
"""

import datetime

from celery import current_app
from django.urls import path
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.contrib.celery import Ping
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


class DatabaseCheck(Database):
    def __repr__(self):
        return "database"


class CacheCheck(Cache):
    def __repr__(self):
        return "cache"


class StorageCheck(Storage):
    def __repr__(self):
        return "storage" if self.alias == "default" else f"{self.alias} storage"


class BrokerCheck(HealthCheck):
    """The Celery broker accepts a connection (whatever CELERY_BROKER_URL names: Redis here)."""

    timeout = datetime.timedelta(seconds=3)

    def run(self):
        try:
            with current_app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception as error:  # kombu raises the transport's own errors
            raise ServiceUnavailable(f"Celery broker unreachable ({type(error).__name__})") from error

    def __repr__(self):
        return "broker"


class WorkerCheck(Ping):
    """A heartbeat: at least one Celery worker answers a ping over the broker and consumes the default queue."""

    def __repr__(self):
        return "worker"


WEB_CHECKS = [
    DatabaseCheck,
    CacheCheck,
    BrokerCheck,
    StorageCheck,
    (StorageCheck, {"alias": "private"}),
]
ALL_CHECKS = [*WEB_CHECKS, (WorkerCheck, {"timeout": datetime.timedelta(seconds=3), "limit": 1})]


class JsonHealthCheckView(HealthCheckView):
    """django-health-check's view, answering JSON (or ?format=text) instead of its HTML page."""

    def render_to_response(self, context, **response_kwargs):
        return self.render_to_response_json(response_kwargs.get("status", 200))


def health_urlpatterns():
    return [
        path("health/", JsonHealthCheckView.as_view(checks=ALL_CHECKS), name="health"),
        path("health/web/", JsonHealthCheckView.as_view(checks=WEB_CHECKS), name="health_web"),
    ]
