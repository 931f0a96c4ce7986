"""The site search (/zoeken/): it spans the pages of every app and sits here beside its search-term statistics."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from coalitions.models import CoalitionIndexPage
from nnr_site.dutch_search import best_matches
from nnr_site.pagecache import cache_for
from nnr_site.search import clean_query

from . import search_stats
from .models import KnowledgeIndexPage
from .suggest import suggestion

PER_PAGE = 10
# The search ranks at most about twice this many pages and shows at most this many (20 pages of results), so
# that its cost does not grow with the data; "meer dan 200 resultaten" when more match.
MAX_RESULTS = 200


# Anonymous visitors share results per query string for a minute (or until a publish); every search is still
# counted for the office's search-term statistics, cached or not.
@cache_for(60, on_hit="knowledge.search_stats.count")
def search(request):
    """Site search at /zoeken/: every live public page of this site, with the office's promoted results first
    (those too only when live, public and of this site). The title matches come first (nnr_site/dutch_search)."""
    query = clean_query(request.GET.get("q", ""))
    page_obj, promotions, suggested, sections, more = None, [], None, [], False
    if query:
        # What higher apps add for this visitor (conversations: questions and reactions, members only); a hook
        # returns "" for an anonymous visitor, whose result page the cache shares.
        sections = [html for fn in hooks.get_hooks("nnr_search_sections") if (html := fn(request, query))]
        site = Site.find_for_request(request)
        pages = Page.objects.live().public()
        if site:
            pages = pages.in_site(site)
        results = best_matches(pages.specific(), query, MAX_RESULTS)
        page_obj = Paginator(results, PER_PAGE).get_page(request.GET.get("pagina"))
        more = getattr(results, "more", False)
        search_stats.count(request)
        if page_obj.number == 1:
            picks = list(
                SearchPromotion.objects.filter(
                    query__query_string=normalise_query_string(query)
                ).select_related("page")
            )
            shown = set(pages.filter(pk__in=[p.page_id for p in picks]).values_list("pk", flat=True))
            promotions = [p for p in picks if p.page is None or p.page_id in shown]
        if not page_obj.paginator.count and not promotions and not sections:
            suggested = suggestion(query)
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "page_obj": page_obj,
            "more": more,
            "promotions": promotions,
            "sections": mark_safe("".join(sections)),
            "filter_query": urlencode({"q": query}),
            "suggestion": suggested,
            "suggestion_query": urlencode({"q": suggested or ""}),
            # Only shown when nothing was found: looked up only then.
            "knowledge_index": SimpleLazyObject(lambda: KnowledgeIndexPage.objects.live().public().first()),
            "coalition_index": SimpleLazyObject(lambda: CoalitionIndexPage.objects.live().public().first()),
        },
    )
