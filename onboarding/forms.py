"""The public application form and the forms of the office's and core partners' tasks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import ContactPerson, Participant
from nnr_site.forms import SingleLineFieldsMixin, refuse_html

from .models import Application


class ApplicationForm(SingleLineFieldsMixin, forms.ModelForm):
    """What an applicant fills in. The three confirmations are separate, unticked and each required."""

    website = forms.URLField(label=_("Website"), max_length=200, required=False, assume_scheme="https")
    # The versions of the texts the applicant read (SignedTexts.signature).
    versions = forms.CharField(label=_("Versies"), required=False, widget=forms.HiddenInput)
    # Honeypot: hidden from people (and from assistive technology); bots fill in every field.
    fax = forms.CharField(required=False, label=_("Laat dit veld leeg"))

    confirm_declaration = forms.BooleanField(
        label=_(
            "Ik onderteken de verklaring hierboven (geen tabaksindustrie, geen behandeling buiten de richtlijn)."
        ),
        error_messages={"required": _("U kunt zich alleen aanmelden als u deze verklaring ondertekent.")},
    )
    confirm_rules = forms.BooleanField(
        label=_("Ik steun de missie en ga akkoord met de spelregels."),
        error_messages={
            "required": _("U kunt zich alleen aanmelden als u instemt met de missie en de spelregels.")
        },
    )
    confirm_consent = forms.BooleanField(
        label=_("Ik geef toestemming om mijn gegevens te delen met de andere deelnemers."),
        error_messages={
            "required": _(
                "Deelnemers zien elkaars contactgegevens; zonder deze toestemming kunt u niet deelnemen."
            )
        },
    )

    class Meta:
        model = Application
        fields = [
            "kind",
            "organisation_name",
            "kvk_number",
            "sector",
            "region",
            "desired_role",
            "contact_name",
            "job_title",
            "email",
            "phone",
            "motivation",
        ]
        labels = {
            "organisation_name": _("Naam organisatie (of uw eigen naam als u zich als persoon aanmeldt)")
        }
        help_texts = {
            "motivation": _("Waarom wilt u deelnemen, en wat wilt u bijdragen? Maximaal 2000 tekens.")
        }
        widgets = {"motivation": forms.Textarea(attrs={"rows": 6})}

    def application_data(self):
        """The cleaned values to store on the Application."""
        return {name: self.cleaned_data[name] for name in [*self.Meta.fields, "website"]}

    CONFIRMATIONS = ("confirm_declaration", "confirm_rules", "confirm_consent")

    def __init__(self, *args, versions="", **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = versions
        self.fields["versions"].initial = versions
        self.fields["fax"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and name not in ("fax", "versions"):
                field.validators.append(refuse_html)

    def check_versions(self, data):
        """A text published after the form was opened: the applicant reads the new one and ticks again (the
        rest of what was filled in stays)."""
        if data.get("versions") and data["versions"] != self.versions:
            self.data = self.data.copy()
            self.data["versions"] = self.versions
            for name in self.CONFIRMATIONS:
                self.data.pop(name, None)
            self.add_error(
                None,
                _(
                    "De teksten zijn gewijzigd sinds u dit formulier opende. Lees ze opnieuw en vink de vakjes "
                    "opnieuw aan."
                ),
            )

    def clean_kvk_number(self):
        value = self.cleaned_data["kvk_number"].replace(" ", "")
        if value and not (value.isdigit() and len(value) == 8):
            raise forms.ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."))
        return value

    def is_duplicate(self):
        """Re-check for a duplicate (under the chain lock) and attach the message to the form."""
        self.check_duplicates(self.cleaned_data)
        return bool(self.errors)

    def clean(self):
        data = super().clean()
        if data.get("fax"):
            raise forms.ValidationError(_("Uw aanmelding kon niet worden verwerkt."), code="honeypot")
        self.check_versions(data)
        self.check_duplicates(data)
        return data

    def check_duplicates(self, data):
        """Refuse an organisation that already applied or takes part. These checks look at the name only: whether
        the e-mail address is known is never shown here (see `address_in_use`), so the form cannot be used to
        find out whose addresses belong to the network."""
        name = data.get("organisation_name")
        if not name:
            return
        open_applications = Application.open_duplicates(data.get("email", ""), name)
        if open_applications.filter(organisation_name__iexact=name).exists():
            self.add_error("organisation_name", _("Voor deze organisatie loopt al een aanmelding."))
        if Participant.objects.filter(name__iexact=name).exists():
            self.add_error(
                "organisation_name",
                _(
                    "Deze organisatie doet al mee aan het netwerk. Neem contact op met het netwerkbureau om een contactpersoon toe te voegen."
                ),
            )

    def address_in_use(self):
        """Whether the address already belongs to a participant's contact or to an open application. The
        applicant then sees the same page as anyone else; what is going on is mailed to the address."""
        email, name = self.cleaned_data["email"], self.cleaned_data["organisation_name"]
        return (
            ContactPerson.objects.filter(email__iexact=email).exists()
            or Application.open_duplicates(email, name).filter(email__iexact=email).exists()
        )


class ScreeningForm(forms.Form):
    """The network office's check of an application. Accepting requires every check to be done."""

    CHECKS = [
        ("declarations", _("De drie verklaringen zijn ondertekend en compleet")),
        ("identity", _("Website en/of KvK-inschrijving gecontroleerd")),
        ("tobacco", _("Geen banden met de tabaksindustrie gevonden (definitie a–d)")),
        ("guideline", _("Geen stoppen-met-rokenaanbod buiten de richtlijn behandeling tabaksverslaving")),
        ("duplicates", _("Geen dubbele aanmelding of bestaande deelnemer")),
    ]

    checks = forms.MultipleChoiceField(
        label=_("Gecontroleerd"), choices=CHECKS, required=False, widget=forms.CheckboxSelectMultiple
    )
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=Application.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[refuse_html],
        help_text=_(
            "Verplicht bij afwijzen of voorleggen. Bij afwijzen krijgt de aanvrager deze tekst per e-mail."
        ),
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == Application.Outcome.ACCEPT:
            missing = {key for key, _label in self.CHECKS} - set(data.get("checks", []))
            if missing:
                self.add_error("checks", _("Voer alle controles uit voordat u de aanvrager toelaat."))
            if Participant.objects.filter(name__iexact=self.application.organisation_name).exists():
                self.add_error("outcome", _("Er bestaat al een deelnemer met deze naam; toelaten kan niet."))
        elif outcome and not data.get("reason"):
            self.add_error("reason", _("Geef een toelichting."))
        return data


class CorePartnerDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"), choices=Application.Outcome.choices[:2], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[refuse_html],
        help_text=_("Bij afwijzen krijgt de aanvrager deze tekst per e-mail."),
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    def clean_decision(self):
        decision = self.cleaned_data["decision"]
        exists = Participant.objects.filter(name__iexact=self.application.organisation_name).exists()
        if decision == Application.Outcome.ACCEPT and exists:
            raise forms.ValidationError(_("Er bestaat al een deelnemer met deze naam; toelaten kan niet."))
        return decision
