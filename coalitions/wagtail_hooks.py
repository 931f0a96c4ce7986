from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ActivityPage, CoalitionMembership, CoalitionUpdate, JoinRequest, coalitions_of
from .views import activity_state, may_start

ACTIVITIES_IN_PANEL = 5


@hooks.register("nnr_account_panels", order=-10)
def invitations_panel(request, contact):
    """Coalitions that added the participant and wait for its answer; first on /mijn/, it asks something."""
    if contact is None or not contact.participant.is_active:
        return ""
    invitations = list(CoalitionMembership.objects.invitations(contact.participant))
    if not invitations:
        return ""
    return render_to_string(
        "coalitions/invitations_panel.html", {"invitations": invitations, "contact": contact}, request=request
    )


@hooks.register("nnr_account_panels")
def coalitions_panel(request, contact):
    """'Mijn coalities' on /mijn/: the participant's coalitions, open requests to decide, and starting one."""
    if contact is None:
        return ""
    coalitions = list(coalitions_of(contact.participant))  # current memberships: a member of each
    active = contact.participant.is_active
    writable = [c for c in coalitions if active and c.may_publish_below(request.user)]
    latest = {}
    if writable:
        # the latest activities of every coalition it writes for, in one query
        below = Q()
        for coalition in writable:
            below |= Q(path__startswith=coalition.path, depth=coalition.depth + 1)
        for activity in ActivityPage.objects.filter(below).order_by("-latest_revision_created_at", "-pk"):
            latest.setdefault(activity.path[: -ActivityPage.steplen], []).append(activity)
    for coalition in coalitions:
        coalition.may_write_activities_here = coalition in writable
        coalition.may_write_updates_here = coalition.member_role == "trekker" and active
        coalition.own_activities = [
            (a, activity_state(a)) for a in latest.get(coalition.path, [])[:ACTIVITIES_IN_PANEL]
        ]
    my_requests = list(
        JoinRequest.objects.filter(participant=contact.participant, status=JoinRequest.Status.PENDING)
        .select_related("coalition")
        .order_by("-created_at")
    )
    return render_to_string(
        "coalitions/account_panel.html",
        {
            "coalitions": coalitions,
            "my_requests": my_requests,
            "may_start": may_start(contact),
            "contact": contact,
        },
        request=request,
    )


class JoinRequestViewSet(SnippetViewSet):
    """The office can see who asked to join which coalition; the coalitions decide, not the office."""

    model = JoinRequest
    icon = "group"
    menu_label = _("Verzoeken coalities")
    list_display = ["coalition", "contact", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    add_to_admin_menu = True
    menu_order = 160


register_snippet(JoinRequestViewSet)


class CoalitionUpdateViewSet(SnippetViewSet):
    """The office sees what coalitions wrote to their members; the coalitions write and send, not the office."""

    model = CoalitionUpdate
    icon = "mail"
    menu_label = _("Berichten coalities")
    list_display = ["subject", "coalition", "status", "visibility", "sent_at", "recipient_count"]
    list_filter = ["status", "visibility"]
    add_to_admin_menu = True
    menu_order = 161


register_snippet(CoalitionUpdateViewSet)


@hooks.register("before_move_page")
def refuse_move_without_permission(request, page, destination):
    """Wagtail 8 shows the move confirmation (titles of both pages) before checking permissions; check first."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("before_copy_page")
def refuse_copy_without_permission(request, page):
    if not page.permissions_for_user(request.user).can_copy():
        raise PermissionDenied
