"""ExitRequestFlow through HTTP: supported or not, the participant's hearing, the outcome and departure."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from governance.flows import ExitRequestFlow
from governance.models import ExitRequestProcess
from governance.tasks import close_expired_periods
from network.models import Participant, Role, RoleChange

from .conftest import core_partners, member, office_user, open_task, task_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return {
        "kern": core_partners(5),
        "concerned": member("Twijfelachtig BV", Role.PARTNER),
        "supporter": member("Supporter Sam", Role.SUPPORTER),
        "office": office_user(),
    }


def file_request(client, network):
    _, user = network["kern"][0]
    client.force_login(user)
    response = client.post(
        "/werkstromen/vertrek/starten/",
        {
            "participant": network["concerned"][0].pk,
            "reason": "Treedt publiekelijk op namens het netwerk.",
            "rule": "Deelnemers communiceren niet namens het netwerk.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ExitRequestProcess.objects.get(participant=network["concerned"][0])


def do(client, user, task, data, expect=302):
    client.force_login(user)
    response = client.post(task_path(task), data)
    assert response.status_code == expect, response.content.decode()[:3000]
    return response


def test_only_core_partners_file_requests(client, network):
    for user in (network["supporter"][1], network["concerned"][1], network["office"]):
        client.force_login(user)
        assert client.get("/werkstromen/vertrek/starten/").status_code == 403
    client.force_login(network["kern"][0][1])
    response = client.post("/werkstromen/vertrek/starten/", {"participant": network["concerned"][0].pk})
    assert response.status_code == 400
    assert not ExitRequestProcess.objects.exists()


def test_supported_request_participant_responds_and_leaves(
    client, network, django_capture_on_commit_callbacks
):
    concerned, concerned_user = network["concerned"]
    process = file_request(client, network)
    support = open_task(process, ExitRequestFlow.support)
    # The requester cannot support its own request; others outside the core partners cannot see it.
    for user in (network["kern"][0][1], concerned_user, network["supporter"][1]):
        client.force_login(user)
        assert client.get(task_path(support)).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        do(client, network["kern"][1][1], support, {"supported": "1", "support_note": "Eens."})
    assert [m.to for m in mail.outbox] == [[concerned_user.email]]
    assert "reageren" in mail.outbox[0].body

    respond = open_task(process, ExitRequestFlow.respond)
    client.force_login(network["kern"][2][1])
    assert client.get(task_path(respond)).status_code == 403
    do(client, concerned_user, respond, {"response": ""}, expect=400)
    do(client, concerned_user, respond, {"response": "Wij zullen dat niet meer doen."})
    # The timer branch is cancelled once the participant responded.
    assert not process.task_set.filter(flow_task=ExitRequestFlow.hearing_over, status="NEW").exists()

    outcome = open_task(process, ExitRequestFlow.outcome)
    client.force_login(concerned_user)
    assert client.get(task_path(outcome)).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        do(client, network["kern"][3][1], outcome, {"outcome": "vertrek", "outcome_note": "Herhaaldelijk."})
    assert mail.outbox[-1].to == [concerned_user.email] and "Herhaaldelijk." in mail.outbox[-1].body

    concerned.refresh_from_db()
    assert concerned.status == Participant.Status.LEFT and concerned.left_on == timezone.localdate()
    assert RoleChange.objects.filter(participant=concerned, left_network=True).exists()
    assert not concerned_user.groups.exists()
    process.refresh_from_db()
    assert process.finished and process.response.startswith("Wij zullen")
    # The archive keeps the whole story, readable by the office.
    client.force_login(network["office"])
    page = client.get(f"/werkstromen/vertrek/{process.pk}/").content.decode()
    assert "Wij zullen dat niet meer doen." in page and "Herhaaldelijk." in page


def test_not_supported_request_ends_without_informing(client, network, django_capture_on_commit_callbacks):
    process = file_request(client, network)
    with django_capture_on_commit_callbacks(execute=True):
        do(client, network["kern"][1][1], open_task(process, ExitRequestFlow.support), {"supported": "0"})
    process.refresh_from_db()
    assert process.finished is not None and process.supported is False
    assert mail.outbox == []
    assert process.task_set.filter(flow_task=ExitRequestFlow.not_supported).exists()
    assert network["concerned"][0].status == Participant.Status.ACTIVE


def test_hearing_period_ends_by_timer_and_participant_stays(client, network):
    concerned, concerned_user = network["concerned"]
    process = file_request(client, network)
    do(client, network["kern"][1][1], open_task(process, ExitRequestFlow.support), {"supported": "1"})
    assert close_expired_periods() == 0  # still within the hearing period
    ExitRequestProcess.objects.filter(pk=process.pk).update(
        hearing_deadline=timezone.now() - timedelta(hours=1)
    )
    assert close_expired_periods() == 1
    respond = process.task_set.get(flow_task=ExitRequestFlow.respond)
    assert respond.status == "CANCELED"
    client.force_login(concerned_user)
    assert client.post(task_path(respond), {"response": "Te laat"}).status_code in (302, 403)
    outcome = open_task(process, ExitRequestFlow.outcome)
    do(client, network["kern"][4][1], outcome, {"outcome": "blijft", "outcome_note": "Gesprek gevoerd."})
    concerned.refresh_from_db()
    assert concerned.status == Participant.Status.ACTIVE
