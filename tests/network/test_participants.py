import re

import pytest
from django.urls import reverse

from network.factories import ParticipantFactory
from network.models import Participant, Role, RoleChange
from network.roles import PARTNERS

from .conftest import participant_form

pytestmark = pytest.mark.django_db


def test_a_new_participant_starts_its_history():
    participant = Participant.objects.create(name="Sportclub", role=Role.SUPPORTER)
    (change,) = participant.role_changes.all()
    assert change.from_role == "" and change.to_role == Role.SUPPORTER


def test_role_change_writes_history_with_who_and_why(office_user):
    participant = ParticipantFactory(name="Sportclub", role=Role.SUPPORTER)
    participant.change_role(Role.PARTNER, by=office_user, reason="Actief in coalitie")
    participant.refresh_from_db()
    latest = participant.role_changes.first()
    assert participant.role == Role.PARTNER
    assert (latest.from_role, latest.to_role, latest.changed_by, latest.reason) == (
        Role.SUPPORTER,
        Role.PARTNER,
        office_user,
        "Actief in coalitie",
    )


def test_saving_without_a_role_change_writes_no_history():
    participant = ParticipantFactory(name="Sportclub", role=Role.SUPPORTER)
    participant.description = "Nieuw"
    participant.save()
    assert participant.role_changes.count() == 1


def test_leaving_is_recorded_and_removes_role_groups(partner_user):
    participant = partner_user.contact_person.participant
    assert partner_user.groups.filter(name=PARTNERS).exists()
    participant.mark_left(reason="Gestopt")
    assert participant.role_changes.first().left_network
    assert not partner_user.groups.filter(name=PARTNERS).exists()


def test_linked_users_follow_the_role(partner_user):
    participant = partner_user.contact_person.participant
    participant.change_role(Role.KERNPARTNER)
    assert list(partner_user.groups.values_list("name", flat=True)) == ["Kernpartners"]


def test_office_manages_participants_in_the_admin(client, office_user):
    client.force_login(office_user)
    participant = ParticipantFactory(name="Gemeente Teststad", role=Role.SUPPORTER)
    index = client.get(reverse("wagtailsnippets_network_participant:list"))
    assert index.status_code == 200 and "Gemeente Teststad" in index.content.decode()
    edit_url = reverse("wagtailsnippets_network_participant:edit", args=[participant.pk])
    add = client.get(reverse("wagtailsnippets_network_participant:add")).content.decode()
    assert re.search(r"<h1[^>]*>\s*\S", add), "the add screen names itself in an <h1>"
    assert "Gemeente Teststad" in client.get(edit_url).content.decode().split("<h1", 1)[1].split("</h1>")[0]
    response = client.post(edit_url, participant_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    participant.refresh_from_db()
    assert participant.role == Role.PARTNER and participant.contacts.get().email == "els@example.org"
    change = participant.role_changes.first()
    assert change.to_role == Role.PARTNER and change.changed_by == office_user


def test_office_filters_and_exports(client, office_user):
    client.force_login(office_user)
    ParticipantFactory(name="Kern A", role=Role.KERNPARTNER, region="utrecht")
    ParticipantFactory(name="Supp B", role=Role.SUPPORTER, region="zeeland")
    url = reverse("wagtailsnippets_network_participant:list")
    html = client.get(url, {"role": "kernpartner"}).content.decode()
    assert "Kern A" in html and "Supp B" not in html
    export = client.get(url, {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Kern A" in body and "Supp B" in body


def test_partner_cannot_manage_participants(client, partner_user):
    client.force_login(partner_user)
    other = ParticipantFactory(name="Andere organisatie", role=Role.SUPPORTER)
    for url in [
        reverse("wagtailsnippets_network_participant:list"),
        reverse("wagtailsnippets_network_participant:add"),
        reverse("wagtailsnippets_network_participant:edit", args=[other.pk]),
        reverse("wagtailsnippets_network_participant:delete", args=[other.pk]),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = client.post(reverse("wagtailsnippets_network_participant:delete", args=[other.pk]))
    assert Participant.objects.filter(pk=other.pk).exists()
    assert RoleChange.objects.filter(participant=other).count() == 1


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("wagtailsnippets_network_participant:list"))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_account_home_shows_my_participant(client, partner_user):
    client.force_login(partner_user)
    html = client.get("/mijn/").content.decode()
    assert "GGD Test" in html and "Partner" in html


@pytest.mark.parametrize("before, after", [("partner", "kernpartner"), ("kernpartner", "partner")])
def test_core_partner_role_only_changes_through_the_workflows(client, office_user, before, after):
    client.force_login(office_user)
    participant = ParticipantFactory(name="Gemeente Rolstad", role=before)
    url = reverse("wagtailsnippets_network_participant:edit", args=[participant.pk])
    response = client.post(url, participant_form(after, contact=False, name="Gemeente Rolstad"))
    assert response.status_code == 200
    assert "Overdracht kernpartnerrol" in response.content.decode()
    participant.refresh_from_db()
    assert participant.role == before and participant.role_changes.count() == 1


def test_office_cannot_create_a_core_partner_directly(client, office_user):
    client.force_login(office_user)
    response = client.post(
        reverse("wagtailsnippets_network_participant:add"),
        participant_form("kernpartner", contact=False, name="Nieuwe kern"),
    )
    assert response.status_code == 200 and not Participant.objects.filter(name="Nieuwe kern").exists()
