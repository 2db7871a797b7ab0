#!/usr/bin/env bash
# make-log-captures.sh — labelled nginx ACCESS LOGS of service degradation.
#
# What it records: one nginx access log per scenario in captures/logs/*.log,
# plus captures/logs/labels.csv, for training/evaluating a log-window
# classifier with the classes  normal, latency_degradation, error_spike.
# Each scenario starts its own nginx (private prefix in a temp dir, one worker,
# listening on 127.0.0.1:<free port>) in front of its own backend
# (log-backend.py), and drives it with the open-loop load generator
# (log-load.py: Poisson arrivals, many client addresses in 127.0.0.0/8).
# The script switches the backend's behaviour (latency, 5xx share, hangs, or
# kills the backend so nginx answers 502) through the backend's JSON state
# file, and takes the label times with `date +%s.%6N` right when it switches.
#
# Usage:   captures/make-log-captures.sh                  (about 10 minutes)
#          ONLY=name1,name2 captures/make-log-captures.sh re-records just those
#                   files (names without .log) and replaces their rows in
#                   labels.csv; the other rows are kept.
#          JOBS=N   scenarios run in parallel (default 3; each has its own
#                   nginx, backend and ports).
#          OUT_DIR=/some/dir  write elsewhere (default captures/logs).
#          LIST=1   only print the scenario names.
# Needs:   nginx (/usr/sbin/nginx or $NGINX; 1.22 tested), python3 (standard
#          library only), curl, coreutils (timeout, date), awk.  Run as root
#          (nginx runs with `user root` so it can read the temp dir).
#
# Safety: everything listens on and connects to 127.0.0.0/8 only; every load is
# bounded in time (the load generator stops at the end of its schedule and is
# also wrapped in `timeout`).  A trap kills every process this script started
# (by pid, listed in $WORK/pids) and removes the temp dir on exit, also on
# failure or Ctrl-C.
#
# Log format (nginx combined + request_time + upstream_response_time):
#   log_format sentinel '$remote_addr - $remote_user [$time_local] "$request"
#     $status $body_bytes_sent "$http_referer" "$http_user_agent"
#     $request_time $upstream_response_time';
# nginx proxies /api/ to the backend (proxy_read_timeout 3s, so a backend
# hang gives 504) and serves /, /index.html and /static/... itself.
#
# labels.csv: header file,class,start,end.  `file,class,,` labels the whole
# file; a row with start/end (epoch seconds) labels that time range; time of a
# file outside every range is normal.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT_DIR=${OUT_DIR:-$HERE/logs}
JOBS=${JOBS:-3}
ONLY=${ONLY:-}
NGINX=${NGINX:-/usr/sbin/nginx}
BACKEND="$HERE/log-backend.py"
LOADGEN="$HERE/log-load.py"

# name | class | what (the scenario functions are below)
SCENARIOS=(
  latency_800ms_40rps
  normal_5rps
  errors_30pct_5rps
  normal_flash_crowd
  latency_300ms_20rps
  latency_800ms_5rps
  errors_60pct_35rps
  normal_diurnal_noise
  errors_backend_down_5rps
  normal_40rps
  latency_2s_timeouts_15rps
  errors_10pct_10rps
  latency_ramp_15rps
  normal_20rps
  latency_partial_40pct_20rps
  errors_backend_down_20rps
)

if [[ -n "${LIST:-}" ]]; then printf '%s\n' "${SCENARIOS[@]}"; exit 0; fi

for tool in "$NGINX" python3 curl timeout awk; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool" >&2; exit 1; }
done

SELECTED=()
if [[ -n "$ONLY" ]]; then
  IFS=',' read -r -a want <<<"$ONLY"
  for w in "${want[@]}"; do
    w=${w%.log}
    found=0
    for s in "${SCENARIOS[@]}"; do [[ $s == "$w" ]] && found=1; done
    (( found )) || { echo "unknown scenario: $w (LIST=1 shows them)" >&2; exit 1; }
    SELECTED+=("$w")
  done
else
  SELECTED=("${SCENARIOS[@]}")
fi

WORK=$(mktemp -d /tmp/sentinel-logcap.XXXXXX)
chmod 755 "$WORK"
PIDS="$WORK/pids"
: >"$PIDS"

ours() {  # is pid $1 still one of the processes this script started?
  local cmd
  cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ $cmd == *"$WORK"* || $cmd == *log-load.py* || $cmd == *log-backend.py* \
     || $cmd == *make-log-captures.sh* ]]
}
cleanup() {
  local rc=$? p
  trap - EXIT INT TERM
  if [[ -s "$PIDS" ]]; then
    # newest first: load generators and nginx before the scenario subshells;
    # only pids that are still ours (pids may have been reused)
    for p in $(tac "$PIDS"); do ours "$p" && kill -TERM "$p" 2>/dev/null || true; done
    sleep 0.5
    for p in $(tac "$PIDS"); do ours "$p" && kill -KILL "$p" 2>/dev/null || true; done
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now() { date +%s.%6N; }
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# ---------------------------------------------------------------- per scenario
# These run inside the scenario's subshell; they use D, NAME, PORT, BPORT,
# BPID, T0, LOAD_PID.

make_site() {  # static files nginx serves itself (varied sizes)
  local www=$1
  mkdir -p "$www/static/img" "$www/static/fonts"
  python3 - "$www" <<'EOF'
import os, random, sys
www = sys.argv[1]
rnd = random.Random(7)
files = {"index.html": 6200, "static/app.js": 96000, "static/vendor.js": 238000,
         "static/style.css": 27500, "static/logo.png": 11800,
         "favicon.ico": 4286, "static/img/banner.jpg": 158000,
         "static/fonts/inter.woff2": 48200}
for i in range(1, 9):
    files[f"static/img/p{i}.jpg"] = rnd.randint(18000, 92000)
for rel, size in files.items():
    with open(os.path.join(www, rel), "wb") as f:
        f.write(os.urandom(size) if rel.endswith((".png", ".jpg", ".woff2", ".ico"))
                else (b"/* sentinel test site */\n" * (size // 26 + 1))[:size])
EOF
}

write_state() {  # atomically replace the backend state file
  printf '%s\n' "$1" >"$D/state.json.tmp"
  mv -f "$D/state.json.tmp" "$D/state.json"
}

start_backend() {
  python3 "$BACKEND" --port "$BPORT" --state "$D/state.json" \
    --seed "$RANDOM" 2>>"$D/backend.log" &
  BPID=$!
  echo "$BPID" >>"$PIDS"
  local i
  for i in $(seq 1 50); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$BPORT/api/v1/health" && return 0
    sleep 0.1
  done
  echo "$NAME: backend did not start" >&2; return 1
}

stop_backend() {
  kill -TERM "$BPID" 2>/dev/null || true
  wait "$BPID" 2>/dev/null || true
}

start_env() {  # start backend + nginx for scenario $NAME
  D="$WORK/$NAME"
  mkdir -p "$D/tmp" "$D/www"
  make_site "$D/www"
  PORT=$(free_port)
  BPORT=$(free_port)
  while [[ $BPORT == "$PORT" ]]; do BPORT=$(free_port); done
  write_state "$1"
  start_backend
  cat >"$D/nginx.conf" <<EOF
worker_processes 1;
daemon off;
master_process on;
user root;
pid $D/nginx.pid;
error_log $D/error.log warn;
events { worker_connections 2048; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path $D/tmp/body;
  proxy_temp_path $D/tmp/proxy;
  fastcgi_temp_path $D/tmp/fastcgi;
  uwsgi_temp_path $D/tmp/uwsgi;
  scgi_temp_path $D/tmp/scgi;
  log_format sentinel '\$remote_addr - \$remote_user [\$time_local] "\$request" \$status \$body_bytes_sent "\$http_referer" "\$http_user_agent" \$request_time \$upstream_response_time';
  access_log $D/access.log sentinel;
  sendfile on;
  keepalive_timeout 5s;
  server_tokens off;
  server {
    listen 127.0.0.1:$PORT;
    server_name localhost;
    root $D/www;
    location = /__ready { access_log off; return 204; }
    location /api/ {
      proxy_pass http://127.0.0.1:$BPORT;
      proxy_http_version 1.0;
      proxy_connect_timeout 1s;
      proxy_send_timeout 3s;
      proxy_read_timeout 3s;
      proxy_next_upstream off;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
    location / { try_files \$uri \$uri/ =404; }
  }
}
EOF
  [[ -f /etc/nginx/mime.types ]] || sed -i '/mime.types/d' "$D/nginx.conf"
  "$NGINX" -p "$D" -c "$D/nginx.conf" 2>>"$D/error.log" &
  NGPID=$!
  echo "$NGPID" >>"$PIDS"
  local i
  for i in $(seq 1 50); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/__ready" && return 0
    sleep 0.1
  done
  echo "$NAME: nginx did not start" >&2; cat "$D/error.log" >&2; return 1
}

start_load() {  # start_load PHASES CLIENTS [extra log-load.py args...]
  local phases=$1 clients=$2; shift 2
  local total
  total=$(awk -v p="$phases" 'BEGIN{n=split(p,a,",");s=0;for(i=1;i<=n;i++){split(a[i],b,":");s+=b[1]};print int(s)}')
  T0=$(now)
  timeout --signal=TERM --kill-after=5 $((total + 20)) \
    python3 "$LOADGEN" --port "$PORT" --phases "$phases" --clients "$clients" \
    --seed "$RANDOM" "$@" 2>"$D/load.json" &
  LOAD_PID=$!
  echo "$LOAD_PID" >>"$PIDS"
}

at() {  # sleep until T seconds after the load started
  local s
  s=$(awk -v t0="$T0" -v t="$1" -v n="$(now)" 'BEGIN{d=t0+t-n; if(d<0)d=0; printf "%.3f", d}')
  sleep "$s"
}

label() {  # label CLASS [START END]
  echo "$NAME.log,$1,${2:-},${3:-}" >>"$D/labels.part"
}

finish() {  # wait for the load, stop nginx/backend, move the log
  wait "$LOAD_PID" || { echo "$NAME: load generator failed" >&2; cat "$D/load.json" >&2; return 1; }
  sleep 0.5
  kill -QUIT "$NGPID" 2>/dev/null || true   # graceful: finish and flush
  wait "$NGPID" 2>/dev/null || true
  stop_backend
  mkdir -p "$OUT_DIR"
  mv -f "$D/access.log" "$OUT_DIR/$NAME.log"
  local lines
  lines=$(wc -l <"$OUT_DIR/$NAME.log")
  log "$NAME: done, $lines lines; load: $(tail -n1 "$D/load.json")"
  touch "$D/ok"
}

NORMAL='{"latency_ms":0,"jitter_ms":0}'

# degrade PHASES CLIENTS CLASS T_START T_END STATE_JSON [load args...]
# normal lead-in, STATE_JSON from T_START to T_END (seconds after load start),
# then normal again.
degrade() {
  local phases=$1 clients=$2 class=$3 ts=$4 te=$5 state=$6; shift 6
  start_env "$NORMAL"
  start_load "$phases" "$clients" "$@"
  at "$ts"; write_state "$state"; local s; s=$(now)
  at "$te"; write_state "$NORMAL"; local e; e=$(now)
  label "$class" "$s" "$e"
  finish
}

steady() {  # steady PHASES CLIENTS [load args...] -> whole file normal
  local phases=$1 clients=$2; shift 2
  start_env "$NORMAL"
  start_load "$phases" "$clients" "$@"
  label normal
  finish
}

# ---------------------------------------------------------------- scenarios
sc_normal_5rps()   { steady "90:5" 15; }
sc_normal_20rps()  { steady "75:20" 60; }
sc_normal_40rps()  { steady "60:40" 200; }
# flash crowd: rate x5 for 30 s, more clients, latency stays fine -> normal
sc_normal_flash_crowd() { steady "25:8,30:40,25:8" 120; }
# diurnal-like gentle ramp, 5% 404s, ~3% of API requests +1.3 s (slow, not degraded)
sc_normal_diurnal_noise() {
  start_env '{"slow_share":0.03,"slow_extra_ms":1300,"slow_jitter_ms":350}'
  start_load "40:4-15,40:15-18,40:18-6" 80 --notfound-share 0.05
  label normal
  finish
}

sc_latency_300ms_20rps() {
  degrade "90:20" 60 latency_degradation 30 60 '{"latency_ms":300,"jitter_ms":80}'; }
sc_latency_800ms_5rps() {
  degrade "100:5" 20 latency_degradation 30 70 '{"latency_ms":800,"jitter_ms":200}'; }
sc_latency_800ms_40rps() {
  degrade "80:40" 150 latency_degradation 25 55 '{"latency_ms":800,"jitter_ms":200}'; }
# ~2 s with wide jitter plus 6% hangs: a good part exceeds proxy_read_timeout -> 504
sc_latency_2s_timeouts_15rps() {
  degrade "95:15" 50 latency_degradation 30 65 '{"latency_ms":2000,"jitter_ms":600,"hang_share":0.06,"hang_s":10}'; }
# only 40% of API requests are slow (+1.5 s)
sc_latency_partial_40pct_20rps() {
  degrade "90:20" 70 latency_degradation 30 60 '{"slow_share":0.4,"slow_extra_ms":1500,"slow_jitter_ms":250}'; }
# latency ramps up in 2 s steps from +100 ms to +2.4 s over 40 s, then recovers
sc_latency_ramp_15rps() {
  start_env "$NORMAL"
  start_load "100:15" 50
  at 30
  local s="" e i ms t=30
  for i in $(seq 1 20); do
    ms=$((i * 120))
    write_state "{\"latency_ms\":$ms,\"jitter_ms\":$((ms / 5))}"
    [[ -z $s ]] && s=$(now)
    t=$((t + 2)); at "$t"
  done
  write_state "$NORMAL"; e=$(now)
  label latency_degradation "$s" "$e"
  finish
}

sc_errors_10pct_10rps() {
  degrade "90:10" 40 error_spike 30 65 '{"error_share":0.10,"error_codes":{"500":0.7,"503":0.3}}'; }
sc_errors_30pct_5rps() {
  degrade "100:5" 10 error_spike 30 70 '{"error_share":0.30,"error_codes":{"500":1,"502":1,"503":1}}'; }
sc_errors_60pct_35rps() {
  degrade "80:35" 180 error_spike 25 55 '{"error_share":0.60,"error_codes":{"500":0.4,"502":0.2,"503":0.4}}'; }

# backend killed: nginx answers 502 at once (connection refused) for /api/
backend_down() {  # backend_down PHASES CLIENTS T_START T_END
  local phases=$1 clients=$2 ts=$3 te=$4
  start_env "$NORMAL"
  start_load "$phases" "$clients"
  at "$ts"; stop_backend; local s; s=$(now)
  at "$te"; start_backend; local e; e=$(now)
  label error_spike "$s" "$e"
  finish
}
sc_errors_backend_down_5rps()  { backend_down "90:5" 30 30 60; }
sc_errors_backend_down_20rps() { backend_down "90:20" 80 30 60; }

run_one() {
  NAME=$1
  log "$NAME: start"
  "sc_$NAME"
}

# ---------------------------------------------------------------- main
log "recording ${#SELECTED[@]} scenario(s), $JOBS in parallel, work dir $WORK"
START=$(date +%s)
for name in "${SELECTED[@]}"; do
  while (( $(jobs -rp | wc -l) >= JOBS )); do wait -n || true; done
  ( run_one "$name" ) &
  echo $! >>"$PIDS"
  sleep 2   # stagger the starts
done
wait || true

failed=()
for name in "${SELECTED[@]}"; do
  [[ -f "$WORK/$name/ok" ]] || failed+=("$name")
done

# merge labels: new rows for re-recorded files, old rows for the others
mkdir -p "$OUT_DIR"
OLD="$OUT_DIR/labels.csv"
NEW="$WORK/labels.csv"
echo "file,class,start,end" >"$NEW"
for name in "${SCENARIOS[@]}"; do
  if [[ -f "$WORK/$name/ok" ]]; then
    cat "$WORK/$name/labels.part" >>"$NEW"
  elif [[ -f "$OLD" && -f "$OUT_DIR/$name.log" ]]; then
    grep "^$name\.log," "$OLD" >>"$NEW" || true
  fi
done
mv -f "$NEW" "$OLD"
log "wrote $OLD; took $(( $(date +%s) - START )) s; $(du -sh "$OUT_DIR" | cut -f1) in $OUT_DIR"
if (( ${#failed[@]} )); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
