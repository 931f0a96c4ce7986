import django_filters
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from network.export import SafeExportIndexView

from .models import EventPage, Registration


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Bijeenkomst"), queryset=EventPage.objects.order_by("-start")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Registration.Status.choices)

    class Meta:
        model = Registration
        fields = ["event", "status"]


class RegistrationViewSet(SnippetViewSet):
    """The office sees and exports registrations; only the view permission is granted (to Netwerkbureau)."""

    model = Registration
    index_view_class = SafeExportIndexView
    icon = "date"
    menu_label = _("Aanmeldingen bijeenkomsten")
    menu_order = 260
    add_to_admin_menu = True
    filterset_class = RegistrationFilterSet
    list_display = ["name", "organisation", "email", "event", "status", "created_at"]
    list_export = [
        "event",
        "name",
        "email",
        "organisation",
        "participant",
        "status",
        "created_at",
        "promoted_at",
        "cancelled_at",
    ]
    export_filename = "aanmeldingen"
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None
    ordering = ["-created_at"]
    inspect_view_enabled = True


register_snippet(RegistrationViewSet)


@hooks.register("nnr_account_panels", order=20)
def my_meetings_panel(request, contact):
    if contact is None:
        return ""
    registrations = (
        Registration.objects.active()
        .filter(contact=contact, event__end__gte=timezone.now(), event__live=True)
        .select_related("event")
        .order_by("event__start")
    )
    return render_to_string("events/account_panel.html", {"registrations": registrations}, request=request)
