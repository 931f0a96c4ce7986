"""What a departing core partner holds, and handing it over to its successor.

Other apps (coalitions, events) are looked up lazily: the handover works whether or not they are installed.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from wagtail.models import Page

from network.models import Participant

from .access import primary_user, users_of
from .models import HandoverChecklistItem

TREKKER = "trekker"
Kind = HandoverChecklistItem.Kind


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def coalition_membership():
    """(membership model, name of its coalition field), or (None, None) without the coalitions app."""
    model = _model("coalitions.CoalitionMembership")
    names = {f.name for f in model._meta.get_fields()} if model else set()
    parent = next((n for n in ("page", "coalition") if n in names), None)
    if not ({"participant", "role"} <= names and parent):
        return None, None
    return model, parent


def current(memberships):
    """Memberships that have not ended (and were accepted, where the model has invitations)."""
    if hasattr(memberships, "accepted"):
        memberships = memberships.accepted()
    if any(f.name == "left_on" for f in memberships.model._meta.get_fields()):
        return memberships.filter(Q(left_on=None) | Q(left_on__gt=timezone.localdate()))
    return memberships


def _participant_fields(model):
    return [
        f for f in model._meta.get_fields() if f.many_to_one and f.concrete and f.related_model is Participant
    ]


def holdings(process):
    """(kind, label, object) for everything the departing participant holds today."""
    departing = process.departing
    found = []
    membership, parent = coalition_membership()
    if membership is not None:
        for m in current(membership.objects.filter(participant=departing, role=TREKKER)):
            found.append((Kind.TREKKER, str(getattr(m, parent)), m))
    users = users_of([departing])
    open_tasks = Task.objects.filter(owner__in=users, status__in=[STATUS.NEW, STATUS.ASSIGNED]).exclude(
        process=process
    )
    for task in open_tasks:
        title = getattr(task.flow_task, "task_title", "") or task.flow_task
        found.append((Kind.TASK, f"{title} — {task.process.coerced}", task))
    for page in Page.objects.filter(owner__in=users).specific():
        found.append((Kind.PAGE, page.title, page))
    events = apps.get_app_config("events") if apps.is_installed("events") else None
    for model in events.get_models() if events else []:
        for field in _participant_fields(model):
            for obj in model.objects.filter(**{field.name: departing}):
                found.append((Kind.AGENDA, f"{model._meta.verbose_name}: {obj}"[:300], obj))
    return found


def build_checklist(process):
    for kind, label, obj in holdings(process):
        HandoverChecklistItem.objects.get_or_create(
            process=process,
            kind=kind,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            defaults={"label": label[:300]},
        )


def transfer(process):
    """Hand the chosen checklist items to the successor; returns how many were transferred."""
    successor = process.successor if not process.open_seat else None
    new_user = primary_user(successor) if successor else None
    done = 0
    for item in process.checklist.filter(transfer=True, transferred_at=None):
        obj = item.target
        if obj is None:
            continue
        if item.kind == Kind.TREKKER:
            if successor is None:
                continue
            _move_trekker(obj, successor)
        elif item.kind == Kind.TASK:
            if obj.status not in (STATUS.NEW, STATUS.ASSIGNED):
                continue
            obj.owner = new_user
            obj.status = STATUS.ASSIGNED if new_user else STATUS.NEW
            obj.assigned = timezone.now() if new_user else None
            obj.save(update_fields=["owner", "status", "assigned"])
        elif item.kind == Kind.PAGE:
            if new_user is None:
                continue
            obj.owner = new_user
            obj.save(update_fields=["owner"])
        elif item.kind == Kind.AGENDA:
            if successor is None:
                continue
            for field in _participant_fields(type(obj)):
                if getattr(obj, field.attname) == process.departing_id:
                    setattr(obj, field.name, successor)
            obj.save()
        item.transferred_at = timezone.now()
        item.save(update_fields=["transferred_at"])
        done += 1
    return done


def _move_trekker(membership, successor):
    """The successor becomes trekker of the coalition; the departing participant stays an ordinary member."""
    model, parent = coalition_membership()
    coalition = getattr(membership, parent)
    default = model._meta.get_field("role").get_default()
    theirs = current(model.objects.filter(participant=successor, **{parent: coalition})).first()
    if theirs is not None:
        theirs.role = TREKKER
        theirs.save()
    else:
        model.objects.create(participant=successor, role=TREKKER, **{parent: coalition})
    if default and default != TREKKER:
        membership.role = default
        membership.save()
