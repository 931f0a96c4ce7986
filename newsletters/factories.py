"""Factories for tests and the benchmark: the page tree under home, newsletters, subscribers, participants."""

import factory
import wagtail_factories
from django.utils import timezone

from network.models import ContactPerson, Participant, Role

from .models import NewsletterArchivePage, NewsletterIndexPage, NewsletterPage, Subscriber


class NewsletterIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nieuwsbrief"
    slug = "nieuwsbrief"

    class Meta:
        model = NewsletterIndexPage


class NewsletterArchivePageFactory(wagtail_factories.PageFactory):
    title = "Archief"
    slug = "archief"

    class Meta:
        model = NewsletterArchivePage


class NewsletterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nieuwsbrief {n}")
    body = factory.LazyFunction(
        lambda: [
            ("heading", "Nieuws uit het netwerk"),
            ("paragraph", "<p>Beste lezer, dit is ons nieuws.</p>"),
        ]
    )

    class Meta:
        model = NewsletterPage


class SubscriberFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"abonnee{n}@example.org")
    is_public = True
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Subscriber


class ParticipantFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    role = Role.SUPPORTER

    class Meta:
        model = Participant


class ContactPersonFactory(factory.django.DjangoModelFactory):
    participant = factory.SubFactory(ParticipantFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")

    class Meta:
        model = ContactPerson


def newsletter_tree(home=None):
    """(index, archive) under the home page (the site root), creating them when absent."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    if home is None:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:  # a transactional test emptied the tables the migrations had filled
            Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
            root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
            home = root.add_child(instance=Page(title="Home", slug="home"))
            site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        home = site.root_page
    index = NewsletterIndexPage.objects.first() or NewsletterIndexPageFactory(parent=home)
    archive = NewsletterArchivePage.objects.first() or NewsletterArchivePageFactory(parent=index)
    return index, archive
