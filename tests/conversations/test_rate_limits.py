"""Reactions, questions and answers are limited per person and hour; past the limit the page says so, in Dutch,
and keeps what was typed."""

import pytest
from django.urls import reverse

from conversations.models import Answer, Question, Reaction
from nnr_site import forms as nnr_forms

pytestmark = pytest.mark.django_db

MESSAGE = "U heeft het afgelopen uur al veel geplaatst. Probeer het over een uur opnieuw."


@pytest.fixture(autouse=True)
def low_rate(monkeypatch):
    assert nnr_forms.MEMBER_WRITE_RATE == "20/h"
    monkeypatch.setattr(nnr_forms, "MEMBER_WRITE_RATE", "2/h")


def test_reactions_past_the_limit_are_refused_on_the_page(client, activity, member, outsider):
    client.force_login(member)
    url = reverse("conversations:react", args=[activity.pk])
    for n in range(2):
        assert client.post(url, {"kind": "ook", "text": f"Reactie {n}"}).status_code == 302
    response = client.post(url, {"kind": "ook", "text": "Nog een"})
    html = response.content.decode()
    assert response.status_code == 429
    assert MESSAGE in html and "Rookvrij sportpark" in html and "Nog een" in html  # the page, the text kept
    assert Reaction.objects.count() == 2

    client.force_login(outsider)  # per person: another participant still reacts
    assert client.post(url, {"kind": "ook", "text": "Van Otto"}).status_code == 302


def test_questions_and_answers_past_the_limit(client, member, outsider):
    client.force_login(member)
    url = reverse("conversations:ask")
    for n in range(2):
        assert client.post(url, {"title": f"Vraag {n}", "text": "?"}).status_code == 302
    response = client.post(url, {"title": "Derde vraag", "text": "?"})
    assert response.status_code == 429 and MESSAGE in response.content.decode()
    assert "Derde vraag" in response.content.decode() and Question.objects.count() == 2

    question = Question.objects.first()
    client.force_login(outsider)
    answer = reverse("conversations:answer", args=[question.pk])
    for n in range(2):
        assert client.post(answer, {"text": f"Antwoord {n}"}).status_code == 302
    response = client.post(answer, {"text": "Derde antwoord"})
    html = response.content.decode()
    assert response.status_code == 429 and MESSAGE in html and question.title in html
    assert Answer.objects.count() == 2
