"""Issue 13.1: a member's meeting registrations are found by their contact person, not by an address."""

import re

import pytest
from django.core import mail

from events import booking
from events.models import Registration
from tests.events.conftest import make_contact

pytestmark = pytest.mark.django_db


def my_meetings(client):
    """The "Mijn bijeenkomsten" panel on /mijn/."""
    return client.get("/mijn/").content.decode().split('id="mijn-bijeenkomsten"')[1].split("</section>")[0]


def change_own_email(client, contact, new_email, capture):
    """Change the address on /mijn/organisatie/ (it stays pending until the new address confirms)."""
    participant = contact.participant
    client.force_login(contact.user)
    with capture(execute=True):
        client.post(
            "/mijn/organisatie/",
            {
                "org-name": participant.name,
                "org-sector": participant.sector,
                "org-region": participant.region,
                "contacts-TOTAL_FORMS": "1",
                "contacts-INITIAL_FORMS": "1",
                "contacts-MIN_NUM_FORMS": "0",
                "contacts-MAX_NUM_FORMS": "1000",
                "contacts-0-id": str(contact.pk),
                "contacts-0-participant": str(participant.pk),
                "contacts-0-name": contact.name,
                "contacts-0-email": new_email,
            },
        )


def test_taking_someone_elses_address_shows_and_cancels_none_of_their_registrations(
    client, event, django_capture_on_commit_callbacks
):
    victim = make_contact("vera")
    hers = booking.register(event, name=victim.name, email=victim.email, contact=victim)
    attacker = make_contact("mallory")
    change_own_email(client, attacker, victim.email, django_capture_on_commit_callbacks)

    assert "U bent aangemeld voor deze bijeenkomst." not in client.get(event.url).content.decode()
    assert "Netwerkdag" not in my_meetings(client)
    client.post(f"/bijeenkomsten/{event.pk}/afmelden/")
    hers.refresh_from_db()
    assert hers.status == Registration.Status.CONFIRMED


def test_own_registration_stays_mine_after_a_confirmed_address_change(
    client, event, django_capture_on_commit_callbacks
):
    anna = make_contact("anna")
    client.force_login(anna.user)
    client.post(f"/bijeenkomsten/{event.pk}/aanmelden/")
    mail.outbox.clear()
    change_own_email(client, anna, "anna.nieuw@example.org", django_capture_on_commit_callbacks)
    (confirmation,) = [m for m in mail.outbox if m.to == ["anna.nieuw@example.org"]]
    client.post(re.search(r"(/mijn/e-mail-bevestigen/\S+/)", confirmation.body).group(1))
    anna.refresh_from_db()
    assert anna.email == "anna.nieuw@example.org"

    assert "U bent aangemeld voor deze bijeenkomst." in client.get(event.url).content.decode()
    assert "Netwerkdag" in my_meetings(client)
    client.post(f"/bijeenkomsten/{event.pk}/aanmelden/")  # not a second registration under the new address
    assert Registration.objects.filter(contact=anna).count() == 1
    client.post(f"/bijeenkomsten/{event.pk}/afmelden/")
    assert Registration.objects.get(contact=anna).status == Registration.Status.CANCELLED
