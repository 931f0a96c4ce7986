from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Netwerkbijeenkomsten")

    def ready(self):
        from network import privacy as network_privacy
        from network.roles import OFFICE, grant, grant_pages

        from . import privacy

        network_privacy.register(self.label, privacy)
        grant(OFFICE, "events.view_registration")
        # The office organises the meetings.
        grant_pages(OFFICE, "events.EventIndexPage", "add_page", "change_page", "publish_page")
