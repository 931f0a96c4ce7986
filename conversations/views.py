"""Reactions under activities and articles, and "Vraag het netwerk" (/vraag-het-netwerk/): members only.

The activity and article pages show the reactions themselves (``{% reactions page %}``, the template tag in
templatetags/conversations.py); their forms post here. Who may do what is in ``rules``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from network import audit
from network.access import members_only
from nnr_site.forms import posted_too_often

from . import rules
from .forms import AnswerForm, QuestionFilterForm, QuestionForm, ReactionForm
from .mail import question_from_token
from .models import Answer, Question, Reaction
from .tasks import send_answer_mail, send_reaction_mail

PER_PAGE = 20


def _writer(request):
    contact = rules.writer(request.user)
    if contact is None:
        raise PermissionDenied(_("Alleen contactpersonen van deelnemers kunnen hier schrijven."))
    return contact


def _reaction_page(request, pk):
    """A live activity or article this visitor may see (a members-only coalition's activity too)."""
    page = Page.objects.live().filter(pk=pk).specific().first()
    if page is None or not rules.takes_reactions(page):
        raise Http404
    if not all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
        raise Http404
    return page


# --- reactions -------------------------------------------------------------------------------------------


@login_required
@require_POST
def react(request, page_id):
    page = _reaction_page(request, page_id)
    contact = _writer(request)
    form = ReactionForm(request.POST)
    limited = posted_too_often(request, form, "conversations.react")
    if not limited and form.is_valid():
        reaction = form.save(commit=False)
        reaction.page, reaction.author = page, contact
        reaction.save()
        transaction.on_commit(lambda: send_reaction_mail.delay(reaction.pk), robust=True)
        messages.success(request, _("Uw reactie staat onder de pagina."))
        return redirect(page.url + f"#reactie-{reaction.pk}")
    context = page.get_context(request)
    context["reaction_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=429 if limited else 400)


def _moderated(request, pk):
    reaction = get_object_or_404(Reaction.objects.select_related("author__participant"), pk=pk)
    page = reaction.page.specific
    if not rules.may_hide(request.user, page):
        raise PermissionDenied
    return reaction, page


def set_hidden(request, item, what, about, hidden=True):
    """Hide `item` (a reaction, question or answer) or show it again, once however often it is pressed, and
    say so in the Logboek: `what` names the kind ("reactie", "vraag", "antwoord"), `about` what it was under."""
    rows = type(item).objects.filter(pk=item.pk)
    if hidden:
        changed = rows.filter(hidden_at=None).update(hidden_at=timezone.now(), hidden_by=request.user)
    else:
        changed = rows.exclude(hidden_at=None).update(hidden_at=None, hidden_by=None)
    if changed:
        author = item.author
        audit.record(
            audit.HIDDEN if hidden else audit.SHOWN_AGAIN,
            item,
            user=request.user,
            title=about,
            data={
                "what": what,
                "author": f"{author.name} ({author.participant.name})" if author else _("een oud-deelnemer"),
            },
        )
    return changed


def confirm_hide(request, item, what, about, heading, back_url):
    """The question before hiding: what is hidden, and for whom it is gone."""
    return render(
        request,
        "conversations/hide_confirm.html",
        {"item": item, "what": what, "about": about, "heading": heading, "back_url": back_url},
    )


@login_required
@require_http_methods(["GET", "POST"])
def hide(request, pk):
    """Asks first; hidden, the reaction is gone for everyone but those who may hide it."""
    reaction, page = _moderated(request, pk)
    back_url = page.url + f"#reactie-{reaction.pk}"
    if request.method == "POST":
        set_hidden(request, reaction, "reactie", page.title)
        messages.success(
            request, _("De reactie is verborgen. Alleen wie reacties mag verbergen, ziet haar nog.")
        )
        return redirect(back_url)
    return confirm_hide(request, reaction, "reactie", page.title, _("Reactie verbergen?"), back_url)


@login_required
@require_POST
def unhide(request, pk):
    reaction, page = _moderated(request, pk)
    set_hidden(request, reaction, "reactie", page.title, hidden=False)
    messages.success(request, _("De reactie is weer zichtbaar."))
    return redirect(page.url + f"#reactie-{reaction.pk}")


# --- Vraag het netwerk -----------------------------------------------------------------------------------


@members_only
def questions(request):
    filters = QuestionFilterForm(request.GET or None)
    moderator = rules.may_hide_questions(request.user)
    listed = Question.objects.for_listing()
    found = filters.filter(listed if moderator else listed.shown())
    page_obj = Paginator(found, PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "filters": filters,
        "page_obj": page_obj,
        "filter_query": query.urlencode(),
        "may_ask": rules.writer(request.user) is not None,
    }
    return render(request, "conversations/question_list.html", context)


@members_only
@require_http_methods(["GET", "POST"])
def ask(request):
    contact = _writer(request)
    form = QuestionForm(request.POST or None)
    limited = request.method == "POST" and posted_too_often(request, form, "conversations.ask")
    if request.method == "POST" and not limited and form.is_valid():
        question = form.save(commit=False)
        question.author = contact
        question.save()
        form.save_m2m()
        messages.success(request, _("Uw vraag staat op Vraag het netwerk."))
        return redirect(question)
    status = 429 if limited else 400 if form.errors else 200
    return render(request, "conversations/ask.html", {"form": form}, status=status)


def _question_page(request, question, form=None, status=200):
    contact = rules.writer(request.user)
    moderator = rules.may_hide_questions(request.user)
    answers = question.answers.select_related("author__participant")
    context = {
        "question": question,
        "answers": list(answers if moderator else answers.shown()),
        "contact": contact,
        "moderator": moderator,
        "is_asker": rules.may_mark_helpful(contact, question),
        "form": form if form is not None else (AnswerForm() if contact else None),
    }
    return render(request, "conversations/question_detail.html", context, status=status)


def _question(request, pk):
    """The question; a hidden one is gone (404) for all but the office."""
    questions = Question.objects.select_related("author__participant").prefetch_related("themes")
    if not rules.may_hide_questions(request.user):
        questions = questions.shown()
    return get_object_or_404(questions, pk=pk)


@members_only
def question(request, pk):
    return _question_page(request, _question(request, pk))


@members_only
@require_POST
def answer(request, pk):
    question = _question(request, pk)
    contact = _writer(request)
    form = AnswerForm(request.POST)
    if posted_too_often(request, form, "conversations.answer"):
        return _question_page(request, question, form, status=429)
    if not form.is_valid():
        return _question_page(request, question, form, status=400)
    answer = form.save(commit=False)
    answer.question, answer.author = question, contact
    answer.save()
    transaction.on_commit(lambda: send_answer_mail.delay(answer.pk), robust=True)
    messages.success(request, _("Uw antwoord staat bij de vraag."))
    return redirect(question.get_absolute_url() + f"#antwoord-{answer.pk}")


@members_only
@require_POST
def helpful(request, pk, answer_pk):
    """Only the asker marks the answer that helped (one per question); pressing it again takes it back."""
    question = _question(request, pk)
    if not rules.may_mark_helpful(rules.writer(request.user), question):
        raise PermissionDenied
    answer = get_object_or_404(Answer.objects.shown(), pk=answer_pk, question=question)
    with transaction.atomic():
        was = answer.helpful
        question.answers.filter(helpful=True).update(helpful=False)
        if not was:
            Answer.objects.filter(pk=answer.pk).update(helpful=True)
    if was:
        messages.success(request, _("U heeft het antwoord niet meer gemarkeerd als het antwoord dat hielp."))
    else:
        messages.success(request, _("Dank u. Anderen zien nu welk antwoord u hielp."))
    return redirect(question.get_absolute_url() + f"#antwoord-{answer.pk}")


def _moderated_question(request, pk, answer_pk=None):
    """The question (or its answer) the office hides or shows again, and where to go back to."""
    if not rules.may_hide_questions(request.user):
        raise PermissionDenied
    question = get_object_or_404(Question.objects.select_related("author__participant"), pk=pk)
    if answer_pk is None:
        return question, question, "vraag", question.get_absolute_url()
    item = get_object_or_404(
        Answer.objects.select_related("author__participant"), pk=answer_pk, question=question
    )
    return question, item, "antwoord", question.get_absolute_url() + f"#antwoord-{item.pk}"


@members_only
@require_http_methods(["GET", "POST"])
def hide_question(request, pk, answer_pk=None):
    """Asks first; hidden, the question (with its answers) or the answer is gone for all but the office."""
    question, item, what, back_url = _moderated_question(request, pk, answer_pk)
    if request.method == "POST":
        set_hidden(request, item, what, question.title)
        if what == "vraag":
            messages.success(request, _("De vraag is verborgen. Alleen het netwerkbureau ziet haar nog."))
        else:
            messages.success(request, _("Het antwoord is verborgen. Alleen het netwerkbureau ziet het nog."))
        return redirect(back_url)
    heading = _("Vraag verbergen?") if what == "vraag" else _("Antwoord verbergen?")
    return confirm_hide(request, item, what, question.title, heading, back_url)


@members_only
@require_POST
def unhide_question(request, pk, answer_pk=None):
    question, item, what, back_url = _moderated_question(request, pk, answer_pk)
    set_hidden(request, item, what, question.title, hidden=False)
    if what == "vraag":
        messages.success(request, _("De vraag is weer zichtbaar."))
    else:
        messages.success(request, _("Het antwoord is weer zichtbaar."))
    return redirect(back_url)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def stop_mail(request, token):
    """From the answer mail, without logging in: no more mails about answers to this question. A POST is the
    mail program's one-click unsubscribe (RFC 8058) or the button."""
    pk = question_from_token(token)
    question = Question.objects.filter(pk=pk).first() if pk is not None else None
    if question is None:
        return render(request, "conversations/stop_mail.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        Question.objects.filter(pk=question.pk).update(notify=False)
        done = True
    return render(request, "conversations/stop_mail.html", {"done": done or not question.notify})
