#!/bin/sh
# REMEDIATE KERNEL_MODULE_UNSUPPORTED: unload the drivers the destination no longer has and keep them from loading
# again (modprobe.d(5) "blacklist"), as the ELevate guide does for pata_acpi. Idempotent.
#
# Parameters: OSM_MODULES: space-separated module names (e.g. "floppy pata_acpi").
# Exit codes: 0 none of them is loaded now; 2 a name is not a module name; 4 a module is still loaded (in use).
export OSM_STEP="${OSM_STEP:-REMEDIATE}"
set -u
root="${OSM_ROOT:-}"
conf="$root/etc/modprobe.d/osmigration-removed-drivers.conf"
: "${OSM_MODULES:?OSM_MODULES is required}"
mkdir -p "$root/etc/modprobe.d"
still_loaded=""
for module in $OSM_MODULES; do
  case "$module" in
    *[!A-Za-z0-9_-]* | '')
      echo "osm: not a module name: $module" >&2
      exit 2
      ;;
  esac
  if ! grep -qx "blacklist $module" "$conf" 2>/dev/null; then
    echo "blacklist $module" >>"$conf"
    echo "osm: blacklisted $module in $conf"
  fi
  if grep -q "^$module " "$root/proc/modules" 2>/dev/null; then
    echo "osm: modprobe -r $module"
    modprobe -r "$module" || still_loaded="$still_loaded $module"
  fi
done
if [ -n "$still_loaded" ]; then
  echo "osm: still loaded (in use by a device or another module):$still_loaded" >&2
  exit 4
fi
echo "osm: not loaded: $OSM_MODULES"
