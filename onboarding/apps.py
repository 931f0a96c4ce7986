from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Aanmelden")

    def ready(self):
        from network import privacy
        from network.roles import CORE_PARTNERS, OFFICE, grant

        from . import audit_receivers, receivers

        audit_receivers.connect()
        receivers.connect()
        # Signed declarations are an append-only, hash-chained archive the office is required to keep
        # (DOMAIN.md); rewriting them would break the chain. Their retention falls under AVG art. 17(3)(b)/(e).
        privacy.keep("onboarding.Declaration", "ondertekende verklaringen (verplicht archief, hash-keten)")

        grant(
            OFFICE,
            "onboarding.view_application",
            "onboarding.screen_application",
            "onboarding.manage_application",
            "onboarding.view_declaration",
            "onboarding.view_declarationtext",
            "onboarding.add_declarationtext",
            "onboarding.change_declarationtext",
            "onboarding.delete_declarationtext",
            "onboarding.publish_declarationtext",
            "onboarding.view_confirmationround",
        )
        grant(
            CORE_PARTNERS,
            "onboarding.view_application",
            "onboarding.decide_application",
            "onboarding.view_confirmationround",
        )
