"""The history of a process as people read it: what happened (who, when, what they wrote) and who must act next
and by when. Shown with the include template `workflows/includes/timeline.html` on every process page (the
admin's and the flows' own pages on the site).

What happened are the process's finished steps that have a Dutch name (`tasklist.step_title`: nodes without
one are internal) other than gates and the audit log's entries about the process (`network.audit.record(...,
process)`: closing a period early, a withdrawal, a reassigned task). What a person wrote in a step is the
flow's `process.task_summary(task)`, else the decision the audit log recorded when the step was done.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process
from viewflow.workflow.status import STATUS
from wagtail.models import ModelLogEntry

from network import audit

from . import tasklist

SHOWN_STATUSES = (STATUS.DONE, STATUS.CANCELED)
# Gates decide by themselves on what a person decided in the step before; that step already says it.
GATES = ("SWITCH", "EXCLUSIVE_GATEWAY", "PARALLEL_GATEWAY", "JOIN", "CONDITION")
WAITING_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED, STATUS.SCHEDULED)


@dataclass
class Entry:
    """One thing that happened."""

    when: datetime
    title: str
    who: str = ""
    text: str = ""
    lapsed: bool = False  # a step that was not done (another branch went on, or it was stopped)


@dataclass
class NextStep:
    """A step the process waits for: a task for a person, or a period that runs out by itself."""

    title: str
    who: str  # the person who has it, the people who can pick it up, or "" for a period
    deadline: datetime | None
    since: datetime
    task: object = None
    stuck: bool = False  # a task nobody can act on
    actions: list = field(default_factory=list)  # (label, url) the viewer may follow now


class Timeline:
    """Iterates over the entries, oldest first; `next_steps` says who must act next and by when."""

    def __init__(self, entries, next_steps):
        self.entries = entries
        self.next_steps = next_steps

    def __iter__(self):
        return iter(self.entries)

    def __len__(self):
        return len(self.entries)

    def __bool__(self):
        return bool(self.entries or self.next_steps)


def timeline(process, user=None):
    """The history of `process` and its next steps; with `user`, a step the user can act on has its link in
    `actions` (a page may add its own actions there, such as the office's reassigning)."""
    process = process.coerced
    tasks = [t for t in process.task_set.select_related("owner").order_by("created", "pk") if t.flow_task]
    log = list(_log_entries(process))
    decisions = {
        entry.data.get("task_id"): entry.data.get("decision", "")
        for entry in log
        if entry.action == audit.WORKFLOW_DECISION
    }
    entries = []
    for task in tasks:
        title = tasklist.step_title(task.flow_task)
        if not title or task.status not in SHOWN_STATUSES or task.flow_task_type in GATES:
            continue
        entries.append(
            Entry(
                when=task.finished or task.created,
                title=title,
                who=_who(task.owner) if task.flow_task_type == "HUMAN" else "",
                text=_summary(process, task) or decisions.get(task.pk, ""),
                lapsed=task.status == STATUS.CANCELED,
            )
        )
    for entry in log:
        if entry.action == audit.WORKFLOW_DECISION:
            continue  # the finished task above says it
        entries.append(
            Entry(
                when=entry.timestamp,
                title=entry.formatter.label if entry.formatter else entry.action,
                who=_who(entry.user) if entry.user_id else "",
                text=entry.message,
            )
        )
    entries.sort(key=lambda e: e.when)
    return Timeline(entries, next_steps(process, tasks, user))


def next_steps(process, tasks, user=None):
    steps = []
    for task in tasks:
        title = tasklist.step_title(task.flow_task)
        if task.status not in WAITING_STATUSES or not title:
            continue
        if task.flow_task_type != "HUMAN":
            steps.append(NextStep(title, "", tasklist.deadline(task), task.created, task=task))
            continue
        people = tasklist.candidates(task)
        if task.owner_id:
            who = tasklist.person_name(task.owner)
        elif people:
            who = _("een van: %(names)s") % {"names": ", ".join(tasklist.person_name(p) for p in people)}
        else:
            who = _("niemand; het netwerkbureau is gewaarschuwd")
        mine = user is not None and any(p.pk == user.pk for p in people)
        steps.append(
            NextStep(
                title,
                who,
                tasklist.deadline(task),
                task.created,
                task=task,
                stuck=not people,
                actions=[(_("Dit is uw taak: nu doen"), tasklist.task_url(task))] if mine else [],
            )
        )
    return steps


def _log_entries(process):
    """Audit entries about the process, whether recorded against its own model or Viewflow's Process."""
    types = {
        ContentType.objects.get_for_model(type(process), for_concrete_model=False),
        ContentType.objects.get_for_model(Process),
    }
    return (
        ModelLogEntry.objects.filter(content_type__in=types, object_id=str(process.pk))
        .select_related("user")
        .order_by("timestamp", "pk")
    )


def _summary(process, task):
    summary = getattr(process, "task_summary", None)
    return summary(task) if callable(summary) else ""


def _who(user):
    return tasklist.person_name(user) if user is not None else ""
