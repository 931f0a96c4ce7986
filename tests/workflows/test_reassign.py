"""The office gives an open task to someone else who can do it, with a reason that the process's history keeps;
the new owner gets the task's mail."""

import pytest
from django.core import mail
from viewflow.workflow.status import STATUS
from wagtail.models import ModelLogEntry

from governance.flows import HandoverFlow, ReflectionFlow
from network import audit
from network.factories import ContactUserFactory, OfficeUserFactory
from network.models import Role
from tests.governance.conftest import member
from tests.onboarding.conftest import apply_and_verify

from .conftest import open_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def screening(client, rules_page, office_user, django_capture_on_commit_callbacks):
    """A screening task, taken by the office's `bureau`."""
    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    task = open_task(application, application.flow_class.screening)
    client.force_login(office_user)
    client.post(f"/admin/taken/taak/{task.pk}/oppakken/")
    task.refresh_from_db()
    assert task.owner == office_user
    return task


def reassign(client, user, task, data, capture=None):
    client.force_login(user)
    if capture is None:
        return client.post(f"/admin/taken/taak/{task.pk}/toewijzen/", data)
    with capture(execute=True):
        return client.post(f"/admin/taken/taak/{task.pk}/toewijzen/", data)


def test_the_office_gives_a_task_to_a_colleague_with_a_reason(
    client, screening, office_user, office_user2, django_capture_on_commit_callbacks
):
    colleague = OfficeUserFactory(username="bureau3", first_name="Carla", last_name="Smit")
    form = client.get(f"/admin/taken/taak/{screening.pk}/").content.decode()
    assert "Aan iemand anders geven" in form and "Carla Smit" in form
    mail.outbox.clear()
    response = reassign(
        client,
        office_user2,
        screening,
        {"user": colleague.pk, "reason": "Bureau is twee weken met verlof."},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.owner == colleague and screening.status == STATUS.ASSIGNED
    entry = ModelLogEntry.objects.get(action=audit.TASK_REASSIGNED)
    assert entry.user == office_user2 and entry.data["reason"] == "Bureau is twee weken met verlof."
    (message,) = mail.outbox
    assert message.to == [colleague.email] and message.subject.startswith("Er is een taak voor u")
    assert "Reden: Bureau is twee weken met verlof." in message.body
    history = client.get(f"/admin/taken/proces/{screening.process_id}/").content.decode()
    assert "Taak aan iemand anders gegeven" in history
    assert (
        "Taak “Aanmelding screenen” van bureau aan Carla Smit gegeven — Bureau is twee weken met verlof."
        in history
    )
    assert "Wie is nu aan de beurt" in history and "Carla Smit" in history.split("Wie is nu aan de beurt")[1]


def test_a_reason_and_someone_who_can_do_it_are_required(client, screening, office_user2, core_partner_user):
    response = reassign(client, office_user2, screening, {"user": office_user2.pk, "reason": ""})
    assert response.status_code == 400
    assert "Schrijf op waarom u de taak aan iemand anders geeft." in response.content.decode()
    response = reassign(
        client, office_user2, screening, {"user": core_partner_user.pk, "reason": "Waarom niet"}
    )
    assert response.status_code == 400 and "Deze persoon kan deze taak niet doen" in response.content.decode()
    screening.refresh_from_db()
    assert screening.owner.username == "bureau" and not ModelLogEntry.objects.filter(
        action=audit.TASK_REASSIGNED
    )


def test_only_the_office_reassigns(client, kern, reflection):
    _, task = reflection
    response = reassign(client, kern[0][1], task, {"user": kern[1][1].pk, "reason": "Graag"})
    assert response.status_code in (302, 403) and response.get("Location", "") in ("", "/admin/")
    task.refresh_from_db()
    assert task.owner is None
    assert "Aan iemand anders geven" not in client.get(f"/admin/taken/taak/{task.pk}/").content.decode()


def test_a_group_task_is_given_to_one_of_the_group(client, kern, reflection, office_user):
    _, task = reflection
    response = reassign(
        client, office_user, task, {"user": kern[2][1].pk, "reason": "Kern 3 schrijft dit jaar."}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (
        task.owner == kern[2][1]
        and task.status == STATUS.ASSIGNED
        and task.flow_task == ReflectionFlow.reflect
    )


def test_a_participants_task_can_go_to_a_colleague_of_the_same_organisation(client, office_user):
    departing, departing_user = member("Kern Vertrekt", Role.KERNPARTNER)
    successor, successor_user = member("GGD Opvolger", Role.PARTNER)
    colleague = ContactUserFactory(
        username="collega", contact__participant=successor, contact__name="Dirk Collega"
    )
    process = HandoverFlow.start.run(departing=departing, by=departing_user)
    process.successor = successor
    process.save()
    for node in (HandoverFlow.prepare, HandoverFlow.nominate):
        activation = node.activation_class(open_task(process, node))
        activation.start(None)
        activation.execute()
    accept = open_task(process, HandoverFlow.accept)
    assert accept.owner == successor_user
    client.force_login(office_user)
    page = client.get(f"/admin/taken/taak/{accept.pk}/").content.decode()
    assert "Dirk Collega (GGD Opvolger)" in page
    response = reassign(
        client, office_user, accept, {"user": colleague.pk, "reason": "Contactpersoon is vertrokken."}
    )
    assert response.status_code == 302
    accept.refresh_from_db()
    assert accept.owner == colleague
