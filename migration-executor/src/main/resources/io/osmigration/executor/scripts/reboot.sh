#!/bin/sh
# REBOOT: boot into the upgraded system. The reboot happens after this invocation ends; the executor then waits
# until the instance is Running and Cloud Assistant is online again.
export OSM_STEP=REBOOT
set -eu
echo "osm: rebooting into ${OSM_DESTINATION:-the new system}"
reboot
