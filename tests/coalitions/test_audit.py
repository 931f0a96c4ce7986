"""The Logboek (audit log) shows the office each update a coalition sent to its members, and who sent it."""

import pytest

from tests.network.test_security_audit import logbook, row_with

from .test_writing import coalition, on_commit, send, write_update  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_sent_update_is_in_the_logbook_once(client, coalition, send, office_user):  # noqa: F811
    update = write_update(client, coalition)
    send(update, 4)
    send(update, 4)  # pressed twice: sent once, logged once
    html = logbook(client, office_user)
    text = "Bericht “Nieuws uit Zwolle” aan 4 leden van Rookvrij Sporten Zwolle verstuurd"
    row = row_with(html, text)
    assert "trekker" in row and "bericht aan de leden" in row.lower()
    assert html.count(text) == 1
