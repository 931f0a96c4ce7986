"""The office hides a question or an answer on Vraag het netwerk (as a reaction): asked first, gone for others,
marked "Verborgen" with "Weer tonen" for the office, and in the Logboek."""

import pytest
from django.urls import reverse

from conversations.models import Answer, Question
from tests.network.test_security_audit import logbook, row_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(member):
    return Question.objects.create(author=member.contact_person, title="Wie heeft borden?", text="Graag.")


@pytest.fixture
def answer(question, outsider):
    return Answer.objects.create(question=question, author=outsider.contact_person, text="Koop ze hier!!")


def test_the_office_hides_a_question_and_it_is_gone_for_others(
    client, question, answer, office, member, outsider
):
    client.force_login(office)
    url = reverse("conversations:hide_question", args=[question.pk])
    confirm = client.get(url).content.decode()
    assert "Vraag verbergen?" in confirm and "Wie heeft borden?" in confirm and "Ja, verbergen" in confirm
    assert client.post(url)["Location"] == question.get_absolute_url()
    question.refresh_from_db()
    assert question.is_hidden and question.hidden_by == office

    own = client.get(question.get_absolute_url()).content.decode()
    assert "Verborgen" in own and "Weer tonen" in own
    assert "Wie heeft borden?" in client.get(reverse("conversations:questions")).content.decode()
    for user in (member, outsider):  # gone for the others, the asker included
        client.force_login(user)
        assert client.get(question.get_absolute_url()).status_code == 404
        assert "Wie heeft borden?" not in client.get(reverse("conversations:questions")).content.decode()
        assert "Wie heeft borden?" not in client.get("/zoeken/", {"q": "borden"}).content.decode()
        assert (
            client.post(reverse("conversations:answer", args=[question.pk]), {"text": "x"}).status_code == 404
        )

    client.force_login(office)
    client.post(reverse("conversations:unhide_question", args=[question.pk]))
    client.force_login(outsider)
    assert client.get(question.get_absolute_url()).status_code == 200


def test_the_office_hides_an_answer(client, question, answer, office, member):
    client.force_login(office)
    url = reverse("conversations:hide_answer", args=[question.pk, answer.pk])
    assert "Antwoord verbergen?" in client.get(url).content.decode()
    client.post(url)
    own = client.get(question.get_absolute_url()).content.decode()
    assert "Koop ze hier!!" in own and "Verborgen" in own and "Weer tonen" in own

    client.force_login(member)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Koop ze hier!!" not in page and "0 antwoorden" in page
    helpful = reverse("conversations:helpful", args=[question.pk, answer.pk])
    assert client.post(helpful).status_code == 404  # a hidden answer cannot be the one that helped

    client.force_login(office)
    client.post(reverse("conversations:unhide_answer", args=[question.pk, answer.pk]))
    client.force_login(member)
    assert "Koop ze hier!!" in client.get(question.get_absolute_url()).content.decode()


def test_only_the_office_hides_questions_and_answers(client, question, answer, member, outsider, trekker):
    urls = [
        reverse("conversations:hide_question", args=[question.pk]),
        reverse("conversations:unhide_question", args=[question.pk]),
        reverse("conversations:hide_answer", args=[question.pk, answer.pk]),
        reverse("conversations:unhide_answer", args=[question.pk, answer.pk]),
    ]
    for user in (member, outsider, trekker):
        client.force_login(user)
        assert "Verbergen" not in client.get(question.get_absolute_url()).content.decode()
        for url in urls:
            assert client.post(url).status_code == 403
    client.logout()
    assert client.post(urls[0])["Location"].startswith("/login/")
    assert not Question.objects.exclude(hidden_at=None).exists()
    assert not Answer.objects.exclude(hidden_at=None).exists()


def test_hiding_questions_and_answers_is_in_the_logbook(client, question, answer, office):
    client.force_login(office)
    client.post(reverse("conversations:hide_question", args=[question.pk]))
    client.post(reverse("conversations:unhide_question", args=[question.pk]))
    client.post(reverse("conversations:hide_answer", args=[question.pk, answer.pk]))
    html = logbook(client, office)
    assert "Wie heeft borden?" in row_with(html, "Vraag van Mia (GGD Twente) verborgen")
    assert "Wie heeft borden?" in row_with(html, "Vraag van Mia (GGD Twente) weer getoond")
    assert "Wie heeft borden?" in row_with(html, "Antwoord van Otto (Sportbond Oost) verborgen")
