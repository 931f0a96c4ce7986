"""The open registration form must not tell whether an address is already on a meeting's list (issue 13,
point 11), and it refuses control characters in single-line fields (point 13)."""

import pytest
from django.core import mail

from events.models import Registration

pytestmark = pytest.mark.django_db


def register(client, event, capture, **data):
    with capture(execute=True):
        response = client.post(f"/bijeenkomsten/{event.pk}/aanmelden/", data)
    return response, client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("capacity, answer", [(None, "U bent aangemeld."), (1, "U staat op de wachtlijst")])
def test_an_address_already_on_the_list_gets_the_answer_of_a_new_one_and_a_mail(
    client, make_event, django_capture_on_commit_callbacks, capacity, answer
):
    event = make_event(open_to_everyone=True, capacity=capacity)
    data = {"name": "Bea", "email": "bea@example.org", "organisation": ""}
    register(client, event, django_capture_on_commit_callbacks, **data)
    # Someone new now: with capacity 1 the meeting is full, so they are put on the waiting list.
    new, new_page = register(
        client, event, django_capture_on_commit_callbacks, **{**data, "email": "cor@example.org"}
    )
    mail.outbox.clear()
    again, again_page = register(
        client, event, django_capture_on_commit_callbacks, **{**data, "name": "Iemand anders"}
    )
    assert (again.status_code, again["Location"]) == (new.status_code, new["Location"]) == (302, event.url)
    assert answer in again_page and answer in new_page and "al aangemeld" not in again_page
    assert Registration.objects.filter(email="bea@example.org").get().name == "Bea"
    (message,) = mail.outbox
    assert message.to == ["bea@example.org"] and "U bent al aangemeld" in message.subject
    assert "er is niets veranderd" in message.body and "/afmelden/" in message.body


@pytest.mark.parametrize("field", ["name", "organisation"])
def test_a_line_break_in_a_name_is_refused_at_the_field(client, make_event, field):
    event = make_event(open_to_everyone=True)
    data = {"name": "Bea", "email": "bea@example.org", "organisation": "", field: "Bea\nBcc: x@example.org"}
    response = client.post(f"/bijeenkomsten/{event.pk}/aanmelden/", data)
    html = response.content.decode()
    assert response.status_code == 400 and f'id="id_{field}_error"' in html and "regeleinden" in html
    assert not Registration.objects.exists()
