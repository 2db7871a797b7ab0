#!/usr/bin/env python3
"""Writes the load traces `sentinel plan --trace` replays (fixed seed: the same files each run).

Every trace: three days at one row per 10 minutes (season 144 rows), columns
time,legit,attack,label. Legitimate load follows a daily cycle (a trough of ~60 req/s at
04:00, a peak of ~400 req/s at 14:00) with 5 % noise.

- daily.csv        the cycle alone.
- flash-crowd.csv  the cycle, and on day 3 at 15:00 a flash crowd of legitimate clients:
                   load x3.5 for 50 minutes (label normal: the sentinel sees real clients).
- flood.csv        the cycle, and on day 3 an HTTP flood (10:00, 1,500 req/s for an hour,
                   label http_flood), a SYN flood (16:00, 800 req/s-equivalent for 30
                   minutes, label syn_flood), and two rows the classifier got wrong (20:00,
                   label http_flood without attack load).
"""
import math
import os
import random

STEP = 600
ROWS = 3 * 144
START = 1_795_910_400  # 2026-11-29T00:00:00Z


def cycle(rng, i):
    hour = (i * STEP / 3600) % 24
    base = 230 + 170 * math.sin(2 * math.pi * (hour - 8) / 24)
    return max(0.0, base * (1 + rng.gauss(0, 0.05)))


def write(name, rows):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    with open(path, "w") as f:
        f.write("time,legit,attack,label\n")
        for t, legit, attack, label in rows:
            f.write(f"{t},{legit:.1f},{attack:.1f},{label}\n")


def main():
    rng = random.Random(42)
    daily = [(START + i * STEP, cycle(rng, i), 0.0, "normal") for i in range(ROWS)]
    write("daily.csv", daily)

    rng = random.Random(43)
    crowd = []
    for i in range(ROWS):
        legit = cycle(rng, i)
        day, slot = divmod(i, 144)
        if day == 2 and 90 <= slot < 95:  # 15:00–15:50
            legit *= 3.5
        crowd.append((START + i * STEP, legit, 0.0, "normal"))
    write("flash-crowd.csv", crowd)

    rng = random.Random(44)
    flood = []
    for i in range(ROWS):
        legit = cycle(rng, i)
        day, slot = divmod(i, 144)
        attack, label = 0.0, "normal"
        if day == 2 and 60 <= slot < 66:  # 10:00–11:00
            attack, label = 1500.0 * (1 + rng.gauss(0, 0.03)), "http_flood"
        elif day == 2 and 96 <= slot < 99:  # 16:00–16:30
            attack, label = 800.0, "syn_flood"
        elif day == 2 and slot in (120, 121):  # 20:00: a false positive
            label = "http_flood"
        flood.append((START + i * STEP, legit, attack, label))
    write("flood.csv", flood)


if __name__ == "__main__":
    main()
