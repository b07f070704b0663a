#!/bin/sh
# DRILL: run the upgrade's pre-flight (leapp preupgrade), which changes nothing on the instance, and print its report.
# Parameters (prefixed by the executor): OSM_DESTINATION.
export OSM_STEP=DRILL
set -eu
: "${OSM_DESTINATION:?OSM_DESTINATION is required}"
report="${OSM_ROOT:-}/var/log/leapp/leapp-report.json"
# preupgrade exits non-zero when it finds inhibitors; the report says which, so go on and print it.
status=0
leapp preupgrade --target "$OSM_DESTINATION" || status=$?
echo "osm: leapp preupgrade exited ${status}"
if [ ! -r "$report" ]; then
  echo "osm: no report at $report" >&2
  exit 6
fi
echo "OSM_REPORT_BEGIN"
cat "$report"
echo
echo "OSM_REPORT_END"
