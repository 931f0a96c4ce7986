"""The site's URLs as in development (DEBUG), where /media/ is served too."""

from nnr_site.media import media_urlpatterns
from nnr_site.urls import urlpatterns as site_urlpatterns

urlpatterns = media_urlpatterns() + site_urlpatterns
