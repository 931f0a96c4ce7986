from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    """The overviews that combine several apps (network health, archive, directory, "Mijn netwerk").

    The other apps do not import office; office imports them directly.
    """

    name = "office"
    verbose_name = _("Overzichten")
