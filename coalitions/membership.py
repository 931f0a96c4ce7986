"""Changing who is in a coalition outside the page editor (join requests, invitations, leaving).

Members are child rows of the page (an InlinePanel), and Wagtail stores them in page revisions too. A change
made here is written to the live rows and, when the page has an unpublished draft, into that draft, so that
publishing the draft later does not undo it.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from network.models import Participant

from .editors import sync_editors
from .models import CoalitionMembership, MemberRole, MembershipStatus


def current(page, participant):
    """The participant's accepted membership rows that have not ended."""
    return current_members(page).filter(participant=participant)


def invitation(page, participant):
    """The participant's open invitation to the coalition, if any."""
    return CoalitionMembership.objects.filter(
        page=page, participant=participant, status=MembershipStatus.INVITED
    )


@transaction.atomic
def add_member(page, participant, role=MemberRole.MEMBER):
    """Make the participant a member (it asked, or took on the role): an open invitation counts as accepted."""
    membership = current(page, participant).first() or invitation(page, participant).first()
    if membership is None:
        last = CoalitionMembership.objects.filter(page=page).aggregate(m=Max("sort_order"))["m"]
        membership = CoalitionMembership.objects.create(
            page=page, participant=participant, role=role, sort_order=(last or 0) + 1
        )
    else:
        if role == MemberRole.TREKKER:
            membership.role = role
        membership.status = MembershipStatus.ACCEPTED
        membership.save(update_fields=["role", "status"])
    after_change(page)
    return membership


@transaction.atomic
def end_membership(page, participant):
    changed = current(page, participant).update(left_on=timezone.localdate())
    after_change(page)
    return changed


def trekker_count(page):
    return (
        current_members(page)
        .filter(role=MemberRole.TREKKER, participant__status=Participant.Status.ACTIVE)
        .count()
    )


def current_members(page):
    return CoalitionMembership.objects.current().filter(page=page)


@transaction.atomic
def end_for(participant):
    """The participant leaves every coalition today (it left the network), open invitations included; returns
    how many rows ended."""
    memberships = CoalitionMembership.objects.filter(participant=participant, left_on=None)
    pages = {m.page for m in memberships.select_related("page")}
    ended = memberships.update(left_on=timezone.localdate())
    for page in pages:
        after_change(page)
    return ended


@transaction.atomic
def move_trekker(membership, successor):
    """The successor becomes trekker of `membership`'s coalition; the one who held it stays an ordinary member."""
    page = membership.page
    add_member(page, successor, role=MemberRole.TREKKER)
    membership.role = MemberRole.MEMBER
    membership.save(update_fields=["role"])
    after_change(page)


def after_change(page):
    _patch_draft(page)
    sync_editors(page)


def _patch_draft(page):
    """Copy the live member rows into an unpublished draft, so publishing that draft keeps them."""
    page.refresh_from_db(fields=["has_unpublished_changes", "latest_revision", "live_revision"])
    revision = page.latest_revision
    if revision is None or not page.has_unpublished_changes or revision.pk == page.live_revision_id:
        return
    draft = revision.as_object()
    draft.memberships = list(CoalitionMembership.objects.filter(page=page))
    revision.content = draft.serializable_data()
    revision.save(update_fields=["content"])
