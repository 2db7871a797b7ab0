#!/usr/bin/python3
"""evaluate-busy-mixed.py -- precision and recall on the busy mixed capture (issue 13).

  evaluate-busy-mixed.py [--data /work/lab-data] [--sentinel .build/release/sentinel]

Runs `sentinel analyze DATA/busy-mixed/busy-mixed.pcap --windows-out` twice: with the shipped
packet model alone, and behind the site gate with the site's baseline
(data/site-baselines/bg_heavy_nat.json, learnt from the background's first half) and the shipped
site model. Each 1 s window's truth is the class of the labelled range it falls in when the
attack sent at least 10 % of that range's median second in it (make-busy-mixed.sh's
activity.csv.gz), else normal; slowloris keeps its range (its connections hold the server
through seconds in which they send nothing). Prints per class precision, recall and the
confusion, and the windows before the first attack (the learnt half) apart from those after.
"""
import argparse
import csv
import gzip
import importlib.util
import os
import subprocess
import tempfile
from collections import Counter

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "../.."))
_spec = importlib.util.spec_from_file_location("relabel_windows", os.path.join(here, "relabel-windows.py"))
relabel = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(relabel)


def table(name, rows):
    classes = sorted({t for t, _ in rows} | {p for _, p in rows})
    print(f"\n{name}: {len(rows)} windows")
    print("| class | windows | precision | recall |")
    print("| --- | ---: | ---: | ---: |")
    for c in classes:
        tp = sum(1 for t, p in rows if t == c and p == c)
        fp = sum(1 for t, p in rows if t != c and p == c)
        fn = sum(1 for t, p in rows if t == c and p != c)
        prec = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
        rec = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
        print(f"| {c} | {tp + fn} | {prec} | {rec} |")
    attack = [(t != "normal", p not in ("normal",)) for t, p in rows]
    tp = sum(1 for t, p in attack if t and p)
    fp = sum(1 for t, p in attack if not t and p)
    fn = sum(1 for t, p in attack if t and not p)
    print(f"attack vs normal (unknown_anomaly counts as flagged): precision {tp / max(tp + fp, 1):.2f}, "
          f"recall {tp / max(tp + fn, 1):.2f}")
    wrong = Counter((t, p) for t, p in rows if t != p)
    if wrong:
        print("mistakes (truth -> verdict: windows): " + ", ".join(f"{t} -> {p}: {n}" for (t, p), n in wrong.most_common()))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="/work/lab-data")
    ap.add_argument("--sentinel", default=os.path.join(root, ".build/release/sentinel"))
    ap.add_argument("--site-model", help="the site model behind the gate (default the shipped models/site.json)")
    a = ap.parse_args()
    d = os.path.join(a.data, "busy-mixed")
    pcap = os.path.join(d, "busy-mixed.pcap")
    if not os.path.exists(pcap):
        raise SystemExit(f"{pcap} is missing: make it with captures/lab/make-busy-mixed.sh")
    labels = [(r["class"], float(r["start"]), float(r["end"])) for r in csv.DictReader(open(os.path.join(d, "labels.csv")))]
    activity = {int(r["second"]): int(r["packets"]) for r in csv.DictReader(gzip.open(os.path.join(d, "activity.csv.gz"), "rt"))}
    want = relabel.ranges_truth(labels, activity)
    first_attack = min(s for _, s, _ in labels)
    tmp = tempfile.mkdtemp(prefix="busy-mixed.")
    runs = {"packet model alone": [],
            "gate + site model": ["--baseline", os.path.join(here, "data/site-baselines/bg_heavy_nat.json")]
            + (["--site-model", a.site_model] if a.site_model else [])}
    for name, extra in runs.items():
        out = os.path.join(tmp, "w.csv")
        subprocess.run([a.sentinel, "analyze", pcap, "--windows-out", out] + extra, check=True, stdout=subprocess.DEVNULL)
        rows, before = [], []
        for r in csv.DictReader(open(out)):
            t = int(float(r["start"]))
            pair = (want.get(t, "normal"), r["verdict"])
            (rows if t + 1 > first_attack - 0.5 else before).append(pair)
        flagged = sum(1 for _, p in before if p != "normal")
        print(f"\n## {name}: the learnt first half, {len(before)} windows, {flagged} flagged")
        table(f"{name}, from the first attack on", rows)


if __name__ == "__main__":
    main()
