from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Inloggen en beveiliging")

    def ready(self):
        from . import policy  # noqa: F401  (remembers at log-in whether a second step is due)
