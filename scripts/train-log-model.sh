#!/usr/bin/env bash
# scripts/train-log-model.sh — rebuilds models/logs.json, the shipped access-log model.
#
# Trains on the labelled nginx logs of captures/logs (recorded by captures/make-log-captures.sh
# while the backend was slowed or failing), prints a leave-one-file-out table (each log held
# out in turn: the honest check), then fits the saved model on every window. The classes are
# normal, latency_degradation and error_spike. Reproducible: fixed seed and date.
#
# Usage: scripts/train-log-model.sh [extra `sentinel train` options]
# Environment: SENTINEL (a built sentinel binary; default: a release build of this checkout).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/release-sentinel.sh   # SENTINEL: the binary (default: a release build)

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795910400}   # 2026-11-29T00:00:00Z

"$SENTINEL" train \
    --logs captures/logs \
    --model ensemble --seed 42 --min-attack-confidence 0.5 \
    --leave-one-file-out \
    --fit-all -o models/logs.json "$@"
