from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Kennisbank")

    def ready(self):
        from network.roles import OFFICE, grant

        from .editorial import ensure_editorial_setup, on_index_created

        grant(
            OFFICE,
            "wagtailsearchpromotions.add_searchpromotion",
            "wagtailsearchpromotions.change_searchpromotion",
            "wagtailsearchpromotions.delete_searchpromotion",
            "wagtailsearchpromotions.view_searchpromotion",
        )
        # Group names come from network.roles; the groups are created here too if network's handler runs later.
        post_migrate.connect(
            ensure_editorial_setup, sender=self, dispatch_uid="knowledge.ensure_editorial_setup"
        )
        post_save.connect(
            on_index_created, sender="knowledge.KnowledgeIndexPage", dispatch_uid="knowledge.index_created"
        )
