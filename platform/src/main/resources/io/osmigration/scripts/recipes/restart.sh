#!/bin/sh
# RESTART: restart the instance the way Cloud Assistant expects: exit code 194 makes the agent report this
# invocation first and restart the instance afterwards (aliyun/aliyun_assist_client, agent/taskengine/host/
# processor.go). A plain "reboot" here could cut the agent off before it reports.
export OSM_STEP="${OSM_STEP:-REBOOT}"
sync
echo "osm: restarting ${OSM_REASON:-the instance}"
exit 194
