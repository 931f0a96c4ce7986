"""A contact person's own pages: its organisation's profile (/mijn/organisatie/) and consents (/mijn/privacy/)."""

import pytest

from network.factories import UserFactory
from network.models import ConsentRecord, ContactPerson, Role

from .conftest import profile_post

pytestmark = pytest.mark.django_db


def test_contact_updates_own_profile_and_adds_a_contact(client, me):
    client.force_login(me.user)
    assert client.get("/mijn/organisatie/").status_code == 200
    response = client.post(
        "/mijn/organisatie/",
        profile_post(
            me,
            **{
                "org-description": "Wij werken aan rookvrije scholen.",
                "org-role": "kernpartner",  # not in the form: ignored
                "contacts-1-name": "Bas",
                "contacts-1-email": "bas@ggd.example.org",
            },
        ),
    )
    assert response.status_code == 302
    me.participant.refresh_from_db()
    assert me.participant.description == "Wij werken aan rookvrije scholen."
    assert me.participant.role == Role.PARTNER
    assert set(me.participant.contacts.values_list("name", flat=True)) == {"Ilse", "Bas"}


def test_bad_input_shows_a_dutch_error_and_saves_nothing(client, me):
    client.force_login(me.user)
    response = client.post(
        "/mijn/organisatie/",
        profile_post(
            me, **{"org-kvk_number": "12", "contacts-1-name": "Bas", "contacts-1-email": "geen-mail"}
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200 and "8 cijfers" in html and "Controleer het formulier" in html
    assert me.participant.contacts.count() == 1


def test_cannot_remove_yourself(client, me):
    client.force_login(me.user)
    response = client.post("/mijn/organisatie/", profile_post(me, **{"contacts-0-DELETE": "on"}))
    assert response.status_code == 200 and "niet als contactpersoon verwijderen" in response.content.decode()
    assert ContactPerson.objects.filter(pk=me.pk).exists()


def test_only_linked_contacts_edit_a_profile(client):
    client.force_login(UserFactory(username="los"))
    assert client.get("/mijn/organisatie/").status_code == 403
    client.logout()
    assert client.get("/mijn/organisatie/").status_code == 302


def test_give_and_withdraw_consent_from_mijn(client, me):
    client.force_login(me.user)
    refused = client.post("/mijn/privacy/", {"action": "give"})
    assert refused.status_code == 200 and not ConsentRecord.has_consent(me.email, "gegevens_delen")
    client.post("/mijn/privacy/", {"action": "give", "agree": "on"})
    record = ConsentRecord.objects.get(email=me.email)
    assert record.text_version and "deelnemers" in record.text and record.contact == me
    ConsentRecord.objects.create(email=me.email, purpose="nieuwsbrief", text="Nieuwsbrief", text_version="1")
    html = client.get("/mijn/privacy/").content.decode()
    assert "Gegevens delen met andere deelnemers" in html and "Nieuwsbrief ontvangen" in html
    client.post("/mijn/privacy/", {"action": "withdraw", "purpose": "gegevens_delen"})
    assert not ConsentRecord.has_consent(me.email, "gegevens_delen")
    assert ConsentRecord.has_consent(me.email, "nieuwsbrief")


def test_a_phone_number_without_digits_is_refused_at_the_field_and_listed_on_top(client, me):
    client.force_login(me.user)
    response = client.post("/mijn/organisatie/", profile_post(me, **{"contacts-0-phone": "abc"}))
    html = response.content.decode()
    assert response.status_code == 200
    message = "Vul een telefoonnummer in met alleen cijfers"
    assert 'id="id_contacts-0-phone_error"' in html and message in html  # at the field
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert '<a href="#id_contacts-0-phone">Telefoonnummer: ' + message in summary  # and in the summary
    me.refresh_from_db()
    assert me.phone == ""
    response = client.post(
        "/mijn/organisatie/", profile_post(me, **{"contacts-0-phone": "+31 (0)30-123 45 67"})
    )
    assert response.status_code == 302
