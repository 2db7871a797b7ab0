#!/usr/bin/env bash
# Benchmarks/logs.sh — access-log parsing speed and the offline log analysis, against wc -l and awk.
#
# Builds release SentinelBench into a private scratch path and runs `sentinel-bench logs` on:
# the real Apache log ../shared/logs-real/apache_combined.log (skipped with a message when
# absent); a copy sorted by time (the real log is not in time order: most of its records
# arrive after a later one and the analysis counts them as late; the sort key is the text
# after `[`, right for this log, whose lines are all of one month); a 20× version of the sorted
# copy, every line written 20 times in a row (same time span, 20× the request rate, every window
# 20× busier, still in time order), all made in a temp dir; and the largest captures/logs/*.log
# (nginx, with request times) when there is one.
#
# Environment: LOG (the real log), TIMES (20), REPEAT (3), SCRATCH (.build-bench),
# SKIP_BUILD=1 (use the SentinelBench already built there), KEEP=1 keeps the temp dir.
set -euo pipefail

# shellcheck source=Benchmarks/bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"   # ROOT (the working directory), SCRATCH, log
LOG="${LOG:-../shared/logs-real/apache_combined.log}"
TIMES="${TIMES:-20}"
REPEAT="${REPEAT:-3}"

if [[ "${SKIP_BUILD:-0}" == 1 ]]; then
    log "SKIP_BUILD=1: using the SentinelBench already in $SCRATCH"
    release_bin
else
    release_build SentinelBench
fi
BENCH="$BIN/SentinelBench"

work_dir logs

files=()
if [[ -r "$LOG" ]]; then
    files+=("$LOG")
    log "making the sorted copy and the ${TIMES}× log (every sorted line $TIMES times in a row)"
    LC_ALL=C sort -s -t '[' -k 2,2 "$LOG" >"$WORK/sorted.log"
    awk -v n="$TIMES" '{ for (i = 0; i < n; i++) print }' "$WORK/sorted.log" >"$WORK/sorted-x$TIMES.log"
    files+=("$WORK/sorted.log" "$WORK/sorted-x$TIMES.log")
else
    log "$LOG is absent: skipping the real Apache log and its ${TIMES}× version"
fi
shopt -s nullglob
recorded=(captures/logs/*.log)
shopt -u nullglob
if ((${#recorded[@]} > 0)); then
    # shellcheck disable=SC2012
    files+=("$(ls -S "${recorded[@]}" | head -n 1)")
fi
((${#files[@]} > 0)) || { log "no access logs to measure"; exit 1; }

echo "Machine: $(nproc) cores, $(uname -sr); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$BENCH" logs "${files[@]}" --repeat "$REPEAT"
