"""A CDN in front of the site (settings WAGTAILFRONTENDCACHE, from FRONTEND_CACHE in the environment).

Wagtail's frontend_cache app purges a page's own URLs when it is published or unpublished. The page cache
(nnr_site/pagecache.py) starts a whole new generation instead, because listings show the page too; here the
CDN gets the nearest equivalent: the page and every ancestor (home, /coalities/, /kennis/ …), in one batch.
"""

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished


def purge_ancestors(instance, **kwargs):
    batch = PurgeBatch()
    batch.add_pages(instance.get_ancestors().live().filter(depth__gt=1))
    batch.purge()


def connect():
    page_published.connect(purge_ancestors, dispatch_uid="frontend-cache-ancestors-published")
    page_unpublished.connect(purge_ancestors, dispatch_uid="frontend-cache-ancestors-unpublished")
