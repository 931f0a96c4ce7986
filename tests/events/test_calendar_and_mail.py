import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from events import booking
from events.models import Registration
from events.tasks import send_reminders

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_confirmation_ics_describes_the_meeting(make_event, django_capture_on_commit_callbacks):
    start = datetime(2030, 3, 14, 14, 0, tzinfo=AMSTERDAM)
    event = make_event(
        title="Netwerkdag voorjaar",
        start=start,
        end=start + timedelta(hours=3),
        location="Jaarbeurs, Utrecht",
    )
    with django_capture_on_commit_callbacks(execute=True):
        booking.register(event, name="Een", email="een@example.org")
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert mimetype.startswith("text/calendar")
    cal = Calendar.from_ical(content)
    assert cal["METHOD"] == "PUBLISH"
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Netwerkdag voorjaar"
    assert str(vevent["LOCATION"]) == "Jaarbeurs, Utrecht"
    assert str(vevent["UID"]) == event.ical_uid == f"bijeenkomst-{event.pk}@127.0.0.1"
    assert vevent.decoded("DTSTART") == start and vevent.decoded("DTEND") == start + timedelta(hours=3)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert cal.walk("VTIMEZONE")  # calendars need the zone definition to place the meeting correctly
    assert str(vevent["URL"]).endswith(event.url)


def test_online_meeting_ics_points_at_the_link(make_event, django_capture_on_commit_callbacks):
    event = make_event(location="", online_url="https://meet.example.org/nnr")
    with django_capture_on_commit_callbacks(execute=True):
        booking.register(event, name="Een", email="een@example.org")
    (vevent,) = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")
    assert str(vevent["LOCATION"]) == str(vevent["URL"]) == "https://meet.example.org/nnr"


def test_feed_lists_all_meetings_with_stable_uids(client, agenda, make_event):
    upcoming = make_event(title="Komt nog")
    past = make_event(
        title="Was al", start=timezone.now() - timedelta(days=30), end=timezone.now() - timedelta(days=29)
    )
    make_event(title="Concept", live=False)
    response = client.get("/agenda/ical/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert {str(e["SUMMARY"]) for e in events} == {"Komt nog", "Was al"}
    assert {str(e["UID"]) for e in events} == {upcoming.ical_uid, past.ical_uid}
    again = Calendar.from_ical(client.get("/agenda/ical/").content).walk("VEVENT")
    assert {str(e["UID"]) for e in again} == {upcoming.ical_uid, past.ical_uid}
    assert "/agenda/ical/" in client.get("/agenda/").content.decode()


def test_reminder_is_sent_once_for_tomorrows_meetings_only(make_event):
    tomorrow = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(14)))
    soon = make_event(title="Morgen", start=tomorrow, end=tomorrow + timedelta(hours=2))
    later = make_event(
        title="Volgende week", start=tomorrow + timedelta(days=6), end=tomorrow + timedelta(days=6, hours=2)
    )
    confirmed = booking.register(soon, name="Een", email="een@example.org")
    cancelled = booking.register(soon, name="Twee", email="twee@example.org")
    booking.cancel(cancelled)
    booking.register(later, name="Drie", email="drie@example.org")
    mail.outbox.clear()

    assert send_reminders() == 1
    assert send_reminders() == 0
    (message,) = mail.outbox
    assert message.to == ["een@example.org"] and "Herinnering" in message.subject
    # The signed link carries a timestamp, so compare what it points at, not its text.
    token = re.search(r"/bijeenkomsten/afmelden/([^/\s]+)/", message.body).group(1)
    assert Registration.from_cancel_token(token) == confirmed
    confirmed.refresh_from_db()
    assert confirmed.reminded_at is not None


def test_reminder_is_in_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["events-reminders"]
    assert entry["task"] == send_reminders.name


def test_confirmation_mail_has_a_working_cancel_link(client, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = booking.register(event, name="Een", email="een@example.org")
    link = next(line for line in mail.outbox[0].body.splitlines() if "/bijeenkomsten/afmelden/" in line)
    path = link[link.index("/bijeenkomsten/") :].strip()
    client.post(path)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
