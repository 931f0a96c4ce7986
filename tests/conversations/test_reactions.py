"""Reactions under activities and articles (issue 19.5): who sees them, who hides them, who is told."""

import pytest
from django.core import mail
from django.urls import reverse

from conversations.models import Reaction, ReactionKind
from conversations.tasks import send_reaction_mail
from newsletters.models import Delivery, Mailing

pytestmark = pytest.mark.django_db


def _react(client, page, text="Wij doen in Enschede hetzelfde.", kind=ReactionKind.SAME):
    return client.post(reverse("conversations:react", args=[page.pk]), {"kind": kind, "text": text})


def test_a_participant_reacts_and_others_who_are_logged_in_read_it(client, activity, member, outsider):
    client.force_login(member)
    response = _react(client, activity, "Eerste regel\n<b>tweede</b> regel")
    assert response.status_code == 302 and response["Location"].startswith(activity.url)
    reaction = Reaction.objects.get()
    assert reaction.author == member.contact_person and reaction.page_id == activity.pk

    client.force_login(outsider)
    page = client.get(activity.url).content.decode()
    assert "Eerste regel<br>&lt;b&gt;tweede&lt;/b&gt; regel" in page  # escaped, line breaks kept
    assert "Wij werken hier ook aan" in page and "Mia, GGD Twente" in page


def test_anonymous_visitors_get_a_log_in_hint_and_nothing_of_the_reactions(client, activity, member):
    Reaction.objects.create(page=activity, author=member.contact_person, kind="vraag", text="Geheime vraag")
    client.force_login(member)
    assert "Geheime vraag" in client.get(activity.url).content.decode()
    client.logout()
    client.cookies.clear()
    for _attempt in range(2):  # the second one may come from the page cache: that holds no reactions either
        page = client.get(activity.url).content.decode()
        assert "Geheime vraag" not in page and "Mia" not in page
        assert "Log in om te reageren" in page
    assert client.post(reverse("conversations:react", args=[activity.pk]), {"kind": "vraag", "text": "x"})[
        "Location"
    ].startswith("/login/")
    assert Reaction.objects.count() == 1


def test_errors_are_shown_at_the_field_and_nothing_is_saved(client, activity, member):
    client.force_login(member)
    response = _react(client, activity, "x" * 2001)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_text_error"' in html and "Rookvrij sportpark" in html
    assert not Reaction.objects.exists()


def test_a_reaction_hidden_by_the_trekker_is_gone_for_others(client, activity, member, trekker, outsider):
    reaction = Reaction.objects.create(
        page=activity, author=member.contact_person, kind="vraag", text="Spam hier"
    )
    client.force_login(trekker)
    confirm = client.get(reverse("conversations:hide", args=[reaction.pk]))
    assert confirm.status_code == 200 and "Reactie verbergen?" in confirm.content.decode()
    assert client.post(reverse("conversations:hide", args=[reaction.pk])).status_code == 302
    reaction.refresh_from_db()
    assert reaction.is_hidden and reaction.hidden_by == trekker

    own_view = client.get(activity.url).content.decode()
    assert "Spam hier" in own_view and "Verborgen" in own_view and "Weer tonen" in own_view
    for user in (outsider, member):  # gone for others, its author included
        client.force_login(user)
        assert "Spam hier" not in client.get(activity.url).content.decode()

    client.force_login(trekker)
    client.post(reverse("conversations:unhide", args=[reaction.pk]))
    client.force_login(outsider)
    assert "Spam hier" in client.get(activity.url).content.decode()


def test_the_office_hides_reactions_on_activities_and_articles(
    client, activity, kennis_article, member, office
):
    on_activity = Reaction.objects.create(page=activity, author=member.contact_person, kind="vraag", text="a")
    on_article = Reaction.objects.create(
        page=kennis_article, author=member.contact_person, kind="vraag", text="b"
    )
    client.force_login(office)
    for reaction in (on_activity, on_article):
        assert client.post(reverse("conversations:hide", args=[reaction.pk])).status_code == 302
    assert Reaction.objects.shown().count() == 0


def test_only_the_coalitions_trekkers_and_the_office_may_hide(
    client, activity, kennis_article, member, trekker, outsider, writer
):
    reaction = Reaction.objects.create(page=activity, author=member.contact_person, kind="vraag", text="a")
    on_article = Reaction.objects.create(
        page=kennis_article, author=member.contact_person, kind="vraag", text="b"
    )
    for user, target in (
        (outsider, reaction),
        (member, reaction),
        (writer, on_article),
        (trekker, on_article),
    ):
        client.force_login(user)
        assert client.get(reverse("conversations:hide", args=[target.pk])).status_code == 403
        assert client.post(reverse("conversations:hide", args=[target.pk])).status_code == 403
        assert client.post(reverse("conversations:unhide", args=[target.pk])).status_code == 403
        assert "Verbergen" not in client.get(target.page.specific.url).content.decode()
    client.logout()
    assert client.post(reverse("conversations:hide", args=[reaction.pk]))["Location"].startswith("/login/")
    assert Reaction.objects.shown().count() == 2


def test_the_trekkers_hear_of_a_new_reaction_once(
    client, activity, member, trekker, django_capture_on_commit_callbacks
):
    client.force_login(member)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        _react(client, activity, "Hoe deden jullie dat?", ReactionKind.QUESTION)
    [message] = mail.outbox
    assert message.to == ["tom@example.org"]
    assert "Rookvrij sportpark" in message.subject and "Hoe deden jullie dat?" in message.body
    assert "U bent trekker van de coalitie Rookvrij Twente." in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    reaction = Reaction.objects.get()
    send_reaction_mail.apply(args=[reaction.pk])  # a retried task, a second worker
    assert len(mail.outbox) == 1
    mailing = Mailing.objects.get(key=f"reactie-{reaction.pk}")
    assert list(Delivery.objects.filter(mailing=mailing).values_list("email", "status")) == [
        ("tom@example.org", Delivery.Status.SENT)
    ]


def test_the_article_authors_hear_of_a_reaction_only_with_their_consent(
    client, kennis_article, member, writer, django_capture_on_commit_callbacks
):
    client.force_login(member)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        _react(client, kennis_article, "Mooi artikel", ReactionKind.EXPERIENCE)
    assert [m.to for m in mail.outbox] == [["wendy@example.org"]]
    assert "Uw organisatie schreef dit artikel." in mail.outbox[0].body

    writer.contact_person.consents.update(withdrawn_at="2026-01-01T00:00:00Z")
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        _react(client, kennis_article, "Nog een reactie", ReactionKind.EXPERIENCE)
    assert mail.outbox == []


def test_a_trekker_reacting_on_its_own_activity_gets_no_mail(
    client, activity, trekker, django_capture_on_commit_callbacks
):
    client.force_login(trekker)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        _react(client, activity)
    assert mail.outbox == []
    assert not Mailing.objects.filter(key__startswith="reactie-").exists()


def test_no_reactions_on_other_pages_or_drafts(client, coalition, member, activity):
    client.force_login(member)
    assert _react(client, coalition).status_code == 404
    activity.unpublish()
    assert _react(client, activity).status_code == 404


def test_reactions_on_a_members_only_activity_need_the_page_itself(client, activity, member):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=activity, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(member)
    assert _react(client, activity).status_code == 302
    restriction = PageViewRestriction.objects.get()
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    assert _react(client, activity).status_code == 404  # Mia is in none of the page's groups
    assert Reaction.objects.count() == 1
