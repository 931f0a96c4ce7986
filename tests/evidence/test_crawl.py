"""The crawl (issue 16): every demo role walks the site at 390 px, in Debian's chromium, and every problem a
person would notice is collected and reported at once, page by page.

Per role it opens the pages reachable from the menus, `/mijn/`, and the pages of the authorisation matrix the
role may open (which include the admin's own NNR pages), then follows same-origin links, at most
`PAGES_PER_ROLE` rendered pages. Links found but not rendered are still requested once, for their status.
A page fails on: a 5xx or a 404 (the page, a link on it, or a file it loads), a link to an anchor that is not
on the page, English interface words, a page wider than the phone, a button out of sight in a table, a missing `<title>` or `<h1>`, a console
error. The public pages (as the anonymous visitor sees them) must be valid HTML for the Nu Html Checker
(vnu.jar, the W3C's validator, from the `vnu-jar` npm package; `.ci/run` installs it).
"""

import json
import os
import re
import shutil
import subprocess
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from home.authorization import DEMO_USERS, ROLES, RULES
from network.demo import DEMO_PASSWORD
from tests.conftest import need

pytestmark = pytest.mark.browser

SITE_NAME = "Netwerk Nederland Rookvrij"
WIDTH = 390
PAGES_PER_ROLE = 40
LINKS_PER_ROLE = 200
VNU_JAR = Path(
    os.environ.get(
        "NNR_VNU_JAR",
        Path(__file__).resolve().parents[2] / "var/vnu/node_modules/vnu-jar/build/dist/vnu.jar",
    )
)

# Never followed: leaving, downloads, and Wagtail's own screens behind the NNR ones (previews, revisions...).
SKIP = re.compile(
    r"logout|uitloggen|/documents?/|/media/|/static/|\.(csv|xlsx|pdf|json|zip|xml|txt)$|[?&](format|export)="
    r"|/export|/admin/(deelnemer-kiezen/|pages/\d+/(preview|revisions|history|copy|move|delete|unpublish|usage|privacy|"
    r"workflow|lock|unlock)|images/\d|documents/\d|reports/|workflows/|sites/|locales/|redirects/|"
    r"searchpicks|jsi18n|account/|bulk/)|/admin/.*/(delete|usage|history|copy|unpublish)/"
)

# English words that only show up when a text was left untranslated; whole words, as written in Django's,
# Wagtail's and Viewflow's own interface. Names and content in the demo are Dutch, so these do not occur there.
ENGLISH = re.compile(
    r"\b(Finished|False|True|None|Submit|Search|approval|Moderators|This password|This field|"
    r"Sorry, you|You don't|Please|Cancel|Save|Delete|Edit|Loading|Welcome|Dashboard|Settings|Unknown|"
    r"required|Yes|No results|Previous|Next|Back)\b"
)
# Pages that answer 404 on purpose (the 404 page itself, a link that is no longer valid).
NOT_FOUND_ON_PURPOSE = {"/bestaat-niet/", "/bijeenkomsten/afmelden/ongeldig/"}
# Informal Dutch where the platform says "u".
INFORMAL = re.compile(r"\b(je hebt|heb je|kun je|jouw|Hallo [A-Z]\w+,)\b")

CHECKS_JS = """() => {
  const wide = [];
  const tooWide = document.documentElement.scrollWidth > WIDTH;  // only then look for the culprit (slow)
  for (const el of tooWide ? document.querySelectorAll('body *') : []) {
    const r = el.getBoundingClientRect();
    if (r.right > WIDTH + 1 && r.width > 0 && getComputedStyle(el).position !== 'fixed') {
      let inner = false;
      for (const c of el.children) { if (c.getBoundingClientRect().right > WIDTH + 1) { inner = true; break; } }
      if (!inner) {
        let p = el, clipped = false;
        while ((p = p.parentElement) && p !== document.body) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; }
        }
        if (!clipped) wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
          ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' (' + Math.round(r.right) + ' px)');
      }
    }
  }
  // A button in a table that scrolls inside its box is out of sight on a phone: nobody finds it. (The
  // admin's listings are Wagtail's own; their buttons there are dates with a tooltip.)
  const site = !location.pathname.startsWith('/admin/');
  const hiddenButtons = [...(site ? document.querySelectorAll('table button, table input[type=submit]') : [])]
    .filter(b => b.getBoundingClientRect().left >= WIDTH).map(b => b.innerText.trim() || b.value);
  const ids = new Set([...document.querySelectorAll('[id]')].map(e => e.id));
  for (const a of document.querySelectorAll('a[name]')) ids.add(a.name);
  const anchors = [...document.querySelectorAll('a[href^="#"]')]
    .map(a => a.getAttribute('href').slice(1)).filter(h => h && h !== 'top' && !ids.has(decodeURIComponent(h)));
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('script, style, template, [hidden], .visually-hidden, [lang]:not([lang^=nl])')
    .forEach(e => e.remove());
  return {
    scrollWidth: document.documentElement.scrollWidth,
    wide: wide.slice(0, 3),
    hiddenButtons: hiddenButtons.slice(0, 3),
    title: document.title.trim(),
    h1: [...document.querySelectorAll('h1')].map(h => h.innerText.trim()),
    crumbs: [...document.querySelectorAll('[data-w-breadcrumbs-target], .w-breadcrumbs a, .w-breadcrumbs span')]
      .map(e => e.innerText.trim()),
    text: document.body.innerText,
    deadAnchors: [...new Set(anchors)],
    links: [...document.querySelectorAll('a[href]')].map(a => new URL(a.getAttribute('href'), location.href).href),
  };
}""".replace("WIDTH", str(WIDTH))


def _seeds(role):
    """Where a role starts: the home page, `/mijn/`, the matrix's pages it may open, and for the anonymous
    visitor also the pages reached from a link in an e-mail."""
    from tests.evidence.test_accessibility import public_pages, token_pages
    from tests.evidence.test_authorization_matrix import PLACEHOLDERS

    seeds = ["/"]
    if role != "anonymous":
        seeds.append("/mijn/")
    for rule in RULES:
        if rule.method != "get" or not rule.expected(role) or "vervalst" in rule.path:
            continue
        path = rule.path
        for placeholder, find in PLACEHOLDERS.items():
            if placeholder in path:
                value = find()
                path = path.replace(placeholder, str(value)) if value else None
                if not path:
                    break
        if path:
            seeds.append(path)
    if role == "anonymous":
        seeds += [url for _name, url in public_pages() + token_pages() if url]
    return [seed for seed in dict.fromkeys(seeds) if not SKIP.search(seed)]  # e.g. the chooser, not a page


class Crawl:
    def __init__(self, context, base_url, role):
        self.base, self.role = base_url.rstrip("/"), role
        self.page = context.new_page()
        self.page.set_default_timeout(20_000)
        self.request = context.request
        self.problems = defaultdict(list)  # path -> problems
        self.html = {}  # path -> the HTML the server sent (public pages, for the validator)
        self.current = None
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self._add(self.current, f"JavaScript-fout: {error}"))
        self.page.on("response", self._response)

    def _add(self, path, problem):
        if problem not in self.problems[path]:
            self.problems[path].append(problem)

    def _console(self, message):
        if message.type == "error" and "Failed to load resource" not in message.text:
            self._add(self.current, f"consolefout: {message.text[:200]}")

    def _response(self, response):
        if self._local(response.url) and (response.status == 404 or response.status >= 500):
            if response.request.resource_type != "document":
                self._add(self.current, f"{response.status} op {self._path(response.url)}")

    def _local(self, url):
        return url.startswith(self.base + "/")

    def _path(self, url):
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def visit(self, path):
        self.current = path
        try:
            response = self.page.goto(self.base + path, wait_until="load")
        except PlaywrightError as error:
            if "Download is starting" not in str(error):
                self._add(path, f"opent niet: {str(error).splitlines()[0]}")
            return []
        status = response.status if response else 0
        if status >= 500 or (status == 404 and path not in NOT_FOUND_ON_PURPOSE):
            self._add(path, f"antwoord {status}")
            return []
        final = self._path(self.page.url)
        if final != path and (final in self.visited or SKIP.search(final) or "/login/" in final):
            return []  # a redirect to a page already seen, or to the log-in
        self.visited.add(final)
        found = self.page.evaluate(CHECKS_JS)
        if found["scrollWidth"] > WIDTH:
            self._add(path, f"breder dan {WIDTH} px ({found['scrollWidth']} px): {', '.join(found['wide'])}")
        for button in found["hiddenButtons"]:
            self._add(path, f'knop "{button}" staat op {WIDTH} px rechts buiten beeld in een tabel')
        if not found["title"]:
            self._add(path, "geen <title>")
        elif found["title"].count(SITE_NAME) > 1:
            self._add(path, f"de naam van de site staat twee keer in de titel: {found['title']}")
        if not found["h1"]:
            self._add(path, "geen <h1>")
        # Wagtail's breadcrumb starts at "Home" (the dashboard); a page must name itself after it.
        if "Home" in found["h1"] or (found["crumbs"] and set(found["crumbs"]) <= {"Home", ""}):
            self._add(path, 'de kop of het kruimelpad noemt de pagina "Home", niet zichzelf')
        for anchor in found["deadAnchors"]:
            self._add(path, f"link naar #{anchor}, dat niet op de pagina staat")
        for match in sorted({m.group(0) for m in ENGLISH.finditer(found["text"])}):
            self._add(path, f'Engels: "{match}" in "{_around(found["text"], match)}"')
        for match in sorted({m.group(0) for m in INFORMAL.finditer(found["text"])}):
            self._add(path, f'"je" waar het platform "u" zegt: "{_around(found["text"], match)}"')
        if self.role == "anonymous" and not path.startswith("/admin/"):
            self.html[path] = response.text()
        return [
            self._path(link)
            for link in (urldefrag(href)[0] for href in found["links"])
            if self._local(link) and not SKIP.search(self._path(link))
        ]

    def run(self, seeds):
        self.visited, queue, linked = set(), list(seeds), {}
        rendered = 0
        while queue and rendered < PAGES_PER_ROLE:
            path = queue.pop(0)
            if path in self.visited:
                continue
            rendered += 1
            self.visited.add(path)
            for link in self.visit(path):
                linked.setdefault(link, path)
                # Admin screens are reached from the seeds only: links in them lead into Wagtail's own.
                if link not in self.visited and link not in queue and not link.startswith("/admin/"):
                    queue.append(link)
        unchecked = [link for link in linked if link not in self.visited][:LINKS_PER_ROLE]
        for link in unchecked:
            status = self.request.get(self.base + link, max_redirects=5).status
            if status == 404 or status >= 500:
                self._add(linked[link], f"link naar {link} geeft {status}")


def _around(text, word):
    at = text.find(word)
    return " ".join(text[max(0, at - 40) : at + len(word) + 40].split())


def _validate(html_by_path, tmp_path):
    """Nu Html Checker errors per path, in one run of vnu.jar over all pages."""
    files = {}
    for number, (path, html) in enumerate(sorted(html_by_path.items())):
        file = tmp_path / f"page{number}.html"
        file.write_text(html, encoding="utf-8")
        files[file.name] = path
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, tmp_path.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = defaultdict(list)
    for message in json.loads(result.stderr or '{"messages": []}')["messages"]:
        if message.get("type") == "error":
            path = files.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
            errors[path].append(f"ongeldige HTML (regel {message.get('lastLine')}): {message['message']}")
    return errors


@pytest.fixture
def vnu():
    need(shutil.which("java") is not None and VNU_JAR.exists(), f"java and the Nu Html Checker ({VNU_JAR})")


# Two halves of about two minutes each, so that under pytest-xdist both processes walk at once. The superuser
# is not walked: it sees Wagtail's whole admin; the office covers the NNR screens.
HALVES = {
    "public-supporter-partner": ("anonymous", "supporter", "partner"),
    "editor-core-partner-office": ("coalition_editor", "core_partner", "office"),
}


@pytest.mark.timeout(1200)  # three roles, a few hundred pages: minutes, not the default limit
@pytest.mark.parametrize("roles", HALVES.values(), ids=HALVES.keys())
def test_every_role_finds_no_rough_edges(roles, browser_page, live_server, demo, vnu, tmp_path):
    from tests.conftest import login

    browser, base = browser_page.context.browser, live_server.url
    report = []
    for role in roles:
        started = time.monotonic()
        context = browser.new_context(
            base_url=base,
            locale="nl-NL",
            viewport={"width": WIDTH, "height": 844},
            timezone_id="Europe/Amsterdam",
        )
        if role != "anonymous":
            login(context.new_page(), DEMO_USERS[role], DEMO_PASSWORD)  # closed with its context
        crawl = Crawl(context, base, role)
        crawl.run(_seeds(role))
        if role == "anonymous":
            favicon = context.request.get(base + "/favicon.ico").status
            if favicon >= 400:
                crawl.problems["/favicon.ico"].append(f"geen favicon: {favicon}")
        if role == "anonymous":
            for path, errors in _validate(crawl.html, tmp_path).items():
                crawl.problems[path] += errors[:5]
        for path, problems in crawl.problems.items():
            report += [f"{ROLES[role]:>16}  {path}  {problem}" for problem in problems]
        context.close()
        print(f"{role}: {len(crawl.visited)} pages in {time.monotonic() - started:.0f} s")
    assert not report, f"{len(report)} problemen:\n" + "\n".join(report)
