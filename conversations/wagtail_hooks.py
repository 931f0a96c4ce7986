from django.template.loader import render_to_string
from wagtail import hooks

from following.follows import followed_themes

from .models import Question
from .search import found_for

PANEL_QUESTIONS = 5


@hooks.register("nnr_account_panels", order=18)
def questions_panel(request, contact):
    """'Vraag het netwerk' on /mijn/: open questions on the themes the person follows, and its own."""
    if contact is None or not contact.participant.is_active:
        return ""
    themes = followed_themes(contact)
    on_themes = (
        Question.objects.for_listing()
        .shown()
        .open()
        .filter(themes__in=themes)
        .exclude(author=contact)
        .distinct()[:PANEL_QUESTIONS]
    )
    own = Question.objects.for_listing().shown().filter(author=contact)[:PANEL_QUESTIONS]
    context = {"on_themes": list(on_themes), "own": list(own), "follows_themes": themes.exists()}
    return render_to_string("conversations/account_panel.html", context, request=request)


@hooks.register("nnr_search_sections")
def search_section(request, query):
    """Questions and reactions above the page results of /zoeken/, for logged-in members only."""
    questions, reactions = found_for(request.user, query)
    if not questions and not reactions:
        return ""
    context = {"questions": questions, "reactions": reactions, "query": query}
    return render_to_string("conversations/search_section.html", context, request=request)
