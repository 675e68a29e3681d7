#!/usr/bin/env bash
# The inspection engine of another commit against this build's, side by side in one JVM
# (docs/performance.md, "Inspection engine"): both alternate on the same 1 MB input, so both see
# the same load, which a shared machine does not give two JMH runs made minutes apart.
#
#   dev/bench/inspection-ab.sh             this build against main
#   dev/bench/inspection-ab.sh REF [ROUNDS]  against any commit, ROUNDS alternations (60)
#
# Needs a JDK 25. Builds bench/target/benchmarks.jar, compiles REF's inspection package (sources
# and rules from `git archive`) against it in a temporary directory, and removes that at the end.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
ref=${1:-main}
rounds=${2:-60}

./mvnw -B -q -pl bench -am package -DskipTests

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git archive "$ref" runtime/src/main/java/dev/airlock/runtime/inspection \
    runtime/src/main/resources/dev/airlock/runtime/inspection | tar -x -C "$work"
mkdir -p "$work/classes"
cp -r "$work/runtime/src/main/resources/." "$work/classes/"
javac -nowarn -d "$work/classes" -cp bench/target/benchmarks.jar \
    $(find "$work/runtime/src/main/java" -name '*.java')

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
java -Xms1g -Xmx1g -cp bench/target/benchmarks.jar dev.airlock.runtime.inspection.InspectionSideBySide \
    "$work/classes" "$rounds"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
