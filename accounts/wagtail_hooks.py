from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from network.admin_views import OfficeMenuItem

from .admin_views import LiftLockoutView, LockoutsView


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [
        path("blokkades/", LockoutsView.as_view(), name="accounts_lockouts"),
        path("blokkades/opheffen/", LiftLockoutView.as_view(), name="accounts_lift_lockout"),
    ]


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return OfficeMenuItem(
        _("Geblokkeerde log-ins"), reverse("accounts_lockouts"), icon_name="lock", order=900
    )
