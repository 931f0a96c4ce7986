from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig


class NNRStaticFilesConfig(StaticFilesConfig):
    """Viewflow ships its front-end's node_modules, which manifest storage cannot post-process, and 108 MB of
    static files (Material UI, plotly, fonts, source maps) for its own front-end, which this site does not use:
    only Viewflow's workflow engine runs here, its tasks in Wagtail's admin (workflows/). Left out, collectstatic
    (which compresses every file twice) takes seconds instead of minutes, and the proxy image stays small."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "node_modules", "viewflow"]


class FrontendCacheConfig(AppConfig):
    """Installed only with a CDN configured (settings FRONTEND_CACHE): also purges a published page's ancestors."""

    name = "nnr_site"
    label = "nnr_frontend_cache"
    verbose_name = "NNR frontend cache"

    def ready(self):
        from nnr_site.frontend_cache import connect

        connect()
