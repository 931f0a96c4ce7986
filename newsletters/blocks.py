"""Newsletter body blocks. Blocks that pull in other apps' pages (knowledge, coalitions, events) look their
models up when the mail is rendered."""

from datetime import timedelta

from django.apps import apps
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from network.access import publicly_visible

SOURCES = {
    "articles": ("knowledge", "KnowledgeArticlePage"),
    "activities": ("coalitions", "ActivityPage"),
    "events": ("events", "EventPage"),
}
SUMMARY_FIELDS = ("summary", "introduction", "goal", "search_description")


def recent_pages(source, count, days=None):
    """The newest live public pages of one kind ("articles", "activities" or "events")."""
    qs = apps.get_model(*SOURCES[source]).objects.live().public()
    if days:
        qs = qs.filter(first_published_at__gte=timezone.now() - timedelta(days=days))
    return list(qs.order_by("-first_published_at")[:count])


def summary_of(page):
    for name in SUMMARY_FIELDS:
        value = getattr(page, name, "")
        if value and isinstance(value, str):
            return strip_tags(value)
    return ""


def item(page):
    return {"title": page.title, "url": page.full_url or "", "summary": summary_of(page)}


class RecentItemsBlock(blocks.StructBlock):
    """The newest articles, coalition activities or network meetings, looked up when the mail is rendered."""

    heading = blocks.CharBlock(label=_("Kop"))
    source = blocks.ChoiceBlock(
        label=_("Soort"),
        choices=[
            ("articles", _("Kennisartikelen")),
            ("activities", _("Activiteiten van coalities")),
            ("events", _("Netwerkbijeenkomsten")),
        ],
    )
    count = blocks.IntegerBlock(label=_("Aantal"), default=3, min_value=1, max_value=10)
    days = blocks.IntegerBlock(
        label=_("Alleen van de laatste … dagen"),
        required=False,
        min_value=1,
        help_text=_("Leeg: geen grens."),
    )

    def items(self, value):
        return [item(page) for page in recent_pages(value["source"], value["count"], value.get("days"))]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["items"] = self.items(value)
        return context

    class Meta:
        icon = "list-ul"
        label = _("Nieuwste uit het netwerk")
        template = "newsletters/blocks/items.html"


class SelectedPagesBlock(blocks.StructBlock):
    """Hand-picked pages (the monthly digest fills this in, so the office sees exactly what goes out)."""

    heading = blocks.CharBlock(label=_("Kop"))
    pages = blocks.ListBlock(blocks.PageChooserBlock(label=_("Pagina")), label=_("Pagina's"))

    def items(self, value):
        # a page chosen for the digest may have been unpublished or made private since
        return [item(page.specific) for page in value["pages"] if publicly_visible(page)]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["items"] = self.items(value)
        return context

    class Meta:
        icon = "doc-full"
        label = _("Gekozen pagina's")
        template = "newsletters/blocks/items.html"


class ButtonBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Knoptekst"))
    url = blocks.URLBlock(label=_("Adres"))

    class Meta:
        icon = "link"
        label = _("Knop")
        template = "newsletters/blocks/button.html"


class NewsletterStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Tussenkop"), template="newsletters/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("Tekst"), features=["bold", "italic", "link", "ol", "ul"])
    recent = RecentItemsBlock()
    pages = SelectedPagesBlock()
    button = ButtonBlock()
