"""Admin URLs and menu items for the network office (imported by wagtail_hooks)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import is_office
from .admin_views import ArchiveView, PrivacyView
from .logbook import LogbookView


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office(request.user)


@hooks.register("register_admin_urls")
def register_office_urls():
    return [
        path("privacy/", PrivacyView.as_view(), name="network_privacy"),
        path("archief/", ArchiveView.as_view(), name="network_archive"),
        path("logboek/", LogbookView.as_view(), name="network_logbook"),
        path("logboek/resultaten/", LogbookView.as_view(results_only=True), name="network_logbook_results"),
    ]


@hooks.register("register_admin_menu_item")
def privacy_menu_item():
    return OfficeMenuItem(_("Privacy (AVG)"), reverse("network_privacy"), icon_name="lock", order=960)


@hooks.register("register_admin_menu_item")
def archive_menu_item():
    return OfficeMenuItem(
        _("Archief"), reverse("network_archive"), icon_name="folder-open-inverse", order=955
    )


@hooks.register("register_admin_menu_item")
def logbook_menu_item():
    return OfficeMenuItem(_("Logboek"), reverse("network_logbook"), icon_name="history", order=965)
