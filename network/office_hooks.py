"""Admin URLs and menu items for the network office (imported by wagtail_hooks)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import is_office
from .admin_views import PrivacyView


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office(request.user)


@hooks.register("register_admin_urls")
def register_office_urls():
    return [path("privacy/", PrivacyView.as_view(), name="network_privacy")]


@hooks.register("register_admin_menu_item")
def privacy_menu_item():
    return OfficeMenuItem(_("Privacy (AVG)"), reverse("network_privacy"), icon_name="lock", order=960)
