from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Deelnemers")

    def ready(self):
        from . import audit_receivers
        from .roles import ensure_groups

        post_migrate.connect(ensure_groups, dispatch_uid="network.ensure_groups")
        audit_receivers.connect()
