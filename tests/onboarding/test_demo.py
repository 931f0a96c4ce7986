import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from onboarding.models import Application, Declaration
from workflows import permissions

pytestmark = pytest.mark.django_db


def test_demo_applications_give_the_office_a_task_and_load_idempotently(demo):
    bureau = get_user_model().objects.get(username="bureau")
    assert [str(t.title) for t in permissions.inbox(bureau)] == ["Aanmelding screenen"]
    assert len(permissions.queue(bureau)) == 1
    steps = {a.organisation_name: a.step for a in Application.objects.all()}
    assert steps["Zwemvereniging De Golf"] == Application.Step.RECEIVED
    assert steps["Vape Express BV"] == Application.Step.DECIDED
    counts = (Application.objects.count(), Declaration.objects.count())
    call_command("load_demo", stdout=open(os.devnull, "w"))
    assert (Application.objects.count(), Declaration.objects.count()) == counts == (4, 4)
    assert Declaration.verify_chain() == []


def test_taken_area_renders_every_flows_tasks_for_demo_users(client, demo):
    """The Taken area is generic: the workflows app's flows (handover, exit, reflection) show up too."""
    for username in ["bureau", "kernpartner", "partner", "admin"]:
        client.force_login(get_user_model().objects.get(username=username))
        for url in ["/admin/", "/admin/taken/", "/admin/taken/wachtrij/"]:
            assert client.get(url).status_code == 200, (username, url)
        for task in permissions.inbox(get_user_model().objects.get(username=username)):
            assert client.get(f"/admin/taken/taak/{task.pk}/").status_code == 200
            assert client.get(f"/admin/taken/proces/{task.process_id}/").status_code == 200
