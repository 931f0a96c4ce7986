"""Fixtures for tests with real services: a local SMTP sink (aiosmtpd), the Celery app pointed at the real
Redis broker, and a real Celery worker process on the same PostgreSQL test database.

Reusable by other apps: ``smtp_sink``, ``real_broker`` and ``celery_worker`` (a factory: ``start()`` returns a
running worker; ``stop(sig)``). Tests using them need ``transactional_db`` so the worker sees committed data.
"""

import os
import signal
import socket
import subprocess
import threading
import time
from email import message_from_bytes
from pathlib import Path

import pytest
from django.db import connection

from newsletters.factories import newsletter_tree
from nnr_site.processes import celery_worker_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tree(db):
    """The newsletter index (/nieuwsbrief/) and its archive."""
    return newsletter_tree()


class Sink:
    """Collects every message the SMTP server accepted. ``stall_at`` makes the n-th DATA hang until
    ``release`` is set; that message is then refused, as a server does when the client vanished before its
    '250 OK' could be sent. ``on_data`` (if set) is called with each message's recipients before it is accepted."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.stall_at = None
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.seen = 0
        self.on_data = None

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        with self.lock:
            self.seen += 1
            stall = self.seen == self.stall_at
        if stall:
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Verbinding verbroken voor bevestiging"
        if self.on_data:
            self.on_data(envelope.rcpt_tos)
        message = message_from_bytes(envelope.content)
        with self.lock:
            self.messages.append((tuple(envelope.rcpt_tos), message))
        return "250 OK"

    def recipients(self):
        with self.lock:
            return [rcpt for rcpts, _m in self.messages for rcpt in rcpts]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink():
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port(), data_size_limit=0)
    controller.start()
    sink.port = controller.port
    yield sink
    sink.release.set()
    controller.stop()


@pytest.fixture
def real_broker(redis_url):
    """Tasks enqueued by this test process go to Redis (not run in-process); the Redis db starts empty."""
    import redis

    from nnr_site.celery import app

    redis.Redis.from_url(redis_url).flushdb()
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=redis_url)
    _reset_pools(app)
    yield app
    _reset_pools(app)
    app.conf.update(saved)
    redis.Redis.from_url(redis_url).flushdb()


def _reset_pools(app):
    """Forget broker connections made with the previous broker_url (as Celery does after a fork)."""
    app._after_fork()


def database_url():
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    def __init__(self, env, log):
        self.log = log
        self.process = subprocess.Popen(
            celery_worker_command(f"nieuwsbrief-{os.getpid()}-{time.time_ns()}@test"),
            cwd=ROOT,
            env=env,
            stdout=open(log, "ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a kill takes every process of this worker
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if " ready." in Path(log).read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise RuntimeError("Celery worker did not start:\n" + Path(log).read_text(errors="replace")[-3000:])

    @property
    def pid(self):
        return self.process.pid

    def stop(self, sig=signal.SIGTERM):
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def celery_worker(require_postgres, redis_url, transactional_db, smtp_sink, real_broker, tmp_path):
    """``start(**env)`` runs a real worker (solo pool) on the test database, sending to ``smtp_sink``."""
    workers = []
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nnr_site.settings.base",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_sink.port),
        "NEWSLETTER_RATE_LIMIT": "2000",
        "NNR_VAR_DIR": str(tmp_path / "var"),
    }

    def start(**extra):
        worker = Worker({**env, **extra}, tmp_path / f"worker{len(workers)}.log")
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop(signal.SIGKILL)
