#!/bin/sh
# CONVERT (the convert2rhel recipes' migration): convert2rhel -y converts the running system to RHEL; the restart step
# then boots the RHEL kernel. Credentials as for convert2rhel-analyze.sh (/etc/convert2rhel.ini or OSM_NO_RHSM).
# Exit codes are convert2rhel's: 0 converted; 1 failure (convert2rhel rolled back); 2 inhibitors found.
# Ours: 3 no credentials; 127 no convert2rhel.
export OSM_STEP="${OSM_STEP:-UPGRADE}"
set -u
root="${OSM_ROOT:-}"
if ! command -v convert2rhel >/dev/null 2>&1; then
  echo "osm: convert2rhel is not installed; the recipe's install step installs it" >&2
  exit 127
fi
set -- -y
if [ "${OSM_NO_RHSM:-no}" = yes ]; then
  set -- "$@" --no-rhsm
  for repo in ${OSM_ENABLE_REPOS:-}; do
    set -- "$@" --enablerepo "$repo"
  done
elif [ ! -s "$root/etc/convert2rhel.ini" ]; then
  echo "osm: no subscription credentials: put org and activation_key into /etc/convert2rhel.ini (mode 0600) on the instance" >&2
  exit 3
fi
echo "osm: convert2rhel $*"
status=0
convert2rhel "$@" || status=$?
echo "osm: convert2rhel exited ${status}"
report="$root/var/log/convert2rhel/convert2rhel-post-conversion.json"
if [ -f "$report" ]; then
  cp "$report" "${OSM_RESULT_FILE:-/dev/null}"
fi
exit "$status"
