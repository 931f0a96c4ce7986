"""The proposals' pages on the site (/voorstellen/): the list, filing one, a proposal with its support,
comments and outcome; supporting, commenting, and the office hiding a comment. Who may do what is in
`proposals`; nothing here is public.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from network import audit
from network.access import members_only
from nnr_site.forms import posted_too_often

from . import proposals
from .forms import ProposalCommentForm, ProposalFilterForm, ProposalForm
from .models import Proposal, ProposalComment

PER_PAGE = 20


def _writer(request):
    contact = proposals.writer(request.user)
    if contact is None:
        raise PermissionDenied(_("Alleen contactpersonen van deelnemers kunnen voorstellen doen en steunen."))
    return contact


def _listed():
    return (
        Proposal.objects.select_related("proposer__participant", "reflection")
        .prefetch_related("decisions__reflection")
        .annotate(support_count=Count("supports", distinct=True))
    )


@members_only
def proposal_list(request):
    filters = ProposalFilterForm(request.GET or None)
    found = filters.filter(_listed()).order_by("-created_at", "-pk")
    page_obj = Paginator(found, PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "filters": filters,
        "page_obj": page_obj,
        "filter_query": query.urlencode(),
        "may_file": proposals.writer(request.user) is not None,
        "reflection": proposals.running_reflection(),
    }
    return render(request, "governance/proposals/list.html", context)


@members_only
@require_http_methods(["GET", "POST"])
def proposal_new(request):
    contact = _writer(request)
    form = ProposalForm(request.POST or None)
    limited = request.method == "POST" and posted_too_often(request, form, "governance.proposal")
    if request.method == "POST" and not limited and form.is_valid():
        proposal = proposals.file(form.save(commit=False), contact, request.user)
        messages.success(
            request,
            _("Uw voorstel staat bij de voorstellen. De kernpartners nemen het mee in de reflectie."),
        )
        return redirect(proposal)
    status = 429 if limited else 400 if form.errors else 200
    return render(request, "governance/proposals/new.html", {"form": form, "contact": contact}, status=status)


def _proposal_page(request, proposal, form=None, status=200):
    contact = proposals.writer(request.user)
    moderator = proposals.may_moderate(request.user)
    comments = proposal.comments.select_related("author__participant")
    if not moderator:
        comments = comments.filter(hidden_at=None)
    context = {
        "proposal": proposal,
        "supports": proposal.supports.select_related("participant", "contact"),
        "own_support": proposals.support_of(proposal, contact),
        "may_support": proposals.may_support(proposal, contact),
        "comments": list(comments),
        "moderator": moderator,
        "contact": contact,
        "decisions": proposal.decisions.select_related("reflection"),
        "form": form if form is not None else (ProposalCommentForm() if contact else None),
    }
    return render(request, "governance/proposals/detail.html", context, status=status)


@members_only
def proposal_detail(request, pk):
    return _proposal_page(request, get_object_or_404(_listed(), pk=pk))


@members_only
@require_POST
def support(request, pk):
    """Support on behalf of one's organisation; the form's `intrekken` takes it back."""
    proposal = get_object_or_404(Proposal, pk=pk)
    contact = _writer(request)
    if not proposals.may_support(proposal, contact):
        raise PermissionDenied
    if request.POST.get("intrekken"):
        proposals.withdraw_support(proposal, contact)
        messages.success(request, _("Uw organisatie steunt dit voorstel niet meer."))
    else:
        proposals.give_support(proposal, contact)
        messages.success(request, _("Uw organisatie steunt dit voorstel. U hoort de uitkomst per e-mail."))
    return redirect(proposal.get_absolute_url() + "#steun")


@members_only
@require_POST
def comment(request, pk):
    proposal = get_object_or_404(_listed(), pk=pk)
    contact = _writer(request)
    form = ProposalCommentForm(request.POST)
    if posted_too_often(request, form, "governance.proposal_comment"):
        return _proposal_page(request, proposal, form, status=429)
    if not form.is_valid():
        return _proposal_page(request, proposal, form, status=400)
    item = form.save(commit=False)
    item.proposal, item.author = proposal, contact
    item.save()
    messages.success(request, _("Uw opmerking staat bij het voorstel."))
    return redirect(proposal.get_absolute_url() + f"#opmerking-{item.pk}")


def _moderated(request, pk):
    if not proposals.may_moderate(request.user):
        raise PermissionDenied
    return get_object_or_404(ProposalComment.objects.select_related("author__participant", "proposal"), pk=pk)


def _set_hidden(request, item, hidden):
    """Hide the comment or show it again, once however often it is pressed, and say so in the Logboek."""
    rows = ProposalComment.objects.filter(pk=item.pk)
    if hidden:
        changed = rows.filter(hidden_at=None).update(hidden_at=timezone.now(), hidden_by=request.user)
    else:
        changed = rows.exclude(hidden_at=None).update(hidden_at=None, hidden_by=None)
    if changed:
        audit.record(
            audit.HIDDEN if hidden else audit.SHOWN_AGAIN,
            item,
            user=request.user,
            title=item.proposal.title,
            data={"what": "opmerking", "author": f"{item.author.name} ({item.author.participant.name})"},
        )


@members_only
@require_http_methods(["GET", "POST"])
def hide_comment(request, pk):
    """Asks first; hidden, the comment is gone for everyone but the office."""
    item = _moderated(request, pk)
    back_url = item.proposal.get_absolute_url() + f"#opmerking-{item.pk}"
    if request.method == "POST":
        _set_hidden(request, item, hidden=True)
        messages.success(request, _("De opmerking is verborgen. Alleen het netwerkbureau ziet haar nog."))
        return redirect(back_url)
    return render(request, "governance/proposals/hide_confirm.html", {"item": item, "back_url": back_url})


@members_only
@require_POST
def unhide_comment(request, pk):
    item = _moderated(request, pk)
    _set_hidden(request, item, hidden=False)
    messages.success(request, _("De opmerking is weer zichtbaar."))
    return redirect(item.proposal.get_absolute_url() + f"#opmerking-{item.pk}")
