#!/usr/bin/env bash
# train-site-model.sh — rebuild models/site.json, the site model: what an unusual packet window
# is, read from its scores against the site's own baseline (the site_z_* features) and
# scale-free shapes (models/site-features.txt), so it means the same at 50 and at 50,000
# packets/s. `sentinel analyze --baseline/--learn-baseline`, `evaluate` with a baseline and
# `sentinel run` (baseline: enabled) use it for windows the site's baseline finds unusual.
#
# Usage:   scripts/train-site-model.sh            (a few minutes after the build)
# Needs:   only the repository: the site-relative windows in captures/lab/data/site-*-windows.csv.gz,
#          the traffic lab's (grid files, never-learnt background halves and attacks one after
#          another (make-sequences.sh), each against its site's baseline) and the real
#          captures' of ../shared/captures-real (each file a site learnt online, warm-up 30): the unusual-but-benign windows of real applications
#          (captures/lab/README.md says how they were made); and the bundled captures, analysed
#          here against captures/normal.pcap's baseline (python3 runs captures/lab/windows-dataset.py).
#
# Reproducible: the same windows, seed and SOURCE_DATE_EPOCH give the same file, byte for byte
# (`git diff models/site.json` stays empty). The leave-one-site-out table printed first shows
# how each lab site's windows are classified by a model that never saw that site (the site
# model alone, on every window, each lab site held out; captures/lab/evaluate-site-model.py measures it behind the
# site gate, as it is used).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/release-sentinel.sh   # SENTINEL: the binary (default: a release build)

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1796515200}   # 2026-12-06T00:00:00Z
FEATURES=$(paste -sd, models/site-features.txt)
mkdir -p .build/lab-windows
for name in halves real sequence; do
    gzip -dc captures/lab/data/site-$name-windows.csv.gz > .build/lab-windows/site-$name-windows.csv
done
# The grid's windows (6 MB) are kept out of the working tree: GRID_WINDOWS when set
# (captures/lab/make-all.sh writes .build/lab-windows/site-grid-windows.csv.gz), else the copy in
# this repository's history (commit 130984d: the third recording's, with the concentration,
# request and trailing-requester features and the ten windows' request rate; without that rate
# in 4bc5845; without the trailing requesters in 9eb019c; the
# second recording's in 8e33aa2, with site_z_unanswered_requests instead of
# site_z_stalled_requests in 4f1d80b, without site_z_unfinished_handshakes_per_s in 895cdc9, the
# first recording's in fd4eef9), else ../shared/lab/, else they must be remade from the lab grid
# (captures/lab/README.md, windows-dataset.py --baselines).
GRID_COMMIT=130984d
if [[ -n ${GRID_WINDOWS:-} ]]; then
    gzip -dc "$GRID_WINDOWS" > .build/lab-windows/site-grid-windows.csv
elif git cat-file -e "$GRID_COMMIT:captures/lab/data/site-grid-windows.csv.gz" 2>/dev/null; then
    git show "$GRID_COMMIT:captures/lab/data/site-grid-windows.csv.gz" | gzip -dc > .build/lab-windows/site-grid-windows.csv
elif [[ -f ../shared/lab/site-grid-windows.csv.gz ]]; then
    gzip -dc ../shared/lab/site-grid-windows.csv.gz > .build/lab-windows/site-grid-windows.csv
else
    echo "train-site-model.sh: the lab grid's windows are missing: neither commit $GRID_COMMIT (a full clone has it) nor ../shared/lab/site-grid-windows.csv.gz; remake them as captures/lab/README.md says" >&2
    exit 2
fi

# Each grid window is labelled by what is in it, not by where the attack was placed: a window
# of the attack's range in which the tool sent nothing (it starts late, a replay ends early) is
# normal, and one of its after-effects just past the range is the attack's
# (captures/lab/relabel-windows.py, from the attack packets per second of every grid file in
# captures/lab/data/grid-activity.csv.gz, made by captures/lab/grid-activity.py).
python3 captures/lab/relabel-windows.py .build/lab-windows/site-grid-windows.csv \
    --activity captures/lab/data/grid-activity.csv.gz --manifest captures/lab/data/grid-manifest.csv \
    -o .build/lab-windows/site-grid-windows.relabelled.csv
mv .build/lab-windows/site-grid-windows.relabelled.csv .build/lab-windows/site-grid-windows.csv

# The bundled loopback captures (captures/, captures/extra/) as one more site, against the
# baseline of captures/normal.pcap: the recording environment of the shipped packet model, with
# its ordinary-but-unusual traffic (bulk downloads, interactive sessions) labelled normal.
"$SENTINEL" baseline captures/normal.pcap -o .build/lab-windows/bundled-site.json >/dev/null
for dir in captures captures/extra; do
    python3 captures/lab/windows-dataset.py --dir "$dir" --out ".build/lab-windows/site-bundled-${dir//\//-}.csv.gz" \
        --sentinel "$SENTINEL" --model models/default.json --baseline .build/lab-windows/bundled-site.json \
        --drop-probabilities --drop-verdicts --digits 4 >/dev/null
    gzip -dc ".build/lab-windows/site-bundled-${dir//\//-}.csv.gz" > ".build/lab-windows/site-bundled-${dir//\//-}.csv"
done

"$SENTINEL" train \
    --windows .build/lab-windows/site-grid-windows.csv --windows .build/lab-windows/site-halves-windows.csv \
    --windows .build/lab-windows/site-real-windows.csv --windows .build/lab-windows/site-sequence-windows.csv \
    --windows .build/lab-windows/site-bundled-captures.csv --windows .build/lab-windows/site-bundled-captures-extra.csv \
    --model ensemble --features "$FEATURES" --seed 42 --min-attack-confidence 0.5 \
    --leave-one-file-out --hold-out bg_ --group-pattern '(bg_[a-z0-9]+(?:_[a-z0-9]+)*)' \
    --fit-all -o "${OUTPUT:-models/site.json}" "$@"
