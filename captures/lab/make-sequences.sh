#!/usr/bin/env bash
# make-sequences.sh -- attacks one after another on the lab's sites (issue 13), so the site model
# learns windows in which an earlier attack's flows are still in the flow table.
#
# Usage:   captures/lab/make-sequences.sh [DATA_DIR]        (default /work/lab-data; about 2 minutes)
# Needs:   DATA_DIR/backgrounds/ and DATA_DIR/attacks/ (make-backgrounds.sh, make-attacks.sh); python3.
# Writes:  DATA_DIR/seq/seq_<order>__<site>.pcap, labels.csv (one row per attack, the format of
#          captures/labels.csv), manifest.csv (file,background) and activity.csv.gz (the attack
#          packets per second, for relabel-windows.py --ranges).
#
# A grid file holds one attack, so after a SYN flood its 18,000 half-open flows (and a UDP
# flood's tens of thousands of one-packet flows) were only ever seen with that attack; on the
# busy mixed capture they made the later attacks' windows look like neither. Here each site gets
# two orders of six attacks, 8 s apart (6 s each, slowloris 7 s and last, as its connections
# stay open), from the middle of the background on (or 50 s before its end, if that is
# earlier), each as recorded (no rate scaling). The busy mixed capture's site (bg_heavy_nat) is
# left out, so that capture stays a site the site model never saw; order `a` uses other
# recordings of each class than the busy mixed capture, order `b` others again, in another
# order. Sites of more than 100,000 packets/s or shorter than 90 s are left out (the grid
# covers them). Seeded, so it is made again byte for byte.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DATA=${1:-/work/lab-data}
OUT=$DATA/seq
SITES=${SITES:-bg_r10 bg_r30 bg_r100 bg_r300 bg_flash_small bg_short_conns bg_tls_ka bg_heavy bg_flash bg_daily}
mkdir -p "$OUT"
rm -f "$OUT"/*.pcap "$OUT"/labels-*.csv "$OUT"/activity-*.csv.gz

# attack, extra overlay options (the grid's address rules: bots and slowloris from 10.67/16,
# many spoofed sources one address per flow in 172.16/12)
order_a="syn_few_spoofed_1500 -
http_bots_newconn_600 --spread 10.67.0.0/16
udp_single_1000 -
scan_connect_300 -
icmp_few_spoofed_1500 -
slowloris_1500conns -"
order_b="udp_reflect_ntp_2000 -
syn_many_spoofed_443_800 --spread 172.16.0.0/12 --spread-key flow
icmp_many_spoofed_3000 --spread 172.16.0.0/12 --spread-key flow
http_wrk_single_1000 -
scan_syn_fast -
slowloris_500conns_many --spread 10.67.0.0/16"

duration() { python3 "$here/overlay.py" info "$1" | sed -E 's/.* packets, ([0-9.]+) s,.*/\1/'; }

echo "file,background" > "$OUT/manifest.csv"
seed=100
for site in $SITES; do
    bg=$DATA/backgrounds/$site.pcap
    secs=$(duration "$bg")
    start=$(python3 -c "print(int(min($secs / 2, $secs - 50)))")
    for order in a b; do
        name=seq_${order}__$site.pcap
        spec=order_$order
        prev=$bg
        step=0
        while read -r attack extra; do
            step=$((step + 1))
            seed=$((seed + 1))
            at=$((start + 8 * (step - 1)))
            fill=6
            [[ $attack == slowloris* ]] && fill=7
            [[ $extra == - ]] && extra=
            out=$OUT/step-$step.pcap
            # shellcheck disable=SC2086
            python3 "$here/overlay.py" merge --background "$prev" --attack "$DATA/attacks/$attack.pcap" --out "$out" \
                --at "$at" --fill "$fill" --labels "$OUT/labels-$step.csv" --seed $seed --snaplen 128 $extra >&2
            [[ $prev == "$OUT"/step-* ]] && rm -f "$prev"
            prev=$out
        done <<< "${!spec}"
        mv "$prev" "$OUT/$name"
        for f in "$OUT"/labels-*.csv; do grep -v '^file,' "$f" | sed "s/^step-[0-9]*\.pcap,/$name,/"; done \
            | sort -t, -k3 > "$OUT/labels-$name.part"
        rm -f "$OUT"/labels-*.csv
        echo "$name,$site.pcap" >> "$OUT/manifest.csv"
        python3 "$here/grid-activity.py" --merged "$OUT/$name" --background "$bg" -o "$OUT/activity-$name.csv.gz"
        echo "made $name (attacks from ${start} s)" >&2
    done
done
{
    echo "file,class,start,end"
    cat "$OUT"/labels-*.part
} > "$OUT/labels.csv"
rm -f "$OUT"/labels-*.part
{
    echo "file,second,packets"
    for f in "$OUT"/activity-*.csv.gz; do gzip -dc "$f" | grep -v '^file,'; done
} | gzip -9n > "$OUT/activity.csv.gz"
rm -f "$OUT"/activity-seq_*.csv.gz
echo "wrote $OUT: $(($(wc -l < "$OUT/manifest.csv") - 1)) files, labels.csv, manifest.csv, activity.csv.gz" >&2
