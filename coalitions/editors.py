"""Each coalition edits its own pages: an editors' group per coalition, its own collection, and its trekkers in it.

`ensure_editors` runs at the end of every CoalitionPage.save() (on its `coalition_saved` signal, after
modelcluster has written the member rows, which a post_save handler would not yet see), so every way a
coalition comes into being (the admin, the "start a coalition" form, a copy, demo data) gets the same setup;
it is idempotent.
`sync_editors` puts exactly the users of the coalition's current trekkers in the group (an invited trekker
gets no rights before its participant accepts).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from network.models import Participant

from .models import CoalitionMembership, CoalitionPage, MemberRole

PAGE_PERMISSIONS = [
    ("wagtailcore", "add_page"),
    ("wagtailcore", "change_page"),
    ("wagtailcore", "publish_page"),
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
ADMIN_ACCESS = ("wagtailadmin", "access_admin")


def _permissions():
    """The permissions a coalition group uses, keyed by (app_label, codename), in one query."""
    wanted = PAGE_PERMISSIONS + COLLECTION_PERMISSIONS + [ADMIN_ACCESS]
    query = Q()
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(query).select_related("content_type")
    }


def group_name(page):
    return f"Coalitie {page.pk}: {page.title}"[:150]


@transaction.atomic
def ensure_editors(page):
    """Create (once) the coalition's editors group, page permissions and collection; then sync its members."""
    page_row = CoalitionPage.objects.select_for_update().only("editors_group", "collection").get(pk=page.pk)
    group, collection = page_row.editors_group, page_row.collection
    if group is None or collection is None:
        perms = _permissions()
        if group is None:
            group, _ = Group.objects.get_or_create(name=group_name(page))
            group.permissions.add(perms[ADMIN_ACCESS])
        if collection is None:
            root = Collection.get_first_root_node() or Collection.add_root(name="Root")
            collection = root.add_child(name=f"{page.title} ({page.pk})"[:255])
        # The unique constraints on both tables make this idempotent.
        GroupPagePermission.objects.bulk_create(
            [
                GroupPagePermission(group=group, page_id=page.pk, permission=perms[p])
                for p in PAGE_PERMISSIONS
            ],
            ignore_conflicts=True,
        )
        GroupCollectionPermission.objects.bulk_create(
            [
                GroupCollectionPermission(group=group, collection=collection, permission=perms[p])
                for p in COLLECTION_PERMISSIONS
            ],
            ignore_conflicts=True,
        )
        CoalitionPage.objects.filter(pk=page.pk).update(editors_group=group, collection=collection)
    page.editors_group, page.collection = group, collection
    sync_editors(page)
    return group


def sync_editors(page):
    """Make the editors group hold exactly the users of the coalition's current trekkers."""
    group_id = page.editors_group_id
    if not group_id:
        return
    trekkers = (
        CoalitionMembership.objects.current()
        .filter(
            page_id=page.pk,
            role=MemberRole.TREKKER,
            participant__status=Participant.Status.ACTIVE,
        )
        .values("participant_id")
    )
    wanted = get_user_model().objects.filter(contact_person__participant_id__in=trekkers, is_active=True)
    Group.objects.get(pk=group_id).user_set.set(wanted)


def sync_participant(participant):
    """After a participant changed (left the network, got a new log-in): update the groups it is in."""
    for page in CoalitionPage.objects.filter(memberships__participant=participant).distinct():
        sync_editors(page)
