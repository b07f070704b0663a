#!/bin/sh
# UPGRADE (the Leapp recipes' migration): leapp upgrade checks again, downloads the destination's packages and stages
# the upgrade; it does not restart. The restart step then boots the upgrade initramfs, which upgrades the system
# offline and restarts once more by itself. The report is this script's result ($OSM_RESULT_FILE).
#
# Parameters: OSM_NO_RHSM, OSM_TARGET_VERSION (as leapp-preupgrade.sh).
# Exit codes are Leapp's: 0 staged; 1 inhibitors or actor errors (report written); 2 wrong arguments.
# Ours: 127 no leapp.
export OSM_STEP="${OSM_STEP:-UPGRADE}"
set -u
root="${OSM_ROOT:-}"
report="$root/var/log/leapp/leapp-report.json"

if ! command -v leapp >/dev/null 2>&1; then
  echo "osm: leapp is not installed; the recipe's install step installs it" >&2
  exit 127
fi
set -- upgrade
if [ "${OSM_NO_RHSM:-no}" = yes ]; then
  set -- "$@" --no-rhsm
fi
if [ -n "${OSM_TARGET_VERSION:-}" ]; then
  set -- "$@" --target "$OSM_TARGET_VERSION"
fi
if leapp upgrade --help 2>/dev/null | grep -q -- '--report-schema'; then
  set -- "$@" --report-schema 1.2.0
fi
echo "osm: leapp $*"
status=0
leapp "$@" || status=$?
echo "osm: leapp upgrade exited ${status}"
if [ -f "$report" ]; then
  cp "$report" "${OSM_RESULT_FILE:-/dev/null}"
fi
if [ "$status" -eq 0 ]; then
  echo "osm: the upgrade is staged; the restart boots into the upgrade"
fi
exit "$status"
