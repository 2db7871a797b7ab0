#!/usr/bin/python3
"""relabel-windows.py -- label each lab window by whether the attack is in it (issue 13).

  relabel-windows.py WINDOWS.csv[.gz] --activity data/grid-activity.csv.gz --manifest data/grid-manifest.csv
        -o OUT.csv [--share 0.1] [--slowloris-hold 60]
  relabel-windows.py WINDOWS.csv[.gz] --activity ACTIVITY.csv.gz --ranges LABELS.csv -o OUT.csv
        (files with several attacks one after another: make-sequences.sh, the busy mixed capture)

`windows-dataset.py` labels a 1 s window with the attack's class when its midpoint lies in the
file's labelled range. The range is where the attack was *placed* (`overlay.py`: the attack
capture's labelled range, shifted, stretched and repeated to fill it), and the tools do not send
evenly across it: a flood tool starts a few seconds after its range opens, a replay ends before
the range does, a stretched capture has idle seconds. Those windows hold the background only,
yet they were labelled as attack, and no detector can flag them; the seconds of after-effects
just past the range (backscatter, retransmissions) were labelled normal.

Here a window of a merged file (or of an attack capture alone) gets the file's class when the
attack sent at least `--share` (default 0.1) of its typical second in it, where the typical
second is the median of the attack's non-empty seconds (at least one packet); otherwise it is
`normal`. The attack packets per second come from `grid-activity.py` (each merged file's
packets minus its background's).

Slowloris keeps its labelled range (its connections hold the server through seconds in which
they send nothing) and is also labelled through `--slowloris-hold` seconds (default 60) after
its last packet: a server keeps a connection whose request headers never finish until its own
header timeout (nginx's default `client_header_timeout` is 60 s; the lab's server waits 120 s),
and the recorded slowloris captures end without closing their connections, so for that long
after the range the server is still held. Files without activity rows (backgrounds, real
captures) keep their labels.

Prints, per class, how many windows changed label in each direction.
"""
import argparse
import csv
import gzip
import statistics
import sys
from collections import Counter, defaultdict


def opener(path, mode="rt"):
    return gzip.open(path, mode, newline="") if path.endswith(".gz") else open(path, mode.replace("t", ""), newline="")


def presence_threshold(packets_per_second, share=0.1):
    """The fewest attack packets a second must hold to be the attack's: `share` of the attack's
    median non-empty second, at least 1 (never, for an attack that sent nothing)."""
    busy = [n for n in packets_per_second if n > 0]
    return max(1.0, share * statistics.median(busy)) if busy else float("inf")


def ranges_truth(ranges, activity, share=0.1, slowloris_hold=0):
    """second -> class, for a file holding several attacks one after another (the busy mixed
    capture, make-sequences.sh): a second from one before a labelled range to one after it is
    that range's class when the attack packets in it (`activity`: second -> packets) reach
    `share` of the range's median non-empty second. Slowloris keeps exactly its range and, with
    `slowloris_hold`, that many seconds after its last packet (as the grid's windows: the server
    is still held), where no later range claims them. Seconds not returned are normal."""
    out = {}
    for cls, s, e in sorted(ranges, key=lambda r: r[1]):
        near = [t for t in activity if s - 1 <= t <= e + 1]
        threshold = presence_threshold((activity[t] for t in near), share)
        for t in range(int(s) - 1, int(e) + 2):
            if cls == "slowloris":
                if s <= t + 0.5 <= e:
                    out[t] = cls
            elif activity.get(t, 0) >= threshold:
                out[t] = cls
        if cls == "slowloris" and slowloris_hold > 0:
            last = max((t for t in near if activity[t] > 0), default=None)
            for t in range(int(e) + 1, int(last + slowloris_hold) + 1 if last is not None else 0):
                out.setdefault(t, cls)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("windows")
    ap.add_argument("--activity", required=True, help="file,second,packets (grid-activity.py)")
    ap.add_argument("--manifest", help="the grid's manifest.csv (file -> class)")
    ap.add_argument("--ranges", metavar="LABELS.csv",
                    help="instead of --manifest: files with several attacks one after another, each labelled "
                         "range of this labels.csv (file,class,start,end) relabelled by ranges_truth()")
    ap.add_argument("--share", type=float, default=0.1,
                    help="a window is the attack's when it holds at least this share of the attack's median second")
    ap.add_argument("--slowloris-hold", type=float, default=60,
                    help="seconds after a slowloris' last packet that its connections still hold the server (default 60)")
    ap.add_argument("-o", "--out", required=True)
    a = ap.parse_args()
    if bool(a.manifest) == bool(a.ranges):
        ap.error("give --manifest (one attack per file) or --ranges (several), not both")

    activity = defaultdict(dict)
    for r in csv.DictReader(opener(a.activity)):
        activity[r["file"]][int(r["second"])] = int(r["packets"])
    if a.ranges:
        relabel_ranges(a, activity)
        return
    classes = {r["file"]: r["class"] for r in csv.DictReader(opener(a.manifest))}
    threshold = {f: presence_threshold(secs.values(), a.share) for f, secs in activity.items()}
    last_packet = {f: max((s for s, n in secs.items() if n > 0), default=None) for f, secs in activity.items()}

    def relabel(f, label, second):
        cls = classes.get(f)
        if f in activity and cls and cls not in ("normal", "slowloris"):
            new = cls if activity[f].get(second, 0) >= threshold[f] else "normal"
            return new, (cls, label, new)
        if cls == "slowloris" and last_packet.get(f) is not None and label == "normal":
            if last_packet[f] < second <= last_packet[f] + a.slowloris_hold:
                return cls, (cls, "normal", cls)
        return label, None

    changed = rewrite_labels(a.windows, a.out, relabel)
    for (cls, old, new), n in sorted(changed.items()):
        print(f"{cls}: {n} windows {old} -> {new}", file=sys.stderr)
    if not changed:
        print("no label changed", file=sys.stderr)


def rewrite_labels(src, dst, relabel):
    """Copies the windows CSV `src` to `dst`, each row's label replaced by the first item of
    `relabel(file, label, second)`; counts the second item (a key) of each row whose label changed."""
    changed = Counter()
    with opener(src) as fin, opener(dst, "wt") as fout:
        rd = csv.reader(fin)
        header = next(rd)
        fi, li, si = (header.index(c) for c in ("file", "label", "start"))
        w = csv.writer(fout)
        w.writerow(header)
        for row in rd:
            label, key = relabel(row[fi], row[li], int(float(row[si])))
            if label != row[li]:
                changed[key] += 1
                row[li] = label
            w.writerow(row)
    return changed


def relabel_ranges(a, activity):
    ranges = defaultdict(list)
    for r in csv.DictReader(opener(a.ranges)):
        ranges[r["file"]].append((r["class"], float(r["start"]), float(r["end"])))
    truth = {f: ranges_truth(rs, activity.get(f, {}), a.share, a.slowloris_hold) for f, rs in ranges.items()}

    def relabel(f, label, second):
        if f not in truth:
            return label, None
        new = truth[f].get(second, "normal")
        return new, (label, new)

    changed = rewrite_labels(a.windows, a.out, relabel)
    for (old, new), n in sorted(changed.items()):
        print(f"{n} windows {old} -> {new}", file=sys.stderr)


if __name__ == "__main__":
    main()
