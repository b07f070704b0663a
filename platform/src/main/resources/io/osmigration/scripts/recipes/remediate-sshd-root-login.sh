#!/bin/sh
# REMEDIATE SSHD_PERMIT_ROOT_LOGIN: state PermitRootLogin in sshd_config explicitly, so the destination's different
# default ("prohibit-password") does not lock root out (Leapp's openssh_permit_root_login inhibitor; the ELevate guide
# adds "PermitRootLogin yes", which keeps today's behaviour). Idempotent: a file that states it is left alone.
#
# Parameters: OSM_PERMIT_ROOT_LOGIN: yes (default), prohibit-password or no.
# Exit codes: 0 stated; 2 bad value; 3 no sshd_config.
export OSM_STEP="${OSM_STEP:-REMEDIATE}"
set -u
config="${OSM_ROOT:-}/etc/ssh/sshd_config"
value="${OSM_PERMIT_ROOT_LOGIN:-yes}"
case "$value" in
  yes | no | prohibit-password) ;;
  *)
    echo "osm: OSM_PERMIT_ROOT_LOGIN must be yes, no or prohibit-password, is $value" >&2
    exit 2
    ;;
esac
if [ ! -f "$config" ]; then
  echo "osm: no $config" >&2
  exit 3
fi
if grep -Eq '^[[:space:]]*PermitRootLogin[[:space:]]' "$config"; then
  echo "osm: $config already states $(grep -E '^[[:space:]]*PermitRootLogin[[:space:]]' "$config" | head -n 1)"
  exit 0
fi
printf '\n# Added by osmigration before the upgrade: the destination changes the default.\nPermitRootLogin %s\n' \
  "$value" >>"$config"
echo "osm: added PermitRootLogin $value to $config"
