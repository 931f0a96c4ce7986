"""The API other apps call: a participant leaving the network leaves every coalition (`end_for`), and a handover
makes the successor trekker (`move_trekker`)."""

import pytest
from django.utils import timezone

from coalitions.factories import CoalitionPageFactory, add_membership
from coalitions.membership import end_for, move_trekker
from coalitions.models import CoalitionMembership, MemberRole, MembershipStatus

from .conftest import make_contact

pytestmark = pytest.mark.django_db


def test_end_for_leaves_every_coalition(two_coalitions):
    a, b, leaving = two_coalitions["a"], two_coalitions["b"], two_coalitions["part_a"]
    add_membership(b, leaving)
    _, other = make_contact("invited")
    invitation = CoalitionMembership.objects.create(
        page=b, participant=other, status=MembershipStatus.INVITED
    )
    CoalitionMembership.objects.create(page=b, participant=leaving, status=MembershipStatus.INVITED)

    assert end_for(leaving) == 3
    assert not CoalitionMembership.objects.filter(participant=leaving, left_on=None).exists()
    assert set(CoalitionMembership.objects.filter(participant=leaving).values_list("left_on", flat=True)) == {
        timezone.localdate()
    }
    assert not a.is_trekker(leaving)
    assert not a.editors_group.user_set.filter(pk=two_coalitions["user_a"].pk).exists()
    invitation.refresh_from_db()
    assert invitation.left_on is None  # someone else's rows stay
    assert CoalitionMembership.objects.current().filter(page=b, participant=two_coalitions["part_b"]).exists()


def test_move_trekker_makes_the_successor_trekker_and_editor(two_coalitions):
    a, departing, dep_user = two_coalitions["a"], two_coalitions["part_a"], two_coalitions["user_a"]
    succ_user, successor = make_contact("opvolger")
    held = CoalitionMembership.objects.get(page=a, participant=departing)

    move_trekker(held, successor)

    roles = dict(CoalitionMembership.objects.current().filter(page=a).values_list("participant", "role"))
    assert roles == {departing.pk: MemberRole.MEMBER, successor.pk: MemberRole.TREKKER}
    editors = a.editors_group.user_set
    assert editors.filter(pk=succ_user.pk).exists()
    assert not editors.filter(pk=dep_user.pk).exists()


def test_move_trekker_to_a_member_or_invited_successor_reuses_its_row(index):
    page = CoalitionPageFactory(parent=index, title="Rookvrije zorg", slug="rookvrije-zorg")
    _, departing = make_contact("vertrekker")
    _, member = make_contact("lid")
    _, invited = make_contact("uitgenodigd")
    held = add_membership(page, departing, MemberRole.TREKKER)
    add_membership(page, member)
    CoalitionMembership.objects.create(page=page, participant=invited, status=MembershipStatus.INVITED)

    move_trekker(held, member)
    assert CoalitionMembership.objects.filter(page=page, participant=member).get().role == MemberRole.TREKKER
    move_trekker(CoalitionMembership.objects.get(page=page, participant=member), invited)
    row = CoalitionMembership.objects.filter(page=page, participant=invited).get()
    assert (row.role, row.status) == (MemberRole.TREKKER, MembershipStatus.ACCEPTED)
