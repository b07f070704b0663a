# systemctl: the Cloud Assistant unit (aliyun) reflects the simulator's agent state; other units are
# reported active and every other verb succeeds; reboot and poweroff take the system down.
verb="" unit="" quiet=0
for a in "$@"; do
  case $a in
    -q|--quiet) quiet=1 ;;
    -*) ;;
    *) if [ -z "$verb" ]; then verb=$a; elif [ -z "$unit" ]; then unit=$a; fi ;;
  esac
done
agent_state() { s=$(osm_sim_state cloud-assistant); echo "${s:-inactive}"; }
say() { [ "$quiet" = 1 ] || echo "$1"; }
case $verb in
  is-active)
    case $unit in
      aliyun|aliyun.service) st=$(agent_state); say "$st"; [ "$st" = active ]; exit $? ;;
      *) say active; exit 0 ;;
    esac
    ;;
  is-enabled) say enabled; exit 0 ;;
  status)
    case $unit in
      aliyun|aliyun.service)
        st=$(agent_state)
        echo "* aliyun.service - aliyun assist"
        if [ "$st" = active ]; then echo "   Active: active (running)"; exit 0; fi
        echo "   Active: inactive (dead)"; exit 3 ;;
      *) echo "* $unit"; echo "   Active: active (running)"; exit 0 ;;
    esac
    ;;
  reboot|poweroff|halt|kexec)
    # The system goes down now (Java: it kills the running commands, this one included).
    exec "$OSM_SIM_ROOT/bin/.osm-java" power systemctl "$verb"
    ;;
  *) exit 0 ;;
esac
