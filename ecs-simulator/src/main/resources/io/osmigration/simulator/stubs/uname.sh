# uname (and arch) from the instance's state: kernel release and machine come from var/lib/osm-sim.
kernel=$(osm_sim_state kernel)
machine=$(osm_sim_state arch)
node=$(cat "$OSM_SIM_ROOT/etc/hostname" 2>/dev/null)
kver="#1 SMP Thu Nov 17 00:00:00 UTC 2022"
if [ "$osm_sim_name" = arch ]; then
  echo "$machine"
  exit 0
fi
s=0 n=0 r=0 v=0 m=0 p=0 i=0 o=0
[ $# -eq 0 ] && s=1
for a in "$@"; do
  case $a in
    --all) s=1 n=1 r=1 v=1 m=1 p=1 i=1 o=1 ;;
    --kernel-name) s=1 ;;
    --nodename) n=1 ;;
    --kernel-release) r=1 ;;
    --kernel-version) v=1 ;;
    --machine) m=1 ;;
    --processor) p=1 ;;
    --hardware-platform) i=1 ;;
    --operating-system) o=1 ;;
    --help|--version) echo "uname (GNU coreutils) 8.22"; exit 0 ;;
    -?*)
      flags=${a#-}
      while [ -n "$flags" ]; do
        c=${flags%"${flags#?}"}
        flags=${flags#?}
        case $c in
          a) s=1 n=1 r=1 v=1 m=1 p=1 i=1 o=1 ;;
          s) s=1 ;; n) n=1 ;; r) r=1 ;; v) v=1 ;; m) m=1 ;; p) p=1 ;; i) i=1 ;; o) o=1 ;;
          *) echo "uname: invalid option -- '$c'" >&2; exit 1 ;;
        esac
      done
      ;;
    *) echo "uname: extra operand '$a'" >&2; exit 1 ;;
  esac
done
out=""
add() { if [ -z "$out" ]; then out=$1; else out="$out $1"; fi; }
[ $s = 1 ] && add Linux
[ $n = 1 ] && add "$node"
[ $r = 1 ] && add "$kernel"
[ $v = 1 ] && add "$kver"
[ $m = 1 ] && add "$machine"
[ $p = 1 ] && add "$machine"
[ $i = 1 ] && add "$machine"
[ $o = 1 ] && add "GNU/Linux"
printf '%s\n' "$out"
exit 0
