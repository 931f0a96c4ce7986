from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Netwerkbijeenkomsten")

    def ready(self):
        from network.roles import OFFICE, grant, grant_pages

        grant(OFFICE, "events.view_registration")
        # The office organises the meetings.
        grant_pages(OFFICE, "events.EventIndexPage", "add_page", "change_page", "publish_page")
