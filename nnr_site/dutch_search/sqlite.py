"""SQLite (the embedded default): Wagtail's FTS5 backend with Dutch stemming, as PostgreSQL's "dutch" configuration
does it, and `limit` (limit.py).

SQLite's FTS5 stems English only (its porter tokenizer) and Python's sqlite3 cannot register a tokenizer, so
the words are stemmed in Python: the index holds the stems of each page's title and body, and every search
term is stemmed the same way before it is matched ("sportverenigingen" and "sportvereniging" both become
"sportveren"). Snowball's Dutch (Porter) stemmer is the algorithm of PostgreSQL's dutch configuration, so
both databases find the same pages. Autocomplete (the admin's choosers) keeps the words as written: it
matches the beginning of what an editor types.

An SQLite database indexed before this backend needs `manage.py update_index` once. The candidates of a
limited search come from the FTS5 table (its rowid is the index entry's id), newest first.
"""

from django.db import transaction
from django.db.models import Exists, F, IntegerField, OuterRef, Subquery
from django.db.models.fields import FloatField
from django.db.models.functions import Cast
from django.utils.encoding import force_str
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends.database.sqlite.query import MatchExpression, normalize
from wagtail.search.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from wagtail.search.query import Phrase, PlainText
from wagtail.search.utils import get_content_type_pk

from nnr_site.dutch import stem_words

from .limit import LimitedBackend, LimitedQueryCompiler, LimitedResults


class DutchSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        """Wagtail writes the words of the objects' title and body; they are then replaced by their stems."""
        with transaction.atomic(using=self.write_connection.alias):
            super().add_items(model, objs)
            entries = list(
                self.entries.filter(
                    content_type_id=get_content_type_pk(model),
                    object_id__in=[force_str(obj.pk) for obj in objs],
                ).only("pk", "title", "body")
            )
            for entry in entries:
                entry.title, entry.body = stem_words(entry.title), stem_words(entry.body or "")
            self.entries.bulk_update(entries, ["title", "body"], batch_size=500)


class DutchSQLiteSearchQueryCompiler(LimitedQueryCompiler, SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        """Search terms are stemmed like the index (And/Or/Not come back here for each of their parts)."""
        if isinstance(query, (PlainText, Phrase)) and (stems := stem_words(query.query_string)):
            if isinstance(query, Phrase):
                query = Phrase(stems)
            else:
                query = PlainText(stems, operator=query.operator, boost=query.boost)
        return super().build_search_query_content(query, config=config)

    def _entries(self, columns, config):
        match = MatchExpression(columns, self.build_search_query(normalize(self.query), config=config))
        return SQLiteFTSIndexEntry.objects.filter(match).filter(
            index_entry__content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
        )

    def matching(self, config, title_only):
        pages = self.queryset.filter(pk=Cast(OuterRef("index_entry__object_id"), IntegerField()))
        return (
            self._entries(["title"] if title_only else self.FTS_TABLE_FIELDS, config)
            .filter(Exists(pages))
            .order_by("-index_entry_id")
            .annotate(_key_=Cast("index_entry__object_id", IntegerField()))
            .values_list("_key_", "index_entry_id")
        )

    def rank(self, queryset, config, entries):
        """bm25 as Wagtail's backend computes it (lower is better)."""
        score = self._build_rank_expression(self.get_search_vectors(), config)
        scores = (
            self._entries(self.FTS_TABLE_FIELDS, config)
            .filter(index_entry_id__in=entries)
            .annotate(score=score)
        )
        score = Subquery(scores.filter(index_entry__object_id=OuterRef("pk")).values("score")[:1])
        return queryset.annotate(_score_=Cast(score, FloatField())), F("_score_").asc()


class DutchSQLiteSearchResults(LimitedResults, SQLiteSearchResults):
    pass


class DutchSQLiteSearchBackend(LimitedBackend, SQLiteSearchBackend):
    index_class = DutchSQLiteIndex
    query_compiler_class = DutchSQLiteSearchQueryCompiler
    results_class = DutchSQLiteSearchResults
