"""Benchmark of the site search (/zoeken/) on PostgreSQL at several sizes of the network.

    .venv/bin/python bench/search.py                      # scales 0.1, 1 and 10
    .venv/bin/python bench/search.py --scales 0.1 1       # 100/1,000 coalitions, 500/5,000 articles

For each scale a database of its own (nnr_bench_search_0_1, nnr_bench_search_1_0, nnr_bench_search_10_0; created
once, kept for the next run): migrate, `load_demo` and `create_random_data` (scale 1 = 1,000 coalitions, 5,000
articles, 2,000 participants; 10 = 10,000 and 50,000), then ANALYZE. Then, in a process of its own, the search
page is rendered in-process (Django's test client, settings nnr_site.settings.bench, local-memory cache) for a
logged-in participant ("partner" of the demo), who never gets the page cache: the median time of --repeat
requests per query, the query count and how many pages the search ranked (the candidates,
nnr_site/dutch_search). Prints a table per scale and the ratio of each scale to the smallest. Not run in CI.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["rookvrij school", "rookvrij", "scholen", "xyzzyqwerty"]

from pages import ensure_database, manage  # noqa: E402  (bench/ is on the path: this file is run as a script)


def database_url(base, scale):
    parts = urlsplit(base)
    name = f"{parts.path.lstrip('/')}_{str(scale).replace('.', '_')}"
    return urlunsplit(parts._replace(path=f"/{name}"))


def prepare(env, url, scale):
    """The database at this scale: the demo and the generated network (create_random_data only adds what
    is missing, so a second run costs little), with planner statistics as autovacuum keeps them."""
    import psycopg

    print(f"{url}: {'new' if ensure_database(url) else 'existing'}", flush=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo")
    numbers = {"coalitions": 1000, "articles": 5000, "participants": 2000}
    manage(env, "create_random_data", *[f"--{k}={int(v * scale)}" for k, v in numbers.items()])
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"data ready in {time.monotonic() - started:.0f} s", flush=True)


def measure(repeat):
    """Run inside Django (the child process): one JSON line per query."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page, Site

    from knowledge.search import MAX_RESULTS
    from nnr_site.dutch_search import best_matches
    from nnr_site.pagecache import new_generation

    client = Client()
    client.force_login(get_user_model().objects.get(username="partner"))
    site = Site.objects.get(is_default_site=True)
    for query in QUERIES:
        url = "/zoeken/?" + urlencode({"q": query})
        new_generation()
        assert client.get(url).status_code == 200  # warm: imports, content types, site root paths
        times = []
        for _ in range(repeat):
            new_generation()
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        new_generation()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        results = best_matches(Page.objects.live().public().in_site(site), query, MAX_RESULTS)
        results.count()
        print(
            json.dumps(
                {
                    "query": query,
                    "ms": statistics.median(times),
                    "queries": len(queries),
                    "ranked": results.query_compiler.ranked,
                    "found": results.count(),
                    "more": results.more,
                    "pages": Page.objects.count(),
                }
            ),
            flush=True,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[0.1, 1, 10])
    parser.add_argument("--repeat", type=int, default=21, help="requests per query (the median is shown)")
    parser.add_argument("--prepare-only", action="store_true", help="create the databases, measure nothing")
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nnr_bench_search"),
        help="base URL; the scale is appended to the database name",
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.measure:
        return measure(args.repeat)

    rows = {}
    for scale in args.scales:
        url = database_url(args.database, scale)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "nnr_site.settings.bench", "DATABASE_URL": url}
        env["PYTHONPATH"] = str(ROOT)
        env["NNR_VAR_DIR"] = str(ROOT / "var" / "bench")
        env.pop("REDIS_URL", None)
        prepare(env, url, scale)
        if args.prepare_only:
            continue
        out = subprocess.run(
            [sys.executable, __file__, "--measure", "--repeat", str(args.repeat)],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        rows[scale] = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    if not rows:
        return
    smallest = min(rows)
    print(
        f"\n/zoeken/ as a logged-in participant, in-process (test client), median of {args.repeat}; "
        f"{os.cpu_count()} cores"
    )
    print(
        f"{'scale':>6} {'pages':>7} {'query':18} {'ms':>7} {'× ' + str(smallest):>7} {'queries':>7} "
        f"{'ranked':>6} {'found':>9}"
    )
    for scale, measured in rows.items():
        for row, base in zip(measured, rows[smallest], strict=True):
            found = f"{'> ' if row['more'] else ''}{row['found']}"
            print(
                f"{scale:>6} {row['pages']:>7} {row['query']:18} {row['ms']:7.1f} {row['ms'] / base['ms']:7.2f} "
                f"{row['queries']:>7} {row['ranked']:>6} {found:>9}"
            )


if __name__ == "__main__":
    main()
