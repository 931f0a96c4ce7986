from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from network.admin_views import OfficeMenuItem

from . import dashboard, home
from .admin_views import ArchiveView, MergeCoalitionsView
from .matchmaking import suggest_coalitions


@hooks.register("register_admin_urls")
def register_archive_url():
    return [
        path("archief/", ArchiveView.as_view(), name="network_archive"),
        path("coalities-samenvoegen/", MergeCoalitionsView.as_view(), name="office_merge_coalitions"),
    ]


@hooks.register("register_admin_menu_item")
def archive_menu_item():
    return OfficeMenuItem(
        _("Archief"), reverse("network_archive"), icon_name="folder-open-inverse", order=955
    )


@hooks.register("register_admin_menu_item")
def merge_coalitions_menu_item():
    return OfficeMenuItem(
        _("Coalities samenvoegen"), reverse("office_merge_coalitions"), icon_name="group", order=956
    )


@hooks.register("nnr_account_panels", order=10)
def whats_new_panel(request, contact):
    """'Nieuw voor u' on /mijn/, after the tasks and the own coalitions: what was published lately and the
    coalitions that suit the participant's region, sector and themes."""
    participant = contact.participant if contact and contact.participant.is_active else None
    return render_to_string(
        "office/whats_new_panel.html",
        {
            "participant": participant,
            "recent": dashboard.recent_activity(),
            "suggestions": suggest_coalitions(participant),
        },
        request=request,
    )


@hooks.register("nnr_home_sections")
def network_at_work(request, page):
    """The home page's figures, activities, meetings, knowledge and map (office/home.py)."""
    return home.sections(request, page)
