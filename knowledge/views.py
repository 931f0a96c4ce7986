"""Sharing knowledge from the site (/mijn/kennis/): write an article, save a draft, submit it to the office.

Every version is a Wagtail revision and a submission starts the page's workflow ("Redactie netwerkbureau",
knowledge.editorial), so the office moderates in the admin as before and Wagtail mails the author when it
approves or asks for changes (our Dutch templates in templates/wagtailadmin/notifications/). Who may do what
is in knowledge.sharing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log
from wagtail.rich_text import RichText

from network.access import active_contact
from nnr_site.uploads import store_image

from . import writing
from .editorial import ensure_media_collection
from .models import KnowledgeArticlePage
from .share_forms import ShareArticleForm
from .sharing import active_workflow, article_state, articles_of, in_review, knowledge_index, may_share

TEXT_BLOCKS = ("paragraph", "heading")


def _sharing_contact(request):
    contact = active_contact(request.user)
    if not may_share(contact):
        raise PermissionDenied
    return contact


def _own_article(request, pk):
    """The article, when it belongs to the user's organisation; anyone else gets a 404 (not even its title)."""
    contact = _sharing_contact(request)
    return contact, get_object_or_404(articles_of(contact.participant), pk=pk)


def _unique_slug(index, title):
    base = slugify(title)[:70] or "artikel"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _initial(page):
    text = writing.to_text(
        (block.block_type, block.value.source if block.block_type == "paragraph" else block.value)
        for block in page.body
        if block.block_type in TEXT_BLOCKS
    )
    return {
        "title": page.title,
        "summary": page.summary,
        "text": text,
        "article_type": page.article_type,
        "themes": [tag.name for tag in page.tags.all()],
        "source_coalition": page.source_coalition_id,
        "source_activity": page.source_activity_id,
    }


def _fill(page, form, user):
    """Put the form's values on the page (an unsaved draft or the latest revision's copy)."""
    data = form.cleaned_data
    page.title, page.draft_title = data["title"], data["title"]
    page.summary = data["summary"]
    page.article_type = data["article_type"]
    page.source_coalition = data["source_coalition"]
    page.source_activity = data["source_activity"]
    # What the office added in the admin (a lesson, a document, a video) stays, after the text.
    kept = [(block.block_type, block.value) for block in page.body if block.block_type not in TEXT_BLOCKS]
    written = [
        (kind, RichText(value) if kind == "paragraph" else value) for kind, value in data["body_blocks"]
    ]
    page.body = written + kept
    page.tags.set(data["tags"])
    if data.get("remove_image"):
        page.image = None
    if data.get("image"):
        page.image = store_image(
            data["image"], title=data["title"], collection=ensure_media_collection(), user=user
        )


def _submit(page, user):
    """Send the latest revision to the office: resume a workflow that asked for changes, or start one."""
    state = active_workflow(page)
    if state is not None:
        state.resume(user)
    else:
        page.get_workflow().start(page, user)


def _save_revision(page, form, user, *, new):
    _fill(page, form, user)
    if new:
        index = knowledge_index()
        page.slug = _unique_slug(index, page.title)
        index.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
    page.save_revision(user=user, log_action=True)


def _save(request, form, page, *, new):
    """Save the form as a new revision (and submit it when asked); None when the page refuses the values."""
    try:
        with transaction.atomic():
            _save_revision(page, form, request.user, new=new)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None
    if "submit" in request.POST:
        _submit(page, request.user)
        messages.success(
            request,
            _(
                "Uw artikel is ingestuurd. Het netwerkbureau beoordeelt het; u krijgt een e-mail zodra het is "
                "gepubliceerd of als er iets aan moet veranderen."
            ),
        )
        return redirect("office:account_home")
    messages.success(request, _("Uw concept is opgeslagen. Het is nog niet ingestuurd."))
    return redirect("knowledge:share_edit", pk=page.pk)


@login_required
@require_http_methods(["GET", "POST"])
def share_new(request):
    contact = _sharing_contact(request)
    if knowledge_index() is None:
        raise Http404
    form = ShareArticleForm(request.POST or None, request.FILES or None, participant=contact.participant)
    if request.method == "POST" and form.is_valid():
        page = KnowledgeArticlePage(owner=request.user, author=contact.participant, live=False)
        response = _save(request, form, page, new=True)
        if response:
            return response
    return render(request, "knowledge/share_form.html", {"form": form, "contact": contact})


@login_required
@require_http_methods(["GET", "POST"])
def share_edit(request, pk):
    contact, article = _own_article(request, pk)
    state = article_state(article)
    if in_review(article):
        return render(request, "knowledge/share_in_review.html", {"article": article, "state": state})
    draft = article.get_latest_revision_as_object()
    form = ShareArticleForm(
        request.POST or None,
        request.FILES or None,
        participant=contact.participant,
        article=draft,
        initial=_initial(draft),
    )
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, draft, new=False)
        if response:
            return response
    context = {"form": form, "contact": contact, "article": article, "draft": draft, "state": state}
    context["has_admin_blocks"] = any(block.block_type not in TEXT_BLOCKS for block in draft.body)
    return render(request, "knowledge/share_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def share_withdraw(request, pk):
    """Take a submission back from the office (to change it); asks first, then cancels the workflow."""
    _contact, article = _own_article(request, pk)
    state = active_workflow(article)
    if state is None:
        return redirect("knowledge:share_edit", pk=article.pk)
    if request.method == "POST":
        state.cancel(user=request.user)
        messages.success(request, _("U heeft het artikel teruggenomen. Het is weer een concept."))
        return redirect("knowledge:share_edit", pk=article.pk)
    return render(request, "knowledge/share_withdraw.html", {"article": article})
