"""Test data: `follow(contact, Kind.THEME, tag)`, `consenting(contact)` (the consent for these mails), and
`FollowSettingsFactory(contact=…, themes=Frequency.AT_ONCE)`."""

import factory

from .follows import give_consent, set_following
from .models import FollowSettings, Frequency


def follow(contact, kind, subject):
    set_following(contact, kind, subject, True)
    return contact


def consenting(contact):
    give_consent(contact)
    return contact


class FollowSettingsFactory(factory.django.DjangoModelFactory):
    coalitions = Frequency.WEEKLY
    themes = Frequency.WEEKLY
    regions = Frequency.WEEKLY

    class Meta:
        model = FollowSettings
        django_get_or_create = ["contact"]
