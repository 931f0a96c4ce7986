from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Sector
from network.regions import GGDRegion
from nnr_site.forms import SingleLineFieldsMixin
from nnr_site.search import SearchQueryField

from .choices import CoalitionKind


def _blank(label, choices):
    return [("", label)] + list(choices)


class CoalitionFilterForm(forms.Form):
    q = SearchQueryField(label=_("Zoeken"), max_length=100)
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=_blank(_("Alle soorten"), CoalitionKind.choices)
    )
    region = forms.ChoiceField(
        label=_("GGD-regio"), required=False, choices=_blank(_("Alle regio's"), GGDRegion.choices)
    )
    theme = forms.ChoiceField(label=_("Thema"), required=False)
    organisation_type = forms.ChoiceField(
        label=_("Type organisatie"), required=False, choices=_blank(_("Alle typen"), Sector.choices)
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["theme"].choices = _blank(_("Alle thema's"), [(t.slug, t.name) for t in themes])


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Bericht aan de trekkers"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vertel kort wat uw organisatie wil bijdragen."),
    )


class StartCoalitionForm(SingleLineFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Naam van de coalitie"), max_length=255)
    kind = forms.ChoiceField(label=_("Soort coalitie"), choices=CoalitionKind.choices)
    region = forms.ChoiceField(label=_("GGD-regio"), required=False, choices=_blank("—", GGDRegion.choices))
    city = forms.CharField(label=_("Plaats"), required=False, max_length=100)
    organisation_type = forms.ChoiceField(
        label=_("Type organisatie"), required=False, choices=_blank("—", Sector.choices)
    )
    themes = forms.CharField(
        label=_("Thema's"),
        required=False,
        max_length=255,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: sport, jeugd."),
    )
    goal = forms.CharField(
        label=_("Doel"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat wil de coalitie bereiken?"),
    )
    contact_email = forms.EmailField(
        label=_("E-mailadres van de coalitie"),
        help_text=_("De coalitie is zelf de afzender van haar activiteiten, niet het netwerk."),
    )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == CoalitionKind.REGION and not (data.get("region") or data.get("city")):
            self.add_error(
                "region", _("Kies voor een regionale coalitie een GGD-regio of vul een plaats in.")
            )
        if kind == CoalitionKind.ORGANISATION_TYPE and not data.get("organisation_type"):
            self.add_error("organisation_type", _("Kies het type organisatie van deze coalitie."))
        return data

    def theme_list(self):
        return [t.strip() for t in self.cleaned_data.get("themes", "").split(",") if t.strip()]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accepteren")), ("decline", _("Afwijzen"))])
