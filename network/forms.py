"""Forms for participants: the members-only directory filter and the own-organisation profile."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from nnr_site.forms import SingleLineFieldsMixin
from nnr_site.search import SearchQueryField

from .crossapp import coalitions
from .models import ContactPerson, Participant, Role, Sector
from .regions import GGDRegion


def _blank(choices, label):
    return [("", label), *choices]


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
        pages = coalitions()
        if pages is None:
            del self.fields["coalition"]
        else:
            self.fields["coalition"].choices = _blank(
                [(p.pk, p.title) for p in pages.order_by("title")], _("Alle coalities")
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
