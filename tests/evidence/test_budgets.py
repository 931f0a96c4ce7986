"""Budgets a visitor feels (issue 21): no public page weighs more than 300 KB before images (the HTML and the
style sheets and scripts it loads), and nothing moves once a page has been laid out (no layout shift from
parts that load late, such as the coalition colours or the map)."""

import re

import pytest
from django.contrib.staticfiles import finders

from tests.evidence.test_accessibility import public_pages

BUDGET = 300 * 1024
ASSET = re.compile(r'(?:href|src)="/static/([^"?]+\.(?:css|js))"')


def weight(client, url):
    html = client.get(url).content
    assets = set(ASSET.findall(html.decode()))
    return len(html) + sum(len(open(finders.find(path), "rb").read()) for path in assets)


@pytest.mark.django_db
def test_no_public_page_weighs_more_than_300_kb_before_images(client, demo):
    weights = {name: weight(client, url) for name, url in public_pages()}
    heavy = {name: size for name, size in weights.items() if size > BUDGET}
    assert not heavy, heavy
    assert weights["home"] > 10_000  # the count is of real pages


LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 400);
})"""


@pytest.mark.browser
def test_pages_do_not_shift_once_laid_out(browser_page, demo):
    page = browser_page
    shifts = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in public_pages()[:8]:  # home, content, coalitions, a coalition, activity, knowledge
            page.goto(url)
            page.wait_for_load_state("load")
            shifts[(name, width)] = page.evaluate(LAYOUT_SHIFT)
    assert max(shifts.values()) < 0.01, shifts
