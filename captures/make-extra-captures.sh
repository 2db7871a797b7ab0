#!/usr/bin/env bash
# make-extra-captures.sh — more VARIED labelled packet captures for Sentinel.
#
# Usage:   ONLY=name1,name2 captures/make-extra-captures.sh   records just those files
#          again and updates their rows in labels.csv.
# Usage:   sudo captures/make-extra-captures.sh        (takes about 8 minutes)
# Output:  captures/extra/*.pcap and captures/extra/labels.csv
#          (set OUT_DIR=/some/dir to write elsewhere)
# Needs:   root, Linux network namespaces, and: ip (iproute2), tcpdump, hping3,
#          nmap, nping (comes with nmap), wrk, nginx (nginx-light is enough), curl,
#          ping (iputils-ping), python3.
#
# make-captures.sh makes ONE example per class; this script makes several
# different-looking examples per class (single vs. spoofed sources, other
# ICMP types, other ports, payload sizes, scan types, slow/fast, few/many
# connections, and several kinds of normal traffic).  Its structure follows
# make-captures.sh; both set up and clean up the namespace with netns.sh.
#
# Safety (these are hard rules, keep them when editing):
#   * Every server, client, attack tool and tcpdump runs inside the network
#     namespace "$NS" that this script creates; it has only a loopback
#     interface, so no packet can leave it.  The host's network and sysctls
#     are never touched (the sysctls below are per-namespace).
#   * Only addresses in 127.0.0.0/8 are used.  Inside the namespace lo gets
#     127.0.0.1/24 (the "real" hosts 127.0.0.x) and a route
#     127.64.0.0/10 dev lo; spoofed attack sources come from 127.64.0.0/10.
#     No --rand-source / --rand-dest is ever used.
#   * Every load is bounded by packet count (-c) and/or duration, and
#     additionally wrapped in `timeout`.
#   * A trap removes everything on exit, also on failure or Ctrl-C: it kills
#     the processes this script started (by pid), deletes the namespace (and
#     with it anything still running in it) and the temp dir.
#
# Labels (labels.csv, header file,class,start,end): one row per capture file,
# start/end are epoch seconds (taken with `date +%s.%N` right before and after
# the attack commands) of the attack; packets outside a labelled range are
# normal traffic.  normal_*.pcap have an empty range = whole file is normal.
#
# Every attack capture also contains light "normal" background traffic from
# several client addresses (127.0.0.2-127.0.0.40) before, during and after
# the attack.  Attackers that are "real" (unspoofed) hosts use 127.0.0.6x-9x.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT_DIR="${OUT_DIR:-$HERE/extra}"
NS="sentinel-cap"
PORT=8080
SNAPLEN=128
PRE=3          # seconds of normal traffic before an attack
POST=3         # ... and after it

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $EUID -eq 0 ]] || die "must run as root (sudo $0)"
for tool in ip nft tcpdump hping3 nmap nping wrk nginx curl ping python3 timeout; do
    command -v "$tool" >/dev/null || die "missing tool: $tool"
done
NGINX_BIN="$(command -v nginx)"
PY="$(command -v python3)"
SCRIPT_START=$(date +%s)

WORK="$(mktemp -d /tmp/sentinel-xcap.XXXXXX)"
chmod 755 "$WORK"               # nginx workers (user nobody) read the web root
STAGE="$WORK/out"               # captures are moved to OUT_DIR only on success
mkdir -p "$STAGE"
source "$HERE/netns.sh"         # PIDS, netns_fresh, netns_bg; cleans up on exit
BG_STOP="$WORK/stop-bg"         # capture_stop stops the background clients with it
# shellcheck source=captures/capture-site.sh
source "$HERE/capture-site.sh"  # nsx, bgx, now, the site, capture_start/stop, label

stopbg() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# ---------------------------------------------------------------- namespace
site_namespace
# let unprivileged ping (if ping is not setuid) work inside the namespace
nsx sysctl -qw net.ipv4.ping_group_range="0 2147483647" || true
# A real host rate-limits the ICMP errors it sends (net.ipv4.icmp_ratelimit), but Linux
# exempts loopback: without this, every datagram of a UDP flood would be answered by a
# port-unreachable and the capture would be half ICMP, unlike any flood on a real network.
# The rule lives in the namespace's own nftables ruleset and only limits errors sent by
# the victim (127.0.0.1), never the attack tools' packets (other sources).
nsx nft add table ip sentinel_rl
nsx nft add chain ip sentinel_rl out '{ type filter hook output priority 0; policy accept; }'
nsx nft add rule ip sentinel_rl out ip saddr 127.0.0.1 icmp type destination-unreachable limit rate over 2/second drop

# ---------------------------------------------------------------- nginx
site_web_root
mkdir -p "$WEB/files"
head -c 40M /dev/urandom > "$WEB/files/backup.tar.gz"  # bulk download
chmod -R a+rX "$WEB/files"
site_nginx 1800 2048 "worker_rlimit_nofile 4096;"

# ---------------------------------------------------------------- helpers
site_normal_wrk
# HTTP flood, many connections: each connection sends a request every
# 500-1200 ms; GETs on random pages and unique URLs plus some POSTs.
cat > "$WORK/flood-many.lua" <<'EOF'
local paths = {"/", "/index.html", "/about.html", "/api/status", "/search?q=", "/login", "/static/logo.png"}
request = function()
  local p = paths[math.random(#paths)]
  if p == "/search?q=" or p == "/login" then p = p .. math.random(1, 1000000) end
  if math.random(4) == 1 then
    return wrk.format("POST", "/login", {["Content-Type"]="application/x-www-form-urlencoded"},
                      "user=admin&pass=" .. math.random(1, 1000000))
  end
  return wrk.format("GET", p)
end
delay = function() return math.random(500, 1200) end
EOF
# HTTP flood, few connections: each of 4 connections sends a request
# every ~13 ms (~75 req/s per connection, ~300 req/s in total).
cat > "$WORK/flood-few.lua" <<'EOF'
local paths = {"/", "/index.html", "/api/status", "/search?q="}
request = function()
  local p = paths[math.random(#paths)]
  if p == "/search?q=" then p = p .. math.random(1, 1000000) end
  return wrk.format("GET", p)
end
delay = function() return math.random(10, 16) end
EOF

# Background "normal users" (as in make-captures.sh), but they run until the
# file $WORK/stop-bg appears (or at most SECONDS), so they cover the whole
# capture no matter how long the attack takes.
site_normal_clients

# Twenty independent web users, one address each (127.0.0.101-120), each
# fetching a page over a new connection every 0.5-2.5 s.
cat > "$WORK/users20.sh" <<EOF
#!/usr/bin/env bash
# usage: users20.sh SECONDS
end=\$(( \$(date +%s) + \$1 ))
user() {
    local src=\$1
    local paths=("/" "/about.html" "/api/status" "/static/app.css" "/static/logo.png" "/index.html")
    while (( \$(date +%s) < end )); do
        curl -s --max-time 3 --interface "\$src" -o /dev/null \
            "http://127.0.0.1:$PORT\${paths[RANDOM % \${#paths[@]}]}" || true
        sleep "\$(( RANDOM % 2 )).\$(( 5 + RANDOM % 5 ))"
    done
}
for i in \$(seq 101 120); do user "127.0.0.\$i" & done
wait
EOF
chmod +x "$WORK/users20.sh"

# Small Python helpers (standard library only; loopback only; every mode
# bounded by --duration).
cat > "$WORK/helpers.py" <<'EOF'
import argparse, ipaddress, random, socket, struct, sys, threading, time
LO = ipaddress.ip_network("127.0.0.0/8")
def lo(a):
    if ipaddress.ip_address(a) not in LO: sys.exit(f"{a} outside 127.0.0.0/8")
    return a
p = argparse.ArgumentParser()
p.add_argument("mode", choices=["udp-server", "udp-client", "tcp-server", "tcp-client", "http-newconn"])
p.add_argument("--host", default="127.0.0.1", type=lo)
p.add_argument("--port", type=int, required=True)
p.add_argument("--source", action="append", default=[], type=lo)
p.add_argument("--duration", type=float, required=True)
p.add_argument("--interval", type=float, default=0.5)
p.add_argument("--threads", type=int, default=1)
a = p.parse_args()
assert 0 < a.duration <= 120 and a.threads <= 64 and a.interval >= 0.001
end = time.monotonic() + a.duration
names = ["www.example.com", "api.shop.test", "cdn.static.test", "mail.corp.test", "time.ntp.test"]

if a.mode == "udp-server":      # DNS-like: answer each query with a bigger reply
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((a.host, a.port)); s.settimeout(0.5)
    while time.monotonic() < end:
        try: q, peer = s.recvfrom(2048)
        except socket.timeout: continue
        s.sendto(q[:2] + b"\x81\x80" + q[4:] + b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x0e\x10\x00\x04\x7f\x00\x00\x01", peer)
elif a.mode == "udp-client":    # one client per --source, a query every ~interval
    def client(src):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((src, 0)); s.settimeout(1)
        while time.monotonic() < end:
            name = random.choice(names)
            qname = b"".join(bytes([len(x)]) + x.encode() for x in name.split(".")) + b"\0"
            q = struct.pack(">HHHHHH", random.randint(0, 65535), 0x0100, 1, 0, 0, 0) + qname + b"\x00\x01\x00\x01"
            s.sendto(q, (a.host, a.port))
            try: s.recvfrom(2048)
            except socket.timeout: pass
            time.sleep(a.interval * random.uniform(0.5, 1.5))
    ts = [threading.Thread(target=client, args=(x,)) for x in a.source]
    [t.start() for t in ts]; [t.join() for t in ts]
elif a.mode == "tcp-server":    # line echo server
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((a.host, a.port)); s.listen(8); s.settimeout(0.5)
    def serve(c):
        c.settimeout(0.5)
        while time.monotonic() < end:
            try: d = c.recv(4096)
            except socket.timeout: continue
            except OSError: break
            if not d: break
            c.sendall(b"> " + d)
        c.close()
    while time.monotonic() < end:
        try: c, _ = s.accept()
        except socket.timeout: continue
        threading.Thread(target=serve, args=(c,), daemon=True).start()
elif a.mode == "tcp-client":    # interactive session: a short line every ~interval
    c = socket.socket(); c.bind((a.source[0] if a.source else "127.0.0.1", 0))
    c.connect((a.host, a.port)); c.settimeout(1)
    cmds = ["ls", "pwd", "uptime", "cat notes.txt", "echo hi", "date", "whoami", "top -n1 | head -3"]
    while time.monotonic() < end:
        c.sendall((random.choice(cmds) + "\n").encode())
        try: c.recv(4096)
        except socket.timeout: pass
        time.sleep(a.interval * random.uniform(0.7, 1.3))
    c.close()
elif a.mode == "http-newconn":  # HTTP flood, a NEW connection per request (no keep-alive)
    import http.client
    srcs = a.source or ["127.0.0.1"]
    def worker(i):
        while time.monotonic() < end:
            try:
                h = http.client.HTTPConnection(a.host, a.port, timeout=2, source_address=(srcs[i % len(srcs)], 0))
                h.request("GET", random.choice(["/", "/index.html", "/api/status", f"/search?q={random.randint(1, 10**6)}"]),
                          headers={"Connection": "close", "User-Agent": "Mozilla/5.0"})
                h.getresponse().read(); h.close()
            except OSError: pass
            time.sleep(a.interval)
    ts = [threading.Thread(target=worker, args=(i,)) for i in range(a.threads)]
    [t.start() for t in ts]; [t.join() for t in ts]
EOF

labels_begin

# attack NAME CLASS FUNC [ARGS...]: one capture file = PRE s of background,
# FUNC (the attack, timed with date +%s.%N), POST s of background.
wanted() { [[ -z ${ONLY:-} || ",$ONLY," == *",$1,"* ]]; }
attack() {
    local name=$1 class=$2; shift 2
    wanted "$name" || return 0
    capture_start "$name"
    background_normal 40
    sleep "$PRE"
    local t0 t1
    t0=$(now)
    "$@" || log "warning: attack command for $name returned non-zero"
    t1=$(now)
    sleep "$POST"
    capture_stop
    label "$name.pcap" "$class" "$t0" "$t1"
}
# attack_quiet NAME CLASS FUNC [ARGS...]: like attack, without the background clients
# (a scanner on an otherwise idle segment: the scan is all the capture holds).
attack_quiet() {
    local name=$1 class=$2; shift 2
    wanted "$name" || return 0
    capture_start "$name"
    sleep 1
    local t0 t1
    t0=$(now)
    "$@" || log "warning: attack command for $name returned non-zero"
    t1=$(now)
    sleep 1
    capture_stop
    label "$name.pcap" "$class" "$t0" "$t1"
}
# hping3_one SOURCE COUNT INTERVAL [hping3 args...]: one unspoofed attacker
# host (a real 127.0.0.x address) against 127.0.0.1.
hping3_one() {
    local src=$1 count=$2 interval=$3; shift 3
    nsx timeout 30 hping3 -q "$@" -a "$src" -i "$interval" -c "$count" 127.0.0.1 >/dev/null 2>&1 || true
}

# ---------------------------------------------------------------- ICMP floods
# (a) BlackNurse: ICMP type 3 code 3 (port unreachable) from ONE real host,
#     ~1000 pkt/s for ~8 s; the target sends nothing back.
attack icmp_flood_blacknurse icmp_flood \
    hping3_one 127.0.0.66 8000 u1000 --icmp -C 3 -K 3
# (b) echo flood from ONE real host, ~400 pkt/s for ~8 s, replies present.
attack icmp_flood_echo_single icmp_flood \
    hping3_one 127.0.0.67 3000 u2500 --icmp -d 32
# (c) echo flood from 6 spoofed sources (-a rotation), ~400 pkt/s in total.
attack icmp_flood_echo_spoofed icmp_flood \
    hping3_flood 520 u15000 --icmp -d 24

# ---------------------------------------------------------------- UDP floods
# (a) ONE source to port 0, no payload (42-byte frames), ~600 pkt/s for ~8 s
#     (the victim's port-unreachables are rate-limited to 2/s, as on a real host).
attack udp_flood_port0_single udp_flood \
    hping3_one 127.0.0.68 5000 u1600 --udp -p 0 -d 0
# (b) ONE source, 1200-byte payloads to port 80, ~250 pkt/s for ~8 s.
attack udp_flood_bigpayload_single udp_flood \
    hping3_one 127.0.0.69 2000 u4000 --udp -p 80 -d 1200
# (c) 6 spoofed sources to fixed port 53, 16-byte payloads, ~400 pkt/s.
attack udp_flood_spoofed_port53 udp_flood \
    hping3_flood 520 u15000 --udp -p 53 -d 16

# ---------------------------------------------------------------- SYN floods
# (a) ONE real host to 8080, ~350 SYN/s for ~8 s (its kernel RSTs the SYN-ACKs).
attack syn_flood_single_8080 syn_flood \
    hping3_one 127.0.0.70 2800 u2800 -S -p "$PORT"
settle 8
# (b) 6 spoofed sources, lower rate: ~330 SYN/s in total for ~8 s.
attack syn_flood_spoofed_slow syn_flood \
    hping3_flood 440 u18000 -S -p "$PORT"
settle 8
# (c) ONE real host to CLOSED port 443, ~450 SYN/s -> each answered by RST.
attack syn_flood_closed_port443 syn_flood \
    hping3_one 127.0.0.71 3600 u2200 -S -p 443
settle 2

# ---------------------------------------------------------------- port scans
scan_syn() { nsx timeout 20 nmap -sS -Pn -n -p 1-2000 -T4 --max-retries 1 --max-rate 250 \
                 -S 127.0.0.81 -e lo 127.0.0.1 >"$WORK/nmap-a.txt"; }
scan_udp() { nsx timeout 14 nmap -sU -Pn -n --top-ports 100 -T4 --max-retries 1 --max-rate 20 --host-timeout 12s \
                 -S 127.0.0.82 -e lo 127.0.0.1 >"$WORK/nmap-b.txt"; }
# Host sweeps.  nmap -sn never sends probes here: it treats every address
# routed via lo (127.0.0.x and 127.64/10 alike) as "localhost" and reports it
# up without probing.  So the sweeps are made with tools that do put the
# probes on the wire: nping for the ICMP echo sweep, and nmap -Pn with ONE
# port over many hosts for the TCP-ACK and UDP sweeps (same packets as
# -PA80 / -PU53 probes).
sweep_icmp() {  # ICMP echo sweep 127.0.0.1-254, ~30 hosts/s
    nsx timeout 14 nping --icmp --icmp-type echo --rate 30 -c 1 -S 127.0.0.83 -e lo \
        127.0.0.1-254 >"$WORK/nping-sweep.txt" 2>&1 || true
}
sweep_ack() {   # TCP ACK to port 80 on each of 127.0.0.0/24, ~30 hosts/s (RST back)
    nsx timeout 14 nmap -Pn -sA -n -p 80 --max-retries 0 --max-rate 30 \
        -S 127.0.0.84 -e lo 127.0.0.0/24 >"$WORK/nmap-sweep-ack.txt" || true
}
sweep_udp() {   # slow UDP host scan: port 53 on each of 127.0.0.0/25, ~10 hosts/s
    nsx timeout 14 nmap -Pn -sU -n -p 53 --max-retries 0 --max-rate 12 \
        -S 127.0.0.85 -e lo 127.0.0.0/25 >"$WORK/nmap-sweep-udp.txt" || true
}
scan_slow() { nsx timeout 13 nmap -sS -Pn -n -p 1-100 --scan-delay 100ms --max-retries 0 \
                  -S 127.0.0.86 -e lo 127.0.0.1 >"$WORK/nmap-d.txt" || true; }
scan_connect() { nsx timeout 20 nmap -sT -Pn -n -p 1-1500 -T4 --max-retries 1 --max-rate 180 \
                     127.0.0.1 >"$WORK/nmap-e.txt"; }
attack port_scan_syn_2000 port_scan scan_syn
attack port_scan_udp_top100 port_scan scan_udp
attack port_scan_sweep_icmp port_scan sweep_icmp
attack port_scan_sweep_tcpack port_scan sweep_ack
attack port_scan_sweep_udp port_scan sweep_udp
attack port_scan_slow port_scan scan_slow
attack port_scan_connect port_scan scan_connect
scan_ipproto() { nsx timeout 14 nmap -sO -Pn -n -p 1-255 --max-retries 0 --max-rate 40 \
                     -S 127.0.0.91 -e lo 127.0.0.1 >"$WORK/nmap-f.txt" || true; }
attack port_scan_ipproto port_scan scan_ipproto
attack_quiet port_scan_sweep_udp_quiet port_scan sweep_udp
attack_quiet port_scan_sweep_icmp_quiet port_scan sweep_icmp
attack_quiet port_scan_ipproto_quiet port_scan scan_ipproto
settle 2

# ---------------------------------------------------------------- slowloris
slow() {  # slow SOURCE SOCKETS INTERVAL DURATION
    nsx timeout $(( $4 + 10 )) "$PY" "$HERE/slowloris.py" --host 127.0.0.1 --port "$PORT" \
        --source "$1" --sockets "$2" --interval "$3" --duration "$4" --quiet 2>>"$WORK/slowloris.txt"
}
attack slowloris_2conns slowloris slow 127.0.0.90 2 3 11
attack slowloris_320conns slowloris slow 127.0.0.87 320 5 10
attack slowloris_interval2s slowloris slow 127.0.0.88 60 2 10
settle 2

# ---------------------------------------------------------------- HTTP floods
http_many() { nsx timeout 20 wrk -t2 -c200 -d8s -s "$WORK/flood-many.lua" \
                  "http://127.0.0.1:$PORT/" >"$WORK/wrk-a.txt"; }
http_few() { nsx timeout 20 wrk -t1 -c4 -d8s -s "$WORK/flood-few.lua" \
                 "http://127.0.0.1:$PORT/" >"$WORK/wrk-b.txt"; }
http_newconn() { nsx timeout 20 "$PY" "$WORK/helpers.py" http-newconn --port "$PORT" \
                     --source 127.0.0.89 --threads 6 --interval 0.1 --duration 8; }
attack http_flood_wrk_200conns http_flood http_many
settle 2
attack http_flood_wrk_4conns http_flood http_few
settle 2
attack http_flood_newconn http_flood http_newconn
settle 3

# ---------------------------------------------------------------- normal
if [[ -z ${ONLY:-} ]]; then
# (a) slow pings between two pairs of hosts + light web browsing.
capture_start normal_ping_web
background_normal 40
nsx timeout 20 ping -q -I 127.0.0.20 -i 0.5 -c 32 -w 18 127.0.0.30 >/dev/null &
P1=$!; PIDS+=("$P1")
nsx timeout 20 ping -q -I 127.0.0.21 -i 1 -c 16 -w 18 127.0.0.31 >/dev/null || true
wait "$P1" || true
capture_stop
label normal_ping_web.pcap normal "" ""

# (b) bulk download: 127.0.0.25 downloads a 40 MB file at ~3 MB/s for ~12 s.
capture_start normal_bulk_download
background_normal 40
sleep 1
nsx timeout 20 curl -s --interface 127.0.0.25 --limit-rate 3M --max-time 12 -o /dev/null \
    "http://127.0.0.1:$PORT/files/backup.tar.gz" || true
sleep 2
capture_stop
label normal_bulk_download.pcap normal "" ""

# (c) 20 web users (127.0.0.101-120), a new connection every 0.5-2.5 s each.
capture_start normal_many_users
nsx timeout 25 "$WORK/users20.sh" 16 || true
capture_stop
label normal_many_users.pcap normal "" ""

# (d) DNS-like UDP request/response: 5 clients, a query every ~0.4 s each.
capture_start normal_udp_dns
background_normal 40
bgx 25 "$PY" "$WORK/helpers.py" udp-server --host 127.0.0.53 --port 53 --duration 20
SRV=$BGX_PID
sleep 0.5
nsx timeout 25 "$PY" "$WORK/helpers.py" udp-client --host 127.0.0.53 --port 53 --duration 16 \
    --interval 0.4 --source 127.0.0.11 --source 127.0.0.12 --source 127.0.0.13 \
    --source 127.0.0.14 --source 127.0.0.15 || true
stopbg "$SRV"
capture_stop
label normal_udp_dns.pcap normal "" ""

# (e) long-lived interactive TCP session (a short line every ~0.2 s, echoed).
capture_start normal_interactive_tcp
background_normal 40
bgx 25 "$PY" "$WORK/helpers.py" tcp-server --host 127.0.0.1 --port 2222 --duration 20
SRV=$BGX_PID
sleep 0.5
nsx timeout 25 "$PY" "$WORK/helpers.py" tcp-client --host 127.0.0.1 --port 2222 --duration 16 \
    --interval 0.2 --source 127.0.0.45 || true
stopbg "$SRV"
capture_stop
label normal_interactive_tcp.pcap normal "" ""
fi

# ---------------------------------------------------------------- finish
grep -q . "$WORK/nginx/logs/error.log" && { log "nginx error log (tail):"; tail -n 5 "$WORK/nginx/logs/error.log" >&2; }
cat "$WORK/slowloris.txt" >&2 || true
mkdir -p "$OUT_DIR"
if [[ -n ${ONLY:-} && -f $OUT_DIR/labels.csv ]]; then
    # Recording a few captures again (ONLY=a,b): keep the other rows, replace or add these.
    "$PY" - "$OUT_DIR/labels.csv" "$LABELS" <<'PYMERGE'
import sys
old = open(sys.argv[1]).read().splitlines()
new = open(sys.argv[2]).read().splitlines()
fresh = {line.split(",")[0]: line for line in new[1:]}
rows = [fresh.pop(line.split(",")[0], line) for line in old[1:]]
open(sys.argv[2], "w").write("\n".join([old[0]] + rows + list(fresh.values())) + "\n")
PYMERGE
fi
site_install
log "done in $(( $(date +%s) - SCRIPT_START )) s; summary:"
for f in "$OUT_DIR"/*.pcap; do
    printf '  %-32s %8s bytes %7s packets\n' "$(basename "$f")" "$(stat -c %s "$f")" \
        "$(tcpdump -nn -r "$f" 2>/dev/null | wc -l)" >&2
done
total=$(cat "$OUT_DIR"/*.pcap | wc -c)
log "total pcap bytes: $total"
(( total < 10 * 1024 * 1024 )) || log "WARNING: captures exceed 10 MB"
cat "$OUT_DIR/labels.csv" >&2
