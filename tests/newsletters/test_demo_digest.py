"""Demo data and the monthly digest draft."""

import io

import pytest
from django.core.management.base import BaseCommand
from django.utils import timezone

from knowledge import factories as knowledge
from newsletters import demo as newsletters_demo
from newsletters.digest import assemble
from newsletters.factories import NewsletterPageFactory, newsletter_tree
from newsletters.models import Mailing, NewsletterPage, Subscriber

pytestmark = pytest.mark.django_db


def test_demo_has_archive_two_sent_one_draft_and_is_idempotent(client, demo):
    counts = (NewsletterPage.objects.count(), Subscriber.objects.count(), Mailing.objects.count())
    newsletters_demo.load(BaseCommand(stdout=io.StringIO()))  # idempotent (every table: tests/home)
    assert (NewsletterPage.objects.count(), Subscriber.objects.count(), Mailing.objects.count()) == counts
    assert (
        NewsletterPage.objects.live().count() == 2 and NewsletterPage.objects.filter(live=False).count() == 1
    )
    assert Mailing.objects.filter(newsletter__isnull=False, status=Mailing.Status.SENT).count() == 2
    assert all(s.email.endswith("@example.org") for s in Subscriber.objects.all())
    archive = client.get("/nieuwsbrief/archief/").content.decode()
    assert "Nieuwsbrief april 2026" in archive and "concept" not in archive.lower()
    assert "Aanmelden" in client.get("/nieuwsbrief/").content.decode()


def test_digest_draft_collects_new_articles_and_activities_once():
    newsletter_tree()
    before = NewsletterPage.objects.count()
    new_article = knowledge.article(knowledge.knowledge_index(), "Nieuw artikel over rookvrij sporten")
    page = assemble()
    assert page is not None and not page.live and page.is_digest
    assert "Nieuws uit het netwerk" in page.title
    assert new_article.pk in [
        p.pk for block in page.body if block.block_type == "pages" for p in block.value["pages"]
    ]
    assert assemble() == page and NewsletterPage.objects.count() == before + 1
    assert page.get_latest_revision() is not None


def test_lazy_blocks_render_without_other_apps(client):
    archive = newsletter_tree()[1]
    page = NewsletterPageFactory(
        parent=archive,
        title="Met blokken",
        body=[("recent", {"heading": "Agenda", "source": "events", "count": 3, "days": None})],
    )
    assert client.get(page.url).status_code == 200
    assert timezone.now()
