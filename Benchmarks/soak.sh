#!/usr/bin/env bash
# Benchmarks/soak.sh — issue 16's soak: `sentinel run` for DURATION seconds under load and
# disruption, then checks that nothing was lost, duplicated silently, corrupted or leaked.
#
#   SENTINEL=/tmp/soak-sentinel Benchmarks/soak.sh              # 30 minutes (DURATION=1800)
#   DURATION=180 ACTION_EVERY=45 Benchmarks/soak.sh             # a short run to try it
#
# What runs, all on 127.0.0.1 / lo, every process killed at the end (trap EXIT), bounded in time:
# - a writer (soak.py writer) appending RATE nginx "combined" lines/s (with request times) to
#   OUT/access.log; every ROTATE s it renames the file to access.log.N, keeps writing into the
#   renamed file for 0.5 s (nginx until its USR1), then opens a new one (the last 3 rotated
#   files are kept, older ones deleted). From 90 s on, every 180 s, 20 s of attack: 80 % of
#   the lines from three addresses, 60 % of those 5xx, slow;
# - with root and tcpreplay (PPS > 0): captures/mixed.pcap replayed onto lo, a burst of PPS
#   packets at top speed each second, its destination MAC rewritten to 02:00:00:5e:10:01 (as
#   live-run.sh: the kernel drops the frames before the IP stack; the capture filter keeps
#   other loopback traffic out);
# - a webhook receiver (soak.py receiver) answering 500 to half the POSTs (seeded), recording
#   every delivery's webhook-id, status and body in OUT/deliveries.jsonl;
# - every ACTION_EVERY s one of SIGHUP (reload), SIGKILL + restart, SIGTERM + restart, in a
#   seeded order (each equally often). Before a SIGKILL the writer is paused (SIGSTOP) until the
#   sentinel's /metrics line count stops moving, so that lifetime's count is exact; it resumes
#   right after the kill, before the restart (so lines and rotations also happen while down);
# - RSS (VmRSS), open descriptors and CPU seconds of the sentinel every 10 s into OUT/rss.csv.
# At the end the writer stops, the receiver always succeeds, the sentinel drains (at least
# DRAIN s, until the outbox is empty or DRAIN_MAX s), gets SIGTERM, and soak.py check tests:
# PRAGMA integrity_check; every incident's opened/resolved event is in the outbox; the outbox
# is drained; every event in the store was answered 2xx at least once by webhook-id and no
# unknown id was; duplicates (an id answered 2xx twice) are counted and reported; the lines the
# lifetimes counted (the "log lines" of each exit summary, or /metrics just before a SIGKILL)
# sum to exactly the lines written; no lifetime died by itself; RSS flat in the longest
# lifetime. OUT/summary.txt has the figures; the exit status is 1 when a check fails.
#
# Environment: SENTINEL (/tmp/soak-sentinel), DURATION (1800), OUT (/tmp/soak-OUT, emptied),
# RATE (10000 lines/s), PPS (10000; 0 = no capture), ROTATE (60), ACTION_EVERY (180), SEED (16),
# DRAIN (60), DRAIN_MAX (240), RESTART_DELAY (3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HELPER="$ROOT/Benchmarks/soak.py"
SENTINEL="${SENTINEL:-/tmp/soak-sentinel}"
DURATION="${DURATION:-1800}"
OUT="${OUT:-/tmp/soak-OUT}"
RATE="${RATE:-10000}"
PPS="${PPS:-10000}"
ROTATE="${ROTATE:-60}"
ACTION_EVERY="${ACTION_EVERY:-180}"
SEED="${SEED:-16}"
DRAIN="${DRAIN:-60}"
DRAIN_MAX="${DRAIN_MAX:-240}"
RESTART_DELAY="${RESTART_DELAY:-3}"
BOUND=$((DURATION + DRAIN_MAX + 300))  # every helper and sentinel stops by itself after this
DMAC="02:00:00:5e:10:01"

log() { printf '== [%5ss] %s\n' "$(elapsed)" "$*" | tee -a "$OUT/events.log" >&2; }
START=$(date +%s)
elapsed() { echo $(($(date +%s) - START)); }

rm -rf "$OUT"
mkdir -p "$OUT"
: >"$OUT/events.log"
HELPERS=()
SPID=""
# shellcheck disable=SC2317  # called by the trap
cleanup() {
    if [[ -n "$SPID" ]]; then kill -KILL "$SPID" 2>/dev/null || true; fi
    for pid in "${HELPERS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    sleep 0.5
    for pid in "${HELPERS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
HPORT="$(free_port)"
RPORT="$(free_port)"
LISTEN="127.0.0.1:$HPORT"

CAPTURE=0
if ((PPS > 0)); then
    if [[ "$(id -u)" == 0 ]] && command -v tcpreplay >/dev/null && command -v tcprewrite >/dev/null; then
        tcprewrite --enet-dmac="$DMAC" --infile="$ROOT/captures/mixed.pcap" --outfile="$OUT/replay.pcap"
        CAPTURE=1
    else
        log "no capture: needs root and tcpreplay (apt-get install tcpreplay); the log load runs alone"
    fi
fi

{
    echo "sentinel: { host: soak, window: 1, model: \"$ROOT/models/default.json\", log_model: \"$ROOT/models/logs.json\", store: \"$OUT/sentinel.db\" }"
    if ((CAPTURE)); then
        echo "capture: { interfaces: [lo], filter: \"ether dst $DMAC\", snaplen: 256 }"
    fi
    echo "logs: [ { path: \"$OUT/access.log\", format: combined, optional: true } ]"
    echo "incidents: { open_after: 3, resolve_after: 5, cooldown: 30 }"
    echo "baseline: { warmup: 60 }  # the site gate judges from the first burst on"
    echo "alerts:"
    echo "  webhooks: [ { name: soak, url: \"http://127.0.0.1:$RPORT/hook\", format: sentinel, secret_env: SOAK_SECRET, timeout: 5 } ]"
    echo "http: { listen: \"$LISTEN\" }"
} >"$OUT/sentinel.yaml"
export SOAK_SECRET="soak-secret-not-a-real-one"
"$SENTINEL" rules check "$OUT/sentinel.yaml" >"$OUT/rules-check.txt" 2>&1 || { cat "$OUT/rules-check.txt" >&2; exit 1; }

metric_lines() {  # sentinel_log_lines_total summed over logs, "" when /metrics does not answer
    { curl -sf --max-time 3 "http://$LISTEN/metrics" || true; } |
        awk '$1 ~ /^sentinel_log_lines_total/ { s += $2; n = 1 } END { if (n) printf "%d\n", s; else if (NR) print 0 }'
}

LIFE=0
start_sentinel() {
    LIFE=$((LIFE + 1))
    "$SENTINEL" run --config "$OUT/sentinel.yaml" --duration "$BOUND" >"$OUT/life-$LIFE.out" 2>"$OUT/life-$LIFE.err" &
    SPID=$!
    echo "$SPID $LIFE" >"$OUT/current"
    for _ in $(seq 100); do
        curl -sf --max-time 1 "http://$LISTEN/healthz" >/dev/null 2>&1 && break
        sleep 0.2
    done
    log "lifetime $LIFE started: pid $SPID"
}

# Ends the current lifetime (how: term, kill or crash) and appends it to lifetimes.jsonl with the
# lines it counted: the exit summary's "log lines N" (0 when it has none), or for a kill the
# /metrics count read once the paused writer's last lines were read.
end_lifetime() {
    local how="$1" lines="null" from="summary" skipped="null" status=0
    if [[ "$how" == kill ]]; then
        kill -STOP "$WRITER"
        local last="" now="" same=0
        for _ in $(seq 30); do
            sleep 1
            now="$(metric_lines)"
            if [[ -n "$now" && "$now" == "$last" ]]; then same=$((same + 1)); else same=0; fi
            last="$now"
            ((same >= 2)) && break
        done
        lines="${now:-null}" from="metrics before SIGKILL"
        kill -KILL "$SPID"
        wait "$SPID" || status=$?
        kill -CONT "$WRITER"
    else
        if [[ "$how" == term ]]; then
            kill -TERM "$SPID"
            for _ in $(seq 300); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
        fi
        wait "$SPID" || status=$?
        if grep -q '^sentinel stopped' "$OUT/life-$LIFE.out"; then
            read -r lines skipped < <(awk '/^  log lines/ { gsub(",", ""); l = $3; s = $5 } END { print l + 0, s + 0 }' "$OUT/life-$LIFE.out")
        else
            from="no summary"
        fi
    fi
    printf '{"life": %d, "pid": %d, "ended_by": "%s", "status": %d, "log_lines": %s, "skipped": %s, "lines_from": "%s"}\n' \
        "$LIFE" "$SPID" "$how" "$status" "$lines" "$skipped" "$from" >>"$OUT/lifetimes.jsonl"
    log "lifetime $LIFE ended by $how: exit status $status, lines counted $lines ($from)"
    SPID=""
    echo "0 $LIFE" >"$OUT/current"
}

# The sampler: every 10 s, RSS (kB) and open descriptors of the current sentinel.
echo "t_s,life,pid,rss_kb,fds,cpu_s" >"$OUT/rss.csv"
(
    while sleep 10; do
        read -r pid life <"$OUT/current" || continue
        [[ "$pid" != 0 ]] || continue
        rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)" || continue
        fds="$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)"
        cpu="$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$pid/stat" 2>/dev/null)"
        [[ -n "$rss" ]] && echo "$(($(date +%s) - START)),$life,$pid,$rss,$fds,$cpu" >>"$OUT/rss.csv"
    done
) &
HELPERS+=($!)

python3 "$HELPER" receiver --port "$RPORT" --record "$OUT/deliveries.jsonl" --succeed "$OUT/receiver-succeeds" \
    --seed "$SEED" --bound "$BOUND" 2>"$OUT/receiver.err" &
HELPERS+=($!)
echo "0 0" >"$OUT/current"
start_sentinel
python3 "$HELPER" writer --log "$OUT/access.log" --count "$OUT/writer.json" --rate "$RATE" --rotate "$ROTATE" \
    --seed "$SEED" --bound "$BOUND" 2>"$OUT/writer.err" &
WRITER=$!
HELPERS+=("$WRITER")
if ((CAPTURE)); then
    # One burst of PPS packets at top speed each second: tcpreplay --pps busy-waits between
    # packets (a whole core at 5,000/s here), a burst takes ~0.02 s of CPU.
    (
        while (($(date +%s) - START < BOUND)); do
            tcpreplay -q -i lo --topspeed --limit "$PPS" --loop 0 "$OUT/replay.pcap" >>"$OUT/tcpreplay.out" 2>&1 || true
            sleep 1
        done
    ) &
    REPLAY=$!
    HELPERS+=("$REPLAY")
fi
log "load: $RATE lines/s (rotation every ${ROTATE}s), capture $( ((CAPTURE)) && echo "$PPS packets/s on lo" || echo off ); http $LISTEN, receiver 127.0.0.1:$RPORT"

NACTIONS=$(((DURATION - 1) / ACTION_EVERY))
read -r -a ACTIONS <<<"$(python3 "$HELPER" schedule --seed "$SEED" --count "$NACTIONS")"
log "disruptions every ${ACTION_EVERY}s: ${ACTIONS[*]:-none}"
next=1
while (($(elapsed) < DURATION)); do
    sleep 1
    if ! kill -0 "$SPID" 2>/dev/null; then
        log "the sentinel died by itself"
        end_lifetime crash
        start_sentinel
        continue
    fi
    if ((next <= NACTIONS && $(elapsed) >= next * ACTION_EVERY)); then
        action="${ACTIONS[next - 1]}"
        next=$((next + 1))
        case "$action" in
            hup)
                kill -HUP "$SPID"
                log "SIGHUP sent to lifetime $LIFE"
                ;;
            kill | term)
                end_lifetime "$action"
                sleep "$RESTART_DELAY"
                start_sentinel
                ;;
        esac
    fi
done

log "stopping the load; the receiver succeeds from now on"
if ((CAPTURE)); then kill -TERM "$REPLAY" 2>/dev/null || true; fi
kill -TERM "$WRITER"
wait "$WRITER" || true
touch "$OUT/receiver-succeeds"
undelivered() { sqlite3 "file:$OUT/sentinel.db?mode=ro" "SELECT count(*) FROM outbox WHERE delivered IS NULL" 2>/dev/null || echo "?"; }
drain_start=$(date +%s)
while true; do
    sleep 5
    waited=$(($(date +%s) - drain_start))
    left="$(undelivered)"
    ((waited >= DRAIN)) && [[ "$left" == 0 ]] && break
    ((waited >= DRAIN_MAX)) && break
done
log "drained for ${waited}s: $left undelivered in the outbox; SIGTERM"
end_lifetime term
kill -TERM "${HELPERS[1]}" 2>/dev/null || true  # the receiver

{
    echo "Soak of $SENTINEL: $(date -u -d "@$START" +%FT%TZ), ${DURATION}s, seed $SEED"
    echo "Machine: $(nproc) cores, $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "Load: $RATE log lines/s, rotation by rename every ${ROTATE}s; capture: $( ((CAPTURE)) && echo "mixed.pcap at $PPS packets/s on lo" || echo off )"
    echo "Disruptions (every ${ACTION_EVERY}s): ${ACTIONS[*]:-none}"
    echo "Timeline: OUT/events.log; per lifetime exit summaries: OUT/life-N.out"
    if ((CAPTURE)); then
        awk '/capture lo:/ { r += $4; k += $8; i += $11 } /analysis queue drops/ { q += $4 }
            END { printf "Capture over the lifetimes that printed a summary: %d packets received, kernel drops %d, interface drops %d, queue drops %d\n", r, k, i, q }' \
            "$OUT"/life-*.out
    fi
    echo
} >"$OUT/summary.txt"
status=0
python3 "$HELPER" check --out "$OUT" >>"$OUT/summary.txt" || status=$?
cat "$OUT/summary.txt"
exit "$status"
