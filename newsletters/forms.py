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
        help_text=_("Niets gekozen: alles."),
    )


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
