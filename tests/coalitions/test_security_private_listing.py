"""Issue 13.7: a private page (one with a view restriction, or below one) is never named where content is
listed to visitors or members: the coalition index, the home page, the dashboard, knowledge articles, search
promotions, the knowledge feed and newsletters."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from coalitions.factories import ActivityPageFactory, CoalitionPageFactory
from knowledge.factories import article, knowledge_index
from newsletters.blocks import SelectedPagesBlock

from .conftest import make_contact

pytestmark = pytest.mark.django_db


def private(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def coalition(index):
    page = CoalitionPageFactory(parent=index, title="Rookvrij Utrecht", region="utrecht")
    ActivityPageFactory(parent=page, title="Openbare werkdag", start_date="2026-01-01")
    private(ActivityPageFactory(parent=page, title="Vertrouwelijk overleg", start_date="2026-05-01"))
    return page


def test_a_private_activity_is_not_the_latest_activity(client, coalition):
    html = client.get("/coalities/").content.decode()
    assert "Openbare werkdag" in html and "Vertrouwelijk overleg" not in html
    assert "Vertrouwelijk overleg" not in client.get(coalition.url).content.decode()


def test_a_private_activity_is_not_new_on_the_home_page(client, site_home, coalition):
    site_home.body = [("latest_items", {"heading": "Nieuw in het netwerk", "count": 5})]
    site_home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Nieuw in het netwerk" in html and "Openbare werkdag" in html
    assert "Vertrouwelijk overleg" not in html


def test_an_article_does_not_name_its_private_source_activity(client, coalition):
    activity = coalition.get_children().get(title="Vertrouwelijk overleg").specific
    page = article(knowledge_index(), "Geleerde lessen", source_coalition=coalition, source_activity=activity)
    html = client.get(page.url).content.decode()
    assert "Rookvrij Utrecht" in html and "Vertrouwelijk overleg" not in html
    feed = client.get("/kennis/feed/").content.decode()
    assert "Geleerde lessen" in feed and "Vertrouwelijk overleg" not in feed


def test_search_promotes_no_private_page(client, coalition):
    activity = coalition.get_children().get(title="Vertrouwelijk overleg").specific
    SearchPromotion.objects.create(query=Query.get("overleg"), page=activity, description="Alleen intern.")
    html = client.get("/zoeken/", {"q": "overleg"}).content.decode()
    assert "Vertrouwelijk overleg" not in html and "Alleen intern." not in html


def test_a_newsletter_does_not_list_a_page_made_private_since(coalition):
    pages = list(coalition.get_children().order_by("title"))
    items = SelectedPagesBlock().items({"heading": "Nieuws", "pages": pages})
    assert [i["title"] for i in items] == ["Openbare werkdag"]


def test_the_dashboard_suggests_no_private_coalition(client, index, coalition):
    user, participant = make_contact("partner")
    participant.region = "utrecht"
    participant.save()
    client.force_login(user)
    assert "Rookvrij Utrecht" in client.get("/mijn/").content.decode()
    private(coalition)
    assert "Rookvrij Utrecht" not in client.get("/mijn/").content.decode()
