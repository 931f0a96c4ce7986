"""A process page in the admin: Dutch step names, who did what and when (and what they wrote), who must act
next and by when, and what the viewer may do now (workflows.history)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from governance.flows import HandoverFlow
from governance.models import HandoverProcess
from network import audit
from network.models import Role
from tests.governance.conftest import member

from .conftest import open_task

pytestmark = pytest.mark.django_db

ENGLISH = (
    "Build Checklist",
    "Check Nomination",
    "Check Accepted",
    "Inform",
    "Finished",
    "False",
    "True",
    ">Start<",
)


@pytest.fixture
def handover(db):
    departing, departing_user = member("Kern Vertrekt", Role.KERNPARTNER)
    successor, successor_user = member("GGD Opvolger", Role.PARTNER)
    process = HandoverFlow.start.run(departing=departing, by=departing_user)
    process.successor = successor
    process.save()
    for node in (HandoverFlow.prepare, HandoverFlow.nominate):
        activation = node.activation_class(open_task(process, node))
        activation.start(None)
        activation.execute()
    return process, successor_user


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_process_page_tells_the_story_in_dutch(client, handover, office_user, monkeypatch):
    process, successor_user = handover
    deadline = timezone.now() + timedelta(days=5)
    monkeypatch.setattr(HandoverProcess, "deadline", lambda self, task: deadline, raising=False)
    monkeypatch.setattr(
        HandoverProcess,
        "task_summary",
        lambda self, task: "Notities bijgewerkt." if task.flow_task is HandoverFlow.prepare else "",
        raising=False,
    )
    audit.record(
        audit.TASK_REASSIGNED,
        process,
        user=office_user,
        data={"task": "Opvolger voordragen", "to": "Kern Vertrekt", "reason": "Test"},
    )
    client.force_login(office_user)
    html = client.get(f"/admin/taken/proces/{process.pk}/").content.decode()
    page = text(html)
    assert "Overdracht kernpartnerrol" in page and "Kern Vertrekt" in page and "loopt" in page
    nxt = page.split("Wie is nu aan de beurt")[1].split("Verloop")[0]
    when = timezone.localtime(deadline).strftime("%-d")
    assert f"Voordracht als kernpartner beantwoorden : Contact GGD Opvolger, uiterlijk {when} " in nxt
    assert "Aan iemand anders geven" in nxt  # what the office may do now
    story = page.split("Verloop")[-1]
    assert (
        story.index("Overdracht gestart")
        < story.index("Overdracht voorbereiden")
        < story.index("Opvolger voordragen")
    )
    assert "door Contact Kern Vertrekt" in story and "Notities bijgewerkt." in story
    assert "Taak aan iemand anders gegeven" in story and "Test" in story
    for word in ENGLISH:
        assert word not in html, word


def test_the_person_whose_turn_it_is_gets_the_link(client, handover):
    process, successor_user = handover
    from workflows.history import timeline

    (step,) = timeline(process, user=successor_user).next_steps
    assert step.actions and step.actions[0][0] == "Dit is uw taak: nu doen"
    (step,) = timeline(process).next_steps
    assert not step.actions


def test_the_task_lists_say_nothing_in_english(client, handover, office_user):
    client.force_login(office_user)
    for url in ("/admin/taken/", "/admin/taken/wachtrij/", "/admin/taken/alle/", "/mijn/taken/"):
        html = client.get(url).content.decode()
        for word in ENGLISH:
            assert word not in html, (url, word)
