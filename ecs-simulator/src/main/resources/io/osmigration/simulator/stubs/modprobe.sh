# modprobe, rmmod, insmod over the simulated /proc/modules. A module another one uses cannot be
# removed ("Module X is in use"), as kmod refuses it; loading one that is not loaded adds it.
mods="$OSM_SIM_ROOT/proc/modules"
remove=0 names=""
case $osm_sim_name in
  rmmod) remove=1 ;;
esac
for a in "$@"; do
  case $a in
    -r|--remove) remove=1 ;;
    -*) ;;
    *) names="$names $a" ;;
  esac
done
[ -n "$names" ] || { echo "$osm_sim_name: missing module name." >&2; exit 1; }
rc=0
for n in $names; do
  n=${n%.ko}; n=${n##*/}
  line=$(awk -v m="$n" '$1 == m' "$mods")
  if [ "$remove" = 1 ]; then
    if [ -z "$line" ]; then
      [ "$osm_sim_name" = rmmod ] && { echo "rmmod: ERROR: Module $n is not currently loaded" >&2; rc=1; }
      continue
    fi
    refs=$(echo "$line" | awk '{print $3}')
    if [ "$refs" != 0 ]; then
      echo "$osm_sim_name: ERROR: Module $n is in use" >&2; rc=1; continue
    fi
    awk -v m="$n" '$1 != m' "$mods" > "$mods.tmp" && mv "$mods.tmp" "$mods"
  elif [ -z "$line" ]; then
    echo "$n 16384 0 - Live 0xffffffffc0800000" >> "$mods"
  fi
done
exit $rc
