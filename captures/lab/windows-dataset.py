#!/usr/bin/python3
"""windows-dataset.py -- per-window features (and optionally verdicts) of labelled lab captures.

  windows-dataset.py --dir /work/lab-data/grid --out grid-windows.csv.gz
        [--sentinel /work/main/.build/debug/sentinel] [--model models/default.json]
        [--only REGEX] [--digits 5]

Runs `sentinel analyze FILE --windows-out ...` on every file of DIR/labels.csv (--no-model
unless --model is given), labels each 1 s window as `sentinel train` does (the labelled range
holding the window's midpoint, else the whole-file label, else normal) and writes one gzip CSV:
file,label,<the windows CSV columns> with floats rounded to --digits significant digits.
With --model it also prints, per label, how the model classified the windows (the baseline).

With --learn-baseline WARMUP (and --model) each file is a site of its own, its baseline learnt
online as `sentinel run` learns it (the real captures of ../shared/captures-real, which have no
separate background). With --baselines DIR (and --model) each file is analysed against its site's baseline,
DIR/<background>.json (the background from --manifest, else the file's own name; files with
neither are skipped), so the windows CSV holds the site-relative `site_z_*` features a site
model trains on; `site-baselines.py` writes DIR from the first halves of the backgrounds.
"""
import argparse
import csv
import gzip
import os
import re
import subprocess
import sys
import tempfile
import time


def read_labels(path):
    rows = []
    for r in csv.DictReader(open(path)):
        s, e = r.get("start") or "", r.get("end") or ""
        rows.append((r["file"], r["class"], float(s) if s else None, float(e) if e else None))
    return rows


def label_of(entries, start, end):
    mid = (start + end) / 2
    whole = None
    for cls, s, e in entries:
        if s is not None:
            if s <= mid <= e:
                return cls
        else:
            whole = cls
    return whole or "normal"


def fmt(v, digits):
    try:
        f = float(v)
    except ValueError:
        return v
    if f == int(f) and abs(f) < 1e15:
        return str(int(f))
    return f"{f:.{digits}g}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sentinel", default="/work/main/.build/debug/sentinel")
    ap.add_argument("--model")
    ap.add_argument("--only", default="")
    ap.add_argument("--digits", type=int, default=5)
    ap.add_argument("--shuffle", type=int, default=0, help="analyse the files in a seeded random order")
    ap.add_argument("--max-seconds", type=float, default=0, help="stop after this long (a uniform sample with --shuffle)")
    ap.add_argument("--resume", action="store_true", help="keep the files already in --out, do the others")
    ap.add_argument("--drop-probabilities", action="store_true", help="leave out the p_<class> columns")
    ap.add_argument("--drop-verdicts", action="store_true", help="leave out the verdict and confidence columns too")
    ap.add_argument("--baselines", help="analyse each file against DIR/<background>.json (site_z_* features)")
    ap.add_argument("--baseline", help="analyse every file against this one site baseline (site_z_* features)")
    ap.add_argument("--learn-baseline", type=int, metavar="WARMUP",
                    help="analyse each file as a site of its own, its baseline learnt online after WARMUP windows")
    ap.add_argument("--manifest", help="the grid's manifest.csv: each file's background (with --baselines)")
    ap.add_argument("--skip", default="", help="leave out files matching this regex")
    a = ap.parse_args()
    background = {}
    if a.manifest:
        background = {r["file"]: r["background"] for r in csv.DictReader(open(a.manifest))}
    labels = read_labels(os.path.join(a.dir, "labels.csv"))
    per_file = {}
    for f, c, s, e in labels:
        per_file.setdefault(f, []).append((c, s, e))
    files = [f for f in per_file if (not a.only or re.search(a.only, f)) and not (a.skip and re.search(a.skip, f))]
    if a.baselines:
        site = lambda f: os.path.join(a.baselines, background.get(f) or f).removesuffix(".pcap") + ".json"
        files = [f for f in files if os.path.exists(site(f))]
    if a.shuffle:
        import random
        random.Random(a.shuffle).shuffle(files)
    tmp = tempfile.mkdtemp(prefix="lab-windows.")
    counts, confusion = {}, {}
    previous = []
    if a.resume and os.path.exists(a.out):          # keep the files already done
        with gzip.open(a.out, "rt", newline="") as fp:
            rd = csv.reader(fp)
            prev_header = next(rd)
            vi = prev_header.index("verdict") if "verdict" in prev_header else None
            for row in rd:
                previous.append(row)
                counts[row[1]] = counts.get(row[1], 0) + 1
                if vi is not None:
                    confusion[(row[1], row[vi])] = confusion.get((row[1], row[vi]), 0) + 1
        done = {r[0] for r in previous}
        files = [f for f in files if f not in done]
        print(f"resuming: {len(done)} files ({len(previous)} windows) already done, {len(files)} to do", file=sys.stderr)
    out = gzip.open(a.out + ".part", "wt", compresslevel=9, newline="")
    w = None
    if previous:
        w = csv.writer(out)
        w.writerow(prev_header)
        w.writerows(previous)
        previous = None
    t0 = time.time()
    for i, f in enumerate(files):
        if a.max_seconds and time.time() - t0 > a.max_seconds:
            print(f"time limit: {i} of {len(files)} files analysed", file=sys.stderr)
            break
        wcsv = os.path.join(tmp, "w.csv")
        cmd = [a.sentinel, "analyze", os.path.join(a.dir, f), "--windows-out", wcsv, "--no-progress", "--rows", "1"]
        cmd += ["--model", a.model] if a.model else ["--no-model"]
        if a.baselines:
            cmd += ["--baseline", site(f), "--no-site-model"]
        elif a.baseline:
            cmd += ["--baseline", a.baseline, "--no-site-model"]
        elif a.learn_baseline is not None:
            cmd += ["--learn-baseline", "--baseline-warmup", str(a.learn_baseline), "--no-site-model"]
        try:
            r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        except OSError as e:                 # e.g. the binary is being rebuilt
            print(f"{f}: cannot run sentinel: {e}", file=sys.stderr)
            continue
        if r.returncode != 0 or not os.path.exists(wcsv):
            print(f"{f}: sentinel failed ({r.returncode}): {r.stderr.strip()[:300]}", file=sys.stderr)
            continue
        with open(wcsv) as fp:
            rd = csv.reader(fp)
            header = next(rd)
            keep_idx = [i for i, k in enumerate(header) if not (a.drop_probabilities and k.startswith("p_"))
                        and not (a.drop_verdicts and k in ("verdict", "confidence")) and k != "explanation"]
            if w is None:
                w = csv.writer(out)
                w.writerow(["file", "label"] + [header[i] for i in keep_idx])
            cols = header
            vi = header.index("verdict") if "verdict" in header else None
            for row in rd:
                lab = label_of(per_file[f], float(row[0]), float(row[1]))
                counts[lab] = counts.get(lab, 0) + 1
                if vi is not None:
                    key = (lab, row[vi])
                    confusion[key] = confusion.get(key, 0) + 1
                w.writerow([f, lab] + [fmt(row[i], a.digits) if cols[i] not in ("start", "end") else row[i]
                                       for i in keep_idx])
        os.remove(wcsv)
        if (i + 1) % 50 == 0:
            print(f"  {i + 1}/{len(files)} files, {sum(counts.values())} windows, {time.time() - t0:.0f} s",
                  file=sys.stderr, flush=True)
    out.close()
    os.replace(a.out + ".part", a.out)
    os.rmdir(tmp)
    print(f"{len(files)} files analysed, {sum(counts.values())} windows in all, in {time.time() - t0:.0f} s -> {a.out} "
          f"({os.path.getsize(a.out)} bytes)")
    for k in sorted(counts):
        print(f"  {k}: {counts[k]}")
    if confusion:
        print("label -> verdict (windows)")
        for lab in sorted(counts):
            row = {v: n for (l, v), n in confusion.items() if l == lab}
            tot = sum(row.values())
            parts = ", ".join(f"{v} {n} ({n / tot:.1%})" for v, n in sorted(row.items(), key=lambda x: -x[1]))
            print(f"  {lab} ({tot}): {parts}")


if __name__ == "__main__":
    main()
