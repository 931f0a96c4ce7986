"""Forms of the network-role flows and of the participant's own role change."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from network.models import Participant, Role
from nnr_site.forms import ModelMultipleChoiceField, SingleLineFieldsMixin, refuse_html
from nnr_site.uploads import check_document

from .models import (
    COMMENT_MAX,
    PROPOSAL_TEXT_MAX,
    ExitRequestProcess,
    HandoverNomination,
    HandoverProcess,
    Proposal,
    ProposalComment,
    ProposalDecision,
    ReflectionProcess,
)


def active_participants():
    return Participant.objects.filter(status=Participant.Status.ACTIVE)


class VisibleErrorsMixin:
    """An error about a hidden field is shown at the top of the form: nobody can see a message next to a
    field that is not on the screen."""

    def add_error(self, field, error):
        if not isinstance(error, forms.ValidationError):
            error = forms.ValidationError(error)
        if field is None and hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(None if name == NON_FIELD_ERRORS else name, errors)
            return
        if field is not None and field in self.fields and self.fields[field].widget.is_hidden:
            field = None
        super().add_error(field, error)


class StartHandoverForm(VisibleErrorsMixin, forms.Form):
    departing = forms.ModelChoiceField(
        label=_("Vertrekkende kernpartner"), queryset=active_participants().filter(role=Role.KERNPARTNER)
    )
    departing_new_role = forms.ChoiceField(
        label=_("Rol na de overdracht"),
        choices=[(Role.PARTNER, Role.PARTNER.label), (Role.SUPPORTER, Role.SUPPORTER.label)],
        initial=Role.PARTNER,
    )

    def __init__(self, *args, departing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if departing is not None:
            self.fields["departing"].queryset = Participant.objects.filter(pk=departing.pk)
            self.fields["departing"].initial = departing
            self.fields["departing"].widget = forms.HiddenInput()

    def clean_departing(self):
        departing = self.cleaned_data["departing"]
        if HandoverProcess.objects.filter(departing=departing, finished=None).exists():
            raise forms.ValidationError(
                _(
                    "Voor %(name)s loopt al een overdracht; u vindt die bij de lopende overdrachten op deze pagina."
                )
                % {"name": departing}
            )
        return departing


class PrepareHandoverForm(SingleLineFieldsMixin, forms.ModelForm):
    transfer = ModelMultipleChoiceField(
        label=_("Over te dragen aan de opvolger"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wat u niet aanvinkt, blijft bij u of wordt door het netwerkbureau opgepakt."),
    )
    document_title = forms.CharField(label=_("Titel van het document"), max_length=200, required=False)
    document = forms.FileField(
        label=_("Document voor de opvolger"),
        required=False,
        help_text=_(
            "PDF, Word (docx), Excel (xlsx), PowerPoint (pptx), OpenDocument-tekst (odt), tekst (txt) of een "
            "afbeelding (png, jpg); hoogstens 10 MB. Alleen de mensen in deze overdracht kunnen het openen."
        ),
    )

    class Meta:
        model = HandoverProcess
        fields = ["notes", "departing_new_role"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        checklist = self.instance.checklist.all()
        self.fields["transfer"].queryset = checklist
        self.fields["transfer"].initial = [i.pk for i in checklist if i.transfer]

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            check_document(document)
        return document

    def clean(self):
        data = super().clean()
        if data.get("document") and not data.get("document_title"):
            self.add_error("document_title", _("Geef het document een titel."))
        return data


class NominateForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("Opvolger (een partner)"),
        queryset=active_participants().filter(role=Role.PARTNER),
        required=False,
    )
    open_seat = forms.BooleanField(
        label=_("Geen opvolger: de plaats openstellen"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("successor")) == bool(data.get("open_seat")):
            raise forms.ValidationError(_("Kies een opvolger óf stel de plaats open."))
        return data


class AcceptNominationForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Uw antwoord"), choices=HandoverNomination.Response.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ObjectionForm(forms.Form):
    text = forms.CharField(label=_("Uw bezwaar"), widget=forms.Textarea(attrs={"rows": 4}))


class CompleteHandoverForm(forms.ModelForm):
    class Meta:
        model = HandoverProcess
        fields = ["decision", "decision_note", "bound_confirmed", "bound_confirmation"]
        widgets = {
            "decision": forms.RadioSelect,
            "decision_note": forms.Textarea(attrs={"rows": 3}),
            "bound_confirmation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].required = True
        self.fields["decision"].choices = HandoverProcess.Decision.choices
        if not self.instance.breaks_bound():
            del self.fields["bound_confirmed"]
            del self.fields["bound_confirmation"]

    def clean(self):
        data = super().clean()
        completing = data.get("decision") == HandoverProcess.Decision.COMPLETE
        if completing and self.instance.objections.exists() and not data.get("decision_note"):
            self.add_error(
                "decision_note", _("Er zijn bezwaren: licht toe waarom de overdracht toch doorgaat.")
            )
        if completing and "bound_confirmed" in self.fields:
            if not data.get("bound_confirmed"):
                self.add_error(
                    "bound_confirmed",
                    _(
                        "Na deze overdracht zijn er %(n)s kernpartners: bevestig deze afwijking van "
                        "%(low)s–%(high)s uitdrukkelijk."
                    )
                    % {
                        "n": self.instance.core_partner_count_after(),
                        "low": self.instance.core_partner_bounds[0],
                        "high": self.instance.core_partner_bounds[1],
                    },
                )
            if not data.get("bound_confirmation"):
                self.add_error("bound_confirmation", _("Motiveer de afwijking van het aantal kernpartners."))
        return data


class StartExitForm(forms.ModelForm):
    class Meta:
        model = ExitRequestProcess
        fields = ["participant", "reason", "rule"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 5}), "rule": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, requester=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = active_participants()
        if requester is not None:
            qs = qs.exclude(pk=requester.pk)
        self.fields["participant"].queryset = qs

    def clean_participant(self):
        participant = self.cleaned_data["participant"]
        if ExitRequestProcess.objects.filter(participant=participant, finished=None).exists():
            raise forms.ValidationError(
                _(
                    "Over %(name)s loopt al een verzoek tot vertrek; u vindt het bij de lopende verzoeken op "
                    "deze pagina."
                )
                % {"name": participant}
            )
        return participant


class SupportExitForm(forms.ModelForm):
    supported = forms.TypedChoiceField(
        label=_("Steunt u dit verzoek?"),
        choices=[("1", _("Ja, ik steun het verzoek")), ("0", _("Nee, ik steun het verzoek niet"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ExitRequestProcess
        fields = ["supported", "support_note"]
        widgets = {"support_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, on_behalf_of=None, **kwargs):
        """`on_behalf_of`: the core partners the office may record the answer for, when none of them has a
        log-in (flows.RoleTask gave the task to the office)."""
        super().__init__(*args, **kwargs)
        if on_behalf_of is not None:
            self.fields["supporting_participant"] = forms.ModelChoiceField(
                label=_("Namens welke kernpartner legt u dit antwoord vast?"), queryset=on_behalf_of
            )


class RespondExitForm(forms.ModelForm):
    class Meta:
        model = ExitRequestProcess
        fields = ["response"]
        widgets = {"response": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].required = True


class ExitOutcomeForm(forms.ModelForm):
    class Meta:
        model = ExitRequestProcess
        fields = ["outcome", "outcome_note"]
        widgets = {"outcome": forms.RadioSelect, "outcome_note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["outcome"].choices = ExitRequestProcess.Outcome.choices
        self.fields["outcome_note"].required = True


class ReflectForm(forms.ModelForm):
    """The conclusions, and a decision with a short explanation for each proposal that is not decided
    (`proposals`, as listed when the page was built; `decisions()` gives them back)."""

    class Meta:
        model = ReflectionProcess
        fields = ["conclusions", "follow_up"]
        widgets = {
            "conclusions": forms.Textarea(attrs={"rows": 8}),
            "follow_up": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, proposals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conclusions"].required = True
        self.proposals = list(proposals)
        for proposal in self.proposals:
            self.fields[f"besluit_{proposal.pk}"] = forms.ChoiceField(
                label=_("Besluit over “%(title)s”") % {"title": proposal.title},
                choices=ProposalDecision.Outcome.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _(
                        "Kies een besluit; kiest u “Uitgesteld”, dan komt het voorstel terug in de volgende reflectie."
                    )
                },
            )
            self.fields[f"toelichting_{proposal.pk}"] = forms.CharField(
                label=_("Korte toelichting bij “%(title)s”") % {"title": proposal.title},
                help_text=_("De indiener en wie het voorstel steunen, krijgen deze toelichting te lezen."),
                max_length=COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX}),
                validators=[refuse_html],
                error_messages={"required": _("Schrijf kort op waarom.")},
            )

    def proposal_rows(self):
        """(proposal, its decision field, its explanation field), for the template."""
        return [(p, self[f"besluit_{p.pk}"], self[f"toelichting_{p.pk}"]) for p in self.proposals]

    def decisions(self):
        """[(proposal, outcome, note)] of a valid form."""
        data = self.cleaned_data
        return [(p, data[f"besluit_{p.pk}"], data[f"toelichting_{p.pk}"]) for p in self.proposals]


def _plain_text(label, limit, help_text):
    return forms.CharField(
        label=label,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": limit}),
        validators=[refuse_html],
        help_text=help_text,
    )


class ProposalForm(SingleLineFieldsMixin, forms.ModelForm):
    title = forms.CharField(
        label=_("Titel"),
        max_length=150,
        validators=[refuse_html],
        help_text=_("In één zin, bijvoorbeeld: Nieuwe deelnemers krijgen een maatje uit het netwerk."),
    )
    what = _plain_text(
        _("Wat stelt u voor?"),
        PROPOSAL_TEXT_MAX,
        _("Welke spelregel of werkwijze wilt u veranderen, en hoe? Gewone tekst, hoogstens %(limit)s tekens.")
        % {"limit": PROPOSAL_TEXT_MAX},
    )
    why = _plain_text(
        _("Waarom?"),
        PROPOSAL_TEXT_MAX,
        _(
            "Wat gaat er nu mis of kan beter, en wat levert uw voorstel op? Gewone tekst, hoogstens %(limit)s tekens."
        )
        % {"limit": PROPOSAL_TEXT_MAX},
    )

    class Meta:
        model = Proposal
        fields = ["title", "what", "why"]


class ProposalCommentForm(forms.ModelForm):
    text = _plain_text(
        _("Uw opmerking"),
        COMMENT_MAX,
        _("Gewone tekst, hoogstens %(limit)s tekens.") % {"limit": COMMENT_MAX},
    )

    class Meta:
        model = ProposalComment
        fields = ["text"]


class ProposalFilterForm(forms.Form):
    """The list's filter (GET): the proposals still to be decided, the decided ones, or all."""

    STATE_CHOICES = [
        ("open", _("Nog te besluiten")),
        ("besloten", _("Besloten")),
        ("alle", _("Alle voorstellen")),
    ]

    status = forms.ChoiceField(label=_("Welke voorstellen"), choices=STATE_CHOICES, required=False)

    def filter(self, proposals):
        state = self.cleaned_data.get("status") if self.is_valid() else ""
        if state == "besloten":
            return proposals.filter(status=Proposal.Status.DECIDED)
        if state == "alle":
            return proposals
        return proposals.exclude(status=Proposal.Status.DECIDED)


class ReasonForm(forms.Form):
    """The office's reason for moving a process on (closing a period early, withdrawing)."""

    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label


class RoleChangeForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Nieuwe rol"),
        choices=[(Role.PARTNER, Role.PARTNER.label), (Role.SUPPORTER, Role.SUPPORTER.label)],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Toelichting (optioneel)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, participant, **kwargs):
        self.participant = participant
        super().__init__(*args, **kwargs)

    def clean(self):
        if self.participant.role == Role.KERNPARTNER:
            raise forms.ValidationError(
                _("Als kernpartner stopt u alleen via een overdracht van de kernpartnerrol.")
            )
        return super().clean()

    def clean_role(self):
        role = self.cleaned_data["role"]
        if role == self.participant.role:
            raise forms.ValidationError(_("Dit is al uw rol."))
        return role
