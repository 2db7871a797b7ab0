#!/usr/bin/env bash
# make-backgrounds.sh -- record the lab's legitimate background captures.
#
# Usage:  captures/lab/make-backgrounds.sh            all scenarios (~22 min)
#         ONLY=bg_r10,bg_flash captures/lab/make-backgrounds.sh
#         LIST=1 captures/lab/make-backgrounds.sh     scenario names
# Env:    DATA_DIR (default /work/lab-data) -> $DATA_DIR/backgrounds/*.pcap,
#         labels.csv (all normal), stats.csv (what the generator reached);
#         SEED (default 13); SNAPLEN (default 256).
# See labnet.sh for the network and the safety rules.
source "$(dirname "${BASH_SOURCE[0]}")/labnet.sh"
SEED=${SEED:-13}
OUT="$DATA_DIR/backgrounds"

# name | seconds | labgen clients arguments
# (phases DUR:RATE:POOL = crowd requests/s and the number of client addresses it draws from)
SCEN=(
"bg_r10|120|--phases 120:10:400 --dns-rate 1 --icmp-rate 0.2"
"bg_r30|120|--phases 120:30:1000 --dns-rate 2 --icmp-rate 0.3"
"bg_r100|120|--phases 120:100:2000 --dns-rate 4 --icmp-rate 0.5"
"bg_r300|90|--phases 90:300:4000 --dns-rate 8 --icmp-rate 1"
"bg_r1000|75|--phases 75:1000:8000 --dns-rate 15 --icmp-rate 2"
"bg_r3000|60|--phases 60:3000:16000 --dns-rate 25 --icmp-rate 3 --keepalive-share 0.8 --ka-mean 10"
"bg_max|45|--phases 45:10000:30000 --dns-rate 40 --icmp-rate 5 --keepalive-share 0.9 --ka-mean 20 --tls-share 0.2"
"bg_heavy|90|--phases 90:40:800 --heavy nat:10.30.0.10:150 --heavy cdn:10.30.0.20:400:16 --heavy health:10.30.0.30:20 --heavy api:10.30.0.40:300:8 --dns-rate 3"
"bg_heavy_nat|90|--phases 90:20:300 --heavy nat:10.30.0.11:400 --heavy health:10.30.0.31:50 --dns-rate 2"
"bg_flash|180|--phases 40:60:300,40:60-900:300-4000,60:900:4000,40:900-80:4000-400 --dns-rate 4"
"bg_flash_small|120|--phases 30:10:100,20:10-150:100-1500,40:150:1500,30:150-10:1500-100 --dns-rate 2"
"bg_daily|300|--phases 30:20-60:200-600,30:60-300:600-2000,30:300-1200:2000-6000,60:1200-1500:6000-8000,30:1500-900:8000-6000,30:900-300:6000-3000,30:300-80:3000-800,60:80-20:800-200 --dns-rate 6 --icmp-rate 0.5"
"bg_tls_ka|90|--phases 90:400:1500 --tls-share 1.0 --keepalive-share 0.9 --ka-mean 15 --dns-rate 4"
"bg_short_conns|90|--phases 90:400:3000 --keepalive-share 0.0 --tls-share 0.3 --dns-rate 4"
)

if [[ -n ${LIST:-} ]]; then for s in "${SCEN[@]}"; do echo "${s%%|*}"; done; exit 0; fi
wanted() { [[ -z ${ONLY:-} || ",$ONLY," == *",$1,"* ]]; }

lab_install
mkdir -p "$OUT"
lab_net_up
lab_nginx_up
START=$(date +%s)
[[ -f $OUT/labels.csv ]] || echo "file,class,start,end" > "$OUT/labels.csv"
[[ -f $OUT/stats.csv ]] || echo "file,seconds,requests,mean_req_s,peak_req_s,errors,dropped_arrivals,connections,tls_connections,distinct_client_addresses,dns,icmp,packets_captured,packets_dropped" > "$OUT/stats.csv"

i=0
for s in "${SCEN[@]}"; do
    IFS='|' read -r name secs args <<<"$s"
    i=$((i + 1))
    wanted "$name" || continue
    f="$OUT/$name.pcap"
    capture_start "$f"
    # shellcheck disable=SC2086
    cli timeout $((secs + 30)) bash -c "ulimit -n 20000; exec $PY '$LAB_DIR/labgen.py' clients --seed $((SEED * 100 + i)) $args" \
        > "$WORK/$name.json" || log "warning: generator for $name returned non-zero"
    capture_stop
    cap=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' <<<"$CAPTURE_STATS" | head -1)
    drop=$(sed -n 's/.* \([0-9]*\) packets dropped by kernel.*/\1/p' <<<"$CAPTURE_STATS" | head -1)
    "$PY" - "$WORK/$name.json" "$name.pcap" "${cap:-}" "${drop:-}" >> "$OUT/stats.csv" <<'PYS'
import json, sys
j = json.load(open(sys.argv[1]))
print(",".join(str(x) for x in [sys.argv[2], j["seconds"], j["requests"], j["mean_req_per_s"], j["peak_req_per_s"], j["errors"],
      j["dropped_arrivals"], j["connections"], j["tls_connections"], j["distinct_client_addresses"], j["dns_queries"],
      j["icmp_echos"], sys.argv[3], sys.argv[4]]))
PYS
    tail -n 1 "$OUT/stats.csv" >&2
    grep -v "^$name.pcap," "$OUT/labels.csv" > "$WORK/l.csv"; mv "$WORK/l.csv" "$OUT/labels.csv"
    echo "$name.pcap,normal,," >> "$OUT/labels.csv"
done
log "backgrounds done in $(( $(date +%s) - START )) s"
