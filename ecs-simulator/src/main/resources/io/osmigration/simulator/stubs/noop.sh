# Rebuilds boot files (dracut, grub2-mkconfig, grubby): inside the simulator there is nothing to rebuild,
# and the host's own must never run against the host's /boot.
exit 0
