#!/usr/bin/env bash
# Benchmarks/run.sh — the whole Sentinel benchmark in one command.
#
# Builds release binaries into a private scratch path, makes a 2,000,000-packet capture
# (real captures replayed with shifted time and varied addresses) and a 1,000,000-source
# SYN flood capture in a temp dir, measures decode-only / full pipeline / tcpdump on both,
# and the peak memory of `sentinel analyze` on the flood with --max-flows 1000000 and
# 100000. Generated captures are files only; nothing is sent on any network.
#
# Environment: PACKETS (2000000), SOURCES (1000000), REPEAT (3), SCRATCH (.build-bench),
# INPUTS (space-separated capture list; default captures/*.pcap, else ../shared/captures-real),
# KEEP=1 keeps the temp dir (its path is printed).
set -euo pipefail

# shellcheck source=Benchmarks/bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"   # ROOT (the working directory), SCRATCH, log
PACKETS="${PACKETS:-2000000}"
SOURCES="${SOURCES:-1000000}"
REPEAT="${REPEAT:-3}"

release_build SentinelBench sentinel
BENCH="$BIN/SentinelBench"
SENTINEL="$BIN/sentinel"

work_dir bench

if [[ -n "${INPUTS:-}" ]]; then
    read -r -a inputs <<<"$INPUTS"
else
    shopt -s nullglob
    inputs=(captures/*.pcap)
    if ((${#inputs[@]} == 0)); then
        inputs=(../shared/captures-real/benign/*.pcap* ../shared/captures-real/floods/*.pcap*)
    fi
    shopt -u nullglob
fi
((${#inputs[@]} > 0)) || { log "no input captures found"; exit 1; }

log "making the $PACKETS-packet capture from ${#inputs[@]} files"
"$BENCH" make-capture --from "${inputs[@]}" --packets "$PACKETS" -o "$WORK/replay.pcap"
log "making the $SOURCES-source SYN flood"
"$BENCH" make-flood --sources "$SOURCES" -o "$WORK/flood.pcap"

for name in replay flood; do
    log "measuring $name.pcap (best of $REPEAT)"
    "$BENCH" run "$WORK/$name.pcap" --repeat "$REPEAT" --json >"$WORK/$name.json"
done

for flows in 1000000 100000; do
    log "sentinel analyze flood.pcap --max-flows $flows"
    "$BENCH" peak-rss --label "sentinel analyze flood.pcap --max-flows $flows" -- \
        "$SENTINEL" analyze "$WORK/flood.pcap" --max-flows "$flows" --format json --no-progress \
        >"$WORK/rss-$flows.json"
done

echo
echo "Machine: $(nproc) cores, $(uname -sr); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Inputs for the replayed capture: ${inputs[*]}"
echo
"$BENCH" summarize --run "replay ($PACKETS pkts)=$WORK/replay.json" --run "SYN flood ($SOURCES sources)=$WORK/flood.json" \
    --rss "$WORK/rss-1000000.json" --rss "$WORK/rss-100000.json" --details
