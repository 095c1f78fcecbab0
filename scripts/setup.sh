#!/usr/bin/env bash
# Installs what dunetrace needs from Debian's packages (root, or sudo when available).
set -euo pipefail
packages=(libunwind-dev zlib1g-dev pkg-config gcc libc6-dev make procps strace python3 python3-matplotlib default-jdk-headless nodejs zsh man-db chromium iproute2)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
command -v swift >/dev/null || { echo "setup: swift not found (expected in /opt/swift/usr/bin)" >&2; exit 1; }
