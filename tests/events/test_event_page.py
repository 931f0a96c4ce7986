from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from events import booking
from events.factories import EventPageFactory

pytestmark = pytest.mark.django_db


def test_meeting_needs_a_place_and_a_sensible_time(agenda):
    start = timezone.now() + timedelta(days=5)
    event = EventPageFactory.build(
        title="Fout", slug="fout", start=start, end=start - timedelta(hours=1), location="", online_url=""
    )
    event.registration_deadline = start + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        event.clean()
    errors = caught.value.message_dict
    assert errors["end"] == ["De bijeenkomst moet eindigen na het begin."]
    assert errors["location"] == ["Vul een locatie of een link voor online deelname in."]
    assert errors["registration_deadline"] == ["Aanmelden moet sluiten voordat de bijeenkomst begint."]


def test_confirmation_mail_is_dutch_and_gives_time_and_place(make_event, django_capture_on_commit_callbacks):
    start = timezone.make_aware(datetime(2030, 6, 7, 14, 0))
    event = make_event(
        title="Netwerkdag", start=start, end=start + timedelta(hours=3), location="Jaarbeurs, Utrecht"
    )
    with django_capture_on_commit_callbacks(execute=True):
        booking.register(event, name="Anna", email="anna@example.org")
    body = mail.outbox[0].body
    assert "Beste Anna," in body and "U bent aangemeld voor Netwerkdag" in body
    assert "vrijdag 7 juni 2030, 14:00 – 17:00" in body and "Jaarbeurs, Utrecht" in body


def test_full_meeting_page_offers_the_waiting_list(client, make_event):
    from tests.events.conftest import make_contact

    event = make_event(capacity=1)
    booking.register(event, name="Een", email="een@example.org")
    contact = make_contact("anna")
    client.force_login(contact.user)
    assert "Op de wachtlijst" in client.get(event.url).content.decode()
    response = client.post(f"/bijeenkomsten/{event.pk}/aanmelden/", follow=True)
    assert "U staat op de wachtlijst" in response.content.decode()


def test_office_publishes_a_meeting_in_the_admin(client, office_user, agenda):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from events.models import EventPage

    client.force_login(office_user)
    url = f"/admin/pages/add/events/eventpage/{agenda.pk}/"
    data = {
        "title": "Netwerkdag",
        "slug": "netwerkdag",
        "start": "2030-05-01 14:00",
        "end": "2030-05-01 13:00",
        "location": "",
        "online_url": "",
        "capacity": "50",
        "programme": streamfield(
            [("item", {"time": "14:00", "title": "Opening", "speaker": "", "description": ""})]
        ),
        "action-publish": "publish",
    }
    response = client.post(url, nested_form_data(data))
    body = response.content.decode()
    assert "De bijeenkomst moet eindigen na het begin." in body
    assert "Vul een locatie of een link voor online deelname in." in body
    assert not EventPage.objects.exists()

    data.update(end="2030-05-01 17:00", location="Jaarbeurs, Utrecht")
    response = client.post(url, nested_form_data(data))
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.live and event.capacity == 50 and event.programme[0].value["title"] == "Opening"
    assert client.get("/agenda/netwerkdag/").status_code == 200
