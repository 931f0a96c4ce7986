import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from events.factories import EventIndexPageFactory, EventPageFactory
from home.models import HomePage
from network.models import ContactPerson, Participant, Role
from network.roles import OFFICE, ensure_groups
from tests.conftest import ensure_wagtail_tree


@pytest.fixture
def agenda(db):
    """A site whose root is the home page, with the agenda (/agenda/) below it."""
    # After a transactional test's flush even the tree root and the default site are gone.
    ensure_wagtail_tree()
    root = Page.get_first_root_node()
    home = HomePage(title="Netwerk Nederland Rookvrij", slug="home-nnr")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def event(agenda):
    return EventPageFactory(parent=agenda, title="Netwerkdag", capacity=2)


@pytest.fixture
def make_event(agenda):
    return lambda **kwargs: EventPageFactory(parent=agenda, **kwargs)


def make_contact(username, role=Role.PARTNER, org=None):
    ensure_groups()
    participant = Participant.objects.create(name=org or f"Organisatie {username}", role=role)
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    return ContactPerson.objects.create(
        participant=participant,
        name=f"{username.capitalize()} Jansen",
        email=f"{username}@example.org",
        user=user,
    )


@pytest.fixture
def office_user(db):
    ensure_groups()
    user = get_user_model().objects.create_user("bureau", "bureau@example.org", "pw")
    user.groups.add(Group.objects.get(name=OFFICE))
    return user
