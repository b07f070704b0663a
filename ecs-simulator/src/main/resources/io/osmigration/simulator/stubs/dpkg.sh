# dpkg over var/lib/osm-sim/packages (name_version_arch per line) for Debian-family instances.
pkgs="$OSM_SIM_STATE/packages"
case ${1:-} in
  --print-architecture) case $(osm_sim_state arch) in aarch64) echo arm64 ;; *) echo amd64 ;; esac ;;
  -l|--list)
    echo "Desired=Unknown/Install/Remove/Purge/Hold"
    echo "||/ Name            Version          Architecture Description"
    awk -F_ 'NF >= 3 { printf "ii  %-15s %-16s %-12s %s\n", $1, $2, $3, $1 }' "$pkgs"
    ;;
  *) echo "dpkg: need an action option" >&2; exit 2 ;;
esac
exit 0
