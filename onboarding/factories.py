"""Factories for tests: `published_texts()` makes sure version 1 of every signed text is there (a transactional
test flushes what the migration made); `DeclarationTextFactory(kind=…, text=…)` is a draft, `.publish(user)`
numbers it."""

import factory
from django.utils import timezone

from .migrations._first_texts import create_first_versions
from .models import DeclarationText


def published_texts():
    create_first_versions(DeclarationText, timezone.now())
    return {kind: DeclarationText.current(kind) for kind in DeclarationText.Kind}


class DeclarationTextFactory(factory.django.DjangoModelFactory):
    kind = DeclarationText.Kind.RULES
    title = "Spelregels"
    text = factory.Sequence(lambda n: f"Regel {n}.")
    change_note = "Een regel erbij."

    class Meta:
        model = DeclarationText
