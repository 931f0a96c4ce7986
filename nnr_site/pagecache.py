"""Full-page cache for anonymous visitors (wagtail-cache 3.0 pins wagtail<8, hence this short middleware).

A hit costs one cache round trip and no SQL: the lookup sits right after SecurityMiddleware (HTTPS redirect,
security headers), before the CSP header is built and before sessions, authentication and the view.

Who gets a cached page: GET requests without a session cookie (so never a logged-in editor) and without a
messages cookie, and never Wagtail's previews (dummy requests that pass through the middleware too). What
is stored: only 200 responses that set no cookie, did not use the CSRF token (a page with a form is never
shared), are not private/no-store and whose Content-Security-Policy carries no nonce (never reuse a nonce).

Invalidation is site-wide: every stored page carries the generation it was rendered in, and a new
generation starts whenever something that pages show changes (a page published, unpublished, moved, saved
or deleted; a snippet, site setting, image or document saved or deleted; a page's inline child rows; a page's
or collection's privacy set or lifted).
Each server process also starts a new generation when it first loads the middleware, so a deploy never
serves pages rendered by the old templates or naming old static files. The timeout bounds what this
misses: data shown on pages that is none of the above.
"""

import functools
import hashlib
import secrets

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.module_loading import import_string
from modelcluster.fields import ParentalKey
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Page
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

GENERATION_KEY = "pagecache:generation"
PAGE_TIMEOUT = 10 * 60  # seconds; search results choose less with @cache_for
UNSHARED = {"private", "no-store", "no-cache"}


def cache_for(seconds, on_hit=None):
    """View decorator: keep this view's responses in the page cache for at most `seconds`. `on_hit` (a dotted
    path to a function of the request) runs for every request answered from the cache, e.g. to count it."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.page_cache_timeout = seconds
            response.page_cache_on_hit = on_hit
            return response

        return wrapped

    return decorate


def new_generation(**kwargs):
    """Start a new generation: every page stored so far is stale."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)


def shared(name, compute, *vary, timeout=PAGE_TIMEOUT):
    """What `compute()` returns, kept for everyone until the next generation (or `timeout` seconds): for the
    parts of logged-in pages that are the same for every reader (the menu, the footer, the map, filter counts,
    what is new in the network). `vary` names what the part depends on (the host, the language, a filter).
    Never for a per-user part: whatever one reader may see must not reach another through this."""
    key = "pagecache:shared:" + hashlib.sha256(repr((name, vary)).encode()).hexdigest()
    found = cache.get_many([GENERATION_KEY, key])
    generation = _current_generation(found)
    stored = found.get(key)
    if generation is not None and stored is not None and stored[0] == generation:
        return stored[1]
    value = compute()
    if generation is not None:
        cache.set(key, (generation, value), timeout)
    return value


def _page_key(request):
    url = request.build_absolute_uri()  # scheme, host, path and the full query string
    return "pagecache:page:" + hashlib.sha256(url.encode()).hexdigest()


def _current_generation(found):
    generation = found.get(GENERATION_KEY)
    if generation is None:  # first request, or the cache was emptied (Redis restarted)
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY)  # None while the cache is down: then nothing is cached
    return generation


def _shareable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = {
        part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & UNSHARED:
        return False
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= {"cookie"}  # cookies are dealt with above; anything else would need its own key


class PageCacheMiddleware:
    """Serve and store whole responses for anonymous visitors; see the module docstring."""

    started = False  # per process; Wagtail loads the middleware again for every preview

    def __init__(self, get_response):
        self.get_response = get_response
        self.skip_prefixes = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p)
        if not PageCacheMiddleware.started:
            PageCacheMiddleware.started = True
            new_generation()  # a (re)started server may bring new templates and static file names

    def __call__(self, request):
        private_cookies = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}
        if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
            return self.get_response(request)
        if getattr(request, "is_dummy", False):  # a Wagtail preview or moderation view of a draft
            return self.get_response(request)
        if request.path_info.startswith(self.skip_prefixes):  # whitenoise's files and uploads
            return self.get_response(request)
        if private_cookies & request.COOKIES.keys():  # logged in (or a session), or messages to show
            return self.get_response(request)
        key = _page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = _current_generation(found)
        if generation is None:
            return self.get_response(request)
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            _, status, headers, content, on_hit = stored
            if on_hit:
                import_string(on_hit)(request)
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if request.method == "GET" and _shareable(request, response):
            headers = dict(response.items())
            timeout = min(getattr(response, "page_cache_timeout", PAGE_TIMEOUT), PAGE_TIMEOUT)
            on_hit = getattr(response, "page_cache_on_hit", None)
            cache.set(key, (generation, response.status_code, headers, response.content, on_hit), timeout)
            response["X-Page-Cache"] = "miss"
        return response


def _shown_on_pages(model):
    """How saving or deleting a `model` row can change what a public page shows: "content", "setting"
    (a site setting, whose first row is created with its defaults while a page renders) or None."""
    if issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
        return "setting"
    if issubclass(model, (Page, AbstractImage, AbstractDocument)) or model in get_snippet_models():
        return "content"
    if issubclass(model, BaseViewRestriction):
        # a page's or collection's privacy: a stored copy (and every listing naming it) must not stay public.
        # Changing only the groups of a restriction needs nothing: visitors without a session never pass one.
        return "content"
    if any(
        isinstance(field, ParentalKey) and issubclass(field.related_model, Page)
        for field in model._meta.get_fields()
    ):
        return "content"  # a page's inline rows, e.g. coalition members or tags
    return None


_kinds = {}


def _on_change(sender, created=False, **kwargs):
    if sender not in _kinds:
        _kinds[sender] = _shown_on_pages(sender)
    kind = _kinds[sender]
    if kind == "content" or (kind == "setting" and not created):
        new_generation()


def connect():
    """Start a new generation whenever something pages show changes; called from HomeConfig.ready, so Celery
    workers and management commands (`publish_scheduled`) invalidate too, not just web processes."""
    post_save.connect(_on_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="pagecache-delete")
    page_published.connect(new_generation, dispatch_uid="pagecache-published")
    page_unpublished.connect(new_generation, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(new_generation, dispatch_uid="pagecache-moved")
