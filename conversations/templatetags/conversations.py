"""``{% reactions page %}``: the reactions under an activity or an article, for logged-in members only.

Anonymous visitors get a hint to log in and nothing of the reactions (not even how many there are), so the
page they share through the page cache holds nothing personal; a logged-in visitor has a session cookie and
is never served from, nor stored in, that cache (nnr_site/pagecache.py).
"""

from django import template
from django.template.loader import render_to_string

from .. import rules
from ..forms import ReactionForm
from ..models import Reaction

register = template.Library()


@register.simple_tag(takes_context=True)
def reactions(context, page):
    request = context.get("request")
    if request is None or page is None or not rules.takes_reactions(page):
        return ""
    user = request.user
    data = {"page": page, "anonymous": not user.is_authenticated, "member": rules.may_read(user)}
    if data["member"]:
        moderator = rules.may_hide(user, page)
        rows = Reaction.objects.filter(page=page).select_related("author__participant")
        data.update(
            moderator=moderator,
            reactions=list(rows if moderator else rows.shown()),
            writer=rules.writer(user),
            form=context.get("reaction_form") or ReactionForm(),
        )
    return render_to_string("conversations/includes/reactions.html", data, request=request)
