#!/usr/bin/env bash
# labnet.sh -- shared setup for the Sentinel traffic lab (sourced, not run).
#
# Builds two network namespaces joined by ONE veth pair and nothing else:
#
#   lab-cli (clients, attackers)                 lab-srv (the site)
#   veth "vc" 10.255.0.2/30  <------------------> veth "vs" 10.255.0.1/30
#   AnyIP local routes (bind to any address):      AnyIP local route 10.0.0.0/24:
#     10.20.0.0/16  legitimate crowd                 10.0.0.1   nginx  :80 HTTP  :443 TLS
#     10.30.0.0/24  heavy single clients             10.0.0.53  DNS server (udp/53)
#     10.66.0.0/24  attacker hosts (real)            every other 10.0.0.x is "a host"
#     10.67.0.0/16  HTTP bots / slowloris bots       that answers RST / ICMP (for sweeps)
#   route 10.0.0.0/24 via 10.255.0.1               default route via 10.255.0.2
#
# Spoofed sources come from 172.16.0.0/12.  The site's replies to them go
# back over the veth to lab-cli, which does not own them and does not
# forward (ip_forward=0), so they are dropped there -- like replies to hosts
# that do not exist.  tcpdump runs in lab-srv on "vs": the site's (gateway's)
# view of the traffic.  No packet can leave the two namespaces: they have no
# other interface and no route to the host.
#
# Safety: everything runs via `ip netns exec`; every load is bounded by count
# and/or duration and wrapped in `timeout`; the trap kills what we started (by
# pid), everything left inside the namespaces, deletes them and the temp dir.
set -euo pipefail

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NSS=${LAB_NS:-lab}-srv
NSC=${LAB_NS:-lab}-cli
SERVER=10.0.0.1
DNS_IP=10.0.0.53
SNAPLEN=${SNAPLEN:-256}
DATA_DIR=${DATA_DIR:-/work/lab-data}
PY=/usr/bin/python3        # Debian's python3 (standard library only)

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%6N; }

[[ $EUID -eq 0 ]] || die "must run as root"

lab_install() {   # installs the Debian tools the lab needs, once
    local need=()
    for t in tcpdump:tcpdump hping3:hping3 nmap:nmap nping:nmap wrk:wrk nginx:nginx-light \
             curl:curl openssl:openssl ethtool:ethtool ip:iproute2 timeout:coreutils; do
        command -v "${t%%:*}" >/dev/null || need+=("${t#*:}")
    done
    [[ -x $PY ]] || need+=(python3)
    if ((${#need[@]})); then
        log "installing: ${need[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    fi
}

WORK="$(mktemp -d /tmp/sentinel-lab.XXXXXX)"
chmod 755 "$WORK"
source "$LAB_DIR/../netns.sh"   # PIDS, netns_fresh, netns_bg; cleans up on exit

srv() { ip netns exec "$NSS" "$@"; }
cli() { ip netns exec "$NSC" "$@"; }
# bg NS SECONDS CMD...: netns_bg; sets BG_PID.
bg() { netns_bg "$@"; BG_PID=$NETNS_BG_PID; }

lab_net_up() {
    for ns in "$NSC" "$NSS"; do
        netns_fresh "$ns"
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
        ip netns exec "$ns" ip link set lo up
    done
    ip link add vs netns "$NSS" type veth peer name vc netns "$NSC"
    srv ip addr add 10.255.0.1/30 dev vs
    cli ip addr add 10.255.0.2/30 dev vc
    # no checksum offload, TSO/GSO/GRO: tcpdump sees wire-sized packets with real checksums
    # (with offloads a veth capture shows 64 kB "packets" and partial checksums)
    srv ethtool -K vs tx off tso off gso off gro off >/dev/null 2>&1 || die "ethtool -K vs failed"
    cli ethtool -K vc tx off tso off gso off gro off >/dev/null 2>&1 || die "ethtool -K vc failed"
    srv ip link set vs up
    cli ip link set vc up
    # the site: every 10.0.0.x is local (nginx/DNS bind to .1/.53)
    srv ip route add local 10.0.0.0/24 dev lo
    srv ip route add default via 10.255.0.2 dev vs
    # the clients: any address in these ranges can be bound
    for net in 10.20.0.0/16 10.30.0.0/24 10.66.0.0/24 10.67.0.0/16; do
        cli ip route add local "$net" dev lo
    done
    cli ip route add 10.0.0.0/24 via 10.255.0.1 dev vc src 10.255.0.2
    cli sysctl -qw net.ipv4.ip_forward=0
    cli sysctl -qw net.ipv4.ip_local_port_range="1024 65000"
    cli sysctl -qw net.ipv4.tcp_tw_reuse=1
    srv sysctl -qw net.core.somaxconn=8192
    srv sysctl -qw net.ipv4.tcp_max_syn_backlog=4096
    srv sysctl -qw net.ipv4.tcp_synack_retries=1    # half-open entries expire in ~3 s: a SYN flood's
                                                     # after-effects do not run into the next capture
    srv sysctl -qw net.ipv4.icmp_ratelimit=0        # answer every probe (scans, floods)
    srv sysctl -qw net.ipv4.icmp_msgs_per_sec=100000
    srv sysctl -qw net.ipv4.conf.all.rp_filter=0
    srv sysctl -qw net.ipv4.conf.vs.rp_filter=0
    log "namespaces $NSC <-> $NSS up"
}

lab_nginx_up() {   # nginx on 10.0.0.1:80 and :443 (self-signed cert), DNS on 10.0.0.53
    local web="$WORK/www" ng="$WORK/nginx"
    mkdir -p "$web/static" "$web/img" "$ng/logs" "$ng/tmp"
    # a small shop: pages, css/js, images of several sizes
    for p in index about contact products cart blog faq; do
        { printf '<!doctype html><html><head><title>%s</title>' "$p"
          printf '<link rel="stylesheet" href="/static/app.css"><script src="/static/app.js"></script></head><body>'
          head -c $(( 800 + RANDOM % 6000 )) /dev/zero | tr '\0' 'x'; printf '</body></html>\n'; } > "$web/$p.html"
    done
    cp "$web/index.html" "$web/index.htm"
    head -c 4000 /dev/zero | tr '\0' 'c' > "$web/static/app.css"
    head -c 18000 /dev/zero | tr '\0' 'j' > "$web/static/app.js"
    for i in $(seq 1 40); do head -c $(( 1500 + i * 900 )) /dev/urandom > "$web/img/p$i.jpg"; done
    printf 'ok\n' > "$web/healthz"
    chmod -R a+rX "$web"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=shop.lab" \
        -keyout "$ng/key.pem" -out "$ng/cert.pem" 2>/dev/null
    cat > "$ng/nginx.conf" <<NGX
worker_processes 2;
worker_rlimit_nofile 20000;
user root;
daemon off;
pid $ng/nginx.pid;
error_log $ng/logs/error.log warn;
events { worker_connections 9000; }
http {
    access_log off;
    client_body_temp_path $ng/tmp/body;
    proxy_temp_path $ng/tmp/proxy;
    fastcgi_temp_path $ng/tmp/fastcgi;
    uwsgi_temp_path $ng/tmp/uwsgi;
    scgi_temp_path $ng/tmp/scgi;
    types { text/html html htm; text/css css; application/javascript js; image/jpeg jpg; application/json json; }
    default_type text/plain;
    sendfile off;
    keepalive_timeout 15s;
    keepalive_requests 10000;
    client_header_timeout 120s;     # patient with slow headers (slowloris can hold sockets)
    ssl_certificate $ng/cert.pem;
    ssl_certificate_key $ng/key.pem;
    ssl_session_cache shared:SSL:10m;
    server {
        listen $SERVER:80 backlog=4096 reuseport;
        listen $SERVER:443 ssl backlog=4096 reuseport;
        server_name shop.lab;
        root $web;
        location = /healthz { default_type text/plain; }
        location /api/ { default_type application/json; return 200 '{"ok":true,"items":[1,2,3,4,5,6,7,8,9,10]}\n'; }
        location /search { return 200 'results\n'; }
        location / { index index.html; try_files \$uri \$uri/ =404; }
    }
}
NGX
    srv nginx -t -q -c "$ng/nginx.conf" -p "$ng"
    bg "$NSS" 7200 bash -c "ulimit -n 20000; exec nginx -c '$ng/nginx.conf' -p '$ng'"
    bg "$NSS" 7200 "$PY" "$LAB_DIR/labgen.py" dns-server --bind "$DNS_IP" --duration 7100
    for _ in $(seq 50); do
        cli curl -s -o /dev/null --max-time 1 "http://$SERVER/" && break
        sleep 0.1
    done
    cli curl -sf -o /dev/null --max-time 2 "http://$SERVER/" || die "nginx (http) did not come up"
    cli curl -skf -o /dev/null --max-time 2 "https://$SERVER/" || die "nginx (https) did not come up"
    log "nginx up on $SERVER:80/443, DNS on $DNS_IP:53"
}

TCPDUMP_PID=""
CAP_FILE=""
capture_start() {   # capture_start PATH
    CAP_FILE=$1
    local errlog="$WORK/tcpdump.$(basename "$1").log"
    bg "$NSS" 3600 tcpdump -i vs -nn -s "$SNAPLEN" -B 262144 -Z root -w "$1" 2>"$errlog"
    TCPDUMP_PID=$BG_PID
    for _ in $(seq 50); do grep -q "listening on" "$errlog" 2>/dev/null && break; sleep 0.1; done
    grep -q "listening on" "$errlog" || die "tcpdump did not start"
    sleep 0.3
    log "capturing $(basename "$1")"
}
capture_stop() {
    sleep 0.5
    kill -TERM "$TCPDUMP_PID"; wait "$TCPDUMP_PID" || true
    local errlog="$WORK/tcpdump.$(basename "$CAP_FILE").log"
    CAPTURE_STATS=$(grep -E "captured|dropped" "$errlog" | tr '\n' ' ')
    log "  $(basename "$CAP_FILE"): $CAPTURE_STATS"
    TCPDUMP_PID=""
}
