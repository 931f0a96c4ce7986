"""No flow waits on a person who cannot be reached: every open human task in the demo, and every task that
starting each flow creates, has an active user with a log-in who can act on it (workflows.tasklist)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from governance.models import HandoverProcess
from governance.tasks import start_due_reflection
from network.models import Participant, Role
from tests.onboarding.conftest import application_data, link_from_mail
from workflows import permissions, tasklist

pytestmark = pytest.mark.django_db


def describe(task):
    node = task.flow_task
    return (
        f"{task.process.flow_class.__name__}.{node.name} “{tasklist.step_title(node)}” "
        f"about “{tasklist.about(task.process)}” (task {task.pk}, owner {task.owner}, "
        f"permission {task.owner_permission or '-'})"
    )


def stuck(tasks):
    return [describe(task) for task in tasks if not tasklist.candidates(task)]


def test_no_open_task_in_the_demo_waits_on_nobody(demo):
    assert stuck(tasklist.open_tasks()) == []


def _as(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _apply(client, capture):
    """An application through /aanmelden/ and its confirmation link, as the applicant does it."""
    client.logout()
    with capture(execute=True):
        response = client.post("/aanmelden/", application_data(email="nieuw@example.org"))
    assert response.status_code == 302, response.content.decode()[:2000]
    path = "/" + link_from_mail(mail.outbox[-1]).split("://", 1)[1].split("/", 1)[1]
    with capture(execute=True):
        assert client.post(path).status_code in (200, 302)


def _handover(client, capture):
    """The office starts a handover for a core partner that has none running."""
    departing = (
        Participant.objects.filter(role=Role.KERNPARTNER, status=Participant.Status.ACTIVE)
        .exclude(pk__in=HandoverProcess.objects.filter(finished=None).values("departing"))
        .order_by("name")
        .first()
    )
    with capture(execute=True):
        response = _as(client, "bureau").post(
            "/werkstromen/overdracht/starten/",
            {"departing": departing.pk, "departing_new_role": Role.PARTNER},
        )
    assert response.status_code == 302, response.content.decode()[:3000]


def _exit_request(client, capture):
    """The demo's core partner asks a partner to leave."""
    participant = Participant.objects.filter(role=Role.PARTNER, status=Participant.Status.ACTIVE).order_by(
        "name"
    )[0]
    with capture(execute=True):
        response = _as(client, "kernpartner").post(
            "/werkstromen/vertrek/starten/",
            {"participant": participant.pk, "reason": "Treedt op namens het netwerk.", "rule": "Spelregel 3"},
        )
    assert response.status_code == 302, response.content.decode()[:3000]


def _reflection(client, capture, settings):
    """The reflection has no start page: beat starts it once the interval has passed."""
    settings.NNR_REFLECTION_INTERVAL_DAYS = 0
    with capture(execute=True):
        assert start_due_reflection()


def test_starting_each_flow_creates_no_task_that_waits_on_nobody(
    client, demo, django_capture_on_commit_callbacks, settings
):
    starts = {
        "OnboardingFlow": lambda: _apply(client, django_capture_on_commit_callbacks),
        "HandoverFlow": lambda: _handover(client, django_capture_on_commit_callbacks),
        "ExitRequestFlow": lambda: _exit_request(client, django_capture_on_commit_callbacks),
        "ReflectionFlow": lambda: _reflection(client, django_capture_on_commit_callbacks, settings),
    }
    assert set(starts) == {flow.__name__ for flow in permissions.registered_flows()}, (
        "a new flow: start it here"
    )
    problems = []
    for name, start in starts.items():
        before = set(tasklist.open_tasks().values_list("pk", flat=True))
        start()
        new = tasklist.open_tasks().exclude(pk__in=before)
        assert new.exists(), f"starting {name} created no human task"
        problems += stuck(new)
    assert problems == []
