"""The site's search backend (WAGTAILSEARCH_BACKENDS): Dutch full-text search on every database.

PostgreSQL: Wagtail's backend with the "dutch" configuration (postgres.py); SQLite: Wagtail's FTS5 backend with
the same Snowball stemmer in Python (sqlite.py); SQLite without FTS5: Wagtail's substring search (fallback.py).
Each also takes `limit`, for a search whose cost does not grow with the data (limit.py): `best_matches`.
"""

from functools import cache

from django.db import connection
from wagtail.search.backends import get_search_backend

_fts_table = False


@cache
def _fts5_available():
    from wagtail.search.backends.database.sqlite.utils import fts5_available

    return fts5_available()


def _fts5():
    """FTS5 in this SQLite and its table migrated (remembered once true: before `migrate` it is not there)."""
    global _fts_table
    if not _fts_table and _fts5_available():
        from wagtail.search.backends.database.sqlite.utils import fts_table_exists

        _fts_table = fts_table_exists()
    return _fts_table


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    if connection.vendor == "postgresql":
        from .postgres import DutchPostgresSearchBackend as backend
    elif connection.vendor == "sqlite" and _fts5():
        from .sqlite import DutchSQLiteSearchBackend as backend
    else:
        from .fallback import FallbackSearchBackend as backend
    return backend(params)


def best_matches(queryset, query, limit):
    """At most `limit` objects of the queryset that match, title matches first, each group by rank; the
    results' `more` says whether more match."""
    return get_search_backend().search(query, queryset, limit=limit)
