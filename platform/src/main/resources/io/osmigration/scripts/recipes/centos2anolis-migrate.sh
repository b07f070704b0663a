#!/bin/sh
# CONVERT (the centos2anolis recipes' migration): centos2anolis.py replaces CentOS' release packages with Anolis' and
# reinstalls the system packages from Anolis' repositories (yum distro-sync); the restart step then boots Anolis.
#
# Parameters: OSM_KERNEL: anck (default: Anolis' own kernel) or rhck (centos2anolis.py --rhck: the RHEL-compatible
# kernel).
# Exit codes are centos2anolis.py's (0: converted). Ours: 2 bad parameter; 127 no centos2anolis.py.
export OSM_STEP="${OSM_STEP:-UPGRADE}"
set -u
if ! command -v centos2anolis.py >/dev/null 2>&1; then
  echo "osm: centos2anolis.py is not installed; the recipe's install step installs it" >&2
  exit 127
fi
case "${OSM_KERNEL:-anck}" in
  anck) set -- ;;
  rhck) set -- --rhck ;;
  *)
    echo "osm: OSM_KERNEL must be anck or rhck, is ${OSM_KERNEL}" >&2
    exit 2
    ;;
esac
echo "osm: centos2anolis.py $*"
status=0
centos2anolis.py "$@" || status=$?
echo "osm: centos2anolis.py exited ${status}"
exit "$status"
