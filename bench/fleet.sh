#!/usr/bin/env bash
# The fleet benchmark (issue 13): the all-in-one stack migrates a batch of N healthy simulated instances, then one of
# 4N, then keeps one job waiting in a step that does not end. It runs twice — the reference configuration first (the
# baseline, measured in the same invocation), then the defaults — and prints every figure with its ratio.
#
#   bench/fleet.sh [N]          N defaults to 100; WATCH=PT600S for a 10-minute wait; REFERENCE="--osm.x=y ..."
#
# Figures also land in target/bench/{reference,defaults}.txt (key=value).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100}
WATCH=${WATCH:-PT60S}
# The baseline: the executor as it polled before issue 13 — every job on its own, every 200 ms, no shared reads.
REFERENCE=${REFERENCE:---osm.executor.polling.batch=1 --osm.executor.polling.first=200ms --osm.executor.polling.max=200ms}
mkdir -p target/bench

run() {
  ./mvnw -B -q -pl all-in-one -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=FleetBench \
    -Dosm.bench=fleet -Dosm.bench.size="$N" -Dosm.bench.watch="$WATCH" -Dosm.bench.args="$1" \
    -Dosm.bench.growth="$2" | tee -a target/bench/log.txt | sed -n 's/^BENCH //p'
}

: >target/bench/log.txt
echo "reference run ($REFERENCE), N=$N (the N-to-4N growth is measured on the defaults only) ..." >&2
run "$REFERENCE" false >target/bench/reference.txt
echo "defaults run, N=$N and 4N=$((4 * N)) ..." >&2
run "" true >target/bench/defaults.txt

awk '
  { key = substr($0, 1, index($0, "=") - 1); value = substr($0, index($0, "=") + 1) }
  NR == FNR { ref[key] = value; next }
  {
    ratio = "";
    if ((key in ref) && ref[key] + 0 != 0 && value ~ /^[0-9.]+$/) ratio = sprintf("%.2f", value / ref[key]);
    printf "%-48s %14s %14s %8s\n", key, (key in ref ? ref[key] : "-"), value, ratio
  }
  BEGIN { printf "%-48s %14s %14s %8s\n", "figure", "reference", "defaults", "ratio" }
' target/bench/reference.txt target/bench/defaults.txt
