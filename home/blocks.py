from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"))
    text = blocks.TextBlock(label=_("Tekst"), required=False)
    link_page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    link_url = blocks.URLBlock(label=_("Of een adres"), required=False)
    link_text = blocks.CharBlock(label=_("Knoptekst"), default=_("Meld u aan"))
    visitors_only = blocks.BooleanBlock(
        label=_("Alleen voor bezoekers die niet zijn ingelogd"),
        required=False,
        default=True,
        help_text=_("Een oproep om mee te doen is niet voor wie al deelnemer is."),
    )

    class Meta:
        icon = "pick"
        label = _("Oproep")
        template = "home/blocks/call_to_action.html"


class MissionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), default=_("Onze missie"))
    statement = blocks.TextBlock(label=_("Missie"))
    link_page = blocks.PageChooserBlock(label=_("Meer lezen op"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Missie")
        template = "home/blocks/mission.html"


class LatestItemsBlock(blocks.StructBlock):
    """Lists the newest published pages of one kind (articles, activities, meetings) at render time."""

    heading = blocks.CharBlock(label=_("Kop"), default=_("Nieuw in het netwerk"))
    count = blocks.IntegerBlock(label=_("Aantal"), default=3, min_value=1, max_value=12)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        context["items"] = page.latest_pages(value["count"]) if hasattr(page, "latest_pages") else []
        return context

    class Meta:
        icon = "list-ul"
        label = _("Nieuwste items")
        template = "home/blocks/latest_items.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Tussenkop"), form_classname="title", template="home/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"]
    )
    image = ImageBlock(label=_("Afbeelding"))
    quote = blocks.BlockQuoteBlock(label=_("Citaat"))


class HomeStreamBlock(BaseStreamBlock):
    intro = blocks.RichTextBlock(label=_("Introductie"), features=["bold", "italic", "link"])
    mission = MissionBlock()
    call_to_action = CallToActionBlock()
    latest_items = LatestItemsBlock()
