"""Role groups get their page permissions on a fresh installation, without hand work in the admin."""

import pytest
from django.contrib.auth.models import Group

from events.factories import EventIndexPageFactory
from network.factories import OfficeUserFactory, UserFactory
from network.roles import OFFICE, PARTNERS, ensure_groups
from newsletters.factories import NewsletterIndexPageFactory

pytestmark = pytest.mark.django_db


def _can_add_below(client, page):
    """Wagtail opens the add form (straight away when only one page type fits) or refuses to the dashboard."""
    response = client.get(f"/admin/pages/{page.pk}/add_subpage/", follow=True)
    return response.status_code == 200 and response.request["PATH_INFO"].startswith(
        (f"/admin/pages/{page.pk}/add_subpage/", "/admin/pages/add/")
    )


@pytest.mark.parametrize("factory", [EventIndexPageFactory, NewsletterIndexPageFactory])
def test_office_adds_and_publishes_below_a_new_agenda_or_newsletter(client, site_home, factory):
    index = factory(parent=site_home)
    client.force_login(OfficeUserFactory(username="bureau"))
    assert _can_add_below(client, index)
    assert client.get(f"/admin/pages/{index.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{site_home.pk}/edit/").status_code == 302  # not the home page: refused

    client.force_login(UserFactory(username="partner", groups=[PARTNERS]))
    assert not _can_add_below(client, index)


def test_permissions_come_back_after_the_groups_are_rebuilt(client, site_home):
    index = EventIndexPageFactory(parent=site_home)
    Group.objects.filter(name=OFFICE).delete()
    ensure_groups()  # as after migrate: the group comes back
    client.force_login(OfficeUserFactory(username="bureau"))
    assert client.get(f"/admin/pages/{index.pk}/edit/").status_code == 200
