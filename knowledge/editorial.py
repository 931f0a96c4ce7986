"""Editors publish; partners share: the moderation workflow on every knowledge index, and a collection for
the articles' images and documents.

The office (Netwerkbureau) may add, edit and publish below a knowledge index. Partners and core partners
may only add articles (Wagtail's "add" also lets them edit the pages they own) and submit them to the
workflow "Redactie netwerkbureau", whose single group-approval task belongs to the office. The page
permissions are declared in KnowledgeConfig.ready (network.roles.grant_pages). Idempotent: runs after every
migrate, whenever a knowledge index is created, and from the demo loader.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from network.roles import CORE_PARTNERS, OFFICE, PARTNERS, grant_collection

from .models import KnowledgeIndexPage

WORKFLOW_NAME = "Redactie netwerkbureau"
TASK_NAME = _("Beoordeling door het netwerkbureau")
# Partners who write an article upload its images and documents to this collection ("add" also lets them edit
# what they uploaded themselves); the office has every collection already.
MEDIA_COLLECTION = "Kennisbank"
MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "choose_image"),
    "wagtaildocs": ("add_document", "choose_document"),
}


def editorial_workflow():
    """The workflow (and its one task), created when missing."""
    office, _created = Group.objects.get_or_create(name=OFFICE)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=str(TASK_NAME))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    task.groups.add(office)
    return workflow


def ensure_editorial_setup(indexes=None, **kwargs):
    """Assign the moderation workflow to each knowledge index and create the articles' media collection."""
    indexes = list(KnowledgeIndexPage.objects.all() if indexes is None else indexes)
    if not indexes:
        return None
    workflow = editorial_workflow()
    for index in indexes:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    ensure_media_collection()
    return workflow


def ensure_media_collection():
    """The collection "Kennisbank" where partners and core partners put the images and documents of articles."""
    root = Collection.get_first_root_node()
    if root is None:
        return None
    collection = root.get_children().filter(name=MEDIA_COLLECTION).first() or root.add_child(
        name=MEDIA_COLLECTION
    )
    perms = [
        p
        for app_label, codenames in MEDIA_PERMISSIONS.items()
        for p in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    ]
    for group_name in (PARTNERS, CORE_PARTNERS):
        grant_collection(Group.objects.get_or_create(name=group_name)[0], collection, perms)
    return collection


def on_index_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_editorial_setup([instance])
