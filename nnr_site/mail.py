"""Mail helpers shared by the apps: subjects, and the one-click unsubscribe view."""

import unicodedata

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


def subject(text):
    """One line, safe for a mail header: a name from old data or the admin may hold a line break (Django then
    raises BadHeaderError and the mail is never sent) or an invisible direction override."""
    words = str(text).split()  # every kind of whitespace, including line breaks and U+2028
    return "".join(c for c in " ".join(words) if unicodedata.category(c) not in ("Cc", "Cf"))


def one_click_unsubscribe(resolve, withdraw):
    """The view behind a mail's ``List-Unsubscribe-Post`` (RFC 8058): the mail program POSTs here without a
    session or a CSRF token, so there is no page and no second step. ``resolve(token)`` gives what the link
    stands for (None when it is not valid), ``withdraw(it)`` stops the mails."""

    @csrf_exempt
    @require_POST
    def one_click(request, token):
        subject = resolve(token)
        if subject is None:
            return HttpResponseBadRequest(_("Ongeldige afmeldlink."))
        withdraw(subject)
        return HttpResponse(_("U bent afgemeld."), content_type="text/plain; charset=utf-8")

    return one_click
