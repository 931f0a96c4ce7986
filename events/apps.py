from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Netwerkbijeenkomsten")

    def ready(self):
        from network.roles import OFFICE, grant

        grant(OFFICE, "events.view_registration")
