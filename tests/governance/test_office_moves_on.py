"""The office can move a process on (issue 15.5): close a handover's objection period early and withdraw a
process, each with its reason, recorded in the audit log and shown in the process's history."""

import pytest
from django.core import mail
from viewflow.workflow.status import PROCESS, STATUS
from wagtail.models import ModelLogEntry

from governance.flows import ExitRequestFlow, HandoverFlow
from governance.models import HandoverProcess
from network import audit
from network.models import Role

from .conftest import core_partners, member, office_user, open_task, task_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_objection_period(client):
    kern = core_partners(6)
    departing, dep_user = kern[0]
    process = HandoverFlow.start.run(departing=departing, by=dep_user)
    client.force_login(dep_user)
    client.post(task_path(open_task(process, HandoverFlow.prepare)), {"departing_new_role": "partner"})
    client.post(task_path(open_task(process, HandoverFlow.nominate)), {"open_seat": "on"})
    return process, kern, office_user()


def test_office_closes_the_objection_period_early_with_a_reason(client, in_objection_period):
    process, kern, office = in_objection_period
    page_url = f"/werkstromen/overdracht/{process.pk}/"
    close_url = f"/werkstromen/overdracht/{process.pk}/bezwaartermijn-sluiten/"
    client.force_login(kern[2][1])
    assert "Bezwaartermijn nu sluiten" not in client.get(page_url).content.decode()
    assert client.post(close_url, {"sluiten-reason": "Haast"}).status_code == 403

    client.force_login(office)
    assert "Bezwaartermijn nu sluiten" in client.get(page_url).content.decode()
    response = client.post(close_url, {"sluiten-reason": ""})
    assert response.status_code == 400
    assert 'id="id_sluiten-reason_error"' in response.content.decode()  # the message is at the field
    assert open_task(process, HandoverFlow.objection_period)

    response = client.post(close_url, {"sluiten-reason": "Alle kernpartners stemden in het kernoverleg in."})
    assert response.status_code == 302 and response["Location"] == page_url
    complete = open_task(process, HandoverFlow.complete)
    entry = ModelLogEntry.objects.for_instance(process).get(action=audit.OBJECTION_PERIOD_CLOSED)
    assert entry.user == office and entry.data["reason"].startswith("Alle kernpartners")
    assert "Bezwaartermijn eerder gesloten (liep tot" in entry.message
    page = client.get(page_url).content.decode()
    assert "Bezwaartermijn eerder gesloten" in page and "Alle kernpartners stemden" in page
    assert "Bezwaartermijn nu sluiten" not in page
    assert task_path(complete) in page  # the office's next task, on the page
    # Objections are over once the period is closed.
    client.force_login(kern[2][1])
    assert "Bezwaar maken" not in client.get(page_url).content.decode()
    assert client.post(page_url, {"text": "Te laat"}).status_code == 403


def test_office_withdraws_a_handover_with_a_reason(
    client, in_objection_period, django_capture_on_commit_callbacks
):
    process, kern, office = in_objection_period
    url = f"/werkstromen/overdracht/{process.pk}/intrekken/"
    client.force_login(kern[0][1])
    assert client.post(url, {"intrekken-reason": "Toch niet"}).status_code == 403
    client.force_login(office)
    assert client.post(url, {"intrekken-reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"intrekken-reason": "De kernpartner blijft toch aan."})
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.status == PROCESS.CANCELED and process.finished is not None
    assert not process.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED]).exists()
    assert (
        mail.outbox[-1].to == [kern[0][1].email] and "De kernpartner blijft toch aan." in mail.outbox[-1].body
    )
    page = client.get(f"/werkstromen/overdracht/{process.pk}/").content.decode()
    assert (
        "Ingetrokken op" in page
        and "Werkstroom ingetrokken" in page
        and "De kernpartner blijft toch aan." in page
    )
    assert "Werkstroom intrekken" not in page
    # A withdrawn handover no longer blocks a new one.
    client.force_login(kern[0][1])
    response = client.post(
        "/werkstromen/overdracht/starten/", {"departing": kern[0][0].pk, "departing_new_role": "partner"}
    )
    assert response.status_code == 302 and HandoverProcess.objects.filter(finished=None).count() == 1


def test_office_withdraws_an_exit_request(client):
    (requester, requester_user), _other = core_partners(2)
    concerned, _ = member("Twijfelachtig BV", Role.PARTNER)
    process = ExitRequestFlow.start.run(
        participant=concerned, by=requester_user, requesting_participant=requester, reason="R", rule="S"
    )
    client.force_login(office_user())
    response = client.post(f"/werkstromen/vertrek/{process.pk}/intrekken/", {"intrekken-reason": "Opgelost."})
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.status == PROCESS.CANCELED
    assert not process.task_set.filter(flow_task=ExitRequestFlow.support, status=STATUS.NEW).exists()
