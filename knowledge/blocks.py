"""Blocks of a knowledge article; the 'les' block gives lessons the same three questions every time."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"]


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Linktekst"), required=False, help_text=_("Leeg: de titel van het document.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "knowledge/blocks/document.html"


class CallOutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), required=False)
    text = blocks.RichTextBlock(label=_("Tekst"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Uitgelicht")
        template = "knowledge/blocks/call_out.html"


class LessonBlock(blocks.StructBlock):
    """A lesson learned: what the situation was, what was done and what it taught."""

    situation = blocks.RichTextBlock(label=_("Situatie"), features=["bold", "italic", "link", "ul"])
    approach = blocks.RichTextBlock(label=_("Wat we deden"), features=["bold", "italic", "link", "ul"])
    learned = blocks.RichTextBlock(label=_("Wat we leerden"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "success"
        label = _("Les")
        template = "knowledge/blocks/lesson.html"


class KnowledgeStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Tekst"), features=RICH_TEXT_FEATURES)
    heading = blocks.CharBlock(
        label=_("Tussenkop"), form_classname="title", template="home/blocks/heading.html"
    )
    quote = blocks.BlockQuoteBlock(label=_("Citaat"))
    image = ImageBlock(label=_("Afbeelding"))
    document = DocumentBlock()
    embed = EmbedBlock(
        label=_("Video of ander medium"), help_text=_("Bijvoorbeeld een YouTube- of Vimeo-adres.")
    )
    call_out = CallOutBlock()
    lesson = LessonBlock()
