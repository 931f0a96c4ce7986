"""Dutch full-text search on SQLite (the embedded default), as PostgreSQL's "dutch" search configuration does it.

SQLite's FTS5 stems English only (its porter tokenizer) and Python's sqlite3 cannot register a tokenizer, so
the words are stemmed in Python: the index holds the stems of each page's title and body, and every search
term is stemmed the same way before it is matched ("sportverenigingen" and "sportvereniging" both become
"sportveren"). Snowball's Dutch (Porter) stemmer is the algorithm of PostgreSQL's dutch configuration, so
both databases find the same pages. Autocomplete (the admin's choosers) keeps the words as written: it
matches the beginning of what an editor types.

An SQLite database indexed before this backend needs `manage.py update_index` once.
"""

from django.db import transaction
from django.utils.encoding import force_str
from wagtail.search.backends.database.sqlite.sqlite import (
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from wagtail.search.query import Phrase, PlainText
from wagtail.search.utils import get_content_type_pk

from nnr_site.dutch import stem_words


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


class DutchSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        """Search terms are stemmed like the index (And/Or/Not come back here for each of their parts)."""
        if isinstance(query, (PlainText, Phrase)) and (stems := stem_words(query.query_string)):
            if isinstance(query, Phrase):
                query = Phrase(stems)
            else:
                query = PlainText(stems, operator=query.operator, boost=query.boost)
        return super().build_search_query_content(query, config=config)


class DutchSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = DutchSQLiteIndex
    query_compiler_class = DutchSQLiteSearchQueryCompiler


SearchBackend = DutchSQLiteSearchBackend
