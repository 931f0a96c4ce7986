"""Partners share knowledge from the site: who may, which articles they may edit, and where each one stands.

The rules follow what the admin allows: contacts of an active partner or core partner (the groups that may add
articles below the knowledge index), and also the contact of a coalition's trekker whatever its role, because
a coalition shares what it learned. An article belongs to the organisation that wrote it: any contact of that
participant may edit it, nobody else on the site. While the office reviews a version the author cannot change
it (Wagtail's group-approval task locks the page for everyone outside the office); the author may withdraw
the submission, edit, and submit again.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState, WorkflowState

from coalitions.choices import MemberRole
from coalitions.models import CoalitionMembership
from network.models import Role

from .models import KnowledgeArticlePage, KnowledgeIndexPage

SHARING_ROLES = (Role.PARTNER, Role.KERNPARTNER)


def may_share(contact):
    """Whether this contact person may write knowledge articles on the site."""
    if contact is None or not contact.participant.is_active:
        return False
    if contact.participant.role in SHARING_ROLES:
        return True
    return (
        CoalitionMembership.objects.current()
        .filter(participant=contact.participant, role=MemberRole.TREKKER)
        .exists()
    )


def knowledge_index():
    """The knowledge index new articles go below (the site has one)."""
    return KnowledgeIndexPage.objects.live().order_by("path").first()


def articles_of(participant):
    """The articles the participant's own contacts wrote (not those the office named it the author of)."""
    return KnowledgeArticlePage.objects.filter(
        author=participant, owner__contact_person__participant=participant
    ).order_by("-latest_revision_created_at", "-pk")


def active_workflow(article):
    return WorkflowState.objects.for_instance(article).active().select_related("current_task_state").first()


def in_review(article):
    """The office is looking at a submitted version: nobody outside the office may change it now."""
    state = active_workflow(article)
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


def article_state(article):
    """Where an author's article stands, in words, with the office's comment on the latest decision."""
    return article_states([article])[article.pk]


def article_states(articles):
    """`article_state` for each of `articles` (by pk), in two queries however many there are."""
    if not articles:
        return {}
    states = WorkflowState.objects.filter(
        base_content_type=articles[0].get_base_content_type(), object_id__in=[str(a.pk) for a in articles]
    )
    active = {}
    for state in states.active().order_by("-created_at"):
        active.setdefault(state.object_id, state)
    latest = {}
    tasks = TaskState.objects.filter(workflow_state__in=states).select_related("workflow_state")
    for task in tasks.order_by("-started_at", "-pk"):
        latest.setdefault(task.workflow_state.object_id, task)
    return {a.pk: _state(a, active.get(str(a.pk)), latest.get(str(a.pk))) for a in articles}


def _state(article, current, latest):
    comment = latest.comment if latest and latest.finished_at else ""
    if current and current.status == WorkflowState.STATUS_NEEDS_CHANGES:
        key, label = "changes", _("Aanpassing gevraagd door het netwerkbureau")
    elif current:
        key, label = "review", _("Ter beoordeling bij het netwerkbureau")
    elif article.live and article.has_unpublished_changes:
        key, label = "live_draft", _("Gepubliceerd, met een concept")
    elif article.live:
        key, label = "live", _("Gepubliceerd")
    else:
        key, label = "draft", _("Concept")
    return {"key": key, "label": label, "comment": comment}
