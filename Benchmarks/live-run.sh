#!/usr/bin/env bash
# Benchmarks/live-run.sh — how many packets/s `sentinel run` keeps up with on lo, without drops.
#
# Builds release `sentinel` and `SentinelBench` into a private scratch path, makes a
# 1,000,000-packet capture from the bundled captures (`sentinel-bench make-capture`, as run.sh
# does) with every destination MAC rewritten to 02:00:00:5e:10:01 (tcprewrite), starts
# `sentinel run` on lo with a temp config (temp store, no webhooks, no logs, http on a free
# 127.0.0.1 port, capture filter `ether dst 02:00:00:5e:10:01`), then replays the capture onto
# lo with tcpreplay at each rate of RATES for about STEP_SECONDS each, reading /metrics before
# and after every step. Because no local address has that MAC, the kernel drops the frames
# before the IP stack (PACKET_OTHERHOST): no local service sees them and nothing answers, and
# the filter keeps other loopback traffic out of the counts, so "seen" must equal "sent" (one
# more when the time bound interrupts tcpreplay: the frame in flight is not in its count).
# Everything stops by itself: tcpreplay is bounded by --limit and a timeout, sentinel by
# --duration; it is sent SIGTERM at the end and its summary printed. Traffic is only on lo.
#
# Needs root (capture and injection on lo) and tcpreplay (installed with apt-get when missing).
# Environment: RATES ("20000 50000 100000 200000 400000 topspeed"), STEP_SECONDS (10),
# TOP_PACKETS (4000000, the --limit of the topspeed step), PACKETS (1000000, the replayed
# capture), BUFFER_MB (16, capture.buffer_mb), SNAPLEN (262144, capture.snaplen; 256 keeps
# up far better on lo, see Benchmarks/README.md), FILTER (the BPF filter; "" = every packet on
# lo, then other loopback traffic is counted too), SCRATCH (.build-bench), SKIP_BUILD=1 (use the
# binaries already built there, e.g. while the sources do not build), KEEP=1 keeps the temp dir.
set -euo pipefail

# shellcheck source=Benchmarks/bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"   # ROOT (the working directory), SCRATCH, log
RATES="${RATES:-20000 50000 100000 200000 400000 topspeed}"
STEP_SECONDS="${STEP_SECONDS:-10}"
TOP_PACKETS="${TOP_PACKETS:-4000000}"
PACKETS="${PACKETS:-1000000}"
BUFFER_MB="${BUFFER_MB:-16}"
SNAPLEN="${SNAPLEN:-262144}"
DMAC="02:00:00:5e:10:01"
FILTER="${FILTER-ether dst $DMAC}"

if ! command -v tcpreplay >/dev/null || ! command -v tcprewrite >/dev/null; then
    log "installing tcpreplay"
    apt-get install -y tcpreplay >/dev/null
fi

if [[ "${SKIP_BUILD:-0}" == 1 ]]; then
    log "SKIP_BUILD=1: using the binaries already in $SCRATCH"
    release_bin
else
    release_build sentinel SentinelBench
fi
SENTINEL="$BIN/sentinel"
BENCH="$BIN/SentinelBench"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sentinel-live.XXXXXX")"
SENTINEL_PID=""
cleanup() {
    if [[ -n "$SENTINEL_PID" ]] && kill -0 "$SENTINEL_PID" 2>/dev/null; then
        kill -TERM "$SENTINEL_PID" 2>/dev/null || true
        wait "$SENTINEL_PID" 2>/dev/null || true
    fi
    if [[ "${KEEP:-0}" == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

shopt -s nullglob
inputs=(captures/*.pcap)
shopt -u nullglob
((${#inputs[@]} > 0)) || { log "no captures/*.pcap found"; exit 1; }
log "making the $PACKETS-packet capture from ${#inputs[@]} files, destination MAC $DMAC"
"$BENCH" make-capture --from "${inputs[@]}" --packets "$PACKETS" -o "$WORK/made.pcap" >/dev/null
tcprewrite --enet-dmac="$DMAC" --infile="$WORK/made.pcap" --outfile="$WORK/replay.pcap"
rm -f "$WORK/made.pcap"

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
LISTEN="127.0.0.1:$PORT"
{
    echo "sentinel:"
    echo "  host: live-bench"
    echo "  window: 1"
    echo "  model: \"$ROOT/models/default.json\""
    echo "  store: \"$WORK/sentinel.db\""
    echo "capture:"
    echo "  interfaces: [lo]"
    [[ -n "$FILTER" ]] && echo "  filter: \"$FILTER\""
    echo "  buffer_mb: $BUFFER_MB"
    echo "  snaplen: $SNAPLEN"
    echo "logs: []"
    echo "alerts:"
    echo "  webhooks: []"
    echo "http:"
    echo "  listen: \"$LISTEN\""
} >"$WORK/sentinel.yaml"
"$SENTINEL" rules check "$WORK/sentinel.yaml" >&2

nsteps=$(wc -w <<<"$RATES")
DURATION=$((nsteps * (3 * STEP_SECONDS + 40) + 60))  # a bound only; SIGTERM comes first
log "starting sentinel run (http $LISTEN, stops by itself after ${DURATION}s at most)"
"$SENTINEL" run --config "$WORK/sentinel.yaml" --duration "$DURATION" >"$WORK/sentinel.out" 2>"$WORK/sentinel.err" &
SENTINEL_PID=$!
for _ in $(seq 100); do
    curl -sf "http://$LISTEN/healthz" >/dev/null 2>&1 && break
    kill -0 "$SENTINEL_PID" 2>/dev/null || { cat "$WORK/sentinel.err" >&2; exit 1; }
    sleep 0.2
done
curl -sf "http://$LISTEN/healthz" >/dev/null || { log "sentinel did not answer /healthz"; exit 1; }
sleep 2  # the capture thread opens lo

# Prints "packets queue_drops kernel_drops interface_drops" for lo.
counters() {
    { curl -sf --max-time 5 "http://$LISTEN/metrics" || true; } | awk '
        $1 == "sentinel_packets_total{interface=\"lo\"}" { p = $2 }
        $1 == "sentinel_capture_queue_drops_total{interface=\"lo\"}" { q = $2 }
        $1 == "sentinel_capture_kernel_drops_total{interface=\"lo\"}" { k = $2 }
        $1 == "sentinel_capture_interface_drops_total{interface=\"lo\"}" { i = $2 }
        END { printf "%d %d %d %d\n", p, q, k, i }'
}

# Waits until the analysed-packet count stops moving (the queue is drained) and the
# once-a-second pcap_stats refresh has happened.
settle() {
    sleep 2
    local last now
    last="$(counters | cut -d' ' -f1)"
    for _ in $(seq 60); do
        sleep 1
        now="$(counters | cut -d' ' -f1)"
        [[ "$now" == "$last" ]] && return
        last="$now"
    done
}

echo
echo "Machine: $(nproc) cores, $(uname -sr); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Replayed: $PACKETS-packet capture made from ${inputs[*]} ($(du -m "$WORK/replay.pcap" | cut -f1) MB)"
echo "sentinel: capture.buffer_mb $BUFFER_MB, capture.snaplen $SNAPLEN, filter \"${FILTER}\", about ${STEP_SECONDS} s per step"
echo
printf '%-10s %10s %12s %10s %10s %9s %9s %9s %9s %8s  %s\n' \
    target sent "achieved/s" seen "seen/s" missed "q drops" "k drops" "if drops" "cpu" "keeps up"
# CPU seconds the sentinel process has used (user + system, all threads).
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz }' "/proc/$SENTINEL_PID/stat"
}

best=""
for rate in $RATES; do
    settle
    read -r p0 q0 k0 i0 <<<"$(counters)"
    c0="$(cpu_seconds)"
    if [[ "$rate" == topspeed ]]; then
        args=(--topspeed --limit "$TOP_PACKETS")
    else
        args=(--pps "$rate" --limit "$((rate * STEP_SECONDS))")
    fi
    start=$(date +%s.%N)
    replay_status=0
    timeout -s INT "$((2 * STEP_SECONDS + 10))" \
        tcpreplay -i lo --preload-pcap --loop 0 "${args[@]}" "$WORK/replay.pcap" >"$WORK/step.txt" 2>&1 || replay_status=$?
    settle
    end=$(date +%s.%N)
    read -r p1 q1 k1 i1 <<<"$(counters)"
    c1="$(cpu_seconds)"
    sent="$(awk '/Successful packets:/ { print $3 }' "$WORK/step.txt")"
    failed="$(awk '/Failed packets:/ { print $3 }' "$WORK/step.txt")"
    achieved="$(awk '/Rated:/ { for (f = 1; f <= NF; f++) if ($f ~ /^pps/) print $(f - 1) }' "$WORK/step.txt")"
    replay_seconds="$(awk '/Actual:/ { for (f = 1; f <= NF; f++) if ($f == "in") print $(f + 1) }' "$WORK/step.txt")"
    sent="${sent:-0}" failed="${failed:-0}" achieved="${achieved:-0}" replay_seconds="${replay_seconds:-0}"
    seen=$((p1 - p0)) qd=$((q1 - q0)) kd=$((k1 - k0)) idr=$((i1 - i0))
    cpu="$(awk -v a="$c0" -v b="$c1" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f%%", 100 * (b - a) / (e - s) }')"
    seen_rate="$(awk -v n="$seen" -v s="$replay_seconds" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }')"
    # seen may exceed sent by one when the timeout interrupts tcpreplay (the frame in flight is
    # not in its count); with the filter nothing else is counted.
    if ((qd == 0 && kd == 0 && idr == 0 && sent > 0 && seen >= sent)) && { [[ -z "$FILTER" ]] || ((seen - sent <= 1)); }; then
        keeps=yes
        best="$(awk -v a="$achieved" -v b="${best:-0}" 'BEGIN { print (a > b ? a : b) }')"
    else
        keeps=no
    fi
    ((failed > 0)) && keeps="$keeps (tcpreplay: $failed failed sends)"
    ((replay_status == 124)) && keeps="$keeps (tcpreplay stopped by the time bound)"
    printf '%-10s %10d %12.0f %10d %10s %9d %9d %9d %9d %8s  %s\n' \
        "$rate" "$sent" "$achieved" "$seen" "$seen_rate" "$((sent - seen))" "$qd" "$kd" "$idr" "$cpu" "$keeps"
done
echo
if [[ -n "$best" ]]; then
    echo "Highest achieved rate that sentinel kept up with (no drops, every packet seen): $(printf '%.0f' "$best") packets/s"
else
    echo "No step kept up without drops."
fi
echo "(achieved/s is tcpreplay's own 'Rated: … pps'; seen/s = packets sentinel analysed ÷ tcpreplay's send time;"
echo " missed = sent - seen. On lo every injected frame reaches the capture ring twice, as outgoing and as"
echo " incoming, and libpcap discards the outgoing copy after reading it: each missed packet is usually"
echo " two kernel drops, and the ring holds half as many packets as it has slots. cpu = sentinel's CPU"
echo " time ÷ wall time from the start of tcpreplay to the end of the drain; 100% = one core.)"

log "stopping sentinel (SIGTERM)"
kill -TERM "$SENTINEL_PID"
status=0
wait "$SENTINEL_PID" || status=$?
SENTINEL_PID=""
echo
echo "sentinel exited with status $status; its summary:"
cat "$WORK/sentinel.out"
tail -n 20 "$WORK/sentinel.err"
