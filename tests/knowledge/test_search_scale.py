"""The site search's order and bounded cost (nnr_site/dutch_search/): title matches first, at most
MAX_RESULTS results with "Meer dan … resultaten", the same number of queries at two sizes, and on PostgreSQL
candidates from an index, never more than twice the limit ranked."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import nnr_site.dutch_search
from knowledge import search as site_search
from knowledge.factories import article, bulk_articles
from knowledge.models import KnowledgeArticlePage
from nnr_site.dutch_search import best_matches
from nnr_site.pagecache import new_generation

pytestmark = pytest.mark.django_db


def indexed_articles(index, count, prefix, summary=None):
    """Many published articles in the search index, without a revision and a save each."""
    bulk_articles(index, count, prefix=prefix)
    pages = KnowledgeArticlePage.objects.filter(title__startswith=f"{prefix} ")
    if summary:
        pages.update(summary=summary)
    get_search_backend().add_bulk(KnowledgeArticlePage, list(pages))


def titles(html):
    return [line.split(">")[2].split("<")[0] for line in html.splitlines() if "<h3><a href=" in line]


def test_title_matches_come_first_and_plurals_find_the_singular(client, index):
    article(index, "Werkgevers en rook", summary="Een school, nog een school, een school: school en scholen.")
    article(index, "Rookvrije school", summary="Over een plein zonder rook.")
    article(index, "Nieuwe schoolpleinen", summary="Geen treffer voor het woord school.")
    for query in ["school", "scholen"]:
        found = titles(client.get("/zoeken/", {"q": query}).content.decode())
        assert found[0] == "Rookvrije school", (query, found)
        assert "Werkgevers en rook" in found


def test_more_matches_than_shown_say_so(client, index, monkeypatch):
    monkeypatch.setattr(site_search, "MAX_RESULTS", 25)
    indexed_articles(index, 20, "Rookvrij zwembad")  # the title matches
    indexed_articles(index, 20, "Sportclub", summary="Over een rookvrij terrein.")
    html = client.get("/zoeken/", {"q": "rookvrij"}).content.decode()
    assert "Meer dan 25 resultaten voor ‘rookvrij’" in html and "Pagina 1 van 3" in html
    assert len(titles(html)) == 10 and all(title.startswith("Rookvrij zwembad") for title in titles(html))
    last = titles(client.get("/zoeken/", {"q": "rookvrij", "pagina": 3}).content.decode())
    assert last[0] == "Netwerk Nederland Rookvrij"  # the home page's title matches too
    assert len(last) == 5 and all(title.startswith("Sportclub") for title in last[1:])
    html = client.get("/zoeken/", {"q": "sportclub"}).content.decode()
    assert "20 resultaten voor ‘sportclub’" in html and "Meer dan" not in html


def count(client, url):
    new_generation()  # measure rendering the page, not a page-cache hit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_of_a_participants_search_does_not_grow(client, index, partner_user, monkeypatch):
    """The same number of queries below and above the limit. The search's own share (the difference with the
    empty search page, which renders the same template for the same user) is at most 12: the members' hook
    (3, conversations), the public pages (1), the candidates (1 on PostgreSQL, 2 on SQLite), the promotions
    (1), the ranked page and its specific rows (2), and without Redis the search-term count (3). The rest
    (session, user, contact, site, menu, userbar, settings: 11) is every logged-in page's."""
    monkeypatch.setattr(site_search, "MAX_RESULTS", 15)
    client.force_login(partner_user)
    indexed_articles(index, 12, "Plein", summary="Een rookvrije school.")
    urls = ["/zoeken/?q=school", "/zoeken/?q=school+rookvrij&pagina=2", "/zoeken/?q=xyzzyqwerty"]
    count(client, urls[0])  # warm caches (site root paths, content types, the vocabulary)
    count(client, urls[2])
    small = [count(client, url) for url in urls]
    indexed_articles(index, 60, "Rookvrije school", summary="Een school zonder rook.")
    large = [count(client, url) for url in urls]
    assert small == large, (small, large)
    assert "Meer dan 15 resultaten" in client.get(urls[0]).content.decode()
    assert max(large) - count(client, "/zoeken/") <= 12, large


def test_without_fts5_sqlite_falls_back_to_words_as_typed(client, index, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    monkeypatch.setattr(nnr_site.dutch_search, "_fts5", lambda: False)
    assert type(get_search_backend()).__name__ == "FallbackSearchBackend"
    article(index, "Rookvrije sportclub", summary="Over een school.")
    article(index, "Rookvrije school", summary="Over een plein.")
    # Wagtail's substring search looks in the fields of the model searched (Page: the title) only.
    assert titles(client.get("/zoeken/", {"q": "school"}).content.decode()) == ["Rookvrije school"]
    assert "0 resultaten" in client.get("/zoeken/", {"q": "scholen"}).content.decode()


def test_postgres_ranks_at_most_twice_the_limit_from_an_index(index, require_postgres):
    indexed_articles(index, 80, "Rookvrije school", summary="Een school zonder rook.")
    pages = Page.objects.live().public()
    results = best_matches(pages.specific(), "scholen", 10)
    assert results.count() == 10 and results.more
    assert [p.title for p in results[:3]] and results.query_compiler.ranked <= 22
    compiler = results.query_compiler
    for title_only in (True, False):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: show that the index can serve
            plan = compiler.entries("dutch", title_only).explain()
        index_name = "wagtailsear_title_9caae0_gin" if title_only else "nnr_search_title_body_gin"
        assert index_name in plan, plan
