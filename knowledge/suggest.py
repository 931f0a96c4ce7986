"""'Bedoelde u: …?' for a search that found nothing: each unknown word replaced by the closest word of the site.

The vocabulary is the words of the text the search index holds for every live public page (their search
fields), counted once per page; kept in the cache for an hour, and only built when a search finds nothing.
A word is known when it or its Dutch stem is in the vocabulary, so a plural is never "corrected".
"""

import difflib

from django.core.cache import cache
from django.db.models import Manager
from django.utils.encoding import force_str
from wagtail.models import Page
from wagtail.search import index

from nnr_site.dutch import WORD, stem_words

CACHE_KEY = "search:vocabulary"
CACHE_SECONDS = 60 * 60
MIN_LENGTH = 4  # shorter words (de, en, rook) are left as typed
MAX_LENGTH = 30  # longer "words" are no typos of a word of the site
MAX_WORDS = 6  # a suggestion for the first few words only: a long query costs no more than a short one


def _texts(obj, fields):
    for field in fields:
        if isinstance(field, index.SearchField):
            value = field.get_value(obj)
            yield " ".join(map(force_str, value)) if isinstance(value, list) else force_str(value or "")
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            related = related.all() if isinstance(related, Manager) else [related] if related else []
            for sub in related:
                yield from _texts(sub, field.fields)


def vocabulary():
    """The site's words (lower case) and their stems."""
    found = cache.get(CACHE_KEY)
    if found is None:
        words = set()
        for page in Page.objects.live().public().specific():
            words.update(WORD.findall(" ".join(_texts(page, page.get_search_fields())).lower()))
        words = sorted(w for w in words if len(w) >= MIN_LENGTH and w.isalpha())
        found = (words, set(stem_words(" ".join(words)).split()))
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def suggestion(query):
    """The query with each unknown word replaced by the closest word of the site, or None when none is."""
    words, stems = vocabulary()
    corrected, changed = [], False
    for number, word in enumerate(query.lower().split()):
        if number < MAX_WORDS and MIN_LENGTH <= len(word) <= MAX_LENGTH and stem_words(word) not in stems:
            near = [w for w in words if abs(len(w) - len(word)) <= 2]
            match = difflib.get_close_matches(word, near, n=1, cutoff=0.8)
            if match:
                word, changed = match[0], True
        corrected.append(word)
    return " ".join(corrected) if changed else None
