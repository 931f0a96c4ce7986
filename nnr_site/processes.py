"""Command lines of the helper processes that tests and benchmarks start themselves: a Celery worker and a
private Redis server (never the shared one), spelled out once."""

import shutil
import sys
from pathlib import Path

CELERY = Path(sys.executable).with_name("celery")
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def celery_worker_command(name):
    """One solo-pool worker of this project, named `name` (unique per start, e.g. with a pid and a time)."""
    return [
        str(CELERY),
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
        name,
    ]


def redis_server_command(port):
    """A Redis on 127.0.0.1:`port` that keeps nothing on disk."""
    return [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
