#!/bin/sh
# PREPARE: make sure the upgrade has room and fresh metadata, and record what is installed.
# Parameters (prefixed by the executor): OSM_DESTINATION.
export OSM_STEP=PREPARE
set -eu
root="${OSM_ROOT:-}"
echo "osm: preparing $(hostname 2>/dev/null || echo instance) for ${OSM_DESTINATION:-?}"
# The upgrade needs space on / (downloads, new packages) and on /boot (the new kernel and initramfs).
free_root_kib=$(df -Pk "${root}/" 2>/dev/null | awk 'NR==2 {print $4}') || free_root_kib=""
echo "osm: free on /: ${free_root_kib:-unknown} KiB"
case "$free_root_kib" in
  '' | *[!0-9]*) echo "osm: could not read the free space on /, going on" ;;
  *)
    if [ "$free_root_kib" -lt 2097152 ]; then
      echo "osm: less than 2 GiB free on /" >&2
      exit 3
    fi
    ;;
esac
yum clean all
yum makecache
packages=$(rpm -qa | wc -l | tr -d ' ')
echo "osm: ${packages} packages installed"
echo "OSM_RESULT packages=${packages}"
