# shellcheck shell=bash
# Benchmarks/bench-common.sh -- sourced (not run) by run.sh, live-run.sh and logs.sh: moves to
# the checkout (ROOT), sets SCRATCH (the private build folder, default .build-bench) and log,
# and defines:
#   release_build PRODUCT...   builds the products in release into SCRATCH; BIN is their folder
#   release_bin                sets BIN to that folder without building
#   work_dir NAME              makes WORK, a temp dir sentinel-NAME.XXXXXX, removed on exit
#                              (kept, its path logged, with KEEP=1)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit
SCRATCH="${SCRATCH:-.build-bench}"

log() { printf '== %s\n' "$*" >&2; }

# shellcheck disable=SC2034  # BIN is read by the scripts that source this file
release_bin() { BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"; }

release_build() {
    log "building release (scratch path $SCRATCH)"
    local product
    for product in "$@"; do
        swift build -c release --scratch-path "$SCRATCH" --product "$product"
    done
    release_bin
}

work_dir() {
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/sentinel-$1.XXXXXX")"
    if [[ "${KEEP:-0}" == 1 ]]; then
        log "keeping $WORK"
    else
        trap 'rm -rf "$WORK"' EXIT
    fi
}
