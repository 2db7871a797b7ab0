#!/usr/bin/python3
"""evaluate-site-model.py -- the site gate with a site model, each lab site held out (issue 13).

  evaluate-site-model.py [--grid .build/lab-windows/site-grid-windows.csv]
        [--halves .build/lab-windows/site-halves-windows.csv] [--baselines captures/lab/data/site-baselines]
        [--train-args "--model ensemble --seed 42"] [--only bg_r10,bg_heavy]
        [--real .build/lab-windows/site-real-windows.csv]
        [--sequences .build/lab-windows/site-sequence-windows.csv [--sequences-test-only]]

The windows come from `windows-dataset.py --baselines` (grid files and the never-learnt second
halves of the backgrounds, each analysed against its site's baseline, so they carry the
`site_z_*` features). For each of the 16 lab sites (backgrounds) in turn: a site model is trained
by `sentinel train` on every other site's windows (models/site-features.txt), then
`sentinel evaluate` judges the held-out site's windows with the shipped packet model, the
site's baseline (learnt from the first half) and that site model, and writes each window's
verdict (--predictions-out). The same windows are also judged with the gate alone
(--no-site-model). Prints markdown tables: benign windows flagged and false incidents per 24 h
(runs of 3 windows of one attack class; unknown_anomaly apart), per class recall overall and
where the attack is at least 3x the background's rate or 10 % of the window's packets, the
share flagged as anything, the first flag's delay in windows, and macro-F1; with --sequences,
per class recall on the attacks one after another (each site's files held out with it) and
their macro-F1 apart.
"""
import argparse, csv, os, re, shlex, subprocess, sys, tempfile, time
from collections import defaultdict

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "../.."))


def macro_f1(pairs, classes):
    f1s = []
    for c in classes:
        tp = sum(1 for t, p in pairs if t == c and p == c)
        fp = sum(1 for t, p in pairs if t != c and p == c)
        fn = sum(1 for t, p in pairs if t == c and p != c)
        if tp + fp + fn == 0:
            continue
        prec = tp / (tp + fp) if tp + fp else 0
        rec = tp / (tp + fn) if tp + fn else 0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0)
    return sum(f1s) / len(f1s)


def incidents(verdicts, open_after=3):
    runs, streak, last = 0, 0, None
    for v in verdicts:
        attack = v not in ("normal", "unknown_anomaly")
        streak = streak + 1 if attack and v == last else (1 if attack else 0)
        if streak == open_after:
            runs += 1
        last = v
    return runs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--grid", default=os.path.join(root, ".build/lab-windows/site-grid-windows.csv"))
    ap.add_argument("--halves", default=os.path.join(root, ".build/lab-windows/site-halves-windows.csv"))
    ap.add_argument("--baselines", default=os.path.join(here, "data/site-baselines"))
    ap.add_argument("--real", help="windows of real captures, each file a site learnt online (windows-dataset.py --learn-baseline)")
    ap.add_argument("--sequences", help="windows of files with several attacks one after another (make-sequences.sh, "
                    "relabelled), each held out with its site (the name's part after `__`)")
    ap.add_argument("--sequences-test-only", action="store_true",
                    help="judge the --sequences windows but never train on them (the site model as it was before them)")
    ap.add_argument("--real-folds", type=int, default=4, help="the real files held out in this many groups")
    ap.add_argument("--real-warmup", type=int, default=30)
    ap.add_argument("--manifest", default=os.path.join(here, "data/grid-manifest.csv"))
    ap.add_argument("--features", default=os.path.join(root, "models/site-features.txt"))
    ap.add_argument("--model", default=os.path.join(root, "models/default.json"))
    ap.add_argument("--sentinel", default=os.path.join(root, ".build/release/sentinel"))
    ap.add_argument("--train-sentinel", help="the binary that trains (default --sentinel; a release build trains faster)")
    ap.add_argument("--train-args", default="--model ensemble --seed 42")
    ap.add_argument("--only", default="")
    ap.add_argument("--unusual-z", help="the gate's threshold for every site (sentinel evaluate --unusual-z; default the baselines')")
    ap.add_argument("--adopt-after", help="seconds before an unnamed unusual stretch is adopted (sentinel evaluate --adopt-after; default 60)")
    ap.add_argument("--site-model-confidence", help="the probability from which the site model's class is taken (sentinel evaluate --site-model-confidence)")
    ap.add_argument("--site-model-normal-confidence", help="the probability from which an unusual window the site model calls "
                    "normal is normal (sentinel evaluate --site-model-normal-confidence)")
    ap.add_argument("--train-extra", action="append", default=[],
                    help="windows always trained on, never held out (the bundled captures' windows)")
    ap.add_argument("--train-unusual", type=float, metavar="Z",
                    help="train only on windows whose highest site_z is at least Z (those the gate asks the site model about)")
    ap.add_argument("--results-out", help="also write every held-out window's verdicts as CSV")
    a = ap.parse_args()
    manifest = {r["file"]: r for r in csv.DictReader(open(a.manifest))}
    features = ",".join(l.strip() for l in open(a.features) if l.strip())
    rows = []                       # (background, source, row dict)
    header = None
    sources = [(a.grid, "grid"), (a.halves, "half")] + ([(a.real, "real")] if a.real else []) \
        + ([(a.sequences, "seq")] if a.sequences else [])
    real_files = []
    for path, kind in sources:
        with open(path) as fp:
            rd = csv.DictReader(fp)
            header = header or rd.fieldnames
            for r in rd:
                if kind == "real":
                    if r["file"] not in real_files:
                        real_files.append(r["file"])
                    bg = f"real-{real_files.index(r['file']) % a.real_folds}"
                elif kind == "seq":
                    bg = r["file"].split("__", 1)[1]
                else:
                    bg = manifest[r["file"]]["background"] if kind == "grid" else r["file"]
                rows.append((bg, kind, r))
    sites = sorted({bg for bg, _, _ in rows if bg})
    if a.only:
        sites = [s for s in sites if s.removesuffix(".pcap") in a.only.split(",")]
    tmp = tempfile.mkdtemp(prefix="site-eval.")
    results = []                    # (bg, kind, file, label, with site model, gate alone)
    t0 = time.time()
    for site in sites:
        train, test = os.path.join(tmp, "train.csv"), os.path.join(tmp, "test.csv")
        with open(train, "w", newline="") as tr, open(test, "w", newline="") as te:
            wtr, wte = csv.DictWriter(tr, header), csv.DictWriter(te, header)
            wtr.writeheader(); wte.writeheader()
            held = [(bg, kind, r) for bg, kind, r in rows if bg == site]
            zcols = [c for c in header if c.startswith("site_z_")]
            for bg, kind, r in rows:
                if bg and bg != site and not (kind == "seq" and a.sequences_test_only) and (a.train_unusual is None or max(float(r[c]) for c in zcols) >= a.train_unusual):
                    wtr.writerow(r)
            for _, _, r in held:
                wte.writerow(r)
        model = os.path.join(tmp, "site.json")
        extra_windows = [x for path in a.train_extra for x in ("--windows", path)]
        subprocess.run([a.train_sentinel or a.sentinel, "train", "--windows", train] + extra_windows + ["--features", features, "-o", model]
                       + shlex.split(a.train_args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        verdicts = {}
        for name, extra in (("site", ["--site-model", model]), ("gate", ["--no-site-model"])):
            out = os.path.join(tmp, name + ".csv")
            baseline = (["--learn-baseline", "--baseline-warmup", str(a.real_warmup)] if site.startswith("real-")
                        else ["--baseline", os.path.join(a.baselines, site.removesuffix(".pcap") + ".json")])
            if a.unusual_z:
                baseline += ["--unusual-z", a.unusual_z]
            if a.adopt_after:
                baseline += ["--adopt-after", a.adopt_after]
            if a.site_model_confidence and name == "site":
                baseline += ["--site-model-confidence", a.site_model_confidence]
            if a.site_model_normal_confidence and name == "site":
                baseline += ["--site-model-normal-confidence", a.site_model_normal_confidence]
            subprocess.run([a.sentinel, "evaluate", "--model", a.model, "--windows", test] + baseline +
                           ["--predictions-out", out, "--format", "json"] + extra,
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            verdicts[name] = [r["gated"] for r in csv.DictReader(open(out))]
        # evaluate groups rows by file in first-seen order, keeping each file's row order
        order = []
        byfile = defaultdict(list)
        for bg, kind, r in held:
            if r["file"] not in byfile:
                order.append(r["file"])
            byfile[r["file"]].append((kind, r))
        flat = [(kind, r) for f in order for kind, r in byfile[f]]
        for (kind, r), s, g in zip(flat, verdicts["site"], verdicts["gate"]):
            results.append((site, kind, r["file"], r["label"], s, g))
        print(f"  {site}: {len(held)} windows held out, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    if a.results_out:
        with open(a.results_out, "w", newline="") as fp:
            w = csv.writer(fp)
            w.writerow(["site", "kind", "file", "label", "site_model", "gate_alone"])
            w.writerows(results)
    report(results, manifest)


def report(results, manifest):
    print("| held-out site (second half, never learnt) | windows | flagged, gate alone | false incidents/24 h | unknown_anomaly | flagged, gate + site model | false incidents/24 h | unknown_anomaly |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    tot = defaultdict(float)
    for site in sorted({r[0] for r in results}):
        half = [r for r in results if r[0] == site and r[1] == "half"]
        if not half:
            continue
        n = len(half)
        cells = []
        for i in (5, 4):
            v = [r[i] for r in half]
            flagged = sum(1 for x in v if x not in ("normal", "unknown_anomaly"))
            unk = sum(1 for x in v if x == "unknown_anomaly")
            inc = incidents(v)
            cells += [f"{100 * flagged / n:.1f}%", f"{inc * 86400 / n:,.0f}", f"{100 * unk / n:.1f}%"]
            tot[(i, "f")] += flagged; tot[(i, "u")] += unk; tot[(i, "i")] += inc
        tot["n"] += n
        print(f"| {site.removesuffix('.pcap')} | {n} | " + " | ".join(cells) + " |")
    n = tot["n"]
    print(f"| **all** | {n:.0f} | " + " | ".join(
        f"{100 * tot[(i, 'f')] / n:.2f}% | {tot[(i, 'i')] * 86400 / n:,.0f} | {100 * tot[(i, 'u')] / n:.2f}%" for i in (5, 4)) + " |")
    real = [r for r in results if r[1] == "real" and r[3] == "normal"]
    if real:
        print()
        print("| real benign captures (each its own site, learnt online) | windows | flagged, gate alone | false incidents/24 h | unknown_anomaly | flagged, gate + site model | false incidents/24 h | unknown_anomaly |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        n = len(real)
        cells = []
        for i in (5, 4):
            flagged = sum(1 for r in real if r[i] not in ("normal", "unknown_anomaly"))
            unk = sum(1 for r in real if r[i] == "unknown_anomaly")
            inc = sum(incidents([r[i] for r in real if r[2] == f]) for f in {r[2] for r in real})
            cells += [f"{100 * flagged / n:.2f}%", f"{inc * 86400 / n:,.0f}", f"{100 * unk / n:.2f}%"]
        print(f"| {len({r[2] for r in real})} files | {n} | " + " | ".join(cells) + " |")
    print()
    grid = [r for r in results if r[1] == "grid"]
    classes = sorted({r[3] for r in grid} - {"normal"})
    print("| class | windows | recall, gate alone | recall, + site model | strong (≥3× or ≥10 %): windows | recall, gate alone | recall, + site model | flagged as anything, + site model | first flag ≤ 2 windows, + site model |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for c in classes:
        rs = [r for r in grid if r[3] == c]
        strong = [r for r in rs if float(manifest[r[2]]["intensity"] or 0) >= 3 or float(manifest[r[2]]["achieved_share"] or 0) >= 0.1]
        rec = lambda xs, i: sum(1 for r in xs if r[i] == c) / max(1, len(xs))
        anyf = sum(1 for r in strong if r[4] != "normal") / max(1, len(strong))
        # delay: per strong file, windows from its first attack window to the first with the class
        files = defaultdict(list)
        for r in grid:
            if r[2] in {x[2] for x in strong}:
                files[r[2]].append(r)
        quick = 0
        for f, fr in files.items():
            first = next((i for i, r in enumerate(fr) if r[3] == c), None)
            hit = next((i for i, r in enumerate(fr) if i >= (first or 0) and r[3] == c and r[4] == c), None)
            quick += first is not None and hit is not None and hit - first <= 1
        print(f"| {c} | {len(rs)} | {rec(rs, 5):.2f} | {rec(rs, 4):.2f} | {len(strong)} | {rec(strong, 5):.2f} | {rec(strong, 4):.2f} | {anyf:.2f} | {quick}/{len(files)} files |")
    seq = [r for r in results if r[1] == "seq"]
    if seq:
        print()
        print("| attacks one after another (make-sequences.sh): class | windows | recall, gate alone | recall, + site model | named as, + site model |")
        print("| --- | ---: | ---: | ---: | --- |")
        for c in sorted({r[3] for r in seq}):
            rs = [r for r in seq if r[3] == c]
            named = defaultdict(int)
            for r in rs:
                named[r[4]] += 1
            top = ", ".join(f"{k} {v}" for k, v in sorted(named.items(), key=lambda kv: -kv[1]))
            print(f"| {c} | {len(rs)} | {sum(r[5] == c for r in rs) / len(rs):.2f} | {sum(r[4] == c for r in rs) / len(rs):.2f} | {top} |")
        print(f"macro-F1 over these windows: gate alone {macro_f1([(r[3], r[5]) for r in seq], classes + ['normal']):.3f}, "
              f"gate + site model {macro_f1([(r[3], r[4]) for r in seq], classes + ['normal']):.3f}")
    print()
    allc = classes + ["normal"]
    base = [r for r in results if r[1] != "seq"]
    print(f"macro-F1 over every held-out window (but the sequences'): gate alone {macro_f1([(r[3], r[5]) for r in base], allc):.3f}, "
          f"gate + site model {macro_f1([(r[3], r[4]) for r in base], allc):.3f}")


if __name__ == "__main__":
    main()
