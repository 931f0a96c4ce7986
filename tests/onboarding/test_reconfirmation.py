"""A material change asks every active participant to confirm: one mail each, reminders once after 14 and 28
days (the beat's task, with the clock moved on), confirmations in the declaration chain, disagreements to the
core partners, and the office's overview. The yearly re-declaration goes the same way."""

import datetime
import re
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from network.factories import ContactPersonFactory, ParticipantFactory
from network.models import Participant, Role
from onboarding import tasks
from onboarding.confirmations import overdue_redeclarations
from onboarding.factories import DeclarationTextFactory
from onboarding.models import ConfirmationRequest, Declaration, DeclarationText

pytestmark = pytest.mark.django_db
Kind = DeclarationText.Kind
LINK = re.compile(r"http://\S+(/bevestigen/\S+/)")


@contextmanager
def days_later(days):
    later = timezone.now() + datetime.timedelta(days=days)
    with mock.patch("django.utils.timezone.now", return_value=later):
        yield


@pytest.fixture
def network(db, rules_page, core_partner_user):
    """Three active participants (one with two contacts, the primary one first asked) and one that left."""
    ggd = ParticipantFactory(name="GGD Noord")
    ContactPersonFactory(participant=ggd, name="Bram", email="bram@ggd.example.org")
    ContactPersonFactory(participant=ggd, name="Petra", email="petra@ggd.example.org", is_primary=True)
    club = ParticipantFactory(name="Sportclub Oost", role=Role.SUPPORTER)
    ContactPersonFactory(participant=club, name="Sem", email="sem@club.example.org")
    gone = ParticipantFactory(name="Vertrokken BV", status=Participant.Status.LEFT)
    ContactPersonFactory(participant=gone, name="Vera", email="vera@gone.example.org")
    return {"ggd": ggd, "club": club, "core": core_partner_user.contact_person.participant}


def material_rules(office_client, django_capture_on_commit_callbacks):
    current = DeclarationText.current(Kind.RULES)
    draft = DeclarationTextFactory(
        kind=Kind.RULES,
        title="Spelregels",
        text=current.text + "\n\n4. Deelnemers delen hun resultaten met het netwerk.",
        change_note="Regel 4: resultaten delen.",
        material=True,
    )
    page = office_client.get(f"/admin/declaratietexts/{draft.pk}/publiceren/").content.decode()
    assert "Publiceren en 3 deelnemers mailen" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(f"/admin/declaratietexts/{draft.pk}/publiceren/")
    assert response.status_code == 302
    return draft


def path_in(message):
    return LINK.search(message.body).group(1)


def test_a_material_change_mails_every_active_participant_once(
    office_client, network, django_capture_on_commit_callbacks
):
    material_rules(office_client, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kern@example.org",
        "petra@ggd.example.org",
        "sem@club.example.org",
    ]
    assert "Regel 4: resultaten delen." in mail.outbox[0].body
    round_id = ConfirmationRequest.objects.first().round_id
    tasks.send_round(round_id)  # a retried task mails nobody again
    assert len(mail.outbox) == 3


def test_non_material_changes_mail_nobody(office_client, network, django_capture_on_commit_callbacks):
    draft = DeclarationTextFactory(kind=Kind.CONSENT, title="Toestemming", text="Nieuwe woorden.")
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(f"/admin/declaratietexts/{draft.pk}/publiceren/")
    assert mail.outbox == [] and not ConfirmationRequest.objects.exists()


def test_the_participant_confirms_and_the_confirmation_lands_in_the_chain(
    client, office_client, network, django_capture_on_commit_callbacks
):
    material_rules(office_client, django_capture_on_commit_callbacks)
    message = next(m for m in mail.outbox if m.to == ["petra@ggd.example.org"])
    client.logout()
    page = client.get(path_in(message)).content.decode()
    assert "GGD Noord" in page and "<ins>" in page and "resultaten delen" in page
    response = client.post(path_in(message), {"answer": "bevestigen"}, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 302
    record = Declaration.objects.latest("pk")
    assert (record.participant, record.purpose, record.rules_version) == (
        network["ggd"],
        "herbevestiging",
        "2",
    )
    assert record.signer_email == "petra@ggd.example.org" and "resultaten" in record.rules_text
    assert Declaration.verify_chain() == []
    assert "U heeft deze versie bevestigd" in client.get(path_in(message)).content.decode()
    client.post(path_in(message), {"answer": "bevestigen"})  # a second click archives nothing more
    assert Declaration.objects.filter(participant=network["ggd"]).count() == 1


def test_a_forged_or_foreign_link_is_refused(
    client, office_client, network, django_capture_on_commit_callbacks
):
    material_rules(office_client, django_capture_on_commit_callbacks)
    path = path_in(mail.outbox[0])
    assert client.get(path[:-3] + "xx/").status_code == 400
    request_obj = ConfirmationRequest.objects.get(contact__email=mail.outbox[0].to[0])
    request_obj.contact.email = "someone.else@example.org"  # the address changed since the mail
    request_obj.contact.save()
    assert client.get(path).status_code == 400


def test_disagreeing_needs_a_reason_and_goes_to_the_core_partners(
    client, office_client, network, django_capture_on_commit_callbacks
):
    material_rules(office_client, django_capture_on_commit_callbacks)
    path = path_in(next(m for m in mail.outbox if m.to == ["sem@club.example.org"]))
    mail.outbox.clear()
    response = client.post(path, {"answer": "niet-akkoord", "reason": ""})
    assert response.status_code == 400 and "Schrijf kort waarom" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"answer": "niet-akkoord", "reason": "Wij delen geen ledenaantallen."})
    (message,) = mail.outbox
    assert message.to == ["kern@example.org"] and "Wij delen geen ledenaantallen." in message.body
    assert not Declaration.objects.filter(participant=network["club"]).exists()


def test_reminders_go_once_after_14_and_28_days(office_client, network, django_capture_on_commit_callbacks):
    material_rules(office_client, django_capture_on_commit_callbacks)
    confirmed = ConfirmationRequest.objects.get(participant=network["core"])
    confirmed.confirmed_at = timezone.now()
    confirmed.save()
    mail.outbox.clear()
    with days_later(13):
        tasks.remind_confirmations()
    assert mail.outbox == []
    with days_later(14):
        tasks.remind_confirmations()
        tasks.remind_confirmations()
    assert sorted(m.to[0] for m in mail.outbox) == ["petra@ggd.example.org", "sem@club.example.org"]
    assert all(m.subject.startswith("Herinnering") for m in mail.outbox)
    mail.outbox.clear()
    with days_later(20):
        tasks.remind_confirmations()
    assert mail.outbox == []
    with days_later(28):
        tasks.remind_confirmations()
    with days_later(40):
        tasks.remind_confirmations()
    assert len(mail.outbox) == 2 and "28 dagen geleden" in mail.outbox[0].body
    assert Participant.objects.filter(status=Participant.Status.ACTIVE).count() == 3  # nobody removed


def test_the_office_sees_the_round_and_each_participants_versions(
    office_client, network, django_capture_on_commit_callbacks
):
    material_rules(office_client, django_capture_on_commit_callbacks)
    path = path_in(next(m for m in mail.outbox if m.to == ["petra@ggd.example.org"]))
    office_client.post(path, {"answer": "bevestigen"})  # the link needs no log-in (and ignores one)
    request_obj = ConfirmationRequest.objects.get(participant=network["ggd"])
    overview = office_client.get("/admin/bevestigingen/").content.decode()
    assert "Herbevestiging Spelregels, versie 2" in overview
    assert re.search(r"<td>3</td><td>1</td><td>0</td><td>2</td>", overview)
    rows = overview.split('id="per-deelnemer"')[1]
    ggd_row = rows.split("GGD Noord")[1].split("</tr>")[0]
    assert "versie 2" in ggd_row
    club_row = rows.split("Sportclub Oost")[1].split("</tr>")[0]
    assert "versie 2" not in club_row
    round_page = office_client.get(f"/admin/bevestigingen/{request_obj.round_id}/").content.decode()
    not_confirmed = round_page.split('id="niet-bevestigd"')[1].split("</table>")[0]
    assert "Sportclub Oost" in not_confirmed and "GGD Noord" not in not_confirmed
    assert "GGD Noord" in round_page.split('id="bevestigd"')[1]


def test_core_partners_see_the_non_confirmers_but_cannot_publish(client, network, core_partner_user):
    client.force_login(core_partner_user)
    assert client.get("/admin/bevestigingen/").status_code == 200
    draft = DeclarationTextFactory(kind=Kind.RULES)
    assert client.get(f"/admin/declaratietexts/{draft.pk}/publiceren/").status_code in (302, 403)
    assert client.post(f"/admin/declaratietexts/{draft.pk}/publiceren/").status_code in (302, 403)
    draft.refresh_from_db()
    assert draft.is_draft


def test_the_yearly_declaration_is_asked_when_due(client, network, settings, office_user):
    settings.NNR_REDECLARATION_MONTHS = 12
    Participant.objects.update(joined_on=timezone.localdate() - datetime.timedelta(days=400))
    tasks.remind_confirmations()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kern@example.org",
        "petra@ggd.example.org",
        "sem@club.example.org",
    ]
    assert "jaarlijkse verklaring" in mail.outbox[0].subject
    tasks.remind_confirmations()  # the next day: nobody asked twice
    assert len(mail.outbox) == 3
    path = path_in(next(m for m in mail.outbox if m.to == ["petra@ggd.example.org"]))
    page = client.get(path).content.decode()
    assert "Jaarlijkse verklaring" in page and "tabaksteeltbedrijven" in page
    client.post(path, {"answer": "bevestigen"})
    record = Declaration.objects.get(participant=network["ggd"])
    assert record.purpose == "jaarlijks" and record.declaration_version == 1
    assert [p.name for p in overdue_redeclarations()] == ["Kernorganisatie", "Sportclub Oost"]
    client.force_login(office_user)
    health = client.get("/netwerk/gezondheid/").content.decode()
    overdue = health.split('id="verklaring-te-laat"')[1].split("</table>")[0]
    assert "Sportclub Oost" in overdue and "GGD Noord" not in overdue
