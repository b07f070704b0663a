# There is no network inside the simulator: downloads fail like an unreachable host.
case $osm_sim_name in
  wget) echo "wget: unable to resolve host address (no network inside the ECS simulator)" >&2; exit 4 ;;
  *) echo "curl: (7) Failed to connect: Network is unreachable (no network inside the ECS simulator)" >&2; exit 7 ;;
esac
