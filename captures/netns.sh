#!/usr/bin/env bash
# netns.sh -- network-namespace helpers shared by the capture scripts (sourced, not run):
# make-captures.sh, make-extra-captures.sh and lab/labnet.sh.
#
#   source "$HERE/netns.sh"       after WORK (a temp dir) is made: defines PIDS and the
#                                 functions below, and traps netns_cleanup on exit
#   netns_fresh NS                creates namespace NS (removing a stale one of an earlier
#                                 run first); it is deleted on exit
#   netns_bg NS SECONDS CMD...    starts CMD in NS in the background, killed after SECONDS
#                                 at the latest; sets NETNS_BG_PID and adds it to PIDS
#
# On exit -- also on failure or Ctrl-C -- netns_cleanup kills the processes in PIDS (by
# pid: TERM, then KILL), everything still inside the namespaces netns_fresh made (the
# scripts started it all), deletes those namespaces and the temp dir WORK, and exits
# with the script's status.
#
# Needs: root, ip (iproute2), timeout; the caller defines log().

PIDS=()             # background processes the script started
NETNS_NAMES=()      # namespaces netns_fresh made, deleted on exit

# netns_remove NS: kills whatever runs in NS and deletes it (nothing when it does not exist).
netns_remove() {
    [[ -e "/run/netns/$1" ]] || return 0
    local pid
    for pid in $(ip netns pids "$1" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    sleep 0.2
    ip netns del "$1"
}

netns_fresh() {
    if [[ -e "/run/netns/$1" ]]; then
        log "removing stale namespace $1 from an earlier run"
        netns_remove "$1"
    fi
    ip netns add "$1"
    NETNS_NAMES+=("$1")
}

# `timeout` is outside `ip netns exec` on purpose: `ip netns exec` forks and does not pass
# signals on, while timeout signals its whole process group (so killing the pid stops CMD).
netns_bg() {
    local ns=$1 secs=$2
    shift 2
    timeout "$secs" ip netns exec "$ns" "$@" &
    NETNS_BG_PID=$!
    PIDS+=("$NETNS_BG_PID")
}

netns_cleanup() {
    local rc=$? pid ns
    set +e
    trap - EXIT INT TERM
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    sleep 0.5
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
    for ns in "${NETNS_NAMES[@]}"; do netns_remove "$ns"; done
    [[ -n "${WORK:-}" ]] && rm -rf "$WORK"
    [[ $rc -eq 0 ]] || log "failed (exit $rc); cleaned up"
    exit $rc
}
trap netns_cleanup EXIT
trap 'exit 130' INT TERM
