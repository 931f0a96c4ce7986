from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events import booking
from events.models import CANCEL_SALT, Registration
from tests.events.conftest import make_contact

pytestmark = pytest.mark.django_db


def post_register(client, event, **data):
    return client.post(f"/bijeenkomsten/{event.pk}/aanmelden/", data)


def test_contact_registers_in_one_click_and_gets_a_confirmation_with_ics(
    client, event, django_capture_on_commit_callbacks
):
    contact = make_contact("anna")
    client.force_login(contact.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_register(client, event)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.status, registration.contact, registration.participant) == (
        Registration.Status.CONFIRMED,
        contact,
        contact.participant,
    )
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"] and "Bevestiging" in message.subject
    assert message.attachments[0][0] == "bijeenkomst.ics"
    page = client.get(event.url).content.decode()
    assert "U bent aangemeld voor deze bijeenkomst." in page


def test_capacity_waiting_list_and_move_up_on_cancel(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = booking.register(event, name="Een", email="een@example.org")
        booking.register(event, name="Twee", email="twee@example.org")
        third = booking.register(event, name="Drie", email="drie@example.org")
        fourth = booking.register(event, name="Vier", email="vier@example.org")
    assert [r.status for r in Registration.objects.order_by("pk")] == [
        "aangemeld",
        "aangemeld",
        "wachtlijst",
        "wachtlijst",
    ]
    assert "wachtlijst" in mail.outbox[2].subject and not mail.outbox[2].attachments
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = booking.cancel(first)
    assert promoted == third
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == "aangemeld" and third.promoted_at and fourth.status == "wachtlijst"
    assert event.places_left() == 0
    (message,) = mail.outbox
    assert message.to == ["drie@example.org"] and "plaats vrijgekomen" in message.subject
    assert message.attachments


def test_cancelling_a_waiting_registration_moves_nobody_up(event):
    booking.register(event, name="Een", email="een@example.org")
    booking.register(event, name="Twee", email="twee@example.org")
    waiting = booking.register(event, name="Drie", email="drie@example.org")
    booking.register(event, name="Vier", email="vier@example.org")
    assert booking.cancel(waiting) is None
    assert Registration.objects.filter(status="wachtlijst").count() == 1


def test_same_email_cannot_register_twice(client, make_event):
    event = make_event(open_to_everyone=True)
    data = {"name": "Bea", "email": "bea@example.org", "organisation": ""}
    assert post_register(client, event, **data).status_code == 302
    response = post_register(client, event, **{**data, "email": "BEA@example.org "})
    assert response.status_code == 302  # the same answer as a new registration: test_security_registration.py
    assert Registration.objects.count() == 1


def test_re_registering_after_cancelling_reuses_the_record(event):
    registration = booking.register(event, name="Een", email="een@example.org")
    booking.cancel(registration)
    again = booking.register(event, name="Een", email="een@example.org")
    assert again.pk == registration.pk and again.status == "aangemeld" and again.cancelled_at is None


def test_anonymous_cannot_register_for_a_members_only_meeting(client, event):
    response = post_register(client, event, name="X", email="x@example.org")
    assert response.status_code == 403
    assert not Registration.objects.exists()
    page = client.get(event.url).content.decode()
    assert "Log in om u aan te melden" in page and 'name="email"' not in page


def test_anonymous_registers_for_an_open_meeting(client, make_event, django_capture_on_commit_callbacks):
    event = make_event(open_to_everyone=True)
    assert 'name="email"' in client.get(event.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_register(client, event, name="Bea", email="bea@example.org", organisation="Buurthuis")
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.organisation, registration.participant) == ("Buurthuis", None)
    assert mail.outbox[0].to == ["bea@example.org"]


def test_the_page_posts_to_the_meeting_url_and_only_a_published_public_meeting_takes_registrations(
    client, make_event
):
    event = make_event(open_to_everyone=True)
    url = f"/bijeenkomsten/{event.pk}/aanmelden/"
    assert f'action="{url}"' in client.get(event.url).content.decode()
    assert client.get(url).status_code == 405
    draft = make_event(open_to_everyone=True, live=False)
    private = make_event(open_to_everyone=True)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    data = {"name": "Bea", "email": "bea@example.org"}
    for pk in (draft.pk, private.pk, 999999):
        assert client.post(f"/bijeenkomsten/{pk}/aanmelden/", data).status_code == 404
        assert client.post(f"/bijeenkomsten/{pk}/afmelden/").status_code == 404
    assert not Registration.objects.exists()


def test_an_error_shows_the_meeting_page_again_with_what_was_typed(client, make_event):
    event = make_event(open_to_everyone=True, title="Regiodag")
    response = post_register(client, event, name="Bea", email="geen-adres", organisation="Buurthuis")
    body = response.content.decode()
    assert response.status_code == 400 and "<h1>Regiodag</h1>" in body
    assert 'value="Bea"' in body and 'value="Buurthuis"' in body and "Vul een geldig e-mailadres in" in body


def test_bad_input_gives_dutch_errors_and_saves_nothing(client, make_event):
    event = make_event(open_to_everyone=True)
    response = post_register(client, event, name="", email="geen-adres")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Vul uw naam in." in body and "Vul een geldig e-mailadres in" in body
    assert not Registration.objects.exists()


def test_honeypot_refuses_bots(client, make_event):
    event = make_event(open_to_everyone=True)
    response = post_register(
        client, event, name="Bot", email="bot@example.org", website="http://spam.example"
    )
    assert response.status_code == 400 and not Registration.objects.exists()


def test_anonymous_registration_is_rate_limited(client, make_event):
    event = make_event(open_to_everyone=True, capacity=None)
    for n in range(10):
        post_register(client, event, name=f"P{n}", email=f"p{n}@example.org")
    response = post_register(client, event, name="Elf", email="elf@example.org")
    assert response.status_code == 429 and "Te veel aanmeldingen" in response.content.decode()
    assert Registration.objects.count() == 10


def test_registration_closes_at_the_deadline(client, make_event):
    contact = make_contact("anna")
    event = make_event(registration_deadline=timezone.now() - timedelta(hours=1))
    client.force_login(contact.user)
    response = post_register(client, event)
    assert response.status_code == 302 and not Registration.objects.exists()
    assert "Aanmelden is gesloten" in client.get(event.url).content.decode()


def test_contact_cancels_own_registration_from_the_page(client, event):
    contact = make_contact("anna")
    client.force_login(contact.user)
    post_register(client, event)
    client.post(f"/bijeenkomsten/{event.pk}/afmelden/")
    assert Registration.objects.get().status == "afgemeld"


def test_signed_cancel_link_cancels_after_one_click_and_forged_is_refused(client, event):
    registration = booking.register(event, name="Een", email="een@example.org")
    url = registration.cancel_url()
    page = client.get(url)
    assert page.status_code == 200 and "Ja, afmelden" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == "aangemeld"  # a GET (e.g. a mail scanner) changes nothing
    assert "U bent afgemeld" in client.post(url).content.decode()
    registration.refresh_from_db()
    assert registration.status == "afgemeld"

    other = booking.register(event, name="Twee", email="twee@example.org")
    token = registration.cancel_token
    swapped = other.cancel_token.split(":")[0] + ":" + token.split(":")[1]  # other's id, this one's signature
    wrong_key = signing.dumps(other.pk, key="niet-het-geheim", salt=CANCEL_SALT)
    for bad in [swapped, wrong_key, "abc", token[:-2] + "xx"]:
        response = client.post(f"/bijeenkomsten/afmelden/{bad}/")
        assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "aangemeld"


def test_agenda_lists_upcoming_and_past(client, agenda, make_event):
    make_event(title="Komt nog")
    make_event(
        title="Was al",
        start=timezone.now() - timedelta(days=10),
        end=timezone.now() - timedelta(days=10, hours=-2),
    )
    body = client.get("/agenda/").content.decode()
    assert body.index("Komende bijeenkomsten") < body.index("Komt nog") < body.index("Eerdere bijeenkomsten")
    assert body.index("Eerdere bijeenkomsten") < body.index("Was al")


def test_account_panel_lists_my_meetings(client, event):
    contact = make_contact("anna")
    booking.register(event, name=contact.name, email=contact.email, contact=contact)
    client.force_login(contact.user)
    body = client.get("/mijn/").content.decode()
    assert "Mijn bijeenkomsten" in body and "Netwerkdag" in body
