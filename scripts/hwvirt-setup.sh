#!/usr/bin/env bash
# Installs what scripts/hwvirt-check needs (QEMU, a Debian kernel image, busybox, virtme-ng).
# Exits non-zero when they cannot be had; the check then says SKIP.
set -uo pipefail
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
ls /boot/vmlinuz-* >/dev/null 2>&1 || need+=(linux-image-amd64)
command -v busybox >/dev/null || [ -x /bin/busybox ] || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq || exit 1
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || exit 1
fi
command -v vng >/dev/null || python3 -m pip install -q virtme-ng >/dev/null 2>&1 || pip install -q virtme-ng >/dev/null 2>&1 || exit 1
command -v vng >/dev/null
