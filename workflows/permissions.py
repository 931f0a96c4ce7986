"""Who may see and do which Viewflow task: the checks every view in the "Taken" area (and other flows) reuse.

Viewflow's activation API (assign/execute called from code) checks no permissions, so the views call these
helpers themselves. Flows are found generically: every `Flow` subclass defined in an installed app's
`flows` module takes part, so a new flow shows up in the Taken area without registering it anywhere.
"""

import importlib
import importlib.util
from functools import cache

from django.apps import apps
from viewflow.workflow.flow import Flow
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


@cache
def registered_flows():
    """Every flow class of our installed apps (imports each app's `flows` module once)."""
    for config in apps.get_app_configs():
        module = f"{config.name}.flows"
        if config.name.startswith(("django.", "wagtail", "viewflow")):
            continue
        if importlib.util.find_spec(config.name) and importlib.util.find_spec(module):
            importlib.import_module(module)
    found = []
    for flow_class in _subclasses(Flow):
        config = apps.get_containing_app_config(flow_class.__module__)
        if config and flow_class.__module__ == f"{config.name}.flows":
            found.append(flow_class)
    return tuple(sorted(found, key=lambda f: f"{f.__module__}.{f.__name__}"))


def visible_flows(user):
    """Flows whose processes the user may see (view permission on the flow's process model)."""
    return [f for f in registered_flows() if f.instance.has_view_permission(user)]


def inbox(user):
    """Open human tasks assigned to the user, in flows the user may see."""
    flows = visible_flows(user)
    if not flows:
        return Task.objects.none()
    return (
        Task.objects.filter(process__flow_class__in=flows, flow_task_type="HUMAN", owner=user)
        .filter(status__in=(STATUS.ASSIGNED, STATUS.STARTED))
        .select_related("process")
        .order_by("created")
    )


def queue(user):
    """Unassigned human tasks the user may take."""
    flows = visible_flows(user)
    if not flows:
        return Task.objects.none()
    candidates = Task.objects.filter(
        process__flow_class__in=flows, flow_task_type="HUMAN", status=STATUS.NEW, owner=None
    ).select_related("process")
    return [task for task in candidates.order_by("created") if can_assign(user, task)]


def can_view_task(user, task):
    flow_class = task.process.flow_class
    return bool(
        flow_class and flow_class in registered_flows() and flow_class.instance.has_view_permission(user)
    )


def can_view_process(user, process):
    flow_class = process.flow_class
    return bool(
        flow_class and flow_class in registered_flows() and flow_class.instance.has_view_permission(user)
    )


def can_assign(user, task):
    return (
        task.flow_task_type == "HUMAN"
        and task.status == STATUS.NEW
        and can_view_task(user, task)
        and task.flow_task.can_assign(user, task)
    )


def can_unassign(user, task):
    return (
        task.flow_task_type == "HUMAN"
        and task.status == STATUS.ASSIGNED
        and can_view_task(user, task)
        and task.flow_task.can_unassign(user, task)
    )


def can_execute(user, task):
    """Only the assigned user executes, and only while the task is open and the permission still holds."""
    if task.flow_task_type != "HUMAN" or task.status != STATUS.ASSIGNED or not can_view_task(user, task):
        return False
    if not task.flow_task.can_execute(user, task):
        return False
    return not task.owner_permission or user.has_perm(task.owner_permission)
