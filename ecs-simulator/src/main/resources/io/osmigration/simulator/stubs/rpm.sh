# rpm over var/lib/osm-sim/packages (one name-version-release.arch per line).
pkgs="$OSM_SIM_STATE/packages"
[ -f "$pkgs" ] || : > "$pkgs"

# Installing from a URL needs the network: the simulator's model of it (Java) serves release RPMs.
case " $* " in
  *" -i "*|*" -U "*|*" -Uvh "*|*" -ivh "*|*" -Fvh "*|*" --install "*|*" --upgrade "*)
    exec "$OSM_SIM_ROOT/bin/.osm-java" rpm rpm "$@" ;;
esac

# Shared awk: split NEVRA, expand --queryformat tags, match query names and globs.
RPM_AWK='
function parse(line,   n, parts, i, tail, d) {
  N = line; V = ""; R = ""; A = ""
  n = split(line, parts, "-")
  if (n >= 3) {
    N = parts[1]; for (i = 2; i <= n - 2; i++) N = N "-" parts[i]
    V = parts[n - 1]; tail = parts[n]
    d = match(tail, /\.[^.]*$/)
    if (d > 0) { R = substr(tail, 1, d - 1); A = substr(tail, d + 1) } else { R = tail }
  }
}
function fmt(f, line,   out) {
  if (f == "") return line "\n"
  out = f
  gsub(/%[{]NAME[}]/, N, out); gsub(/%[{]VERSION[}]/, V, out); gsub(/%[{]RELEASE[}]/, R, out)
  gsub(/%[{]ARCH[}]/, A, out); gsub(/%[{]EPOCH[}]/, "(none)", out); gsub(/%[{]EPOCHNUM[}]/, "0", out)
  gsub(/%[{]NEVRA[}]/, line, out); gsub(/%[{]NVRA[}]/, line, out); gsub(/%[{]NVR[}]/, N "-" V "-" R, out)
  gsub(/%[{]INSTALLTIME[}]/, "1700000000", out); gsub(/%[{]SIZE[}]/, "1048576", out)
  gsub(/%[{][A-Za-z]+[}]/, "(none)", out)
  return out
}
function matches(q, line) {
  return q == line || q == N || q == N "." A || q == N "-" V || q == N "-" V "-" R
}
function glob(g, s,   re) {
  re = g
  gsub(/[.+^$()|]/, "\\\\&", re); gsub(/[*]/, ".*", re); gsub(/[?]/, ".", re)
  return s ~ ("^" re "$")
}
'

mode="" qf="" expr="" names=""
while [ $# -gt 0 ]; do
  case $1 in
    -qa|-aq) mode=qa ;;
    -q|--query) [ "$mode" = qa ] || mode=q ;;
    -a|--all) mode=qa ;;
    -e|--erase) mode=e ;;
    --qf|--queryformat) qf=${2:-}; shift ;;
    --qf=*|--queryformat=*) qf=${1#*=} ;;
    --eval|-E) mode=eval; expr=${2:-}; shift ;;
    --import) mode=import; shift ;;
    -*) ;;
    *) names="$names $1" ;;
  esac
  [ $# -gt 0 ] && shift
done

case $mode in
  qa)
    awk -v qf="$qf" -v globs="$names" "$RPM_AWK"'
      NF { parse($0); n = split(globs, g, " ")
           if (n == 0) { printf "%s", fmt(qf, $0); next }
           for (i = 1; i <= n; i++) if (glob(g[i], $0) || glob(g[i], N)) { printf "%s", fmt(qf, $0); break } }' "$pkgs"
    exit 0
    ;;
  q)
    [ -n "$names" ] || { echo "rpm: no arguments given for query" >&2; exit 1; }
    missing=0
    for q in $names; do
      if ! awk -v q="$q" -v qf="$qf" "$RPM_AWK"'
          NF { parse($0); if (matches(q, $0)) { printf "%s", fmt(qf, $0); found = 1 } }
          END { exit found ? 0 : 1 }' "$pkgs"; then
        echo "package $q is not installed"
        missing=$((missing + 1))
      fi
    done
    [ "$missing" -eq 0 ] || exit 1
    exit 0
    ;;
  e)
    [ -n "$names" ] || { echo "rpm: no packages given for erase" >&2; exit 1; }
    for q in $names; do
      if ! awk -v q="$q" "$RPM_AWK"'NF { parse($0); if (matches(q, $0)) found = 1 } END { exit found ? 0 : 1 }' "$pkgs"; then
        echo "error: package $q is not installed" >&2
        exit 1
      fi
    done
    for q in $names; do
      awk -v q="$q" "$RPM_AWK"'NF { parse($0); if (!matches(q, $0)) print }' "$pkgs" > "$pkgs.tmp" && mv "$pkgs.tmp" "$pkgs"
    done
    exit 0
    ;;
  eval)
    major=$(osm_sim_osr VERSION_ID); major=${major%%.*}
    id=$(osm_sim_osr ID)
    case $id in alinux) [ "$major" = 3 ] && dist=.al8 || dist=.al7 ;; anolis) dist=.an$major ;; *) dist=.el$major ;; esac
    case $expr in
      "%{rhel}"|"%rhel"|"%{?rhel}") echo "$major" ;;
      "%{dist}"|"%dist"|"%{?dist}") echo "$dist" ;;
      "%{_arch}"|"%_arch") osm_sim_state arch ;;
      *) echo "$expr" ;;
    esac
    exit 0
    ;;
  import) exit 0 ;;
  *) echo "rpm: no operation specified" >&2; exit 1 ;;
esac
