"""The monthly "Nieuws uit het netwerk": a draft newsletter with last month's new articles and coalition
activities, for the office to check and send. Nothing is published or sent automatically."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .blocks import recent_pages
from .models import NewsletterArchivePage, NewsletterPage

DAYS = 31


def assemble(today=None):
    """Create this month's digest draft (once); None when there is no archive or nothing new."""
    today = today or timezone.localdate()
    archive = NewsletterArchivePage.objects.first()
    if archive is None:
        return None
    slug = f"nieuws-uit-het-netwerk-{today:%Y-%m}"
    existing = NewsletterPage.objects.child_of(archive).filter(slug=slug).first()
    if existing:
        return existing
    articles = recent_pages("articles", 10, DAYS)
    activities = recent_pages("activities", 10, DAYS)
    if not articles and not activities:
        return None
    body = [
        (
            "paragraph",
            "<p>"
            + _("Een overzicht van wat er de afgelopen maand in het netwerk is gedeeld en gedaan.")
            + "</p>",
        )
    ]
    if articles:
        body.append(("pages", {"heading": _("Nieuwe kennis"), "pages": [p.pk for p in articles]}))
    if activities:
        body.append(
            ("pages", {"heading": _("Activiteiten van coalities"), "pages": [p.pk for p in activities]})
        )
    month = date_format(today, "F Y")
    page = NewsletterPage(
        title=_("Nieuws uit het netwerk – %(month)s") % {"month": month},
        slug=slug,
        is_digest=True,
        live=False,
    )
    page.body = _stream(page, body)
    archive.add_child(instance=page)
    page.save_revision()
    return page


def _stream(page, body):
    block = NewsletterPage._meta.get_field("body").stream_block
    return block.to_python([{"type": kind, "value": value} for kind, value in body])
