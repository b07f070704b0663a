#!/bin/sh
# DRILL or CONVERT with convert2rhel (the convert2rhel recipes' preflight and migration).
#   OSM_C2R_COMMAND=analyze: the pre-conversion checks; convert2rhel rolls back what it touched and writes
#     /var/log/convert2rhel/convert2rhel-pre-conversion.json.
#   OSM_C2R_COMMAND=convert: converts the running system to RHEL (convert2rhel -y); the restart step then boots the
#     RHEL kernel. Its report is convert2rhel-post-conversion.json.
# The report is this script's result ($OSM_RESULT_FILE).
#
# The subscription credentials never pass through osmigration: convert2rhel reads them from /etc/convert2rhel.ini
# (mode 0600, [subscription_manager] org and activation_key), which the operator provisions on the instance, or
# OSM_NO_RHSM=yes converts from custom repositories (OSM_ENABLE_REPOS, space-separated repository ids).
# Exit codes are convert2rhel's (oamg/convert2rhel convert2rhel/main.py): 0 successful; 1 failure (it rolled back);
# 2 inhibitors found. Ours: 3 no credentials; 6 no report (analyze); 64 bad OSM_C2R_COMMAND; 127 no convert2rhel.
export OSM_STEP="${OSM_STEP:-DRILL}"
set -u
root="${OSM_ROOT:-}"
state_dir="$root/var/lib/osmigration"
case "${OSM_C2R_COMMAND:-analyze}" in
  analyze)
    set -- analyze -y
    report="$root/var/log/convert2rhel/convert2rhel-pre-conversion.json"
    ;;
  convert)
    set -- -y
    report="$root/var/log/convert2rhel/convert2rhel-post-conversion.json"
    ;;
  *)
    echo "osm: OSM_C2R_COMMAND must be analyze or convert, is ${OSM_C2R_COMMAND}" >&2
    exit 64
    ;;
esac
if ! command -v convert2rhel >/dev/null 2>&1; then
  echo "osm: convert2rhel is not installed; the recipe's install step installs it" >&2
  exit 127
fi
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
: >"$state_dir/convert2rhel-started"
echo "osm: convert2rhel $*"
status=0
convert2rhel "$@" || status=$?
echo "osm: convert2rhel exited ${status}"
if [ ! -f "$report" ] || [ -n "$(find "$state_dir/convert2rhel-started" -newer "$report" 2>/dev/null)" ]; then
  echo "osm: convert2rhel wrote no report at $report" >&2
  if [ "$status" -eq 0 ] && [ "${OSM_C2R_COMMAND:-analyze}" = analyze ]; then
    status=6
  fi
  exit "$status"
fi
cp "$report" "${OSM_RESULT_FILE:-/dev/null}"
exit "$status"
