"""Factories for tests: `CoalitionPageFactory(parent=index)`, `ActivityPageFactory(parent=coalition)`."""

import factory
import wagtail_factories

from network.models import ContactPerson, Participant, Role

from .membership import add_member
from .models import (
    ActivityPage,
    CoalitionIndexPage,
    CoalitionKind,
    CoalitionMembership,
    CoalitionPage,
    MemberRole,
)


class CoalitionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Coalities"
    slug = "coalities"
    show_in_menus = True

    class Meta:
        model = CoalitionIndexPage


class CoalitionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Coalitie {n}")
    kind = CoalitionKind.THEME
    goal = factory.LazyAttribute(lambda o: f"Het doel van {o.title}.")
    contact_email = factory.Sequence(lambda n: f"coalitie{n}@example.org")

    class Meta:
        model = CoalitionPage


class ActivityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Activiteit {n}")
    status = ActivityPage.Status.RUNNING

    class Meta:
        model = ActivityPage


class ParticipantFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    role = Role.PARTNER

    class Meta:
        model = Participant


class ContactPersonFactory(factory.django.DjangoModelFactory):
    participant = factory.SubFactory(ParticipantFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")

    class Meta:
        model = ContactPerson


def add_membership(page, participant, role=MemberRole.MEMBER):
    """Add a member row and bring the editors group up to date (as publishing the page would)."""
    return add_member(page, participant, role)


__all__ = [
    "ActivityPageFactory",
    "CoalitionIndexPageFactory",
    "CoalitionMembership",
    "CoalitionPageFactory",
    "ContactPersonFactory",
    "ParticipantFactory",
    "add_membership",
]
