#!/bin/sh
# DRILL or UPGRADE with Leapp (the Leapp recipes' preflight and migration).
#   OSM_LEAPP_COMMAND=preupgrade: checks the system and writes its report; changes nothing on the system.
#   OSM_LEAPP_COMMAND=upgrade: checks again, downloads the destination's packages and stages the upgrade; it does not
#     restart. The restart step then boots the upgrade initramfs, which upgrades the system offline and restarts once
#     more by itself.
# Either way Leapp's report (/var/log/leapp/leapp-report.json) is this script's result ($OSM_RESULT_FILE).
#
# Parameters: OSM_LEAPP_COMMAND (preupgrade|upgrade), OSM_NO_RHSM (yes: --no-rhsm, custom repositories only),
# OSM_TARGET_VERSION (optional: --target, a version Leapp knows, such as 8.10; without it Leapp takes its default).
# Exit codes are Leapp's (oamg/leapp-repository commands/preupgrade and upgrade): 0 no inhibitors (upgrade: staged);
# 1 inhibitors or actor errors, the report is written; 2 wrong arguments (argparse), no report.
# Ours: 6 Leapp wrote no report this run; 64 bad OSM_LEAPP_COMMAND; 127 leapp is not installed.
export OSM_STEP="${OSM_STEP:-DRILL}"
set -u
root="${OSM_ROOT:-}"
report="$root/var/log/leapp/leapp-report.json"
state_dir="$root/var/lib/osmigration"
command="${OSM_LEAPP_COMMAND:-preupgrade}"

case "$command" in
  preupgrade | upgrade) ;;
  *)
    echo "osm: OSM_LEAPP_COMMAND must be preupgrade or upgrade, is $command" >&2
    exit 64
    ;;
esac
if ! command -v leapp >/dev/null 2>&1; then
  echo "osm: leapp is not installed; the recipe's install step installs it" >&2
  exit 127
fi
mkdir -p "$state_dir"
: >"$state_dir/leapp-$command-started"

set -- "$command"
if [ "${OSM_NO_RHSM:-no}" = yes ]; then
  set -- "$@" --no-rhsm
fi
if [ -n "${OSM_TARGET_VERSION:-}" ]; then
  set -- "$@" --target "$OSM_TARGET_VERSION"
fi
# Schema 1.2.0 marks actor errors with the group "error" (1.1.0 has no mark for them); older Leapp lacks the option.
if leapp "$command" --help 2>/dev/null | grep -q -- '--report-schema'; then
  set -- "$@" --report-schema 1.2.0
fi
echo "osm: leapp $*"
status=0
leapp "$@" || status=$?
echo "osm: leapp $command exited ${status}"
# Only a report this run wrote counts: an older one would describe another state of the system.
if [ ! -f "$report" ] || [ -n "$(find "$state_dir/leapp-$command-started" -newer "$report" 2>/dev/null)" ]; then
  echo "osm: leapp $command wrote no report at $report" >&2
  if [ "$status" -eq 0 ]; then
    status=6
  fi
  exit "$status"
fi
cp "$report" "${OSM_RESULT_FILE:-/dev/null}"
if [ "$command" = upgrade ] && [ "$status" -eq 0 ]; then
  echo "osm: the upgrade is staged; the restart boots into the upgrade"
fi
exit "$status"
