"""At most `limit` results, title matches first: a search whose cost does not grow with the data.

Wagtail's database backends rank every page that matches (PostgreSQL a `ts_rank` per match, SQLite a `bm25`)
and count them all, so a common word costs more with every page published. With `limit` the backend first takes
two short lists of candidates from the search index, each of at most `limit + 1` pages, newest index entries
first, by an index scan that stops there: the pages whose title matches, and the pages that match at all. Only
those are ranked: the title matches first, each group by the backend's own rank. The results hold at most
`limit` pages; `results.more` says whether more pages match (there are more than `limit` if and only if the
list of all matches is full).

Used by the site search (`knowledge/search.py`); other searches (the knowledge base's filter, the admin) call the
backend without `limit` and get Wagtail's behaviour unchanged.
"""

from django.db.models import Case, IntegerField, Value, When
from wagtail.search.query import Phrase, PlainText


class LimitedQueryCompiler:
    """Mixin for a backend's query compiler; the backend defines `matching()` and `rank()`."""

    def __init__(self, *args, limit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = limit
        self._candidates = None

    @property
    def limited(self):
        return (
            self.limit is not None
            and self.order_by_relevance
            and self.fields is None
            and isinstance(self.query, (PlainText, Phrase))
        )

    def matching(self, config, title_only):
        """(key, index entry id) of the matching objects of the queryset, newest index entries first (a
        values_list)."""
        raise NotImplementedError

    def rank(self, queryset, config, entries):
        """The queryset of the candidates (whose index entries are `entries`) annotated with its rank, and the
        ordering that puts the best first."""
        raise NotImplementedError

    def candidates(self, config):
        """(keys of the title matches, keys of all candidates, their index entries), fetched once: at most
        limit + 1 of each kind."""
        if self._candidates is None:
            title, every = self.fetch_candidates(config, self.limit + 1)
            title, every = dict(title), dict(title) | dict(every)
            self._candidates = list(title), list(every), list(every.values())
        return self._candidates

    def fetch_candidates(self, config, n):
        """(title matches, all matches) as (key, index entry id), at most n of each: two queries."""
        return self.matching(config, title_only=True)[:n], self.matching(config, title_only=False)[:n]

    @property
    def ranked(self):
        """How many pages the search ranks (known once the candidates are fetched)."""
        return len(self._candidates[1]) if self._candidates else 0

    def search(self, config, start, stop, score_field=None, **kwargs):
        if not self.limited:
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        title, keys, entries = self.candidates(config)
        if not keys:
            return self.queryset.none()
        queryset = self.queryset.filter(pk__in=keys).annotate(
            _title_match_=Case(
                When(pk__in=title, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        queryset, best_first = self.rank(queryset, config, entries)
        if score_field:
            queryset = queryset.annotate(**{score_field: best_first.expression})
        stop = self.limit if stop is None else min(stop, self.limit)
        return queryset.order_by("-_title_match_", best_first, "-pk")[start:stop]


class LimitedResults:
    """Mixin for a backend's search results: the count of a limited search comes from its candidates."""

    def _limited_candidates(self):
        compiler = self.query_compiler
        return compiler.candidates(getattr(compiler, "get_config", lambda backend: None)(self.backend))

    def _limited(self):
        """Autocomplete (the admin's choosers) shares the results class but has a compiler of its own."""
        return getattr(self.query_compiler, "limited", False)

    def _do_count(self):
        compiler = self.query_compiler
        if not self._limited():
            return super()._do_count()
        count = max(min(len(self._limited_candidates()[1]), compiler.limit) - self.start, 0)
        return count if self.stop is None else min(count, self.stop - self.start)

    @property
    def more(self):
        """Whether more pages match than the results hold (always False without a limit)."""
        compiler = self.query_compiler
        return self._limited() and len(self._limited_candidates()[1]) > compiler.limit


class LimitedBackend:
    """Mixin for a backend: `search(…, limit=N)`."""

    def search(
        self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True, limit=None
    ):
        return self._search(
            self.query_compiler_class,
            query,
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
            limit=limit,
        )
