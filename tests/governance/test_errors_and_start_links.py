"""Errors where people see them, and no start link while an identical process runs (issue 15.4)."""

import pytest

from governance.flows import ExitRequestFlow, HandoverFlow
from governance.forms import StartHandoverForm
from network.models import Role

from .conftest import core_partners, member, office_user

pytestmark = pytest.mark.django_db

START = "/werkstromen/overdracht/starten/"


def test_a_core_partner_whose_handover_runs_is_sent_to_it_not_to_a_new_one(client):
    (departing, user), _ = core_partners(2)
    process = HandoverFlow.start.run(departing=departing, by=user)
    client.force_login(user)
    page = client.get(START).content.decode()
    assert "Uw overdracht loopt al" in page and f"/werkstromen/overdracht/{process.pk}/" in page
    assert "Overdracht starten</button>" not in page
    mine = client.get("/mijn/").content.decode()
    assert "Uw lopende overdracht van de kernpartnerrol" in mine and START not in mine
    role = client.get("/mijn/rol/").content.decode()
    assert f"/werkstromen/overdracht/{process.pk}/" in role and START not in role

    # A second start (an old tab, a double submit) says why at the top of the form: its field is hidden.
    response = client.post(START, {"departing": departing.pk, "departing_new_role": "partner"})
    assert response.status_code == 400
    summary = response.content.decode().split('class="error-summary"')[1].split("</div>")[0]
    assert "loopt al een overdracht" in summary


def test_the_office_sees_the_running_handovers_and_the_error_at_the_field(client):
    (departing, user), (other, _) = core_partners(2)
    process = HandoverFlow.start.run(departing=departing, by=user)
    client.force_login(office_user())
    assert f"/werkstromen/overdracht/{process.pk}/" in client.get(START).content.decode()
    response = client.post(START, {"departing": departing.pk, "departing_new_role": "partner"})
    assert response.status_code == 400
    assert 'id="id_departing_error"' in response.content.decode()
    assert client.post(START, {"departing": other.pk, "departing_new_role": "partner"}).status_code == 302


def test_a_second_exit_request_about_the_same_participant_is_refused_at_the_field(client):
    (requester, requester_user), _ = core_partners(2)
    concerned, _ = member("Twijfelachtig BV", Role.PARTNER)
    process = ExitRequestFlow.start.run(
        participant=concerned, by=requester_user, requesting_participant=requester, reason="R", rule="S"
    )
    client.force_login(requester_user)
    page = client.get("/werkstromen/vertrek/starten/").content.decode()
    assert "Lopende verzoeken tot vertrek" in page and f"/werkstromen/vertrek/{process.pk}/" in page
    response = client.post(
        "/werkstromen/vertrek/starten/", {"participant": concerned.pk, "reason": "Nog eens", "rule": "S"}
    )
    assert response.status_code == 400
    assert 'id="id_participant_error"' in response.content.decode()
    assert "loopt al een verzoek tot vertrek" in response.content.decode()


def test_an_invalid_hidden_field_is_reported_at_the_top():
    (departing, _), (other, _) = core_partners(2)
    form = StartHandoverForm({"departing": other.pk, "departing_new_role": "partner"}, departing=departing)
    assert not form.is_valid()
    assert "departing" not in form.errors and form.non_field_errors()
