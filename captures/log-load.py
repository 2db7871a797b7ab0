#!/usr/bin/env python3
"""log-load.py - open-loop HTTP load generator for captures/make-log-captures.sh.

OPEN LOOP: request start times are a Poisson process at the phase's target
rate, drawn independently of how fast the server answers, so slow answers do
NOT lower the request rate (unlike a closed loop such as wrk).  Each request
runs on a bounded thread pool (--max-inflight); if that many requests are
already waiting, the new one is counted as "dropped" instead of queueing.
Every request has a client timeout (--timeout).  The generator stops by itself
at the end of its schedule (then waits at most --timeout for stragglers).

Client addresses: --clients N distinct source addresses in 127.0.0.0/8
(127.0.y.z, chosen from --seed), each socket is bound to one of them before
connecting, so nginx logs them as $remote_addr.  Clients are picked with
Zipf-like weights (a few busy clients, a long tail).  One connection per
request (Connection: close).

Path mix (shares of requests): proxied API paths (/api/v1/...), static files
that nginx serves itself (/, /index.html, /static/...), and a few paths that
answer 404 (--notfound-share).

Schedule: --phases "DUR:RATE,DUR:RATE-RATE,..."  (seconds : requests/s; a
"A-B" rate ramps linearly from A to B across the phase), or --schedule FILE
with JSON [{"duration": 30, "rate": 20}, {"duration": 60, "rate": [5, 25]}].

Only loopback targets are accepted.  Standard library only.
Example: log-load.py --port 8080 --clients 50 --phases 30:20,40:20,30:20
"""

import argparse
import http.client
import ipaddress
import json
import random
import sys
import threading
import time

UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1",
    "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5) Mobile/15E148",
    "okhttp/4.12.0",
    "python-requests/2.32.3",
    "curl/8.5.0",
    "shop-app/3.4.1 (Android 14)",
]

STATIC = [("/", 3), ("/index.html", 3), ("/static/app.js", 4),
          ("/static/style.css", 4), ("/static/logo.png", 2),
          ("/favicon.ico", 2), ("/static/img/banner.jpg", 1),
          ("/static/vendor.js", 2), ("/static/fonts/inter.woff2", 1)]
STATIC += [(f"/static/img/p{i}.jpg", 1) for i in range(1, 9)]
NOTFOUND = ["/wp-login.php", "/.env", "/static/img/p99.jpg",
            "/static/app.min.js.map", "/admin/config.php", "/api/v1/legacy",
            "/robots.txt.bak", "/xmlrpc.php"]


def api_path(rng):
    r = rng.random()
    if r < 0.24:
        return "GET", f"/api/v1/items/{rng.randint(1, 5000)}"
    if r < 0.38:
        return "GET", f"/api/v1/items?page={rng.randint(1, 40)}&size=20"
    if r < 0.52:
        q = rng.choice(["shoes", "lamp", "usb+cable", "coffee", "desk",
                        "phone+case", "book", "chair", "socks", "tent"])
        return "GET", f"/api/v1/search?q={q}"
    if r < 0.64:
        return "GET", f"/api/v1/users/{rng.randint(1, 900)}"
    if r < 0.76:
        return ("POST" if rng.random() < 0.4 else "GET"), "/api/v1/cart"
    if r < 0.86:
        return "GET", f"/api/v1/orders?user={rng.randint(1, 900)}"
    if r < 0.95:
        return "GET", f"/api/v1/recommendations?item={rng.randint(1, 5000)}"
    return "GET", "/api/v1/health"


def parse_phases(s):
    out = []
    for part in s.split(","):
        part = part.strip()
        if not part:
            continue
        dur, rate = part.split(":")
        if "-" in rate:
            a, b = rate.split("-")
            out.append((float(dur), float(a), float(b)))
        else:
            out.append((float(dur), float(rate), float(rate)))
    return out


def parse_schedule_json(path):
    with open(path) as f:
        data = json.load(f)
    out = []
    for ph in data:
        r = ph["rate"]
        a, b = (r, r) if not isinstance(r, list) else (r[0], r[1])
        out.append((float(ph["duration"]), float(a), float(b)))
    return out


def rate_at(phases, t):
    acc = 0.0
    for dur, a, b in phases:
        if t < acc + dur:
            f = (t - acc) / dur if dur > 0 else 0.0
            return a + (b - a) * f
        acc += dur
    return 0.0


def make_clients(n, rng):
    addrs = set()
    while len(addrs) < n:
        if len(addrs) < min(n, 40) and rng.random() < 0.5:
            a = f"127.0.0.{rng.randint(2, 254)}"
        else:
            a = f"127.0.{rng.randint(1, 60)}.{rng.randint(1, 254)}"
        addrs.add(a)
    addrs = sorted(addrs, key=lambda x: ipaddress.ip_address(x))
    rng.shuffle(addrs)
    weights = [1.0 / (i + 1) ** 0.9 for i in range(n)]
    return addrs, weights


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = 0
        self.dropped = 0
        self.codes = {}
        self.errors = {}

    def add_code(self, c):
        with self.lock:
            self.codes[c] = self.codes.get(c, 0) + 1

    def add_err(self, e):
        with self.lock:
            self.errors[e] = self.errors.get(e, 0) + 1


def do_request(host, port, src, method, path, ua, referer, timeout, stats,
               sem):
    try:
        conn = http.client.HTTPConnection(host, port, timeout=timeout,
                                          source_address=(src, 0))
        headers = {"User-Agent": ua, "Connection": "close",
                   "Accept": "*/*"}
        if referer:
            headers["Referer"] = referer
        body = None
        if method == "POST":
            body = b'{"item":1,"qty":1}'
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        stats.add_code(resp.status)
        conn.close()
    except Exception as e:  # timeouts, resets: count them
        stats.add_err(type(e).__name__)
    finally:
        sem.release()


def main():
    ap = argparse.ArgumentParser(
        description="open-loop Poisson HTTP load on loopback",
        epilog=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--phases", help='e.g. "30:20,40:80,30:20" or "60:5-25"')
    g.add_argument("--schedule", help="JSON schedule file")
    ap.add_argument("--clients", type=int, default=50,
                    help="distinct client source addresses (default 50)")
    ap.add_argument("--static-share", type=float, default=0.26)
    ap.add_argument("--notfound-share", type=float, default=0.015)
    ap.add_argument("--timeout", type=float, default=6.0,
                    help="client timeout per request, s (default 6)")
    ap.add_argument("--max-inflight", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    if not ipaddress.ip_address(a.host).is_loopback:
        sys.exit("log-load.py: only loopback targets are allowed")
    phases = parse_phases(a.phases) if a.phases else \
        parse_schedule_json(a.schedule)
    total = sum(p[0] for p in phases)
    if total <= 0 or total > 3600:
        sys.exit("log-load.py: schedule must last 0 < t <= 3600 s")

    rng = random.Random(a.seed)
    addrs, weights = make_clients(a.clients, rng)
    # each client keeps one user agent
    client_ua = {c: rng.choice(UAS) for c in addrs}
    site = f"http://{a.host}:{a.port}"
    threading.stack_size(256 * 1024)
    sem = threading.Semaphore(a.max_inflight)
    stats = Stats()
    threads = []

    t0 = time.monotonic()
    t = 0.0
    while True:
        r = rate_at(phases, t)
        if r <= 0:
            t += 0.05
            if t >= total:
                break
            continue
        t += rng.expovariate(r)
        if t >= total:
            break
        delay = t0 + t - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        src = rng.choices(addrs, weights)[0]
        x = rng.random()
        referer = None
        if x < a.notfound_share:
            method, path = "GET", rng.choice(NOTFOUND)
        elif x < a.notfound_share + a.static_share:
            method = "GET"
            path = rng.choices([p for p, _ in STATIC],
                               [w for _, w in STATIC])[0]
            if path not in ("/", "/index.html") and rng.random() < 0.8:
                referer = site + "/index.html"
        else:
            method, path = api_path(rng)
            if rng.random() < 0.5:
                referer = site + "/index.html"
        if not sem.acquire(blocking=False):
            stats.dropped += 1
            continue
        stats.sent += 1
        th = threading.Thread(target=do_request, daemon=True,
                              args=(a.host, a.port, src, method, path,
                                    client_ua[src], referer, a.timeout,
                                    stats, sem))
        th.start()
        threads.append(th)
        if len(threads) > 1000:
            threads = [x for x in threads if x.is_alive()]

    deadline = time.monotonic() + a.timeout + 1
    for th in threads:
        th.join(max(0.0, deadline - time.monotonic()))
    elapsed = time.monotonic() - t0
    print(json.dumps({"elapsed_s": round(elapsed, 2), "sent": stats.sent,
                      "dropped": stats.dropped,
                      "codes": dict(sorted(stats.codes.items())),
                      "errors": stats.errors, "clients": a.clients}),
          file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
