#!/usr/bin/env bash
# Runs the tests under AddressSanitizer and ThreadSanitizer (docs/security.md).
#
#   scripts/sanitize.sh [address|thread|all] [FILTER]
#
# address: every unit test target, and the CLI suites that run `sentinel run` and the crash
#   and bad-input regressions, with the sentinel binary they run built under ASan too
#   (SentinelProcess runs the binary beside the test bundle);
# thread: the runtime's concurrent parts: the delivery pump and outbox, the store and its write
#   buffer (SQLite and PostgreSQL), the gateways and the enforcer, the HTTP endpoint, the command
#   runner's threads, the lease, and `sentinel run` end to end (capture threads and their
#   queues, the tailers, the deliveries, reloads) through the CLI tests that run it.
# FILTER (a `swift test --filter` pattern) replaces the default selection.
#
# Each sanitizer builds into its own folder (.build-asan, .build-tsan; the first build took
# about 45 minutes on two busy cores, a rebuild after a change half a minute). Reports go to
# .build-SAN/reports/; the script exits 1 when the build or a test fails or a sanitizer
# reported anything. The runs and what they found: docs/security.md, "Sanitizers".
set -euo pipefail
cd "$(cd "$(dirname "$0")/.." && pwd -P)"

choice=${1:-all}
filter=${2:-}

address_default='SentinelCoreTests|SentinelCaptureTests|SentinelFeaturesTests|SentinelLearningTests|SentinelDetectionTests|SentinelForecastTests|SentinelAlertsTests|SentinelStoreTests|SentinelGatewayTests|SentinelPlannerTests|SentinelRuntimeTests|SentinelOutputTests|SentinelFuzzTests|SentinelCLITests.(RunLogTests|LossRegressionTests|CrashRegressionTests|BadInputTests|OutageTests)'
thread_default='SentinelRuntimeTests|SentinelAlertsTests|SentinelStoreTests|SentinelGatewayTests|SentinelCLITests.(RunLogTests|RunCommandTests|HTTPEndpointLimitsTests|OutageTests|OperationsRunTests|LossRegressionTests|CrashRegressionTests)'

status=0
run() {
  local sanitizer=$1 selection=$2 folder=.build-$3 options
  mkdir -p "$folder/reports"
  rm -f "$folder"/reports/*
  # Writable by all: a `sentinel run` that dropped its privileges (OutageTests runs one as
  # `postgres`) must still be able to write its report.
  chmod 1777 "$folder/reports"
  echo "== $sanitizer: building into $folder" >&2
  local began=$SECONDS built=0
  swift build --build-tests --scratch-path "$folder" --sanitize "$sanitizer" >"$folder/build.log" 2>&1 || built=$?
  grep -E "error:|warning: unre" "$folder/build.log" >&2 || true
  if [ "$built" -ne 0 ]; then
    echo "== $sanitizer: the build failed (exit $built), see $folder/build.log" >&2
    status=1
    return
  fi
  echo "== $sanitizer: built in $((SECONDS - began)) s" >&2
  began=$SECONDS
  # Reports land in files (the tests run child processes whose stderr the tests read).
  options="log_path=$PWD/$folder/reports/report:halt_on_error=0"
  echo "== $sanitizer: swift test --filter '$selection'" >&2
  local tests=0
  if [ "$sanitizer" = address ]; then
    ASAN_OPTIONS="$options:detect_leaks=0" SWIFT_BACKTRACE=enable=no \
      swift test --skip-build --scratch-path "$folder" --filter "$selection" 2>&1 | tee "$folder/test.log" | tail -5 || tests=$?
  else
    TSAN_OPTIONS="$options" SWIFT_BACKTRACE=enable=no \
      swift test --skip-build --scratch-path "$folder" --filter "$selection" 2>&1 | tee "$folder/test.log" | tail -5 || tests=$?
  fi
  grep -qE "Test run with .* (failed|issue)" "$folder/test.log" && tests=1
  local reports
  reports=$(find "$folder/reports" -type f | wc -l)
  echo "== $sanitizer: tests exit $tests after $((SECONDS - began)) s, $reports report file(s) in $folder/reports" >&2
  if [ "$reports" -gt 0 ]; then
    grep -hE "^(SUMMARY|WARNING: ThreadSanitizer)" "$folder"/reports/* | sort | uniq -c | sort -rn | head -20 >&2
    status=1
  fi
  [ "$tests" -eq 0 ] || status=1
}

case "$choice" in
  address) run address "${filter:-$address_default}" asan ;;
  thread) run thread "${filter:-$thread_default}" tsan ;;
  all)
    run address "${filter:-$address_default}" asan
    run thread "${filter:-$thread_default}" tsan
    ;;
  *)
    echo "usage: scripts/sanitize.sh [address|thread|all] [FILTER]" >&2
    exit 2
    ;;
esac
exit $status
