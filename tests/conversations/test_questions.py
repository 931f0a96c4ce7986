"""Vraag het netwerk (issue 19.6): members only, the asker alone marks the answer that helped, mails once."""

import pytest
from django.core import mail
from django.urls import reverse
from taggit.models import Tag

from conversations.mail import stop_token
from conversations.models import Answer, Question
from conversations.tasks import send_answer_mail
from following.follows import set_following
from following.models import Kind
from network.factories import UserFactory
from newsletters.models import Delivery, Mailing

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(member, activity):  # the activity brings the theme "sport" (its coalition's)
    question = Question.objects.create(
        author=member.contact_person, title="Hoe krijg ik de sportclub mee?", text="Wie weet raad?"
    )
    question.themes.set(Tag.objects.filter(name="sport"))
    return question


@pytest.mark.parametrize(
    "name,args",
    [
        ("conversations:questions", []),
        ("conversations:ask", []),
        ("conversations:question", ["pk"]),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, question, name, args):
    url = reverse(name, args=[question.pk for _ in args])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    assert "sportclub" not in response.content.decode()


def test_anonymous_posts_change_nothing(client, question, outsider):
    answer = Answer.objects.create(question=question, author=outsider.contact_person, text="Zo")
    for url in (
        reverse("conversations:ask"),
        reverse("conversations:answer", args=[question.pk]),
        reverse("conversations:helpful", args=[question.pk, answer.pk]),
    ):
        response = client.post(url, {"title": "x", "text": "y"})
        assert response["Location"].startswith("/login/")
    assert Question.objects.count() == 1 and Answer.objects.count() == 1 and not answer.helpful


def test_a_user_without_a_participant_is_refused(client, question):
    client.force_login(UserFactory(username="los"))
    assert client.get(reverse("conversations:questions")).status_code == 403
    assert client.get(reverse("conversations:question", args=[question.pk])).status_code == 403


def test_a_participant_asks_with_themes_and_a_region(client, member, activity):
    client.force_login(member)
    form = client.get(reverse("conversations:ask")).content.decode()
    assert "sport" in form  # the existing themes to choose from
    response = client.post(
        reverse("conversations:ask"),
        {
            "title": "Borden voor een rookvrij terrein?",
            "text": "Wie heeft een ontwerp?\nGraag met foto.",
            "themes": [Tag.objects.get(name="sport").pk],
            "region": "twente",
            "notify": "on",
        },
    )
    question = Question.objects.get()
    assert response["Location"] == question.get_absolute_url()
    assert question.author == member.contact_person and question.region == "twente" and question.notify
    assert [t.name for t in question.themes.all()] == ["sport"]
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Wie heeft een ontwerp?<br>Graag met foto." in page


def test_errors_are_shown_next_to_the_fields(client, member):
    client.force_login(member)
    response = client.post(reverse("conversations:ask"), {"title": "", "text": "", "region": "mars"})
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("title", "text", "region"):
        assert f'id="id_{field}_error"' in html
    assert not Question.objects.exists()


def test_the_office_reads_but_does_not_ask(client, office, question):
    client.force_login(office)
    assert client.get(reverse("conversations:questions")).status_code == 200
    assert client.get(question.get_absolute_url()).status_code == 200
    assert client.get(reverse("conversations:ask")).status_code == 403


def test_filters_by_theme_region_and_state(client, member, question, outsider):
    other = Question.objects.create(author=outsider.contact_person, title="Schoolplein zonder rook", text="?")
    other.region = "utrecht"
    other.save()
    Answer.objects.create(question=other, author=member.contact_person, text="Zo!", helpful=True)
    client.force_login(member)

    def titles(**params):
        html = client.get(reverse("conversations:questions"), params).content.decode()
        return {q.title for q in (question, other) if q.title in html}

    assert titles() == {question.title, other.title}
    assert titles(thema="sport") == {question.title}
    assert titles(regio="utrecht") == {other.title}
    assert titles(status="open") == {question.title}
    assert titles(status="beantwoord") == {other.title}


def test_only_the_asker_marks_the_answer_that_helped(client, question, member, outsider, trekker):
    first = Answer.objects.create(question=question, author=outsider.contact_person, text="Begin klein.")
    second = Answer.objects.create(question=question, author=trekker.contact_person, text="Vraag de jeugd.")
    url = reverse("conversations:helpful", args=[question.pk, first.pk])
    for user in (outsider, trekker):
        client.force_login(user)
        assert client.post(url).status_code == 403
        assert "Dit hielp mij" not in client.get(question.get_absolute_url()).content.decode()
    first.refresh_from_db()
    assert not first.helpful

    client.force_login(member)
    assert "Dit hielp mij" in client.get(question.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 302
    assert list(question.answers.filter(helpful=True)) == [first]
    client.post(reverse("conversations:helpful", args=[question.pk, second.pk]))  # one per question
    assert list(question.answers.filter(helpful=True)) == [second]
    assert Question.objects.answered().get() == question
    client.force_login(outsider)
    assert "Dit antwoord hielp de vraagsteller" in client.get(question.get_absolute_url()).content.decode()


def test_an_answer_of_another_question_cannot_be_marked(client, question, member, outsider):
    elsewhere = Question.objects.create(author=outsider.contact_person, title="Andere", text="?")
    answer = Answer.objects.create(question=elsewhere, author=member.contact_person, text="Zo")
    client.force_login(member)
    assert client.post(reverse("conversations:helpful", args=[question.pk, answer.pk])).status_code == 404


def test_the_asker_hears_of_each_new_answer_once(
    client, question, outsider, django_capture_on_commit_callbacks
):
    client.force_login(outsider)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("conversations:answer", args=[question.pk]), {"text": "Begin klein."})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["mia@example.org"]
    assert "Hoe krijg ik de sportclub mee?" in message.subject and "Begin klein." in message.body
    answer = Answer.objects.get()
    send_answer_mail.apply(args=[answer.pk])  # again: the ledger has it
    assert len(mail.outbox) == 1
    mailing = Mailing.objects.get(key=f"antwoord-{answer.pk}")
    assert Delivery.objects.filter(mailing=mailing, status=Delivery.Status.SENT).count() == 1


def test_no_mail_for_ones_own_answer_or_after_stopping(
    client, question, member, outsider, django_capture_on_commit_callbacks
):
    client.force_login(member)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("conversations:answer", args=[question.pk]), {"text": "Aanvulling van mij."})
    assert mail.outbox == []

    client.logout()
    stop = reverse("conversations:stop_mail", args=[stop_token(question)])
    assert "Geen e-mail meer" in client.get(stop).content.decode()
    assert client.post(stop).status_code == 200  # the mail program's one-click POST
    question.refresh_from_db()
    assert not question.notify
    assert client.get(reverse("conversations:stop_mail", args=["vervalst"])).status_code == 404

    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("conversations:answer", args=[question.pk]), {"text": "Begin klein."})
    assert mail.outbox == []


def test_an_empty_answer_shows_the_error_at_the_field(client, question, outsider):
    client.force_login(outsider)
    response = client.post(reverse("conversations:answer", args=[question.pk]), {"text": "  "})
    assert response.status_code == 400 and 'id="id_text_error"' in response.content.decode()
    assert not Answer.objects.exists()


def test_followers_of_a_theme_see_its_open_questions_on_their_dashboard(client, question, outsider, trekker):
    set_following(outsider.contact_person, Kind.THEME, Tag.objects.get(name="sport"), True)
    client.force_login(outsider)
    home = client.get(reverse("office:account_home")).content.decode()
    assert "Vraag het netwerk" in home and question.title in home

    client.force_login(trekker)  # follows no theme
    home = client.get(reverse("office:account_home")).content.decode()
    assert "Vraag het netwerk" in home and question.title not in home

    Answer.objects.create(question=question, author=trekker.contact_person, text="Zo", helpful=True)
    client.force_login(outsider)  # answered: no longer among the open questions
    assert question.title not in client.get(reverse("office:account_home")).content.decode()
