"""Test data for the site itself: Wagtail's page tree and the home page as the default site's root.

Tests use the `site_home` fixture (tests/conftest.py); other factories and the benchmark call `site_home()`.
"""

from django.conf import settings
from wagtail.models import Collection, Locale, Page, Site

from .models import HomePage


def ensure_wagtail_tree():
    """Recreate what Wagtail's migrations put in the database (locale, root page, root collection).

    A transactional test (every browser test) flushes the database when it ends, so a later test would
    otherwise find no page tree to build on.
    """
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")


def site_home():
    """The site's home page, created when missing, and the root of the default site (localhost:80)."""
    ensure_wagtail_tree()
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Netwerk Nederland Rookvrij", slug="home-nnr")
        )
    site = Site.objects.filter(is_default_site=True).first() or Site(
        is_default_site=True, hostname="localhost", port=80
    )
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home
