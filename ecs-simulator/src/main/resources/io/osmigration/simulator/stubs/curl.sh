# curl and wget. The instance metadata service (100.100.100.200) is not simulated here: it is
# unreachable. Every other URL is answered by the simulator's model of the network (Java).
case " $* " in
  *100.100.100.200*)
    case $osm_sim_name in
      wget) echo "wget: unable to connect to 100.100.100.200 (no metadata service inside the ECS simulator)" >&2; exit 4 ;;
      *) echo "curl: (7) Failed to connect to 100.100.100.200 port 80: Connection refused (no metadata service inside the ECS simulator)" >&2; exit 7 ;;
    esac
    ;;
esac
exec "$OSM_SIM_ROOT/bin/.osm-java" download "$osm_sim_name" "$@"
