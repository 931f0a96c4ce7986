"""Forms for a participant's contact persons: the own-organisation profile and consent to share details."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from nnr_site.forms import SingleLineFieldsMixin

from .models import ConsentRecord, ContactPerson, Participant

# The text a person agrees to on /mijn/privacy/; stored with the consent record.
DATA_SHARING_TEXT = (
    "Ik geef toestemming om mijn naam, functie, e-mailadres en telefoonnummer te delen met de andere "
    "deelnemers van Netwerk Nederland Rookvrij, in de deelnemerslijst die alleen voor deelnemers zichtbaar is. "
    "Ik kan deze toestemming altijd intrekken via Mijn netwerk."
)
DATA_SHARING_VERSION = "mijn-netwerk-2026.1"


def record_data_sharing(contact):
    """Store that the contact agreed to share its details with other participants, with the text it saw."""
    return ConsentRecord.objects.create(
        email=contact.email,
        contact=contact,
        purpose=ConsentRecord.Purpose.DATA_SHARING,
        text=DATA_SHARING_TEXT,
        text_version=DATA_SHARING_VERSION,
    )


class ParticipantProfileForm(SingleLineFieldsMixin, forms.ModelForm):
    """What a participant may change about itself; role and status stay with the office and workflows."""

    class Meta:
        model = Participant
        fields = ["name", "sector", "region", "website", "kvk_number", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ContactForm(SingleLineFieldsMixin, forms.ModelForm):
    """A contact person on /mijn/organisatie/, edited by `editor` (a contact of the same participant).

    The address of a colleague with an account of their own is that account's address (password reset,
    mail): only the colleague or the office changes it. Other changes wait for the new address to confirm
    (see email_change).
    """

    def __init__(self, *args, editor=None, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.instance.user_id
        if self.instance.pk and owner and owner != getattr(editor, "pk", None):
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "Dit e-mailadres hoort bij het account van deze collega; alleen die collega zelf of het "
                "netwerkbureau kan het wijzigen."
            )


ContactFormSet = inlineformset_factory(
    Participant,
    ContactPerson,
    form=ContactForm,
    fields=["name", "job_title", "email", "phone"],
    extra=1,
    can_delete=True,
    widgets={"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})},
)


class ConsentForm(forms.Form):
    """Give consent for data sharing, with the text the person agrees to."""

    agree = forms.BooleanField(
        label=_(
            "Ik geef toestemming om mijn naam, functie, e-mailadres en telefoonnummer te delen met de andere deelnemers van het netwerk."
        ),
        required=True,
    )
