"""Reminders about human tasks that sit idle. A flow opts in per task: `reminders.watch(MyFlow.node, days=5)`.

Who is reminded: the assigned user, or, while nobody has taken the task, every active user holding the task's
permission (e.g. the network office for screening). A task is reminded at most once per period.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .permissions import registered_flows

WATCHED = {}  # flow_task node -> idle days before a reminder


def watch(flow_task, *, days):
    WATCHED[flow_task] = days


def users_with_permission(perm):
    app_label, codename = perm.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if permission is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission), is_active=True)
        .exclude(email="")
        .distinct()
    )


def stalled_tasks(flow_task, days, now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    open_tasks = Task.objects.filter(
        flow_task=flow_task, status__in=(STATUS.NEW, STATUS.ASSIGNED), created__lte=cutoff
    )
    for task in open_tasks.select_related("owner", "process"):
        reminded = task.data.get("reminded_at")
        if reminded is None or reminded <= cutoff.isoformat():
            yield task


def remind_stalled(now=None):
    """Send the reminders that are due; returns the number of e-mails sent."""
    registered_flows()  # importing the flows modules registers what they watch
    now = now or timezone.now()
    per_user = {}
    for flow_task, days in WATCHED.items():
        for task in stalled_tasks(flow_task, days, now):
            if task.owner_id:
                recipients = [task.owner] if task.owner.email else []
            else:
                recipients = (
                    list(users_with_permission(task.owner_permission)) if task.owner_permission else []
                )
            for user in recipients:
                per_user.setdefault(user, []).append(task)
            task.data["reminded_at"] = now.isoformat()
            task.save(update_fields=["data"])
    for user, user_tasks in per_user.items():
        with override("nl"):
            body = render_to_string(
                "workflows/email/stalled_tasks.txt",
                {"user": user, "tasks": user_tasks, "site_url": settings.SITE_URL},
            )
            send_mail(_("Er wachten taken op u"), body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return len(per_user)
