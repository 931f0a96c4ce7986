"""Newsletter send benchmark: Celery + ledger versus a plain smtplib loop, to the same local SMTP sink.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nnr_bench REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/newsletter.py [--count 10000]

Needs PostgreSQL (the database is created and migrated when missing; only its bench rows are replaced) and
Redis (the db in REDIS_URL is emptied). It starts an aiosmtpd sink in its own process and one Celery worker
(solo pool), then
1. sends COUNT messages through the real pipeline: ledger, chunk tasks on Redis, claims, the shared rate
   limiter (set high so it does not throttle), one SMTP connection per chunk, each row marked sent;
2. sends the same COUNT messages (same builder: HTML + text + unsubscribe headers) with a plain smtplib loop
   on one connection;
and prints messages/second of both, their ratio and the worker's peak memory (VmHWM).
"""

import argparse
import multiprocessing
import os
import signal
import smtplib
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "nnr_site.settings.base"
DOMAIN = "bench.example.org"


def sink_process(port, counter, ready):
    import asyncio

    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            with counter.get_lock():
                counter.value += len(envelope.rcpt_tos)
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port, data_size_limit=0)
    controller.start()
    ready.set()
    try:
        asyncio.run(asyncio.sleep(10**9))
    finally:
        controller.stop()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_database(url):
    import psycopg
    from django.conf import settings  # noqa: F401  (settings are read from DATABASE_URL)
    from django.db import connection

    name = connection.settings_dict["NAME"]
    params = dict(connection.get_connection_params())
    params["dbname"] = "postgres"
    with psycopg.connect(**params, autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            conn.execute(f'create database "{name}"')


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise SystemExit(f"timeout waiting for {what}")


def memory_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and REDIS_URL; see the top of this file.")

    import django

    django.setup()
    ensure_database(os.environ["DATABASE_URL"])
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    import redis
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from newsletters import tasks
    from newsletters.factories import NewsletterPageFactory, newsletter_tree
    from newsletters.mail import build_message
    from newsletters.models import Mailing, NewsletterPage, Subscriber

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    NewsletterPage.objects.filter(slug="benchmark").delete()
    Subscriber.objects.filter(email__endswith="@" + DOMAIN).delete()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"lezer{i:06d}@{DOMAIN}", is_public=True, confirmed_at=now)
            for i in range(args.count)
        ],
        batch_size=5000,
    )
    extra = Subscriber.objects.filter(
        is_public=True, confirmed_at__isnull=False, unsubscribed_at=None
    ).exclude(email__endswith="@" + DOMAIN)
    if extra.exists():
        raise SystemExit("This database has other subscribers; use a database of its own for the benchmark.")
    newsletter = NewsletterPageFactory(
        parent=newsletter_tree()[1],
        title="Benchmark",
        slug="benchmark",
        to_supporters=False,
        body=[
            ("heading", "Nieuws uit het netwerk"),
            ("paragraph", "<p>Een nieuwsbrief van gewone lengte, " + "met wat tekst " * 80 + ".</p>"),
            ("button", {"text": "Lees verder", "url": "https://example.org/kennis/"}),
        ],
    )

    port = free_port()
    counter, ready = multiprocessing.Value("l", 0), multiprocessing.Event()
    sink = multiprocessing.Process(target=sink_process, args=(port, counter, ready), daemon=True)
    sink.start()
    ready.wait(10)

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nnr_site.settings.base",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "NEWSLETTER_RATE_LIMIT": "1000000",
    }
    log = Path(settings.VAR_DIR) / "bench-worker.log"
    log.write_text("")
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "nnr_site",
            "worker",
            "--pool=solo",
            "-l",
            "info",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"bench-{os.getpid()}@localhost",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(lambda: " ready." in log.read_text(errors="replace"), 60, "the worker")
        idle_rss = memory_kb(worker.pid, "VmRSS")

        # 1. Celery: from "send now" until every row is sent.
        mailing = Mailing.objects.create(newsletter=newsletter)
        start = time.perf_counter()
        with transaction.atomic():
            tasks.begin_sending(mailing)
        rss_samples = []

        def finished():
            rss_samples.append(memory_kb(worker.pid, "VmRSS"))
            return Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SENT).exists()

        wait_for(finished, 1800, "the Celery send")
        celery_seconds = time.perf_counter() - start
        celery_received = counter.value
        peak_kb = memory_kb(worker.pid, "VmHWM")
        mailing.refresh_from_db()

        # 2. Plain smtplib: the same messages, one connection, no ledger.
        counter.value = 0
        addresses = [f"lezer{i:06d}@{DOMAIN}" for i in range(args.count)]
        start = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for address in addresses:
                message = build_message(mailing.subject, mailing.html, mailing.text, address).message()
                smtp.sendmail(settings.DEFAULT_FROM_EMAIL, [address], message.as_bytes(linesep="\r\n"))
        plain_seconds = time.perf_counter() - start
        plain_received = counter.value
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
        sink.terminate()

    celery_rate, plain_rate = args.count / celery_seconds, args.count / plain_seconds
    counts = mailing.counts()
    print(
        f"messages:            {args.count} (sink received {celery_received} via Celery, {plain_received} plain)"
    )
    print(f"ledger:              {counts}")
    print(f"Celery + ledger:     {celery_seconds:7.2f} s  {celery_rate:8.1f} msg/s  (1 worker, solo pool)")
    print(f"plain smtplib loop:  {plain_seconds:7.2f} s  {plain_rate:8.1f} msg/s  (1 connection)")
    print(f"ratio:               {celery_rate / plain_rate:.2f}")
    print(
        f"worker memory:       peak {peak_kb / 1024:.1f} MiB (VmHWM); RSS idle {idle_rss / 1024:.1f} MiB, "
        f"while sending max {max(rss_samples) / 1024:.1f} MiB"
    )


if __name__ == "__main__":
    main()
