#!/usr/bin/env bash
# make-all.sh -- the whole traffic lab in one go: recordings, grid, site baselines, the windows
# the site model trains on, the busy mixed capture; then the derived files copied into data/.
#
# Usage:   captures/lab/make-all.sh                   (about 2 hours on 2 cores; as root)
#          STEPS=grid,activity captures/lab/make-all.sh   (some steps only, in this order:
#          backgrounds attacks grid activity baselines windows sequences busy copy)
# Env:     DATA_DIR (default /work/lab-data), SENTINEL (default .build/release/sentinel, built
#          by scripts/release-sentinel.sh when missing), SEED (default 13).
# Writes:  DATA_DIR/{backgrounds,attacks,grid,site,seq,busy-mixed}/ (about 40 GB), the site-relative
#          windows in .build/lab-windows/ (site-grid-windows.csv.gz is 6 MB: not in the working
#          tree, see scripts/train-site-model.sh), and with the step `copy` the small derived
#          files of captures/lab/data/ (README.md there describes each).
# Then:    scripts/train-site-model.sh (the site model), evaluate-site-model.py, evaluate-busy-mixed.py.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
export DATA_DIR=${DATA_DIR:-/work/lab-data}
STEPS=${STEPS:-backgrounds,attacks,grid,activity,baselines,windows,sequences,busy,copy}
step() { [[ ",$STEPS," == *",$1,"* ]]; }
log() { echo "[$(date +%T)] make-all: $*" >&2; }
if step baselines || step windows || step sequences || step busy; then
    if [[ -z ${SENTINEL:-} ]]; then source scripts/release-sentinel.sh; fi
fi
PY=/usr/bin/python3
OUTW=.build/lab-windows
mkdir -p "$OUTW"

step backgrounds && { log backgrounds; "$here/make-backgrounds.sh"; }
step attacks && { log attacks; "$here/make-attacks.sh"; }
if step grid; then
    log grid
    $PY "$here/make-grid.py" --data "$DATA_DIR" --seed "${SEED:-13}"
    $PY "$here/summarize-grid.py" "$DATA_DIR/grid" > "$DATA_DIR/grid/summary.md"
fi
if step activity; then
    log "grid activity"
    $PY "$here/grid-activity.py" --grid "$DATA_DIR/grid" -o "$OUTW/grid-activity.csv.gz"
fi
if step baselines; then
    log "site baselines"
    $PY "$here/site-baselines.py" --data "$DATA_DIR" --sentinel "$SENTINEL"
fi
if step windows; then
    log "windows: backgrounds (shipped model's verdicts), halves, grid, real captures"
    $PY "$here/windows-dataset.py" --dir "$DATA_DIR/backgrounds" --out "$OUTW/backgrounds-windows.csv.gz" \
        --sentinel "$SENTINEL" --model models/default.json --drop-probabilities
    $PY "$here/windows-dataset.py" --dir "$DATA_DIR/site/halves" --out "$OUTW/site-halves-windows.csv.gz" \
        --sentinel "$SENTINEL" --model models/default.json --baselines "$DATA_DIR/site/baselines" \
        --drop-probabilities --drop-verdicts --digits 4
    $PY "$here/windows-dataset.py" --dir "$DATA_DIR/grid" --out "$OUTW/site-grid-windows.csv.gz" \
        --sentinel "$SENTINEL" --model models/default.json --baselines "$DATA_DIR/site/baselines" \
        --manifest "$DATA_DIR/grid/manifest.csv" --skip '^bg__' \
        --drop-probabilities --drop-verdicts --digits 4
    if [[ -f ../shared/captures-real/labels.csv ]]; then
        $PY "$here/windows-dataset.py" --dir ../shared/captures-real --out "$OUTW/site-real-windows.csv.gz" \
            --sentinel "$SENTINEL" --model models/default.json --learn-baseline 30 \
            --drop-probabilities --drop-verdicts --digits 4
    fi
fi
if step sequences; then
    log "attacks one after another (make-sequences.sh) and their windows against each site's baseline"
    "$here/make-sequences.sh" "$DATA_DIR"
    $PY "$here/windows-dataset.py" --dir "$DATA_DIR/seq" --out "$OUTW/site-sequence-windows.raw.csv.gz" \
        --sentinel "$SENTINEL" --model models/default.json --baselines "$DATA_DIR/site/baselines" \
        --manifest "$DATA_DIR/seq/manifest.csv" --drop-probabilities --drop-verdicts --digits 4
    $PY "$here/relabel-windows.py" "$OUTW/site-sequence-windows.raw.csv.gz" --activity "$DATA_DIR/seq/activity.csv.gz" \
        --ranges "$DATA_DIR/seq/labels.csv" -o "$OUTW/site-sequence-windows.csv.gz"
fi
if step busy; then
    log "busy mixed capture"
    "$here/make-busy-mixed.sh" "$DATA_DIR"
fi
if step copy; then
    log "copying the derived files into captures/lab/data/"
    d=captures/lab/data
    cp "$DATA_DIR/backgrounds/labels.csv" $d/backgrounds-labels.csv
    cp "$DATA_DIR/backgrounds/stats.csv" $d/backgrounds-stats.csv
    cp "$DATA_DIR/attacks/labels.csv" $d/attacks-labels.csv
    cp "$DATA_DIR/attacks/meta.csv" $d/attacks-meta.csv
    cp "$DATA_DIR/grid/labels.csv" $d/grid-labels.csv
    cp "$DATA_DIR/grid/manifest.csv" $d/grid-manifest.csv
    cp "$OUTW/grid-activity.csv.gz" $d/grid-activity.csv.gz
    cp "$DATA_DIR"/site/baselines/*.json $d/site-baselines/
    for f in backgrounds-windows site-halves-windows site-real-windows site-sequence-windows; do
        [[ -f $OUTW/$f.csv.gz ]] && cp "$OUTW/$f.csv.gz" "$d/$f.csv.gz"
    done
fi
log done
