#!/usr/bin/env bash
# train-site-model.sh — rebuild models/site.json, the site model: what an unusual packet window
# is, read from its scores against the site's own baseline (the site_z_* features) and
# scale-free shapes (models/site-features.txt), so it means the same at 50 and at 50,000
# packets/s. `sentinel analyze --baseline/--learn-baseline`, `evaluate` with a baseline and
# `sentinel run` (baseline: enabled) use it for windows the site's baseline finds unusual.
#
# Usage:   scripts/train-site-model.sh            (a few minutes after the build)
# Needs:   only the repository: the traffic lab's site-relative windows in
#          captures/lab/data/site-*-windows.csv.gz (captures/lab/README.md says how they were made).
#
# Reproducible: the same windows, seed and SOURCE_DATE_EPOCH give the same file, byte for byte
# (`git diff models/site.json` stays empty). The leave-one-site-out table printed first shows
# how each lab site's windows are classified by a model that never saw that site (the site
# model alone, on every window; captures/lab/evaluate-site-model.py measures it behind the
# site gate, as it is used).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SENTINEL=${SENTINEL:-}
if [[ -z $SENTINEL ]]; then
    swift build -c release --product sentinel >&2
    SENTINEL=$(swift build -c release --show-bin-path)/sentinel
fi

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1796515200}   # 2026-12-06T00:00:00Z
FEATURES=$(paste -sd, models/site-features.txt)
mkdir -p .build/lab-windows
for name in grid halves; do
    gzip -dc captures/lab/data/site-$name-windows.csv.gz > .build/lab-windows/site-$name-windows.csv
done

"$SENTINEL" train \
    --windows .build/lab-windows/site-grid-windows.csv --windows .build/lab-windows/site-halves-windows.csv \
    --model ensemble --features "$FEATURES" --seed 42 --min-attack-confidence 0.5 \
    --leave-one-file-out --group-pattern '(bg_[a-z0-9]+(?:_[a-z0-9]+)*)' \
    --fit-all -o "${OUTPUT:-models/site.json}" "$@"
