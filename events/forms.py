from django import forms
from django.utils.translation import gettext_lazy as _

from nnr_site.forms import SingleLineFieldsMixin


class RegistrationForm(SingleLineFieldsMixin, forms.Form):
    """Registration by name and e-mail, for meetings open to everyone. `website` is a honeypot for bots."""

    name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.")},
    )
    organisation = forms.CharField(label=_("Organisatie"), max_length=200, required=False)
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Vul uw naam in.")
        self.fields["email"].error_messages["required"] = _("Vul uw e-mailadres in.")

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Uw aanmelding kon niet worden verwerkt."))
        return ""
