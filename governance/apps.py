from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """The network's self-governance by its core partners: handing over the core-partner role, asking a
    participant to leave, the periodic reflection and the participants' proposals it decides (flows on
    Viewflow, done in the Taken area of workflows/ and on the site)."""

    name = "governance"
    verbose_name = _("Zelfsturing van het netwerk")

    def ready(self):
        from network import privacy as network_privacy
        from network.roles import CORE_PARTNERS, OFFICE, grant

        # At start-up, before Wagtail finds the other apps' hooks (as when this lived in workflows), so the
        # Mijn netwerk panel and the archive's admin menu item keep their place among the other apps' ones.
        from . import privacy, wagtail_hooks  # noqa: F401

        network_privacy.register(self.label, privacy)

        archive = (
            "governance.view_handoverprocess",
            "governance.view_exitrequestprocess",
            "governance.view_reflectionprocess",
            "governance.view_proposal",
        )
        grant(OFFICE, "governance.act_as_office", *archive)
        grant(CORE_PARTNERS, "governance.act_as_core_partner", *archive)
