"""Hooks of the network-role flows: a panel on Mijn netwerk and the read-only archive in the admin.

The generic Taken area, where these flows' tasks show up too, is wired in workflows/wagtail_hooks.py.
"""

from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from network.access import is_core_partner, is_office

from .links import process_url, task_url
from .models import ExitRequestProcess, HandoverProcess, ReflectionProcess
from .views import open_tasks_for


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The process records are the archive: they can be read, never added, edited or deleted in the admin."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ArchiveViewSet(ModelViewSet):
    inspect_view_enabled = True
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
    list_display = ["__str__", "successor", "open_seat", "status", "created", "finished"]
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
    list_display = ["__str__", "supported", "outcome", "status", "created", "finished"]
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
    list_display = ["title", "status", "created", "completed_at"]
    inspect_view_fields = ["title", "conclusions", "follow_up", "completed_by", "completed_at", "status"]


class ArchiveGroup(ModelViewSetGroup):
    menu_label = _("Archief werkstromen")
    menu_icon = "folder-open-inverse"
    menu_order = 260
    items = (HandoverArchive, ExitArchive, ReflectionArchive)


for _model in (HandoverProcess, ExitRequestProcess, ReflectionProcess):
    register_permission_policy(_model, ReadOnlyPolicy(_model))


@hooks.register("register_admin_viewset")
def register_archive():
    return ArchiveGroup()


@hooks.register("nnr_account_panels")
def flows_panel(request, contact):
    """Open flow tasks of the user, running processes about its participant, and the role/reflection links."""
    user = request.user
    participant = contact.participant if contact else None
    if participant is None and not is_office(user):
        return ""
    tasks = [(task, task_url(task)) for task in open_tasks_for(user)]
    running = []
    if participant is not None:
        running = [
            (p, process_url(p, absolute=False))
            for p in list(HandoverProcess.objects.filter(departing=participant, finished=None))
            + list(ExitRequestProcess.objects.filter(participant=participant, finished=None))
        ]
    return render_to_string(
        "governance/role/account_panel.html",
        {
            "tasks": tasks,
            "running": running,
            "participant": participant,
            "is_core_partner": is_core_partner(user),
            "is_office": is_office(user),
        },
        request=request,
    )
