"""What a process page of these flows tells: the steps, what has happened (who, when, what they wrote), and
who must act next and by when.

`timeline(process)` has the shape of workflows' generic timeline (finished tasks with `process.task_summary`,
plus the audit log's entries about the process) and is rendered by templates/governance/includes/timeline.html,
so both can give way to workflows' own once that exists.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _
from viewflow.workflow.status import STATUS
from wagtail.models import ModelLogEntry

from network import audit
from network.access import contact_for, is_office
from workflows.history import Entry  # one shape for a history entry, the admin's and the site's

from . import flows

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
GATEWAYS = ("EXCLUSIVE_GATEWAY", "PARALLEL_GATEWAY", "SWITCH")

# The steps a person recognises, in their usual order (gateways and bookkeeping left out).
STEPS = {
    flows.HandoverFlow: ("prepare", "nominate", "accept", "objection_period", "complete", "apply"),
    flows.ExitRequestFlow: ("support", "respond", "hearing_over", "outcome", "depart"),
    flows.ReflectionFlow: ("reflect",),
}
# What the office did to move a process on (interventions.py), shown in its history.
INTERVENTIONS = (audit.OBJECTION_PERIOD_CLOSED, audit.PROCESS_WITHDRAWN)


def person(user):
    """ "Anna de Vries (Longfonds)", "Bureau (netwerkbureau)", or "" for nobody."""
    if user is None:
        return ""
    contact = contact_for(user)
    name = user.get_full_name() or (contact.name if contact else "") or user.username
    if contact is not None:
        return f"{name} ({contact.participant})"
    return f"{name} ({_('netwerkbureau')})" if is_office(user) else name


def timeline(process):
    """What has happened, oldest first."""
    entries = []
    for task in (
        process.task_set.filter(status=STATUS.DONE).select_related("owner").order_by("finished", "pk")
    ):
        node = task.flow_task
        if node is None or node.task_type in GATEWAYS:
            continue
        entries.append(
            Entry(
                when=task.finished,
                title=str(node.task_title),
                who=person(task.owner),
                text=process.task_summary(task) if node.task_type == "HUMAN" else "",
            )
        )
    for entry in (
        ModelLogEntry.objects.for_instance(process).filter(action__in=INTERVENTIONS).select_related("user")
    ):
        entries.append(
            Entry(
                when=entry.timestamp,
                title=str(entry.formatter.label),
                who=person(entry.user),
                text=entry.data.get("reason", ""),
            )
        )
    return sorted(entries, key=lambda e: e.when)


@dataclass
class Step:
    title: str
    state: str  # "done", "now", "later" or "skipped"


def steps(process):
    """The flow's steps in Dutch, each done, happening now, still to come, or not needed (a later step has
    begun without it, or the process is over)."""
    tasks = list(process.task_set.only("flow_task", "status"))
    states = []
    for name in STEPS[process.flow_class]:
        node = process.flow_class.instance.node(name)
        statuses = {t.status for t in tasks if t.flow_task == node}
        if statuses & set(OPEN):
            states.append((node, "now"))
        elif STATUS.DONE in statuses:
            states.append((node, "done"))
        else:
            states.append((node, "skipped" if process.finished else "later"))
    found = []
    for i, (node, state) in enumerate(states):
        if state == "later" and any(later in ("now", "done") for _, later in states[i + 1 :]):
            state = "skipped"
        found.append(Step(str(node.task_title), state))
    return found


@dataclass
class Waiting:
    task: object
    title: str
    who: str
    deadline: datetime | None


def who_acts(task):
    node = task.flow_task
    if node.task_type != "HUMAN":
        return str(node.task_description)
    if task.owner_id:
        return person(task.owner)
    if node.for_office(task):
        return str(_("het netwerkbureau, omdat niemand anders met een account deze taak kan doen"))
    return str(node.rule.who)


def waiting(process):
    """Who must act next, and by when: the open tasks (a waiting period counts)."""
    tasks = process.task_set.filter(status__in=OPEN).select_related("owner").order_by("created", "pk")
    return [
        Waiting(task, str(task.flow_task.task_title), who_acts(task), process.deadline(task))
        for task in tasks
        if task.flow_task is not None and task.flow_task.task_type not in GATEWAYS
    ]
