"""Addresses of the network-role flows' pages on the site: a process's page and a task's page.

Apart from the views, because the flows (flows.py) put these addresses in their e-mails and the views import
the flows.
"""

from django.conf import settings
from django.urls import reverse

FLOW_SLUGS = {"overdracht": "HandoverFlow", "vertrek": "ExitRequestFlow", "reflectie": "ReflectionFlow"}


def slug_of(flow_class):
    return {v: k for k, v in FLOW_SLUGS.items()}[flow_class.__name__]


def task_url(task):
    return reverse(
        "governance:task",
        args=[slug_of(task.process.flow_class), task.process_id, task.flow_task.name, task.pk],
    )


def process_url(process, absolute=True):
    url = reverse("governance:process", args=[slug_of(process.flow_class), process.pk])
    base = settings.WAGTAILADMIN_BASE_URL if absolute else ""
    return f"{base.rstrip('/')}{url}"
