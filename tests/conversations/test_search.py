"""The site search finds questions and reactions for logged-in members only (issue 19.7)."""

import pytest
from django.urls import reverse

from conversations.models import Answer, Question, Reaction

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(member, activity, outsider):
    question = Question.objects.create(
        author=member.contact_person, title="Waterpijp in de kantine?", text="Wie weet het?"
    )
    Answer.objects.create(
        question=question, author=outsider.contact_person, text="Vraag de gemeente om hulp."
    )
    Reaction.objects.create(
        page=activity, author=outsider.contact_person, kind="ervaring", text="Een waterpijp is ook roken."
    )
    Reaction.objects.create(
        page=activity,
        author=outsider.contact_person,
        kind="ervaring",
        text="Verborgen waterpijp-reclame",
        hidden_at="2026-01-01T00:00:00Z",
    )


def _search(client, q="waterpijp"):
    return client.get(reverse("knowledge:search"), {"q": q}).content.decode()


def test_members_find_questions_and_reactions(client, talk, trekker):
    client.force_login(trekker)
    html = _search(client)
    assert "Waterpijp in de kantine?" in html
    assert "Een waterpijp is ook roken." in html and "Reactie op Rookvrij sportpark" in html
    assert "Verborgen waterpijp-reclame" not in html  # hidden: not in the search either
    assert "Waterpijp in de kantine?" in _search(client, "kantine waterpijp")
    assert "Waterpijp in de kantine?" not in _search(client, "kantine schoolplein")
    assert "Waterpijp in de kantine?" in _search(client, "gemeente waterpijp")  # a word of an answer


def test_anonymous_searches_never_show_them(client, talk, trekker):
    for _attempt in range(2):  # the second answer may come from the page cache
        html = _search(client)
        assert "Waterpijp in de kantine?" not in html and "Een waterpijp is ook roken." not in html
        assert "Vragen en reacties van deelnemers" not in html
    client.force_login(trekker)  # a member's search after it does not end up in the anonymous cache
    assert "Waterpijp in de kantine?" in _search(client)
    client.logout()
    client.cookies.clear()
    assert "Waterpijp in de kantine?" not in _search(client)
