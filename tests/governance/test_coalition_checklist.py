"""A trekker role is on the checklist and moves to the successor; on departure after an exit request the
coalition memberships end while the coalition keeps its history."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from coalitions.factories import CoalitionIndexPageFactory, CoalitionPageFactory
from coalitions.models import CoalitionMembership, CoalitionPage
from governance import departure
from governance.flows import HandoverFlow
from governance.models import HandoverProcess
from governance.tasks import close_expired_periods
from network.models import Role
from newsletters.models import Subscriber

from .conftest import core_partners, member, office_user, open_task, task_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition():
    index = CoalitionIndexPageFactory(parent=Page.objects.get(depth=1))
    return CoalitionPageFactory(parent=index, title="Rookvrije sportclubs")


def test_trekker_role_moves_to_successor(client, coalition):
    kern = core_partners(6)
    departing, dep_user = kern[0]
    successor, succ_user = member("Partner Een", Role.PARTNER)
    CoalitionMembership.objects.create(page=coalition, participant=departing, role="trekker")
    process = HandoverFlow.start.run(departing=departing, by=dep_user)
    item = process.checklist.get(kind="trekker")
    assert "Rookvrije sportclubs" in item.label

    def do(user, node, data):
        client.force_login(user)
        assert client.post(task_path(open_task(process, node)), data).status_code == 302

    do(dep_user, HandoverFlow.prepare, {"departing_new_role": "partner", "transfer": [item.pk]})
    do(dep_user, HandoverFlow.nominate, {"successor": successor.pk})
    do(succ_user, HandoverFlow.accept, {"response": "aanvaard"})
    HandoverProcess.objects.filter(pk=process.pk).update(
        objection_deadline=timezone.now() - timedelta(seconds=1)
    )
    close_expired_periods()
    do(office_user(), HandoverFlow.complete, {"decision": "voltooien"})
    roles = dict(CoalitionMembership.objects.filter(page=coalition).values_list("participant__name", "role"))
    assert roles == {departing.name: "lid", successor.name: "trekker"}


def test_departure_ends_coalition_memberships_and_member_subscriptions(coalition):
    leaving, user = member("Vertrekker BV", Role.PARTNER)
    row = CoalitionMembership.objects.create(page=coalition, participant=leaving, role="lid")
    as_member = Subscriber.objects.create(email=user.email, is_public=False, confirmed_at=timezone.now())

    class Process:
        participant = leaving
        decided_by = None
        pk = 1

    departure.depart(Process)
    row.refresh_from_db()
    assert row.left_on == timezone.localdate()
    as_member.refresh_from_db()
    assert as_member.unsubscribed_at is not None
    assert CoalitionPage.objects.filter(pk=coalition.pk).exists()
