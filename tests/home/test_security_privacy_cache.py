"""Issue 13.6: making a page (or a collection) private starts a new page-cache generation, so the stored
public copy, and the listings naming the page, stop being served to anonymous visitors at once."""

import pytest
from django.test import Client
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import ContentPage
from network.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    browser = Client()
    browser.force_login(UserFactory(username="redacteur", superuser=True))
    return browser


def set_privacy(office, page, restriction_type):
    response = office.post(f"/admin/pages/{page.pk}/privacy/", {"restriction_type": restriction_type})
    assert response.status_code == 200 and '"step": "set_privacy_done"' in response.content.decode()


def test_setting_privacy_in_the_admin_ends_the_public_copy(client, pages, office):
    assert client.get("/missie/")["X-Page-Cache"] == "miss"
    assert client.get("/missie/")["X-Page-Cache"] == "hit"
    page = ContentPage.objects.get(slug="missie")
    set_privacy(office, page, PageViewRestriction.LOGIN)
    response = client.get("/missie/")
    assert response.status_code == 302 and "/login/?next=/missie/" in response["Location"]
    set_privacy(office, page, PageViewRestriction.NONE)
    assert client.get("/missie/").status_code == 200


def test_a_private_page_leaves_the_stored_listings(client, pages):
    """The menu on every page lists the public pages in it: a page made private leaves it at once."""
    assert 'href="/missie/"' in client.get("/spelregels/").content.decode()
    assert client.get("/spelregels/")["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(
        page=ContentPage.objects.get(slug="missie"), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/spelregels/")
    assert response["X-Page-Cache"] == "miss" and 'href="/missie/"' not in response.content.decode()


def test_a_collection_made_private_starts_a_new_generation(client, pages):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    client.get("/missie/")
    assert client.get("/missie/")["X-Page-Cache"] == "hit"
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert client.get("/missie/")["X-Page-Cache"] == "miss"
    assert client.get("/missie/")["X-Page-Cache"] == "hit"
    restriction.delete()
    assert client.get("/missie/")["X-Page-Cache"] == "miss"
