"""PostgreSQL: Wagtail's database backend with the "dutch" configuration, and `limit` (limit.py).

The candidates come from the index table's stored, weighted tsvectors (title weighted by its boost, the rest
by theirs) through a GIN index: Wagtail's own on `title`, and ours on `title || body` (knowledge migration
0003), which Wagtail's search filters on but does not create, so without it every search read every row.
A candidate's page is checked by its primary key (`page.id = entry.object_id::integer`: the site search
searches pages, whose keys are integers), so the scan stops after `limit + 1` entries.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db.models import BooleanField, Exists, F, IntegerField, OuterRef, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)

from .limit import LimitedBackend, LimitedQueryCompiler, LimitedResults


class DutchPostgresSearchQueryCompiler(LimitedQueryCompiler, PostgresSearchQueryCompiler):
    def entries(self, config, title_only):
        """The index entries that match: a GIN index scan (Wagtail's on `title`, ours on `title || body`)."""
        vector = F("title")
        if not title_only:
            vector = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
        entries = get_app_config().get_model("IndexEntry").objects.annotate(_vector_=vector)
        return entries.filter(_vector_=self.build_tsquery(self.query, config=config))

    def matching(self, config, title_only):
        pages = self.queryset.filter(pk=Cast(OuterRef("object_id"), IntegerField()))
        return (
            self.entries(config, title_only)
            .filter(content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
            .filter(Exists(pages))
            .order_by("-pk")
            .annotate(_key_=Cast("object_id", IntegerField()))
            .values_list("_key_", "pk")
        )

    def fetch_candidates(self, config, n):
        """Both lists in one query (PostgreSQL can limit each part of a UNION)."""
        title = self.matching(config, title_only=True).values_list(
            "_key_", "pk", Value(True, BooleanField())
        )[:n]
        every = self.matching(config, title_only=False).values_list(
            "_key_", "pk", Value(False, BooleanField())
        )[:n]
        rows = list(title.union(every, all=True))
        return [row[:2] for row in rows if row[2]], [row[:2] for row in rows if not row[2]]

    def rank(self, queryset, config, entries):
        """Wagtail's rank; the candidates' index entries named by id, so that PostgreSQL looks them up by
        primary key rather than joining the whole table on `page.id::varchar`."""
        search_query = self.build_tsquery(self.query, config=config)
        score = self._build_rank_expression(self.get_index_vectors(search_query), config)
        queryset = queryset.filter(index_entries__in=entries)
        return queryset.annotate(_score_=score), F("_score_").desc()


class DutchPostgresSearchResults(LimitedResults, PostgresSearchResults):
    pass


class DutchPostgresSearchBackend(LimitedBackend, PostgresSearchBackend):
    query_compiler_class = DutchPostgresSearchQueryCompiler
    results_class = DutchPostgresSearchResults
