"""HandoverFlow through HTTP: start, checklist, nominate, accept/decline, objections, bound, transfer."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Page

from governance.flows import HandoverFlow, ReflectionFlow
from governance.models import HandoverChecklistItem, HandoverProcess
from governance.tasks import close_expired_periods
from network.models import Participant, Role, RoleChange

from .conftest import core_partners, member, office_user, open_task, task_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    kern = core_partners(6)
    return {
        "kern": kern,
        "departing": kern[0],
        "partner": member("Partner Een", Role.PARTNER),
        "partner2": member("Partner Twee", Role.PARTNER),
        "supporter": member("Supporter Sam", Role.SUPPORTER),
        "office": office_user(),
    }


def start(client, network, **extra):
    departing, user = network["departing"]
    client.force_login(user)
    response = client.post(
        "/werkstromen/overdracht/starten/",
        {"departing": departing.pk, "departing_new_role": "partner", **extra},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return HandoverProcess.objects.get(departing=departing)


def do(client, user, task, data, expect=302):
    client.force_login(user)
    response = client.post(task_path(task), data)
    assert response.status_code == expect, response.content.decode()[:3000]
    return response


def prepare_and_nominate(client, network, process, successor=None, open_seat=False):
    _, user = network["departing"]
    task = open_task(process, HandoverFlow.prepare)
    items = [i.pk for i in process.checklist.all()]
    do(
        client,
        user,
        task,
        {"notes": "Draaiboek staat in de map.", "departing_new_role": "partner", "transfer": items},
    )
    task = open_task(process, HandoverFlow.nominate)
    data = {"open_seat": "on"} if open_seat else {"successor": successor.pk}
    do(client, user, task, data)


def close_period(process):
    HandoverProcess.objects.filter(pk=process.pk).update(
        objection_deadline=timezone.now() - timedelta(minutes=1)
    )
    assert close_expired_periods() == 1


def test_complete_handover_with_accept_transfers_checklist(
    client, network, django_capture_on_commit_callbacks
):
    departing, dep_user = network["departing"]
    successor, succ_user = network["partner"]
    root = Page.objects.get(depth=1)
    owned = root.add_child(instance=Page(title="Werkgroep rookvrije sport", slug="werkgroep", owner=dep_user))
    reflection = ReflectionFlow.start.run()
    reflect_task = open_task(reflection, ReflectionFlow.reflect)
    reflect_task.flow_task.activation_class(reflect_task).assign(dep_user)

    process = start(client, network)
    kinds = set(process.checklist.values_list("kind", flat=True))
    assert {HandoverChecklistItem.Kind.PAGE, HandoverChecklistItem.Kind.TASK} <= kinds

    prepare_and_nominate(client, network, process, successor=successor)
    accept = open_task(process, HandoverFlow.accept)
    assert accept.owner == succ_user
    # Nobody but the successor's people may answer the nomination.
    for outsider in (network["supporter"][1], network["kern"][1][1], network["office"], dep_user):
        client.force_login(outsider)
        assert client.get(task_path(accept)).status_code == 403
        assert client.post(task_path(accept), {"response": "aanvaard"}).status_code == 403
    client.force_login(succ_user)
    page = client.get(task_path(accept))
    assert "Draaiboek staat in de map." in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        do(client, succ_user, accept, {"response": "aanvaard"})
    # The other core partners' contact persons (with or without a log-in) and the office, who may close the
    # objection period early.
    informed = {address for m in mail.outbox for address in m.to}
    assert informed == {u.email for _, u in network["kern"][1:]} | {network["office"].email}

    close_period(process)
    complete = open_task(process, HandoverFlow.complete)
    client.force_login(network["kern"][1][1])
    assert client.get(task_path(complete)).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        do(client, network["office"], complete, {"decision": "voltooien"})
    assert set(mail.outbox[-1].to) == {dep_user.email, succ_user.email}

    departing.refresh_from_db()
    successor.refresh_from_db()
    assert (departing.role, successor.role) == (Role.PARTNER, Role.KERNPARTNER)
    assert RoleChange.objects.filter(
        participant=departing, from_role="kernpartner", to_role="partner"
    ).exists()
    assert RoleChange.objects.filter(
        participant=successor, to_role="kernpartner", changed_by=network["office"]
    ).exists()
    owned.refresh_from_db()
    assert owned.owner == succ_user
    reflect_task.refresh_from_db()
    assert reflect_task.owner == succ_user
    assert not process.checklist.filter(transferred_at=None).exists()
    process.refresh_from_db()
    assert process.finished is not None
    assert succ_user.groups.filter(name="Kernpartners").exists()


def test_decline_then_renominate(client, network):
    process = start(client, network)
    first, first_user = network["partner"]
    second, second_user = network["partner2"]
    prepare_and_nominate(client, network, process, successor=first)
    do(
        client,
        first_user,
        open_task(process, HandoverFlow.accept),
        {"response": "afgewezen", "note": "Geen tijd."},
    )
    nominate = open_task(process, HandoverFlow.nominate)
    do(client, network["departing"][1], nominate, {"successor": second.pk})
    do(client, second_user, open_task(process, HandoverFlow.accept), {"response": "aanvaard"})
    assert list(process.nominations.values_list("participant__name", "response")) == [
        ("Partner Een", "afgewezen"),
        ("Partner Twee", "aanvaard"),
    ]
    close_period(process)
    do(client, network["office"], open_task(process, HandoverFlow.complete), {"decision": "voltooien"})
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.role, second.role) == (Role.PARTNER, Role.KERNPARTNER)


def test_objection_must_be_answered(client, network):
    process = start(client, network)
    successor, succ_user = network["partner"]
    prepare_and_nominate(client, network, process, successor=successor)
    do(client, succ_user, open_task(process, HandoverFlow.accept), {"response": "aanvaard"})
    url = f"/werkstromen/overdracht/{process.pk}/"
    objector, objector_user = network["kern"][2]
    client.force_login(objector_user)
    assert "Bezwaar maken" in client.get(url).content.decode()
    assert client.post(url, {"text": "Eerst bespreken in het kernoverleg."}).status_code == 302
    client.force_login(network["supporter"][1])
    assert client.post(url, {"text": "Ik ook"}).status_code == 403
    assert process.objections.get().participant == objector

    close_period(process)
    complete = open_task(process, HandoverFlow.complete)
    response = do(client, network["office"], complete, {"decision": "voltooien"}, expect=400)
    assert "Er zijn bezwaren" in response.content.decode()
    successor.refresh_from_db()
    assert successor.role == Role.PARTNER
    do(client, network["office"], complete, {"decision": "opnieuw", "decision_note": "Bezwaar gegrond."})
    assert open_task(process, HandoverFlow.nominate).owner == network["departing"][1]


def test_open_seat_below_five_needs_recorded_confirmation(client, network):
    # Six core partners, one stops without a successor, and another has already left: four would remain.
    network["kern"][5][0].mark_left()
    process = start(client, network)
    prepare_and_nominate(client, network, process, open_seat=True)
    close_period(process)
    complete = open_task(process, HandoverFlow.complete)
    response = do(client, network["office"], complete, {"decision": "voltooien"}, expect=400)
    assert "bevestig deze afwijking" in response.content.decode()
    assert Participant.objects.get(pk=process.departing_id).role == Role.KERNPARTNER
    do(
        client,
        network["office"],
        complete,
        {
            "decision": "voltooien",
            "bound_confirmed": "on",
            "bound_confirmation": "Werving loopt; tijdelijk vier.",
        },
    )
    process.refresh_from_db()
    assert process.bound_confirmed and process.bound_confirmation.startswith("Werving")
    # Submitting the finished task again changes nothing.
    changes = RoleChange.objects.count()
    again = client.post(
        task_path(complete), {"decision": "voltooien", "bound_confirmed": "on", "bound_confirmation": "x"}
    )
    assert again.status_code == 302 and RoleChange.objects.count() == changes
    assert process.departing.role == Role.PARTNER
    assert Participant.objects.filter(role=Role.KERNPARTNER, status="actief").count() == 4


def test_only_core_partners_or_office_start_and_see_a_handover(client, network):
    client.force_login(network["partner"][1])
    assert client.get("/werkstromen/overdracht/starten/").status_code == 403
    process = start(client, network)
    url = f"/werkstromen/overdracht/{process.pk}/"
    for user, status in (
        (network["supporter"][1], 403),
        (network["office"], 200),
        (network["kern"][3][1], 200),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
    client.logout()
    assert client.get(url).status_code == 302
    # The office may start one on a core partner's behalf, but not twice for the same one.
    client.force_login(network["office"])
    response = client.post(
        "/werkstromen/overdracht/starten/",
        {"departing": network["departing"][0].pk, "departing_new_role": "partner"},
    )
    assert response.status_code == 400
    assert "loopt al een overdracht" in response.content.decode()
