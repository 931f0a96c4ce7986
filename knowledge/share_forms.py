"""The site's form for writing a knowledge article (knowledge.views): plain fields, the body as plain text."""

from functools import reduce
from operator import or_

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from taggit.utils import parse_tags

from coalitions.models import ActivityPage, coalitions_of
from nnr_site.forms import SingleLineFieldsMixin
from nnr_site.uploads import ImageUploadField

from . import writing
from .choices import ArticleType

TEXT_HELP = _(
    "Een witregel begint een nieuwe alinea. Begin een regel met ## voor een tussenkop (### voor een kleinere), "
    "met - voor een opsomming of met 1. voor een genummerde lijst. Een link schrijft u als [tekst](https://adres) of als los webadres; "
    "**zo** wordt een woord vet."
)


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, activity):
        return f"{activity.get_parent().title}: {activity.title}"


class ShareArticleForm(SingleLineFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=255)
    summary = forms.CharField(
        label=_("Samenvatting"),
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Twee of drie zinnen; te zien in overzichten."),
    )
    text = forms.CharField(
        label=_("Tekst"), widget=forms.Textarea({"rows": 14}), help_text=TEXT_HELP, strip=False
    )
    article_type = forms.ChoiceField(label=_("Soort"), choices=ArticleType.choices)
    themes = forms.MultipleChoiceField(
        label=_("Thema's"), required=False, widget=forms.CheckboxSelectMultiple
    )
    new_themes = forms.CharField(
        label=_("Andere thema's"),
        required=False,
        max_length=255,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: sport, onderwijs."),
    )
    source_coalition = forms.ModelChoiceField(
        label=_("Uit coalitie"),
        required=False,
        queryset=None,
        empty_label=_("Geen coalitie"),
        help_text=_("De coalitie van uw organisatie waar deze kennis vandaan komt, als die er is."),
    )
    source_activity = ActivityChoiceField(
        label=_("Uit activiteit"), required=False, queryset=None, empty_label=_("Geen activiteit")
    )
    image = ImageUploadField(
        label=_("Afbeelding"),
        help_text=_("Een foto of illustratie bij het artikel: JPG of PNG, hoogstens %(size)s.")
        % {"size": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)},
    )
    remove_image = forms.BooleanField(label=_("De huidige afbeelding weghalen"), required=False)

    def __init__(self, *args, participant, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        coalitions = coalitions_of(participant)
        self.fields["source_coalition"].queryset = coalitions
        below = [Q(path__startswith=c.path) for c in coalitions]
        activities = ActivityPage.objects.filter(reduce(or_, below)) if below else ActivityPage.objects.none()
        self.fields["source_activity"].queryset = activities.order_by("path")
        themes = set(
            Tag.objects.filter(knowledge_articletag_items__isnull=False).values_list("name", flat=True)
        )
        themes.update(self.initial.get("themes", ()))
        self.fields["themes"].choices = [(name, name) for name in sorted(themes, key=str.lower)]
        if not (article and article.image_id):
            del self.fields["remove_image"]

    def clean_text(self):
        blocks = writing.to_blocks(self.cleaned_data["text"])
        if not blocks:
            raise ValidationError(_("Schrijf de tekst van het artikel."), code="required")
        self.cleaned_data["body_blocks"] = blocks
        return self.cleaned_data["text"]

    def clean(self):
        cleaned = super().clean()
        activity, coalition = cleaned.get("source_activity"), cleaned.get("source_coalition")
        if activity:
            parent = activity.get_parent()
            if coalition and coalition.pk != parent.pk:
                self.add_error("source_activity", _("Deze activiteit hoort bij een andere coalitie."))
            else:
                cleaned["source_coalition"] = parent.specific
        cleaned["tags"] = sorted(
            set(cleaned.get("themes", [])) | set(parse_tags(cleaned.get("new_themes", "")))
        )
        return cleaned
