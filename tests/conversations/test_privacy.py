"""What a person wrote here is in the AVG export and goes with the erasure (network.privacy)."""

import pytest

from conversations.models import Answer, Question, Reaction
from network.privacy import erase_person, export_person, provider_labels

pytestmark = pytest.mark.django_db


def test_export_and_erasure_of_reactions_questions_and_answers(activity, member, outsider):
    assert "conversations" in provider_labels()
    Reaction.objects.create(page=activity, author=member.contact_person, kind="vraag", text="Mijn reactie")
    lonely = Question.objects.create(author=member.contact_person, title="Zonder antwoord", text="?")
    answered = Question.objects.create(author=member.contact_person, title="Met antwoord", text="?")
    Answer.objects.create(question=answered, author=outsider.contact_person, text="Antwoord van Otto")
    other = Question.objects.create(author=outsider.contact_person, title="Van Otto", text="?")
    Answer.objects.create(question=other, author=member.contact_person, text="Antwoord van Mia")

    data = export_person("mia@example.org")["conversations"]
    assert [r["tekst"] for r in data["reacties"]] == ["Mijn reactie"]
    assert {q["titel"] for q in data["vragen"]} == {"Zonder antwoord", "Met antwoord"}
    assert [a["tekst"] for a in data["antwoorden"]] == ["Antwoord van Mia"]

    erase_person("mia@example.org")
    assert not Reaction.objects.exists()
    assert not Question.objects.filter(pk=lonely.pk).exists()
    answered.refresh_from_db()
    assert answered.author is None and answered.answers.get().text == "Antwoord van Otto"
    assert list(Answer.objects.filter(question=other)) == []
    assert export_person("mia@example.org")["conversations"] == {
        "reacties": [],
        "vragen": [],
        "antwoorden": [],
    }
