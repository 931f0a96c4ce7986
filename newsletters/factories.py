"""Factories for tests and the benchmark: the page tree under home, newsletters, subscribers (participants and
contact persons: network.factories)."""

import factory
import wagtail_factories
from django.urls import reverse
from django.utils import timezone

from home.factories import site_home

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


def newsletter_tree(home=None):
    """(index, archive) under the home page (the site root), creating them when absent."""
    home = home or site_home()
    index = NewsletterIndexPage.objects.first() or NewsletterIndexPageFactory(parent=home)
    archive = NewsletterArchivePage.objects.first() or NewsletterArchivePageFactory(parent=index)
    return index, archive


def signup_url(tree):
    """Where the sign-up form on the `newsletter_tree()`'s /nieuwsbrief/ posts."""
    index, _archive = tree
    return reverse("newsletters:signup", args=[index.pk])
