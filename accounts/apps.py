from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Inloggen en beveiliging")

    def ready(self):
        from axes.signals import user_locked_out

        from network.audit_receivers import on_lockout

        from . import policy  # noqa: F401  (remembers at log-in whether a second step is due)

        user_locked_out.connect(on_lockout, dispatch_uid="nnr-audit-lockout")
