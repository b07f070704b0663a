# free, computed from the instance's memory size (var/lib/osm-sim/memory-mib).
unit=k
for a in "$@"; do
  case $a in
    -b|--bytes) unit=b ;; -k|--kilo|--kibi) unit=k ;; -m|--mega|--mebi) unit=m ;;
    -g|--giga|--gibi) unit=g ;; -h|--human) unit=h ;; *) ;;
  esac
done
awk -v mib="$(osm_sim_state memory-mib)" -v unit="$unit" '
function conv(v) {
  if (unit == "b") return sprintf("%d", v * 1048576)
  if (unit == "k") return sprintf("%d", v * 1024)
  if (unit == "m") return sprintf("%d", v)
  if (unit == "g") return sprintf("%d", v / 1024)
  if (v == 0) return "0B"
  if (v >= 1024) return sprintf("%.1fGi", v / 1024)
  return sprintf("%dMi", v)
}
BEGIN {
  total = mib + 0; used = int(total * 12 / 100); shared = 8; cache = int(total * 10 / 100)
  free = total - used - cache; avail = free + int(cache * 8 / 10)
  printf "%15s %11s %11s %11s %11s %11s\n", "total", "used", "free", "shared", "buff/cache", "available"
  printf "%-7s %7s %11s %11s %11s %11s %11s\n", "Mem:", conv(total), conv(used), conv(free), conv(shared), conv(cache), conv(avail)
  printf "%-7s %7s %11s %11s\n", "Swap:", conv(0), conv(0), conv(0)
}'
exit 0
