import pytest
from django.urls import reverse

from events import booking
from events.models import Registration
from events.privacy import erase_email, export_for_email
from tests.events.conftest import make_contact

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_events_registration:list"


def test_office_sees_filters_and_exports_registrations(client, office_user, make_event):
    day = make_event(title="Netwerkdag", capacity=1)
    other = make_event(title="Webinar")
    booking.register(day, name="Anna Aangemeld", email="anna@example.org")
    booking.register(day, name="Wim Wachtlijst", email="wim@example.org")
    booking.register(other, name="Olga Ander", email="olga@example.org")
    client.force_login(office_user)

    listing = client.get(reverse(LIST), {"event": day.pk, "status": "wachtlijst"}).content.decode()
    assert "Wim Wachtlijst" in listing and "Anna Aangemeld" not in listing and "Olga Ander" not in listing

    csv = client.get(reverse(LIST), {"event": day.pk, "export": "csv"})
    assert csv.status_code == 200 and "aanmeldingen" in csv["Content-Disposition"]
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "anna@example.org" in text and "wim@example.org" in text and "olga@example.org" not in text

    xlsx = client.get(reverse(LIST), {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")


def test_partner_cannot_see_or_export_registrations(client, event):
    booking.register(event, name="Anna Aangemeld", email="anna@example.org")
    partner = make_contact("piet")
    client.force_login(partner.user)
    for params in ({}, {"export": "csv"}):
        response = client.get(reverse(LIST), params)
        assert response.status_code in (302, 403)
        assert b"anna@example.org" not in response.content


def test_privacy_export_and_erase_by_email(event):
    contact = make_contact("anna")
    booking.register(event, name=contact.name, email="Anna@Example.org", contact=contact, organisation="GGD")
    (row,) = export_for_email("anna@example.org")
    assert row["e-mailadres"] == "anna@example.org" and row["bijeenkomst"] == event.title

    assert erase_email("ANNA@example.org") == 1
    registration = Registration.objects.get()
    assert "anna" not in (registration.name + registration.email).lower()
    assert registration.contact is None and registration.organisation == ""
    assert registration.status == Registration.Status.CONFIRMED  # the meeting's numbers stay right
    assert export_for_email("anna@example.org") == []


def test_attendance_counts_confirmed_registrations_for_past_meetings(make_event):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    past = make_event(start=now - timedelta(days=40), end=now - timedelta(days=40, hours=-3))
    old = make_event(start=now - timedelta(days=400), end=now - timedelta(days=400, hours=-3))
    upcoming = make_event()
    went, lapsed, only_future = make_contact("went"), make_contact("lapsed"), make_contact("future")
    for event, contact in [(past, went), (old, lapsed), (upcoming, only_future)]:
        Registration.objects.create(
            event=event,
            name=contact.name,
            email=contact.email,
            contact=contact,
            participant=contact.participant,
        )
    attended = Registration.objects.attended_since
    assert set(attended(now - timedelta(days=183)).values_list("participant", flat=True)) == {
        went.participant_id
    }
    assert set(attended(now - timedelta(days=365 * 2)).values_list("participant", flat=True)) == {
        went.participant_id,
        lapsed.participant_id,
    }
