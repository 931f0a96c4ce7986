"""Load benchmark of the public pages under gunicorn on PostgreSQL, with a large generated network.

    .venv/bin/python bench/pages.py                 # 1,000 coalitions, 5,000 articles (scale 1)
    .venv/bin/python bench/pages.py --scale 0.1     # 100 coalitions, 500 articles: a quicker first run

Creates (once) the database nnr_bench_pages, migrates it, loads the demo and `create_random_data`; starts its
own redis-server (cache) on a free port and gunicorn with nnr_site.settings.bench; then measures requests per
second for each page and for a plain Django view returning "ok" in the same server, and prints each page's
ratio to that baseline. Anonymous visitors get pages from the page cache (nnr_site/pagecache.py), so the
req/s are those of cache hits ("warm"); for each page the bench also empties its Redis and requests the page
once, printing that cold request's time and query count (X-Query-Count), which is the cost of a page after a
publish. The aim: every page >= 0.5x the plain view, and cold query counts that do not grow with the amount of
data. Not run in CI.

Logged-in pages never come from the page cache. For those the bench makes sessions the way a log-in leaves them
(two-step verification passed: it measures rendering, not logging in) for a participant (the demo's `partner`),
the office (`bureau`) and an administrator (`admin`, for the page explorer and editor, which the office has no
rights on), and requests each page one at a time: median milliseconds and the query count, and the ratio to
the plain view's median measured just before. Each run keeps its figures in var/bench/logged-in-<scale>.json
and prints one markdown table with every scale measured so far (the README keeps it), so a rerun after a
change only needs `--scale 0.1` and `--scale 1` again.

    .venv/bin/python bench/pages.py --scale 10      # 10,000 coalitions, 50,000 articles: search and explorer
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from nnr_site.processes import redis_server_command  # noqa: E402  (the project is on the path only from here)

VENV_BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port}")


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def django_output(env, script):
    """The lines a Python script prints in a process of its own with the benchmark's settings and database."""
    return (
        subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()
    )


def ensure_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = f"{parts.scheme}://{parts.netloc}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            return True
    return False


BASELINE = "/bench/ok/"
# The baseline request carries a session cookie, as a logged-in user's would: the page cache then steps aside
# without a lookup, so the baseline is the plain view through the same middleware, neither a cache hit nor
# slowed by a cache miss. The view never reads the session, so the cookie costs no query.
BASELINE_HEADERS = {"Cookie": "sessionid=bench-baseline"}  # a valid-looking key: no cookie reset


def analyze(url):
    """Planner statistics for the bulk-loaded rows, as autovacuum keeps them on a running site; without them
    PostgreSQL picks a nested loop over the search index that makes the search 4x slower."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def hammer(port, path, seconds, concurrency, headers=None):
    """Requests/second for GET path with `concurrency` keep-alive clients; also the last query count."""
    done, errors, stop = [0] * concurrency, [], time.monotonic() + seconds
    query_count = []

    def client(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                errors.append(repr(error))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            if response.status != 200:
                errors.append(response.status)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            else:
                done[i] += 1
                if i == 0:
                    query_count[:] = [response.getheader("X-Query-Count")]
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    if errors:
        raise RuntimeError(f"{path}: {len(errors)} non-200 responses, e.g. {errors[:3]}")
    return sum(done) / elapsed, (query_count or ["?"])[0]


def cold_request(port, path, redis_port):
    """Milliseconds and query count of one request after a new page-cache generation (as after a publish):
    a page-cache miss, with Wagtail's own cached data (site root paths) still in place."""
    import redis

    server = redis.Redis(port=redis_port)
    server.delete(*server.keys("*pagecache:generation"))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.monotonic()
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    response.read()
    elapsed = (time.monotonic() - started) * 1000
    conn.close()
    if response.status != 200 or response.getheader("X-Page-Cache") != "miss":
        raise RuntimeError(
            f"{path}: cold request gave {response.status} {response.getheader('X-Page-Cache')}"
        )
    return elapsed, response.getheader("X-Query-Count")


SESSIONS_SCRIPT = """
import django, json; django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.utils.module_loading import import_string
from django_otp import DEVICE_ID_SESSION_KEY
from accounts import policy
from accounts.demo import give_demo_app
store = import_string(settings.SESSION_ENGINE + ".SessionStore")
cookies = {}
for username in ("partner", "bureau", "admin"):
    user = get_user_model().objects.get(username=username)
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[policy.SESSION_KEY] = policy.owed(user)
    if policy.owed(user):
        session[DEVICE_ID_SESSION_KEY] = give_demo_app(user).persistent_id
    session.create()
    cookies[username] = settings.SESSION_COOKIE_NAME + "=" + session.session_key
print(json.dumps(cookies))
"""


def sessions(env):
    """A session cookie per demo user, as after logging in with the second step done."""
    return json.loads(django_output(env, SESSIONS_SCRIPT)[-1])


def timed_requests(port, path, count, headers=None):
    """Median milliseconds of `count` requests one after another, and the last one's query count."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    times, queries = [], "?"
    for _ in range(count):
        started = time.monotonic()
        conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        response.read()
        times.append((time.monotonic() - started) * 1000)
        if response.status != 200:
            conn.close()
            raise RuntimeError(f"{path}: {response.status} {response.getheader('Location', '')}")
        queries = response.getheader("X-Query-Count")
    conn.close()
    return statistics.median(times), queries


def logged_in_pages(env, public):
    """(name, user, path) of the logged-in pages, looked up in the generated data."""
    script = (
        "import django; django.setup();"
        "from coalitions.models import CoalitionIndexPage, CoalitionPage;"
        "from knowledge.models import KnowledgeIndexPage;"
        "idx = CoalitionIndexPage.objects.first();"
        "big = CoalitionPage.objects.get(slug='willekeurig-coalitie-00001');"
        "small = CoalitionPage.objects.filter(slug__startswith='willekeurig-').order_by('path').last();"
        "print(idx.pk, big.pk, small.pk, KnowledgeIndexPage.objects.first().get_url(None))"
    )
    out = " ".join(django_output(env, script)).split()
    index, big, small, knowledge = out[-4:]
    urls = dict((name, path) for name, path in public)
    return [
        ("/mijn/", "partner", "/mijn/"),
        ("/mijn/taken/", "partner", "/mijn/taken/"),
        ("deelnemersoverzicht", "partner", "/deelnemers/"),
        ("coalitie", "partner", urls["coalitie"]),
        ("artikel", "partner", urls["artikel"]),
        ("coalities (gefilterd)", "partner", urls["coalities (gefilterd)"]),
        ("kennisbank", "partner", knowledge),
        ("zoeken", "partner", urls["zoeken"]),
        ("netwerkgezondheid", "bureau", "/netwerk/gezondheid/"),
        ("admin: verkenner coalities", "admin", f"/admin/pages/{index}/"),
        ("admin: deelnemers", "bureau", "/admin/snippets/network/participant/"),
        (
            "admin: deelnemers gefilterd",
            "bureau",
            "/admin/snippets/network/participant/?role=partner&region=utrecht",
        ),
        ("admin: alle open taken", "bureau", "/admin/taken/alle/"),
        ("admin: op te pakken taken", "bureau", "/admin/taken/wachtrij/"),
        ("admin: coalitie (3 leden) bewerken", "admin", f"/admin/pages/{small}/edit/"),
        ("admin: coalitie (50 leden) bewerken", "admin", f"/admin/pages/{big}/edit/"),
    ]


# At 10x only these rows are measured (the data that grows there: coalitions and articles).
AT_TEN_TIMES = ("zoeken", "admin: verkenner coalities")


def measure_logged_in(port, pages, cookies, count):
    rows = []
    for name, user, path in pages:
        headers = {"Cookie": cookies[user]}
        row = {"name": name, "user": user, "path": path}
        try:
            timed_requests(port, path, 2, headers)  # warm up this page's code and caches
        except (RuntimeError, OSError, http.client.HTTPException) as error:  # e.g. gunicorn's 30 s time-out
            print(f"{name}: {error}", file=sys.stderr)
            rows.append({**row, "ms": None, "ratio": None, "queries": "fout"})
            continue
        baseline, _ = timed_requests(port, BASELINE, count, BASELINE_HEADERS)
        ms, queries = timed_requests(port, path, count, headers)
        rows.append({**row, "ms": ms, "ratio": ms / baseline, "queries": queries})
    return rows


def logged_in_table(results_dir):
    """One markdown table of every scale measured so far (files var/bench/logged-in-<scale>.json)."""
    runs = sorted(
        (
            (float(f.stem.split("-")[-1]), json.loads(f.read_text()))
            for f in results_dir.glob("logged-in-*.json")
        ),
        key=lambda run: run[0],
    )
    if not runs:
        return ""
    names = []
    for _scale, run in runs:
        names += [row["name"] for row in run["rows"] if row["name"] not in names]
    head = " | ".join(f"{scale:g}×: ms (× ok) | q" for scale, _run in runs)
    lines = [f"| pagina (gebruiker) | {head} |", "|---|" + "---:|---:|" * len(runs)]
    for name in names:
        cells, user = [], ""
        for _scale, run in runs:
            row = next((r for r in run["rows"] if r["name"] == name), None)
            if row is None:
                cells.append("– | –")
                continue
            user = row["user"]
            if row["ms"] is None:
                cells.append(f"fout (geen 200 binnen 30 s) | {row['queries']}")
                continue
            cells.append(f"{row['ms']:.0f} ({row['ratio']:.0f}×) | {row['queries']}")
        lines.append(f"| {name} ({user}) | {' | '.join(cells)} |")
    oks = ", ".join(f"{scale:g}×: {run['baseline_ms']:.1f} ms" for scale, run in runs)
    lines.append(f"\nok-view (mediaan): {oks}; {runs[-1][1]['setup']}")
    return "\n".join(lines)


def pages_to_measure(env):
    """Paths of the pages, looked up in the generated data."""
    script = (
        "import django; django.setup();"
        "from coalitions.models import CoalitionIndexPage, CoalitionPage;"
        "from knowledge.models import KnowledgeArticlePage;"
        "idx = CoalitionIndexPage.objects.first();"
        "c = CoalitionPage.objects.live().filter(slug__startswith='willekeurig-').order_by('path').last();"
        "a = KnowledgeArticlePage.objects.live().filter(slug__startswith='willekeurig-').order_by('path').last();"
        "print(idx.get_url(None)); print(c.get_url(None)); print(a.get_url(None))"
    )
    out = " ".join(django_output(env, script)).split()
    coalitions, coalition, article = out[-3:]
    return [
        ("home", "/"),
        ("coalities (gefilterd)", f"{coalitions}?kind=thema&region=utrecht"),
        ("coalitie", coalition),
        ("artikel", article),
        ("zoeken", "/zoeken/?q=rookvrij+school"),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 1,000 coalitions and 5,000 articles")
    parser.add_argument("--seconds", type=float, default=10, help="measuring time per page")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--requests", type=int, default=15, help="requests per logged-in page (median)")
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nnr_bench_pages"),
    )
    args = parser.parse_args()

    redis_port, web_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nnr_site.settings.bench",
        "DATABASE_URL": args.database,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "NNR_VAR_DIR": str(ROOT / "var" / "bench"),
        "PYTHONPATH": str(ROOT),
    }
    redis_server = subprocess.Popen(
        redis_server_command(redis_port),
        stdout=subprocess.DEVNULL,
    )
    server = None
    try:
        wait_for_port(redis_port)
        print(f"database {args.database}: {'new' if ensure_database(args.database) else 'existing'}")
        t0 = time.monotonic()
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo")
        manage(
            env,
            "create_random_data",
            "--coalitions",
            str(int(1000 * args.scale)),
            "--articles",
            str(int(5000 * args.scale)),
            "--participants",
            str(int(2000 * min(args.scale, 1))),
            "--applications",
            str(int(1000 * min(args.scale, 1))),
        )
        manage(env, "collectstatic", "--noinput", "-v", "0")
        analyze(args.database)
        print(f"data ready in {time.monotonic() - t0:.0f} s")
        pages = pages_to_measure(env)
        members = logged_in_pages(env, pages)
        cookies = sessions(env)
        if args.scale > 1:
            pages = [(name, path) for name, path in pages if name in AT_TEN_TIMES]
            members = [page for page in members if page[0] in AT_TEN_TIMES]

        server = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "nnr_site.wsgi",
                "-b",
                f"127.0.0.1:{web_port}",
                "-w",
                str(args.workers),
                "--access-logfile",
                "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
                "--log-level",
                "error",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_for_port(web_port)
        for path in [BASELINE, *(path for _name, path in pages)]:  # warm up: connections, caches, imports
            hammer(web_port, path, 1.5, 2, BASELINE_HEADERS if path == BASELINE else None)

        # Logged in first, one request at a time: the workers are quiet, each page measured after its baseline.
        logged_in = measure_logged_in(web_port, members, cookies, args.requests)
        baseline_ms, _ = timed_requests(web_port, BASELINE, args.requests * 2, BASELINE_HEADERS)
        results_dir = ROOT / "var" / "bench"
        results_dir.mkdir(parents=True, exist_ok=True)
        (results_dir / f"logged-in-{args.scale:g}.json").write_text(
            json.dumps(
                {
                    "rows": logged_in,
                    "baseline_ms": baseline_ms,
                    "setup": f"gunicorn {args.workers} workers, {args.requests} verzoeken na elkaar per pagina, "
                    f"{os.cpu_count()} cores",
                },
                indent=1,
            )
        )

        # Other work on the machine varies, so each page is compared with a baseline measured just before it.
        rows, baselines = [], []
        for name, path in pages:
            cold = [cold_request(web_port, path, redis_port) for _ in range(3)]
            cold_ms, cold_queries = sorted(cold)[1]  # the median of three
            baseline, _ = hammer(web_port, BASELINE, args.seconds, args.concurrency, BASELINE_HEADERS)
            rps, queries = hammer(web_port, path, args.seconds, args.concurrency)
            baselines.append(baseline)
            rows.append((name, path, rps, rps / baseline, queries, cold_ms, cold_queries))
        baseline = sum(baselines) / len(baselines)
        rows.insert(0, ("gewone Django-view (ok)", BASELINE, baseline, 1.0, "0", None, "0"))
        print(
            f"\nscale {args.scale}: {int(1000 * args.scale)} coalities, {int(5000 * args.scale)} artikelen; "
            f"gunicorn {args.workers} workers, {args.concurrency} clients, {args.seconds:.0f} s per page, "
            f"{os.cpu_count()} cores"
        )
        print(
            "warm = uit de paginacache (anonieme bezoeker), ratio tegen de ok-view direct ervoor gemeten "
            "(ok-regel: gemiddelde);\nkoud = eerste verzoek na een nieuwe cachegeneratie, zoals na publiceren "
            "(mediaan van 3)"
        )
        print(f"{'pagina':24} {'req/s':>8} {'ratio':>6} {'queries':>7} {'koud ms':>8} {'koud q':>7}  adres")
        for name, path, rps, ratio, queries, cold_ms, cold_queries in rows:
            cold_ms = f"{cold_ms:8.0f}" if cold_ms is not None else f"{'-':>8}"
            print(f"{name:24} {rps:8.1f} {ratio:6.2f} {queries:>7} {cold_ms} {cold_queries:>7}  {path}")
        print(
            "\ningelogd (geen paginacache): mediaan ms, in veelvouden van de ok-view direct ervoor gemeten, "
            "en queries; elke schaal die tot nu toe gemeten is:\n"
        )
        print(logged_in_table(results_dir))
    finally:
        if server:
            server.terminate()
            server.wait()
        redis_server.terminate()
        redis_server.wait()


if __name__ == "__main__":
    main()
