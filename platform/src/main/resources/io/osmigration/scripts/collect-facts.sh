#!/bin/sh
# osmigration fact collector.
# Prints what the pre-check needs to know about this server, in sections headed "==osm:<name>==".
# Runs unchanged on CentOS 7/8, RHEL 7/8 and Alibaba Cloud Linux 2/3 with nothing extra installed, and degrades
# gracefully elsewhere (a section is left empty when its source is missing).
# OSM_ROOT prefixes the files read: empty on a real server; the ECS simulator points it at an instance's fake root.
# The output grows with the server (about 33 bytes a package): through Cloud Assistant it is read back whole by the
# platform's client (it keeps it in a file on the instance and reads it in verified chunks), never from the output
# Cloud Assistant keeps. The counts section at the end lets the reader check that no line went missing.
root="${OSM_ROOT:-}"

section() {
    printf '==osm:%s==\n' "$1"
}

enabled_repos() {
    # A repo is enabled unless its section says enabled=0 (yum's default is enabled).
    for file in "$root"/etc/yum.repos.d/*.repo; do
        [ -f "$file" ] || continue
        awk '
            /^[[:space:]]*\[/ { if (id != "" && enabled) print id; id = $0; gsub(/[][[:space:]]/, "", id); enabled = 1; next }
            /^[[:space:]]*enabled[[:space:]]*=/ { value = $0; sub(/^[^=]*=[[:space:]]*/, "", value); enabled = (value + 0 != 0) }
            END { if (id != "" && enabled) print id }
        ' "$file"
    done
}

cloud_assistant() {
    if command -v aliyun-service >/dev/null 2>&1 || [ -x "$root/usr/local/share/aliyun-assist/latest/aliyun-service" ]; then
        echo installed
    elif systemctl is-active aliyun >/dev/null 2>&1; then
        echo installed
    else
        echo absent
    fi
}

local_binaries() {
    # ELF executables installed outside the package manager: probably built here against this system's toolchain.
    for dir in "$root/usr/local/bin" "$root/usr/local/sbin" "$root"/opt/*/bin; do
        [ -d "$dir" ] || continue
        for file in "$dir"/*; do
            if [ -f "$file" ] && [ -x "$file" ] && [ "$(head -c 4 "$file" 2>/dev/null | tail -c 3)" = "ELF" ]; then
                printf '%s\n' "${file#"$root"}"
            fi
        done
    done | head -n 200
}

section os-release
cat "$root/etc/os-release" 2>/dev/null
section arch
uname -m
section kernel
uname -r
section hostname
hostname 2>/dev/null || cat "$root/etc/hostname" 2>/dev/null
section machine-id
cat "$root/etc/machine-id" 2>/dev/null
section packages
packages=$(rpm -qa 2>/dev/null | sort)
[ -n "$packages" ] && printf '%s\n' "$packages"
section modules
modules=$(cat "$root/proc/modules" 2>/dev/null)
[ -n "$modules" ] && printf '%s\n' "$modules"
section repos
enabled_repos
section df
df -P -k / /boot 2>/dev/null
section memory
free -m 2>/dev/null | awk '/^Mem:/ { print $2 }'
section cloud-assistant
cloud_assistant
section local-binaries
local_binaries
section counts
printf 'packages=%s\n' "$(printf '%s' "$packages" | grep -c .)"
printf 'modules=%s\n' "$(printf '%s' "$modules" | grep -c .)"
section end
