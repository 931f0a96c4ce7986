"""The network's fixed lists: a participant's role and sector (below models.py, so roles.py can use them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    KERNPARTNER = "kernpartner", _("Kernpartner")
    PARTNER = "partner", _("Partner")
    SUPPORTER = "supporter", _("Supporter")


class Sector(models.TextChoices):
    GGD = "ggd", _("GGD")
    HEALTH_FUND = "gezondheidsfonds", _("Gezondheidsfonds")
    PROFESSIONAL_BODY = "beroepsvereniging", _("Beroepsvereniging")
    CARE = "zorg", _("Zorgaanbieder")
    SPORTS = "sport", _("Sportvereniging of -bond")
    EDUCATION = "onderwijs", _("Onderwijs")
    MUNICIPALITY = "gemeente", _("Gemeente of provincie")
    KNOWLEDGE = "kennisinstituut", _("Kennisinstituut")
    SOCIETY = "maatschappelijk", _("Maatschappelijke organisatie")
    EMPLOYER = "werkgever", _("Werkgever")
    OTHER = "overig", _("Overig")
