"""A GIN index on `title || body` of Wagtail's search index table (PostgreSQL only).

Wagtail's PostgreSQL search filters on `title || body @@ query` but creates GIN indexes on each column alone,
so every search read and concatenated every row of the table; with this index the site search's candidates
(nnr_site/dutch_search/postgres.py) come from an index scan. SQLite searches its FTS5 table instead.
"""

from django.db import migrations

INDEX = "nnr_search_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0002_source_coalition_activity"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
