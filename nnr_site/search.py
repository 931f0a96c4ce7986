"""Search words as a visitor typed them, made safe for every search box of the site and the admin.

SQLite's full-text search (the embedded default) reads a double quote as the start of a phrase and fails on
one that is not closed; PostgreSQL refuses a NUL byte. So every search entry point passes its text through
`clean_query`: the site search (/zoeken/), the /kennis/, /coalities/ and /deelnemers/ filters (through
`SearchQueryField`), the admin's participant listing and the participant chooser.
"""

from django import forms

MAX_QUERY = 200


def clean_query(value):
    """The search words only: control characters and double quotes become spaces; at most MAX_QUERY long."""
    return "".join(ch if ch.isprintable() and ch != '"' else " " for ch in value or "").strip()[:MAX_QUERY]


class SearchQueryField(forms.CharField):
    """A form's free-text search box; its cleaned value has gone through `clean_query`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", MAX_QUERY)
        super().__init__(**kwargs)

    def to_python(self, value):
        return clean_query(super().to_python(value))


class CleanSearchQueryMixin:
    """For a Wagtail admin listing (a generic IndexView): its search box's text through `clean_query`."""

    @property
    def search_query(self):
        return clean_query(super().search_query)
