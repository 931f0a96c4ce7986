"""Issue 13, points 9 and 14: one open join request per organisation, and nobody listed in a coalition
without its knowledge (a trekker or the office adding a participant in the page editor invites it)."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset

from coalitions.factories import add_membership
from coalitions.models import CoalitionMembership, CoalitionPage, JoinRequest, MemberRole, MembershipStatus
from network.factories import ContactPersonFactory, ContactUserFactory

from .conftest import make_contact
from .test_editors import coalition_form


def _rows(page):
    """The member rows the editor posts for the stored ones, unchanged, and how many there are."""
    rows = [
        {
            "id": m.pk,
            "participant": m.participant_id,
            "role": m.role,
            "joined_on": m.joined_on.isoformat(),
            "left_on": m.left_on.isoformat() if m.left_on else "",
        }
        for m in CoalitionMembership.objects.filter(page=page).order_by("sort_order", "pk")
    ]
    return rows, len(rows)


def publish_with(client, page, rows, initial):
    data = coalition_form(
        page, memberships=inline_formset(rows, initial=initial), **{"action-publish": "publish"}
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def add_in_editor(client, page, participant, role, capture):
    rows, initial = _rows(page)
    rows.append(
        {
            "id": "",
            "participant": participant.pk,
            "role": role,
            "joined_on": timezone.localdate().isoformat(),
            "left_on": "",
        }
    )
    with capture(execute=True):
        publish_with(client, page, rows, initial)
    return CoalitionMembership.objects.get(page=page, participant=participant)


@pytest.fixture
def invited(client, two_coalitions, django_capture_on_commit_callbacks):
    """Trekker A adds "Organisatie van gevraagd" as trekker in the page editor; it has a primary contact
    without a log-in too."""
    a = two_coalitions["a"]
    user, participant = make_contact("gevraagd")
    ContactPersonFactory(participant=participant, email="eerste@example.org", is_primary=True)
    ContactPersonFactory(participant=participant, email="zonder-account@example.org")
    client.force_login(two_coalitions["user_a"])
    mail.outbox.clear()
    membership = add_in_editor(client, a, participant, MemberRole.TREKKER, django_capture_on_commit_callbacks)
    client.logout()
    return {**two_coalitions, "user": user, "participant": participant, "membership": membership}


def answer(client, user, membership, decision, capture):
    client.force_login(user)
    with capture(execute=True):
        return client.post(f"/coalitie/uitnodiging/{membership.pk}/antwoord/", {"decision": decision})


def test_added_in_the_editor_is_invited_not_listed_and_gets_no_rights(client, invited):
    a, user, membership = invited["a"], invited["user"], invited["membership"]
    assert membership.status == MembershipStatus.INVITED
    assert "Organisatie van gevraagd" not in client.get(a.url).content.decode()
    assert "1 deelnemer" in client.get("/coalities/").content.decode()  # only trekker A counts
    assert not CoalitionPage.objects.get(pk=a.pk).editors_group.user_set.filter(pk=user.pk).exists()
    client.force_login(user)
    assert client.get(f"/admin/pages/{a.pk}/edit/").status_code in (302, 403)
    (message,) = mail.outbox
    assert message.to == ["eerste@example.org", "gevraagd@example.org"]  # not the contact without log-in
    assert "trekker" in message.body and "/mijn/" in message.body and "Coalitie A" in message.subject
    assert a.contact_email in message.from_email
    # not counted anywhere a membership counts
    assert not CoalitionMembership.objects.current().filter(participant=invited["participant"]).exists()
    from newsletters.audience import _participants_in

    assert invited["participant"].pk not in set(
        _participants_in([a.pk]).values_list("participant", flat=True)
    )


def test_accepting_on_mijn_lists_it_and_gives_trekker_rights(
    client, invited, django_capture_on_commit_callbacks
):
    a, user, membership = invited["a"], invited["user"], invited["membership"]
    client.force_login(user)
    html = client.get("/mijn/").content.decode()
    assert "Uitnodigingen van coalities" in html and "Coalitie A" in html
    assert f"/coalitie/uitnodiging/{membership.pk}/antwoord/" in html
    mail.outbox.clear()
    response = answer(client, user, membership, "accept", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/mijn/"
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACCEPTED
    assert "Organisatie van gevraagd" in client.get(a.url).content.decode()
    assert CoalitionPage.objects.get(pk=a.pk).editors_group.user_set.filter(pk=user.pk).exists()
    assert client.get(f"/admin/pages/{a.pk}/edit/").status_code == 200
    assert "Uitnodigingen van coalities" not in client.get("/mijn/").content.decode()
    (told,) = mail.outbox
    assert told.to == ["trekker_a@example.org"] and "geaccepteerd" in told.body
    # answering again changes nothing
    assert answer(client, user, membership, "decline", django_capture_on_commit_callbacks).status_code == 404


def test_declining_tells_the_trekkers_and_a_later_edit_keeps_it_declined(
    client, invited, django_capture_on_commit_callbacks
):
    a, user, membership = invited["a"], invited["user"], invited["membership"]
    mail.outbox.clear()
    answer(client, user, membership, "decline", django_capture_on_commit_callbacks)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.DECLINED
    (told,) = mail.outbox
    assert told.to == ["trekker_a@example.org"] and "afgeslagen" in told.body
    # the trekker publishes the page again with the row unchanged: still declined, no new mail
    client.force_login(invited["user_a"])
    rows, initial = _rows(a)
    with django_capture_on_commit_callbacks(execute=True):
        publish_with(client, a, rows, initial)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.DECLINED and len(mail.outbox) == 1
    assert "Organisatie van gevraagd" not in client.get(a.url).content.decode()


def test_nobody_else_answers_for_the_participant(client, invited, django_capture_on_commit_callbacks):
    membership = invited["membership"]
    stranger, _ = make_contact("vreemde")
    for user in (stranger, invited["user_a"], invited["user_b"]):
        response = answer(client, user, membership, "accept", django_capture_on_commit_callbacks)
        assert response.status_code == 404
    client.logout()
    response = client.post(f"/coalitie/uitnodiging/{membership.pk}/antwoord/", {"decision": "accept"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(invited["user"])
    assert client.get(f"/coalitie/uitnodiging/{membership.pk}/antwoord/").status_code == 405
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.INVITED


def test_csrf_is_checked():
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post("/coalitie/uitnodiging/1/antwoord/", {"decision": "accept"}).status_code == 403


def test_choosing_another_participant_in_a_row_or_reviving_a_left_member_invites(
    client, two_coalitions, django_capture_on_commit_callbacks
):
    a = two_coalitions["a"]
    _, old = make_contact("oud")
    _, swapped = make_contact("verwisseld")
    member = add_membership(a, old)
    client.force_login(two_coalitions["user_a"])
    rows, initial = _rows(a)
    row = next(r for r in rows if r["id"] == member.pk)
    row["participant"] = swapped.pk
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_with(client, a, rows, initial)
    member.refresh_from_db()
    assert member.participant == swapped and member.status == MembershipStatus.INVITED
    assert [m.to for m in mail.outbox] == [["verwisseld@example.org"]]

    _, left = make_contact("vertrokken")
    gone = add_membership(a, left)
    CoalitionMembership.objects.filter(pk=gone.pk).update(left_on=timezone.localdate())
    rows, initial = _rows(a)
    next(r for r in rows if r["id"] == gone.pk)["left_on"] = ""
    publish_with(client, a, rows, initial)
    gone.refresh_from_db()
    assert gone.left_on is None and gone.status == MembershipStatus.INVITED


def test_an_older_draft_does_not_undo_an_acceptance(client, invited, django_capture_on_commit_callbacks):
    a, membership = CoalitionPage.objects.get(pk=invited["a"].pk), invited["membership"]
    a.goal = "Concept-doel"
    a.save_revision()
    answer(client, invited["user"], membership, "accept", django_capture_on_commit_callbacks)
    a.refresh_from_db()
    a.get_latest_revision().publish()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACCEPTED
    assert CoalitionPage.objects.get(pk=a.pk).is_trekker(invited["participant"])


def test_an_invited_participant_asking_to_join_is_sent_to_its_invitation(
    client, invited, django_capture_on_commit_callbacks
):
    client.force_login(invited["user"])
    response = client.post(f"/coalitie/{invited['a'].pk}/meedoen/", {"message": ""}, follow=True)
    assert "al uitgenodigd" in response.content.decode()
    assert not JoinRequest.objects.exists()
    html = client.get(invited["a"].url).content.decode()
    assert f"/coalitie/uitnodiging/{invited['membership'].pk}/antwoord/" in html


def test_accepting_a_join_request_accepts_an_open_invitation(client, invited):
    from coalitions.membership import add_member

    add_member(invited["a"], invited["participant"])
    invited["membership"].refresh_from_db()
    assert invited["membership"].status == MembershipStatus.ACCEPTED
    assert (
        CoalitionMembership.objects.filter(page=invited["a"], participant=invited["participant"]).count() == 1
    )


# Point 9: one open join request per organisation.


def ask(client, coalition, user, capture):
    client.force_login(user)
    with capture(execute=True):
        return client.post(f"/coalitie/{coalition.pk}/meedoen/", {"message": "Graag!"}, follow=True)


def test_a_second_request_gives_no_second_request_and_no_second_mail(
    client, two_coalitions, django_capture_on_commit_callbacks
):
    a = two_coalitions["a"]
    user, participant = make_contact("dubbel")
    colleague = ContactUserFactory(username="collega", contact__participant=participant)
    ask(client, a, user, django_capture_on_commit_callbacks)
    second = ask(client, a, colleague, django_capture_on_commit_callbacks)
    assert "Uw organisatie heeft al gevraagd" in second.content.decode()
    (join_request,) = JoinRequest.objects.all()
    assert join_request.participant == participant
    assert len(mail.outbox) == 1


def test_the_database_refuses_a_second_open_request(two_coalitions):
    from django.db import IntegrityError, transaction

    user, participant = make_contact("los")
    contact = participant.contacts.get()
    JoinRequest.objects.create(coalition=two_coalitions["a"], contact=contact)
    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequest.objects.create(coalition=two_coalitions["a"], contact=contact)
    JoinRequest.objects.update(status=JoinRequest.Status.DECLINED)
    JoinRequest.objects.create(coalition=two_coalitions["a"], contact=contact)  # asking again later is fine


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_six_simultaneous_requests_give_one_request_and_one_mail(require_postgres, two_coalitions):
    a = two_coalitions["a"]
    user, _ = make_contact("haastig")
    clients = []
    for _ in range(6):
        c = Client()
        c.force_login(user)
        clients.append(c)
    start = threading.Barrier(6)
    statuses, errors = [], []

    def post(c):
        try:
            start.wait()
            statuses.append(c.post(f"/coalitie/{a.pk}/meedoen/", {"message": "Nu!"}).status_code)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    mail.outbox.clear()
    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and statuses == [302] * 6
    assert JoinRequest.objects.count() == 1
    assert len(mail.outbox) == 1
