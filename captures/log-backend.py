#!/usr/bin/env python3
"""log-backend.py - a small HTTP backend for captures/make-log-captures.sh.

Serves fake API answers on 127.0.0.1 (loopback only) behind nginx.  Its
behaviour is switched at run time through a JSON STATE FILE that is re-read
whenever its modification time changes (checked on every request), so the
recording script can change latency / error rate without restarting it.
The script writes the file atomically (write a temp file, then mv).

State file keys (all optional; missing keys take the defaults below):
  latency_ms      extra latency added to every API answer (ms)          0
  jitter_ms       std-dev of a normal jitter added to latency_ms (ms)   0
  slow_share      share of API requests that get slow_extra_ms on top   0.0
  slow_extra_ms   extra latency of those slow requests (ms)             0
  slow_jitter_ms  std-dev of a normal jitter on slow_extra_ms (ms)      0
  error_share     share of API requests answered with a 5xx             0.0
  error_codes     {"500": weight, "502": weight, "503": weight}   {"500": 1}
  hang_share      share of API requests that hang for hang_s seconds    0.0
                  (longer than nginx's proxy_read_timeout -> nginx 504)
  hang_s          how long a hanging request sleeps (s)                 10

Every API answer also has a small base service time that depends on the
path (lognormal, a few to ~60 ms) and a response body whose size depends on
the path (and varies per request).

Usage: log-backend.py --port PORT --state FILE [--seed N]
Standard library only.
"""

import argparse
import json
import os
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEFAULTS = {
    "latency_ms": 0.0,
    "jitter_ms": 0.0,
    "slow_share": 0.0,
    "slow_extra_ms": 0.0,
    "slow_jitter_ms": 0.0,
    "error_share": 0.0,
    "error_codes": {"500": 1.0},
    "hang_share": 0.0,
    "hang_s": 10.0,
}

# path prefix -> (median base service time ms, body size range bytes)
ROUTES = [
    ("/api/v1/health", 1.0, (20, 40)),
    ("/api/v1/items/", 12.0, (600, 2400)),
    ("/api/v1/items", 25.0, (3000, 14000)),
    ("/api/v1/users/", 10.0, (300, 900)),
    ("/api/v1/search", 45.0, (1500, 9000)),
    ("/api/v1/cart", 18.0, (200, 1200)),
    ("/api/v1/orders", 30.0, (800, 5000)),
    ("/api/v1/recommendations", 55.0, (2000, 7000)),
]

REASONS = {500: "Internal Server Error", 502: "Bad Gateway",
           503: "Service Unavailable", 504: "Gateway Timeout"}


class State:
    def __init__(self, path):
        self.path = path
        self.mtime = None
        self.data = dict(DEFAULTS)
        self.lock = threading.Lock()

    def get(self):
        try:
            m = os.stat(self.path).st_mtime_ns
        except OSError:
            return self.data
        if m != self.mtime:
            with self.lock:
                if m != self.mtime:
                    try:
                        with open(self.path) as f:
                            new = json.load(f)
                        d = dict(DEFAULTS)
                        d.update(new)
                        self.data = d
                        self.mtime = m
                    except (OSError, ValueError):
                        pass  # half-written file: keep the old state
        return self.data


def pick_code(codes):
    items = [(int(k), float(v)) for k, v in codes.items()]
    total = sum(w for _, w in items) or 1.0
    r = random.random() * total
    for code, w in items:
        r -= w
        if r <= 0:
            return code
    return items[-1][0]


class Handler(BaseHTTPRequestHandler):
    server_version = "sentinel-backend/1.0"
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):  # quiet
        pass

    def _route(self):
        p = self.path.split("?", 1)[0]
        for prefix, base, size in ROUTES:
            if p == prefix or p.startswith(prefix):
                return base, size
        return None

    def _send(self, code, body, ctype="application/json", extra=None):
        self.send_response(code, REASONS.get(code))
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except OSError:
                pass

    def _handle(self):
        if self.command == "POST":
            n = int(self.headers.get("Content-Length") or 0)
            if n:
                self.rfile.read(min(n, 65536))
        st = self.server.state.get()
        route = self._route()
        if route is None:
            body = b'{"error":"not found"}'
            time.sleep(random.lognormvariate(0, 0.3) * 0.003)
            self._send(404, body)
            return
        base_ms, (lo, hi) = route
        # base service time + configured latency
        delay = base_ms * random.lognormvariate(0, 0.45)
        delay += max(0.0, random.gauss(st["latency_ms"], st["jitter_ms"])) \
            if st["jitter_ms"] > 0 else st["latency_ms"]
        if st["slow_share"] > 0 and random.random() < st["slow_share"]:
            delay += max(0.0, random.gauss(st["slow_extra_ms"],
                                           st["slow_jitter_ms"])) \
                if st["slow_jitter_ms"] > 0 else st["slow_extra_ms"]
        if st["hang_share"] > 0 and random.random() < st["hang_share"]:
            delay = max(delay, float(st["hang_s"]) * 1000.0)
        time.sleep(max(0.0, delay) / 1000.0)
        if st["error_share"] > 0 and random.random() < st["error_share"]:
            code = pick_code(st["error_codes"])
            body = json.dumps({"error": REASONS.get(code, "error"),
                               "code": code}).encode()
            extra = {"Retry-After": "5"} if code == 503 else None
            self._send(code, body, extra=extra)
            return
        size = random.randint(lo, hi)
        body = (b'{"data":"' + b"x" * max(0, size - 12) + b'"}')
        self._send(200, body)

    def _safe(self):
        try:
            self._handle()
        except OSError:
            pass  # client (nginx) gave up, e.g. after proxy_read_timeout

    def do_GET(self):
        self._safe()

    def do_HEAD(self):
        self._safe()

    def do_POST(self):
        self._safe()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--state", required=True, help="JSON state file")
    ap.add_argument("--seed", type=int, default=None)
    a = ap.parse_args()
    if a.seed is not None:
        random.seed(a.seed)
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 256
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.state = State(a.state)
    print(f"log-backend listening on 127.0.0.1:{a.port}", file=sys.stderr,
          flush=True)
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
