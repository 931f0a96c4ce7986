"""A flow never waits on a person who cannot be reached (issue 15.2): a task whose people have no log-in goes
to the office, who does it on their behalf; announcements reach contact persons without an account too."""

import pytest
from django.core import mail

from governance.flows import OFFICE_PERMISSION, ExitRequestFlow, HandoverFlow
from governance.models import ExitRequestProcess
from network.factories import ContactPersonFactory, ParticipantFactory
from network.models import Role

from .conftest import core_partners, member, office_user, open_task, task_path

pytestmark = pytest.mark.django_db


def without_login(name, role):
    """A participant whose only contact person has no account."""
    return ContactPersonFactory(
        participant=ParticipantFactory(name=name, role=role), email=f"{name.split()[0].lower()}@example.org"
    ).participant


def file_exit(requester, requester_user, concerned):
    return ExitRequestFlow.start.run(
        participant=concerned,
        by=requester_user,
        requesting_participant=requester,
        reason="Spreekt namens het netwerk.",
        rule="Niet namens het netwerk communiceren.",
    )


def test_support_goes_to_the_office_when_no_other_core_partner_can_log_in(client):
    (requester, requester_user), *_ = core_partners(1)
    others = [without_login(f"Kern{i} zonder account", Role.KERNPARTNER) for i in range(4)]
    concerned, _ = member("Twijfelachtig BV", Role.PARTNER)
    office = office_user()
    process = file_exit(requester, requester_user, concerned)

    support = open_task(process, ExitRequestFlow.support)
    assert support.owner_permission == OFFICE_PERMISSION and support.owner is None
    client.force_login(requester_user)
    assert client.get(task_path(support)).status_code == 403
    client.force_login(office)
    page = client.get(task_path(support)).content.decode()
    assert "daarom ligt hij bij het netwerkbureau" in page
    assert "Namens welke kernpartner" in page
    # The office records which core partner gave the answer; the requester cannot be chosen.
    response = client.post(task_path(support), {"supported": "1", "supporting_participant": requester.pk})
    assert response.status_code == 400
    response = client.post(task_path(support), {"supported": "1", "supporting_participant": others[0].pk})
    assert response.status_code == 302
    process.refresh_from_db()
    assert (
        process.supported and process.supporting_participant == others[0] and process.supported_by == office
    )


def test_support_stays_with_the_core_partners_when_one_can_log_in(client):
    (requester, requester_user), (other, other_user) = core_partners(2)
    concerned, _ = member("Twijfelachtig BV", Role.PARTNER)
    office = office_user()
    support = open_task(file_exit(requester, requester_user, concerned), ExitRequestFlow.support)
    assert support.owner_permission == "governance.act_as_core_partner"
    client.force_login(office)
    assert client.get(task_path(support)).status_code == 403
    client.force_login(other_user)
    assert client.get(task_path(support)).status_code == 200


def test_a_participant_without_log_in_answers_through_the_office(client, django_capture_on_commit_callbacks):
    (requester, requester_user), (other, other_user) = core_partners(2)
    concerned = without_login("Zonder Account BV", Role.PARTNER)
    office = office_user()
    process = file_exit(requester, requester_user, concerned)
    client.force_login(other_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(task_path(open_task(process, ExitRequestFlow.support)), {"supported": "1"})
    # The participant's contact person is told, by its own address, to answer the office; the office, which
    # now holds the task, gets workflows' task mail.
    assert [m.to for m in mail.outbox] == [["zonder@example.org"], [office.email]]
    assert "netwerkbureau te mailen: netwerkbureau@example.org" in mail.outbox[0].body
    assert mail.outbox[1].subject.startswith("Er is een taak voor u")

    respond = open_task(process, ExitRequestFlow.respond)
    assert respond.owner is None and respond.owner_permission == OFFICE_PERMISSION
    client.force_login(office)
    response = client.post(task_path(respond), {"response": "Per e-mail: wij stoppen ermee."})
    assert response.status_code == 302
    assert ExitRequestProcess.objects.get().response.startswith("Per e-mail")


def test_a_successor_without_log_in_answers_through_the_office(client, django_capture_on_commit_callbacks):
    kern = core_partners(6)
    (departing, dep_user), *others = kern
    kern5 = without_login("Kern zonder account", Role.KERNPARTNER)
    successor = without_login("Opvolger zonder account", Role.PARTNER)
    office = office_user()
    process = HandoverFlow.start.run(departing=departing, by=dep_user)
    client.force_login(dep_user)
    client.post(task_path(open_task(process, HandoverFlow.prepare)), {"departing_new_role": "partner"})
    client.post(task_path(open_task(process, HandoverFlow.nominate)), {"successor": successor.pk})

    accept = open_task(process, HandoverFlow.accept)
    assert accept.owner is None and accept.owner_permission == OFFICE_PERMISSION
    client.force_login(office)
    page = client.get(task_path(accept)).content.decode()
    assert "Opvolger zonder account is voorgedragen als opvolger" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(task_path(accept), {"response": "aanvaard"}).status_code == 302
    # The announcement reaches every other core partner's contact person, with or without a log-in.
    informed = {address for m in mail.outbox for address in m.to}
    assert informed == {u.email for _, u in others} | {c.email for c in kern5.contacts.all()} | {office.email}
    assert "Heeft u geen account op de site? Mail uw bezwaar dan aan het netwerkbureau" in mail.outbox[0].body
