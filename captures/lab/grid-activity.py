#!/usr/bin/python3
"""grid-activity.py -- the attack packets in every second of the lab grid's merged files (issue 13).

  grid-activity.py [--grid /work/lab-data/grid] [--jobs 2] -o data/grid-activity.csv.gz

A merged file is its background's packets (all of them, or the window `make-grid.py` cut) plus
the attack's. So the attack's packets in each whole epoch second (the 1 s window `sentinel
analyze` makes) are the merged file's packets in that second minus the background's. Only the
pcap record headers are read (classic pcap, either byte order; pcapng is not used by the grid).
The attack captures alone (`atk__*.pcap`) count every packet of their labelled range.

Writes file,second,packets for the seconds with attack packets; relabel-windows.py labels the
windows from it. About 3 minutes for the 37 GB grid on two cores.
"""
import argparse
import csv
import gzip
import mmap
import multiprocessing
import os
import struct
import sys
from collections import Counter


def seconds_of(path, t_from=None, t_to=None):
    """packets per whole epoch second of a classic pcap, only records in [t_from, t_to] (ns)"""
    counts = Counter()
    with open(path, "rb") as f:
        if os.fstat(f.fileno()).st_size < 24:
            return counts
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    magic = mm[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        hdr = struct.Struct("<IIII")
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        hdr = struct.Struct(">IIII")
    else:
        raise SystemExit(f"{path}: not a classic pcap")
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    scale = 1 if nano else 1000
    pos, n = 24, len(mm)
    unpack = hdr.unpack_from
    lo = -1 if t_from is None else t_from
    hi = 1 << 63 if t_to is None else t_to
    while pos + 16 <= n:
        sec, frac, caplen, _ = unpack(mm, pos)
        pos += 16 + caplen
        if lo <= sec * 1_000_000_000 + frac * scale <= hi:
            counts[sec] += 1
    mm.close()
    return counts


def one(job):
    name, path, bg_path, t_from, t_to, label_range = job
    if bg_path is None:
        # an attack capture alone: its labelled range
        counts = seconds_of(path, *label_range)
    else:
        merged = seconds_of(path)
        background = seconds_of(bg_path, t_from, t_to)
        # the first and last second are where a cut background's edge falls (its offset is kept
        # to 10 ms): never the attack's, which starts 15-35 % into the file
        edges = {min(merged), max(merged)} if merged else set()
        counts = Counter({s: merged[s] - background.get(s, 0) for s in merged
                          if s not in edges and merged[s] > background.get(s, 0)})
    return name, counts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--grid", default="/work/lab-data/grid")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--merged", help="one merged file instead of the grid (with --background)")
    ap.add_argument("--background", help="the background --merged was made on (whole)")
    ap.add_argument("-o", "--out", required=True)
    a = ap.parse_args()
    if a.merged:
        name, counts = one((os.path.basename(a.merged), a.merged, a.background, None, None, None))
        write(a.out, [(name, s, n) for s, n in counts.items()])
        return
    manifest = {}
    for r in csv.DictReader(open(os.path.join(a.grid, "manifest.csv"))):
        manifest[r["file"]] = r              # a file written twice keeps its last row, as the labels
    labels = {r["file"]: r for r in csv.DictReader(open(os.path.join(a.grid, "labels.csv")))}
    profile = {os.path.basename(r["path"]): r for r in csv.DictReader(open(os.path.join(a.grid, "profile.csv")))}
    bgdir = os.path.join(os.path.dirname(a.grid.rstrip("/")), "backgrounds")
    jobs = []
    for name, r in manifest.items():
        path = os.path.join(a.grid, name)
        if r["class"] == "normal" or not os.path.exists(path):
            continue
        if name.startswith("atk__"):
            lab = labels[name]
            jobs.append((name, path, None, None, None, (int(float(lab["start"]) * 1e9), int(float(lab["end"]) * 1e9))))
            continue
        bg = r["background"]
        first = int(profile[bg]["first"])
        t_from = t_to = None
        if float(r.get("file_seconds") or 0) + 1 < float(profile[bg]["seconds"]):
            # make-grid.py cut a window of a busy background: [first + offset, + file_seconds]
            t_from = first + int(float(r["bg_offset"]) * 1e9)
            t_to = t_from + int(float(r["file_seconds"]) * 1e9)
        jobs.append((name, path, os.path.join(bgdir, bg), t_from, t_to, None))
    rows = []
    with multiprocessing.Pool(a.jobs) as pool:
        for i, (name, counts) in enumerate(pool.imap_unordered(one, jobs, chunksize=1)):
            rows += [(name, s, n) for s, n in counts.items()]
            if i % 100 == 0:
                print(f"[{i + 1}/{len(jobs)}] {name}: {sum(counts.values())} attack packets", file=sys.stderr, flush=True)
    write(a.out, rows)


def write(path, rows):
    rows.sort()
    with gzip.open(path, "wt", newline="") as fp:
        w = csv.writer(fp)
        w.writerow(["file", "second", "packets"])
        w.writerows(rows)
    print(f"wrote {path}: {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
