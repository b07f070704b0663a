# hostname from the instance's /etc/hostname; "hostname NAME" changes it.
file="$OSM_SIM_ROOT/etc/hostname"
name=$(cat "$file" 2>/dev/null)
case ${1:-} in
  "") echo "$name" ;;
  -s|--short) echo "${name%%.*}" ;;
  -f|--fqdn|--long|-A|--all-fqdns) echo "$name" ;;
  -i|-I|--ip-address|--all-ip-addresses) osm_sim_state private-ip ;;
  -d|--domain) case $name in *.*) echo "${name#*.}" ;; *) echo ;; esac ;;
  -*) echo "hostname: invalid option -- '${1#-}'" >&2; exit 1 ;;
  *) printf '%s\n' "$1" > "$file" ;;
esac
exit 0
