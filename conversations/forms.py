"""The forms of reactions and "Vraag het netwerk": plain text with a limit, themes from the existing ones."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from network.regions import GGDRegion
from nnr_site.forms import SingleLineFieldsMixin

from .models import ANSWER_MAX, QUESTION_MAX, REACTION_MAX, Answer, Question, Reaction, ReactionKind


def existing_themes():
    """The themes the network uses: those of knowledge articles and coalitions."""
    return (
        Tag.objects.filter(
            Q(knowledge_articletag_items__isnull=False) | Q(coalitions_coalitiontag_items__isnull=False)
        )
        .distinct()
        .order_by("name")
    )


def _text(label, limit, help_text=""):
    return forms.CharField(
        label=label,
        max_length=limit,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": limit}),
        help_text=help_text or _("Gewone tekst, hoogstens %(limit)s tekens.") % {"limit": limit},
    )


class ReactionForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("Soort reactie"), choices=ReactionKind.choices, widget=forms.RadioSelect)
    text = _text(_("Uw reactie"), REACTION_MAX)

    class Meta:
        model = Reaction
        fields = ["kind", "text"]


class QuestionForm(SingleLineFieldsMixin, forms.ModelForm):
    title = forms.CharField(
        label=_("Uw vraag in één zin"),
        max_length=150,
        help_text=_("Bijvoorbeeld: Hoe krijgt u een sportclub mee in een rookvrij terrein?"),
    )
    text = _text(
        _("Toelichting"),
        QUESTION_MAX,
        _("Wat wilt u weten, en wat heeft u al geprobeerd? Gewone tekst, hoogstens %(limit)s tekens.")
        % {"limit": QUESTION_MAX},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wie deze thema's volgt, ziet uw vraag op Mijn netwerk."),
    )
    region = forms.ChoiceField(
        label=_("GGD-regio (niet verplicht)"),
        choices=[("", _("Geen regio"))] + list(GGDRegion.choices),
        required=False,
    )
    notify = forms.BooleanField(
        label=_("Stuur mij een e-mail als iemand antwoordt"), required=False, initial=True
    )

    class Meta:
        model = Question
        fields = ["title", "text", "themes", "region", "notify"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = existing_themes()


class AnswerForm(forms.ModelForm):
    text = _text(_("Uw antwoord"), ANSWER_MAX)

    class Meta:
        model = Answer
        fields = ["text"]


class QuestionFilterForm(forms.Form):
    """The list's filters (GET): theme, region, open or answered."""

    STATE_CHOICES = [("", _("Alle vragen")), ("open", _("Open")), ("beantwoord", _("Beantwoord"))]

    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Tag.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("Alle thema's"),
    )
    regio = forms.ChoiceField(
        label=_("GGD-regio"), choices=[("", _("Alle regio's"))] + list(GGDRegion.choices), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATE_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].queryset = existing_themes()

    def filter(self, questions):
        if not self.is_valid():
            return questions
        data = self.cleaned_data
        if data["thema"]:
            questions = questions.filter(themes=data["thema"])
        if data["regio"]:
            questions = questions.filter(region=data["regio"])
        if data["status"] == "open":
            questions = questions.open()
        elif data["status"] == "beantwoord":
            questions = questions.answered()
        return questions
