"""Mail helpers shared by the apps' Celery tasks."""

import unicodedata


def subject(text):
    """One line, safe for a mail header: a name from old data or the admin may hold a line break (Django then
    raises BadHeaderError and the mail is never sent) or an invisible direction override."""
    words = str(text).split()  # every kind of whitespace, including line breaks and U+2028
    return "".join(c for c in " ".join(words) if unicodedata.category(c) not in ("Cc", "Cf"))
