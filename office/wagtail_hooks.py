from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from network.admin_views import OfficeMenuItem

from .admin_views import ArchiveView


@hooks.register("register_admin_urls")
def register_archive_url():
    return [path("archief/", ArchiveView.as_view(), name="network_archive")]


@hooks.register("register_admin_menu_item")
def archive_menu_item():
    return OfficeMenuItem(
        _("Archief"), reverse("network_archive"), icon_name="folder-open-inverse", order=955
    )
