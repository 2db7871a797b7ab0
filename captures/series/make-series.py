#!/usr/bin/env python3
"""Makes the load series in captures/series/ (see README.md there).

Synthetic series are seeded, so running this again gives the same files byte for byte.
The real series counts requests per second in captures/logs/normal_flash_crowd.log.

    python3 captures/series/make-series.py
"""
import math
import os
import random
import re
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
START = 1_767_225_600  # 2026-01-01 00:00:00 UTC


def daily_shape(hour):
    """Requests/s over a day: quiet at night, a morning rise, an evening peak."""
    return 0.55 - 0.35 * math.cos(2 * math.pi * (hour - 3) / 24) + 0.12 * math.sin(4 * math.pi * hour / 24)


def write(name, rows, header, stamp):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(header + "\n")
        for t, v in rows:
            f.write(f"{stamp(t)},{v:.2f}\n")


def epoch(t):
    return str(t)


def nab(t):
    return datetime.fromtimestamp(t, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def hourly_daily(rng):
    """42 days, 1 h step: daily cycle, +0.6 %/day trend, multiplicative noise."""
    rows = []
    for i in range(42 * 24):
        t = START + i * 3600
        level = 400 * (1 + 0.006 * i / 24)
        value = level * daily_shape((i % 24)) * (1 + rng.gauss(0, 0.05))
        rows.append((t, max(0.0, value)))
    return rows


def flash_crowd(rng):
    """14 days, 15 min step: daily cycle with noise, and a flash crowd on day 11 at 14:00
    (load ×3 within 30 minutes, decaying over 3 hours)."""
    rows = []
    crowd = 11 * 96 + 14 * 4
    for i in range(14 * 96):
        t = START + i * 900
        hour = (i % 96) / 4
        value = 300 * daily_shape(hour) * (1 + rng.gauss(0, 0.04))
        if i >= crowd:
            k = i - crowd
            boost = min(1.0, (k + 1) / 2) * math.exp(-max(0, k - 2) / 6) * 2.0
            value *= 1 + boost
        rows.append((t, max(0.0, value)))
    return rows


def real_flash_crowd():
    """Requests per second from the access log of a real flash crowd (captures/logs)."""
    path = os.path.join(ROOT, "captures", "logs", "normal_flash_crowd.log")
    if not os.path.exists(path):
        return None
    stamp = re.compile(r"\[(\d+/\w+/\d+:\d+:\d+:\d+ [+-]\d+)\]")
    counts = {}
    with open(path) as f:
        for line in f:
            m = stamp.search(line)
            if not m:
                continue
            t = int(datetime.strptime(m.group(1), "%d/%b/%Y:%H:%M:%S %z").timestamp())
            counts[t] = counts.get(t, 0) + 1
    first, last = min(counts), max(counts)
    return [(t, float(counts.get(t, 0))) for t in range(first, last + 1)]


def main():
    rng = random.Random(20260101)
    write("hourly-daily.csv", hourly_daily(rng), "time,value", epoch)
    write("flash-crowd-15min.csv", flash_crowd(rng), "timestamp,value", nab)
    real = real_flash_crowd()
    if real:
        write("real-flash-crowd-1s.csv", real, "time,value", epoch)


if __name__ == "__main__":
    main()
