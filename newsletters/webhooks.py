"""The mail provider's bounce and complaint webhooks (django-anymail), closed while they have no secret.

Anymail checks the HTTP basic auth of a webhook post only when ANYMAIL["WEBHOOK_SECRET"] is set; without it
it accepts every post (with just a Python warning), so anyone could report a forged bounce and block an
address. Outside development (DEBUG) such posts are refused instead; `check --deploy` warns about it.
"""

from functools import wraps

from anymail import urls as anymail_urls
from django.conf import settings
from django.http import HttpResponseForbidden
from django.urls import URLPattern


def webhooks_are_open():
    return not settings.ANYMAIL.get("WEBHOOK_SECRET") and not settings.DEBUG


def refused_while_open(view):
    @wraps(view)  # keeps anymail's csrf_exempt
    def guarded(request, *args, **kwargs):
        if request.method == "POST" and webhooks_are_open():
            return HttpResponseForbidden("Webhooks are closed until ANYMAIL_WEBHOOK_SECRET is set.")
        return view(request, *args, **kwargs)

    return guarded


urlpatterns = [
    URLPattern(p.pattern, refused_while_open(p.callback), p.default_args, p.name)
    for p in anymail_urls.urlpatterns
]
app_name = anymail_urls.app_name
