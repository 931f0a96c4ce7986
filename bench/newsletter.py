"""Newsletter send benchmark: Celery + ledger versus a plain smtplib loop, to the same local SMTP sink; and
two workers versus one.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nnr_bench REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/newsletter.py [--count 2000 10000] [--scale 20000] [--workers 2] [--rounds 2]

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
worker's peak memory (VmHWM) for each COUNT: after 10,000 messages and at the end, so a run of 100,000 shows
whether memory stays flat (``--count 100000`` takes about ten minutes on two busy cores).

3. With ``--scale N`` (0: skipped): N messages through the pipeline with one worker and with ``--workers``
   workers (separate processes, solo pool), each run a new mailing, alternating (1, W, W, 1, ...) for
   ``--rounds`` rounds so drifting load on the machine hits both alike. The sink here accepts in parallel: as
   many aiosmtpd processes as workers accepting on one listening socket, recording every recipient, so the
   run counts duplicates and missing addresses. Prints msg/s (from the first message at the sink to the
   last, and from the start of the mailing including the ledger) and the ratio W workers / 1 worker.
It prints; it asserts nothing (the figures depend on the machine).
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
MEMORY_CHECKPOINT = 10_000  # the worker's peak memory is read after this many messages too


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


def parallel_sink_process(sock, counter, path, ready):
    """One of several aiosmtpd servers accepting on the same listening socket; each recipient is appended to
    `path` (one line each), so the parent can count duplicates and missing addresses."""
    import asyncio

    from aiosmtpd.smtp import SMTP

    out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            os.write(out, "".join(rcpt + "\n" for rcpt in envelope.rcpt_tos).encode())
            with counter.get_lock():
                counter.value += len(envelope.rcpt_tos)
            return "250 OK"

    async def serve():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            lambda: SMTP(Handler(), data_size_limit=0, hostname="sink.localhost"), sock=sock
        )
        ready.set()
        await server.serve_forever()

    asyncio.run(serve())


class ParallelSink:
    def __init__(self, processes, directory):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(512)
        self.port = self.sock.getsockname()[1]
        self.counter = multiprocessing.Value("l", 0)
        self.paths = [directory / f"bench-sink-{i}.txt" for i in range(processes)]
        self.processes = []
        for path in self.paths:
            path.write_text("")
            ready = multiprocessing.Event()
            process = multiprocessing.Process(
                target=parallel_sink_process, args=(self.sock, self.counter, path, ready), daemon=True
            )
            process.start()
            ready.wait(10)
            self.processes.append(process)

    def reset(self):
        for path in self.paths:
            os.truncate(path, 0)
        self.counter.value = 0

    def recipients(self):
        return [line for path in self.paths for line in path.read_text().splitlines()]

    def stop(self):
        for process in self.processes:
            process.terminate()
        self.sock.close()


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
    parser.add_argument("--count", type=int, nargs="*", default=[2_000, 10_000])
    parser.add_argument("--scale", type=int, default=0, help="messages per run of the workers comparison")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
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
    scale = scale_out(args.scale, args.workers, args.rounds) if args.scale else None
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
        if r["checkpoint_kb"] is not None:
            print(
                f"                     peak after {MEMORY_CHECKPOINT:,} messages {r['checkpoint_kb'] / 1024:.1f} MiB,"
                f" after {r['count']:,} {r['peak_kb'] / 1024:.1f} MiB"
            )
    if scale:
        print_scale(scale)


def fresh_newsletter(count):
    """COUNT confirmed subscribers (only them) and the benchmark newsletter, with no mailings yet."""
    import redis
    from django.utils import timezone

    from newsletters.factories import NewsletterPageFactory, newsletter_tree
    from newsletters.models import Delivery, NewsletterPage, Subscriber

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    NewsletterPage.objects.filter(slug="benchmark").delete()
    Subscriber.objects.filter(email__endswith="@" + DOMAIN).delete()
    vacuum(Delivery, Subscriber)
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
    return NewsletterPageFactory(
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


def vacuum(*models):
    """Earlier runs' dead rows (autovacuum may be off) must not slow this one."""
    from django.db import connection

    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def worker_env(port):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nnr_site.settings.base",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "NEWSLETTER_RATE_LIMIT": "1000000",
    }


def begin(newsletter):
    from django.db import transaction

    from newsletters import tasks
    from newsletters.models import Mailing

    mailing = Mailing.objects.create(newsletter=newsletter)
    with transaction.atomic():
        tasks.begin_sending(mailing)
    return mailing


def run(count, port, counter):
    from django.conf import settings

    from newsletters.mail import build_message, render_newsletter
    from newsletters.models import Mailing

    newsletter = fresh_newsletter(count)
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
                message_id = f"<nieuwsbrief-0-{i}@{domain}>"
                message = build_message(subject, html, text, address, message_id=message_id).message()
                self.smtp.sendmail(settings.DEFAULT_FROM_EMAIL, [address], message.as_bytes(linesep="\r\n"))
            self.sent += size
            self.seconds += time.perf_counter() - start

    worker = start_worker(worker_env(port), Path(settings.VAR_DIR) / f"bench-worker-{count}.log")
    try:
        idle_kb = memory_kb(worker.pid, "VmRSS")
        plain, rss_samples, paused, checkpoint_kb = Plain(), [], 0.0, None
        counter.value = 0
        start = time.perf_counter()
        mailing = begin(newsletter)
        deadline, next_pause = time.monotonic() + 3600, time.perf_counter() + SLICE
        while not Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SENT).exists():
            if time.monotonic() > deadline:
                raise SystemExit("timeout waiting for the Celery send")
            rss_samples.append(memory_kb(worker.pid, "VmRSS"))
            if checkpoint_kb is None and count > MEMORY_CHECKPOINT <= counter.value - plain.sent:
                checkpoint_kb = memory_kb(worker.pid, "VmHWM")
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
        "checkpoint_kb": checkpoint_kb,
        "idle_kb": idle_kb,
        "max_kb": max(rss_samples),
    }


# --- one worker versus several -----------------------------------------------------------------------


def scale_out(count, workers, rounds):
    from collections import Counter

    from django.conf import settings

    from newsletters.models import Delivery, Mailing

    newsletter = fresh_newsletter(count)
    expected = {f"lezer{i:06d}@{DOMAIN}" for i in range(count)}
    sink = ParallelSink(workers, Path(settings.VAR_DIR))
    runs = []
    try:
        for r in range(rounds):
            for n in (1, workers) if r % 2 == 0 else (workers, 1):
                Mailing.objects.filter(newsletter=newsletter).delete()
                vacuum(Delivery)
                sink.reset()
                procs = [
                    start_worker(worker_env(sink.port), Path(settings.VAR_DIR) / f"bench-scale-{i}.log")
                    for i in range(n)
                ]
                try:
                    start, first, last = time.perf_counter(), None, None
                    mailing = begin(newsletter)
                    deadline = time.monotonic() + 3600
                    while not Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SENT).exists():
                        if time.monotonic() > deadline:
                            raise SystemExit("timeout waiting for the Celery send")
                        received = sink.counter.value
                        if first is None and received:
                            first = time.perf_counter()
                        if received >= count and last is None:
                            last = time.perf_counter()
                        time.sleep(0.02)
                    end = time.perf_counter()
                    last = last or end
                    peaks = [memory_kb(p.pid, "VmHWM") for p in procs]
                finally:
                    for p in procs:
                        os.killpg(p.pid, signal.SIGTERM)
                    for p in procs:
                        p.wait(30)
                got = Counter(sink.recipients())
                runs.append(
                    {
                        "workers": n,
                        "sending": count / (last - first),
                        "overall": count / (end - start),
                        "duplicates": sum(v - 1 for v in got.values() if v > 1),
                        "missing": len(expected - set(got)),
                        "extra": len(set(got) - expected),
                        "peak_kb": max(peaks),
                        "ledger": mailing.counts(),
                    }
                )
    finally:
        sink.stop()
    return {"count": count, "workers": workers, "runs": runs}


def print_scale(scale):
    count, workers = scale["count"], scale["workers"]
    print(
        f"--- {count} messages with 1 and with {workers} workers, sink of {workers} processes accepting in parallel"
    )
    for r in scale["runs"]:
        print(
            f"{r['workers']} worker(s):  sending {r['sending']:7.1f} msg/s (first to last message at the sink), "
            f"with the ledger {r['overall']:7.1f} msg/s; duplicates {r['duplicates']}, missing {r['missing']}, "
            f"extra {r['extra']}; peak {r['peak_kb'] / 1024:.1f} MiB per worker; ledger {r['ledger']}"
        )

    def mean(n, key):
        values = [r[key] for r in scale["runs"] if r["workers"] == n]
        return sum(values) / len(values)

    print(
        f"ratio {workers} / 1:        {mean(workers, 'sending') / mean(1, 'sending'):.2f} sending; "
        f"{mean(workers, 'overall') / mean(1, 'overall'):.2f} with the ledger (means over the rounds)"
    )


if __name__ == "__main__":
    main()
