# reboot, shutdown, poweroff: the simulator reboots the instance after the current command ends.
case "$osm_sim_name $*" in
  *--help*) echo "usage: $osm_sim_name [options]"; exit 0 ;;
  "shutdown -c"*|"shutdown "*" -c"*) rm -f "$OSM_SIM_STATE/reboot-requested"; echo "Shutdown cancelled."; exit 0 ;;
esac
: > "$OSM_SIM_STATE/reboot-requested"
echo "osm-sim: $osm_sim_name requested; the instance reboots after this command finishes"
exit 0
