# yum / dnf / yum-config-manager over the instance's repo files and package list. There is no
# network: installs add a placeholder package, updates find nothing.
pkgs="$OSM_SIM_STATE/packages"
repodir="$OSM_SIM_ROOT/etc/yum.repos.d"

# repo id <TAB> name <TAB> enabled|disabled, for every [section] of every .repo file.
repos() {
  for f in "$repodir"/*.repo; do
    [ -f "$f" ] || continue
    awk 'function out() { if (id != "") print id "\t" name "\t" (en ? "enabled" : "disabled") }
         /^[ \t]*\[.*\][ \t]*$/ { out(); id = $0; gsub(/^[ \t]*\[|\][ \t]*$/, "", id); name = id; en = 1; next }
         /^[ \t]*enabled[ \t]*=/ { v = $0; sub(/^[^=]*=[ \t]*/, "", v); en = (v == "1" || v == "true" || v == "True" || v == "yes") }
         /^[ \t]*name[ \t]*=/ { v = $0; sub(/^[^=]*=[ \t]*/, "", v); name = v }
         END { out() }' "$f"
  done
}

# set_repo REPO 0|1: rewrites enabled= inside that repo's section.
set_repo() {
  found=1
  for f in "$repodir"/*.repo; do
    [ -f "$f" ] || continue
    if grep -q "^[[:space:]]*\[$1\][[:space:]]*\$" "$f"; then
      found=0
      awk -v r="$1" -v val="$2" '
        function flush() { if (insec && !done) print "enabled=" val; insec = 0 }
        /^[ \t]*\[.*\][ \t]*$/ { flush(); s = $0; gsub(/^[ \t]*\[|\][ \t]*$/, "", s); insec = (s == r); done = 0; print; next }
        insec && /^[ \t]*enabled[ \t]*=/ { print "enabled=" val; done = 1; next }
        { print }
        END { flush() }' "$f" > "$f.tmp" && mv "$f.tmp" "$f"
    fi
  done
  return $found
}

config_manager() {
  while [ $# -gt 0 ]; do
    case $1 in
      --disable|--set-disabled) shift; for r in $(echo "$1" | tr ',' ' '); do set_repo "$r" 0 || echo "No matching repo to modify: $r." >&2; done ;;
      --enable|--set-enabled) shift; for r in $(echo "$1" | tr ',' ' '); do set_repo "$r" 1 || echo "No matching repo to modify: $r." >&2; done ;;
      --disable=*|--set-disabled=*) for r in $(echo "${1#*=}" | tr ',' ' '); do set_repo "$r" 0; done ;;
      --enable=*|--set-enabled=*) for r in $(echo "${1#*=}" | tr ',' ' '); do set_repo "$r" 1; done ;;
    esac
    [ $# -gt 0 ] && shift
  done
  return 0
}

if [ "$osm_sim_name" = yum-config-manager ]; then
  config_manager "$@"
  exit 0
fi

# Skip global options before the sub-command.
while [ $# -gt 0 ]; do
  case $1 in
    --disablerepo|--enablerepo|--setopt|-c|--config|--releasever|--installroot|-d|-e) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
sub=${1:-help}
[ $# -gt 0 ] && shift
names=""
for a in "$@"; do case $a in -*) ;; *) names="$names $a" ;; esac; done

case $sub in
  repolist)
    filter=enabled
    case ${1:-} in all) filter=all ;; disabled) filter=disabled ;; esac
    if [ "$osm_sim_name" = dnf ]; then printf '%-40s %s\n' "repo id" "repo name"
    else printf '%-40s %-40s %s\n' "repo id" "repo name" "status"; fi
    repos | while IFS='	' read -r id name state; do
      [ "$filter" = all ] || [ "$filter" = "$state" ] || continue
      if [ "$osm_sim_name" = dnf ]; then printf '%-40s %s\n' "$id" "$name"
      else printf '%-40s %-40s %s\n' "$id" "$name" "$([ "$state" = enabled ] && echo 1,024 || echo disabled)"; fi
    done
    ;;
  clean)
    echo "Cleaning repos: $(repos | awk -F'\t' '$3 == "enabled" { printf "%s ", $1 }')"
    echo "Cleaning up everything"
    ;;
  makecache) echo "Metadata cache created." ;;
  check-update|update|upgrade|distro-sync|update-minimal)
    echo "No packages marked for update"
    [ "$sub" = check-update ] && exit 0
    ;;
  list)
    echo "Installed Packages"
    awk 'NF { line = $0; n = split(line, p, "-"); if (n < 3) next
              name = p[1]; for (i = 2; i <= n - 2; i++) name = name "-" p[i]
              tail = p[n]; d = match(tail, /\.[^.]*$/); if (d == 0) next
              printf "%-45s %-30s %s\n", name substr(tail, d), p[n - 1] "-" substr(tail, 1, d - 1), "@anaconda" }' "$pkgs"
    ;;
  install|reinstall)
    [ -n "$names" ] || { echo "Error: Need to pass a list of pkgs to install" >&2; exit 1; }
    for n in $names; do
      if "$OSM_SIM_ROOT/bin/rpm" -q "$n" >/dev/null 2>&1; then
        echo "Package $n is already installed."
      else
        echo "$n-1.0-1.osmsim.noarch" >> "$pkgs"
        echo "Installed: $n-1.0-1.osmsim.noarch"
      fi
    done
    echo "Complete!"
    ;;
  remove|erase|autoremove)
    for n in $names; do
      "$OSM_SIM_ROOT/bin/rpm" -e --nodeps "$n" 2>/dev/null || echo "No match for argument: $n"
    done
    echo "Complete!"
    ;;
  config-manager) config_manager "$@" ;;
  module)
    case ${1:-} in list) echo "Hint: [d]efault, [e]nabled, [x]disabled, [i]nstalled" ;; *) ;; esac
    ;;
  history|info|search|provides|deplist|groups|group) ;;
  help|--help) echo "usage: $osm_sim_name [options] COMMAND" ;;
  *) echo "No such command: $sub. Please use $osm_sim_name --help" >&2; exit 1 ;;
esac
exit 0
