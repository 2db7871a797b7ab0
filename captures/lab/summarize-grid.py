#!/usr/bin/python3
"""summarize-grid.py -- markdown tables of a grid's manifest.csv (windows per class, per attack
share, per background rate, intensity range).  Usage: summarize-grid.py /work/lab-data/grid"""
import csv
import math
import os
import sys


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "/work/lab-data/grid"
    rows = list(csv.DictReader(open(os.path.join(d, "manifest.csv"))))
    classes = sorted({r["class"] for r in rows if r["class"] != "normal"})
    tot = norm = 0
    per = {c: 0 for c in classes}
    files = {c: 0 for c in classes}
    size = 0
    for r in rows:
        nw, k = int(r["windows"] or 0), int(r["attack_windows"] or 0)
        tot += nw
        norm += nw - k
        size += int(float(r["bytes"] or 0))
        if r["class"] in per:
            per[r["class"]] += k
            files[r["class"]] += 1
    merged = [r for r in rows if r["background"] and r["attack"]]
    print(f"{len(rows)} files ({len(merged)} merged), {tot} windows, {size / 1e9:.1f} GB "
          f"(background-only and attack-only files are hard links to the recordings)\n")
    print("| class | files | windows |")
    print("| --- | ---: | ---: |")
    print(f"| normal (outside attack ranges and background-only files) | | {norm} |")
    for c in classes:
        print(f"| {c} | {files[c]} | {per[c]} |")
    print(f"| **all** | {len(rows)} | {tot} |\n")

    shares = ["0.05", "0.1", "0.2", "0.35", "0.5", "0.75", "0.9", "1.0"]
    print("Attack windows by target share of the packets in the attack range (slowloris: by copies):\n")
    print("| class | " + " | ".join(shares) + " | slowloris ×1 / ×3 / ×10 |")
    print("| --- |" + " ---: |" * (len(shares) + 1))
    for c in classes:
        cells = []
        for s in shares:
            cells.append(str(sum(int(r["attack_windows"] or 0) for r in rows
                                 if r["class"] == c and r["target_share"] and float(r["target_share"]) == float(s))))
        sl = " / ".join(str(sum(int(r["attack_windows"] or 0) for r in rows
                                if r["class"] == c and r["copies"] == str(k) and not r["target_share"]))
                        for k in (1, 3, 10)) if c == "slowloris" else ""
        print(f"| {c} | " + " | ".join(cells) + f" | {sl} |")

    def decade(pps):
        return 10 ** int(math.log10(max(float(pps), 1)))
    decs = sorted({decade(r["bg_pkt_s"]) for r in rows if r["bg_pkt_s"]})
    print("\nWindows by the background's mean packet rate (pkt/s decade; normal = all windows of those files "
          "outside attack ranges):\n")
    print("| class | " + " | ".join(f"{d:,}–{d * 10:,}" for d in decs) + " |")
    print("| --- |" + " ---: |" * len(decs))
    for c in ["normal"] + classes:
        cells = []
        for dd in decs:
            if c == "normal":
                v = sum(int(r["windows"] or 0) - int(r["attack_windows"] or 0) for r in rows
                        if r["bg_pkt_s"] and decade(r["bg_pkt_s"]) == dd)
            else:
                v = sum(int(r["attack_windows"] or 0) for r in rows
                        if r["class"] == c and r["bg_pkt_s"] and decade(r["bg_pkt_s"]) == dd)
            cells.append(str(v))
        print(f"| {c} | " + " | ".join(cells) + " |")

    print("\nAchieved attack share and intensity (the attack's rate in its class unit over the background's: "
          "SYN/s, UDP pkt/s, ICMP pkt/s, request packets/s, probes/s) over the merged files:\n")
    print("| class | unit | share min / median / max | intensity min / median / max |")
    print("| --- | --- | --- | --- |")

    def q(v):
        v = sorted(v)
        return v[0], v[len(v) // 2], v[-1]
    for c in classes:
        m = [r for r in merged if r["class"] == c]
        if not m:
            continue
        sh = q([float(r["achieved_share"]) for r in m])
        it = [float(r["intensity"]) for r in m if r["intensity"] not in ("", "inf")]
        itq = q(it) if it else ("", "", "")
        print(f"| {c} | {m[0]['unit']} | {sh[0]:.3f} / {sh[1]:.3f} / {sh[2]:.3f} | "
              + " / ".join(f"{x:.3g}" if x != "" else "" for x in itq) + " |")


if __name__ == "__main__":
    main()
