"""What a participant holds in the agenda, as the handover of a core partner lists and moves it."""

import pytest

from events import agenda
from events.models import Registration

from .conftest import make_contact

pytestmark = pytest.mark.django_db


def test_held_by_lists_the_participants_registrations_and_hand_over_moves_one(event):
    departing, successor, other = make_contact("kern"), make_contact("opvolger"), make_contact("ander")
    mine = Registration.objects.create(
        event=event, participant=departing.participant, contact=departing, name="Kern", email=departing.email
    )
    Registration.objects.create(
        event=event, participant=other.participant, contact=other, name="Ander", email=other.email
    )

    assert list(agenda.held_by(departing.participant)) == [mine]
    assert agenda.label(mine) == "aanmelding: Kern – Netwerkdag"

    agenda.hand_over(mine, successor.participant)
    assert list(agenda.held_by(departing.participant)) == []
    assert list(agenda.held_by(successor.participant)) == [mine]
