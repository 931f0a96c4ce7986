from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Homepagina en inhoudspagina's")

    def ready(self):
        from network.roles import OFFICE, grant
        from nnr_site import checks, pagecache  # noqa: F401  (checks registers the deploy checks)

        pagecache.connect()
        grant(OFFICE, "home.change_networkcontactsettings")  # the office keeps the footer's phone and e-mail
