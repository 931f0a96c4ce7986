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


def end_member_only_subscriptions(participant):
    """Newsletter settings its contact persons had as members (not their own public sign-ups) end now.

    Member-only mailings go to contact persons of active participants, so they stop by themselves once the
    participant has left; this also records the end on the subscriber rows.
    """
    subscriber = _model("newsletters.Subscriber")
    names = {f.name for f in subscriber._meta.get_fields()} if subscriber else set()
    if not {"email", "is_public", "unsubscribed_at"} <= names:
        return 0
    emails = [c.email.lower() for c in participant.contacts.all()]
    return subscriber.objects.filter(email__in=emails, is_public=False, unsubscribed_at=None).update(
        unsubscribed_at=timezone.now()
    )


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
        end_member_only_subscriptions(participant)
