"""Single-line fields refuse line breaks and invisible characters, on /mijn/organisatie/ and in the office's
participant form (issue 13, point 13)."""

import pytest
from django.urls import reverse

from network.factories import ParticipantFactory
from network.models import Role
from nnr_site.forms import refuse_control_characters

from .conftest import participant_form, profile_post

pytestmark = pytest.mark.django_db

BAD = "GGD\nBcc: iedereen@example.org"


@pytest.mark.parametrize(
    "value", ["a\nb", "a\rb", "a\tb", "a\x00b", "a\u202eb", "a\u200bb", "a\u2028b", "a\x85b"]
)
def test_the_validator_refuses_control_and_format_characters(value):
    with pytest.raises(Exception, match="regeleinden"):
        refuse_control_characters(value)


def test_the_validator_accepts_ordinary_names():
    for value in ["GGD Twente", "Sportclub ’t Veld & Co", "Ærø — 😀", ""]:
        refuse_control_characters(value)


@pytest.mark.parametrize("field", ["org-name", "contacts-0-name", "contacts-0-job_title"])
def test_own_profile_refuses_a_line_break_at_the_field(client, me, field):
    client.force_login(me.user)
    response = client.post("/mijn/organisatie/", profile_post(me, **{field: BAD}))
    html = response.content.decode()
    assert response.status_code == 200 and "geen regeleinden, tabs of onzichtbare tekens" in html
    assert f'id="id_{field}_error"' in html
    me.participant.refresh_from_db()
    me.refresh_from_db()
    assert me.participant.name == "GGD Twente" and me.name == "Ilse"


@pytest.mark.parametrize("field", ["name", "contacts-0-name"])
def test_the_office_form_refuses_a_line_break(client, office_user, field):
    client.force_login(office_user)
    participant = ParticipantFactory(name="Gemeente Teststad", role=Role.SUPPORTER)
    data = participant_form("supporter", **{field: "Gemeente\u202eTeststad"})
    response = client.post(reverse("wagtailsnippets_network_participant:edit", args=[participant.pk]), data)
    assert response.status_code == 200 and "geen regeleinden" in response.content.decode()
    participant.refresh_from_db()
    assert participant.name == "Gemeente Teststad" and not participant.contacts.exists()
