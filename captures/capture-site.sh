# shellcheck shell=bash
# capture-site.sh -- the test site and capture steps shared by make-captures.sh and
# make-extra-captures.sh (sourced, not run, after netns.sh). The caller sets NS, PORT,
# SNAPLEN, NGINX_BIN, WORK (the temp dir, mode 755) and STAGE (where captures and
# labels.csv are staged), and defines log() and die(). With BG_STOP set (a file path), the
# background clients stop when capture_stop creates that file, instead of running their
# full time.
#
#   nsx CMD...                  runs CMD inside the namespace NS
#   bgx SECONDS CMD...          netns_bg in NS; sets BGX_PID
#   now                         the time, epoch seconds with microseconds
#   site_namespace              makes NS: lo holds 127.0.0.1/24 (the "real" hosts 127.0.0.x)
#                               and routes 127.64.0.0/10 (spoofed sources); no SYN cookies
#   site_web_root               the shop's static pages in WEB ($WORK/www)
#   site_nginx SECONDS CONNECTIONS [DIRECTIVE]
#                               nginx serving WEB on 127.0.0.1:PORT (killed after SECONDS at
#                               the latest), CONNECTIONS per worker, DIRECTIVE an extra line
#                               of the main context; returns once it answers
#   site_normal_clients         writes $WORK/normal-clients.sh, the browsing users
#   site_normal_wrk             writes $WORK/normal.lua, wrk's light "normal" load
#   hping3_flood COUNT INTERVAL [ARGS...]
#                               one bounded hping3 per spoofed source of SPOOF, in parallel
#   settle SECONDS              lets half-open connections / TIME_WAIT drain between scenarios
#   capture_start NAME          starts tcpdump on lo into $STAGE/NAME.pcap
#   background_normal SECONDS   starts the browsing users for SECONDS
#   capture_stop                waits for (or, with BG_STOP, stops) them, then tcpdump
#   labels_begin / label FILE CLASS START END
#                               $STAGE/labels.csv (LABELS): its header, then a row
#   site_install                copies the staged captures and labels.csv into OUT_DIR

nsx() { ip netns exec "$NS" "$@"; }
# bgx SECONDS CMD...: netns_bg in "$NS"; sets BGX_PID.
bgx() { netns_bg "$NS" "$@"; BGX_PID=$NETNS_BG_PID; }
now() { date +%s.%6N; }

site_namespace() {
    netns_fresh "$NS"
    nsx ip link set lo up
    nsx ip addr del 127.0.0.1/8 dev lo
    nsx ip addr add 127.0.0.1/24 dev lo           # 127.0.0.x are local hosts
    nsx ip route add 127.64.0.0/10 dev lo         # spoofed sources: not local
    # Make the server behave like an unprotected one that a SYN flood overwhelms:
    # no SYN cookies, small SYN backlog; half-open entries expire after ~7 s.
    # (These sysctls are per network namespace; the host's are not changed.)
    nsx sysctl -qw net.ipv4.tcp_syncookies=0
    nsx sysctl -qw net.ipv4.tcp_max_syn_backlog=256
    nsx sysctl -qw net.ipv4.tcp_synack_retries=2
}

site_web_root() {
    WEB="$WORK/www"
    mkdir -p "$WEB/static" "$WEB/api" "$WORK/nginx/logs" "$WORK/nginx/tmp"
    cat > "$WEB/index.html" <<'EOF'
<!doctype html>
<html><head><title>Sentinel test shop</title><link rel="stylesheet" href="/static/app.css"></head>
<body><h1>Sentinel test shop</h1><p>A small static page used to make test captures.</p>
<ul><li><a href="/about.html">About</a></li><li><a href="/api/status">Status</a></li></ul>
</body></html>
EOF
    cat > "$WEB/about.html" <<'EOF'
<!doctype html><html><head><title>About</title></head><body><p>About this test server.</p></body></html>
EOF
    printf 'body{font-family:sans-serif;margin:2em}h1{color:#336}\n' > "$WEB/static/app.css"
    printf '{"status":"ok","version":"1.0"}\n' > "$WEB/api/status"
    head -c 3000 /dev/urandom > "$WEB/static/logo.png"   # ~3 kB "image"
    chmod -R a+rX "$WEB"
}

site_nginx() {   # site_nginx SECONDS CONNECTIONS [DIRECTIVE]
    local main=""
    [[ -z ${3:-} ]] || main="$3"$'\n'
    cat > "$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
user nobody nogroup;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
${main}events { worker_connections $2; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    types { text/html html; text/css css; image/png png; application/json json; }
    default_type application/octet-stream;
    sendfile off;               # header+body in one segment: fewer packets
    keepalive_timeout 30s;
    # very patient with slow headers, so slowloris is not cut off early
    client_header_timeout 300s;
    server {
        # small accept backlog; with the SYN backlog above a SYN flood fills it
        listen 127.0.0.1:$PORT backlog=128;
        server_name localhost;
        root $WEB;
        location = /api/status { default_type application/json; }
        location / { try_files \$uri \$uri/ =404; }
    }
}
EOF
    nsx "$NGINX_BIN" -t -q -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
    bgx "$1" "$NGINX_BIN" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
    for _ in $(seq 50); do
        nsx curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" && break
        sleep 0.1
    done
    nsx curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/" || die "nginx did not come up"
    log "nginx up on 127.0.0.1:$PORT inside namespace $NS"
}

# Background "normal users": curl from several 127.0.0.x addresses, each
# visit loads a page and its assets over one connection, then pauses.
site_normal_clients() {
    local until=""
    [[ -z ${BG_STOP:-} ]] || until=" && [[ ! -e \"$BG_STOP\" ]]"
    cat > "$WORK/normal-clients.sh" <<EOF
#!/usr/bin/env bash
# usage: normal-clients.sh SECONDS ; runs until SECONDS have passed${BG_STOP:+ or $BG_STOP exists}
end=\$(( \$(date +%s) + \$1 ))
agents=("Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0"
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
        "curl/7.88.1" "python-requests/2.31.0")
base="http://127.0.0.1:$PORT"
while (( \$(date +%s) < end ))$until; do
    src="127.0.0.\$(( 2 + RANDOM % 39 ))"
    ua="\${agents[RANDOM % \${#agents[@]}]}"
    case \$(( RANDOM % 4 )) in
        0) urls=("\$base/" "\$base/static/app.css" "\$base/static/logo.png") ;;
        1) urls=("\$base/about.html") ;;
        2) urls=("\$base/api/status") ;;
        3) urls=("\$base/index.html" "\$base/static/app.css" "\$base/nope-\$RANDOM") ;;
    esac
    args=()
    for u in "\${urls[@]}"; do args+=(-o /dev/null "\$u"); done
    curl -s --max-time 3 --interface "\$src" -A "\$ua" "\${args[@]}" || true
    sleep "0.\$(( 2 + RANDOM % 7 ))"
done
EOF
    chmod +x "$WORK/normal-clients.sh"
}

# wrk script for "normal" load: random pages, each connection waits
# 150-400 ms between requests (a few requests per second per connection).
site_normal_wrk() {
    cat > "$WORK/normal.lua" <<'EOF'
local paths = {"/", "/index.html", "/about.html", "/api/status", "/static/app.css", "/static/logo.png"}
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
delay = function() return math.random(150, 400) end
EOF
}

# Spoofed attacker sources (all non-local, inside 127.64.0.0/10).
SPOOF=(127.66.1.10 127.66.7.21 127.88.3.4 127.101.0.9 127.77.12.200 127.120.5.33)

# hping3_flood COUNT INTERVAL [hping3 args...]: one bounded hping3 per spoofed
# source (-a rotation), all in parallel; returns when all have sent COUNT packets.
hping3_flood() {
    local count=$1 interval=$2; shift 2
    local pids=() src
    for src in "${SPOOF[@]}"; do
        bgx 30 hping3 -q "$@" -a "$src" -i "$interval" -c "$count" 127.0.0.1 >/dev/null 2>&1
        pids+=("$BGX_PID")
    done
    for p in "${pids[@]}"; do wait "$p" || true; done
}

settle() { sleep "$1"; }   # let half-open connections / TIME_WAIT drain between scenarios

TCPDUMP_PID=""
BG_PID=""
capture_start() {   # capture_start NAME
    local f="$STAGE/$1.pcap"
    [[ -z ${BG_STOP:-} ]] || rm -f "$BG_STOP"
    bgx 120 tcpdump -i lo -nn -s "$SNAPLEN" -Z root -w "$f" 2>"$WORK/tcpdump-$1.log"
    TCPDUMP_PID=$BGX_PID
    for _ in $(seq 50); do
        grep -q "listening on" "$WORK/tcpdump-$1.log" 2>/dev/null && break
        sleep 0.1
    done
    grep -q "listening on" "$WORK/tcpdump-$1.log" || die "tcpdump did not start"
    sleep 0.5
    log "capturing $1.pcap"
}
capture_stop() {   # stops (BG_STOP) or waits for the background normal clients, then tcpdump
    [[ -z ${BG_STOP:-} ]] || touch "$BG_STOP"
    if [[ -n "$BG_PID" ]]; then wait "$BG_PID" || true; BG_PID=""; fi
    sleep 0.5
    kill -TERM "$TCPDUMP_PID"   # timeout passes it on; tcpdump flushes and exits
    # (not SIGINT: background jobs of a script start with SIGINT ignored)
    wait "$TCPDUMP_PID" || true
    TCPDUMP_PID=""
}
background_normal() {   # background_normal SECONDS -> starts normal clients
    bgx $(( $1 + 5 )) "$WORK/normal-clients.sh" "$1"
    BG_PID=$BGX_PID
}

labels_begin() {
    LABELS="$STAGE/labels.csv"
    echo "file,class,start,end" > "$LABELS"
}
label() { echo "$1,$2,$3,$4" >> "$LABELS"; log "label $1 $2 $3 $4"; }

site_install() {
    local f
    for f in "$STAGE"/*.pcap "$LABELS"; do
        install -m 644 "$f" "$OUT_DIR/"
        if [[ -n "${SUDO_UID:-}" ]]; then chown "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$OUT_DIR/$(basename "$f")"; fi
    done
}
