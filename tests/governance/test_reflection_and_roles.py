"""Reflection (periodic start, core partners' form, archive for participants), a participant's own role
change, the read-only archive in the admin and the Mijn netwerk panel."""

import pytest
from django.core import mail

from governance.flows import ReflectionFlow
from governance.models import ReflectionProcess
from governance.tasks import start_due_reflection
from network.models import Role, RoleChange

from .conftest import core_partners, member, office_user, open_task, task_path

pytestmark = pytest.mark.django_db


def test_reflection_started_once_per_interval_and_archived_for_participants(
    client, settings, django_capture_on_commit_callbacks
):
    (kern, kern_user), (other, other_user) = core_partners(2)
    supporter, supporter_user = member("Supporter Sam", Role.SUPPORTER)
    with django_capture_on_commit_callbacks(execute=True):
        first = start_due_reflection()
    assert start_due_reflection() is None  # not again within the interval
    # The core partners hear of their task by workflows' generic task mail, and of nothing else.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([kern_user.email, other_user.email])
    assert all(m.subject.startswith("Er is een taak voor u") for m in mail.outbox)
    process = ReflectionProcess.objects.get(pk=first)
    task = open_task(process, ReflectionFlow.reflect)
    client.force_login(supporter_user)
    assert client.get(task_path(task)).status_code == 403
    assert client.get("/mijn/reflecties/").content.decode().count("Nog geen") == 0
    client.force_login(kern_user)
    assert client.post(task_path(task), {"conclusions": ""}).status_code == 400
    response = client.post(
        task_path(task),
        {"conclusions": "De spelregels passen nog.", "follow_up": "Netwerkvorm herzien in 2027."},
    )
    assert response.status_code == 302
    client.force_login(supporter_user)
    archive = client.get("/mijn/reflecties/").content.decode()
    assert "De spelregels passen nog." in archive and "Netwerkvorm herzien in 2027." in archive
    assert client.get(f"/werkstromen/reflectie/{process.pk}/").status_code == 200
    client.logout()
    assert client.get("/mijn/reflecties/").status_code == 302
    settings.NNR_REFLECTION_INTERVAL_DAYS = 0
    assert start_due_reflection() is not None


def test_participant_moves_between_supporter_and_partner(client):
    participant, user = member("Sportclub Rookvrij", Role.SUPPORTER)
    client.force_login(user)
    assert "Rol wijzigen" in client.get("/mijn/rol/").content.decode()
    assert client.post("/mijn/rol/", {"role": "kernpartner"}).status_code == 400
    assert (
        client.post("/mijn/rol/", {"role": "partner", "reason": "We doen mee in de coalitie."}).status_code
        == 302
    )
    participant.refresh_from_db()
    assert participant.role == Role.PARTNER
    change = RoleChange.objects.filter(participant=participant).first()
    assert (change.from_role, change.to_role, change.changed_by) == ("supporter", "partner", user)
    assert user.groups.filter(name="Partners").exists()
    client.post("/mijn/rol/", {"role": "supporter"})
    participant.refresh_from_db()
    assert participant.role == Role.SUPPORTER


def test_core_partner_cannot_step_down_without_a_handover(client):
    (kern, kern_user), *_ = core_partners(1)
    client.force_login(kern_user)
    page = client.get("/mijn/rol/").content.decode()
    assert "Overdracht kernpartnerrol starten" in page
    response = client.post("/mijn/rol/", {"role": "partner"})
    assert response.status_code == 400
    assert "alleen via een overdracht" in response.content.decode()
    kern.refresh_from_db()
    assert kern.role == Role.KERNPARTNER


def test_role_change_needs_a_participant(client):
    client.force_login(office_user())
    assert client.get("/mijn/rol/").status_code == 403


def test_archive_in_admin_is_read_only(client):
    from governance.flows import ExitRequestFlow, HandoverFlow

    process = ReflectionFlow.start.run(title="Reflectie 2026")
    (kern, kern_user), (other, _) = core_partners(2)
    handover = HandoverFlow.start.run(departing=kern, by=kern_user)
    exit_request = ExitRequestFlow.start.run(
        participant=other, by=kern_user, requesting_participant=kern, reason="Reden", rule="Spelregel 2"
    )
    office = office_user()
    client.force_login(office)
    for prefix, pk, text in (
        ("overdrachten", handover.pk, "Kern 1"),
        ("vertrekverzoeken", exit_request.pk, "Spelregel 2"),
    ):
        assert client.get(f"/admin/{prefix}/").status_code == 200
        page = client.get(f"/admin/{prefix}/inspect/{pk}/")
        assert page.status_code == 200 and text in page.content.decode()
        assert client.get(f"/admin/{prefix}/delete/{pk}/").status_code == 404
    assert client.get("/admin/reflecties/").status_code == 200
    inspect = client.get(f"/admin/reflecties/inspect/{process.pk}/")
    assert inspect.status_code == 200 and "Reflectie 2026" in inspect.content.decode()
    assert client.get("/admin/reflecties/new/").status_code == 404
    assert client.get(f"/admin/reflecties/edit/{process.pk}/").status_code == 404
    _, partner_user = member("Partner Een", Role.PARTNER)
    client.force_login(partner_user)
    assert client.get("/admin/reflecties/").status_code in (302, 403)


def test_account_panel_lists_my_tasks(client):
    (kern, kern_user), *_ = core_partners(1)
    process = ReflectionFlow.start.run()
    client.force_login(kern_user)
    page = client.get("/mijn/").content.decode()
    assert task_path(open_task(process, ReflectionFlow.reflect)) in page
    assert "Verzoek tot vertrek indienen" in page


def test_demo_has_a_handover_in_progress_and_an_archived_reflection(client):
    """governance.demo on just the demo participants it builds on (the full load_demo is tested elsewhere)."""
    from governance import demo
    from governance.models import HandoverProcess

    core_partners(5)
    member(demo.DEPARTING, Role.KERNPARTNER, username="kernpartner")
    member(demo.SUCCESSOR, Role.PARTNER, username="partner")
    command = type("Command", (), {"stdout": open("/dev/null", "w")})()
    demo.load(command)
    demo.load(command)  # idempotent
    handover = HandoverProcess.objects.get()
    assert handover.finished is None and handover.successor.name == demo.SUCCESSOR
    reflection = ReflectionProcess.objects.exclude(finished=None).get()
    assert reflection.completed_at is not None
    assert ReflectionProcess.objects.filter(finished=None).count() == 1  # one open for the core partners
    client.login(username="partner", password="pw")
    assert "Voordracht als kernpartner beantwoorden" in client.get("/mijn/").content.decode()
    assert reflection.conclusions[:20] in client.get("/mijn/reflecties/").content.decode()
