"""Factories for tests: `CoalitionPageFactory(parent=coalition_index(), themes=["sport"])`,
`ActivityPageFactory(parent=coalition, published_at=when)`, `CoalitionMembershipFactory(page=, participant=)`."""

import factory
import wagtail_factories

from home.factories import site_home
from network.factories import ParticipantFactory

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
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(page, create, extracted, **kwargs):
        if create and extracted:
            page.themes.add(*extracted)
            page.save()


class ActivityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Activiteit {n}")
    status = ActivityPage.Status.RUNNING

    class Meta:
        model = ActivityPage
        skip_postgeneration_save = True

    @factory.post_generation
    def published_at(page, create, extracted, **kwargs):
        """`published_at=when` dates the activity as if it had been published then."""
        if create and extracted:
            ActivityPage.objects.filter(pk=page.pk).update(
                first_published_at=extracted, last_published_at=extracted
            )
            page.first_published_at = page.last_published_at = extracted


class CoalitionMembershipFactory(factory.django.DjangoModelFactory):
    """A member row as stored; `add_membership` also brings the coalition's editors group up to date."""

    page = factory.SubFactory(CoalitionPageFactory, parent=factory.LazyFunction(lambda: coalition_index()))
    participant = factory.SubFactory(ParticipantFactory)
    role = MemberRole.MEMBER

    class Meta:
        model = CoalitionMembership


def coalition_index():
    """/coalities/ below the site's home page: the one there is, or a new one."""
    return CoalitionIndexPage.objects.first() or CoalitionIndexPageFactory(parent=site_home())


def add_membership(page, participant, role=MemberRole.MEMBER):
    """Add a member row and bring the editors group up to date (as publishing the page would)."""
    return add_member(page, participant, role)


__all__ = [
    "ActivityPageFactory",
    "CoalitionIndexPageFactory",
    "CoalitionMembership",
    "CoalitionMembershipFactory",
    "CoalitionPageFactory",
    "add_membership",
    "coalition_index",
]
