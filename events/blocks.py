from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ProgrammeItemBlock(blocks.StructBlock):
    """One line of the programme: a time, what happens and who leads it."""

    time = blocks.TimeBlock(label=_("Tijd"), required=False)
    title = blocks.CharBlock(label=_("Onderdeel"))
    speaker = blocks.CharBlock(label=_("Door"), required=False)
    description = blocks.TextBlock(label=_("Toelichting"), required=False)

    class Meta:
        icon = "time"
        label = _("Programmaonderdeel")
        template = "events/blocks/programme_item.html"


class ProgrammeBlock(blocks.StreamBlock):
    item = ProgrammeItemBlock()
    paragraph = blocks.RichTextBlock(label=_("Tekst"), features=["bold", "italic", "link", "ul", "ol"])
