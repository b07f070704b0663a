#!/bin/sh
# UPGRADE: upgrade the operating system in place with Leapp.
# Parameters (prefixed by the executor): OSM_DESTINATION.
export OSM_STEP=UPGRADE
set -eu
: "${OSM_DESTINATION:?OSM_DESTINATION is required}"
echo "osm: upgrading to ${OSM_DESTINATION}"
leapp upgrade --target "$OSM_DESTINATION"
echo "osm: upgrade finished, reboot pending"
