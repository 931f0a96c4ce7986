"""One list of open tasks per person, the same rows wherever it is shown: /mijn/taken/, the "Mijn taken" panel
on /mijn/, the admin's Taken area and its dashboard panel.

A row says what is asked (the node's Dutch `task_title`), about whom (`process.about()`), since when, the
deadline (`process.deadline(task)`), who has it and who else can pick it up, and where to do it
(`flow_class.task_url(task)`). The flows provide those three hooks; each has a fallback here.

Who can act on a task (`candidates`) is worked out generically from the flows' own checks: the owner while it is
assigned, otherwise every active user with a log-in for whom `permissions.can_assign` holds. A task with no
candidate is stuck; the office is told (workflows.reminders) and can give it to someone (`eligible`).

A list of many tasks (`rows_for`, `all_rows`) costs the same number of queries for ten tasks as for a thousand
(`_Listing`): each flow's own process row comes with the tasks, the users who may see a flow are looked up
once per flow with their permissions, contacts and groups, and one user object stands for each person, so
what is known of it serves every row.
"""

import copy
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from accounts.backends import prefetch_permissions
from network import access
from network.models import ContactPerson

from . import permissions

# Names of the nodes Viewflow titles itself ("Start", "End") for when a flow gave them none.
DEFAULT_TITLES = {"START": _("Gestart"), "HUMAN_START": _("Gestart"), "END": _("Afgerond")}


def step_title(node):
    """The Dutch name of a step, or "" when the flow gave it none (Viewflow's own title is the node's name,
    "Build Checklist", never shown)."""
    if node is None:
        return ""
    title = node.task_title
    if title and str(title) != node.name.replace("_", " ").title():
        return title
    return DEFAULT_TITLES.get(node.task_type, "")


def about(process):
    """Whom or what the process is about, short and Dutch: the flow's `about()`, else its title and number."""
    process = process.coerced
    if callable(getattr(process, "about", None)):
        return process.about()
    return str(process)


def deadline(task):
    """When the task (or the waiting step) must be done, or None: the flow's `process.deadline(task)`."""
    process = task.process.coerced
    if callable(getattr(process, "deadline", None)):
        return process.deadline(task)
    return None


def task_url(task):
    """Where to do the task: the flow's own address for it, else its page in the admin's Taken area."""
    flow_class = task.process.flow_class
    if callable(getattr(flow_class, "task_url", None)):
        return flow_class.task_url(task)
    return reverse("taken:task", args=[task.pk])


def open_tasks():
    """Open human tasks of every registered flow, oldest first."""
    return (
        Task.objects.filter(
            process__flow_class__in=permissions.registered_flows(),
            flow_task_type="HUMAN",
            status__in=permissions.OPEN_STATUSES,
        )
        .select_related("process", "owner", *_process_rows())
        .order_by("created", "pk")
    )


def _process_rows():
    """select_related paths to each flow's own process row (multi-table inheritance from viewflow's Process),
    so that `task.process.coerced`, which the flows' permission rules read, asks no query per task."""
    paths = set()
    for flow_class in permissions.registered_flows():
        link = flow_class.process_class._meta.get_ancestor_link(Process)
        if link is not None:
            paths.add("process__" + link.remote_field.get_accessor_name())
    return sorted(paths)


def can_log_in(user):
    return bool(user and user.is_active and user.has_usable_password())


def _with_log_in(users):
    return users.filter(is_active=True).exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)


def _viewers(task):
    """Users who may see the task's flow (the view permission on its process model): the only ones that can
    take a free task, so the only ones worth asking."""
    return _viewers_of(task.process.flow_class.process_class)


def _viewers_of(model):
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    perm = Permission.objects.filter(content_type=content_type, codename=f"view_{model._meta.model_name}")
    users = get_user_model().objects.filter(
        Q(is_superuser=True) | Q(groups__permissions__in=perm) | Q(user_permissions__in=perm)
    )
    return _with_log_in(users).distinct().order_by("first_name", "last_name", "username")


def _colleagues(user):
    """The other users of the participant the user speaks for (who may take over a participant's own task)."""
    contact = ContactPerson.objects.filter(user=user).first()
    if contact is None:
        return get_user_model().objects.none()
    users = get_user_model().objects.filter(contact_person__participant=contact.participant_id)
    return _with_log_in(users).exclude(pk=user.pk)


def _as_free(task):
    """The task as if nobody had it, to ask the flow whether someone else could take it."""
    free = copy.copy(task)
    free.owner, free.owner_id, free.status = None, None, STATUS.NEW
    return free


def could_act(user, task):
    """Could the user do this task if it were given to them? (The flow's own check, ignoring the owner.)"""
    return can_log_in(user) and bool(task.flow_task.can_assign(user, _as_free(task)))


def can_act(user, task):
    """May the user do this task now: it is theirs, or it is free and they may take it."""
    if not can_log_in(user):
        return False
    if task.owner_id:
        return task.owner_id == user.pk and could_act(user, task)
    return permissions.can_assign(user, task)


def candidates(task, viewers=None):
    """Every active user with a log-in who can act on the open task now; empty means it is stuck.
    `viewers`: the users who may see the task's flow, when the caller has them already."""
    if task.owner_id:
        return [task.owner] if could_act(task.owner, task) else []
    viewers = _viewers(task) if viewers is None else viewers
    return [user for user in viewers if permissions.can_assign(user, task)]


def eligible(task):
    """Whom the office may give the task to: anyone who could do it, among those who may see the flow and the
    colleagues of its current owner; not the current owner."""
    if not task.owner_id:
        return candidates(task)
    pool = {u.pk: u for u in _viewers(task)} | {u.pk: u for u in _colleagues(task.owner)}
    pool.pop(task.owner_id, None)
    found = [user for user in pool.values() if could_act(user, task)]
    return sorted(found, key=lambda u: person_name(u).lower())


def person_name(user, contacts=None, organisation=True):
    """A user as others read it: the contact person's name (with the organisation they speak for), else the
    user's full name (or user name)."""
    if contacts is None:
        contacts = _contacts([user])
    contact = contacts.get(user.pk)
    name = user.get_full_name().strip() or user.get_username()
    if contact is None:
        return name
    name = contact.name or name
    if not organisation or contact.participant.name in name:
        return name
    return f"{name} ({contact.participant.name})"


def _contacts(users):
    pks = {u.pk for u in users}
    found = ContactPerson.objects.filter(user__in=pks).select_related("participant")
    return {c.user_id: c for c in found}


@dataclass
class Row:
    """One open task as a person's list shows it."""

    task: Task
    title: str
    about: str
    since: datetime
    deadline: datetime | None
    url: str
    owner: object = None  # the user it is assigned to
    owner_name: str = ""
    others: list = field(default_factory=list)  # names of the others who can pick it up
    candidate_count: int = 0
    mine: bool = False  # assigned to the viewer

    @property
    def stuck(self):
        return self.candidate_count == 0

    @property
    def overdue(self):
        return self.deadline is not None and self.deadline < timezone.now()

    @property
    def days_waiting(self):
        return (timezone.now() - self.since).days


def make_row(task, viewer=None, people=None, contacts=None):
    """The row of one task; `viewer` is left out of "who else"."""
    people = candidates(task) if people is None else people
    if contacts is None:
        contacts = _contacts([*people, *([task.owner] if task.owner_id else [])])
    others = [] if task.owner_id else [p for p in people if viewer is None or p.pk != viewer.pk]
    return Row(
        task=task,
        title=step_title(task.flow_task) or str(task.title),
        about=about(task.process),
        since=task.created,
        deadline=deadline(task),
        url=task_url(task),
        owner=task.owner,
        owner_name=person_name(task.owner, contacts) if task.owner_id else "",
        others=[person_name(p, contacts) for p in others],
        candidate_count=len(people),
        mine=viewer is not None and task.owner_id == viewer.pk,
    )


class _Listing:
    """The open tasks prepared for a list of rows, with what the rows share looked up once (see the module's
    docstring)."""

    def __init__(self, viewer=None):
        self.viewer = viewer
        self.users = {viewer.pk: viewer} if viewer is not None else {}
        self.tasks = [task for task in open_tasks() if task.flow_task is not None]
        self._coerce_processes()
        for task in self.tasks:
            if task.owner_id:
                task.owner = self.users.setdefault(task.owner_id, task.owner)
        self._viewers = {}

    def _coerce_processes(self):
        """Each task's process as its flow's own model, read with the tasks (`open_tasks`)."""
        for task in self.tasks:
            task.process = task.process.coerced or task.process

    def viewers(self, task):
        model = task.process.flow_class.process_class
        if model not in self._viewers:
            users = [self.users.setdefault(u.pk, u) for u in _viewers_of(model)]
            prefetch_permissions(users)  # what the flows ask of each of them: permissions, contact, groups
            access.remember_all(users)
            self._viewers[model] = users
        return self._viewers[model]

    def rows(self, tasks):
        people = {task.pk: candidates(task, None if task.owner_id else self.viewers(task)) for task in tasks}
        everyone = {u.pk: u for found in people.values() for u in found}
        everyone.update((t.owner_id, t.owner) for t in tasks if t.owner_id)
        contacts = _contacts(everyone.values())
        return [make_row(task, self.viewer, people[task.pk], contacts) for task in tasks]


def listing_for(user):
    """The listing and the open tasks the user may act on (assigned to them, or free for them to take), oldest
    first; `listing.rows(tasks)` turns (a page of) them into rows."""
    listing = _Listing(viewer=user)
    if not can_log_in(user):
        return listing, []
    return listing, [task for task in listing.tasks if can_act(user, task)]


def rows_for(user):
    """The user's own list: tasks assigned to them and group tasks they may pick up, oldest first."""
    listing, tasks = listing_for(user)
    return listing.rows(tasks)


def everyone_listing():
    """Every open task in the network, for the office (stuck ones included): `listing.tasks`."""
    return _Listing()


def all_rows():
    listing = everyone_listing()
    return listing.rows(listing.tasks)
