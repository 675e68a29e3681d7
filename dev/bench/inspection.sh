#!/usr/bin/env bash
# The inspection benchmark (docs/performance.md, "Inspection engine"): JMH, one thread, the whole
# built-in rule set, over 1 MB of mixed tool output (engine and naive java.util.regex loop) and
# over 1 KB tool results (per-call percentiles).
#
#   dev/bench/inspection.sh                  every benchmark (about four minutes)
#   dev/bench/inspection.sh engineMegabyte   only the benchmarks whose name matches
#   BENCH_JMH_ARGS="-prof gc" dev/bench/inspection.sh engineMegabyte   with a JMH profiler
#
# Needs a JDK 25. Builds bench/target/benchmarks.jar (and the runtime it measures) first, then
# writes JMH's JSON and the summary to dev/bench/results/inspection-DATE/ (not committed).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

./mvnw -B -q -pl bench -am package -DskipTests

out="dev/bench/results/inspection-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
{
    echo "date: $(date -u +%FT%TZ)"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | xargs || echo unknown), $(nproc) cores"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
    java -version 2>&1 | head -1
} >"$out/machine.txt"

# shellcheck disable=SC2086 # BENCH_JMH_ARGS is a list of arguments
java -jar bench/target/benchmarks.jar "${1:-InspectionBenchmark}" \
    -rf json -rff "$out/jmh.json" ${BENCH_JMH_ARGS:-} | tee "$out/jmh.txt"

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" >>"$out/machine.txt"
java -cp bench/target/benchmarks.jar dev.airlock.runtime.inspection.InspectionReport "$out/jmh.json" \
    | tee "$out/summary.txt"
cat "$out/machine.txt"
