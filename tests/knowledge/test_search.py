"""Site search at /zoeken/ and search within /kennis/; Dutch stemming; search promotions."""

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
