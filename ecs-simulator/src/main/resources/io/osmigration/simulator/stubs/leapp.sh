# leapp: "preupgrade" is the migration drill (reports, changes nothing); "upgrade" turns the fake
# root into the destination OS. Destination ids are the product's: alinux2 alinux3 anolis7 anolis8
# rhel7 rhel8.
sub=${1:-}
[ $# -gt 0 ] && shift
target=""
while [ $# -gt 0 ]; do
  case $1 in
    --target) target=${2:-}; [ $# -gt 1 ] && shift ;;
    --target=*) target=${1#--target=} ;;
  esac
  shift
done

logdir="$OSM_SIM_ROOT/var/log/leapp"
arch=$(osm_sim_state arch)
critical=$(osm_sim_state drill-critical)

# Sets the destination's os-release fields, kernel, release package and dist tag.
destination() {
  case $1 in
    alinux2) D_ID=alinux D_VERSION_ID=2.1903 D_NAME="Alibaba Cloud Linux (Aliyun Linux)" D_VERSION="2.1903 LTS (Chivalrous Camel)"
             D_PRETTY="Alibaba Cloud Linux (Aliyun Linux) 2.1903 LTS (Chivalrous Camel)" D_LIKE="rhel fedora centos anolis"
             D_PLATFORM="" D_KERNEL=4.19.91-27.al7 D_DIST=al7 D_RELEASE="alinux-release-2.1903-13.al7" ;;
    alinux3) D_ID=alinux D_VERSION_ID=3 D_NAME="Alibaba Cloud Linux" D_VERSION="3 (Soaring Falcon)"
             D_PRETTY="Alibaba Cloud Linux 3 (Soaring Falcon)" D_LIKE="rhel fedora centos anolis"
             D_PLATFORM="platform:al8" D_KERNEL=5.10.134-16.al8 D_DIST=al8 D_RELEASE="alinux-release-3.2104.10-1.al8" ;;
    anolis7) D_ID=anolis D_VERSION_ID=7.9 D_NAME="Anolis OS" D_VERSION="7.9"
             D_PRETTY="Anolis OS 7.9" D_LIKE="rhel fedora centos" D_PLATFORM="" D_KERNEL=3.10.0-1160.an7
             D_DIST=an7 D_RELEASE="anolis-release-7.9-1.an7" ;;
    anolis8) D_ID=anolis D_VERSION_ID=8.8 D_NAME="Anolis OS" D_VERSION="8.8"
             D_PRETTY="Anolis OS 8.8" D_LIKE="rhel fedora centos" D_PLATFORM="platform:an8" D_KERNEL=5.10.134-13.an8
             D_DIST=an8 D_RELEASE="anolis-release-8.8-1.an8" ;;
    rhel7)   D_ID=rhel D_VERSION_ID=7.9 D_NAME="Red Hat Enterprise Linux Server" D_VERSION="7.9 (Maipo)"
             D_PRETTY="Red Hat Enterprise Linux Server 7.9 (Maipo)" D_LIKE="fedora" D_PLATFORM="" D_KERNEL=3.10.0-1160.el7
             D_DIST=el7 D_RELEASE="redhat-release-server-7.9-6.el7" ;;
    rhel8)   D_ID=rhel D_VERSION_ID=8.10 D_NAME="Red Hat Enterprise Linux" D_VERSION="8.10 (Ootpa)"
             D_PRETTY="Red Hat Enterprise Linux 8.10 (Ootpa)" D_LIKE="fedora" D_PLATFORM="platform:el8" D_KERNEL=4.18.0-553.el8_10
             D_DIST=el8 D_RELEASE="redhat-release-8.10-0.3.el8" ;;
    *) return 1 ;;
  esac
  return 0
}

need_target() {
  if [ -z "$target" ]; then
    echo "leapp: --target is required (alinux2 alinux3 anolis7 anolis8 rhel7 rhel8)" >&2
    exit 2
  fi
  if ! destination "$target"; then
    echo "leapp: unsupported target '$target' (supported: alinux2 alinux3 anolis7 anolis8 rhel7 rhel8)" >&2
    exit 2
  fi
}

entry() { # title summary severity hint inhibitor(0|1)
  if [ "$5" = 1 ]; then flags='"flags": ["inhibitor"], "groups": ["inhibitor"], '; else flags='"flags": [], "groups": [], '; fi
  printf '    {"title": "%s", "summary": "%s", "severity": "%s", %s"audience": "sysadmin", "detail": {"remediations": [{"type": "hint", "context": "%s"}]}}' \
    "$1" "$2" "$3" "$flags" "$4"
}

case $sub in
  preupgrade)
    need_target
    mkdir -p "$logdir"
    {
      echo '{"leapp_run_id": "osm-sim", "entries": ['
      entry "SElinux will be set to permissive mode" \
            "SElinux will be set to permissive mode during the upgrade to $D_PRETTY." low \
            "Review the SELinux configuration after the upgrade." 0
      echo ','
      entry "Packages not signed by the target vendor found on the system" \
            "Packages not signed by the vendor of $D_PRETTY are kept as they are." low \
            "Verify third-party packages after the upgrade." 0
      echo ','
      entry "Current system will be upgraded to $D_PRETTY" \
            "The in-place upgrade will replace the kernel with $D_KERNEL." info \
            "Reboot is required after the upgrade." 0
      if [ "$critical" = true ]; then
        echo ','
        entry "Detected loaded kernel drivers which have been removed in the target system. Upgrade cannot proceed." \
              "Support for the following loaded drivers has been removed in $D_PRETTY: floppy, pata_acpi." high \
              "Unload the drivers (modprobe -r) and remove them from the initramfs before upgrading." 1
      fi
      echo ''
      echo ']}'
    } > "$logdir/leapp-report.json"
    echo "==> Processing phase \`FactsCollection\`"
    echo "==> Processing phase \`Checks\`"
    echo "==> Processing phase \`Reports\`"
    if [ "$critical" = true ]; then
      echo "============================================================"
      echo "                     UPGRADE INHIBITED"
      echo "============================================================"
      echo "Upgrade has been inhibited due to the following problems:"
      echo "    1. Detected loaded kernel drivers which have been removed in the target system. Upgrade cannot proceed."
    else
      echo "No upgrade inhibitors were found (target $target: $D_PRETTY)."
    fi
    echo "A report has been generated at /var/log/leapp/leapp-report.json"
    exit 0
    ;;
  upgrade)
    need_target
    mkdir -p "$logdir"
    if [ "$critical" = true ]; then
      echo "Upgrade has been inhibited due to the following problems:" >&2
      echo "    1. Detected loaded kernel drivers which have been removed in the target system. Upgrade cannot proceed." >&2
      exit 1
    fi
    osr="$OSM_SIM_ROOT/etc/os-release"
    {
      printf 'NAME="%s"\nVERSION="%s"\nID="%s"\nID_LIKE="%s"\nVERSION_ID="%s"\n' "$D_NAME" "$D_VERSION" "$D_ID" "$D_LIKE" "$D_VERSION_ID"
      [ -n "$D_PLATFORM" ] && printf 'PLATFORM_ID="%s"\n' "$D_PLATFORM"
      printf 'PRETTY_NAME="%s"\nANSI_COLOR="0;31"\n' "$D_PRETTY"
    } > "$osr.tmp" && mv "$osr.tmp" "$osr"
    echo "$D_NAME release $D_VERSION" > "$OSM_SIM_ROOT/etc/redhat-release"
    cp "$OSM_SIM_ROOT/etc/redhat-release" "$OSM_SIM_ROOT/etc/system-release"
    echo "$D_KERNEL.$arch" > "$OSM_SIM_STATE/kernel"
    pkgs="$OSM_SIM_STATE/packages"
    grep -v -E '^(kernel|centos-release|centos-linux-release|redhat-release|redhat-release-server|alinux-release|anolis-release)-[0-9]' \
      "$pkgs" > "$pkgs.tmp" || true
    echo "kernel-$D_KERNEL.$arch" >> "$pkgs.tmp"
    echo "$D_RELEASE.$arch" >> "$pkgs.tmp"
    mv "$pkgs.tmp" "$pkgs"
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) upgraded to $D_PRETTY" >> "$logdir/leapp-upgrade.log"
    echo "==> Processing phase \`InterimPreparation\`"
    echo "Upgrade to $D_PRETTY prepared; reboot the system to complete it."
    exit 0
    ;;
  answer|rerun) exit 0 ;;
  --version) echo "leapp version 0.16.0"; exit 0 ;;
  *) echo "usage: leapp {preupgrade|upgrade} --target <alinux2|alinux3|anolis7|anolis8|rhel7|rhel8>" >&2; exit 2 ;;
esac
