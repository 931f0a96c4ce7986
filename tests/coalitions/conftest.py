import pytest

from coalitions.factories import (
    CoalitionIndexPageFactory,
    CoalitionPageFactory,
    add_membership,
)
from coalitions.models import MemberRole
from network.factories import ContactUserFactory
from network.models import Role


@pytest.fixture
def index(site_home):
    return CoalitionIndexPageFactory(parent=site_home)


def make_contact(username, role=Role.PARTNER, name=None):
    """A participant with one contact person who can log in with password 'pw'."""
    user = ContactUserFactory(
        username=username, role=role, contact__participant__name=name or f"Organisatie van {username}"
    )
    return user, user.contact_person.participant


@pytest.fixture
def two_coalitions(index):
    """Coalition A with trekker `trekker_a`, coalition B with trekker `trekker_b`; each has one activity."""
    from coalitions.factories import ActivityPageFactory

    user_a, part_a = make_contact("trekker_a")
    user_b, part_b = make_contact("trekker_b")
    a = CoalitionPageFactory(parent=index, title="Coalitie A", slug="coalitie-a")
    b = CoalitionPageFactory(parent=index, title="Coalitie B", slug="coalitie-b")
    add_membership(a, part_a, MemberRole.TREKKER)
    add_membership(b, part_b, MemberRole.TREKKER)
    activity_a = ActivityPageFactory(parent=a, title="Activiteit A", slug="activiteit-a")
    activity_b = ActivityPageFactory(parent=b, title="Activiteit B", slug="activiteit-b")
    for page in (a, b, activity_a, activity_b):
        page.save_revision().publish()
    return {
        "a": a,
        "b": b,
        "user_a": user_a,
        "user_b": user_b,
        "part_a": part_a,
        "part_b": part_b,
        "activity_a": activity_a,
        "activity_b": activity_b,
    }
