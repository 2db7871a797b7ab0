#!/usr/bin/env bash
# Installs what is missing (libpcap-dev, libsqlite3-dev), builds sentinel in release mode and analyses the
# bundled mixed capture: normal web traffic with a SYN flood starting in the middle.
# Usage: scripts/demo.sh [capture files...]   (default: captures/mixed.pcap)
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
for p in libpcap-dev libsqlite3-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

swift build -c release --product sentinel
files=("$@")
if [ "${#files[@]}" -eq 0 ]; then files=(captures/mixed.pcap); fi
.build/release/sentinel analyze "${files[@]}"
