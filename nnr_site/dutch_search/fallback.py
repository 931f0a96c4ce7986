"""Where SQLite has no FTS5 (a Python built without it): Wagtail's substring search, with `limit` (limit.py).

No stemming and no rank: the words are matched as typed, title matches first, newest pages first.
"""

from django.db.models import F
from wagtail.search.backends.database.fallback import (
    DatabaseSearchBackend,
    DatabaseSearchQueryCompiler,
    DatabaseSearchResults,
)

from .limit import LimitedBackend, LimitedQueryCompiler, LimitedResults


class FallbackSearchQueryCompiler(LimitedQueryCompiler, DatabaseSearchQueryCompiler):
    def matching(self, config, title_only):
        fields_names = self.fields_names
        if title_only:
            self.fields_names = [name for name in fields_names if name == "title"]
        try:
            matches = self.build_database_filter(self.query)
        finally:
            self.fields_names = fields_names
        return self.queryset.filter(matches).order_by("-pk").values_list("pk", "pk")  # no index entries

    def rank(self, queryset, config, entries):
        return queryset, F("pk").desc()


class FallbackSearchResults(LimitedResults, DatabaseSearchResults):
    def get_queryset(self):
        if self._limited():
            return self.query_compiler.search(None, self.start, self.stop)
        return super().get_queryset()


class FallbackSearchBackend(LimitedBackend, DatabaseSearchBackend):
    query_compiler_class = FallbackSearchQueryCompiler
    results_class = FallbackSearchResults
