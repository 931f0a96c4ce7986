import datetime
import os

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import ContentPage, HomePage, NetworkContactSettings
from network.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/", "/over-het-netwerk/", "/missie/", "/spelregels/", "/toegankelijkheid/"]
)
def test_public_pages_render_in_dutch_with_footer_contact(client, pages, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html and "Naar de inhoud" in html
    contact = NetworkContactSettings.for_site(Site.objects.get(is_default_site=True))
    assert contact.phone in html and contact.email in html


def test_footer_follows_the_site_settings(client, pages):
    contact = NetworkContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.phone, contact.email = "020 765 43 21", "hallo@example.org"
    contact.save()
    html = client.get("/").content.decode()
    assert "020 765 43 21" in html and "hallo@example.org" in html


def test_home_shows_mission_and_call_to_join(client, pages):
    html = client.get("/").content.decode()
    assert "niemand lijdt of overlijdt als gevolg van roken" in html
    assert 'href="/aanmelden/"' in html


def test_spelregels_shows_the_rules_in_force_with_their_version(client, pages):
    html = client.get("/spelregels/").content.decode()
    assert "De spelregels, versie 1" in html and "niet namens het netwerk" in html
    assert 'href="/spelregels/versies/"' in html


def test_unknown_page_gets_our_dutch_404(client, pages):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_sitemap_and_robots(client, pages):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/spelregels/" in sitemap and "/toegankelijkheid/" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap:" in robots


def test_error_templates_are_ours():
    from django.template.loader import get_template

    for name in ["400.html", "403.html", "404.html", "500.html", "registration/login.html"]:
        assert "templates" in get_template(name).origin.name
        assert "viewflow" not in get_template(name).origin.name


class TestPageTree(WagtailPageTestCase):
    def test_content_pages_live_under_home(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertAllowedParentPageTypes(HomePage, {Page})


def test_load_demo_twice_gives_the_same_counts(demo):
    """Every table holds as many rows after a second load_demo as after the first."""
    from django.apps import apps

    from network.models import Participant, RoleChange

    def counts():
        return {model._meta.label: model.objects.count() for model in apps.get_models()}

    first = counts()
    call_command("load_demo", stdout=open(os.devnull, "w"))
    second = counts()
    assert {k: (v, second[k]) for k, v in first.items() if second[k] != v} == {}
    assert Participant.objects.filter(role="kernpartner").count() == 7
    assert first["wagtailcore.Page"] > 60 and first["network.Participant"] >= 100
    # Members joined over two years, and their history says when, not all on the day of loading.
    joined = set(Participant.objects.values_list("joined_on", flat=True))
    assert len(joined) > 50 and min(joined) < datetime.date.today() - datetime.timedelta(days=365)
    first_steps = RoleChange.objects.filter(from_role="").values_list("changed_at__date", flat=True)
    assert len(set(first_steps)) > 50


def test_site_and_admin_stay_dutch_for_an_english_browser(client, pages):
    html = client.get("/bestaat-niet/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Pagina niet gevonden" in html
    admin = UserFactory(username="beheer", superuser=True)
    client.force_login(admin)
    dashboard = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Pagina's" in dashboard and "Awaiting your review" not in dashboard


def test_members_are_not_asked_to_join(client, pages):
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert "niemand lijdt of overlijdt als gevolg van roken" in html
    assert 'href="/aanmelden/"' not in html.split("<footer")[0]


def test_new_in_the_network_lists_items_not_overview_pages(client, pages):
    from coalitions.factories import ActivityPageFactory, CoalitionPageFactory
    from newsletters.factories import newsletter_tree

    home = HomePage.objects.get()
    _index, archive = newsletter_tree(home)
    coalition = CoalitionPageFactory(parent=ContentPage.objects.first(), title="Rookvrij Zwolle")
    ActivityPageFactory(parent=coalition, title="Rookvrij schoolplein")
    latest = [page.title for page in home.latest_pages(5)]
    assert sorted(latest[:2]) == ["Rookvrij Zwolle", "Rookvrij schoolplein"]  # published in the same second
    assert archive.title not in latest and "Nieuwsbrief" not in latest
