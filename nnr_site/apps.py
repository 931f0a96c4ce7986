from django.contrib.staticfiles.apps import StaticFilesConfig


class NNRStaticFilesConfig(StaticFilesConfig):
    """Viewflow ships its front-end's node_modules, which manifest storage cannot post-process."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "node_modules"]
