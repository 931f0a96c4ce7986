"""The demo's conversations: loaded with the demo, again without duplicates, visible to the demo users."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from conversations.models import Answer, Question, Reaction


@pytest.mark.django_db
def test_demo_questions_answers_and_reactions(demo, client):
    counts = (Question.objects.count(), Answer.objects.count(), Reaction.objects.count())
    assert counts == (3, 3, 5)
    assert Answer.objects.filter(helpful=True).count() == 1
    assert Reaction.objects.exclude(hidden_at=None).count() == 1
    call_command("load_demo", stdout=io.StringIO())
    assert (Question.objects.count(), Answer.objects.count(), Reaction.objects.count()) == counts

    client.force_login(get_user_model().objects.get(username="partner"))  # follows "sport"
    home = client.get("/mijn/").content.decode()
    assert "Welke borden gebruiken sportclubs voor een rookvrij terrein?" in home
