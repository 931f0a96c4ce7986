from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = _("Gesprekken")

    def ready(self):
        from network import privacy as network_privacy

        from . import privacy

        network_privacy.register(self.label, privacy)
