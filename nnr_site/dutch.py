"""Dutch words and their stems, for the search on SQLite (`nnr_site/dutch_search.py`) and the "Bedoelde u"
suggestions (`knowledge/suggest.py`). Apart from the SQLite backend, which can only be imported where the
database is SQLite."""

import re
import threading

import snowballstemmer

WORD = re.compile(r"[^\W_]+")  # what FTS5's default tokenizer (unicode61) counts as a word
_local = threading.local()  # a Snowball stemmer keeps state while it works: one per thread


def stem_words(text):
    """The Dutch stems of the words in `text`, lower case, separated by spaces."""
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer("dutch_porter")
    return " ".join(_local.stemmer.stemWords(WORD.findall(text.lower())))
