from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Nieuwsbrieven")

    def ready(self):
        from network.roles import OFFICE, grant, grant_pages

        from . import checks, signals  # noqa: F401  (deploy check of the webhook secret; anymail receiver)

        # The office edits, publishes and sends the newsletters below /nieuwsbrief/.
        grant_pages(OFFICE, "newsletters.NewsletterIndexPage", "add_page", "change_page", "publish_page")
        grant(
            OFFICE,
            "newsletters.send_newsletter",
            "newsletters.view_subscriber",
            "newsletters.change_subscriber",
            "newsletters.delete_subscriber",
            "newsletters.view_suppression",
            "newsletters.add_suppression",
            "newsletters.change_suppression",
            "newsletters.delete_suppression",
            "newsletters.view_segment",
            "newsletters.add_segment",
            "newsletters.change_segment",
            "newsletters.delete_segment",
        )
