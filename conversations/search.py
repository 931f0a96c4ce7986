"""Questions and reactions in the site search (/zoeken/), for logged-in members only.

They are no pages, so Wagtail's page index does not hold them: a plain ``icontains`` per word (every word
must occur in the title, the text or an answer) over the few hundred rows there are. The site search asks for
them through the ``nnr_search_sections`` hook; for anyone else it gets nothing, so an anonymous (cached)
result never shows them.
"""

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page

from .models import Answer, Question, Reaction
from .rules import may_read

LIMIT = 10


def _words(query):
    return [word for word in query.split() if word][:6]


def questions_matching(query):
    condition = Q()
    for word in _words(query):
        in_answers = Exists(Answer.objects.shown().filter(question=OuterRef("pk"), text__icontains=word))
        condition &= Q(title__icontains=word) | Q(text__icontains=word) | Q(in_answers)
    if not condition:
        return Question.objects.none()
    return Question.objects.for_listing().shown().filter(condition)


def reactions_matching(query):
    condition = Q()
    for word in _words(query):
        condition &= Q(text__icontains=word)
    if not condition:
        return Reaction.objects.none()
    pages = Page.objects.live().public().values("pk")
    return (
        Reaction.objects.shown()
        .filter(condition, page__in=pages)
        .select_related("author__participant", "page")
        .order_by("-created_at")
    )


def found_for(user, query):
    """(questions, reactions) the user may find for the query; nothing for a visitor who is not a member."""
    if not query or not may_read(user):
        return [], []
    return list(questions_matching(query)[:LIMIT]), list(reactions_matching(query)[:LIMIT])
