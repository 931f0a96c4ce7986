"""The office's admin screens cost the same number of queries for a few rows and for many: the explorer of the
coalition index, the participants list with its filters, the Taken lists and a coalition's edit view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.status import STATUS

from coalitions.factories import CoalitionIndexPageFactory, CoalitionPageFactory
from coalitions.models import CoalitionMembership, CoalitionPage
from home.management.commands.create_random_data import bulk_add_children, bulk_screening_tasks
from network.factories import UserFactory
from network.models import Participant
from onboarding.flows import OnboardingFlow
from onboarding.models import Application

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def coalitions(index, upto):
    n = CoalitionPage.objects.child_of(index).count()
    bulk_add_children(
        index,
        [
            CoalitionPage(title=f"Coalitie {i:04d}", slug=f"coalitie-{i:04d}", kind="thema")
            for i in range(n, upto)
        ],
    )


def participants(upto):
    n = Participant.objects.count()
    Participant.objects.bulk_create(
        [Participant(name=f"Deelnemer {i:04d}", region="utrecht", sector="ggd") for i in range(n, upto)]
    )


def applications(upto):
    n = Application.objects.count()
    new = [
        Application(
            flow_class=OnboardingFlow,
            organisation_name=f"Aanvrager {i:04d}",
            contact_name=f"Contact {i}",
            email=f"a{i}@example.org",
            motivation="Graag.",
            status=STATUS.NEW,
        )
        for i in range(n, upto)
    ]
    bulk_screening_tasks(new)


def members(page, upto):
    n = page.memberships.count()
    participants(Participant.objects.count() + upto - n)
    free = Participant.objects.exclude(coalition_memberships__page=page).order_by("pk")[: upto - n]
    CoalitionMembership.objects.bulk_create(
        [CoalitionMembership(page=page, participant=p, sort_order=i) for i, p in enumerate(free, start=n)]
    )


@pytest.fixture
def administrator(db):
    """The office has no rights on coalition pages (each coalition edits its own); the administrator does."""
    return UserFactory(username="beheer", superuser=True)


def counts_at_two_sizes(client, user, urls, grow):
    client.force_login(user)
    grow(10)
    for url in urls:
        count(client, url)  # warm caches (content types, site root paths)
    small = [count(client, url) for url in urls]
    grow(60)
    large = [count(client, url) for url in urls]
    return small, large


def test_the_explorer_of_the_coalition_index_does_not_grow_with_its_children(
    client, administrator, site_home
):
    index = CoalitionIndexPageFactory(parent=site_home)
    small, large = counts_at_two_sizes(
        client, administrator, [f"/admin/pages/{index.pk}/"], lambda n: coalitions(index, n)
    )
    assert small == large
    html = client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert html.count('href="/coalities/coalitie-00') >= 50  # a full first page of children


def test_the_participants_list_and_its_filters_do_not_grow_with_the_participants(client, office_user):
    urls = [
        "/admin/snippets/network/participant/",
        "/admin/snippets/network/participant/?region=utrecht&sector=ggd",
    ]
    small, large = counts_at_two_sizes(client, office_user, urls, participants)
    assert small == large
    html = client.get(urls[1]).content.decode()
    assert "Deelnemer 0000" in html and "Utrecht" in html


def test_the_taken_lists_do_not_grow_with_the_tasks(client, office_user):
    urls = ["/admin/taken/", "/admin/taken/wachtrij/", "/admin/taken/alle/"]
    small, large = counts_at_two_sizes(client, office_user, urls, applications)
    assert small == large
    html = client.get("/admin/taken/alle/?p=2").content.decode()
    assert "Aanmelding van Aanvrager 0059" in html and "Aanmelding screenen" in html
    assert "Pagina 2 van 2 (60 taken)" in html


def test_the_taken_lists_show_fifty_tasks_a_page(client, office_user):
    applications(60)
    client.force_login(office_user)
    first = client.get("/admin/taken/wachtrij/").content.decode()
    assert first.count('name="task"') == 50 and "Op te pakken (60)" in first
    assert "Aanvrager 0000" in first and "Aanvrager 0050" not in first
    second = client.get("/admin/taken/wachtrij/?p=2").content.decode()
    assert second.count('name="task"') == 10 and "Aanvrager 0059" in second


def test_a_coalitions_edit_view_does_not_grow_with_its_members(client, administrator, site_home):
    index = CoalitionIndexPageFactory(parent=site_home)
    page = CoalitionPageFactory(parent=index, title="Vijftig", slug="vijftig")
    small, large = counts_at_two_sizes(
        client, administrator, [f"/admin/pages/{page.pk}/edit/"], lambda n: members(page, n)
    )
    assert small == large
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Deelnemer 0059" in html
