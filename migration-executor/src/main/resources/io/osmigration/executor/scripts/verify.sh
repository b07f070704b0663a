#!/bin/sh
# VERIFY: check that the instance now runs the destination operating system.
# Parameters (prefixed by the executor): OSM_DESTINATION, OSM_EXPECTED_ID, OSM_EXPECTED_VERSION.
export OSM_STEP=VERIFY
set -eu
: "${OSM_EXPECTED_ID:?OSM_EXPECTED_ID is required}"
: "${OSM_EXPECTED_VERSION:?OSM_EXPECTED_VERSION is required}"
release="${OSM_ROOT:-}/etc/os-release"
if [ ! -r "$release" ]; then
  echo "osm: cannot read $release" >&2
  exit 4
fi
value() {
  sed -n "s/^$1=//p" "$release" | head -n 1 | tr -d '"'
}
id=$(value ID)
version_id=$(value VERSION_ID)
pretty=$(value PRETTY_NAME)
kernel=$(uname -r)
echo "osm: os-release ID=${id} VERSION_ID=${version_id}, kernel ${kernel}"
rpm -q bash || echo "osm: bash is not in the package database"
case "$version_id" in
  "$OSM_EXPECTED_VERSION" | "$OSM_EXPECTED_VERSION".*) version_ok=yes ;;
  *) version_ok=no ;;
esac
if [ "$id" != "$OSM_EXPECTED_ID" ] || [ "$version_ok" != yes ]; then
  echo "osm: expected ${OSM_EXPECTED_ID} ${OSM_EXPECTED_VERSION}, found ${id} ${version_id}" >&2
  exit 5
fi
echo "OSM_RESULT os=${pretty}"
