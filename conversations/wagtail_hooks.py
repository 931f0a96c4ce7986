from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from wagtail import hooks

from following.follows import followed_theme_ids

from .models import Question
from .search import found_for

PANEL_QUESTIONS = 5


@hooks.register("nnr_account_panels", order=18)
def questions_panel(request, contact):
    """'Vraag het netwerk' on /mijn/: open questions on the themes the person follows, and its own."""
    if contact is None or not contact.participant.is_active:
        return ""
    themes = followed_theme_ids(contact)  # read once per request, with the follow buttons
    listed = Question.objects.for_listing().prefetch_related(None).shown()
    on_themes = []
    if themes:
        on_themes = list(
            listed.open().filter(themes__in=themes).exclude(author=contact).distinct()[:PANEL_QUESTIONS]
        )
    own = list(listed.filter(author=contact)[:PANEL_QUESTIONS])
    prefetch_related_objects([*on_themes, *own], "themes")  # one query for both lists
    context = {"on_themes": on_themes, "own": own, "follows_themes": bool(themes)}
    return render_to_string("conversations/account_panel.html", context, request=request)


@hooks.register("nnr_search_sections")
def search_section(request, query):
    """Questions and reactions above the page results of /zoeken/, for logged-in members only."""
    questions, reactions = found_for(request.user, query)
    if not questions and not reactions:
        return ""
    context = {"questions": questions, "reactions": reactions, "query": query}
    return render_to_string("conversations/search_section.html", context, request=request)
