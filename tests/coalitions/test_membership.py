"""Bottom-up: partners start coalitions, the coalition decides who joins, members can leave."""

import pytest
from django.core import mail

from coalitions.factories import add_membership
from coalitions.models import CoalitionPage, JoinRequest, MemberRole
from network.factories import UserFactory
from network.models import Role

from .conftest import make_contact

pytestmark = pytest.mark.django_db

START = {
    "title": "Rookvrij Sporten Noord",
    "kind": "regio",
    "region": "groningen",
    "city": "",
    "organisation_type": "",
    "themes": "sport, jeugd",
    "goal": "Alle sportparken in het noorden rookvrij.",
    "contact_email": "noord@example.org",
}


def test_partner_starts_a_coalition_and_the_office_is_told(
    client, index, office_user, django_capture_on_commit_callbacks
):
    user, participant = make_contact("starter")
    client.force_login(user)
    assert "Een coalitie starten" in client.get("/mijn/").content.decode()
    assert client.get("/coalitie-starten/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/coalitie-starten/", START)
    page = CoalitionPage.objects.get(title="Rookvrij Sporten Noord")
    assert response.status_code == 302 and response["Location"] == page.url
    assert page.live and page.get_parent().pk == index.pk
    assert sorted(t.name for t in page.themes.all()) == ["jeugd", "sport"]
    assert page.is_trekker(participant)
    assert page.editors_group.user_set.filter(pk=user.pk).exists()
    (message,) = mail.outbox
    assert message.to == ["bureau@example.org"] and "Rookvrij Sporten Noord" in message.subject
    assert "toestemming" in message.body  # told, not asked
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_start_form_shows_errors_and_saves_nothing(client, index):
    user, _ = make_contact("starter")
    client.force_login(user)
    response = client.post("/coalitie-starten/", dict(START, region="", contact_email="geen-adres"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies voor een regionale coalitie een GGD-regio of vul een plaats in." in html
    assert "Controleer het formulier" in html
    assert not CoalitionPage.objects.exists()


@pytest.mark.parametrize("role", [Role.SUPPORTER, None])
def test_supporters_and_unlinked_users_cannot_start(client, index, role):
    if role:
        user, _ = make_contact("fan", role=role)
    else:
        user = UserFactory(username="los")
    client.force_login(user)
    assert client.get("/coalitie-starten/").status_code == 403
    assert client.post("/coalitie-starten/", START).status_code == 403
    assert not CoalitionPage.objects.exists()
    if role:
        assert "Word dan eerst partner" in client.get("/mijn/").content.decode()


def test_anonymous_visitor_is_sent_to_login(client, index):
    assert client.get("/coalitie-starten/")["Location"].startswith("/login/")


def ask(client, coalition, user, capture, message="Wij willen graag meedoen."):
    client.force_login(user)
    with capture(execute=True):
        return client.post(f"/coalitie/{coalition.pk}/meedoen/", {"message": message})


def test_join_request_accepted_by_a_trekker(client, two_coalitions, django_capture_on_commit_callbacks):
    a = two_coalitions["a"]
    user, participant = make_contact("nieuw")
    assert "Vragen om mee te doen" in (client.force_login(user) or client.get(a.url)).content.decode()
    ask(client, a, user, django_capture_on_commit_callbacks)
    join_request = JoinRequest.objects.get()
    assert (
        join_request.status == JoinRequest.Status.PENDING
        and join_request.message == "Wij willen graag meedoen."
    )
    assert mail.outbox[-1].to == ["trekker_a@example.org"]
    assert "ligt bij de trekkers" in client.get(a.url).content.decode()

    # only trekkers of this coalition decide
    client.force_login(two_coalitions["user_b"])
    assert client.get(f"/coalitie/{a.pk}/verzoeken/").status_code == 403
    assert (
        client.post(f"/coalitie/verzoek/{join_request.pk}/besluit/", {"decision": "accept"}).status_code
        == 403
    )
    client.force_login(user)
    assert (
        client.post(f"/coalitie/verzoek/{join_request.pk}/besluit/", {"decision": "accept"}).status_code
        == 403
    )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING

    client.force_login(two_coalitions["user_a"])
    assert "Organisatie van nieuw" in client.get(f"/coalitie/{a.pk}/verzoeken/").content.decode()
    assert "1 open verzoek" in client.get("/mijn/").content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/coalitie/verzoek/{join_request.pk}/besluit/", {"decision": "accept"})
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.ACCEPTED
    assert join_request.decided_by == two_coalitions["user_a"] and join_request.decided_at
    (message,) = mail.outbox
    assert message.to == ["nieuw@example.org"] and "Welkom" in message.subject
    assert a.contact_email in message.from_email and message.reply_to == [a.contact_email]
    assert "Organisatie van nieuw" in client.get(a.url).content.decode()
    assert a.current_memberships().get(participant=participant).role == MemberRole.MEMBER
    # a lid is not an editor
    assert not a.editors_group.user_set.filter(pk=user.pk).exists()


def test_join_request_declined(client, two_coalitions, django_capture_on_commit_callbacks):
    a = two_coalitions["a"]
    user, participant = make_contact("afgewezen")
    ask(client, a, user, django_capture_on_commit_callbacks)
    join_request = JoinRequest.objects.get()
    client.force_login(two_coalitions["user_a"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/coalitie/verzoek/{join_request.pk}/besluit/", {"decision": "decline"})
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    (message,) = mail.outbox
    assert message.to == ["afgewezen@example.org"] and "niet te accepteren" in message.body
    assert not a.current_memberships().filter(participant=participant).exists()
    # deciding twice changes nothing
    client.post(f"/coalitie/verzoek/{join_request.pk}/besluit/", {"decision": "accept"})
    assert not a.current_memberships().filter(participant=participant).exists()


def test_duplicate_requests_and_members_asking_are_refused(
    client, two_coalitions, django_capture_on_commit_callbacks
):
    a = two_coalitions["a"]
    user, _ = make_contact("dubbel")
    ask(client, a, user, django_capture_on_commit_callbacks)
    ask(client, a, user, django_capture_on_commit_callbacks)
    assert JoinRequest.objects.count() == 1
    ask(client, a, two_coalitions["user_a"], django_capture_on_commit_callbacks)
    assert JoinRequest.objects.count() == 1


def test_members_leave_but_the_last_trekker_stays(client, two_coalitions):
    a = two_coalitions["a"]
    user, participant = make_contact("lid")
    add_membership(a, participant)
    client.force_login(user)
    assert "Coalitie verlaten" in client.get(a.url).content.decode()
    client.post(f"/coalitie/{a.pk}/verlaten/")
    assert not a.current_memberships().filter(participant=participant).exists()
    assert "Organisatie van lid" not in client.get(a.url).content.decode()

    client.force_login(two_coalitions["user_a"])
    response = client.post(f"/coalitie/{a.pk}/verlaten/", follow=True)
    assert "enige trekker" in response.content.decode()
    assert a.is_trekker(two_coalitions["part_a"])


def test_accepting_keeps_the_member_when_an_older_draft_is_published(client, two_coalitions):
    """Members live in page revisions too; a draft saved before the decision must not undo it."""
    a = CoalitionPage.objects.get(pk=two_coalitions["a"].pk)
    a.goal = "Concept-doel"
    a.save_revision()
    _, participant = make_contact("laat")
    add_membership(a, participant)
    a.refresh_from_db()
    a.get_latest_revision().publish()
    a = CoalitionPage.objects.get(pk=a.pk)
    assert a.goal == "Concept-doel"
    assert a.current_memberships().filter(participant=participant).exists()
