#!/usr/bin/env bash
# make-attacks.sh -- record the lab's attack captures (attack traffic only, no background:
# overlay.py mixes them into the backgrounds at the wanted intensity and dilution).
#
# Usage:  captures/lab/make-attacks.sh               all (~15 min)
#         ONLY=syn_single_300,slowloris_5conns captures/lab/make-attacks.sh
#         LIST=1 captures/lab/make-attacks.sh
# Env:    DATA_DIR (default /work/lab-data) -> $DATA_DIR/attacks/*.pcap, labels.csv,
#         meta.csv (class, sources, nominal rate, what the tool reported); SEED; SNAPLEN.
# Each capture: ~1 s idle, the attack (its time range is the label), ~2 s after-effects.
# Sources: "single" = one real attacker host (10.66.0.x, its kernel answers SYN-ACKs with
# RST), "few" = 6 spoofed addresses (hping3 -a), "many" = thousands of spoofed addresses
# from 172.16.0.0/12 (labgen.py flood, raw socket) or many real bot addresses (10.67/16).
# See labnet.sh for the network and the safety rules.
LAB_NS=${LAB_NS:-labatk}
source "$(dirname "${BASH_SOURCE[0]}")/labnet.sh"
SEED=${SEED:-13}
OUT="$DATA_DIR/attacks"
FEW=(172.16.1.10 172.17.7.21 172.18.3.4 172.21.0.9 172.24.12.200 172.30.5.33)

G() { cli timeout "$1" "$PY" "$LAB_DIR/labgen.py" "${@:2}"; }
hp() { cli timeout "$1" hping3 -q "${@:2}" "$SERVER" 2>&1 | grep -E "packets|round" | tr '\n' ' '; }
hp_few() {   # hp_few SECS COUNT_EACH INTERVAL ARGS...: 6 spoofed sources in parallel
    local secs=$1 cnt=$2 iv=$3; shift 3
    local pids=() s
    for s in "${FEW[@]}"; do
        timeout "$secs" ip netns exec "$NSC" hping3 -q "$@" -a "$s" -i "$iv" -c "$cnt" "$SERVER" >/dev/null 2>&1 &
        pids+=($!); PIDS+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || true; done
    echo "6 x $cnt packets"
}
nm() { cli timeout "$1" nmap -n -Pn --max-retries 1 "${@:2}" 2>&1 | grep -E "scanned|Nmap done" | tr '\n' ' '; }

# name | class | sources | nominal | command (bash, run with the helpers above)
SCEN=(
"syn_single_300|syn_flood|single|300 SYN/s 20 s|hp 40 -S -p 80 -a 10.66.0.10 -i u3333 -c 6000"
"syn_few_spoofed_1500|syn_flood|few|1500 SYN/s 20 s|hp_few 40 5000 u4000 -S -p 80"
"syn_many_spoofed_3000|syn_flood|many|3000 SYN/s 20 s, 20000 sources|G 40 flood --kind syn --dport 80 --nsources 20000 --rate 3000 --count 60000 --duration 20 --seed $SEED"
"syn_many_spoofed_443_800|syn_flood|many|800 SYN/s to 443 20 s, 5000 sources|G 40 flood --kind syn --dport 443 --nsources 5000 --rate 800 --count 16000 --duration 20 --seed $((SEED+1))"
"syn_many_spoofed_sat|syn_flood|many|as fast as possible 8 s|G 20 flood --kind syn --dport 80 --nsources 50000 --rate 0 --count 400000 --duration 8 --seed $((SEED+2))"
"syn_low_single_20|syn_flood|single|20 SYN/s 30 s (low rate)|hp 50 -S -p 80 -a 10.66.0.11 -i u50000 -c 600"
"udp_single_1000|udp_flood|single|1000 pkt/s 512 B 20 s|hp 40 --udp -p 9999 -d 512 -a 10.66.0.12 -i u1000 -c 20000"
"udp_few_spoofed_53|udp_flood|few|1500 pkt/s to 53 20 s|hp_few 40 5000 u4000 --udp -p 53 -d 64"
"udp_many_spoofed_3000|udp_flood|many|3000 pkt/s random ports 256 B 20 s|G 40 flood --kind udp --dport 0 --size 256 --nsources 20000 --rate 3000 --count 60000 --duration 20 --seed $((SEED+3))"
"udp_many_spoofed_sat|udp_flood|many|as fast as possible 64 B 8 s|G 20 flood --kind udp --dport 0 --size 64 --nsources 50000 --rate 0 --count 400000 --duration 8 --seed $((SEED+4))"
"udp_reflect_dns_40|udp_flood|many|DNS reflection 40 pkt/s from 64 resolvers 30 s (low rate)|G 50 flood --kind dns-reflect --sources 172.20.0.0/16 --nsources 64 --size 1200 --rate 40 --count 1200 --duration 30 --seed $((SEED+5))"
"udp_reflect_ntp_2000|udp_flood|many|NTP reflection 2000 pkt/s from 300 servers 20 s|G 40 flood --kind ntp-reflect --sources 172.22.0.0/16 --nsources 300 --size 440 --rate 2000 --count 40000 --duration 20 --seed $((SEED+6))"
"icmp_single_1000|icmp_flood|single|1000 echo/s 20 s|hp 40 --icmp -d 56 -a 10.66.0.13 -i u1000 -c 20000"
"icmp_few_spoofed_1500|icmp_flood|few|1500 echo/s 20 s|hp_few 40 5000 u4000 --icmp -d 32"
"icmp_many_spoofed_3000|icmp_flood|many|3000 echo/s 20 s|G 40 flood --kind icmp --size 56 --nsources 20000 --rate 3000 --count 60000 --duration 20 --seed $((SEED+7))"
"icmp_many_spoofed_sat|icmp_flood|many|as fast as possible 8 s|G 20 flood --kind icmp --size 32 --nsources 50000 --rate 0 --count 400000 --duration 8 --seed $((SEED+8))"
"icmp_blacknurse_single|icmp_flood|single|ICMP 3/3 1000 pkt/s 15 s|hp 40 --icmp -C 3 -K 3 -a 10.66.0.14 -i u1000 -c 15000"
"icmp_low_single_30|icmp_flood|single|30 echo/s 30 s (low rate)|hp 50 --icmp -d 56 -a 10.66.0.15 -i u33333 -c 900"
"scan_syn_fast|port_scan|single|nmap -sS 20000 ports at 3000/s|nm 40 -sS -p 1-20000 --max-rate 3000 -S 10.66.0.20 -e vc $SERVER"
"scan_syn_500|port_scan|single|nmap -sS 10000 ports at 500/s|nm 60 -sS -p 1-10000 --max-rate 500 -S 10.66.0.21 -e vc $SERVER"
"scan_connect_300|port_scan|single|nmap -sT 5000 ports at 300/s|nm 60 -sT -p 1-5000 --max-rate 300 $SERVER"
"scan_udp_top200|port_scan|single|nmap -sU top 200 ports at 50/s|nm 40 -sU --top-ports 200 --max-rate 50 --host-timeout 25s -S 10.66.0.22 -e vc $SERVER"
"scan_slow_1ps|port_scan|single|nmap -sS 60 ports, 1 probe/s (slow)|nm 80 -sS -p 1-60 --scan-delay 1s --max-retries 0 -S 10.66.0.23 -e vc $SERVER"
"scan_sweep_tcp|port_scan|single|host sweep 10.0.0.0/24 ports 22,80,443 at 100/s|nm 40 -sS -p 22,80,443 --max-rate 100 -S 10.66.0.24 -e vc 10.0.0.0/24"
"scan_sweep_icmp|port_scan|single|ICMP echo sweep of 254 hosts at 20/s|cli timeout 30 nping --icmp --rate 20 -c 1 -S 10.66.0.25 -e vc 10.0.0.1-254 2>&1 | grep -E 'Raw packets' | tr '\n' ' '"
"scan_decoy_600|port_scan|few|nmap -sS 3000 ports with 4 decoys at 600/s|nm 40 -sS -p 1-3000 --max-rate 600 -D 172.16.5.5,172.17.6.6,172.18.7.7,172.19.8.8,ME -S 10.66.0.26 -e vc $SERVER"
"http_wrk_single_sat|http_flood|single|wrk 1 thread 50 keep-alive connections, as fast as possible 6 s|cli timeout 20 wrk -t1 -c50 -d6s http://$SERVER/index.html | grep -E 'Requests/sec'"
"http_wrk_single_1000|http_flood|single|wrk 100 connections, ~1000 req/s 15 s|cli timeout 30 wrk -t1 -c100 -d15s -s $WORK/delay.lua http://$SERVER/ | grep -E 'Requests/sec'"
"http_bots_ka_1500|http_flood|many|500 bots keep-alive 1500 req/s 15 s|G 40 http-bots --nsources 500 --rate 1500 --duration 15 --seed $((SEED+9))"
"http_bots_newconn_600|http_flood|many|300 bots new connection per request 600 req/s 15 s|G 40 http-bots --nsources 300 --rate 600 --newconn --duration 15 --seed $((SEED+10))"
"http_bots_tls_400|http_flood|many|200 bots TLS keep-alive 400 req/s 15 s|G 40 http-bots --port 443 --nsources 200 --rate 400 --duration 15 --seed $((SEED+11))"
"http_bots_low_50|http_flood|many|50 bots new connections 50 req/s 30 s (low rate)|G 50 http-bots --nsources 50 --rate 50 --newconn --duration 30 --seed $((SEED+12))"
"slowloris_5conns|slowloris|single|5 connections, a header line every ~10 s, 60 s|G 80 slowloris --nsources 1 --sockets 5 --interval 10 --duration 60 --seed $((SEED+13))"
"slowloris_50conns|slowloris|single|50 connections, a line every ~8 s, 45 s|G 70 slowloris --nsources 1 --sockets 50 --interval 8 --duration 45 --seed $((SEED+14))"
"slowloris_500conns_many|slowloris|many|500 connections from 100 addresses, a line every ~8 s, 45 s|G 70 slowloris --sources 10.67.0.0/16 --nsources 100 --sockets 500 --interval 8 --ramp 5 --duration 45 --seed $((SEED+15))"
"slowloris_1500conns|slowloris|single|1500 connections, a line every ~5 s, 40 s|G 70 slowloris --nsources 1 --sockets 1500 --interval 5 --ramp 5 --duration 40 --seed $((SEED+16))"
)

if [[ -n ${LIST:-} ]]; then for s in "${SCEN[@]}"; do echo "${s%%|*}"; done; exit 0; fi
wanted() { [[ -z ${ONLY:-} || ",$ONLY," == *",$1,"* ]]; }

lab_install
mkdir -p "$OUT"
lab_net_up
lab_nginx_up
cat > "$WORK/delay.lua" <<'LUA'
local paths = {"/", "/index.html", "/products.html", "/search?q=", "/api/v1/items?id="}
request = function()
  local p = paths[math.random(#paths)]
  if p:sub(-1) == "=" then p = p .. math.random(1, 1000000) end
  return wrk.format("GET", p)
end
delay = function() return math.random(50, 150) end
LUA
START=$(date +%s)
[[ -f $OUT/labels.csv ]] || echo "file,class,start,end" > "$OUT/labels.csv"
[[ -f $OUT/meta.csv ]] || echo "file,class,sources,nominal,tool_output,packets_captured" > "$OUT/meta.csv"
for s in "${SCEN[@]}"; do
    IFS='|' read -r name class sources nominal cmd <<<"$s"
    wanted "$name" || continue
    f="$OUT/$name.pcap"
    capture_start "$f"
    sleep 1
    t0=$(now)
    res=$(eval "$cmd" 2>&1 | tail -c 300 | tr ',\n' '; ') || true
    t1=$(now)
    sleep 2
    capture_stop
    cap=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' <<<"$CAPTURE_STATS" | head -1)
    for file in labels meta; do
        grep -v "^$name.pcap," "$OUT/$file.csv" > "$WORK/l.csv"; mv "$WORK/l.csv" "$OUT/$file.csv"
    done
    echo "$name.pcap,$class,$t0,$t1" >> "$OUT/labels.csv"
    echo "$name.pcap,$class,$sources,${nominal//,/;},${res//,/;},$cap" >> "$OUT/meta.csv"
    log "  $name: $res"
    # let half-open connections, TIME_WAIT and slowloris sockets drain between captures
    sleep 3
    [[ $class == syn_flood ]] && sleep 5
done
log "attacks done in $(( $(date +%s) - START )) s"
