#!/bin/sh
# DRILL (the convert2rhel recipes' preflight): convert2rhel analyze runs the pre-conversion checks, rolls back what it
# touched and writes /var/log/convert2rhel/convert2rhel-pre-conversion.json, this script's result ($OSM_RESULT_FILE).
#
# The subscription credentials never pass through osmigration: convert2rhel reads them from /etc/convert2rhel.ini
# (mode 0600, [subscription_manager] org and activation_key), which the operator provisions on the instance, or
# OSM_NO_RHSM=yes converts from custom repositories (OSM_ENABLE_REPOS, space-separated repository ids).
# Exit codes are convert2rhel's (oamg/convert2rhel convert2rhel/main.py): 0 no inhibitors; 1 failure; 2 inhibitors
# found (report written). Ours: 3 no credentials; 6 no report; 127 no convert2rhel.
export OSM_STEP="${OSM_STEP:-DRILL}"
set -u
root="${OSM_ROOT:-}"
report="$root/var/log/convert2rhel/convert2rhel-pre-conversion.json"
state_dir="$root/var/lib/osmigration"

if ! command -v convert2rhel >/dev/null 2>&1; then
  echo "osm: convert2rhel is not installed; the recipe's install step installs it" >&2
  exit 127
fi
set -- analyze -y
if [ "${OSM_NO_RHSM:-no}" = yes ]; then
  set -- "$@" --no-rhsm
  for repo in ${OSM_ENABLE_REPOS:-}; do
    set -- "$@" --enablerepo "$repo"
  done
elif [ ! -s "$root/etc/convert2rhel.ini" ]; then
  echo "osm: no subscription credentials: put org and activation_key into /etc/convert2rhel.ini (mode 0600) on the instance" >&2
  exit 3
fi
mkdir -p "$state_dir"
: >"$state_dir/analyze-started"
echo "osm: convert2rhel $*"
status=0
convert2rhel "$@" || status=$?
echo "osm: convert2rhel analyze exited ${status}"
if [ ! -f "$report" ] || [ -n "$(find "$state_dir/analyze-started" -newer "$report" 2>/dev/null)" ]; then
  echo "osm: convert2rhel wrote no pre-conversion report at $report" >&2
  if [ "$status" -eq 0 ]; then
    status=6
  fi
  exit "$status"
fi
cp "$report" "${OSM_RESULT_FILE:-/dev/null}"
exit "$status"
