"""Newsletter send benchmark: Celery + ledger versus a plain smtplib loop, to the same local SMTP sink.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nnr_bench REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/newsletter.py [--count 2000 10000]

Needs PostgreSQL (the database is created and migrated when missing; only its bench rows are replaced) and
Redis (the db in REDIS_URL is emptied). It starts an aiosmtpd sink in its own process and, for each COUNT, a
fresh Celery worker (solo pool), then
1. sends COUNT messages through the real pipeline: ledger, chunk tasks on Redis, claims, the shared rate
   limiter (set high so it does not throttle), one SMTP connection per chunk, each row marked sent;
2. sends the same messages (same builder: HTML + text + unsubscribe headers + Message-ID) with a plain
   smtplib loop on one connection, the baseline: interleaved with the Celery send (below) and, afterwards,
   all COUNT of them in one go.
Other work on the machine changes its speed from minute to minute, so the two are interleaved: every half
second the worker is stopped (SIGSTOP) while the plain loop sends a batch of 50, and the Celery time leaves
those pauses out. It prints messages/second, the ratio Celery / plain (against both baselines) and the
worker's peak memory (VmHWM) for each COUNT.
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
from nnr_site.processes import celery_worker_command  # noqa: E402  (the project is on the path only from here)

DOMAIN = "bench.example.org"
SLICE, PLAIN_BATCH = 0.5, 50  # the worker runs SLICE seconds, then the plain loop sends PLAIN_BATCH messages


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


def start_worker(env, log):
    log.write_text("")
    worker = subprocess.Popen(
        celery_worker_command(f"bench-{os.getpid()}-{time.time_ns()}@localhost"),
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for(lambda: " ready." in log.read_text(errors="replace"), 60, "the worker")
    return worker


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, nargs="+", default=[2_000, 10_000])
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and REDIS_URL; see the top of this file.")

    import django

    django.setup()
    ensure_database(os.environ["DATABASE_URL"])
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    port = free_port()
    counter, ready = multiprocessing.Value("l", 0), multiprocessing.Event()
    sink = multiprocessing.Process(target=sink_process, args=(port, counter, ready), daemon=True)
    sink.start()
    ready.wait(10)
    try:
        results = [run(count, port, counter) for count in args.count]
    finally:
        sink.terminate()
    for r in results:
        print(f"--- {r['count']} messages (sink received {r['received']} via Celery); ledger {r['ledger']}")
        print(f"Celery + ledger:     {r['celery_s']:7.2f} s  {r['celery']:7.1f} msg/s  (1 worker, solo pool)")
        print(
            f"plain smtplib loop:  {r['plain_s']:7.2f} s  {r['plain']:7.1f} msg/s  (1 connection, "
            f"{r['plain_sent']} messages in batches of {PLAIN_BATCH} while the worker was stopped)"
        )
        print(
            f"plain, all at once:  {r['whole_s']:7.2f} s  {r['whole']:7.1f} msg/s  (1 connection, after Celery)"
        )
        print(
            f"ratio:               {r['celery'] / r['plain']:.2f} interleaved; "
            f"{r['celery'] / r['whole']:.2f} against the loop of all {r['count']} (load may differ between them)"
        )
        print(
            f"worker memory:       peak {r['peak_kb'] / 1024:.1f} MiB (VmHWM); RSS idle {r['idle_kb'] / 1024:.1f}"
            f" MiB, while sending max {r['max_kb'] / 1024:.1f} MiB"
        )


def run(count, port, counter):
    import redis
    from django.conf import settings
    from django.db import connection, transaction
    from django.utils import timezone

    from newsletters import tasks
    from newsletters.factories import NewsletterPageFactory, newsletter_tree
    from newsletters.mail import build_message, render_newsletter
    from newsletters.models import Delivery, Mailing, NewsletterPage, Subscriber

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    NewsletterPage.objects.filter(slug="benchmark").delete()
    Subscriber.objects.filter(email__endswith="@" + DOMAIN).delete()
    with (
        connection.cursor() as cursor
    ):  # earlier runs' dead rows (autovacuum may be off) must not slow this one
        for model in (Delivery, Subscriber):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [Subscriber(email=f"lezer{i:06d}@{DOMAIN}", is_public=True, confirmed_at=now) for i in range(count)],
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
    mailing = Mailing.objects.create(newsletter=newsletter)
    html, text = render_newsletter(newsletter.specific)
    subject, addresses = newsletter.specific.email_subject, [f"lezer{i:06d}@{DOMAIN}" for i in range(count)]
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">")

    class Plain:
        """The same messages with a plain smtplib loop on one connection, in batches."""

        def __init__(self):
            build_message(subject, html, text, addresses[0])  # first use of the URL resolver, not timed
            self.smtp, self.sent, self.seconds = smtplib.SMTP("127.0.0.1", port), 0, 0.0

        def batch(self, size):
            start = time.perf_counter()
            for i in range(self.sent, self.sent + size):
                address = addresses[i % count]
                message_id = f"<nieuwsbrief-{mailing.pk}-{i}@{domain}>"
                message = build_message(subject, html, text, address, message_id=message_id).message()
                self.smtp.sendmail(settings.DEFAULT_FROM_EMAIL, [address], message.as_bytes(linesep="\r\n"))
            self.sent += size
            self.seconds += time.perf_counter() - start

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nnr_site.settings.base",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "NEWSLETTER_RATE_LIMIT": "1000000",
    }
    worker = start_worker(env, Path(settings.VAR_DIR) / f"bench-worker-{count}.log")
    try:
        idle_kb = memory_kb(worker.pid, "VmRSS")
        plain, rss_samples, paused = Plain(), [], 0.0
        counter.value = 0
        start = time.perf_counter()
        with transaction.atomic():
            tasks.begin_sending(mailing)
        deadline, next_pause = time.monotonic() + 1800, time.perf_counter() + SLICE
        while not Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SENT).exists():
            if time.monotonic() > deadline:
                raise SystemExit("timeout waiting for the Celery send")
            rss_samples.append(memory_kb(worker.pid, "VmRSS"))
            time.sleep(0.05)
            if time.perf_counter() >= next_pause:
                # The baseline runs while the worker is stopped, so both see the same load on the machine.
                os.killpg(worker.pid, signal.SIGSTOP)
                pause = time.perf_counter()
                plain.batch(PLAIN_BATCH)
                os.killpg(worker.pid, signal.SIGCONT)
                next_pause = time.perf_counter() + SLICE
                paused += next_pause - SLICE - pause
        celery_seconds = time.perf_counter() - start - paused
        received = counter.value - plain.sent
        peak_kb = memory_kb(worker.pid, "VmHWM")
        plain.smtp.quit()
        whole = (
            Plain()
        )  # and the plain loop as such: all COUNT messages, one connection, after Celery
        whole.batch(count)
        whole.smtp.quit()
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
    return {
        "count": count,
        "received": received,
        "ledger": mailing.counts(),
        "celery_s": celery_seconds,
        "celery": count / celery_seconds,
        "plain_s": plain.seconds,
        "plain_sent": plain.sent,
        "plain": plain.sent / plain.seconds,
        "whole_s": whole.seconds,
        "whole": count / whole.seconds,
        "peak_kb": peak_kb,
        "idle_kb": idle_kb,
        "max_kb": max(rss_samples),
    }


if __name__ == "__main__":
    main()
