# This command is implemented by the simulator in Java (README "Commands served by the simulator"):
# the arguments go to the simulator over its FIFO, the answer comes back on a FIFO of our own.
osm_sim_tool='@TOOL@'
if [ -z "$osm_sim_tool" ]; then osm_sim_tool=$1; osm_sim_name=$2; shift 2; fi
osm_sim_req=$(mktemp -d "$OSM_SIM_ROOT/tmp/.osm-tool.XXXXXXXX") || { echo "osm-sim: cannot create a request directory" >&2; exit 70; }
mkfifo "$osm_sim_req/rc" || exit 70
exec 3<>"$osm_sim_req/rc"
: > "$osm_sim_req/argv"
for osm_sim_a in "$@"; do printf '%s\000' "$osm_sim_a" >> "$osm_sim_req/argv"; done
printf '%s\000%s\000' "${OSM_STEP:-}" "$PWD" > "$osm_sim_req/env"
printf '%s %s %s\n' "$osm_sim_tool" "$osm_sim_name" "$osm_sim_req" > '@FIFO@'
read -r osm_sim_rc <&3
exec 3<&-
[ -s "$osm_sim_req/out" ] && cat "$osm_sim_req/out"
[ -s "$osm_sim_req/err" ] && cat "$osm_sim_req/err" >&2
rm -rf "$osm_sim_req"
exit "${osm_sim_rc:-70}"
