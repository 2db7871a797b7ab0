#!/usr/bin/env bash
# nab-evaluate.sh — score `sentinel anomalies` on the Numenta Anomaly Benchmark with NAB's
# own scorer (../shared/nab/score.sh, threshold optimised by NAB, three profiles).
#
# Usage: scripts/nab-evaluate.sh [--json OUT.json] [-- extra `sentinel anomalies` options]
# Env:   SENTINEL  the binary (default: .build/release/sentinel, else .build/debug/sentinel)
#        NAB_DIR   the benchmark (default: ../shared/nab beside the checkout)
#        NAB_PYTHON a python with pandas<3 and python-dateutil (made in /tmp/nabenv if absent)
# Skips (exit 0, says so) when the benchmark is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
NAB=${NAB_DIR:-../shared/nab}
if [[ ! -d "$NAB/data" ]]; then echo "nab-evaluate: $NAB/data not found: skipped (the benchmark is not bundled with the project)"; exit 0; fi
JSON=""; EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --json) JSON=$2; shift 2 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "nab-evaluate: unknown option $1" >&2; exit 2 ;;
  esac
done
BIN=${SENTINEL:-}
if [[ -z "$BIN" ]]; then
  if [[ -x .build/release/sentinel ]]; then BIN=.build/release/sentinel; else swift build --product sentinel >/dev/null; BIN=.build/debug/sentinel; fi
fi
if [[ -z "${NAB_PYTHON:-}" ]]; then
  if [[ ! -x /tmp/nabenv/bin/python ]]; then
    python3 -m venv /tmp/nabenv && /tmp/nabenv/bin/pip install -q 'pandas<3' python-dateutil simplejson
  fi
  NAB_PYTHON=/tmp/nabenv/bin/python
fi
export NAB_PYTHON
OUT=$(mktemp -d "${TMPDIR:-/tmp}/nab-sentinel.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
DET=sentinel
start=$(date +%s.%N)
count=0
for f in "$NAB"/data/*/*.csv; do
  cat=$(basename "$(dirname "$f")"); name=$(basename "$f")
  mkdir -p "$OUT/$DET/$cat"
  "$BIN" anomalies "$f" "${EXTRA[@]}" -o "$OUT/$DET/$cat/${DET}_$name" 2>/dev/null
  count=$((count + 1))
done
end=$(date +%s.%N)
echo "scored $count series with $BIN in $(echo "$end - $start" | bc) s"
args=(-n 2)
[[ -n "$JSON" ]] && args+=(--json "$(cd "$(dirname "$JSON")" && pwd)/$(basename "$JSON")")
"$NAB/score.sh" "${args[@]}" "$OUT/$DET"
