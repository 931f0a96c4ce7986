"""The Logboek (audit log) shows the office who hid a reaction, question or answer, and who showed it again."""

import pytest
from django.urls import reverse

from conversations.models import Reaction
from tests.network.test_security_audit import logbook, row_with

pytestmark = pytest.mark.django_db


def test_hiding_and_showing_a_reaction_again_is_in_the_logbook(client, activity, member, trekker, office):
    reaction = Reaction.objects.create(page=activity, author=member.contact_person, kind="vraag", text="Spam")
    client.force_login(trekker)
    client.post(reverse("conversations:hide", args=[reaction.pk]))
    client.post(reverse("conversations:hide", args=[reaction.pk]))  # pressed twice: one entry
    client.post(reverse("conversations:unhide", args=[reaction.pk]))

    html = logbook(client, office)
    hidden = row_with(html, "Reactie van Mia (GGD Twente) verborgen")
    assert "Rookvrij sportpark" in hidden and "tom" in hidden
    assert "Rookvrij sportpark" in row_with(html, "Reactie van Mia (GGD Twente) weer getoond")
    assert html.count("Reactie van Mia (GGD Twente) verborgen") == 1
