import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from onboarding import demo as onboarding_demo
from onboarding.models import Application, ConfirmationRound, Declaration, DeclarationText
from workflows import permissions

pytestmark = pytest.mark.django_db


def test_demo_applications_give_the_office_a_task_load_idempotently_and_render(client, demo):
    """One test, because loading the demo network is slow."""
    bureau = get_user_model().objects.get(username="bureau")

    def screenings(tasks):
        return [t for t in tasks if str(t.title) == "Aanmelding screenen"]

    assert len(screenings(permissions.inbox(bureau))) == 1  # assigned to the office's demo account
    assert len(screenings(permissions.queue(bureau))) == 1
    steps = {a.organisation_name: a.step for a in Application.objects.all()}
    assert steps["Zwemvereniging De Golf"] == Application.Step.RECEIVED
    assert steps["Vape Express BV"] == Application.Step.DECIDED
    counts = (Application.objects.count(), Declaration.objects.count())
    onboarding_demo.load(BaseCommand(stdout=io.StringIO()))  # idempotent (every table: tests/home)
    assert (Application.objects.count(), Declaration.objects.count()) == counts
    assert Declaration.objects.filter(purpose="aanmelding").count() == 4
    assert Declaration.verify_chain() == []

    # The rules' second version: its round half answered, one disagreement; version 3 waits as a draft.
    (round_,) = ConfirmationRound.objects.all()
    answered = round_.requests.exclude(confirmed_at=None).count()
    assert (
        answered
        == Declaration.objects.filter(purpose="herbevestiging").count()
        == round_.requests.count() // 2
    )
    assert round_.requests.exclude(disagreed_at=None).count() == 1
    assert DeclarationText.objects.drafts().get().kind == "spelregels"
    client.force_login(get_user_model().objects.get(username="bureau"))
    for url in ["/admin/bevestigingen/", f"/admin/bevestigingen/{round_.pk}/", "/admin/declaratietexts/"]:
        assert client.get(url).status_code == 200, url

    # The Taken area is generic: governance's flows (handover, exit, reflection) show up too.
    for username in ["bureau", "kernpartner", "partner", "admin"]:
        client.force_login(get_user_model().objects.get(username=username))
        for url in ["/admin/", "/admin/taken/", "/admin/taken/wachtrij/"]:
            assert client.get(url).status_code == 200, (username, url)
        for task in permissions.inbox(get_user_model().objects.get(username=username)):
            assert client.get(f"/admin/taken/taak/{task.pk}/").status_code == 200
            assert client.get(f"/admin/taken/proces/{task.process_id}/").status_code == 200
