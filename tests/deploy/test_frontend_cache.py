"""CDN-ready (issue 18.7): Wagtail's frontend cache from the environment; a publish purges the page and the
listings above it, as the page cache starts anew."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from home.models import ContentPage
from nnr_site import frontend_cache as cdn
from nnr_site.settings.base import frontend_cache

PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)


def test_no_cdn_without_frontend_cache():
    assert frontend_cache({}) == {} and frontend_cache({"FRONTEND_CACHE": " "}) == {}


def test_cloudflare_cloudfront_and_http_come_from_the_environment():
    cloudflare = frontend_cache(
        {"FRONTEND_CACHE": "Cloudflare", "CLOUDFLARE_ZONE_ID": "zone", "CLOUDFLARE_API_TOKEN": "token"}
    )["default"]
    assert cloudflare == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": "zone",
        "BEARER_TOKEN": "token",
    }
    cloudfront = frontend_cache({"FRONTEND_CACHE": "cloudfront", "CLOUDFRONT_DISTRIBUTION_ID": "E123"})
    assert cloudfront["default"]["DISTRIBUTION_ID"] == "E123"
    varnish = frontend_cache({"FRONTEND_CACHE": "http", "FRONTEND_CACHE_URL": "http://varnish:6081"})
    assert varnish["default"]["LOCATION"] == "http://varnish:6081"


@pytest.mark.parametrize(
    "env, message",
    [
        ({"FRONTEND_CACHE": "cloudflare", "CLOUDFLARE_ZONE_ID": "zone"}, "CLOUDFLARE_API_TOKEN"),
        ({"FRONTEND_CACHE": "cloudflare", "CLOUDFLARE_ZONE_ID": "", "CLOUDFLARE_API_TOKEN": "t"}, "ZONE_ID"),
        ({"FRONTEND_CACHE": "akamai"}, "cloudflare, cloudfront, http"),
    ],
)
def test_a_half_configured_cdn_stops_the_start(env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        frontend_cache(env)


def test_publishing_purges_the_page_and_the_listings_above_it(site_home, settings):
    settings.WAGTAILFRONTENDCACHE = {"default": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    listing = site_home.add_child(instance=ContentPage(title="Kennis", slug="kennis-cdn"))
    article = listing.add_child(instance=ContentPage(title="Artikel", slug="artikel"))
    cdn.connect()
    try:
        article.save_revision().publish()
    finally:
        cdn.page_published.disconnect(dispatch_uid="frontend-cache-ancestors-published")
        cdn.page_unpublished.disconnect(dispatch_uid="frontend-cache-ancestors-unpublished")
    assert sorted(PURGED) == sorted([site_home.full_url, listing.full_url])
