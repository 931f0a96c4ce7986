"""Factories for tests and the benchmark: the page tree under home, newsletters, subscribers (participants and
contact persons: network.factories)."""

import factory
import wagtail_factories
from django.urls import reverse
from django.utils import timezone

from home.factories import site_home

from .models import NewsletterArchivePage, NewsletterIndexPage, NewsletterPage, Segment, Subscriber


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

    # The audience as standard segments: supporters and public subscribers unless told otherwise (the office
    # chooses it on the send screen; tests and the benchmark by these flags), or audience=[segment, ...].
    to_supporters = True
    to_partners = False
    to_core_partners = False
    to_subscribers = True
    audience = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        flags = {key: kwargs.pop(flag) for key, _label, flag in Segment.STANDARD}
        audience = kwargs.pop("audience")
        page = super()._create(model_class, *args, **kwargs)
        if audience is None:
            audience = [Segment.standard(key) for key, on in flags.items() if on]
        page.segments.set(audience)
        return page


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
