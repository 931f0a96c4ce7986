"""Bounce webhooks without a shared secret: anymail itself accepts anyone's post, we refuse it."""

import base64
import json

import pytest

from newsletters.models import Suppression

URL = "/anymail/postmark/tracking/"
FORGED_BOUNCE = {
    "RecordType": "Bounce",
    "Type": "HardBounce",
    "TypeCode": 1,
    "Email": "iemand@example.org",
    "MessageID": "vervalst",
    "BouncedAt": "2026-11-29T10:00:00Z",
}


def post(client, **headers):
    return client.post(URL, json.dumps(FORGED_BOUNCE), content_type="application/json", **headers)


@pytest.mark.django_db
def test_without_a_secret_a_forged_bounce_is_refused(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    assert post(client).status_code == 403
    assert post(client, HTTP_AUTHORIZATION="Basic " + base64.b64encode(b"a:b").decode()).status_code == 403
    assert not Suppression.objects.exists()


@pytest.mark.django_db
def test_with_the_secret_the_provider_gets_through_and_others_do_not(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "nnr:geheim"}
    assert post(client).status_code == 400
    assert not Suppression.objects.exists()
    auth = "Basic " + base64.b64encode(b"nnr:geheim").decode()
    assert post(client, HTTP_AUTHORIZATION=auth).status_code == 200
    assert Suppression.objects.get().reason == Suppression.Reason.BOUNCED


@pytest.mark.django_db
def test_development_keeps_the_open_webhooks_for_local_trials(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    settings.DEBUG = True
    assert post(client).status_code == 200
