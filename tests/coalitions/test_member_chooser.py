"""The editor picks coalition members from participants still in the network."""

import pytest

from coalitions.factories import add_membership
from network.factories import ParticipantFactory
from network.models import Participant

pytestmark = pytest.mark.django_db


def test_chooser_offers_active_participants_and_a_left_member_still_shows(client, two_coalitions):
    coalition = two_coalitions["a"]
    ParticipantFactory(name="GGD Noord")
    gone = ParticipantFactory(name="Vertrokken Vereniging")
    add_membership(coalition, gone)
    gone.status = Participant.Status.LEFT
    gone.save()
    client.force_login(two_coalitions["user_a"])

    edit = client.get(f"/admin/pages/{coalition.pk}/edit/").content.decode()
    assert "/admin/deelnemer-kiezen/" in edit  # the members' chooser
    assert "Vertrokken Vereniging" in edit  # a member who left is still shown, not silently dropped
    chooser = client.get("/admin/deelnemer-kiezen/").content.decode()
    assert "GGD Noord" in chooser and "Vertrokken Vereniging" not in chooser
    results = client.get("/admin/deelnemer-kiezen/results/", {"q": "Vereniging"}).content.decode()
    assert "Vertrokken Vereniging" not in results
