#!/bin/sh
# DRILL (the Leapp recipes' preflight): leapp preupgrade checks the system and writes its report; it changes nothing
# on the system. The report (/var/log/leapp/leapp-report.json) is this script's result ($OSM_RESULT_FILE).
#
# Parameters: OSM_NO_RHSM (yes: --no-rhsm, custom repositories only), OSM_TARGET_VERSION (optional: --target, a
# version Leapp knows, such as 8.10; without it Leapp takes its default target).
# Exit codes are Leapp's (oamg/leapp-repository commands/preupgrade): 0 no inhibitors; 1 inhibitors or actor errors,
# the report is written; 2 wrong arguments (argparse), no report. Ours: 6 Leapp wrote no report; 127 no leapp.
export OSM_STEP="${OSM_STEP:-DRILL}"
set -u
root="${OSM_ROOT:-}"
report="$root/var/log/leapp/leapp-report.json"
state_dir="$root/var/lib/osmigration"

if ! command -v leapp >/dev/null 2>&1; then
  echo "osm: leapp is not installed; the recipe's install step installs it" >&2
  exit 127
fi
mkdir -p "$state_dir"
: >"$state_dir/preupgrade-started"

set -- preupgrade
if [ "${OSM_NO_RHSM:-no}" = yes ]; then
  set -- "$@" --no-rhsm
fi
if [ -n "${OSM_TARGET_VERSION:-}" ]; then
  set -- "$@" --target "$OSM_TARGET_VERSION"
fi
# Schema 1.2.0 marks actor errors with the group "error" (1.1.0 has no mark for them); older Leapp lacks the option.
if leapp preupgrade --help 2>/dev/null | grep -q -- '--report-schema'; then
  set -- "$@" --report-schema 1.2.0
fi
echo "osm: leapp $*"
status=0
leapp "$@" || status=$?
echo "osm: leapp preupgrade exited ${status}"
# Only a report this run wrote counts: an older one would describe another system state.
if [ ! -f "$report" ] || [ -n "$(find "$state_dir/preupgrade-started" -newer "$report" 2>/dev/null)" ]; then
  if [ "$status" -eq 0 ]; then
    status=6
  fi
  echo "osm: leapp preupgrade wrote no report at $report" >&2
  exit "$status"
fi
cp "$report" "${OSM_RESULT_FILE:-/dev/null}"
exit "$status"
