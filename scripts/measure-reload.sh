#!/bin/sh
# How long a SIGHUP reload takes in a running `sentinel run` (read from its own log: the
# "reloading" line to the "configuration reloaded" line), and how many bytes the event log
# writes per window with `verdicts: all`. Usage: scripts/measure-reload.sh [BINARY] [RELOADS]
# (default .build/release/sentinel, 10 reloads). Needs python3 for the arithmetic.
set -eu
binary=${1:-.build/release/sentinel}
reloads=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
: >"$dir/access.log"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$dir/s.yaml" <<YAML
sentinel: { model: $root/models/default.json, log_model: $root/models/logs.json, store: $dir/s.db }
http: { listen: "127.0.0.1:$port" }
logs: [ { path: $dir/access.log, format: combined } ]
events: { path: $dir/events.json, verdicts: all }
planner: { mode: dry-run }
YAML
"$binary" run --config "$dir/s.yaml" 2>"$dir/stderr" >/dev/null &
pid=$!
sleep 2
i=0
while [ "$i" -lt "$reloads" ]; do
    kill -HUP "$pid"
    sleep 1
    i=$((i + 1))
done
kill -TERM "$pid"
wait "$pid" || true
python3 - "$dir/stderr" "$dir/events.json" <<'PY'
import sys, datetime, statistics
def t(line):
    return datetime.datetime.strptime(line.split(" ")[0], "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()
lines = open(sys.argv[1]).read().splitlines()
starts = [t(l) for l in lines if " reloading the configuration" in l]
ends = [t(l) for l in lines if " configuration reloaded " in l]
ms = sorted((e - s) * 1000 for s, e in zip(starts, ends))
print(f"reloads: {len(ms)}; median {statistics.median(ms):.0f} ms, max {max(ms):.0f} ms (check of the file, models loaded, applied)")
events = open(sys.argv[2], "rb").read().splitlines()
verdicts = [e for e in events if b'"event_type":"verdict"' in e]
print(f"event log: {len(verdicts)} verdict lines, {sum(map(len, verdicts)) / max(1, len(verdicts)):.0f} bytes each on average")
PY
