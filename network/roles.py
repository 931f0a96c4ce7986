"""The permission groups that stand for the network's roles, and keeping users in the right one.

Group names are what the office sees in the admin, so they are Dutch. Permissions are (re)applied after
every migrate, so a new model's permissions reach the groups without a hand-written data migration.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from .choices import Role

OFFICE = "Netwerkbureau"
CORE_PARTNERS = "Kernpartners"
PARTNERS = "Partners"
SUPPORTERS = "Supporters"

ROLE_GROUPS = {Role.KERNPARTNER: CORE_PARTNERS, Role.PARTNER: PARTNERS, Role.SUPPORTER: SUPPORTERS}

# Permissions per group, as "app_label.codename". Other apps add theirs with `grant` from AppConfig.ready.
GROUP_PERMISSIONS = {
    OFFICE: {
        "wagtailadmin.access_admin",
        "network.add_participant",
        "network.change_participant",
        "network.delete_participant",
        "network.view_participant",
        "network.add_contactperson",
        "network.change_contactperson",
        "network.delete_contactperson",
        "network.view_contactperson",
        "network.view_rolechange",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    },
    CORE_PARTNERS: {"wagtailadmin.access_admin"},
    PARTNERS: {"wagtailadmin.access_admin"},
    SUPPORTERS: set(),
}


# Page permissions per page type, as {"app_label.Model": {group name: {codename, ...}}}; they hold for each
# page of that type and everything below it.
PAGE_PERMISSIONS = {}


def grant(group_name, *perms):
    """Let another app add permissions to a role group (call from its AppConfig.ready)."""
    GROUP_PERMISSIONS.setdefault(group_name, set()).update(perms)


def grant_pages(group_name, model_label, *codenames):
    """Let an app give a role group page permissions ("add_page", ...) on every page of a type, such as the
    office on the agenda (call from its AppConfig.ready). They are applied after every migrate and as soon
    as such a page is created, so a fresh installation needs no hand work in the admin."""
    PAGE_PERMISSIONS.setdefault(model_label, {}).setdefault(group_name, set()).update(codenames)
    post_save.connect(_page_created, sender=model_label, dispatch_uid=f"network.roles.pages.{model_label}")


def _page_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_page_permissions([instance])


def ensure_page_permissions(pages=None):
    """Give the groups in PAGE_PERMISSIONS their permissions on the given pages (default: all of those types)."""
    perms = {
        p.codename: p
        for p in Permission.objects.filter(content_type__app_label="wagtailcore", content_type__model="page")
    }
    for model_label, grants in PAGE_PERMISSIONS.items():
        model = apps.get_model(model_label)
        targets = list(model.objects.all() if pages is None else [p for p in pages if isinstance(p, model)])
        if not targets:
            continue
        for group_name, codenames in grants.items():
            group, _created = Group.objects.get_or_create(name=group_name)
            for page in targets:
                for codename in sorted(codenames & perms.keys()):
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=page, permission=perms[codename]
                    )


def ensure_groups(sender=None, **kwargs):
    """Create the role groups and give them their permissions; idempotent.

    As a post_migrate handler it runs once, for the last app: by then every app's permissions exist, and a
    test database flush (which sends post_migrate for each of some 30 apps) does not pay for it 30 times.
    """
    if sender is not None and sender is not [a for a in apps.get_app_configs() if a.models_module][-1]:
        return  # Django sends post_migrate only for apps with models

    by_name = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
    }
    root = Collection.get_first_root_node()
    for name, perms in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [by_name[perm] for perm in sorted(perms) if perm in by_name]
        group.permissions.add(*wanted)
        if root is not None:
            grant_collection(group, root, [p for p in wanted if p.content_type.app_label in COLLECTION_APPS])
    ensure_page_permissions()


# Wagtail checks image and document permissions per collection, not on the group: give them on the root
# collection (and so on every collection below it), or the office cannot open Afbeeldingen / Documenten.
COLLECTION_APPS = ("wagtailimages", "wagtaildocs")


def grant_collection(group, collection, perms):
    """Give a group image/document permissions on a collection and every collection below it; idempotent."""
    for perm in perms:
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=perm)


def sync_groups(participant):
    """Put the participant's linked users in the group of its current role (none once it has left)."""
    role_groups = list(Group.objects.filter(name__in=ROLE_GROUPS.values()))
    target = None
    if participant.is_active:
        target = next((g for g in role_groups if g.name == ROLE_GROUPS[participant.role]), None)
    for contact in participant.contacts.exclude(user=None).select_related("user"):
        contact.user.groups.remove(*[g for g in role_groups if g != target])
        if target:
            contact.user.groups.add(target)
