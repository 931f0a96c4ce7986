from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import TaskState, WorkflowState

from .models import KnowledgeArticlePage

PANEL_SIZE = 10


def article_state(article):
    """Where an author's article stands, in words, with the office's latest comment if there is one."""
    states = WorkflowState.objects.for_instance(article)
    current = states.active().first()
    latest_comment = (
        TaskState.objects.filter(workflow_state__in=states)
        .exclude(comment="")
        .order_by("-finished_at")
        .values_list("comment", flat=True)
        .first()
    )
    if current and current.status == WorkflowState.STATUS_NEEDS_CHANGES:
        label = _("Aanpassing gevraagd door het netwerkbureau")
    elif current:
        label = _("Ter beoordeling bij het netwerkbureau")
    elif article.live:
        label = (
            _("Gepubliceerd") if not article.has_unpublished_changes else _("Gepubliceerd, met een concept")
        )
    else:
        label = _("Concept")
    return {"label": label, "comment": latest_comment or ""}


@hooks.register("nnr_account_panels", order=15)
def my_articles_panel(request, contact):
    """'Mijn kennisartikelen' on /mijn/: the author sees each article's state and the office's comments."""
    articles = list(
        KnowledgeArticlePage.objects.filter(owner=request.user).order_by("-latest_revision_created_at")[
            :PANEL_SIZE
        ]
    )
    if not articles:
        return ""
    rows = [(article, article_state(article)) for article in articles]
    return render_to_string("knowledge/account_panel.html", {"rows": rows}, request=request)
