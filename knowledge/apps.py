from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Kennisbank")

    def ready(self):
        from network.roles import CORE_PARTNERS, OFFICE, PARTNERS, grant, grant_pages

        from .editorial import ensure_editorial_setup, on_index_created

        grant(
            OFFICE,
            "wagtailsearchpromotions.add_searchpromotion",
            "wagtailsearchpromotions.change_searchpromotion",
            "wagtailsearchpromotions.delete_searchpromotion",
            "wagtailsearchpromotions.view_searchpromotion",
        )
        # The office edits and publishes knowledge; partners add articles, which go through the workflow.
        grant_pages(OFFICE, "knowledge.KnowledgeIndexPage", "add_page", "change_page", "publish_page")
        grant_pages(PARTNERS, "knowledge.KnowledgeIndexPage", "add_page")
        grant_pages(CORE_PARTNERS, "knowledge.KnowledgeIndexPage", "add_page")
        # Group names come from network.roles; the groups are created here too if network's handler runs later.
        post_migrate.connect(
            ensure_editorial_setup, sender=self, dispatch_uid="knowledge.ensure_editorial_setup"
        )
        post_save.connect(
            on_index_created, sender="knowledge.KnowledgeIndexPage", dispatch_uid="knowledge.index_created"
        )
