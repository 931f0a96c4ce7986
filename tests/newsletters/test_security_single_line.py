"""The sign-up form refuses control characters in the name (issue 13, point 13); an address that is already
subscribed gets the same page as a new one (point 11: that was already so)."""

import pytest
from django.core import mail

from newsletters.factories import SubscriberFactory, signup_url
from newsletters.models import Subscriber

pytestmark = pytest.mark.django_db


def test_a_direction_override_in_the_name_is_refused_at_the_field(client, tree):
    response = client.post(
        signup_url(tree), {"email": "lezer@example.org", "name": "Le\u202ezer", "consent": "on"}
    )
    html = response.content.decode()
    assert 'id="id_name_error"' in html and "geen regeleinden" in html
    assert not Subscriber.objects.exists()


def test_an_address_already_subscribed_gets_the_same_page(client, tree, django_capture_on_commit_callbacks):
    SubscriberFactory(email="oud@example.org")
    pages = []
    for email in ["oud@example.org", "nieuw@example.org"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(signup_url(tree), {"email": email, "name": "", "consent": "on"})
        pages.append((response.status_code, response.content.decode().replace(email, "ADRES")))
    assert pages[0] == pages[1]
    assert [m.to for m in mail.outbox] == [["nieuw@example.org"]]
