#!/usr/bin/env bash
# The fleet benchmark (issue 13): the all-in-one stack migrates a batch of N healthy simulated instances, then one of
# 4N, then keeps WAITING jobs waiting in a step that does not end. By default it runs twice — the reference
# configuration first (the baseline, measured in the same invocation), then the defaults — and prints every figure with
# its ratio.
#
#   bench/fleet.sh [N]                         N defaults to 100
#   REFERENCE=none bench/fleet.sh 100          the defaults only (no baseline run, no ratios)
#   REFERENCE=none RUNS=4n bench/fleet.sh 100  only the batch of 4N (RUNS: a list of n, 4n, 10n, …)
#   REPLICAS=2 BUDGET=20 bench/fleet.sh 50     two replicas of every service sharing a budget of 20 calls/s
#   REFERENCE=none RUNS= WAITING=1000 WATCH=PT5M bench/fleet.sh   1,000 jobs waiting at once
#   ARGS=--osm.mongo-storage=memory REFERENCE=none RUNS=n WAITING=0 MAX_PARALLEL=1000 bench/fleet.sh 10000
#                                              one batch of 10,000 (MongoDB in memory: bench/README.md)
#
# Other settings: WATCH (ISO-8601, default PT60S); BUDGET (the account's calls/s, on every replica and as the
# simulator's own limit; default 50); JVM (the bench JVM's options, below); SIM (the simulator's settings, below);
# SAMPLE (how often the jobs' stages are sampled, default PT5S); MAX_PARALLEL (the batch's maxParallel, default the
# whole batch: a job waiting for its precheck counts against PRECHECKING's 30-minute deadline, one waiting for a slot
# does not); ARGS (extra "--osm.x=y ..." for both runs); REFERENCE ("--osm.x=y ..." of the baseline run, or none).
# Figures land in target/bench/{reference,defaults}.txt (key=value), the whole log in target/bench/log.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100}
WATCH=${WATCH:-PT60S}
RUNS=${RUNS-n,4n}
WAITING=${WAITING:-1}
REPLICAS=${REPLICAS:-1}
BUDGET=${BUDGET:-50}
SAMPLE=${SAMPLE:-PT5S}
MAX_PARALLEL=${MAX_PARALLEL:-0}
ARGS=${ARGS:-}
# The bench JVM (the whole stack and the simulator run in it): the suite's JVM (-Xmx1g, C1 only, the default code
# cache) ran out of code cache at 400 jobs and would measure the heap under a ceiling the 10,000-job run needs above.
JVM=${JVM:--Xmx4g -XX:+UseParallelGC -XX:ReservedCodeCacheSize=256m}
# Instant simulated steps: the real tools' durations at 1/1000 (Leapp's 40-minute offline phase: 2.4 s) and the
# agent's heartbeat every 2 s (60 s on real servers), so a reboot is seen at once. SIM= keeps the all-in-one's own
# (time scale 0.02: a job then spends about a minute in its UPGRADE and REBOOT steps).
SIM=${SIM---osm.simulator.time-scale=0.001 --osm.simulator.agent-heartbeat=PT2S}
# The baseline: the executor as it polled before issue 13 — every job on its own, every 200 ms, no shared reads.
REFERENCE=${REFERENCE:---osm.executor.polling.batch=1 --osm.executor.polling.first=200ms --osm.executor.polling.max=200ms}
mkdir -p target/bench

run() { # $1: extra arguments, $2: runs
  # surefire.timeout=0: a bench run may take longer than the suite's 15-minute guard.
  ./mvnw -B -q -pl all-in-one -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=FleetBench \
    -Dsurefire.timeout=0 -Dsurefire.jvm="$JVM" -Dosm.bench=fleet -Dosm.bench.size="$N" -Dosm.bench.watch="$WATCH" \
    -Dosm.bench.args="$1" -Dosm.bench.runs="$2" -Dosm.bench.waiting="$WAITING" -Dosm.bench.replicas="$REPLICAS" \
    -Dosm.bench.budget="$BUDGET" -Dosm.bench.sample="$SAMPLE" \
    $( [ "$MAX_PARALLEL" -gt 0 ] && echo "-Dosm.bench.max-parallel=$MAX_PARALLEL") | tee -a target/bench/log.txt | sed -n 's/^BENCH //p'
}

: >target/bench/log.txt
rm -f target/bench/reference.txt
echo "$(date -u +%FT%TZ) N=$N RUNS=$RUNS WAITING=$WAITING REPLICAS=$REPLICAS BUDGET=$BUDGET WATCH=$WATCH" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?) on $(nproc 2>/dev/null || echo ?) cores" >&2
if [ "$REFERENCE" != none ]; then
  # The N-to-4N growth is measured on the defaults only.
  echo "reference run ($REFERENCE $ARGS), N=$N ..." >&2
  run "$SIM $REFERENCE $ARGS" "$(echo "$RUNS" | grep -q '\bn\b' && echo n || echo "$RUNS")" >target/bench/reference.txt
fi
echo "defaults run ($ARGS), RUNS=$RUNS ..." >&2
run "$SIM $ARGS" "$RUNS" >target/bench/defaults.txt

# Every figure, with the ratio to the reference where there is one; then the short summary.
table() {
  awk -v filter="$1" '
    { key = substr($0, 1, index($0, "=") - 1); value = substr($0, index($0, "=") + 1) }
    NR == FNR && FILENAME ~ /reference/ { ref[key] = value; next }
    filter != "" && key !~ filter { next }
    {
      ratio = "";
      if ((key in ref) && ref[key] + 0 != 0 && value ~ /^[0-9.]+$/) ratio = sprintf("%.2f", value / ref[key]);
      printf "%-52s %14s %14s %8s\n", key, (key in ref ? ref[key] : "-"), value, ratio
    }
    BEGIN { printf "%-52s %14s %14s %8s\n", "figure", "reference", "defaults", "ratio" }
  ' $( [ -f target/bench/reference.txt ] && echo target/bench/reference.txt) target/bench/defaults.txt
}
table "" >target/bench/table.txt
table '(^|\.)(jobs|jobs_completed|jobs_not_completed|wall_seconds|jobs_per_second|calls_per_job|calls_per_second_max|seconds_over_budget|throttling_answers|cpu_share_of_2_cores|fleet_scripts_cpu_seconds|machine_busy_share|heap_peak_mib|loadavg_before|calls_per_second|calls_per_job_per_10min_extrapolated|jobs_never_read_in_window|oldest_last_read_seconds_ago|time_per_work|setup_seconds)$|^(replicas|budget)$'
echo "(every figure, by action and by stage: target/bench/table.txt; stage samples over time: grep SAMPLE target/bench/log.txt)"
