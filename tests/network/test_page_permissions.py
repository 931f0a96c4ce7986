"""Role groups get their page permissions on a fresh installation, without hand work in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from events.factories import EventIndexPageFactory
from home.models import HomePage
from network.roles import OFFICE, PARTNERS, ensure_groups
from newsletters.factories import NewsletterIndexPageFactory
from tests.conftest import ensure_wagtail_tree

pytestmark = pytest.mark.django_db


def _user(username, group):
    ensure_groups()
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def _can_add_below(client, page):
    """Wagtail opens the add form (straight away when only one page type fits) or refuses to the dashboard."""
    response = client.get(f"/admin/pages/{page.pk}/add_subpage/", follow=True)
    return response.status_code == 200 and response.request["PATH_INFO"].startswith(
        (f"/admin/pages/{page.pk}/add_subpage/", "/admin/pages/add/")
    )


@pytest.fixture
def home():
    ensure_wagtail_tree()
    return Page.get_first_root_node().add_child(instance=HomePage(title="Netwerk", slug="netwerk"))


@pytest.mark.parametrize("factory", [EventIndexPageFactory, NewsletterIndexPageFactory])
def test_office_adds_and_publishes_below_a_new_agenda_or_newsletter(client, home, factory):
    index = factory(parent=home)
    client.force_login(_user("bureau", OFFICE))
    assert _can_add_below(client, index)
    assert client.get(f"/admin/pages/{index.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 302  # not the home page: refused

    client.force_login(_user("partner", PARTNERS))
    assert not _can_add_below(client, index)


def test_permissions_come_back_after_the_groups_are_rebuilt(client, home):
    index = EventIndexPageFactory(parent=home)
    Group.objects.filter(name=OFFICE).delete()
    client.force_login(_user("bureau", OFFICE))  # ensure_groups (as after migrate) recreates the group
    assert client.get(f"/admin/pages/{index.pk}/edit/").status_code == 200
