from .fixtures import *  # noqa: F403 (shared with tests/workflows)
