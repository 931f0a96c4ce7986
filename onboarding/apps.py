from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Aanmelden")

    def ready(self):
        from network.roles import CORE_PARTNERS, OFFICE, grant

        grant(
            OFFICE,
            "onboarding.view_application",
            "onboarding.screen_application",
            "onboarding.manage_application",
            "onboarding.view_declaration",
        )
        grant(CORE_PARTNERS, "onboarding.view_application", "onboarding.decide_application")
