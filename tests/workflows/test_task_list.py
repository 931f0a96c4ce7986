"""One task list per person, the same rows on /mijn/taken/, the "Mijn taken" panel on /mijn/, the admin's Taken
area and its dashboard panel (workflows.tasklist), through HTTP."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.flows import HandoverFlow, ReflectionFlow
from governance.models import ReflectionProcess
from network.models import Role
from tests.governance.conftest import member, office_user
from workflows import tasklist

from .conftest import open_task

pytestmark = pytest.mark.django_db


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_group_task_shows_to_every_candidate_until_one_picks_it_up(client, kern, reflection):
    process, task = reflection
    (_, anna), (_, bert), (_, carla) = kern
    for user, others in (
        (anna, ("Contact Kern 2", "Contact Kern 3")),
        (bert, ("Contact Kern 1", "Contact Kern 3")),
    ):
        html = page(client, user, "/mijn/taken/")
        assert "Reflectie op missie, spelregels en netwerkvorm" in html
        assert all(name in html for name in others)  # who else can pick it up
        assert "Wie de taak als eerste oppakt, doet haar." in html
    client.force_login(bert)
    assert client.post(f"/admin/taken/taak/{task.pk}/oppakken/").status_code == 302
    assert "Reflectie op missie" not in page(client, anna, "/mijn/taken/")
    assert "U heeft geen openstaande taken." in page(client, carla, "/mijn/taken/")
    mine = page(client, bert, "/mijn/taken/")
    assert "Reflectie op missie" in mine and "Wie de taak als eerste oppakt" not in mine


def test_a_row_says_what_about_whom_since_when_until_when_and_links_to_the_task(
    client, kern, reflection, monkeypatch
):
    process, task = reflection
    deadline = timezone.now() + timedelta(days=3)
    monkeypatch.setattr(ReflectionProcess, "about", lambda self: "Reflectie 2026", raising=False)
    monkeypatch.setattr(ReflectionProcess, "deadline", lambda self, task: deadline, raising=False)
    (row,) = tasklist.rows_for(kern[0][1])
    html = page(client, kern[0][1], "/mijn/taken/")
    for text in ("Reflectie 2026", timezone.localtime(task.created).strftime("%-d december %Y"), "uiterlijk"):
        assert text in html.replace("&nbsp;", " ") or text in html, text
    assert f'href="{row.url}"' in html
    assert (
        client.get(row.url).status_code == 200
    )  # the link opens the task (Taken area: core partners see it)


def test_a_participant_without_the_taken_area_does_its_own_task_from_mijn_taken(
    client, governance_task_pages
):
    departing, departing_user = member("Kern Vertrekt", Role.KERNPARTNER)
    successor, successor_user = member("GGD Opvolger", Role.PARTNER)
    process = HandoverFlow.start.run(departing=departing, by=departing_user)
    for node in (HandoverFlow.prepare, HandoverFlow.nominate):
        if node is HandoverFlow.nominate:
            process.successor = successor
            process.save()
        activation = node.activation_class(open_task(process, node))
        activation.start(None)
        activation.execute()
    accept = open_task(process, HandoverFlow.accept)
    html = page(client, successor_user, "/mijn/taken/")
    assert "Voordracht als kernpartner beantwoorden" in html and "Kern Vertrekt" in html
    link = tasklist.task_url(accept)
    assert link.startswith("/werkstromen/") and f'href="{link}"' in html
    assert client.get(link).status_code == 200
    assert "Voordracht als kernpartner beantwoorden" in page(client, successor_user, "/mijn/")


def test_mijn_has_the_panel_for_everyone_logged_in(client, kern, reflection, partner_user):
    html = page(client, kern[0][1], "/mijn/")
    panel = html.split('id="mijn-taken"')[1].split("</section>")[0]
    assert "Reflectie op missie" in panel and 'href="/mijn/taken/"' in panel
    assert "U heeft geen openstaande taken." in page(client, partner_user, "/mijn/")
    client.logout()
    response = client.get("/mijn/taken/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_admin_shows_the_same_rows(client, kern, reflection):
    process, task = reflection
    user = kern[0][1]
    dashboard = page(client, user, "/admin/")
    assert (
        "Mijn taken" in dashboard
        and "Reflectie op missie" in dashboard
        and 'href="/admin/taken/"' in dashboard
    )
    for url in ("/admin/taken/", "/admin/taken/wachtrij/"):
        html = page(client, user, url)
        assert (
            "Reflectie op missie" in html
            and "Contact Kern 2, Contact Kern 3" in html
            and "nog niemand" in html
        )
    assert f'name="task" value="{task.pk}"' in page(client, user, "/admin/taken/wachtrij/")


def test_bulk_assign_to_me_takes_what_is_still_free(
    client, kern, reflection, django_capture_on_commit_callbacks
):
    _, task = reflection
    with django_capture_on_commit_callbacks(execute=True):
        second = ReflectionFlow.start.run()
    other = open_task(second, ReflectionFlow.reflect)
    client.force_login(kern[1][1])
    client.post(f"/admin/taken/taak/{other.pk}/oppakken/")  # a colleague was quicker with this one
    client.force_login(kern[0][1])
    response = client.post("/admin/taken/wachtrij/oppakken/", {"task": [task.pk, other.pk]}, follow=True)
    html = response.content.decode()
    assert "1 taak is aan u toegewezen." in html and "1 taak kon u niet oppakken" in html
    task.refresh_from_db()
    other.refresh_from_db()
    assert task.owner == kern[0][1] and other.owner == kern[1][1]


def test_the_office_sees_every_open_task_others_do_not(client, kern, reflection):
    office = office_user()
    html = page(client, office, "/admin/taken/alle/")
    assert "Reflectie op missie" in html and "Contact Kern 1, Contact Kern 2, Contact Kern 3" in html
    client.force_login(kern[0][1])
    response = client.get("/admin/taken/alle/")
    assert response.status_code in (302, 403) and "Reflectie" not in response.content.decode()
