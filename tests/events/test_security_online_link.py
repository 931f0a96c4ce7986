"""Issue 13.8: the link for online participation is only for people with a place (a confirmed registration):
on the meeting page for them alone, in their confirmation mail and its .ics, never in the public iCal feed,
and never in a page stored for anonymous visitors."""

import pytest
from django.core import mail
from icalendar import Calendar

from events import booking
from tests.events.conftest import make_contact

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/nnr-geheim"


@pytest.fixture
def online(make_event):
    """A members-only online meeting with one place."""
    return make_event(title="Online netwerkoverleg", location="", online_url=LINK, capacity=1)


def test_anonymous_visitors_never_see_the_link(client, online):
    first = client.get(online.url)
    assert first.status_code == 200 and LINK not in first.content.decode()
    assert "U krijgt de link voor online deelname zodra u een plaats heeft." in first.content.decode()
    again = client.get(online.url)
    assert again["X-Page-Cache"] == "hit" and LINK not in again.content.decode()


def test_only_a_registered_partner_sees_the_link(client, online, django_capture_on_commit_callbacks):
    partner = make_contact("partner")
    client.force_login(partner.user)
    assert LINK not in client.get(online.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bijeenkomsten/{online.pk}/aanmelden/")
    page = client.get(online.url)
    assert "X-Page-Cache" not in page  # logged in: rendered for this person, never stored
    assert "U bent aangemeld" in page.content.decode() and LINK in page.content.decode()
    (confirmation,) = mail.outbox
    assert LINK in confirmation.body
    (vevent,) = Calendar.from_ical(confirmation.attachments[0][1]).walk("VEVENT")
    assert str(vevent["URL"]) == LINK

    waiting = make_contact("wachtende")
    client.force_login(waiting.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bijeenkomsten/{online.pk}/aanmelden/")
    html = client.get(online.url).content.decode()
    assert "U staat op de wachtlijst" in html and LINK not in html
    assert LINK not in mail.outbox[-1].body and not mail.outbox[-1].attachments


def test_the_ical_feed_never_carries_the_link(client, agenda, online):
    booking.register(online, name="Een", email="een@example.org")
    feed = client.get("/agenda/ical/")
    assert feed.status_code == 200
    assert LINK not in feed.content.decode()
    (vevent,) = Calendar.from_ical(feed.content).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Online" and str(vevent["URL"]).endswith(online.url)
