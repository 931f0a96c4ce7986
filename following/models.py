"""What a participant's contact person follows, and how it wants to hear about it.

A member follows its own coalitions without a row here (derived from the current memberships, so it never
goes stale); a row with ``following=False`` is such a member choosing not to follow one of them.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.regions import GGDRegion


class Kind(models.TextChoices):
    COALITION = "coalitie", _("Coalities")
    THEME = "thema", _("Thema's")
    REGION = "regio", _("Regio's")


class Frequency(models.TextChoices):
    AT_ONCE = "direct", _("Direct een korte e-mail")
    WEEKLY = "wekelijks", _("In het wekelijkse overzicht")
    NEVER = "niet", _("Niet")


class Follow(models.Model):
    contact = models.ForeignKey(
        "network.ContactPerson",
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("contactpersoon"),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    coalition = models.ForeignKey(
        "coalitions.CoalitionPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coalitie"),
    )
    theme = models.ForeignKey(
        "taggit.Tag",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thema"),
    )
    region = models.CharField(_("GGD-regio"), max_length=40, choices=GGDRegion.choices, blank=True)
    following = models.BooleanField(_("volgt"), default=True)
    created_at = models.DateTimeField(_("sinds"), default=timezone.now)

    class Meta:
        ordering = ["kind", "created_at"]
        verbose_name = _("gevolgd onderwerp")
        verbose_name_plural = _("gevolgde onderwerpen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="coalitie", coalition__isnull=False, theme__isnull=True, region="")
                    | Q(kind="thema", coalition__isnull=True, theme__isnull=False, region="")
                    | Q(kind="regio", coalition__isnull=True, theme__isnull=True) & ~Q(region="")
                ),
                name="follow_names_one_subject",
            ),
            models.UniqueConstraint(
                fields=["contact", "coalition"], condition=Q(kind="coalitie"), name="follow_coalition_once"
            ),
            models.UniqueConstraint(
                fields=["contact", "theme"], condition=Q(kind="thema"), name="follow_theme_once"
            ),
            models.UniqueConstraint(
                fields=["contact", "region"], condition=Q(kind="regio"), name="follow_region_once"
            ),
        ]

    def __str__(self):
        return f"{self.contact}: {self.subject_name}"

    @property
    def subject_name(self):
        if self.kind == Kind.COALITION:
            return self.coalition.title
        if self.kind == Kind.THEME:
            return self.theme.name
        return self.get_region_display()


class FollowSettings(models.Model):
    """Per kind: a short mail at once, the weekly "Nieuw in uw netwerk", or nothing. Mail goes out only with
    the person's consent (``ConsentRecord.Purpose.NETWORK_UPDATES``)."""

    contact = models.OneToOneField(
        "network.ContactPerson", on_delete=models.CASCADE, related_name="follow_settings"
    )
    coalitions = models.CharField(
        _("coalities"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    themes = models.CharField(
        _("thema's"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    regions = models.CharField(
        _("regio's"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )

    FIELD_OF_KIND = {Kind.COALITION: "coalitions", Kind.THEME: "themes", Kind.REGION: "regions"}

    class Meta:
        verbose_name = _("volgvoorkeuren")
        verbose_name_plural = _("volgvoorkeuren")

    def __str__(self):
        return str(self.contact)

    def frequency(self, kind):
        return getattr(self, self.FIELD_OF_KIND[kind])
