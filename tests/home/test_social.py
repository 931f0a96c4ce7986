"""Every page names itself for search engines and social previews (Open Graph)."""

import pytest

from coalitions.factories import CoalitionIndexPageFactory, CoalitionPageFactory

pytestmark = pytest.mark.django_db


def meta(html, prop):
    return html.split(f'property="{prop}" content="')[1].split('"')[0]


def test_a_coalition_page_previews_with_its_goal(client, site_home):
    index = CoalitionIndexPageFactory(parent=site_home)
    coalition = CoalitionPageFactory(parent=index, title="Rookvrij Twente", goal="Elke werkplek rookvrij.")
    html = client.get(coalition.url).content.decode()
    assert meta(html, "og:title") == "Rookvrij Twente"
    assert meta(html, "og:description") == "Elke werkplek rookvrij."
    assert meta(html, "og:url") == "http://testserver/coalities/rookvrij-twente/"
    assert meta(html, "og:image") == "http://testserver/static/img/social.png"
    assert meta(html, "og:type") == "article"
    assert '<meta name="description" content="Elke werkplek rookvrij.">' in html


def test_a_page_without_a_text_of_its_own_gets_the_network_line(client, site_home):
    html = client.get("/").content.decode()
    assert "niemand lijdt of overlijdt door roken" in meta(html, "og:description")
    assert meta(html, "og:type") == "website"
    assert 'rel="icon" href="/static/favicon.svg"' in html
