"""What happens when a participant leaves after an exit request.

Its status becomes "left" (with history), its coalition memberships and member-only subscriptions end;
its public contributions (knowledge, coalition activities) keep its name: nothing is deleted or re-attributed.
Other apps are looked up lazily, so this works whether or not they are installed.
"""

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

END_DATE_FIELDS = ("ended_on", "end_date", "left_on", "until", "ends_on")
ACTIVE_FLAGS = ("is_active", "active")


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def end_rows(queryset):
    """End memberships/subscriptions the way their model records it: an end date, an active flag, or removal."""
    model = queryset.model
    names = {f.name for f in model._meta.get_fields()}
    for name in END_DATE_FIELDS:
        if name in names:
            return queryset.filter(**{name: None}).update(**{name: timezone.localdate()})
    for name in ACTIVE_FLAGS:
        if name in names:
            return queryset.filter(**{name: True}).update(**{name: False})
    if "status" in names:
        choices = dict(model._meta.get_field("status").choices or [])
        for ended in (
            "ended",
            "beeindigd",
            "beëindigd",
            "gestopt",
            "inactive",
            "left",
            "vertrokken",
            "afgemeld",
        ):
            if ended in choices:
                return queryset.exclude(status=ended).update(status=ended)
    return queryset.delete()[0]


def member_only_subscriptions(participant):
    """Subscriptions of the participant's contact persons to lists only members may receive."""
    found = []
    for model in apps.get_app_config("newsletters").get_models() if apps.is_installed("newsletters") else []:
        if "subscription" not in model._meta.model_name:
            continue
        names = {f.name: f for f in model._meta.get_fields()}
        qs = model.objects.all()
        if "participant" in names:
            qs = qs.filter(participant=participant)
        elif "contact" in names:
            qs = qs.filter(contact__participant=participant)
        elif "email" in names:
            qs = qs.filter(email__in=[c.email for c in participant.contacts.all()])
        else:
            continue
        for flag in ("members_only", "is_members_only", "member_only"):
            for rel in [n for n, f in names.items() if f.many_to_one and f.related_model]:
                related_names = {f.name for f in names[rel].related_model._meta.get_fields()}
                if flag in related_names:
                    found.append(qs.filter(**{f"{rel}__{flag}": True}))
    return found


def depart(process):
    participant = process.participant
    with transaction.atomic():
        participant.mark_left(
            by=process.decided_by,
            reason=_("Vertrokken na verzoek tot vertrek (#%(pk)s)") % {"pk": process.pk},
        )
        membership = _model("coalitions.CoalitionMembership")
        if membership is not None:
            end_rows(membership.objects.filter(participant=participant))
        for queryset in member_only_subscriptions(participant):
            end_rows(queryset)
