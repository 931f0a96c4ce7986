"""What visitors see: the index with filters and pagination, articles, related articles, feeds and sitemap."""

import xml.etree.ElementTree as ET

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.factories import ActivityPageFactory, CoalitionPageFactory, coalition_index
from knowledge.factories import article, bulk_articles
from knowledge.models import ArticleType
from network.factories import ParticipantFactory
from network.models import Role
from nnr_site.pagecache import new_generation

pytestmark = pytest.mark.django_db


def lesson(situation, approach, learned):
    return (
        "lesson",
        {
            "situation": f"<p>{situation}</p>",
            "approach": f"<p>{approach}</p>",
            "learned": f"<p>{learned}</p>",
        },
    )


@pytest.fixture
def coalition(index):
    return CoalitionPageFactory(parent=coalition_index(), title="Rookvrij Sporten Utrecht")


def cards(response):
    return response.content.decode().count('class="card item-card article-card"')


def test_index_lists_published_articles_only(client, index):
    article(index, "Rookvrije schoolpleinen", tags=["onderwijs"])
    article(index, "Nog een concept", live=False)
    html = client.get("/kennis/").content.decode()
    assert "Rookvrije schoolpleinen" in html and "Nog een concept" not in html
    assert "1 artikel gevonden" in html
    assert client.get("/kennis/nog-een-concept/").status_code == 404


def test_index_is_in_the_main_menu(client, index):
    assert 'href="/kennis/"' in client.get("/").content.decode()


def test_article_shows_lesson_origin_and_related_articles(client, index, coalition):
    activity = ActivityPageFactory(parent=coalition, title="Rookvrije kantine")
    author = ParticipantFactory(name="Voetbalclub Oost", role=Role.SUPPORTER)
    page = article(
        index,
        "Zo werd onze kantine rookvrij",
        tags=["sport", "kantine"],
        author=author,
        source_activity=activity,
        article_type=ArticleType.LESSON,
        body=[
            lesson("Er werd gerookt bij de ingang.", "We verplaatsten de asbak.", "Kleine stappen werken.")
        ],
    )
    assert page.source_coalition == coalition  # filled in from the activity
    article(index, "Rookvrij sportpark", tags=["sport", "kantine"])
    article(index, "Rookvrije jeugdtraining", tags=["sport"])
    article(index, "Rookvrije school", tags=["onderwijs"])
    html = client.get("/kennis/zo-werd-onze-kantine-rookvrij/").content.decode()
    for text in [
        "Situatie",
        "Er werd gerookt bij de ingang.",
        "Wat we leerden",
        "Kleine stappen werken.",
        "Gedeeld door Voetbalclub Oost",
        "Rookvrij Sporten Utrecht",
        "Rookvrije kantine",
    ]:
        assert text in html
    related = html[html.index("Gerelateerde artikelen") :]
    assert related.index("Rookvrij sportpark") < related.index(
        "Rookvrije jeugdtraining"
    )  # most shared themes first
    assert "Rookvrije school" not in related


def test_activity_from_another_coalition_is_refused(index, coalition):
    other = CoalitionPageFactory(parent=coalition.get_parent(), title="Andere coalitie")
    activity = ActivityPageFactory(parent=other)
    with pytest.raises(Exception, match="andere coalitie"):
        article(index, "Verkeerde bron", source_coalition=coalition, source_activity=activity)


def test_filters_by_theme_type_and_coalition(client, index, coalition):
    article(index, "Sportles", tags=["sport"], article_type=ArticleType.LESSON, source_coalition=coalition)
    article(index, "Sportonderzoek", tags=["sport"], article_type=ArticleType.RESEARCH)
    article(index, "Schoolhandreiking", tags=["onderwijs"], article_type=ArticleType.GUIDE)

    def titles(**params):
        html = client.get("/kennis/", params).content.decode()
        return {t for t in ["Sportles", "Sportonderzoek", "Schoolhandreiking"] if f">{t}</a>" in html}

    assert titles() == {"Sportles", "Sportonderzoek", "Schoolhandreiking"}
    assert titles(thema="sport") == {"Sportles", "Sportonderzoek"}
    assert titles(thema="sport", soort="onderzoek") == {"Sportonderzoek"}
    assert titles(soort="handreiking") == {"Schoolhandreiking"}
    assert titles(coalitie=coalition.pk) == {"Sportles"}
    assert titles(q="Schoolhandreiking") == {"Schoolhandreiking"}
    assert titles(q="Sportonderzoek", thema="onderwijs") == set()


def test_unknown_filter_value_gets_a_dutch_error(client, index):
    article(index, "Iets", tags=["sport"])
    html = client.get("/kennis/", {"thema": "bestaat-niet"}).content.decode()
    assert "Selecteer een geldige keuze" in html


def test_index_paginates(client, index):
    bulk_articles(index, 30)
    first = client.get("/kennis/")
    assert cards(first) == 12 and "Pagina 1 van 3" in first.content.decode()
    last = client.get("/kennis/", {"pagina": 3, "thema": "sport"})
    assert cards(last) == 6 and "thema=sport&amp;pagina=2" in last.content.decode()
    assert cards(client.get("/kennis/", {"pagina": "999"})) == 6  # out of range shows the last page


def _queries(client, url):
    client.get(url)  # warm up: renditions, site root cache
    new_generation()  # measure rendering the page, not a page-cache hit
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_index_and_article_make_a_constant_number_of_queries(client, index, coalition):
    image = wagtail_factories.ImageFactory()
    author = ParticipantFactory(name="Auteur", role=Role.SUPPORTER)
    bulk_articles(index, 10, image=image, author=author, source_coalition=coalition)
    page = article(index, "Meetpunt", tags=["sport", "onderwijs"], image=image, author=author)
    urls = ["/kennis/", "/kennis/?thema=sport&soort=les", page.url]
    small = [_queries(client, url) for url in urls]
    bulk_articles(index, 290, image=image, author=author, source_coalition=coalition)
    large = [_queries(client, url) for url in urls]
    assert small == large, (small, large)
    assert cards(client.get("/kennis/")) == 12


def test_feed_lists_published_articles_only(client, index):
    article(index, "Eerste les", tags=["sport"], summary="Wat we leerden op het veld.")
    article(index, "Tweede les")
    article(index, "Geheim concept", live=False)
    response = client.get("/kennis/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = {item.findtext("title"): item for item in channel.findall("item")}
    assert set(items) == {"Eerste les", "Tweede les"}
    assert items["Eerste les"].findtext("link") == "http://testserver/kennis/eerste-les/"
    assert items["Eerste les"].findtext("description") == "Wat we leerden op het veld."
    assert items["Eerste les"].findtext("category") == "sport"

    atom = ET.fromstring(client.get("/kennis/feed/atom/").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert {e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)} == {
        "Eerste les",
        "Tweede les",
    }
    assert 'type="application/rss+xml"' in client.get("/kennis/").content.decode()


def test_articles_are_in_the_sitemap(client, index):
    article(index, "In de sitemap")
    article(index, "Niet in de sitemap", live=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/kennis/in-de-sitemap/" in sitemap and "niet-in-de-sitemap" not in sitemap
