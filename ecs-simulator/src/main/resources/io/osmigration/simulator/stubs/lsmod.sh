# Formats the simulated /proc/modules like lsmod does.
awk 'BEGIN { printf "%-19s %8s  %s\n", "Module", "Size", "Used by" }
     NF >= 3 { deps = $4; if (deps == "-") deps = ""; sub(/,$/, "", deps)
               printf "%-19s %8s  %s %s\n", $1, $2, $3, deps }' "$OSM_SIM_ROOT/proc/modules"
exit 0
