"""What a coalition writes on the site (issue 19): its activities (published by the coalition itself, no
moderation) and its updates to the members. The forms, and the plain text the activity's rich-text fields are
written in: a blank line starts a new paragraph, a line break stays one, a web address becomes a link.
"""

import html
import re

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.html import linebreaks, urlize
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import expand_db_html

from nnr_site.forms import SingleLineFieldsMixin
from nnr_site.uploads import ImageUploadField

from .models import ActivityPage, CoalitionUpdate

TEXT_HELP = _("Een witregel begint een nieuwe alinea; een webadres (https://…) wordt een link.")
RICH_FIELDS = ("what_was_done", "results", "lessons_learned")
_BREAKS = re.compile(r"<br\s*/?>|</li>", re.IGNORECASE)
_BLOCK_ENDS = re.compile(r"</(p|h\d|ul|ol)>", re.IGNORECASE)
_LINK = re.compile(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def to_html(text):
    """Rich text (paragraphs, line breaks, links) for text written in a plain text box; escaped first."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    return linebreaks(urlize(text, nofollow=False, autoescape=True), autoescape=False).replace("\n", "")


def to_text(rich):
    """The stored rich text back as plain text for the text box (a link keeps its address)."""
    value = expand_db_html(rich or "")
    value = _LINK.sub(
        lambda m: m[1] if _TAG.sub("", m[2]).strip() == m[1] else f"{_TAG.sub('', m[2])} ({m[1]})", value
    )
    value = re.sub(r"<li[^>]*>", "- ", value, flags=re.IGNORECASE)
    value = _BLOCK_ENDS.sub("\n\n", _BREAKS.sub("\n", value))
    value = html.unescape(_TAG.sub("", value))
    return re.sub(r"\n{3,}", "\n\n", value).strip()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class ActivityForm(SingleLineFieldsMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=255)
    summary = forms.CharField(
        label=_("Samenvatting"),
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Twee of drie zinnen; te zien op de coalitiepagina."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActivityPage.Status.choices)
    start_date = forms.DateField(label=_("Begindatum"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("Einddatum"), required=False, widget=DateInput())
    what_was_done = forms.CharField(
        label=_("Wat is er gedaan"), required=False, widget=forms.Textarea({"rows": 6}), help_text=TEXT_HELP
    )
    results = forms.CharField(label=_("Resultaten"), required=False, widget=forms.Textarea({"rows": 4}))
    lessons_learned = forms.CharField(
        label=_("Geleerde lessen"), required=False, widget=forms.Textarea({"rows": 4})
    )
    image = ImageUploadField(
        label=_("Afbeelding"),
        help_text=_("Een foto bij de activiteit: JPG of PNG, hoogstens %(size)s.")
        % {"size": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)},
    )
    remove_image = forms.BooleanField(label=_("De huidige afbeelding weghalen"), required=False)

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not (activity and activity.image_id):
            del self.fields["remove_image"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt vóór de begindatum."))
        return cleaned


def activity_initial(activity):
    initial = {
        name: getattr(activity, name) for name in ("title", "summary", "status", "start_date", "end_date")
    }
    initial.update({name: to_text(getattr(activity, name)) for name in RICH_FIELDS})
    return initial


class UpdateForm(SingleLineFieldsMixin, forms.ModelForm):
    class Meta:
        model = CoalitionUpdate
        fields = ["subject", "text", "visibility"]
        labels = {"subject": _("Onderwerp"), "text": _("Tekst"), "visibility": _("Zichtbaar in het archief")}
        help_texts = {
            "text": _(
                "Platte tekst: een witregel begint een nieuwe alinea, een webadres wordt een link. "
                "De leden kunnen antwoorden; hun antwoord gaat naar het e-mailadres van de coalitie."
            ),
            "visibility": _(
                "Na het versturen staat het bericht op de coalitiepagina: alleen voor de leden, of voor iedereen."
            ),
        }
        widgets = {"text": forms.Textarea({"rows": 12}), "visibility": forms.RadioSelect}


def render_text(text):
    """An update's text as HTML for the page and the mail (escaped, paragraphs, links)."""
    return to_html(text)
