#!/usr/bin/env bash
# make-busy-mixed.sh -- the busy mixed capture (issue 13): six attacks, one after another, on
# the traffic lab's busiest NAT site, for a precision and recall that `captures/mixed.pcap`
# (a quiet loopback site) cannot give.
#
# Usage:   captures/lab/make-busy-mixed.sh [DATA_DIR]        (default /work/lab-data)
# Needs:   DATA_DIR/backgrounds/bg_heavy_nat.pcap and DATA_DIR/attacks/ (make-backgrounds.sh,
#          make-attacks.sh); python3.
# Writes:  DATA_DIR/busy-mixed/busy-mixed.pcap (about 140 MB: 92 s of ~7,400 packets/s) and its
#          labels.csv (one row per attack, the format of captures/labels.csv) and
#          activity.csv.gz (the attack packets per second, for relabel-windows.py).
#
# The background is bg_heavy_nat: 230 client addresses behind NAT at ~400 requests/s, where
# the shipped packet model alone calls half the windows http_flood. Its first half is what the
# site's baseline (data/site-baselines/bg_heavy_nat.json) learnt, so the attacks are placed in
# the second half, each as recorded (no rate scaling), from 46 s on, 8 s apart:
#   SYN flood from many spoofed sources, HTTP flood from 500 keep-alive bots, UDP flood from
#   many spoofed sources, a SYN port scan at 500 ports/s, an ICMP flood from one source, a
#   slowloris of 500 connections from many addresses.
# Seeded (--seed), so it is made again byte for byte.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DATA=${1:-/work/lab-data}
OUT=$DATA/busy-mixed
mkdir -p "$OUT"
rm -f "$OUT"/step-*.pcap "$OUT"/labels-*.csv
prev=$DATA/backgrounds/bg_heavy_nat.pcap
step=0
# attack  at(s)  fill(s)  extra overlay options
while read -r attack at fill extra; do
    step=$((step + 1))
    out=$OUT/step-$step.pcap
    # shellcheck disable=SC2086
    python3 "$here/overlay.py" merge --background "$prev" --attack "$DATA/attacks/$attack.pcap" --out "$out" \
        --at "$at" --fill "$fill" --labels "$OUT/labels-$step.csv" --seed $((40 + step)) --snaplen 128 $extra >&2
    sed -i "s/^step-$step.pcap,/busy-mixed.pcap,/" "$OUT/labels-$step.csv"
    [[ $prev == "$OUT"/step-* ]] && rm -f "$prev"
    prev=$out
done <<'EOF'
syn_many_spoofed_3000 46 6 --spread 172.16.0.0/12 --spread-key flow
http_bots_ka_1500 54 6 --spread 10.67.0.0/16
udp_many_spoofed_3000 62 6 --spread 172.16.0.0/12 --spread-key flow
scan_syn_500 70 6
icmp_single_1000 78 5
slowloris_500conns_many 84 7 --spread 10.67.0.0/16
EOF
mv "$prev" "$OUT/busy-mixed.pcap"
{
    echo "file,class,start,end"
    for f in "$OUT"/labels-*.csv; do grep -v '^file,' "$f"; done | sort -t, -k3
} > "$OUT/labels.csv"
rm -f "$OUT"/labels-*.csv
python3 "$here/grid-activity.py" --merged "$OUT/busy-mixed.pcap" --background "$DATA/backgrounds/bg_heavy_nat.pcap" \
    -o "$OUT/activity.csv.gz"
echo "wrote $OUT/busy-mixed.pcap, labels.csv, activity.csv.gz" >&2
