"""Build coalitions, activities and memberships for network tests, resolving the coalitions app lazily."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone
from wagtail.models import Page, Site


def at(day):
    """Noon on that day, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def coalition_models():
    try:
        return apps.get_model("coalitions.CoalitionIndexPage"), apps.get_model("coalitions.CoalitionPage")
    except LookupError:
        pytest.skip("coalitions app not installed yet")


def coalition_index():
    Index, _Coalition = coalition_models()
    index = Index.objects.first()
    if index is None:
        index = home_page().add_child(instance=Index(title="Coalities", slug="coalities"))
    return index


def make_coalition(title, themes=(), **fields):
    _Index, Coalition = coalition_models()
    fields.setdefault("kind", "thema")
    page = Coalition(title=title, goal="Samen rookvrij", contact_email="coalitie@example.org", **fields)
    coalition_index().add_child(instance=page)
    if themes:
        page.themes.add(*themes)
        page.save()
    return page


def add_member(coalition, participant, role="lid"):
    Membership = apps.get_model("coalitions.CoalitionMembership")
    return Membership.objects.create(page=coalition, participant=participant, role=role)


def add_activity(coalition, title, published_at):
    Activity = apps.get_model("coalitions.ActivityPage")
    activity = coalition.add_child(instance=Activity(title=title))
    Activity.objects.filter(pk=activity.pk).update(
        first_published_at=published_at, last_published_at=published_at
    )
    return activity


def has_model(label):
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def home_page():
    HomePage = apps.get_model("home.HomePage")
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Home", slug="home-test"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
        )
    return home


def make_event(title, start):
    """A network meeting (events app) on the given start datetime."""
    if not has_model("events.EventPage"):
        pytest.skip("events app not installed yet")
    Index, Event = apps.get_model("events.EventIndexPage"), apps.get_model("events.EventPage")
    index = Index.objects.first() or home_page().add_child(instance=Index(title="Agenda", slug="agenda"))
    return index.add_child(
        instance=Event(title=title, start=start, end=start + datetime.timedelta(hours=2), location="Utrecht")
    )
