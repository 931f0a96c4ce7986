import io

import pytest
from django.core.management.base import BaseCommand
from wagtail.models import WorkflowState

from knowledge import demo as knowledge_demo
from knowledge.models import KnowledgeArticlePage

pytestmark = pytest.mark.django_db


def test_demo_knowledge_base(client, demo):
    live = KnowledgeArticlePage.objects.live()
    assert live.count() == 30
    assert live.exclude(source_coalition=None).count() >= 5
    assert set(live.values_list("article_type", flat=True)) == {"artikel", "les", "handreiking", "onderzoek"}
    pending = KnowledgeArticlePage.objects.get(live=False)
    state = WorkflowState.objects.for_instance(pending).active().get()
    assert state.requested_by.username == "partner" and pending.author.name == "GGD-team Utrecht"
    html = client.get("/kennis/").content.decode()
    assert "30 artikelen gevonden" in html and pending.title not in html
    client.login(username="partner", password="nnr-demo-2026")
    html = client.get("/mijn/").content.decode()
    assert pending.title in html and "Ter beoordeling bij het netwerkbureau" in html

    knowledge_demo.load(BaseCommand(stdout=io.StringIO()))  # idempotent (every table: tests/home)
    assert KnowledgeArticlePage.objects.count() == 31
    assert WorkflowState.objects.count() == 1
