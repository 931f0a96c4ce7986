import io
import re

import pytest
from django.core.management.base import BaseCommand

from events import demo as events_demo
from events.models import EventPage, Registration
from home import demo as home_demo
from network import demo as network_demo

pytestmark = pytest.mark.django_db


def test_demo_agenda_is_believable_and_idempotent(client):
    command = BaseCommand(stdout=io.StringIO())
    home_demo.load(command)
    network_demo.load(command)
    events_demo.load(command)
    counts = (EventPage.objects.count(), Registration.objects.count())
    events_demo.load(command)
    assert (EventPage.objects.count(), Registration.objects.count()) == counts
    assert counts[0] == 5
    events = list(EventPage.objects.order_by("start"))
    assert any(e.is_past for e in events) and any(not e.is_past for e in events)
    assert any(e.open_to_everyone and not e.is_past for e in events)
    assert any(e.capacity and not e.is_past and e.places_left() == 1 for e in events)  # nearly full
    assert all(r.email.endswith("example.org") for r in Registration.objects.all())
    body = client.get("/agenda/").content.decode()
    assert "Regiobijeenkomst Noord" in body and re.search(
        r"Netwerkdag (winter|voorjaar|zomer|najaar) 20\d\d", body
    )
