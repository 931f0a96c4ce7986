from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from nnr_site.search import CleanSearchQueryMixin

from . import audit
from .admin_views import (
    LogbookView,
    OfficeMenuItem,
    ParticipantCreateView,
    ParticipantEditView,
    PrivacyView,
    YesNoColumn,
)
from .choosers import active_participant_chooser
from .export import SafeExportIndexView
from .models import ContactPerson, Participant, RoleChange


class ParticipantIndexView(CleanSearchQueryMixin, SafeExportIndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset.prefetch_related("contacts") if self.is_export else queryset


class ParticipantViewSet(SnippetViewSet):
    model = Participant
    icon = "group"
    menu_label = _("Deelnemers")
    index_view_class = ParticipantIndexView
    add_view_class = ParticipantCreateView
    edit_view_class = ParticipantEditView
    list_display = ["name", "role", "sector", "region", "status", "joined_on"]
    list_filter = ["role", "region", "sector", "status", "kind"]
    list_export = [
        "name",
        "kind",
        "role",
        "sector",
        "region",
        "status",
        "website",
        "kvk_number",
        "joined_on",
        "contact_list",
    ]
    export_filename = "deelnemers"
    # Parts of a name or description, the same on SQLite and PostgreSQL: Django's icontains, not the search
    # index. Wagtail would pass these fields to the search backend, whose SQLite version turns them into
    # full-text columns its table does not have ("no such column: name").
    search_fields = ["name", "description"]
    search_backend_name = None
    ordering = ["name"]


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    index_view_class = SafeExportIndexView
    icon = "user"
    menu_label = _("Contactpersonen")
    list_display = ["name", "participant", "email", "phone"]
    list_filter = ["participant__role", "participant__region"]
    list_export = ["name", "participant", "email", "phone", "job_title"]
    export_filename = "contactpersonen"
    search_fields = ["name", "email"]


class RoleChangeViewSet(SnippetViewSet):
    """Read-only history: only the view permission is granted to anyone."""

    model = RoleChange
    index_view_class = SafeExportIndexView
    icon = "history"
    menu_label = _("Rolgeschiedenis")
    list_display = [
        "participant",
        "from_role",
        "to_role",
        YesNoColumn("left_network", label=_("Vertrokken")),
        "changed_at",
        "changed_by",
    ]
    list_filter = ["to_role", "left_network", "changed_at"]
    list_export = [
        "participant",
        "from_role",
        "to_role",
        "left_network",
        "changed_at",
        "changed_by",
        "reason",
    ]
    export_filename = "rolgeschiedenis"


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (ParticipantViewSet, ContactPersonViewSet, RoleChangeViewSet)
    menu_icon = "group"
    menu_label = _("Netwerk")
    menu_name = "netwerk"
    menu_order = 150


register_snippet(NetworkViewSetGroup)


@hooks.register("register_admin_viewset")
def register_participant_chooser():
    return active_participant_chooser


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    audit.register_actions(actions)


@hooks.register("register_admin_urls")
def register_network_admin_urls():
    return [
        path("privacy/", PrivacyView.as_view(), name="network_privacy"),
        path("logboek/", LogbookView.as_view(), name="network_logbook"),
        path("logboek/resultaten/", LogbookView.as_view(results_only=True), name="network_logbook_results"),
    ]


@hooks.register("register_admin_menu_item")
def privacy_menu_item():
    return OfficeMenuItem(_("Privacy (AVG)"), reverse("network_privacy"), icon_name="lock", order=960)


@hooks.register("register_admin_menu_item")
def logbook_menu_item():
    return OfficeMenuItem(_("Logboek"), reverse("network_logbook"), icon_name="history", order=965)
