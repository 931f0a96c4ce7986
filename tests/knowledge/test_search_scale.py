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
    monkeypatch.setattr(site_search, "MAX_RESULTS", 12)
    indexed_articles(index, 20, "Rookvrij zwembad")  # the title matches
    indexed_articles(index, 20, "Sportclub", summary="Over een rookvrij terrein.")
    html = client.get("/zoeken/", {"q": "rookvrij"}).content.decode()
    assert "Meer dan 12 resultaten voor ‘rookvrij’" in html and "Pagina 1 van 2" in html
    assert all(title.startswith("Rookvrij zwembad") for title in titles(html))
    last = client.get("/zoeken/", {"q": "rookvrij", "pagina": 2}).content.decode()
    assert len(titles(last)) == 2 and all(t.startswith("Rookvrij zwembad") for t in titles(last))
    assert "Meer dan" not in client.get("/zoeken/", {"q": "sportclub"}).content.decode()  # 20 found


def count(client, url):
    new_generation()  # measure rendering the page, not a page-cache hit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_of_a_participants_search_does_not_grow(client, index, partner_user, monkeypatch):
    monkeypatch.setattr(site_search, "MAX_RESULTS", 15)
    client.force_login(partner_user)
    indexed_articles(index, 12, "Rookvrij plein", summary="Een school zonder rook.")
    urls = ["/zoeken/?q=rookvrij", "/zoeken/?q=school+rookvrij&pagina=2", "/zoeken/?q=xyzzyqwerty"]
    count(client, urls[0])  # warm caches (site root paths, content types, the vocabulary)
    count(client, urls[2])
    small = [count(client, url) for url in urls]
    indexed_articles(index, 60, "Rookvrije school", summary="Een school zonder rook.")
    large = [count(client, url) for url in urls]
    if small != large or max(large) > 15:
        new_generation()
        with CaptureQueriesContext(connection) as queries:
            client.get(urls[0])
        print("\n".join(q["sql"][:250] for q in queries.captured_queries))
    assert small == large and max(large) <= 15, (small, large)
    assert "Meer dan 15 resultaten" in client.get(urls[0]).content.decode()


def test_without_fts5_sqlite_falls_back_to_words_as_typed(client, index, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    monkeypatch.setattr(nnr_site.dutch_search, "_fts5", lambda: False)
    assert type(get_search_backend()).__name__ == "FallbackSearchBackend"
    article(index, "Rookvrije sportclub", summary="Over een school.")
    article(index, "Rookvrije school", summary="Over een plein.")
    found = titles(client.get("/zoeken/", {"q": "school"}).content.decode())
    assert found == ["Rookvrije school", "Rookvrije sportclub"]


def test_postgres_ranks_at_most_twice_the_limit_from_an_index(index, require_postgres):
    indexed_articles(index, 80, "Rookvrije school", summary="Een school zonder rook.")
    pages = Page.objects.live().public()
    results = best_matches(pages.specific(), "scholen", 10)
    assert results.count() == 10 and results.more
    assert [p.title for p in results[:3]] and results.query_compiler.ranked <= 22
    compiler = results.query_compiler
    for title_only in (True, False):
        matching = compiler.matching("dutch", title_only).order_by()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: show that the index can serve
            plan = matching.explain()
        index_name = "wagtailsear_title_9caae0_gin" if title_only else "nnr_search_title_body_gin"
        assert index_name in plan, plan
