import os

import pytest


@pytest.fixture
def pages(db):
    """Only the demo's home and content pages: these tests need no network (the full demo is tested once)."""
    from django.core.management.base import OutputWrapper

    from home import demo
    from home.factories import ensure_wagtail_tree

    class Quiet:
        stdout = OutputWrapper(open(os.devnull, "w"))

    ensure_wagtail_tree()
    demo.load(Quiet())
