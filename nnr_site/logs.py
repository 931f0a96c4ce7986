"""Production logs: one JSON object per line on stdout, per event, without personal data.

Every line has `time`, `level`, `logger`, `event` (the message) and, when known, `request_id` and `user_id` (the
account's number, never a name or address) or, in a Celery worker, `task` and `task_id`. The request id comes
from the proxy's `X-Request-ID` header (Caddy sets one per request; deploy/Caddyfile) or is made here, and goes
back in the response's `X-Request-ID`, so a visitor's error report can be found in the logs.
RequestLogMiddleware writes one `request` line per request: method, the URL pattern (never a token from the path
and never the query string, which can hold a search or an address), status and duration.
E-mail addresses in any message are replaced by `<e-mail>`, a safety net for messages that quote an SMTP error.

Settings: production.py sets LOGGING to JsonFormatter + ContextFilter on stdout; nnr_site/celery.py gives the
worker's and beat's own handlers the same formatter (NNR_JSON_LOGS).
"""

import contextvars
import json
import logging
import re
import secrets
import sys
import time
import traceback
from datetime import UTC, datetime

_request = contextvars.ContextVar("nnr_request", default=None)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
REQUEST_ID = re.compile(r"^[\w.-]{8,64}$")
request_logger = logging.getLogger("nnr.request")


def scrub(text):
    return EMAIL.sub("<e-mail>", text)


def _user_id(request):
    user = getattr(request, "_cached_user", None)  # only if something looked at the user: no extra query
    return user.pk if user is not None and user.is_authenticated else None


class ContextFilter(logging.Filter):
    """Adds request_id and user_id (in a web process) or task and task_id (in a Celery worker) to a record."""

    def filter(self, record):
        request = _request.get()
        if request is not None:
            record.request_id = request.request_id
            record.user_id = _user_id(request)
        else:
            try:
                from celery import current_task
            except ImportError:  # pragma: no cover - celery is a dependency
                current_task = None
            if current_task and current_task.request.id:
                record.task = current_task.name
                record.task_id = current_task.request.id
        return True


class JsonFormatter(logging.Formatter):
    CONTEXT = ("request_id", "user_id", "task", "task_id", "method", "path", "status", "duration_ms")

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": scrub(record.getMessage()),
        }
        for key in self.CONTEXT:
            value = getattr(record, key, None)
            if value is not None:
                line[key] = value
        if record.exc_info:
            line["exception"] = scrub("".join(traceback.format_exception(*record.exc_info)).rstrip())
        return json.dumps(line, ensure_ascii=False, default=str)


def json_handler():
    """A stdout handler with the JSON formatter and the context filter (for Celery's own loggers)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter())
    return handler


def _route(request):
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name == "wagtail_serve":  # Wagtail's pages: public paths
        return request.path
    if match.kwargs or match.args:
        return "/" + match.route.lstrip("^").rstrip("$")  # e.g. /nieuwsbrief/bevestigen/<str:token>/
    return request.path


class RequestLogMiddleware:
    """Outermost: gives every request an id and logs one line when it is answered (page-cache hits too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if REQUEST_ID.match(given) else secrets.token_hex(8)
        token = _request.set(request)
        start = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            request_logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": _route(request),
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - start) * 1000, 1),
                },
            )
            return response
        finally:
            _request.reset(token)
