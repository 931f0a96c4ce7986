import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from coalitions.factories import (
    CoalitionIndexPageFactory,
    CoalitionPageFactory,
    ContactPersonFactory,
    ParticipantFactory,
    add_membership,
)
from coalitions.models import MemberRole
from home.models import HomePage
from network.models import Role
from network.roles import ensure_groups


@pytest.fixture
def home(db):
    ensure_groups()
    # A transactional (browser) test that ran before flushes the root page, locale and site: recreate them.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = HomePage(title="Netwerk Nederland Rookvrij", slug="home-nnr")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


@pytest.fixture
def index(home):
    return CoalitionIndexPageFactory(parent=home)


def make_contact(username, role=Role.PARTNER, name=None):
    """A participant with one contact person who can log in with password 'pw'."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    participant = ParticipantFactory(name=name or f"Organisatie van {username}", role=role)
    ContactPersonFactory(participant=participant, user=user, email=user.email, name=f"Contact {username}")
    return user, participant


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
