"""Docker's healthcheck for the web service: `python deploy/healthcheck.py [PATH]` exits 0 when gunicorn on
127.0.0.1:8000 answers PATH (default /health/: database, cache, broker, storage and a worker heartbeat) with 200.

Standard library only, so a check every few seconds costs no Django start-up. It asks as the first of
ALLOWED_HOSTS over "https" (X-Forwarded-Proto, as the proxy would), so neither the host check nor an HTTPS
redirect gets in the way."""

import os
import sys
import urllib.error
import urllib.request


def main(path="/health/"):
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".") or "localhost"
    address = os.environ.get("HEALTHCHECK_ADDRESS", "127.0.0.1:8000")
    request = urllib.request.Request(
        f"http://{address}{path}",
        headers={"Host": host, "X-Forwarded-Proto": "https", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read().decode()
    except urllib.error.HTTPError as error:
        print(error.code, error.read().decode()[:500])
        return 1
    except OSError as error:
        print(f"{address} does not answer: {error}")
        return 1
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
