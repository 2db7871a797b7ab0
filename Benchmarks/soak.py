#!/usr/bin/env python3
"""Helpers of Benchmarks/soak.sh (python3 standard library only).

  soak.py writer   --log PATH --rate N ...   an nginx-like access-log writer that rotates by rename
  soak.py receiver --port P --record FILE ... a webhook receiver failing half the time (seeded)
  soak.py schedule --seed S --count N         the seeded order of SIGHUP / SIGKILL / SIGTERM
  soak.py check    --out DIR                  the end-of-run checks; writes DIR/summary.txt

Run through Benchmarks/soak.sh, which says what each check means.
"""
import argparse
import http.server
import json
import os
import random
import signal
import socketserver
import sqlite3
import statistics
import sys
import threading
import time


# --- the access-log writer -------------------------------------------------------------------

def writer(a):
    """Appends `rate` combined-format lines/s to a.log in ten batches a second. Every `rotate`
    seconds the file is renamed to LOG.N and, like nginx between the rename and its USR1, the
    writer goes on writing into the renamed file for `reopen_delay` s before it opens a new LOG;
    only the last `keep` rotated files are kept.
    From `burst_at` s on, every `burst_every` s, `burst_len` s of lines are an attack: most
    requests from three addresses, 60 % answered 500/502/503, slow. The count of lines written
    (and each rotation) goes to a.count as JSON when it stops (SIGTERM) or at its time bound."""
    rng = random.Random(a.seed)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    paths = ["/", "/index.html", "/api/v1/items", "/api/v1/items/42", "/api/v1/cart", "/static/app.js", "/login"]
    agents = ["Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "okhttp/4.12.0", "curl/8.5.0"]
    clients = [f"198.51.100.{i}" for i in range(1, 201)]
    attackers = ["203.0.113.7", "203.0.113.8", "203.0.113.9"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    fd = os.open(a.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    written, rotations, bursts = 0, [], 0
    start = time.time()
    next_rotation = start + a.rotate
    old_fd, reopen_at, rotated = None, 0.0, 0
    tick, prev_burst = 0, False
    while not stop.is_set() and time.time() - start < a.bound:
        now = time.time()
        elapsed = now - start
        in_burst = elapsed >= a.burst_at and (elapsed - a.burst_at) % a.burst_every < a.burst_len
        g = time.gmtime(now)
        stamp = f"{g.tm_mday:02d}/{months[g.tm_mon - 1]}/{g.tm_year}:{g.tm_hour:02d}:{g.tm_min:02d}:{g.tm_sec:02d} +0000"
        n = a.rate // 10 + (1 if tick % 10 < a.rate % 10 else 0)
        lines = []
        for _ in range(n):
            if in_burst and rng.random() < 0.8:
                client = rng.choice(attackers)
                status = rng.choice([500, 502, 503]) if rng.random() < 0.6 else 200
                rt = rng.uniform(0.5, 2.5)
            else:
                client = rng.choice(clients)
                status = 200 if rng.random() < 0.97 else 404
                rt = rng.uniform(0.005, 0.08)
            lines.append(
                f'{client} - - [{stamp}] "GET {rng.choice(paths)} HTTP/1.1" {status} {rng.randint(200, 9000)} '
                f'"-" "{rng.choice(agents)}" {rt:.3f} {rt:.3f}\n')
        target = old_fd if old_fd is not None else fd
        os.write(target, "".join(lines).encode())  # whole lines per write
        written += n
        if old_fd is not None and now >= reopen_at:  # nginx reopens its log
            os.close(old_fd)
            old_fd = None
        if now >= next_rotation and old_fd is None:
            rotated += 1
            os.rename(a.log, f"{a.log}.{rotated}")
            if rotated > a.keep:  # logrotate's `rotate KEEP`: older files are deleted
                os.unlink(f"{a.log}.{rotated - a.keep}")
            rotations.append({"t": round(elapsed, 1), "file": f"{a.log}.{rotated}", "lines_before": written})
            old_fd, reopen_at = fd, now + a.reopen_delay
            fd = os.open(a.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            next_rotation += a.rotate
        if in_burst and not prev_burst:
            bursts += 1
        prev_burst = in_burst
        tick += 1
        time.sleep(max(0.0, start + tick * 0.1 - time.time()))
    if old_fd is not None:
        os.close(old_fd)
    os.close(fd)
    with open(a.count, "w") as f:
        json.dump({"lines": written, "seconds": round(time.time() - start, 1), "rotations": rotations, "bursts": bursts}, f)


# --- the webhook receiver --------------------------------------------------------------------

def receiver(a):
    """Answers every POST 500 with probability a.fail (seeded), else 204, until the file
    a.succeed exists (then always 204). Every delivery is one JSON line in a.record: time,
    webhook-id, status answered, body."""
    rng = random.Random(a.seed)
    lock = threading.Lock()
    record = open(a.record, "a", buffering=1)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with lock:
                ok = os.path.exists(a.succeed) or rng.random() >= a.fail
                status = 204 if ok else 500
                record.write(json.dumps({"t": round(time.time(), 3), "id": self.headers.get("webhook-id"),
                                         "status": status, "body": body.decode("utf-8", "replace")}) + "\n")
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", a.port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    threading.Timer(a.bound, server.shutdown).start()
    server.serve_forever()


def schedule(a):
    """The disruption order: SIGHUP, SIGKILL and SIGTERM equally often, shuffled by the seed."""
    kinds = (["hup", "kill", "term"] * (a.count // 3 + 1))[: a.count]
    random.Random(a.seed).shuffle(kinds)
    print(" ".join(kinds))


# --- the checks ------------------------------------------------------------------------------

def check(a):
    out = a.out
    failures, lines = [], []

    def say(text=""):
        lines.append(text)

    def verdict(ok, text):
        say(("PASS " if ok else "FAIL ") + text)
        if not ok:
            failures.append(text)

    # RSS and descriptors per process lifetime.
    rows = []
    with open(f"{out}/rss.csv") as f:
        next(f)
        for row in f:
            t, life, pid, rss, fds, cpu = row.strip().split(",")
            rows.append((float(t), int(life), int(pid), int(rss), int(fds), float(cpu or 0)))
    lifetimes = [json.loads(l) for l in open(f"{out}/lifetimes.jsonl")]
    say("RSS (MiB), open descriptors and CPU (100 % = one core, between the first and last sample) of each")
    say("sentinel lifetime, sampled every 10 s:")
    say(f"  {'life':>4} {'ended by':<9} {'from s':>7} {'to s':>7} {'samples':>7} {'start':>7} {'median':>7} {'max':>7} {'end':>7}  {'fds min-max':>11} {'cpu':>5}")
    for life in lifetimes:
        r = [x for x in rows if x[1] == life["life"]]
        if not r:
            say(f"  {life['life']:>4} {life['ended_by']:<9} (no sample)")
            continue
        rss = [x[3] / 1024 for x in r]
        fds = [x[4] for x in r]
        cpu = f"{100 * (r[-1][5] - r[0][5]) / (r[-1][0] - r[0][0]):.0f}%" if len(r) > 1 else "-"
        say(f"  {life['life']:>4} {life['ended_by']:<9} {r[0][0]:>7.0f} {r[-1][0]:>7.0f} {len(r):>7} {rss[0]:>7.1f} "
            f"{statistics.median(rss):>7.1f} {max(rss):>7.1f} {rss[-1]:>7.1f}  {min(fds):>5}-{max(fds):<5} {cpu:>5}")
    long = max(lifetimes, key=lambda l: len([x for x in rows if x[1] == l["life"]]), default=None)
    if long:
        r = [x[3] / 1024 for x in rows if x[1] == long["life"]]
        if len(r) >= 12:
            # Flat: the last third's median within 25 % (and 20 MiB) of the second third's.
            mid, last = statistics.median(r[len(r) // 3: 2 * len(r) // 3]), statistics.median(r[2 * len(r) // 3:])
            verdict(last <= max(mid * 1.25, mid + 20),
                    f"RSS flat in the longest lifetime ({long['life']}, {len(r)} samples): median of the middle third "
                    f"{mid:.1f} MiB, of the last third {last:.1f} MiB")
    crashes = [l for l in lifetimes if l["ended_by"] == "crash"]
    verdict(not crashes, f"no lifetime ended by itself (crash): {len(crashes)}")
    say()

    # The store.
    db = sqlite3.connect(f"file:{out}/sentinel.db?mode=ro", uri=True)
    integrity = db.execute("PRAGMA integrity_check").fetchall()
    verdict(integrity == [("ok",)], f"PRAGMA integrity_check: {integrity[:3]}")
    events = {r[0]: r for r in db.execute("SELECT event_id, delivered, attempts FROM outbox")}
    pending = [e for e, r in events.items() if r[1] is None]
    incidents = db.execute("SELECT id, class_name, target, resolved FROM incidents").fetchall()
    classes = {}
    for _, c, t, _ in incidents:
        classes[f"{c} on {t}"] = classes.get(f"{c} on {t}", 0) + 1
    say(f"store: {len(incidents)} incidents ({sum(1 for i in incidents if i[3] is not None)} resolved): "
        + ", ".join(f"{k} ×{v}" for k, v in sorted(classes.items())))
    missing_events = [i[0] for i in incidents if f"{i[0]}:opened" not in events
                      or (i[3] is not None and f"{i[0]}:resolved" not in events)]
    verdict(not missing_events, f"every incident has its opened (and resolved) event in the outbox: {len(missing_events)} missing")
    verdict(not pending, f"outbox drained: {len(pending)} of {len(events)} events undelivered"
            + (f" (e.g. {pending[:3]})" if pending else ""))

    # The receiver's record.
    record = [json.loads(l) for l in open(f"{out}/deliveries.jsonl")]
    ok = [d for d in record if d["status"] < 300]
    ok_ids = {}
    for d in ok:
        ok_ids[d["id"]] = ok_ids.get(d["id"], 0) + 1
    body_mismatch = [d["id"] for d in record if json.loads(d["body"]).get("event_id") != d["id"]]
    dupes = {i: n for i, n in ok_ids.items() if n > 1}
    unknown = set(ok_ids) - set(events)
    never = set(events) - set(ok_ids)
    say(f"deliveries: {len(record)} POSTs, {len(ok)} answered 2xx, {len(record) - len(ok)} answered 500; "
        f"{len(ok_ids)} distinct webhook-ids delivered; {len(events)} events in the store")
    verdict(not never, f"every event in the store was delivered at least once: {len(never)} never delivered")
    verdict(not unknown, f"every delivered webhook-id is an event in the store: {len(unknown)} unknown")
    verdict(not body_mismatch, f"every body's event_id equals its webhook-id header: {len(body_mismatch)} differ")
    say(f"INFO duplicates (a webhook-id answered 2xx more than once; at-least-once allows it after SIGKILL): "
        f"{len(dupes)} ids, {sum(dupes.values()) - len(dupes)} extra deliveries" + (f" {sorted(dupes.items())[:5]}" if dupes else ""))
    store_ok = {e: r for e, r in events.items() if r[1] is not None}
    say()

    # Log lines.
    writer_count = json.load(open(f"{out}/writer.json"))
    counted = sum(l["log_lines"] for l in lifetimes if l["log_lines"] is not None)
    unknown_lives = [l["life"] for l in lifetimes if l["log_lines"] is None]
    say(f"log: the writer wrote {writer_count['lines']} lines in {writer_count['seconds']} s, "
        f"{len(writer_count['rotations'])} rotations by rename, {writer_count['bursts']} attack bursts")
    say("  lines each lifetime counted: " + ", ".join(f"{l['life']}:{l['log_lines']} ({l['lines_from']})" for l in lifetimes))
    verdict(not unknown_lives and counted == writer_count["lines"],
            f"no line lost or read twice: sum over lifetimes {counted} vs written {writer_count['lines']} "
            f"(difference {counted - writer_count['lines']:+d})" + (f"; lifetimes without a count: {unknown_lives}" if unknown_lives else ""))
    skipped = sum(l.get("skipped") or 0 for l in lifetimes)
    say(f"INFO lines skipped as unparsable (summed over the lifetimes that printed a summary): {skipped}")
    say()
    say("RESULT: " + ("all checks passed" if not failures else f"{len(failures)} check(s) failed"))
    text = "\n".join(lines) + "\n"
    with open(f"{out}/checks.txt", "w") as f:
        f.write(text)
    sys.stdout.write(text)
    sys.exit(1 if failures else 0)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    w = sub.add_parser("writer")
    w.add_argument("--log", required=True)
    w.add_argument("--count", required=True)
    w.add_argument("--rate", type=int, default=2000)
    w.add_argument("--rotate", type=float, default=60)
    w.add_argument("--reopen-delay", type=float, default=0.5)
    w.add_argument("--keep", type=int, default=3)
    w.add_argument("--burst-at", type=float, default=90)
    w.add_argument("--burst-every", type=float, default=180)
    w.add_argument("--burst-len", type=float, default=20)
    w.add_argument("--seed", type=int, default=16)
    w.add_argument("--bound", type=float, default=3600)
    r = sub.add_parser("receiver")
    r.add_argument("--port", type=int, required=True)
    r.add_argument("--record", required=True)
    r.add_argument("--succeed", required=True)
    r.add_argument("--fail", type=float, default=0.5)
    r.add_argument("--seed", type=int, default=16)
    r.add_argument("--bound", type=float, default=3600)
    s = sub.add_parser("schedule")
    s.add_argument("--seed", type=int, default=16)
    s.add_argument("--count", type=int, required=True)
    c = sub.add_parser("check")
    c.add_argument("--out", required=True)
    a = p.parse_args()
    {"writer": writer, "receiver": receiver, "schedule": schedule, "check": check}[a.command](a)


if __name__ == "__main__":
    main()
