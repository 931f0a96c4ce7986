import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from coalitions import demo as coalitions_demo
from coalitions.models import ActivityPage, CoalitionMembership, CoalitionPage

pytestmark = pytest.mark.django_db


def test_demo_has_coalitions_of_every_kind_and_an_editor_of_exactly_one(client, demo):
    coalitions = CoalitionPage.objects.live()
    assert coalitions.count() == 20
    assert set(coalitions.values_list("kind", flat=True)) == {"regio", "thema", "type_organisatie"}
    assert ActivityPage.objects.live().count() >= 40
    assert all(c.current_memberships().filter(role="trekker").exists() for c in coalitions)

    user = get_user_model().objects.get(username="coalitie")
    editable = [c for c in coalitions if c.permissions_for_user(user).can_edit()]
    assert [c.slug for c in editable] == ["rookvrij-sporten-zwolle"]
    assert client.login(username="coalitie", password="nnr-demo-2026")
    assert client.get(f"/admin/pages/{editable[0].pk}/edit/").status_code == 200

    partner = get_user_model().objects.get(username="partner").contact_person.participant
    (membership,) = partner.coalition_memberships.accepted()
    assert membership.role == "lid" and membership.page.slug == "rookvrije-generatie-utrecht"
    (invitation,) = partner.coalition_memberships.exclude(status="geaccepteerd")
    assert invitation.status == "uitgenodigd" and invitation.page.slug == "rookvrij-groningen"
    assert not CoalitionMembership.objects.exclude(pk=invitation.pk).exclude(status="geaccepteerd").exists()

    html = client.get("/coalities/").content.decode()
    assert "20 coalities" in html and 'href="/coalities/"' in html  # in the main menu

    coalitions_demo.load(BaseCommand(stdout=io.StringIO()))  # idempotent (every table: tests/home)
    assert CoalitionPage.objects.count() == 20


def test_demo_coalition_archived_one_public_and_one_members_only_update(client, demo):
    page = CoalitionPage.objects.get(slug="rookvrij-sporten-zwolle")
    updates = page.updates.filter(status="verstuurd")
    assert sorted(updates.values_list("visibility", flat=True)) == ["leden", "openbaar"]
    html = client.get(page.url).content.decode()
    assert "Terugblik op het eerste seizoen" in html and "Agenda voor het volgende overleg" not in html
    assert client.login(username="coalitie", password="nnr-demo-2026")
    assert "Agenda voor het volgende overleg" in client.get(page.url).content.decode()
