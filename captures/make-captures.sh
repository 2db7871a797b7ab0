#!/usr/bin/env bash
# make-captures.sh — make Sentinel's small labelled packet captures with real tools.
#
# Usage:   sudo captures/make-captures.sh            (takes about 3.5 minutes)
# Output:  captures/{normal,syn_flood,udp_flood,icmp_flood,port_scan,
#                    http_flood,slowloris,mixed}.pcap and captures/labels.csv
#          (set OUT_DIR=/some/dir to write elsewhere)
# Needs:   root, Linux network namespaces, and: ip (iproute2), tcpdump, hping3,
#          nmap, wrk, nginx (nginx-light is enough), curl, python3.
#
# Safety (these are hard rules, keep them when editing):
#   * Every server, client, attack tool and tcpdump runs inside the network
#     namespace "$NS" that this script creates; it has only a loopback
#     interface, so no packet can leave it.  The host's network and sysctls
#     are never touched (the sysctls below are per-namespace).
#   * Only addresses in 127.0.0.0/8 are used.  Inside the namespace lo gets
#     127.0.0.1/24 (the "real" hosts 127.0.0.x) and a route
#     127.64.0.0/10 dev lo; spoofed attack sources come from 127.64.0.0/10.
#     Replies to them (SYN-ACK, ICMP) go out on lo -- so tcpdump sees them --
#     and are then discarded, like replies to spoofed hosts that do not
#     exist.  No --rand-source / --rand-dest is ever used.
#   * Every load is bounded by packet count (-c) and/or duration, and
#     additionally wrapped in `timeout`.
#   * A trap removes everything on exit, also on failure or Ctrl-C: it kills
#     the processes this script started (by pid), deletes the namespace (and
#     with it anything still running in it) and the temp dir.
#
# Labels (labels.csv, header file,class,start,end): one row per capture file,
# start/end are epoch seconds (taken with `date +%s.%N` right before and after
# the attack commands) of the attack; packets outside a labelled range are
# normal traffic.  normal.pcap has an empty range = whole file is normal.
#
# Every attack capture also contains light "normal" background traffic from
# several client addresses (127.0.0.2-127.0.0.40) before, during and after
# the attack, so the file holds both classes.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT_DIR="${OUT_DIR:-$HERE}"
NS="sentinel-cap"
PORT=8080
SNAPLEN=128

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $EUID -eq 0 ]] || die "must run as root (sudo $0)"
for tool in ip tcpdump hping3 nmap wrk nginx curl python3 timeout; do
    command -v "$tool" >/dev/null || die "missing tool: $tool"
done
NGINX_BIN="$(command -v nginx)"

WORK="$(mktemp -d /tmp/sentinel-cap.XXXXXX)"
chmod 755 "$WORK"               # nginx workers (user nobody) read the web root
STAGE="$WORK/out"               # captures are moved to OUT_DIR only on success
mkdir -p "$STAGE"
source "$HERE/netns.sh"         # PIDS, netns_fresh, netns_bg; cleans up on exit
# shellcheck source=captures/capture-site.sh
source "$HERE/capture-site.sh"  # nsx, bgx, now, the site, capture_start/stop, label

# ---------------------------------------------------------------- namespace
site_namespace
[[ "$(sysctl -n net.ipv4.tcp_syncookies)" != "$(nsx sysctl -n net.ipv4.tcp_syncookies)" ]] \
    || log "note: host tcp_syncookies equals the namespace value (host left unchanged)"

# ---------------------------------------------------------------- nginx
site_web_root
site_nginx 900 1024

# ---------------------------------------------------------------- helpers
site_normal_wrk
# wrk script for the HTTP flood: many connections, each sending a request
# every 400-900 ms (throttled only to keep the capture small), some 404s.
cat > "$WORK/flood.lua" <<'EOF'
local paths = {"/", "/index.html", "/about.html", "/api/status", "/search?q=", "/login", "/static/logo.png"}
request = function()
  local p = paths[math.random(#paths)]
  if p == "/search?q=" or p == "/login" then p = p .. math.random(1, 1000000) end
  return wrk.format("GET", p)
end
delay = function() return math.random(400, 900) end
EOF
site_normal_clients

labels_begin

# ---------------------------------------------------------------- scenarios
# 1. normal: light wrk load (4 connections, throttled) + browsing clients.
capture_start normal
background_normal 22
sleep 1
nsx timeout 30 wrk -t1 -c4 -d20s -s "$WORK/normal.lua" "http://127.0.0.1:$PORT/" >"$WORK/wrk-normal.txt"
sleep 2
capture_stop
label normal.pcap normal "" ""

# 2. syn_flood: 6 spoofed sources x 1600 SYNs, ~167 pkt/s each (~1000 pkt/s), ~10 s.
capture_start syn_flood
background_normal 20
sleep 3
t0=$(now)
hping3_flood 1600 u6000 -S -p "$PORT"
t1=$(now)
sleep 5
capture_stop
label syn_flood.pcap syn_flood "$t0" "$t1"
settle 8

# 3. udp_flood: 6 spoofed sources x 800 UDP datagrams (32 B) to closed ports, ~10 s.
capture_start udp_flood
background_normal 17
sleep 3
t0=$(now)
pids=()
ports=(53 123 1900 5353 11211 19)
for i in "${!SPOOF[@]}"; do
    bgx 30 hping3 -q --udp -p "${ports[$i]}" -d 32 -a "${SPOOF[$i]}" -i u12500 -c 800 127.0.0.1 \
        >/dev/null 2>&1
    pids+=("$BGX_PID")
done
for p in "${pids[@]}"; do wait "$p" || true; done
t1=$(now)
sleep 3
capture_stop
label udp_flood.pcap udp_flood "$t0" "$t1"

# 4. icmp_flood: 6 spoofed sources x 800 echo requests (32 B), ~10 s.
capture_start icmp_flood
background_normal 17
sleep 3
t0=$(now)
hping3_flood 800 u12500 --icmp -d 32
t1=$(now)
sleep 3
capture_stop
label icmp_flood.pcap icmp_flood "$t0" "$t1"

# 5. port_scan: nmap SYN scan of 2000 ports + a connect scan of 1000 ports,
#    rate-limited so the scan lasts ~10 s (unlimited it takes 0.1 s here).
capture_start port_scan
background_normal 18
sleep 3
t0=$(now)
nsx timeout 60 nmap -sS -Pn -n -p 1-2000,$PORT -T4 --max-retries 1 --max-rate 400 \
    -S 127.0.0.66 -e lo 127.0.0.1 >"$WORK/nmap-sS.txt"
nsx timeout 60 nmap -sT -Pn -n -p 1-1000,$PORT -T4 --max-retries 1 --max-rate 200 \
    127.0.0.1 >"$WORK/nmap-sT.txt"
t1=$(now)
sleep 3
capture_stop
label port_scan.pcap port_scan "$t0" "$t1"
settle 2

# 6. http_flood: wrk with 200 keep-alive connections for 10 s.
capture_start http_flood
background_normal 17
sleep 3
t0=$(now)
nsx timeout 30 wrk -t2 -c200 -d10s -s "$WORK/flood.lua" "http://127.0.0.1:$PORT/" >"$WORK/wrk-flood.txt"
t1=$(now)
sleep 3
capture_stop
label http_flood.pcap http_flood "$t0" "$t1"
settle 2

# 7. slowloris: 150 sockets from 127.0.0.77, a header line every 5 s, 25 s.
capture_start slowloris
background_normal 32
sleep 3
t0=$(now)
nsx timeout 40 python3 "$HERE/slowloris.py" --host 127.0.0.1 --port "$PORT" \
    --sockets 150 --duration 25 --interval 5 --source 127.0.0.77 --quiet 2>"$WORK/slowloris.txt"
t1=$(now)
sleep 3
capture_stop
label slowloris.pcap slowloris "$t0" "$t1"
settle 2

# 8. mixed: 40 s of normal traffic, SYN flood from second ~15 to ~25.
capture_start mixed
background_normal 40
bgx 50 wrk -t1 -c4 -d40s -s "$WORK/normal.lua" "http://127.0.0.1:$PORT/" >"$WORK/wrk-mixed.txt"
WRK_PID=$BGX_PID
sleep 15
t0=$(now)
hping3_flood 1250 u8000 -S -p "$PORT"
t1=$(now)
wait "$WRK_PID" || true
sleep 1
capture_stop
label mixed.pcap syn_flood "$t0" "$t1"

# ---------------------------------------------------------------- finish
grep -q . "$WORK/nginx/logs/error.log" && { log "nginx error log (tail):"; tail -n 5 "$WORK/nginx/logs/error.log" >&2; }
mkdir -p "$OUT_DIR"
site_install
log "done; summary:"
for f in "$OUT_DIR"/*.pcap; do
    printf '  %-16s %8s bytes %7s packets\n' "$(basename "$f")" "$(stat -c %s "$f")" \
        "$(tcpdump -nn -r "$f" 2>/dev/null | wc -l)" >&2
done
cat "$OUT_DIR/labels.csv" >&2
