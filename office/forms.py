"""Filters of the office's overviews (the members' directory, the archive) and the coalitions to merge."""

from django import forms
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from coalitions.models import CoalitionPage
from network.models import Participant, Role, Sector
from network.regions import GGDRegion
from nnr_site.search import SearchQueryField

from . import archive


def _blank(choices, label):
    return [("", label), *choices]


def _coalition_choices(label):
    return _blank([(p.pk, p.title) for p in CoalitionPage.objects.live().order_by("title")], label)


class DirectoryFilterForm(forms.Form):
    q = SearchQueryField(label=_("Zoek op naam"), max_length=100)
    region = forms.ChoiceField(label=_("GGD-regio"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    role = forms.ChoiceField(label=_("Rol"), required=False)
    coalition = forms.TypedChoiceField(label=_("Coalitie"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = _blank(GGDRegion.choices, _("Alle regio's"))
        self.fields["sector"].choices = _blank(Sector.choices, _("Alle sectoren"))
        self.fields["role"].choices = _blank(Role.choices, _("Alle rollen"))
        self.fields["coalition"].choices = _coalition_choices(_("Alle coalities"))


class ArchiveFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=[(k, v[0]) for k, v in archive.SOURCES.items()])
    van = forms.DateField(label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    coalitie = forms.TypedChoiceField(label=_("Coalitie"), required=False, coerce=int, empty_value=None)
    deelnemer = forms.ModelChoiceField(
        label=_("Deelnemer"), queryset=Participant.objects.all(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coalitie"].choices = _coalition_choices(_("Alle coalities"))

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _t("De einddatum ligt vóór de begindatum."))
        return data

    def filters(self):
        data = self.cleaned_data
        coalition = None
        if data.get("coalitie"):
            coalition = CoalitionPage.objects.live().filter(pk=data["coalitie"]).first()
        return archive.Filters(data.get("van"), data.get("tot"), coalition, data.get("deelnemer"))


class CoalitionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title if obj.live else _t("%(title)s (niet gepubliceerd)") % {"title": obj.title}


class MergeCoalitionsForm(forms.Form):
    """Which coalition stays and which one goes into it ("Coalities samenvoegen")."""

    keep = CoalitionChoiceField(
        label=_("Coalitie die blijft"),
        queryset=CoalitionPage.objects.order_by("title"),
        empty_label="—",
        help_text=_("Deze coalitie houdt haar naam, pagina en webadres."),
    )
    remove = CoalitionChoiceField(
        label=_("Coalitie die opgaat in de andere"),
        queryset=CoalitionPage.objects.order_by("title"),
        empty_label="—",
        help_text=_("Haar leden, activiteiten en volgers gaan over; de pagina verdwijnt en verwijst door."),
    )

    def clean(self):
        data = super().clean()
        if data.get("keep") and data.get("remove") and data["keep"].pk == data["remove"].pk:
            self.add_error(
                "remove",
                _(
                    "Kies twee verschillende coalities: een coalitie kan niet met zichzelf worden samengevoegd."
                ),
            )
        return data


class ConfirmMergeForm(MergeCoalitionsForm):
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat samenvoegen niet ongedaan kan worden gemaakt."),
        error_messages={
            "required": _("Vink aan dat u begrijpt dat samenvoegen niet ongedaan kan worden gemaakt.")
        },
    )
