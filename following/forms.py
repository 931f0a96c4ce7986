from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FollowSettings, Frequency

CONSENT_TEXT = _(
    "Ja, stuur mij e-mail over wat ik volg: het wekelijkse overzicht 'Nieuw in uw netwerk' en, waar ik dat "
    "kies, direct een korte e-mail. Afmelden kan met één klik onder elke e-mail."
)
CONSENT_VERSION = "2026.1"


class FollowSettingsForm(forms.ModelForm):
    consent = forms.BooleanField(label=CONSENT_TEXT, required=False)

    class Meta:
        model = FollowSettings
        fields = ["coalitions", "themes", "regions"]
        labels = {
            "coalitions": _("Nieuwe activiteiten van coalities die ik volg"),
            "themes": _("Nieuwe kennisartikelen over thema's die ik volg"),
            "regions": _("Bijeenkomsten in regio's die ik volg"),
        }
        widgets = {name: forms.RadioSelect(choices=Frequency.choices) for name in fields}
