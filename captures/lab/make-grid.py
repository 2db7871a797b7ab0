#!/usr/bin/python3
"""make-grid.py -- the lab's intensity x dilution grid, made with overlay.py (standard library only).

  make-grid.py [--data /work/lab-data] [--seed 13] [--max-gb 22] [--snaplen 128]

Reads  DATA/backgrounds/*.pcap (+ stats.csv) and DATA/attacks/*.pcap (+ labels.csv, meta.csv)
made by make-backgrounds.sh and make-attacks.sh.  Writes DATA/grid/:
  *.pcap         background + attack merged (one attack range per file)
  bg__*.pcap     the backgrounds (and stacked backgrounds) alone: hard links, all normal
  atk__*.pcap    the attack captures alone (the 100 % share cells)
  labels.csv     file,class,start,end   (the format of captures/labels.csv)
  manifest.csv   one row per file: background, attack, target and achieved attack share of
                 the packets in the attack range, intensity (the attack's rate in its class's
                 unit over the background's), rate scaling used, window counts
  profile.csv    per input capture: packets, seconds, SYN, UDP, ICMP, request packets per second

Grid: every background (16: the 14 recordings and two stacks, 10 to ~15,000 requests/s) gets
a byte budget (an equal share of --max-gb) and so between --min-cells and --max-cells cells:
busy backgrounds few, quiet ones many.  A background's cells go round the 6 classes, and within
a class through every (attack capture, level) combination in a seeded order that continues
from one background to the next, so every combination is used and every background meets every
class.  Levels: target attack shares SHARES of the packets in the attack range (slowloris:
SLOWLORIS_COPIES times its connections, from new bot addresses).  The attack is rate-scaled to
reach the share: time compression (--stretch < 1) for single-source attacks and scans, copies
from new addresses (--copies, --spread) for spoofed and bot attacks, flow sampling (--keep) to
go below the recorded rate.  It lasts min(half the background, 60 s) (shorter when it would
exceed --max-attack-packets) and starts 15-35 % into the background.  Merged files are cut to
--snaplen bytes a packet (default 128, as captures/*.pcap) to save disk.
"""
import argparse
import csv
import math
import multiprocessing
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import overlay  # noqa: E402

SHARES = [0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 0.9]
SLOWLORIS_COPIES = [1, 3, 10]
SITE = bytes([10, 0, 0])


def profile(path):
    """packets, seconds and per-class unit counts of a capture"""
    n = syn = udp = icmp = req = 0
    first = last = None
    for ts, link, d, orig in overlay.read_packets(path):
        if first is None:
            first = ts
        last = ts
        n += 1
        o = overlay.ip_offset(link, d)
        if o < 0 or len(d) < o + 20:
            continue
        proto = d[o + 9]
        to_site = d[o + 16:o + 19] == SITE
        if proto == 6:
            ihl = (d[o] & 15) * 4
            if len(d) >= o + ihl + 14:
                fl = d[o + ihl + 13]
                if to_site and fl & 0x12 == 0x02:
                    syn += 1
                tlen = int.from_bytes(d[o + 2:o + 4], "big")
                doff = (d[o + ihl + 12] >> 4) * 4
                if to_site and tlen - ihl - doff > 0:
                    req += 1
        elif proto == 17:
            udp += 1
        elif proto == 1:
            icmp += 1
    secs = max((last - first) / 1e9, 1e-3) if n else 0
    return {"packets": n, "seconds": round(secs, 3), "first": first, "last": last,
            "syn": syn, "udp": udp, "icmp": icmp, "req": req}


UNIT = {"syn_flood": "syn", "udp_flood": "udp", "icmp_flood": "icmp", "http_flood": "req",
        "port_scan": "probe", "slowloris": "req"}


def unit_rate(p, unit, seconds):
    if unit == "probe":
        v = p["syn"] + p["udp"] + p["icmp"]
    else:
        v = p[unit]
    return v / max(seconds, 1e-3)


def windows(first_ns, last_ns, ls, le):
    """(1 s windows, windows whose midpoint is in [ls, le]); windows start on whole epoch
    seconds, as `sentinel analyze` makes them"""
    if first_ns is None:
        return 0, 0
    w0, w1 = first_ns // 1_000_000_000, last_ns // 1_000_000_000
    n = w1 - w0 + 1
    k = 0
    if ls is not None:
        k = sum(1 for w in range(w0, w1 + 1) if ls <= w + 0.5 <= le)
    return n, k


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="/work/lab-data")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-gb", type=float, default=22.0, help="disk budget of the merged files")
    ap.add_argument("--min-cells", type=int, default=6, help="cells per background at least")
    ap.add_argument("--max-cells", type=int, default=700, help="cells per background at most")
    ap.add_argument("--snaplen", type=int, default=128, help="grid files are cut to this many bytes a packet")
    ap.add_argument("--max-attack-packets", type=float, default=1.5e6)
    ap.add_argument("--max-bg-seconds", type=float, default=30.0,
                    help="cells of backgrounds above 5000 pkt/s take a window this long (half above 30k, a sixth above 150k pkt/s)")
    ap.add_argument("--only-class", default="")
    ap.add_argument("--plan-only", action="store_true")
    ap.add_argument("--jobs", type=int, default=2, help="merging processes")
    ap.add_argument("--limit", type=int, default=0, help="stop after this many merged files (tests)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    bgdir, atkdir = os.path.join(a.data, "backgrounds"), os.path.join(a.data, "attacks")
    out = os.path.join(a.data, "grid")
    os.makedirs(out, exist_ok=True)
    t_start = time.time()

    # ---- profiles (cached)
    prof_path = os.path.join(out, "profile.csv")
    prof = {}
    if os.path.exists(prof_path):
        for r in csv.DictReader(open(prof_path)):
            prof[r["path"]] = {k: (float(v) if k not in ("path",) else v) for k, v in r.items()}
            for k in ("first", "last"):
                prof[r["path"]][k] = int(r[k])

    def prof_of(path):
        key = os.path.abspath(path)
        st = os.stat(path)
        p = prof.get(key)
        if p is None or p.get("size") != st.st_size:
            p = profile(path)
            p["size"] = st.st_size
            p["path"] = key
            prof[key] = p
        return p

    # ---- backgrounds: recorded, plus stacked copies for the top decade
    bgs = sorted(f for f in os.listdir(bgdir) if f.endswith(".pcap") and not f.startswith("."))
    # the top decade: 20 s of the busiest recordings, superimposed from new client addresses
    stacks = [("bg_r3000", 4, "20:20"), ("bg_max", 3, "15:20")]
    for base, k, win in stacks:
        src = os.path.join(bgdir, base + ".pcap")
        dst = os.path.join(bgdir, f"{base}_x{k}.pcap")
        if os.path.exists(src) and not os.path.exists(dst):
            print(f"stacking {base} x{k} ({win})", flush=True)
            overlay.cmd_stack(argparse.Namespace(input=src, copies=k, out=dst, offset=0.37,
                                                 victim_net="10.0.0.0/24", seed=a.seed, window=win))
        if os.path.exists(dst) and dst.split("/")[-1] not in bgs:
            bgs.append(os.path.basename(dst))
    bginfo = {}
    for f in bgs:
        p = prof_of(os.path.join(bgdir, f))
        pps = p["packets"] / p["seconds"]
        win = None
        secs = p["seconds"]
        # busy backgrounds: each cell takes a window of it at a random offset (so the cells of
        # bg_daily and bg_flash see different phases of the day / the crowd)
        limit = a.max_bg_seconds if pps < 30000 else a.max_bg_seconds / 2 if pps < 150000 else a.max_bg_seconds / 6
        if pps > 5000 and secs > limit + 1:
            win = limit
            secs = limit
        bginfo[f] = {"p": p, "pps": pps, "win": win, "secs": secs,
                     "bytes": p["size"] * secs / p["seconds"]}
        print(f"background {f}: {pps:.0f} pkt/s, {p['seconds']:.0f} s", flush=True)

    # ---- attacks
    alabels = {r["file"]: r for r in csv.DictReader(open(os.path.join(atkdir, "labels.csv")))}
    ameta = {r["file"]: r for r in csv.DictReader(open(os.path.join(atkdir, "meta.csv")))}
    atks = []
    for f, r in alabels.items():
        if a.only_class and r["class"] != a.only_class:
            continue
        path = os.path.join(atkdir, f)
        if not os.path.exists(path):
            continue
        rs, re_ = float(r["start"]), float(r["end"])
        # the attack's rate inside its labelled range
        n = 0
        for ts, link, d, orig in overlay.read_packets(path):
            if rs * 1e9 <= ts <= re_ * 1e9:
                n += 1
        p = prof_of(path)
        atks.append({"file": f, "class": r["class"], "rs": rs, "re": re_, "pps": n / max(re_ - rs, 1e-3),
                     "sources": ameta.get(f, {}).get("sources", "?"), "p": p, "n_range": n})
        print(f"attack {f}: {n / max(re_ - rs, 1e-3):.0f} pkt/s in its range ({re_ - rs:.1f} s)", flush=True)

    with open(prof_path, "w", newline="") as fp:
        cols = ["path", "packets", "seconds", "first", "last", "syn", "udp", "icmp", "req", "size"]
        w = csv.DictWriter(fp, cols, extrasaction="ignore")
        w.writeheader()
        for p in prof.values():
            w.writerow(p)

    # ---- plan the cells.  Disk decides: a window of a busy background costs ~1000x one of a
    # quiet one.  Every background gets a byte budget (an equal share of --max-gb), at least
    # MIN_CELLS cells (one per class) and at most MAX_CELLS; its cells go round the classes,
    # and within a class through its (attack variant, level) combinations in a seeded order
    # that continues from one background to the next, so every combination is covered and
    # every background (every rate) meets every class.
    classes = sorted({x["class"] for x in atks})
    combos = {}
    for c in classes:
        lst = []
        for atk in atks:
            if atk["class"] != c:
                continue
            levels = [("copies", v) for v in SLOWLORIS_COPIES] if c == "slowloris" else [("share", v) for v in SHARES]
            lst += [(atk, k, v) for k, v in levels]
        rng.shuffle(lst)
        combos[c] = lst
    counter = {c: 0 for c in classes}
    cut = a.snaplen / 256 * 0.9 + 0.1 if a.snaplen < 256 else 1.0        # rough size after the cut
    per_bg = a.max_gb * 1e9 / len(bginfo)
    cells = []
    bnames = sorted(bginfo, key=lambda b: bginfo[b]["bytes"])
    for bi_, b in enumerate(bnames):
        est = bginfo[b]["bytes"] * cut * 1.3                               # + attack packets
        n = int(min(a.max_cells, max(a.min_cells, per_bg // est)))
        for i in range(n):
            c = classes[(i + bi_) % len(classes)]
            atk, kind, level = combos[c][counter[c] % len(combos[c])]
            counter[c] += 1
            cells.append((atk, b, kind, level))
    rng.shuffle(cells)
    est = sum(bginfo[b]["bytes"] * cut * 1.3 for _, b, _, _ in cells)
    estw = sum(bginfo[b]["secs"] for _, b, _, _ in cells)
    print(f"{len(cells)} cells planned: about {estw:.0f} windows, {est / 1e9:.1f} GB", flush=True)
    for b in bnames:
        print(f"   {b}: {sum(1 for x in cells if x[1] == b)} cells", flush=True)
    if a.plan_only:
        return

    labels_path = os.path.join(out, "labels.csv")
    man_path = os.path.join(out, "manifest.csv")
    lab_rows = ["file,class,start,end"]
    man_cols = ["file", "class", "attack", "background", "sources", "bg_pkt_s", "attack_pkt_s", "target_share",
                "achieved_share", "unit", "bg_unit_s", "attack_unit_s", "intensity", "stretch", "copies", "keep",
                "attack_seconds", "file_seconds", "bg_offset", "windows", "attack_windows", "bytes"]
    man = []

    def add_row(fname, cls, ls, le, extra):
        lab_rows.append(f"{fname},{cls},{'' if ls is None else f'{ls:.6f}'},{'' if le is None else f'{le:.6f}'}")
        extra["file"], extra["class"] = fname, cls
        man.append(extra)

    def link(src, dst):
        if os.path.exists(dst):
            os.remove(dst)
        os.link(src, dst)

    # backgrounds alone (normal) and attacks alone (the 100 % cells)
    for b in bnames:
        fname = "bg__" + b
        link(os.path.join(bgdir, b), os.path.join(out, fname))
        p = bginfo[b]["p"]
        nw, _ = windows(p["first"], p["last"], None, None)
        add_row(fname, "normal", None, None, {"background": b, "bg_pkt_s": round(bginfo[b]["pps"], 1),
                                              "file_seconds": p["seconds"], "windows": nw, "attack_windows": 0,
                                              "bytes": p["size"]})
    for atk in atks:
        fname = "atk__" + atk["file"]
        link(os.path.join(atkdir, atk["file"]), os.path.join(out, fname))
        p = atk["p"]
        nw, k = windows(p["first"], p["last"], atk["rs"], atk["re"])
        add_row(fname, atk["class"], atk["rs"], atk["re"],
                {"attack": atk["file"], "sources": atk["sources"], "attack_pkt_s": round(atk["pps"], 1),
                 "target_share": 1.0, "achieved_share": 1.0, "file_seconds": p["seconds"], "windows": nw,
                 "attack_windows": k, "bytes": p["size"]})

    # ---- specify every cell (all random choices here, in order: the plan is seeded)
    specs = []
    for idx, (atk, b, kind, level) in enumerate(cells):
        if a.limit and idx >= a.limit:
            break
        bi = bginfo[b]
        L = bi["secs"]
        cls = atk["class"]
        fill = min(0.5 * L, 60.0)
        at = L * rng.uniform(0.15, 0.35)
        off = rng.uniform(0.0, max(0.0, bi["p"]["seconds"] - L - 0.5)) if bi["win"] else 0.0
        single = atk["sources"] == "single" or cls == "port_scan"
        stretch, copies, keep = 1.0, 1, 1.0
        if kind == "share":
            target = bi["pps"] * level / (1 - level)          # attack pkt/s for that share
            f = target / max(atk["pps"], 1e-3)
            if single:
                # faster / slower tool: a slower replay keeps every flow whole (a connection
                # flood with 50 connections cannot be thinned by dropping flows)
                stretch = min(max(1 / f, 0.02), 10000.0)
                rest = f * stretch
                if rest > 1:
                    copies = min(math.ceil(rest), 16)
                    keep = min(1.0, rest / copies)
            else:
                if f >= 1:
                    stretch = max(1 / f, 0.25)
                    rest = f * stretch
                    copies = min(math.ceil(rest), 32)
                    keep = min(1.0, rest / copies)
                else:
                    keep = max(f, 0.001)
        else:
            copies = level
        est_pkts = atk["pps"] / stretch * copies * keep * fill
        if est_pkts > a.max_attack_packets:
            fill = max(10.0, fill * a.max_attack_packets / est_pkts)
        lvl = f"s{int(level * 100):03d}" if kind == "share" else f"c{level:02d}"
        fname = f"{os.path.splitext(atk['file'])[0]}__{os.path.splitext(b)[0]}__{lvl}.pcap"
        spread = None
        key = "addr"
        if copies > 1 or (not single and cls != "slowloris"):
            if cls in ("http_flood", "slowloris"):
                spread = "10.67.0.0/16"
            elif atk["sources"] == "many":
                spread, key = "172.16.0.0/12", "flow"
            elif copies > 1:
                spread = "172.16.0.0/12"
        ns = argparse.Namespace(background=os.path.join(bgdir, b), attack=os.path.join(atkdir, atk["file"]),
                                out=os.path.join(out, fname), labels=None, attack_labels=os.path.join(atkdir, "labels.csv"),
                                range=None, cls=None, at=at, stretch=stretch, fill=fill, keep=keep, copies=copies,
                                copy_jitter=0.5, spread=spread, spread_n=1 << 20, spread_key=key, src_map=[],
                                victim=None, to_victim=None, to_victim_all=False, victim_net="10.0.0.0/24",
                                seed=a.seed + idx, head=0.0, tail=3.0,
                                bg_window=(f"{off}:{L}" if bi["win"] else None),
                                match_macs=True, vary_repeats=True, verbose=False, snaplen=a.snaplen)
        specs.append((idx, ns, atk, b, bi, kind, level, stretch, copies, keep, off))

    total_bytes = 0
    done = 0
    results = []
    t_cells = time.time()
    with multiprocessing.Pool(a.jobs) as pool:
        for res in pool.imap_unordered(run_cell, specs, chunksize=1):
            idx, fname, cls, ls, le, extra, size, secs, info = res
            results.append(res)
            total_bytes += size
            done += 1
            print(f"[{done}/{len(specs)}] {fname}: share {info['attack_share_in_range']:.3f} "
                  f"({info['attack_packets']} attack pkts) {size / 1e6:.1f} MB {secs:.1f} s", flush=True)
            if done % 25 == 0:          # labels of the files made so far (an interrupted run stays usable)
                n0, m0 = len(lab_rows), len(man)
                for r in sorted(results, key=lambda r: r[0]):
                    add_row(r[1], r[2], r[3], r[4], dict(r[5]))
                _write(labels_path, man_path, lab_rows, man, man_cols)
                del lab_rows[n0:], man[m0:]
    results.sort(key=lambda r: r[0])
    for idx, fname, cls, ls, le, extra, size, secs, info in results:
        add_row(fname, cls, ls, le, extra)
    print(f"merged {len(results)} cells in {time.time() - t_cells:.0f} s with {a.jobs} processes", flush=True)
    _write(labels_path, man_path, lab_rows, man, man_cols)
    # ---- summary
    per = {}
    tot = 0
    for r in man:
        nw, k = int(r.get("windows") or 0), int(r.get("attack_windows") or 0)
        tot += nw
        per["normal"] = per.get("normal", 0) + nw - k
        if k:
            per[r["class"]] = per.get(r["class"], 0) + k
    print(f"grid: {len(man)} files, {tot} windows, {sum(int(r.get('bytes') or 0) for r in man) / 1e9:.2f} GB "
          f"(merged files {sum(r[6] for r in results) / 1e9:.2f} GB), {time.time() - t_start:.0f} s in all")
    for c in sorted(per):
        print(f"  {c}: {per[c]} windows")


def run_cell(spec):
    idx, ns, atk, b, bi, kind, level, stretch, copies, keep, off = spec
    t0 = time.time()
    info = overlay.cmd_merge(ns)
    if len(overlay._ATTACK_CACHE) > 8:
        overlay._ATTACK_CACHE.clear()
    size = os.path.getsize(ns.out)
    cls = atk["class"]
    L = bi["secs"]
    p_first = bi["p"]["first"] + int(off * 1e9)
    p_last = min(bi["p"]["last"], p_first + int(L * 1e9))
    nw, k = windows(p_first, p_last, info["start"], info["end"])
    adur = info["end"] - info["start"]
    unit = UNIT[cls]
    bg_unit = unit_rate(bi["p"], unit, bi["p"]["seconds"])
    atk_unit = unit_rate(atk["p"], unit, atk["re"] - atk["rs"]) * copies * keep / stretch
    extra = {"attack": atk["file"], "background": b, "sources": atk["sources"],
             "bg_pkt_s": round(bi["pps"], 1), "attack_pkt_s": info["attack_pps"],
             "target_share": level if kind == "share" else "", "achieved_share": info["attack_share_in_range"],
             "unit": unit, "bg_unit_s": round(bg_unit, 1), "attack_unit_s": round(atk_unit, 1),
             "intensity": round(atk_unit / bg_unit, 2) if bg_unit > 0 else "inf",
             "stretch": round(stretch, 4), "copies": copies, "keep": round(keep, 4),
             "attack_seconds": round(adur, 2), "file_seconds": round(L, 1), "windows": nw, "attack_windows": k,
             "bg_offset": round(off, 2), "bytes": size}
    return idx, os.path.basename(ns.out), cls, info["start"], info["end"], extra, size, time.time() - t0, info


def _write(labels_path, man_path, lab_rows, man, cols):
    open(labels_path + ".tmp", "w").write("\n".join(lab_rows) + "\n")
    os.replace(labels_path + ".tmp", labels_path)
    with open(man_path + ".tmp", "w", newline="") as fp:
        w = csv.DictWriter(fp, cols, extrasaction="ignore")
        w.writeheader()
        for r in man:
            w.writerow(r)
    os.replace(man_path + ".tmp", man_path)


if __name__ == "__main__":
    main()
