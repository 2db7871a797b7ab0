#!/usr/bin/env bash
# Fuzzes the sentinel's readers with libFuzzer and AddressSanitizer (Fuzz/README.md).
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS]    each target for SECONDS (default 60)
#   scripts/fuzz.sh --list                    the targets
#   scripts/fuzz.sh --merge TARGET            fold what a campaign found into Fuzz/corpus/TARGET
#   scripts/fuzz.sh --replay TARGET FILE...   run inputs once (a finding, under the sanitizer)
#
# Builds .build-fuzz/release/sentinel-fuzz first (release, -sanitize=fuzzer,address, linked by
# lld and no dead stripping: otherwise the coverage sections are dropped and libFuzzer sees none). Each target starts from the committed seeds
# (Fuzz/corpus/TARGET, plus ../shared/corpus/tcpdump for capture-file when present) and keeps
# what it finds in .build-fuzz/corpus/TARGET. A crash, an AddressSanitizer report, a timeout
# (10 s for one input) or more than 2 GB of memory is a finding: the input is written to
# .build-fuzz/findings/ and the script exits 1 after the remaining targets have run.
set -euo pipefail
cd "$(cd "$(dirname "$0")/.." && pwd -P)"

build=.build-fuzz
binary=$build/release/sentinel-fuzz
targets=(capture-file decoder log-combined log-haproxy log-json log-analysis timestamps csv-dataset config-yaml model-file
  baseline-file series-csv trace-csv)

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${targets[@]}"
  exit 0
fi

echo "building $binary (first time: ~15 min on 2 cores)" >&2
SENTINEL_FUZZ=1 swift build --scratch-path "$build" -c release --sanitize fuzzer --sanitize address \
  -Xswiftc -use-ld=lld --disable-dead-strip --product sentinel-fuzz 2>&1 | grep -vE "Cannot export local symbol|^$" >&2 || {
  echo "fuzz build failed" >&2
  exit 2
}

# The Swift runtime's own crash reporter would answer a trap before libFuzzer does, and take
# seconds to symbolicate; ASan's report and libFuzzer's stack are enough.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}

# The longest input each target is given (captures and models are larger than lines).
max_len() {
  case "$1" in
    capture-file | model-file | baseline-file | log-analysis) echo 65536 ;;
    *) echo 16384 ;;
  esac
}

flags() {
  local target=$1
  echo "-max_len=$(max_len "$target") -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1"
  [ -f "Fuzz/dict/$target.dict" ] && echo "-dict=Fuzz/dict/$target.dict"
  echo "-artifact_prefix=$build/findings/$target-"
}

if [ "${1:-}" = "--replay" ]; then
  target=$2
  shift 2
  # shellcheck disable=SC2046
  SENTINEL_FUZZ_TARGET=$target "$binary" $(flags "$target") -runs=1 "$@"
  exit $?
fi

if [ "${1:-}" = "--merge" ]; then
  target=$2
  mkdir -p "Fuzz/corpus/$target" "$build/findings"
  # shellcheck disable=SC2046
  SENTINEL_FUZZ_TARGET=$target "$binary" $(flags "$target") -merge=1 "Fuzz/corpus/$target" "$build/corpus/$target"
  exit $?
fi

choice=${1:-all}
seconds=${2:-60}
if [ "$choice" != all ]; then
  printf '%s\n' "${targets[@]}" | grep -qx "$choice" || {
    echo "no fuzz target $choice; one of: ${targets[*]}" >&2
    exit 2
  }
  targets=("$choice")
fi

mkdir -p "$build/findings" "$build/logs"
failed=()
printf '%-14s %10s %8s %8s %7s  %s\n' target executions exec/s coverage corpus result
for target in "${targets[@]}"; do
  work=$build/corpus/$target
  mkdir -p "$work"
  seeds=("Fuzz/corpus/$target")
  if [ "$target" = capture-file ] && [ -d ../shared/corpus/tcpdump ]; then seeds+=(../shared/corpus/tcpdump); fi
  log=$build/logs/$target.log
  status=0
  # FUZZ_SEED and FUZZ_RUNS make a run repeatable (CI): a fixed seed and a number of executions
  # instead of a time, so the same binary explores the same inputs on a fast or a slow day.
  limit=(-max_total_time="$seconds")
  if [ -n "${FUZZ_RUNS:-}" ]; then limit=(-runs="$FUZZ_RUNS" -max_total_time=600); fi
  if [ -n "${FUZZ_SEED:-}" ]; then limit+=(-seed="$FUZZ_SEED"); fi
  # shellcheck disable=SC2046
  SENTINEL_FUZZ_TARGET=$target "$binary" $(flags "$target") "${limit[@]}" \
    "$work" "${seeds[@]}" >"$log" 2>&1 || status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1 || true)
  coverage=$( (grep -oE 'cov: [0-9]+' "$log" || true) | tail -1 | cut -d' ' -f2)
  corpus=$( (grep -oE 'corp: [0-9]+' "$log" || true) | tail -1 | cut -d' ' -f2)
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    result="FINDING (exit $status): $( (grep -oE "$build/findings/[^ ]+" "$log" || true) | tail -1); log $log"
    failed+=("$target")
    grep -E "^(==[0-9]+==ERROR|SUMMARY|    #[0-9]+ .* in \\\$s)" "$log" | head -12 >&2 || true
  fi
  printf '%-14s %10s %8s %8s %7s  %s\n' "$target" "${executions:-?}" "${speed:-?}" "${coverage:-?}" "${corpus:-?}" "$result"
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "findings in: ${failed[*]} (inputs in $build/findings/; replay one with scripts/fuzz.sh --replay TARGET FILE)" >&2
  exit 1
fi
