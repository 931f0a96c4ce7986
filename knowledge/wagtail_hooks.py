from django.template.loader import render_to_string
from wagtail import hooks

from .sharing import article_states, articles_of, may_share

PANEL_SIZE = 10


@hooks.register("nnr_account_panels", order=15)
def my_articles_panel(request, contact):
    """'Mijn kennisartikelen' on /mijn/: share an article, and see where each of the organisation's stands
    (with the office's comment when it asked for changes)."""
    if contact is None:
        return ""
    may_write = may_share(contact)
    articles = list(articles_of(contact.participant)[:PANEL_SIZE]) if contact.participant.is_active else []
    if not (articles or may_write):
        return ""
    states = article_states(articles)
    rows = [(article, states[article.pk]) for article in articles]
    return render_to_string(
        "knowledge/account_panel.html", {"rows": rows, "may_share": may_write}, request=request
    )
