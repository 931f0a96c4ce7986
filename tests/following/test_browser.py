"""In a real browser: a participant follows a theme on the site and agrees to the mails; a new article on that
theme is in its "Nieuw in uw netwerk"."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from following.tasks import send_weekly_digests
from knowledge.factories import article, knowledge_index
from knowledge.models import KnowledgeArticlePage
from network.factories import ContactUserFactory
from tests.conftest import login

pytestmark = pytest.mark.browser


def test_a_participant_follows_a_theme_and_reads_the_new_article_in_its_digest(browser_page):
    index = knowledge_index()
    old = article(index, "Sportkantine rookvrij", tags=["sport"])
    KnowledgeArticlePage.objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timedelta(days=40)
    )
    article(index, "Schoolplein zonder rook", tags=["onderwijs"])
    article(index, "Rookvrij sporten in de winter", tags=["sport"])  # new: published just now
    ContactUserFactory(username="pia", email="pia@example.org", contact__name="Pia")
    page = browser_page

    login(page, "pia")
    page.goto("/kennis/")
    page.get_by_label("Thema").select_option(label="sport")
    page.get_by_role("button", name="Toon artikelen").click()
    page.get_by_role("button", name="Volgen").click()
    page.get_by_text("U volgt het thema sport.").wait_for()
    page.get_by_role("link", name="Hoe u ervan hoort").click()
    page.get_by_label("Ja, stuur mij e-mail over wat ik volg", exact=False).check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Uw keuzes zijn opgeslagen.").wait_for()
    assert page.get_by_role("link", name="sport").is_visible()

    mail.outbox = []
    send_weekly_digests.apply()
    [digest] = mail.outbox
    assert digest.to == ["pia@example.org"] and "Nieuw in uw netwerk" in digest.subject
    assert "Rookvrij sporten in de winter" in digest.body
    assert "Sportkantine rookvrij" not in digest.body  # old news
    assert "Schoolplein zonder rook" not in digest.body  # a theme Pia does not follow
