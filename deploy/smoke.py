"""`make smoke`: the production shape of docker-compose.yml, run for real without Docker, checked over HTTP.

What it starts, each as its own process, like the compose services: production settings with a random
SECRET_KEY on a new PostgreSQL database and its own Redis database; `migrate`, `collectstatic` and
`check --deploy` (together), `load_demo`; two gunicorns (deploy/gunicorn.conf.py) on different ports, a Celery
worker and beat; Debian's caddy with deploy/Caddyfile in front of both gunicorns; an SMTP sink (aiosmtpd) in
this process. Then, through the proxy over plain HTTP, what a visitor, an applicant and the office would notice:

- the home page and a coalition page answer 200 with their CSS (compressed, cached for a year) and the
  security headers; the demo coalition's logo comes from /media/, documents there do not;
- a newsletter sign-up: the confirmation mail reaches the sink through the worker, and its link confirms;
- an application: its verification mail arrives, and its link confirms the address;
- the two gunicorns share one page cache (a page stored by one is a hit on the other) and one session store
  (the office logged in through one is logged in on the other);
- the office (password and authenticator code) publishes a new title of /kennis/ in Wagtail's editor, and
  the anonymous page cache shows the new title at once;
- /health/ reports database, cache, broker, storage and the worker's heartbeat; beat's schedule reaches the
  worker; every log line of the site, worker and beat is JSON, and no visitor's address appears in them;
- `manage.py backup`, `restore` into a new database and new folders, `verify_declarations` there, and a third
  gunicorn on the restored copy serves the same pages (tests/deploy/test_backup.py checks the refusals).

It stops everything it started and drops its databases (with --keep they stay, and var/smoke/ with the logs
always does). Timings are printed per step. Run: `make smoke` (SMOKE_DB, SMOKE_REDIS_DB, SMOKE_PORT choose the
database, the Redis db and the first of six ports).
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import struct
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from email import message_from_bytes, policy
from html import unescape
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "nnr-demo-2026"  # network/demo.py
DEMO_TOTP_SECRET = "NNRDEMOTOTPSECRETNNRDEMOTOTPSECR"  # accounts/demo.py: public, for demo accounts only
PARTNER_COALITION = "/coalities/rookvrije-generatie-utrecht/"  # coalitions/demo.py: the one with a logo
PUBLISHED = "/kennis/"  # the office edits and publishes the knowledge base's pages (knowledge/apps.py)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
T0 = time.monotonic()
TIMINGS = []


class SmokeFailure(Exception):
    pass


def say(text):
    print(f"[{time.monotonic() - T0:6.1f}s] {text}", flush=True)


def check(condition, what):
    if not condition:
        raise SmokeFailure(what)


@contextmanager
def step(name):
    say(f"{name} …")
    start = time.monotonic()
    yield
    took = time.monotonic() - start
    TIMINGS.append((name, took))
    say(f"{name}: ok ({took:.1f}s)")


# --- processes -------------------------------------------------------------------------------------------------


class Processes:
    """Everything started here, each in its own process group with its log in var/smoke/logs/."""

    def __init__(self, logs):
        self.logs = logs
        self.running = {}

    def start(self, name, command, env):
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.running[name] = (process, log)
        return process

    def run(self, name, command, env, timeout=600):
        """Run to the end; a failure shows the end of its log."""
        process = self.start(name, command, env)
        try:
            code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            code = "timeout"
        self.stop(name)
        if code != 0:
            raise SmokeFailure(f"{name} failed ({code}):\n{self.tail(name)}")

    def alive(self, name):
        return name in self.running and self.running[name][0].poll() is None

    def stop(self, name, grace=15):
        process, log = self.running.pop(name)
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        try:  # whatever the process group left behind (gunicorn workers, celery's pool)
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        log.close()

    def stop_all(self):
        """SIGTERM to all at once (each shuts down gracefully on its own), then stop() each."""
        for process, _log in self.running.values():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for name in list(self.running)[::-1]:
            self.stop(name)

    def tail(self, name, lines=40):
        path = self.logs / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


# --- SMTP sink ---------------------------------------------------------------------------------------------


class Sink:
    def __init__(self, port):
        from aiosmtpd.controller import Controller

        self.messages = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.messages.append((list(envelope.rcpt_tos), envelope.content))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def wait_for(self, address, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for recipients, content in self.messages:
                if address in recipients:
                    message = message_from_bytes(content, policy=policy.default)
                    part = message.get_body(("plain", "html"))
                    return message, part.get_content() if part else ""
            time.sleep(0.2)
        raise SmokeFailure(f"no mail to {address} within {timeout}s (is the worker running?)")


# --- HTTP ------------------------------------------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, body, path):
        self.status, self.headers, self.body, self.path = status, headers, body, path

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def header(self, name):
        return self.headers.get(name.lower(), "")


class Client:
    """A visitor: cookies kept (Secure ones too: the smoke speaks plain HTTP to the proxy), redirects followed.
    `host` sends another Host header, e.g. to ask a gunicorn directly as if through the proxy."""

    def __init__(self, port, host=None):
        self.port, self.host, self.cookies = port, host, {}

    def request(self, method, path, data=None, headers=None, follow=True):
        for _ in range(8):
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            sent = {"Host": self.host or f"127.0.0.1:{self.port}", **(headers or {})}
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            body = None
            if data is not None:
                body = urllib.parse.urlencode(data, doseq=True).encode()
                sent["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            content = raw.read()
            response_headers = {}
            for key, value in raw.getheaders():
                key = key.lower()
                if key == "set-cookie":
                    self._remember(value)
                response_headers[key] = (
                    value if key not in response_headers else f"{response_headers[key]}, {value}"
                )
            connection.close()
            response = Response(raw.status, response_headers, content, path)
            if follow and raw.status in (301, 302, 303, 307, 308):
                location = urllib.parse.urlsplit(response.header("location"))
                path = location.path + (f"?{location.query}" if location.query else "")
                method, data = ("GET", None) if raw.status in (301, 302, 303) else (method, data)
                continue
            return response
        raise SmokeFailure(f"too many redirects from {path}")

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def _remember(self, header):
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value


class Forms(HTMLParser):
    """The forms of a page as a browser would submit them untouched: [{"action", "id", "fields": {...}, "options":
    {select name: [values]}}]."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action", ""), "id": a.get("id", ""), "fields": {}, "options": {}}
            self.forms.append(self._form)
        if self._form is None or not a.get("name") and tag != "option":
            return
        fields = self._form["fields"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                fields.setdefault(a["name"], [])
                return
            fields.setdefault(a["name"], []).append(a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            fields.setdefault(a["name"], []).append("")
        elif tag == "select":
            self._select = a["name"]
            self._form["options"][self._select] = []
            fields.setdefault(self._select, [])
        elif tag == "option" and self._select:
            value = a.get("value", "")
            self._form["options"][self._select].append(value)
            if "selected" in a:
                fields[self._select].append(value)

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None

    def find(self, action_pattern=None, form_id=None):
        for form in self.forms:
            if (
                form_id
                and form["id"] == form_id
                or action_pattern
                and re.search(action_pattern, form["action"])
            ):
                return form
        raise SmokeFailure(f"no form {form_id or action_pattern} on the page")


def totp(secret, at=None):
    """RFC 6238, as django-otp checks it (30 s, 6 digits, SHA-1)."""
    key = base64.b32decode(secret)
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def stylesheets(html):
    return re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="(/static/[^"]+\.css)"', html) or re.findall(
        r'<link[^>]+href="(/static/[^"]+\.css)"[^>]+rel="stylesheet"', html
    )


def normalised(html):
    """A page without what differs between two renderings of the same data: CSRF tokens."""
    return re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1", html)


# --- the smoke test --------------------------------------------------------------------------------------------


def wait_until(predicate, what, timeout=90, interval=0.5, processes=None, watch=()):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        for name in watch:
            if processes and not processes.alive(name):
                raise SmokeFailure(f"{name} stopped while waiting for {what}:\n{processes.tail(name)}")
        try:
            if result := predicate():
                return result
        except (OSError, http.client.HTTPException) as error:
            last = error
        time.sleep(interval)
    raise SmokeFailure(f"timed out waiting for {what} ({last})")


def psql(pg, *sql):
    for statement in sql:
        subprocess.run(
            ["psql", pg, "-q", "-v", "ON_ERROR_STOP=1", "-c", statement], check=True, capture_output=True
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--python", default=sys.executable, help="the interpreter of the site's processes")
    parser.add_argument("--database", default=os.environ.get("SMOKE_DB", "nnr_smoke"))
    parser.add_argument(
        "--postgres", default=os.environ.get("SMOKE_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--redis-db", type=int, default=int(os.environ.get("SMOKE_REDIS_DB", "1")))
    parser.add_argument("--redis", default=os.environ.get("SMOKE_REDIS", "redis://127.0.0.1:6379"))
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("SMOKE_PORT", "8301")), help="first of six"
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    args = parser.parse_args()

    caddy = shutil.which("caddy")
    check(caddy, "caddy is not installed (apt-get install caddy)")
    check(shutil.which("pg_dump") and shutil.which("psql"), "PostgreSQL's client tools are not installed")
    work = ROOT / "var" / "smoke"
    shutil.rmtree(work, ignore_errors=True)
    (work / "logs").mkdir(parents=True)
    processes = Processes(work / "logs")
    restored_db = f"{args.database}_restored"
    pg = args.postgres.rstrip("/")
    port_a, port_b, port_proxy, port_smtp, port_restored = (args.port + i for i in range(5))
    say(
        f"Python {subprocess.run([args.python, '-V'], capture_output=True, text=True).stdout.strip()}, {work}"
    )

    import redis

    redis_urls = [f"{args.redis}/{args.redis_db}", f"{args.redis}/{args.redis_db + 1}"]
    for url in redis_urls:
        redis.Redis.from_url(url).flushdb()

    site_url = f"http://127.0.0.1:{port_proxy}"
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "NNR_", "SENTRY_", "FRONTEND_"))
        },
        "DJANGO_SETTINGS_MODULE": "nnr_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": site_url,
        "DATABASE_URL": f"{pg}/{args.database}",
        "REDIS_URL": redis_urls[0],
        "CONN_MAX_AGE": "60",
        "SECURE_SSL_REDIRECT": "0",
        "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP",
        "ANYMAIL_WEBHOOK_SECRET": "nnr:" + secrets.token_urlsafe(20),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port_smtp),
        "NNR_VAR_DIR": str(work / "site"),
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }
    manage = [args.python, "manage.py"]
    failed = False
    try:
        with Sink(port_smtp) as sink:
            with step("databases"):
                for name in (args.database, restored_db):
                    psql(f"{pg}/postgres", f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')

            with step("migrate | collectstatic, check --deploy"):
                processes.start("migrate", [*manage, "migrate", "--noinput", "-v", "0"], env)
                processes.run("collectstatic", [*manage, "collectstatic", "--noinput", "-v", "0"], env)
                processes.run(  # as deployed behind TLS: the smoke's plain HTTP turns the redirect off
                    "check-deploy",
                    [*manage, "check", "--deploy", "--fail-level", "WARNING"],
                    {**env, "SECURE_SSL_REDIRECT": "1"},
                )
                check(
                    processes.running["migrate"][0].wait(600) == 0,
                    f"migrate failed:\n{processes.tail('migrate')}",
                )
                processes.stop("migrate")

            with step("load_demo, while gunicorn ×2, worker, beat and caddy start"):
                gunicorn = [
                    args.python,
                    "-m",
                    "gunicorn",
                    "-c",
                    "deploy/gunicorn.conf.py",
                    "nnr_site.wsgi:application",
                ]
                processes.start(
                    "web-a",
                    gunicorn,
                    {**env, "GUNICORN_BIND": f"127.0.0.1:{port_a}", "GUNICORN_WORKERS": "2"},
                )
                processes.start(
                    "web-b",
                    gunicorn,
                    {**env, "GUNICORN_BIND": f"127.0.0.1:{port_b}", "GUNICORN_WORKERS": "1"},
                )
                celery = [
                    args.python,
                    "-m",
                    "celery",
                    "-A",
                    "nnr_site",
                    "--quiet",
                ]  # no banner: JSON lines only
                processes.start(
                    "worker",
                    [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2", "-n", "smoke@%h"],
                    env,
                )
                processes.start(
                    "beat",
                    [*celery, "beat", "--loglevel", "INFO", "-s", str(work / "celerybeat-schedule")],
                    env,
                )
                caddy_env = {
                    **env,
                    "HOME": str(work / "caddy"),
                    "XDG_DATA_HOME": str(work / "caddy" / "data"),
                    "XDG_CONFIG_HOME": str(work / "caddy" / "config"),
                    "NNR_SITE_ADDRESS": site_url,
                    "NNR_UPSTREAM": f"127.0.0.1:{port_a} 127.0.0.1:{port_b}",
                    "NNR_STATIC_ROOT": str(work / "site" / "static"),
                    "NNR_MEDIA_ROOT": str(work / "site" / "media"),
                }
                processes.start(
                    "caddy",
                    [caddy, "run", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"],
                    caddy_env,
                )
                processes.run("load_demo", [*manage, "load_demo"], env)
                web_a, web_b = (
                    Client(port_a, host=f"127.0.0.1:{port_proxy}"),
                    Client(port_b, host=f"127.0.0.1:{port_proxy}"),
                )
                for name, client in (("web-a", web_a), ("web-b", web_b)):
                    wait_until(
                        lambda c=client: c.get("/health/web/").status == 200,
                        f"{name}",
                        processes=processes,
                        watch=[name],
                    )
                visitor = Client(port_proxy)
                wait_until(
                    lambda: visitor.get("/health/").status == 200,
                    "/health/ with the worker's heartbeat",
                    processes=processes,
                    watch=["caddy", "worker", "beat"],
                )

            with step("home and a coalition page with CSS, security headers"):
                home = visitor.get("/")
                check(home.status == 200, f"home: {home.status}")
                for header in (
                    "Content-Security-Policy",
                    "Strict-Transport-Security",
                    "X-Content-Type-Options",
                    "X-Frame-Options",
                    "Referrer-Policy",
                    "X-Request-ID",
                ):
                    check(home.header(header), f"home page without {header}")
                check(not home.header("Server"), f"the proxy names itself: Server: {home.header('Server')}")
                css = stylesheets(home.text)
                check(css, "home page links no stylesheet")
                sheet = visitor.get(css[0], headers={"Accept-Encoding": "br, gzip"})
                check(
                    sheet.status == 200 and sheet.header("Content-Type").startswith("text/css"),
                    f"{css[0]}: {sheet.status}",
                )
                check(
                    "immutable" in sheet.header("Cache-Control")
                    and "max-age=31536000" in sheet.header("Cache-Control"),
                    f"hashed CSS not cached for a year: {sheet.header('Cache-Control')}",
                )
                check(sheet.header("Content-Encoding") in ("br", "gzip"), "CSS not compressed")
                check(sheet.header("X-Content-Type-Options") == "nosniff", "static file without nosniff")
                page = visitor.get(PARTNER_COALITION)
                check(page.status == 200 and stylesheets(page.text), f"coalition page: {page.status}")
                check(visitor.get(stylesheets(page.text)[0]).status == 200, "coalition page's CSS")
                listing = visitor.get("/coalities/", headers={"Accept-Encoding": "gzip"})
                check(listing.header("Content-Encoding") == "gzip", "pages are not compressed")

            with step("a demo image from /media/, nothing else there"):
                logos = re.findall(r'<img[^>]+src="(/media/images/[^"]+)"', page.text)
                check(logos, "the demo coalition shows no logo from /media/images/")
                image = visitor.get(logos[0])
                check(
                    image.status == 200 and image.header("Content-Type").startswith("image/"),
                    f"{logos[0]}: {image.status}",
                )
                check(
                    "sandbox" in image.header("Content-Security-Policy"),
                    "media served without the sandbox policy",
                )
                (work / "site" / "media" / "documents").mkdir(parents=True, exist_ok=True)
                (work / "site" / "media" / "documents" / "smoke.txt").write_text("niet openbaar")
                for path in ("/media/documents/smoke.txt", "/media/health_check_storage_test/", "/media/"):
                    check(visitor.get(path).status == 404, f"{path} is served by the proxy")

            with step("newsletter sign-up → confirmation mail through the worker"):
                subscriber = f"smoke-nieuwsbrief-{secrets.token_hex(4)}@example.org"
                signup_page = visitor.get("/nieuwsbrief/")
                form = Forms(signup_page.text).find(r"/nieuwsbrief/\d+/aanmelden/")
                fields = {**form["fields"], "email": [subscriber], "consent": ["on"]}
                sent = visitor.post(form["action"], fields)
                check(
                    sent.status == 200,
                    f"sign-up: {sent.status}",
                )
                _message, body = sink.wait_for(subscriber)
                link = re.search(re.escape(site_url) + r"(/nieuwsbrief/bevestigen/[^\s\"'<>]+)", body)
                check(link, f"no confirmation link to {site_url} in the mail:\n{body[:500]}")
                check(visitor.get(unescape(link.group(1))).status == 200, "confirmation link")

            with step("application → verification mail"):
                applicant = f"smoke-aanmelding-{secrets.token_hex(4)}@example.org"
                application_page = visitor.get("/aanmelden/")
                form = Forms(application_page.text).find(r"/aanmelden/$|^$")
                fields = dict(form["fields"])
                for name, options in form["options"].items():
                    if not [v for v in fields.get(name, []) if v]:
                        fields[name] = [next(v for v in options if v)]
                fields.update(
                    organisation_name=[f"Smoke-test Rookvrij {secrets.token_hex(3)}"],
                    contact_name=["Sam Smoke"],
                    email=[applicant],
                    motivation=["Wij willen samen werken aan een rookvrije generatie."],
                    confirm_declaration=["on"],
                    confirm_rules=["on"],
                    confirm_consent=["on"],
                    fax=[""],
                )
                fields.pop("kvk_number", None)
                fields.pop("phone", None)
                answer = visitor.post("/aanmelden/", fields)
                check(
                    answer.status == 200 and answer.path.startswith("/aanmelden/verstuurd/"),
                    f"application not accepted ({answer.status} {answer.path}): "
                    + " | ".join(re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', answer.text))[:500],
                )
                _message, body = sink.wait_for(applicant)
                link = re.search(re.escape(site_url) + r"(/aanmelden/bevestigen/[^\s\"'<>]+)", body)
                check(link, f"no verification link in the mail:\n{body[:500]}")
                check(visitor.get(unescape(link.group(1))).status == 200, "verification link")

            with step("two gunicorns: one page cache, one session store"):
                first = web_a.get("/kennis/")
                second = web_b.get("/kennis/")
                check(first.status == second.status == 200, "/kennis/ on both")
                check(
                    second.header("X-Page-Cache") == "hit" and second.body == first.body,
                    f"web-b did not answer from web-a's page cache ({second.header('X-Page-Cache')})",
                )
                office = Client(port_proxy)
                login_page = office.get("/login/?next=/mijn/")
                form = Forms(login_page.text).find(r"^$|/login/")
                answer = office.post(
                    "/login/?next=/mijn/",
                    {**form["fields"], "username": ["bureau"], "password": [DEMO_PASSWORD]},
                )
                check(
                    answer.path.startswith("/inloggen/code/"),
                    f"after the password: {answer.path} ({answer.status})",
                )
                form = Forms(answer.text).find(r"^$|/inloggen/code/")
                answer = office.post(answer.path, {**form["fields"], "code": [totp(DEMO_TOTP_SECRET)]})
                check(
                    answer.status == 200 and answer.path.startswith("/mijn/"),
                    f"after the code: {answer.path} ({answer.status})",
                )
                for name, port in (("web-a", port_a), ("web-b", port_b)):
                    direct = Client(port, host=f"127.0.0.1:{port_proxy}")
                    direct.cookies = dict(office.cookies)
                    mine = direct.get("/mijn/", follow=False)
                    check(mine.status == 200, f"{name} does not know the office's session ({mine.status})")

            with step("the office publishes; the anonymous page cache shows it"):
                before = [visitor.get(PUBLISHED) for _ in range(2)]
                check(
                    before[1].header("X-Page-Cache") == "hit",
                    "the knowledge base is not served from the page cache",
                )
                logged_in_page = office.get(PUBLISHED)
                edit = re.search(r"/admin/pages/(\d+)/edit/", logged_in_page.text)
                check(edit, "no edit link for the office on the knowledge base (Wagtail's user bar)")
                edit_path = edit.group(0)
                form = Forms(office.get(edit_path).text).find(form_id="page-edit-form")
                title = f"Kennisbank van het netwerk {secrets.token_hex(3)}"
                fields = {**form["fields"], "title": [title], "action-publish": ["action-publish"]}
                published = office.post(edit_path, fields, follow=False)
                check(
                    published.status == 302,
                    f"publishing failed ({published.status}): "
                    + " | ".join(re.findall(r'class="error-message"[^>]*>\s*([^<]+)', published.text))[:500],
                )
                after = visitor.get(PUBLISHED)
                check(
                    after.status == 200 and title in after.text,
                    "the published title is not on the knowledge base",
                )
                check(after.header("X-Page-Cache") != "hit", "a stale page came from the cache")
                check(title in web_b.get(PUBLISHED).text, "web-b still serves the old knowledge base")

            with step("/health/: database, cache, broker, storage, worker"):
                health = visitor.get("/health/", headers={"Accept": "application/json"})
                report = json.loads(health.text)
                say(f"  {report}")
                check(health.status == 200, f"/health/ {health.status}")
                for name in ("database", "cache", "broker", "storage", "private storage", "worker"):
                    check(report.get(name) == "OK", f"/health/ {name}: {report.get(name)}")
                check("no-store" in health.header("Cache-Control"), "/health/ may be cached")

            with step("backup → restore into a new database → same pages, declarations verify"):
                backup = work / "backup"
                processes.run("backup", [*manage, "backup", "--output", str(backup)], env)
                restored = work / "restored"
                (restored).mkdir()
                (restored / "static").symlink_to(work / "site" / "static")  # the same code's static files
                env_restored = {
                    **env,
                    "DATABASE_URL": f"{pg}/{restored_db}",
                    "NNR_VAR_DIR": str(restored),
                    "REDIS_URL": redis_urls[1],
                }
                processes.run("restore", [*manage, "restore", str(backup), "--noinput"], env_restored)
                processes.start(  # starts while the chain is verified
                    "web-restored",
                    gunicorn,
                    {**env_restored, "GUNICORN_BIND": f"127.0.0.1:{port_restored}", "GUNICORN_WORKERS": "1"},
                )
                processes.run("verify_declarations", [*manage, "verify_declarations"], env_restored)
                check(
                    "Keten intact" in (work / "logs" / "verify_declarations.log").read_text(),
                    "declaration chain",
                )
                copy = Client(port_restored, host=f"127.0.0.1:{port_proxy}")
                wait_until(
                    lambda: copy.get("/health/web/").status == 200,
                    "gunicorn on the restored copy",
                    processes=processes,
                    watch=["web-restored"],
                )
                original = Client(port_a, host=f"127.0.0.1:{port_proxy}")
                for path in ("/", "/coalities/", PARTNER_COALITION, "/kennis/", "/agenda/", "/nieuwsbrief/"):
                    mine, theirs = original.get(path), copy.get(path)
                    check(
                        mine.status == theirs.status == 200,
                        f"{path}: {mine.status} / {theirs.status} on the copy",
                    )
                    if normalised(mine.text) != normalised(theirs.text):
                        (work / "differs-original.html").write_text(mine.text)
                        (work / "differs-restored.html").write_text(theirs.text)
                        raise SmokeFailure(f"{path} differs on the restored copy (var/smoke/differs-*.html)")
                logo = logos[0].removeprefix("/media/")
                check(
                    (restored / "media" / logo).read_bytes() == (work / "site" / "media" / logo).read_bytes(),
                    "the logo is not in the restored media",
                )
            with step("beat reaches the worker; logs are JSON without addresses"):
                wait_until(
                    lambda: (
                        "newsletters.tasks.dispatch_scheduled" in (work / "logs" / "worker.log").read_text()
                    ),
                    "a task from beat in the worker's log",
                    timeout=90,
                    processes=processes,
                    watch=["beat", "worker"],
                )
                requests_logged = 0
                for name in ("web-a", "web-b", "worker", "beat"):
                    for line in (work / "logs" / f"{name}.log").read_text().splitlines():
                        if not line.strip():
                            continue
                        try:
                            entry = json.loads(line)
                        except ValueError:
                            raise SmokeFailure(
                                f"{name} logged a line that is not JSON: {line[:300]}"
                            ) from None
                        check(not EMAIL.search(line), f"{name} logged an e-mail address: {line[:300]}")
                        if entry.get("event") == "request" and entry.get("request_id"):
                            requests_logged += 1
                check(requests_logged > 10, f"only {requests_logged} request lines with a request id")

    except SmokeFailure as failure:
        failed = True
        print(f"\nSMOKE FAILED: {failure}", flush=True)
        for name in list(processes.running):
            print(f"--- {name} (last lines) ---\n{processes.tail(name, 15)}")
    finally:
        with step("stop everything"):
            processes.stop_all()
            if not args.keep:
                for name in (args.database, restored_db):
                    psql(f"{pg}/postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for url in redis_urls:
                redis.Redis.from_url(url).flushdb()
    print("\nTimings:")
    for name, took in TIMINGS:
        print(f"  {took:6.1f}s  {name}")
    total = time.monotonic() - T0
    print(f"  {total:6.1f}s  total")
    if failed:
        print("The smoke test FAILED.")
        return 1
    print(f"The smoke test passed ({len(TIMINGS) - 1} steps).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
