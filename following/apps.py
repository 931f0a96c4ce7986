from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = _("Volgen")

    def ready(self):
        from network import privacy as network_privacy

        from . import privacy, receivers

        network_privacy.register(self.label, privacy)
        receivers.connect()
