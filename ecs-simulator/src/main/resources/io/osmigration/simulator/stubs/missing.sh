# This command does not exist on the simulated operating system.
echo "sh: $osm_sim_name: command not found" >&2
exit 127
