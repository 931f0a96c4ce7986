"""The fixed choices of coalitions, apart from the models so that forms and the page editor can use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CoalitionKind(models.TextChoices):
    REGION = "regio", _("Regio")
    THEME = "thema", _("Thema")
    ORGANISATION_TYPE = "type_organisatie", _("Type organisatie")


class MemberRole(models.TextChoices):
    TREKKER = "trekker", _("Trekker")
    MEMBER = "lid", _("Lid")


class MembershipStatus(models.TextChoices):
    """Whether the participant agreed to be in the coalition (see `coalitions.invitations`)."""

    INVITED = "uitgenodigd", _("Uitgenodigd")
    ACCEPTED = "geaccepteerd", _("Geaccepteerd")
    DECLINED = "afgeslagen", _("Afgeslagen")
