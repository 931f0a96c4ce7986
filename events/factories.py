from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from home.factories import site_home

from .models import EventIndexPage, EventPage, Registration


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"
    show_in_menus = True

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Netwerkbijeenkomst {n}")
    slug = factory.Sequence(lambda n: f"bijeenkomst-{n}")
    start = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=3))
    location = "Jaarbeurs, Utrecht"
    capacity = 20

    class Meta:
        model = EventPage


class RegistrationFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"persoon{n}@example.org")

    class Meta:
        model = Registration


def event_index():
    """The agenda (/agenda/) below the site's home page: the one there is, or a new one."""
    return EventIndexPage.objects.first() or EventIndexPageFactory(parent=site_home())
