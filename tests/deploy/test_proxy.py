"""The reverse proxy (issue 18.2): deploy/Caddyfile in Debian's caddy, in front of a stand-in for gunicorn.

What a visitor's browser gets from it: uploaded images from /media/ (and nothing else from there), static files
cached for a year when their name is hashed, compressed responses, security headers on everything (the site's
own values win), and the site gets the visitor's address and a request id. deploy/smoke.py runs it in front
of the real site."""

import http.client
import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import need

ROOT = Path(__file__).resolve().parents[2]
CADDYFILE = ROOT / "deploy" / "Caddyfile"
PAGE = "<!DOCTYPE html><title>NNR</title>" + "<p>Rookvrije generatie</p>" * 100


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def caddy():
    path = shutil.which("caddy")
    need(path is not None, "caddy (apt-get install caddy)")
    return path


@pytest.fixture(scope="module")
def upstream():
    """A stand-in for gunicorn that remembers what the proxy sent it."""
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append({k.lower(): v for k, v in self.headers.items()})
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if self.path == "/eigen-beleid/":
                self.send_header("X-Frame-Options", "SAMEORIGIN")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], seen
    server.shutdown()


def start_caddy(caddy, tmp, upstream_port, **extra):
    static, media = tmp / "static", tmp / "media"
    for folder in ("images", "original_images", "documents"):
        (media / folder).mkdir(parents=True, exist_ok=True)
    (media / "images" / "logo.max-160x160.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 200)
    (media / "documents" / "handover.pdf").write_bytes(b"%PDF private")
    (static / "css").mkdir(parents=True, exist_ok=True)
    (static / "css" / "main.0123456789ab.css").write_text("body { color: black; }\n" * 100)
    (static / "css" / "main.css").write_text("body { color: black; }\n" * 100)
    port = free_port()
    env = {
        **os.environ,
        "HOME": str(tmp),
        "XDG_DATA_HOME": str(tmp / "data"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "NNR_SITE_ADDRESS": f"http://127.0.0.1:{port}",
        "NNR_UPSTREAM": f"127.0.0.1:{upstream_port}",
        "NNR_STATIC_ROOT": str(static),
        "NNR_MEDIA_ROOT": str(media),
        **extra,
    }
    process = subprocess.Popen(
        [caddy, "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stderr.read().decode())
            time.sleep(0.1)
    process.kill()
    pytest.fail("caddy did not start")


@pytest.fixture(scope="module")
def proxy(caddy, upstream, tmp_path_factory):
    process, port = start_caddy(caddy, tmp_path_factory.mktemp("caddy"), upstream[0])
    yield port
    process.terminate()
    process.wait(10)


def get(port, path, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_the_caddyfile_is_valid_and_formatted(caddy):
    result = subprocess.run(
        [caddy, "validate", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "Valid configuration" in result.stdout + result.stderr
    assert "not formatted" not in result.stderr


def test_uploaded_images_are_served_under_a_policy_that_runs_nothing(proxy):
    status, headers, body = get(proxy, "/media/images/logo.max-160x160.png")
    assert status == 200 and headers["content-type"] == "image/png" and body.startswith(b"\x89PNG")
    assert "sandbox" in headers["content-security-policy"] and headers["x-content-type-options"] == "nosniff"
    assert "max-age=86400" in headers["cache-control"]


@pytest.mark.parametrize(
    "path",
    ["/media/documents/handover.pdf", "/media/", "/media/images/../documents/handover.pdf", "/media/x.png"],
)
def test_nothing_else_under_media_is_served(proxy, path):
    assert get(proxy, path)[0] == 404


def test_hashed_static_files_are_kept_a_year_and_sent_compressed(proxy):
    status, headers, _ = get(proxy, "/static/css/main.0123456789ab.css", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-encoding"] == "gzip"
    assert get(proxy, "/static/css/main.css")[1]["cache-control"] == "public, max-age=3600"


def test_pages_get_the_security_headers_and_compression(proxy, upstream):
    status, headers, _ = get(proxy, "/", **{"Accept-Encoding": "zstd, gzip"})
    assert status == 200 and headers["content-encoding"] in ("zstd", "gzip")
    assert headers["strict-transport-security"].startswith("max-age=31536000")
    assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "same-origin"
    assert "camera=()" in headers["permissions-policy"] and "server" not in headers
    # where the site says otherwise, the site wins
    assert get(proxy, "/eigen-beleid/")[1]["x-frame-options"] == "SAMEORIGIN"


def test_the_site_gets_the_visitors_address_and_a_request_id(proxy, upstream):
    _port, seen = upstream
    get(proxy, "/aanmelden/", **{"X-Real-IP": "203.0.113.9", "X-Request-ID": "forged"})
    sent = seen[-1]
    assert sent["x-real-ip"] == "127.0.0.1"  # what the visitor claims is replaced by what Caddy saw
    assert sent["x-request-id"] != "forged" and len(sent["x-request-id"]) == 36
    assert sent["x-forwarded-proto"] == "http"


def test_health_is_for_this_machine_and_private_networks_only(caddy, upstream, tmp_path):
    process, port = start_caddy(caddy, tmp_path, upstream[0], NNR_HEALTH_FROM="10.0.0.0/8")
    try:
        assert get(port, "/health/")[0] == 404 and get(port, "/")[0] == 200
    finally:
        process.terminate()
        process.wait(10)


def test_health_answers_from_this_machine(proxy):
    assert get(proxy, "/health/")[0] == 200
