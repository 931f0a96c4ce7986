"""The page cache (nnr_site/pagecache.py): anonymous visitors share stored pages, which change as soon as an
editor publishes; logged-in users, previews, forms and errors are never served from it."""

import os
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from wagtail.models import Page, Site

from coalitions.factories import CoalitionPageFactory, coalition_index
from home.models import ContentPage, NetworkContactSettings
from network.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return UserFactory(username="redacteur", superuser=True)


def missie():
    return ContentPage.objects.get(slug="missie")


def publish_title(page, title):
    page.title = title
    page.save_revision().publish()


def test_anonymous_visitors_get_the_stored_page_without_queries(client, pages, django_assert_num_queries):
    first = client.get("/missie/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/missie/")
    assert second.status_code == 200 and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Frame-Options"] == "DENY"


def test_publishing_shows_at_once(client, pages):
    client.get("/missie/")
    publish_title(missie(), "Onze nieuwe missie")
    html = client.get("/missie/").content.decode()
    assert "Onze nieuwe missie" in html
    assert "Onze nieuwe missie" in client.get("/").content.decode()  # the menu on every page too


def test_a_saved_draft_changes_nothing_until_it_is_published(client, pages):
    client.get("/missie/")
    page = missie()
    page.title = "Concepttitel"
    page.save_revision()
    response = client.get("/missie/")
    assert "Concepttitel" not in response.content.decode()


def test_unpublishing_moving_and_deleting_show_at_once(client, pages):
    assert client.get("/missie/").status_code == 200
    missie().unpublish()
    assert client.get("/missie/").status_code == 404
    missie().save_revision().publish()

    assert client.get("/spelregels/").status_code == 200
    over = ContentPage.objects.get(slug="over-het-netwerk")
    ContentPage.objects.get(slug="spelregels").move(over, pos="last-child")
    assert client.get("/spelregels/")["Location"] == "/over-het-netwerk/spelregels/"  # Wagtail's redirect
    assert client.get("/over-het-netwerk/spelregels/").status_code == 200

    assert client.get("/toegankelijkheid/").status_code == 200
    ContentPage.objects.get(slug="toegankelijkheid").delete()
    assert client.get("/toegankelijkheid/").status_code == 404


def test_changed_site_settings_show_at_once(client, pages):
    client.get("/missie/")
    contact = NetworkContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.phone = "020 765 43 21"
    contact.save()
    assert "020 765 43 21" in client.get("/missie/").content.decode()


def test_logged_in_editor_never_gets_the_stored_page(client, pages, editor):
    client.get("/missie/")
    assert client.get("/missie/")["X-Page-Cache"] == "hit"
    client.force_login(editor)
    response = client.get("/missie/")
    html = response.content.decode()
    assert "X-Page-Cache" not in response
    assert "wagtail-userbar" in html and "Uitloggen" in html
    client.logout()
    assert "Uitloggen" not in client.get("/missie/").content.decode()


def test_draft_preview_is_for_the_editor_only(client, pages, editor):
    page = missie()
    page.title = "Nog geheime missie"
    page.save_revision()
    redacteur = Client()
    redacteur.force_login(editor)
    assert redacteur.get("/admin/").status_code == 200
    client.get("/missie/")
    draft = redacteur.get(f"/admin/pages/{page.pk}/view_draft/")
    assert "Nog geheime missie" in draft.content.decode()
    # Wagtail renders previews through the middleware with a dummy request for the page's own URL, here one
    # without any cookie
    client.get("/missie/", HTTP_HOST=urlsplit(page.full_url).netloc)
    preview = page.get_latest_revision_as_object().make_preview_request()
    assert "Nog geheime missie" in preview.content.decode()
    again = client.get("/missie/")
    assert again["X-Page-Cache"] == "hit" and "Nog geheime missie" not in again.content.decode()


def test_a_page_with_a_form_is_not_stored_and_posts_fine(pages):
    browser = Client(enforce_csrf_checks=True)
    for _ in range(2):  # the second time with the CSRF cookie: still rendered, as its token is in the form
        response = browser.get("/aanmelden/")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]
    posted = browser.post("/aanmelden/", {"csrfmiddlewaretoken": token})
    assert posted.status_code == 400 and "X-Page-Cache" not in posted
    assert 'class="error"' in posted.content.decode()  # the form's own errors, not a CSRF refusal (403)


def test_errors_and_redirects_are_not_stored(client, pages):
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/bestaat-niet/")
        assert "X-Page-Cache" not in client.get("/missie")  # redirected to /missie/


def test_stored_coalition_page_needs_no_nonce(client, pages):
    coalition = CoalitionPageFactory(parent=coalition_index(), title="Groene coalitie", colour="#005a46")
    client.get(coalition.url)
    response = client.get(coalition.url)
    assert response["X-Page-Cache"] == "hit"
    policy = response["Content-Security-Policy"]
    assert "nonce" not in policy and "style-src 'self'" in policy
    html = response.content.decode()
    assert "<style" not in html and 'data-colour="#005a46"' in html
    assert "coalitions/colours.js" in html


def test_search_results_are_shared_per_query_and_follow_publishing(client, pages):
    assert client.get("/zoeken/?q=missie")["X-Page-Cache"] == "miss"
    assert client.get("/zoeken/?q=missie")["X-Page-Cache"] == "hit"
    assert client.get("/zoeken/?q=spelregels")["X-Page-Cache"] == "miss"
    assert "Rookvrije schoolpleinen" not in client.get("/zoeken/?q=schoolpleinen").content.decode()
    home = Page.objects.get(depth=2, slug="home-nnr")
    home.add_child(instance=ContentPage(title="Rookvrije schoolpleinen", slug="schoolpleinen"))
    assert "Rookvrije schoolpleinen" in client.get("/zoeken/?q=schoolpleinen").content.decode()


def test_a_scheduled_publication_shows_as_soon_as_it_goes_live(client, pages):
    """`publish_scheduled` (run by cron or beat, not by a web process) starts a new generation too."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    client.get("/missie/")
    page = missie()
    page.title = "Gepland nieuws"
    page.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled", stdout=open(os.devnull, "w"))
    assert "Gepland nieuws" in client.get("/missie/").content.decode()
