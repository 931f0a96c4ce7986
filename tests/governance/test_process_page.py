"""What the task lists and process pages ask of these flows (issue 15's protocol): Dutch step names on every
node, what a process is about, its deadlines, what each person wrote, the task's address; and the process
page showing the steps, who must act next and by when, and what happened."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from governance.flows import ExitRequestFlow, HandoverFlow, ReflectionFlow
from governance.models import HandoverProcess
from network.models import Role

from .conftest import core_partners, member, office_user, open_task, task_path

pytestmark = pytest.mark.django_db

FLOWS = (HandoverFlow, ExitRequestFlow, ReflectionFlow)


@pytest.mark.parametrize("flow_class", FLOWS, ids=lambda f: f.__name__)
def test_every_step_has_a_dutch_title_never_its_node_name(flow_class):
    assert flow_class.process_title
    for node in flow_class.instance.nodes():
        default = node.name.replace(
            "_", " "
        ).title()  # what Viewflow shows without a title: "Build Checklist"
        assert node.task_title and str(node.task_title) != default, node.name
    for english in ("Build Checklist", "Check Nomination", "Check Accepted", "Inform"):
        assert english not in {str(n.task_title) for n in flow_class.instance.nodes()}


def test_handover_hooks_and_page(client, django_capture_on_commit_callbacks):
    kern = core_partners(6)
    (departing, dep_user), (_, other_user) = kern[0], kern[1]
    successor, succ_user = member("Partner Een", Role.PARTNER)
    office = office_user()
    process = HandoverFlow.start.run(departing=departing, by=dep_user)
    client.force_login(dep_user)
    client.post(
        task_path(open_task(process, HandoverFlow.prepare)),
        {"departing_new_role": "partner", "notes": "Het kernoverleg is op dinsdag."},
    )
    client.post(task_path(open_task(process, HandoverFlow.nominate)), {"successor": successor.pk})
    accept = open_task(process, HandoverFlow.accept)
    assert HandoverFlow.task_url(accept) == f"/werkstromen/overdracht/{process.pk}/accept/{accept.pk}/"
    assert process.about() == departing.name and process.deadline(accept) is None
    client.force_login(succ_user)
    client.post(task_path(accept), {"response": "aanvaard", "note": "Graag."})

    process = HandoverProcess.objects.get()
    period = open_task(process, HandoverFlow.objection_period)
    assert process.deadline(period) == process.objection_deadline
    assert process.objection_deadline - timezone.now() > timedelta(days=6)
    done = {t.flow_task.name: t for t in process.task_set.filter(status="DONE")}
    assert process.task_summary(done["prepare"]) == "0 punten over te dragen. Het kernoverleg is op dinsdag."
    assert process.task_summary(done["nominate"]) == "Voorgedragen: Partner Een."
    assert process.task_summary(done["accept"]) == "Aanvaard — Graag."

    client.force_login(other_user)
    page = client.get(f"/werkstromen/overdracht/{process.pk}/").content.decode()
    # Who must act next, and by when.
    assert "Nu aan de beurt" in page and "De andere kernpartners kunnen bezwaar maken" in page
    assert timezone.localtime(process.objection_deadline).strftime("%H:%M") in page
    # The steps, and what happened: who, and what they wrote.
    assert "Opvolger voordragen: afgerond" in page and "Bezwaartermijn: <strong>nu aan de beurt" in page
    assert "Overdracht afronden: nog niet" in page
    assert "Contact Partner Een (Partner Een)" in page and "Aanvaard — Graag." in page
    assert "(Kern 1)</span><br>0 punten over te dragen." in page
    # What this core partner may do now.
    assert "Wat u nu kunt doen" in page and "Bezwaar maken" in page
    for english in ("Build Checklist", "Check Nomination", "Check Accepted", "Inform<", "Finished"):
        assert english not in page
    client.force_login(office)
    assert (
        "Bezwaartermijn nu sluiten" in client.get(f"/werkstromen/overdracht/{process.pk}/").content.decode()
    )


def test_exit_request_hooks():
    (requester, requester_user), (other, other_user), _ = core_partners(3)
    concerned, _ = member("Twijfelachtig BV", Role.PARTNER)
    process = ExitRequestFlow.start.run(
        participant=concerned, by=requester_user, requesting_participant=requester, reason="R", rule="S"
    )
    support = open_task(process, ExitRequestFlow.support)
    assert ExitRequestFlow.task_url(support) == f"/werkstromen/vertrek/{process.pk}/support/{support.pk}/"
    assert process.about() == "Twijfelachtig BV" and process.deadline(support) is None
    process.supported, process.supporting_participant, process.support_note = True, other, "Eens."
    process.hearing_deadline = timezone.now() + timedelta(days=14)
    process.save()
    support.status, support.finished = "DONE", timezone.now()
    assert process.task_summary(support) == "Gesteund namens Kern 2 — Eens."
    respond = process.task_set.create(flow_task=ExitRequestFlow.respond, status="NEW")
    assert process.deadline(respond) == process.hearing_deadline
    start = process.task_set.get(flow_task=ExitRequestFlow.start)
    assert start.owner == requester_user  # who filed it shows in the history


def test_reflection_hooks():
    core_partners(1)
    process = ReflectionFlow.start.run(title="Reflectie 2030")
    reflect = open_task(process, ReflectionFlow.reflect)
    assert ReflectionFlow.task_url(reflect).startswith(f"/werkstromen/reflectie/{process.pk}/reflect/")
    assert process.about() == "Reflectie 2030" and process.deadline(reflect) is None
    process.conclusions = "Past nog."
    assert process.task_summary(reflect) == "Past nog."


def test_the_admin_archive_speaks_dutch(client):
    (departing, dep_user), *_ = core_partners(5)
    process = HandoverFlow.start.run(departing=departing, by=dep_user)
    client.force_login(office_user())
    listing = client.get("/admin/overdrachten/").content.decode()
    assert "Beëindigd op" in listing and "Plaats opengesteld" in listing and "Loopt" in listing
    inspect = client.get(f"/admin/overdrachten/inspect/{process.pk}/").content.decode()
    for english in ("Finished", "Created", "True", "False"):
        assert english not in listing and english not in inspect
    words = " ".join(re.sub(r"<[^>]+>", " ", inspect).split())
    assert "Plaats opengesteld nee" in words and "Opvolger –" in words and "Status Loopt Gestart op" in words
