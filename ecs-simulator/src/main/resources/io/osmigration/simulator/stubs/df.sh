# df from var/lib/osm-sim/filesystems (device mountpoint sizeKiB availableKiB fstype).
posix=0 unit=k showtype=0 paths=""
for a in "$@"; do
  case $a in
    -P|--portability) posix=1 ;;
    -k) unit=k ;; -m) unit=m ;; -h|--human-readable|-H|--si) unit=h ;;
    -T|--print-type) showtype=1 ;;
    -*) ;;
    *) paths="$paths $a" ;;
  esac
done
awk -v posix="$posix" -v unit="$unit" -v showtype="$showtype" -v paths="$paths" '
function conv(k) {
  if (unit == "m") return sprintf("%d", (k + 1023) / 1024)
  if (unit == "h") {
    if (k >= 1048576) return sprintf("%.1fG", k / 1048576)
    if (k >= 1024) return sprintf("%.0fM", k / 1024)
    return sprintf("%dK", k)
  }
  return sprintf("%d", k)
}
function row(i,   used, pct) {
  used = size[i] - avail[i]
  pct = size[i] > 0 ? int((used * 100 + size[i] - 1) / size[i]) : 0
  if (showtype) printf "%-15s %-5s %10s %10s %10s %8s %s\n", dev[i], fstype[i], conv(size[i]), conv(used), conv(avail[i]), pct "%", mnt[i]
  else printf "%-15s %10s %10s %10s %8s %s\n", dev[i], conv(size[i]), conv(used), conv(avail[i]), pct "%", mnt[i]
}
NF >= 5 { n++; dev[n] = $1; mnt[n] = $2; size[n] = $3; avail[n] = $4; fstype[n] = $5 }
END {
  blocks = unit == "h" ? "Size" : (unit == "m" ? "1M-blocks" : (posix ? "1024-blocks" : "1K-blocks"))
  usedh = unit == "h" ? "Used" : "Used"; availh = unit == "h" ? "Avail" : "Available"
  pcth = posix ? "Capacity" : "Use%"
  if (showtype) printf "%-15s %-5s %10s %10s %10s %8s %s\n", "Filesystem", "Type", blocks, usedh, availh, pcth, "Mounted on"
  else printf "%-15s %10s %10s %10s %8s %s\n", "Filesystem", blocks, usedh, availh, pcth, "Mounted on"
  np = split(paths, p, " ")
  if (np == 0) { for (i = 1; i <= n; i++) row(i); exit 0 }
  for (j = 1; j <= np; j++) {
    best = 0; bestlen = -1
    for (i = 1; i <= n; i++) {
      m = mnt[i]
      if (p[j] == m || m == "/" || index(p[j], m "/") == 1) {
        if (length(m) > bestlen) { best = i; bestlen = length(m) }
      }
    }
    if (best) row(best)
  }
}' "$OSM_SIM_STATE/filesystems"
exit 0
