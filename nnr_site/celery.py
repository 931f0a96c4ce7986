"""The Celery app. Without REDIS_URL the settings make every task run in-process (eager)."""

import logging
import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nnr_site.settings.dev")

app = Celery("nnr_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def json_logs(logger, **kwargs):
    """In production (settings NNR_JSON_LOGS) the worker's and beat's log lines are JSON on stdout too, with the
    task's name and id (nnr_site/logs.py), instead of Celery's own text format on stderr."""
    from django.conf import settings

    if settings.NNR_JSON_LOGS:
        from nnr_site.logs import json_handler

        logger.handlers = [json_handler()]
        if logger is logging.getLogger():
            logging.getLogger("celery").handlers = []
