"""Site search at /zoeken/ and search within /kennis/; Dutch stemming; search promotions."""

import re

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from home.models import ContentPage
from knowledge.factories import article

pytestmark = pytest.mark.django_db


def test_site_search_finds_articles_and_other_pages(client, index, site_home):
    article(index, "Rookvrije speeltuinen", summary="Gemeenten maken speeltuinen rookvrij.")
    article(index, "Concept over speeltuinen", live=False)
    page = ContentPage(
        title="Speeltuinen en spelregels", slug="speeltuin-regels", introduction="Over speeltuinen."
    )
    site_home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/zoeken/", {"q": "speeltuinen"}).content.decode()
    assert "Rookvrije speeltuinen" in html and "Speeltuinen en spelregels" in html
    assert "Concept over speeltuinen" not in html
    assert "2 resultaten voor ‘speeltuinen’" in html


def test_site_search_paginates_and_handles_empty_queries(client, index):
    for n in range(12):
        article(index, f"Zwembad {n}", summary="Rookvrij zwembad.")
    first = client.get("/zoeken/", {"q": "zwembad"}).content.decode()
    assert first.count("<li>\n            <h3>") == 10 and "Pagina 1 van 2" in first
    second = client.get("/zoeken/", {"q": "zwembad", "pagina": 2}).content.decode()
    assert second.count("<li>\n            <h3>") == 2
    assert client.get("/zoeken/").status_code == 200
    assert "Niets gevonden" in client.get("/zoeken/", {"q": "xyzzyqwerty"}).content.decode()
    # A double quote made SQLite's full-text search (the embedded default) fail: found by hypothesis.
    assert client.get("/zoeken/", {"q": '"zwembad'}).status_code == 200


def test_office_promotions_show_first(client, index, office_user):
    promoted = article(index, "Handreiking stoppen met roken", summary="Voor werkgevers.")
    SearchPromotion.objects.create(
        query=Query.get("stoppen"), page=promoted, description="De handreiking van het netwerkbureau."
    )
    html = client.get("/zoeken/", {"q": "stoppen"}).content.decode()
    assert "Aanbevolen door het netwerkbureau" in html and "De handreiking van het netwerkbureau." in html
    assert html.index("Aanbevolen door het netwerkbureau") < html.index("Resultaten")
    client.force_login(office_user)
    assert client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    assert client.get(reverse("wagtailsearchpromotions:add")).status_code == 200


def test_partners_cannot_manage_promotions(client, partner_user):
    client.force_login(partner_user)
    assert client.get(reverse("wagtailsearchpromotions:index")).status_code in (302, 403)


def test_dutch_stemming(client, index):
    """Both databases stem Dutch (PostgreSQL's dutch configuration; on SQLite nnr_site/dutch_search.py): a plural
    finds the singular, an inflected word its base form."""
    article(index, "Rookvrij sporten", summary="Hoe een sportvereniging rookvrij wordt.")
    article(index, "Rookvrije school", summary="Een school zonder rook.")
    for url in ["/zoeken/", "/kennis/"]:
        html = client.get(url, {"q": "sportverenigingen"}).content.decode()
        assert ">Rookvrij sporten</a>" in html, url
        assert "Rookvrije school" not in html
    html = client.get("/zoeken/", {"q": "scholen rookvrije"}).content.decode()
    assert ">Rookvrije school</a>" in html and "1 resultaat voor ‘scholen rookvrije’" in html


def test_typo_gets_a_suggestion_that_finds_results(client, index):
    article(index, "Rookvrije speeltuinen", summary="Gemeenten maken speeltuinen rookvrij.")
    html = client.get("/zoeken/", {"q": "rookvrje speeltuinen"}).content.decode()
    assert "0 resultaten" in html
    link = re.search(r'Bedoelde u: <a href="([^"]+)">([^<]+)</a>\?', html)
    assert link and link[2].startswith("rookvrij") and link[2].endswith(" speeltuinen")
    found = client.get(link[1].replace("&amp;", "&")).content.decode()
    assert ">Rookvrije speeltuinen</a>" in found and "Bedoelde u" not in found
    # A plural of a word on the site is no typo; a word like nothing on the site gets no suggestion.
    assert "Bedoelde u" not in client.get("/zoeken/", {"q": "speeltuin"}).content.decode()
    assert "Bedoelde u" not in client.get("/zoeken/", {"q": "xyzzyqwerty"}).content.decode()


def test_empty_and_fruitless_searches_say_what_to_try(client, index):
    for params in [{}, {"q": "xyzzyqwerty"}]:
        html = client.get("/zoeken/", params).content.decode()
        assert f'<a href="{index.url}">{index.title}</a>' in html, params
        assert client.get(index.url).status_code == 200
    assert "Niets gevonden. Wat u kunt proberen" in html and "Gebruik minder woorden" in html


def test_the_knowledge_base_suggests_a_correction_when_its_search_finds_nothing(client, index):
    article(index, "Rookvrije speeltuinen", summary="Gemeenten maken speeltuinen rookvrij.", tags=["jeugd"])
    html = client.get(index.url, {"q": "speeltiunen", "thema": "jeugd"}).content.decode()
    assert "0 artikelen gevonden" in html
    link = re.search(r'Bedoelde u: <a href="([^"]+)">([^<]+)</a>\?', html)
    assert link and link[2] == "speeltuinen"
    url = link[1].replace("&amp;", "&")
    assert url.startswith(index.url) and "thema=jeugd" in url  # the other filters are kept
    found = client.get(url).content.decode()
    assert "Rookvrije speeltuinen" in found and "Bedoelde u" not in found
    # Found something, or a word like nothing on the site: no suggestion.
    assert "Bedoelde u" not in client.get(index.url, {"q": "speeltuin"}).content.decode()
    assert "Bedoelde u" not in client.get(index.url, {"q": "xyzzyqwerty"}).content.decode()
