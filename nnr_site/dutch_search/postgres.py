"""PostgreSQL: Wagtail's database backend with the "dutch" configuration, and `limit` (limit.py).

The candidates come from the index table's stored, weighted tsvectors (title weighted by its boost, the rest
by theirs) through a GIN index: Wagtail's own on `title`, and ours on `title || body` (knowledge migration
0003), which Wagtail's search filters on but does not create, so without it every search read every row.
A candidate's page is checked by its primary key (`page.id = entry.object_id::integer`: the site search
searches pages, whose keys are integers), so the scan stops after `limit + 1` entries.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db.models import Exists, F, IntegerField, OuterRef
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
    def matching(self, config, title_only):
        search_query = self.build_tsquery(self.query, config=config)
        vector = F("title")
        if not title_only:
            vector = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
        pages = self.queryset.filter(pk=Cast(OuterRef("object_id"), IntegerField()))
        return (
            get_app_config()
            .get_model("IndexEntry")
            .objects.filter(content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(_vector_=vector)
            .filter(_vector_=search_query)
            .filter(Exists(pages))
            .order_by("-pk")
            .annotate(_key_=Cast("object_id", IntegerField()))
            .values_list("_key_", "pk")
        )

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
