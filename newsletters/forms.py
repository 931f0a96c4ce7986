from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from network.regions import GGDRegion
from nnr_site.forms import ModelMultipleChoiceField, SingleLineFieldsMixin

CONSENT_TEXT = _(
    "Ik wil de nieuwsbrief van Netwerk Nederland Rookvrij per e-mail ontvangen. Mijn e-mailadres wordt "
    "alleen daarvoor gebruikt; afmelden kan met één klik onder elke nieuwsbrief."
)
CONSENT_VERSION = "2026.1"


class PreferencesForm(forms.Form):
    """Themes and regions; the pages show each as a fieldset whose boxes fold away under a summary with the
    number chosen (templates/newsletters/choice_group.html), so 42 boxes do not make a phone-long column."""

    themes = ModelMultipleChoiceField(
        label=_("Thema's die mij interesseren"),
        queryset=Tag.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.MultipleChoiceField(
        label=_("Regio's die mij interesseren"),
        choices=GGDRegion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # A checkbox group's fold: its summary, and what it says while nothing is ticked (that means everything)
    choice_summaries = {
        "themes": (_("Kies thema's"), _("niets gekozen: alle thema's")),
        "regions": (_("Kies regio's"), _("niets gekozen: alle regio's")),
    }

    def layout(self):
        """Each field in order as (bound field, fold, how many boxes are ticked); the fold (summary, text for
        none ticked) is None for a plain field."""
        rows = []
        for field in self:
            if field.name in self.choice_summaries:
                chosen = sum(1 for box in field.subwidgets if box.data["selected"])
                rows.append((field, self.choice_summaries[field.name], chosen))
            else:
                rows.append((field, None, 0))
        return rows


class SignupForm(SingleLineFieldsMixin, PreferencesForm):
    email = forms.EmailField(label=_("E-mailadres"))
    name = forms.CharField(label=_("Naam"), required=False, max_length=200)
    consent = forms.BooleanField(label=CONSENT_TEXT)

    field_order = ["email", "name", "themes", "regions", "consent"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ScheduleForm(forms.Form):
    scheduled_for = forms.DateTimeField(
        label=_("Versturen op"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_scheduled_for(self):
        value = self.cleaned_data["scheduled_for"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Kies een moment in de toekomst."))
        return value
