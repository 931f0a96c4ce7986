"""What a departing core partner holds, and handing it over to its successor."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from wagtail.models import Page

from coalitions import membership
from coalitions.models import CoalitionMembership, MemberRole
from events import agenda

from .access import primary_user, users_of
from .models import HandoverChecklistItem

Kind = HandoverChecklistItem.Kind


def holdings(process):
    """(kind, label, object) for everything the departing participant holds today."""
    departing = process.departing
    found = []
    trekker_of = CoalitionMembership.objects.current().filter(participant=departing, role=MemberRole.TREKKER)
    for m in trekker_of.select_related("page"):
        found.append((Kind.TREKKER, str(m.page), m))
    users = users_of([departing])
    open_tasks = Task.objects.filter(owner__in=users, status__in=[STATUS.NEW, STATUS.ASSIGNED]).exclude(
        process=process
    )
    for task in open_tasks:
        title = getattr(task.flow_task, "task_title", "") or task.flow_task
        found.append((Kind.TASK, f"{title} — {task.process.coerced}", task))
    for page in Page.objects.filter(owner__in=users).specific():
        found.append((Kind.PAGE, page.title, page))
    for registration in agenda.held_by(departing):
        found.append((Kind.AGENDA, agenda.label(registration), registration))
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
            membership.move_trekker(obj, successor)
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
            agenda.hand_over(obj, successor)
        item.transferred_at = timezone.now()
        item.save(update_fields=["transferred_at"])
        done += 1
    return done
