"""The admin "Taken" area: who sees and does which task, and exactly one winner when two execute at once."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test import Client
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from network.models import Participant
from tests.onboarding.conftest import application_data, apply_and_verify, link_from_mail

pytestmark = pytest.mark.django_db


def refused(response):
    """Wagtail turns PermissionDenied into a redirect to the admin home (or to the login for anonymous users)."""
    return response.status_code == 403 or (
        response.status_code == 302
        and (response["Location"] == "/admin/" or "/login/" in response["Location"])
    )


ACCEPT = {"checks": ["declarations", "identity", "tobacco", "guideline", "duplicates"], "outcome": "accept"}


@pytest.fixture
def screening_task(client, rules_page, django_capture_on_commit_callbacks):
    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    client.logout()
    return Task.objects.get(process=application, flow_task_type="HUMAN")


def test_office_takes_a_task_from_the_queue_and_sees_it_in_the_inbox(client, office_user, screening_task):
    client.force_login(office_user)
    home = client.get("/admin/").content.decode()
    assert "Mijn taken" in home and "1 taak klaar om op te pakken" in home and 'href="/admin/taken/"' in home
    assert '"name": "taken", "label": "Taken"' in home  # the menu item
    queue = client.get("/admin/taken/wachtrij/").content.decode()
    # The flow says where its task is done (onboarding: its one-screen screening page).
    assert "Aanmelding screenen" in queue and f"/admin/screening/taak/{screening_task.pk}/" in queue
    mine = client.get("/admin/taken/").content.decode()  # one list: the group task is mine to pick up too
    assert (
        "Aanmelding screenen" in mine
        and "Aanmelding van Rookvrije Sportbond" in mine
        and "nog niemand" in mine
    )

    early = client.get(f"/admin/taken/taak/{screening_task.pk}/uitvoeren/")
    assert any("Pak de taak eerst op" in str(m) for m in get_messages(early.wsgi_request))
    client.post(f"/admin/taken/taak/{screening_task.pk}/oppakken/")
    screening_task.refresh_from_db()
    assert screening_task.owner == office_user and screening_task.status == STATUS.ASSIGNED
    inbox = client.get("/admin/taken/").content.decode()
    assert "Aanmelding screenen" in inbox and "nog niemand" not in inbox
    detail = client.get(f"/admin/taken/taak/{screening_task.pk}/").content.decode()
    # Onboarding does its screening on a page of its own: the task detail links there.
    assert "Taak doen" in detail and f"/admin/screening/taak/{screening_task.pk}/" in detail
    assert "Teruggeven" in detail
    form = client.get(f"/admin/taken/taak/{screening_task.pk}/uitvoeren/").content.decode()
    assert "Rookvrije Sportbond" in form and "Voorleggen aan de kernpartners" in form

    history = client.get(f"/admin/taken/proces/{screening_task.process_id}/").content.decode()
    assert (
        "Aanmelding ontvangen" in history
        and "E-mailadres bevestigen" in history
        and "Verloop" in history
        and "Wie is nu aan de beurt" in history
    )

    client.post(f"/admin/taken/taak/{screening_task.pk}/teruggeven/")
    screening_task.refresh_from_db()
    assert screening_task.owner is None and screening_task.status == STATUS.NEW


def test_a_colleague_cannot_execute_or_take_an_assigned_task(
    client, office_user, office_user2, screening_task
):
    client.force_login(office_user)
    client.post(f"/admin/taken/taak/{screening_task.pk}/oppakken/")
    client.force_login(office_user2)
    response = client.post(f"/admin/taken/taak/{screening_task.pk}/uitvoeren/", ACCEPT)
    assert response.status_code == 302
    assert any("aan iemand anders toegewezen" in str(m) for m in get_messages(response.wsgi_request))
    client.post(f"/admin/taken/taak/{screening_task.pk}/oppakken/")
    screening_task.refresh_from_db()
    assert screening_task.owner == office_user and screening_task.status == STATUS.ASSIGNED


@pytest.mark.parametrize("who", ["supporter_user", "partner_user", None])
def test_others_cannot_see_or_do_screening(client, request, screening_task, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    pk = screening_task.pk
    for url in ["/admin/taken/", "/admin/taken/wachtrij/"]:
        response = client.get(url)
        assert response.status_code != 200 or "Aanmelding screenen" not in response.content.decode()
    assert refused(client.get(f"/admin/taken/taak/{pk}/"))
    for action in ["oppakken", "uitvoeren"]:
        assert refused(client.post(f"/admin/taken/taak/{pk}/{action}/", ACCEPT))
    screening_task.refresh_from_db()
    assert screening_task.status == STATUS.NEW and screening_task.owner is None
    assert not Participant.objects.filter(name="Rookvrije Sportbond").exists()


def test_core_partners_cannot_take_screening(client, core_partner_user, screening_task):
    client.force_login(core_partner_user)
    assert "Aanmelding screenen" not in client.get("/admin/taken/wachtrij/").content.decode()
    assert refused(client.post(f"/admin/taken/taak/{screening_task.pk}/oppakken/"))
    screening_task.refresh_from_db()
    assert screening_task.owner is None


def test_partner_is_refused_a_task_even_when_it_was_assigned_to_them(client, partner_user, screening_task):
    Task.objects.filter(pk=screening_task.pk).update(owner=partner_user, status=STATUS.ASSIGNED)
    client.force_login(partner_user)
    assert refused(client.get(f"/admin/taken/taak/{screening_task.pk}/uitvoeren/"))
    assert refused(client.post(f"/admin/taken/taak/{screening_task.pk}/uitvoeren/", ACCEPT))
    assert not Participant.objects.filter(name="Rookvrije Sportbond").exists()


@pytest.mark.django_db(transaction=True)
def test_two_people_executing_at_once_yield_exactly_one_winner(require_postgres, office_user, rules_page):
    applicant = Client()
    applicant.post("/aanmelden/", application_data())
    path = "/" + link_from_mail(mail.outbox[-1]).split("://", 1)[1].split("/", 1)[1]
    applicant.post(path)
    task = Task.objects.get(flow_task_type="HUMAN")
    Task.objects.filter(pk=task.pk).update(owner=office_user, status=STATUS.ASSIGNED)

    barrier = threading.Barrier(2)
    results = []

    def execute():
        client = Client()
        client.force_login(office_user)
        barrier.wait()
        try:
            response = client.post(f"/admin/taken/taak/{task.pk}/uitvoeren/", ACCEPT)
            results.append((response.status_code, [str(m) for m in get_messages(response.wsgi_request)]))
        finally:
            connection.close()

    threads = [threading.Thread(target=execute) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    messages = [m for _status, ms in results for m in ms]
    assert sum("is afgerond" in m for m in messages) == 1, messages
    assert sum("al afgehandeld" in m or "werkt op dit moment" in m for m in messages) == 1, messages
    assert Participant.objects.filter(name="Rookvrije Sportbond").count() == 1
    assert Task.objects.get(pk=task.pk).status == STATUS.DONE
