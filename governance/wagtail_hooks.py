"""Hooks of the network-role flows: a panel on Mijn netwerk and the read-only archive in the admin.

The generic Taken area, where these flows' tasks show up too, is wired in workflows/wagtail_hooks.py.
"""

from django.template.loader import render_to_string
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from network.access import is_core_partner, is_office
from network.admin_views import YesNoColumn

from . import proposals
from .links import process_url
from .models import ExitRequestProcess, HandoverProcess, Proposal, ReflectionProcess


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The process records are the archive: they can be read, never added, edited or deleted in the admin."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# Labels in Dutch for Viewflow's own fields of a process (whose labels are English) and the one field of ours
# without a label.
FIELD_LABELS = {
    "status": _("status"),
    "created": _("gestart op"),
    "finished": _("beëindigd op"),
    "completed_by": _("afgerond door"),
}


class ArchiveInspectView(InspectView):
    """Dutch labels, and values in words: "ja" / "nee" and "–" rather than True / False / None."""

    def get_field_label(self, field_name, field):
        if field_name in FIELD_LABELS:
            return capfirst(FIELD_LABELS[field_name])
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name == "status" and hasattr(self.object, "state_label"):  # a process's state in words
            return self.object.state_label()
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "–"
        if isinstance(value, bool):
            return _("ja") if value else _("nee")
        return value


def state_column():
    return Column("state", label=_("Status"), accessor="state_label")


def date_columns():
    return [
        DateColumn("created", label=_("Gestart op"), sort_key="created"),
        DateColumn("finished", label=_("Beëindigd op"), sort_key="finished"),
    ]


class ArchiveViewSet(ModelViewSet):
    inspect_view_enabled = True
    inspect_view_class = ArchiveInspectView
    icon = "folder-inverse"
    list_filter = ["status"]

    def get_urlpatterns(self):
        """Only reading: no add, edit or delete views."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
            path("history/<str:pk>/", self.history_view, name="history"),
            path("history-results/<str:pk>/", self.history_results_view, name="history_results"),
            path("usage/<str:pk>/", self.usage_view, name="usage"),
        ]


class HandoverArchive(ArchiveViewSet):
    model = HandoverProcess
    name = "overdrachten"
    list_display = [
        "__str__",
        "successor",
        YesNoColumn("open_seat", label=_("Plaats opengesteld")),
        state_column(),
        *date_columns(),
    ]
    inspect_view_fields = [
        "departing",
        "departing_new_role",
        "notes",
        "successor",
        "open_seat",
        "objection_deadline",
        "decision",
        "decision_note",
        "bound_confirmed",
        "bound_confirmation",
        "completed_by",
        "completed_at",
        "status",
        "created",
        "finished",
    ]


class ExitArchive(ArchiveViewSet):
    model = ExitRequestProcess
    name = "vertrekverzoeken"
    list_display = [
        "__str__",
        YesNoColumn("supported", label=_("Gesteund")),
        "outcome",
        state_column(),
        *date_columns(),
    ]
    inspect_view_fields = [
        "participant",
        "requesting_participant",
        "reason",
        "rule",
        "supported",
        "supporting_participant",
        "support_note",
        "hearing_deadline",
        "response",
        "responded_at",
        "outcome",
        "outcome_note",
        "decided_at",
        "status",
        "created",
        "finished",
    ]


class ReflectionArchive(ArchiveViewSet):
    model = ReflectionProcess
    name = "reflecties"
    list_display = ["title", state_column(), DateColumn("created", label=_("Gestart op")), "completed_at"]
    inspect_view_fields = ["title", "conclusions", "follow_up", "completed_by", "completed_at", "status"]


class ProposalArchive(ArchiveViewSet):
    """Read-only here: participants file, support and comment on the site; the office hides comments there."""

    model = Proposal
    name = "voorstellen"
    list_display = [
        "title",
        "proposer",
        "status",
        "reflection",
        DateColumn("created_at", label=_("Ingediend op")),
    ]
    inspect_view_fields = ["title", "what", "why", "proposer", "status", "reflection", "created_at"]


class ArchiveGroup(ModelViewSetGroup):
    menu_label = _("Archief werkstromen")
    menu_icon = "folder-open-inverse"
    menu_order = 260
    items = (HandoverArchive, ExitArchive, ReflectionArchive, ProposalArchive)


for _model in (HandoverProcess, ExitRequestProcess, ReflectionProcess, Proposal):
    register_permission_policy(_model, ReadOnlyPolicy(_model))


@hooks.register("register_admin_viewset")
def register_archive():
    return ArchiveGroup()


@hooks.register("nnr_account_panels", order=5)
def flows_panel(request, contact):
    """The running processes the user may follow and the role/reflection links (its tasks are in workflows'
    "Mijn taken"); no start link for a handover of the user's own organisation while one runs (a link to it
    instead)."""
    user = request.user
    participant = contact.participant if contact else None
    if participant is None and not is_office(user):
        return ""
    handovers = HandoverProcess.objects.filter(finished=None).select_related("departing")
    exits = ExitRequestProcess.objects.filter(finished=None).select_related("participant")
    if not (is_office(user) or is_core_partner(user)):
        handovers, exits = handovers.filter(departing=participant), exits.filter(participant=participant)
    handovers = list(handovers)
    own_handover = next((h for h in handovers if participant and h.departing_id == participant.pk), None)
    running = sorted([*handovers, *exits], key=lambda p: p.created)
    return render_to_string(
        "governance/role/account_panel.html",
        {
            "running": [(p, process_url(p, absolute=False)) for p in running],
            "own_handover": own_handover and process_url(own_handover, absolute=False),
            "participant": participant,
            "is_core_partner": is_core_partner(user),
            "is_office": is_office(user),
        },
        request=request,
    )


PANEL_PROPOSALS = 5


@hooks.register("nnr_account_panels", order=6)
def proposals_panel(request, contact):
    """'Voorstellen' on /mijn/: how many proposals wait for a decision, and the organisation's own ones."""
    if not proposals.may_read(request.user):
        return ""
    own = []
    if contact is not None:
        own = list(
            Proposal.objects.filter(proposer__participant_id=contact.participant_id)
            .prefetch_related("decisions__reflection")
            .order_by("-created_at", "-pk")[:PANEL_PROPOSALS]
        )
    context = {
        "open_count": proposals.undecided().count(),
        "own": own,
        "may_file": proposals.writer(request.user) is not None,
    }
    return render_to_string("governance/proposals/account_panel.html", context, request=request)
