# shellcheck shell=bash
# scripts/release-sentinel.sh — sourced (from the repository root) by the scripts that run a
# release `sentinel`: SENTINEL names the binary; when it is unset or empty, this checkout is
# built in release and SENTINEL set to that build.
SENTINEL=${SENTINEL:-}
if [[ -z $SENTINEL ]]; then
    swift build -c release --product sentinel >&2
    SENTINEL=$(swift build -c release --show-bin-path)/sentinel
fi
