#!/bin/sh
# REMEDIATE I386_PACKAGES: remove the 32-bit packages the destination does not provide (spec: "delete these packages
# before performing the migration"). Idempotent: packages already gone are skipped.
#
# Parameters: OSM_REMOVE_PACKAGES: space-separated name.arch (e.g. "glibc.i686 libgcc.i686").
# Exit codes: 0 none of them is installed now; 2 a bad name; 5 yum could not remove them.
export OSM_STEP="${OSM_STEP:-REMEDIATE}"
set -u
: "${OSM_REMOVE_PACKAGES:?OSM_REMOVE_PACKAGES is required}"
set --
for package in $OSM_REMOVE_PACKAGES; do
  case "$package" in
    *[!A-Za-z0-9._+-]* | '')
      echo "osm: not a package name: $package" >&2
      exit 2
      ;;
  esac
  if rpm -q "$package" >/dev/null 2>&1; then
    set -- "$@" "$package"
  fi
done
if [ "$#" -eq 0 ]; then
  echo "osm: none of $OSM_REMOVE_PACKAGES is installed"
  exit 0
fi
echo "osm: yum -y remove $*"
yum -y remove "$@" || exit 5
