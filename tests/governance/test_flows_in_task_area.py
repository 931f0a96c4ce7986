"""The network-role flows in the admin's Taken area: core partners and the office see, take and do their
tasks there; participants outside those groups cannot; idle tasks are reminded."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from governance.flows import ExitRequestFlow, HandoverFlow
from governance.models import ExitRequestProcess
from governance.tasks import remind_participants
from network.models import Role
from workflows import reminders

from .conftest import core_partners, member, office_user, open_task

pytestmark = pytest.mark.django_db


def refused(response):
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def exit_request():
    kern = core_partners(5)
    concerned, concerned_user = member("Twijfelachtig BV", Role.PARTNER)
    process = ExitRequestFlow.start.run(
        participant=concerned,
        by=kern[0][1],
        requesting_participant=kern[0][0],
        reason="Spreekt namens het netwerk.",
        rule="Niet namens het netwerk communiceren.",
    )
    return process, kern, concerned_user


def test_core_partner_takes_and_does_a_support_task_in_the_taken_area(client, exit_request):
    process, kern, concerned_user = exit_request
    task = open_task(process, ExitRequestFlow.support)
    client.force_login(kern[1][1])
    assert "Verzoek tot vertrek steunen" in client.get("/admin/taken/wachtrij/").content.decode()
    assert client.post(f"/admin/taken/taak/{task.pk}/oppakken/").status_code == 302
    assert "Verzoek tot vertrek steunen" in client.get("/admin/taken/").content.decode()
    form = client.get(f"/admin/taken/taak/{task.pk}/uitvoeren/")
    assert form.status_code == 200 and "Spreekt namens het netwerk." in form.content.decode()
    response = client.post(f"/admin/taken/taak/{task.pk}/uitvoeren/", {"supported": "1"})
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.supported and process.supporting_participant == kern[1][0]
    summary = client.get(f"/admin/taken/proces/{process.pk}/").content.decode()
    assert "Niet namens het netwerk communiceren." in summary


def test_requester_and_outsiders_cannot_take_or_do_the_task(client, exit_request):
    process, kern, concerned_user = exit_request
    task = open_task(process, ExitRequestFlow.support)
    requester = kern[0][1]
    client.force_login(requester)
    assert "Verzoek tot vertrek steunen" not in client.get("/admin/taken/wachtrij/").content.decode()
    assert refused(client.post(f"/admin/taken/taak/{task.pk}/oppakken/"))
    _, partner_user = member("Partner Een", Role.PARTNER)
    for user in (concerned_user, partner_user):
        client.force_login(user)
        assert refused(client.get(f"/admin/taken/taak/{task.pk}/"))
        assert refused(client.post(f"/admin/taken/taak/{task.pk}/oppakken/"))
        assert refused(client.get(f"/admin/taken/proces/{process.pk}/"))
    task.refresh_from_db()
    assert task.status == "NEW" and task.owner is None


def test_office_completes_a_handover_from_the_taken_area(client):
    kern = core_partners(6)
    departing, dep_user = kern[0]
    process = HandoverFlow.start.run(departing=departing, by=dep_user)
    process.open_seat = True
    process.save()
    for node in (HandoverFlow.prepare, HandoverFlow.nominate):
        task = open_task(process, node)
        activation = node.activation_class(task)
        activation.start(None)
        activation.execute()
    HandoverFlow.objection_period.run(open_task(process, HandoverFlow.objection_period))
    complete = open_task(process, HandoverFlow.complete)
    office = office_user()
    client.force_login(kern[2][1])
    assert "Overdracht afronden" not in client.get("/admin/taken/wachtrij/").content.decode()
    client.force_login(office)
    assert "Overdracht afronden" in client.get("/admin/taken/wachtrij/").content.decode()
    client.post(f"/admin/taken/taak/{complete.pk}/oppakken/")
    assert (
        client.post(f"/admin/taken/taak/{complete.pk}/uitvoeren/", {"decision": "voltooien"}).status_code
        == 302
    )
    departing.refresh_from_db()
    assert departing.role == Role.PARTNER


def test_idle_tasks_are_reminded(exit_request, django_capture_on_commit_callbacks):
    process, kern, concerned_user = exit_request
    long_ago = timezone.now() - timedelta(days=8)
    process.task_set.update(created=long_ago)
    # The Taken area's reminders go to everyone who can act on the task: the other core partners (the one who
    # filed the request does not support it).
    assert reminders.remind_stalled() == len(kern) - 1
    reminded = {a for m in mail.outbox for a in m.to}
    assert len(reminded) == len(kern) - 1 and reminded < {u.email for _, u in kern}
    mail.outbox.clear()
    support = open_task(process, ExitRequestFlow.support)
    support.flow_task.activation_class(support).assign(kern[1][1])
    support = open_task(process, ExitRequestFlow.support)
    process.supported = True
    process.save()
    activation = ExitRequestFlow.support.activation_class(support)
    activation.start(None)
    activation.execute()
    ExitRequestProcess.objects.filter(pk=process.pk).update(created=long_ago)
    process.task_set.filter(flow_task=ExitRequestFlow.respond).update(created=long_ago)
    assert remind_participants() == 1
    assert mail.outbox[-1].to == [concerned_user.email]
    assert "/werkstromen/vertrek/" in mail.outbox[-1].body
    assert remind_participants() == 0  # once per period
