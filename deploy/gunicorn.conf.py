"""gunicorn for production (docker-compose.yml's web, and `make smoke`): `gunicorn -c deploy/gunicorn.conf.py
nnr_site.wsgi:application`. The environment chooses the address and the number of workers; gunicorn's own lines
are JSON like the site's (nnr_site/logs.py). No access log here: the site logs every request itself, with its
request id and without the query string."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # an export or PDF may take a while; never a minute
graceful_timeout = 30
max_requests = 2000  # a slow leak in any library cannot grow a worker without bound
max_requests_jitter = 200
worker_tmp_dir = (
    "/dev/shm" if os.path.isdir("/dev/shm") else None
)  # heartbeats off a container's overlay disk
accesslog = None
control_socket_disable = True  # gunicorn 25+'s control socket: unused, and one path for every gunicorn here
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "nnr_site.logs.JsonFormatter"}},
    # gunicorn merges this into its defaults section by section: every section is whole here.
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
    },
    "root": {"handlers": ["console"], "level": loglevel.upper()},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
        # With a logging config gunicorn writes access lines anyway, with the visitor's address: not here.
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}
