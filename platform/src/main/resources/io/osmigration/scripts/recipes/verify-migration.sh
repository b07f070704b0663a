#!/bin/sh
# VERIFY: after the last restart, check that the instance runs the destination: the recipe's post-checks, one line
# each ("OSM_CHECK <name> ok|failed <detail>") on the console and in the result ($OSM_RESULT_FILE).
#
# Parameters: OSM_EXPECTED_ID, OSM_EXPECTED_VERSION (os-release ID and VERSION_ID prefix of the destination),
# OSM_CHECKS (space-separated, from the catalogue): os-release, kernel-changed, rpm-database, leapp-upgrade-log.
# Exit codes: 0 every check passed; 2 unknown check; 5 a check failed.
export OSM_STEP="${OSM_STEP:-VERIFY}"
set -u
root="${OSM_ROOT:-}"
: "${OSM_EXPECTED_ID:?OSM_EXPECTED_ID is required}"
: "${OSM_EXPECTED_VERSION:?OSM_EXPECTED_VERSION is required}"
result="${OSM_RESULT_FILE:-/dev/null}"
failed=0

report() {
  printf 'OSM_CHECK %s %s %s\n' "$1" "$2" "$3" | tee -a "$result"
  if [ "$2" = failed ]; then
    failed=1
  fi
}

os_release_value() {
  sed -n "s/^$1=//p" "$root/etc/os-release" 2>/dev/null | head -n 1 | tr -d '"'
}

check_os_release() {
  id=$(os_release_value ID)
  version=$(os_release_value VERSION_ID)
  case "$version" in
    "$OSM_EXPECTED_VERSION" | "$OSM_EXPECTED_VERSION".*) version_ok=yes ;;
    *) version_ok=no ;;
  esac
  if [ "$id" = "$OSM_EXPECTED_ID" ] && [ "$version_ok" = yes ]; then
    report os-release ok "$(os_release_value PRETTY_NAME)"
  else
    report os-release failed "expected ${OSM_EXPECTED_ID} ${OSM_EXPECTED_VERSION}, found ${id:-?} ${version:-?}"
  fi
}

check_kernel_changed() {
  before=$(cat "$root/var/lib/osmigration/source-kernel" 2>/dev/null)
  now=$(uname -r)
  if [ -z "$before" ]; then
    report kernel-changed ok "running ${now} (the kernel before the migration was not recorded)"
  elif [ "$before" = "$now" ]; then
    report kernel-changed failed "still running the kernel from before the migration, ${now}"
  else
    report kernel-changed ok "running ${now}, was ${before}"
  fi
}

check_rpm_database() {
  count=$(rpm -qa 2>/dev/null | wc -l | tr -d ' ')
  if [ "${count:-0}" -gt 0 ]; then
    report rpm-database ok "${count} packages"
  else
    report rpm-database failed "rpm -qa lists no packages"
  fi
}

check_leapp_upgrade_log() {
  log="$root/var/log/leapp/leapp-upgrade.log"
  if [ -s "$log" ]; then
    report leapp-upgrade-log ok "$log"
  else
    report leapp-upgrade-log failed "no $log: the offline upgrade did not run"
  fi
}

for check in ${OSM_CHECKS:-os-release}; do
  case "$check" in
    os-release) check_os_release ;;
    kernel-changed) check_kernel_changed ;;
    rpm-database) check_rpm_database ;;
    leapp-upgrade-log) check_leapp_upgrade_log ;;
    *)
      echo "osm: unknown check $check" >&2
      exit 2
      ;;
  esac
done
if [ "$failed" -ne 0 ]; then
  exit 5
fi
echo "OSM_RESULT os=$(os_release_value PRETTY_NAME)"
