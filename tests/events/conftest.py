import pytest

from events.factories import EventIndexPageFactory, EventPageFactory
from network.factories import ContactUserFactory
from network.models import Role


@pytest.fixture
def agenda(site_home):
    """The agenda (/agenda/) below the site's home page."""
    return EventIndexPageFactory(parent=site_home)


@pytest.fixture
def event(agenda):
    return EventPageFactory(parent=agenda, title="Netwerkdag", capacity=2)


@pytest.fixture
def make_event(agenda):
    return lambda **kwargs: EventPageFactory(parent=agenda, **kwargs)


def make_contact(username, role=Role.PARTNER, org=None):
    """The contact person "<Username> Jansen" of a participant, with a user who logs in with password "pw"."""
    user = ContactUserFactory(
        username=username,
        role=role,
        contact__name=f"{username.capitalize()} Jansen",
        contact__participant__name=org or f"Organisatie {username}",
    )
    return user.contact_person
