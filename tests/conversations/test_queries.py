"""The members' conversation pages cost the same number of queries for a few questions, answers and reactions
as for many (issue 22: logged-in pages are never served from the page cache)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from conversations.models import Answer, Question, Reaction, ReactionKind
from network.factories import ContactUserFactory

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grow(question, activity, people, upto):
    """Up to `upto` questions (each with themes and two answers), answers to `question` and reactions."""
    themes = [Tag.objects.get_or_create(name=name, slug=name)[0] for name in ("sport", "jeugd", "zorg")]
    for n in range(Question.objects.count(), upto):
        asked = Question.objects.create(
            author=people[n % len(people)], title=f"Vraag {n}", text="Hoe doet u dat?", region="utrecht"
        )
        asked.themes.set(themes[: 1 + n % 3])
        for i in range(2):
            Answer.objects.create(question=asked, author=people[(n + i + 1) % len(people)], text="Zo.")
    for n in range(question.answers.count(), upto):
        Answer.objects.create(question=question, author=people[n % len(people)], text=f"Antwoord {n}")
    for n in range(Reaction.objects.filter(page=activity).count(), upto):
        Reaction.objects.create(
            page=activity,
            author=people[n % len(people)],
            kind=ReactionKind.choices[n % 3][0],
            text=f"Reactie {n}",
        )


def test_question_pages_and_reactions_do_not_grow_with_the_conversation(client, member, activity):
    people = [member.contact_person] + [
        ContactUserFactory(contact__participant__name=f"Organisatie {n}").contact_person for n in range(5)
    ]
    question = Question.objects.create(author=member.contact_person, title="Onze vraag", text="Wie weet het?")
    client.force_login(member)
    urls = ["/vraag-het-netwerk/", f"/vraag-het-netwerk/{question.pk}/", activity.url]
    grow(question, activity, people, 3)
    for url in urls:  # warm caches (site root paths, content types; the editor's admin profile, made once)
        count(client, url)
    small = [count(client, url) for url in urls]
    grow(question, activity, people, 30)
    large = [count(client, url) for url in urls]
    assert small == large, list(zip(urls, small, large, strict=True))
    assert "Antwoord 29" in client.get(urls[1]).content.decode()
    assert "Reactie 29" in client.get(activity.url).content.decode()
