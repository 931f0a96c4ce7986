"""The editor's preview panel frames the page: its preview may be framed by our own origin (issue 17 found the
panel empty), the live page still may not be framed at all."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_preview_may_be_framed_by_the_admin_and_the_live_page_by_nobody(client, site_home):
    preview = site_home.make_preview_request(preview_mode=site_home.default_preview_mode)
    assert preview.status_code == 200
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in client.get("/")["Content-Security-Policy"]
