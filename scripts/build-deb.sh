#!/usr/bin/env bash
# build-deb.sh — builds the Debian package of the sentinel: .build/deb/sentinel_VERSION_ARCH.deb
#
#   scripts/build-deb.sh                          # release build (~5 min on 2 cores), then the package
#   SENTINEL_BINARY=path scripts/build-deb.sh     # package an existing static release binary
#   SENTINEL_SCRATCH=.build-package scripts/build-deb.sh   # build in another scratch folder (as
#                                                 # PackageInstallTests does from inside `swift test`,
#                                                 # which holds .build's lock)
#
# The binary links the Swift runtime and Foundation statically (--static-swift-stdlib), so it
# needs only Debian's own libraries (libc6, libpcap0.8, libsqlite3-0, …; dpkg-shlibdeps
# writes the Depends line); it is stripped. The package installs:
#   /usr/bin/sentinel                                  the binary
#   /usr/share/sentinel/models/{default,logs}.json     the packet and log-window models
#   /etc/sentinel/sentinel.yaml                        rules/sentinel.yaml, model paths pointing at
#                                                      /usr/share/sentinel/models, store in
#                                                      /var/lib/sentinel (a conffile)
#   /lib/systemd/system/sentinel.service               deploy/sentinel.service
#   /usr/share/man/man1/sentinel.1.gz                  generated from --help (argument-parser's
#                                                      generate-manual plugin)
# and its postinst creates the `sentinel` system user and /var/lib/sentinel.
#
# Needs: the Swift toolchain, dpkg-dev (dpkg-shlibdeps), binutils (strip), libpcap-dev and
# libsqlite3-dev. Prints the package's path on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=${SENTINEL_SCRATCH:-.build}

# The version `sentinel --version` prints (SentinelCommand.swift), plus the commit count: 0.15.0+git212.
base=$(sed -n 's/^ *version: "\([0-9.]*\)",$/\1/p' Sources/sentinel/SentinelCommand.swift | head -n 1)
version=${SENTINEL_VERSION:-${base:?no version in Sources/sentinel/SentinelCommand.swift}+git$(git rev-list --count HEAD 2>/dev/null || echo 0)}
arch=$(dpkg --print-architecture)
out=${SENTINEL_DEB_DIR:-$root/.build/deb}
staging=$(mktemp -d "${TMPDIR:-/tmp}/sentinel-deb.XXXXXX")
trap 'rm -rf "$staging"' EXIT
package=$staging/sentinel

step() { printf '%s build-deb: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# The man page first: the plugin builds every product (in debug when a debug build is already
# there, as in CI; else in release, which relinks .build/release/sentinel without the static
# runtime, so the static build below comes after it).
manual_configuration=release
if [ -x "$scratch/debug/sentinel" ]; then manual_configuration=debug; fi
step "man page (swift package plugin generate-manual, $manual_configuration, in $scratch)"
swift package --scratch-path "$scratch" plugin generate-manual --configuration "$manual_configuration" >"$staging/manual.log" 2>&1 || {
  cat "$staging/manual.log" >&2
  exit 1
}
manual=$(find "$scratch/plugins/GenerateManual" -name sentinel.1 -newer "$staging" | head -1)
[ -n "$manual" ] || manual=$(find "$scratch/plugins/GenerateManual" -name sentinel.1 | head -1)
[ -f "$manual" ] || { echo "build-deb: the plugin wrote no sentinel.1" >&2; exit 1; }

binary=${SENTINEL_BINARY:-}
if [ -z "$binary" ]; then
  step "swift build -c release --static-swift-stdlib --product sentinel"
  swift build --scratch-path "$scratch" -c release --static-swift-stdlib --product sentinel
  binary=$(swift build --scratch-path "$scratch" -c release --static-swift-stdlib --show-bin-path)/sentinel
fi
[ -x "$binary" ] || { echo "build-deb: no binary at $binary" >&2; exit 1; }

step "staging $binary"
install -D -m 0755 "$binary" "$package/usr/bin/sentinel"
strip --strip-unneeded "$package/usr/bin/sentinel"
# The binary must not reach into a toolchain: no libswift*/libFoundation* and nothing missing.
if ldd "$package/usr/bin/sentinel" | grep -E 'swift|Foundation|dispatch|not found' >&2; then
  echo "build-deb: $binary needs the Swift runtime or a missing library (build it with --static-swift-stdlib)" >&2
  exit 1
fi

install -D -m 0644 models/default.json "$package/usr/share/sentinel/models/default.json"
install -D -m 0644 models/logs.json "$package/usr/share/sentinel/models/logs.json"
install -D -m 0644 models/site.json "$package/usr/share/sentinel/models/site.json"

# The documented configuration, with the installed paths.
install -d "$package/etc/sentinel"
sed -e 's|^  model: \.\./models/default\.json$|  model: /usr/share/sentinel/models/default.json|' \
  -e 's|^  log_model: \.\./models/logs\.json$|  log_model: /usr/share/sentinel/models/logs.json|' \
  -e 's|^  store: \./sentinel\.db$|  store: /var/lib/sentinel/sentinel.db|' \
  -e 's|^  host: gw-1$|  # host: gw-1|' \
  rules/sentinel.yaml >"$package/etc/sentinel/sentinel.yaml"
for expected in 'model: /usr/share/sentinel/models/default.json' 'log_model: /usr/share/sentinel/models/logs.json' \
  'store: /var/lib/sentinel/sentinel.db'; do
  grep -q "^  $expected\$" "$package/etc/sentinel/sentinel.yaml" || {
    echo "build-deb: rules/sentinel.yaml changed: could not set '$expected'" >&2
    exit 1
  }
done
chmod 0644 "$package/etc/sentinel/sentinel.yaml"

install -D -m 0644 deploy/sentinel.service "$package/lib/systemd/system/sentinel.service"
install -d "$package/usr/share/man/man1"
gzip -9n <"$manual" >"$package/usr/share/man/man1/sentinel.1.gz"
install -d "$package/usr/share/doc/sentinel"
gzip -9n <README.md >"$package/usr/share/doc/sentinel/README.md.gz"
cat >"$package/usr/share/doc/sentinel/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: sentinel
Comment: The Swift runtime, Foundation and the Swift packages listed in Package.resolved are
 linked into /usr/bin/sentinel; each keeps its own licence (Apache-2.0 with Runtime Library
 Exception, MIT).
EOF

# Depends: what the binary links (dpkg-shlibdeps), and passwd for useradd in postinst.
mkdir -p "$staging/shlibs/debian"
printf 'Source: sentinel\n\nPackage: sentinel\nArchitecture: any\n' >"$staging/shlibs/debian/control"
shlibs=$(cd "$staging/shlibs" && dpkg-shlibdeps -O -e"$package/usr/bin/sentinel" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

install -d "$package/DEBIAN"
cat >"$package/DEBIAN/control" <<EOF
Package: sentinel
Version: $version
Architecture: $arch
Maintainer: Sentinel maintainers <sentinel@example.org>
Section: net
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$package" | cut -f1)
Depends: $shlibs, passwd
Description: traffic and access-log anomaly detection with signed alerts
 Sentinel watches a web gateway's traffic (libpcap) and access logs, classifies
 each time window (DoS variants, scans, service degradation) with the shipped
 models, opens incidents and sends them to signed webhooks; its planner can
 rate-limit or block attackers through HAProxy, nginx or Kubernetes.
 .
 Configure /etc/sentinel/sentinel.yaml, check it with "sentinel rules check",
 then "systemctl enable --now sentinel".
EOF
echo /etc/sentinel/sentinel.yaml >"$package/DEBIAN/conffiles"

cat >"$package/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    if ! getent passwd sentinel >/dev/null; then
        useradd --system --user-group --home-dir /var/lib/sentinel --no-create-home \
            --shell /usr/sbin/nologin --comment "Sentinel anomaly detection" sentinel
    fi
    mkdir -p /var/lib/sentinel
    chown sentinel:sentinel /var/lib/sentinel
    chmod 0750 /var/lib/sentinel
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload >/dev/null 2>&1 || true
    fi
fi
exit 0
EOF
cat >"$package/DEBIAN/prerm" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
    systemctl stop sentinel.service >/dev/null 2>&1 || true
fi
exit 0
EOF
cat >"$package/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || true
fi
# The store holds incidents and undelivered alerts: kept on remove, deleted on purge.
if [ "$1" = purge ]; then
    rm -rf /var/lib/sentinel
fi
exit 0
EOF
chmod 0755 "$package/DEBIAN/postinst" "$package/DEBIAN/prerm" "$package/DEBIAN/postrm"
(cd "$package" && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' -printf '%P\0' | sort -z | xargs -0 md5sum >DEBIAN/md5sums)

mkdir -p "$out"
deb=$out/sentinel_${version}_${arch}.deb
rm -f "$out"/sentinel_*.deb
step "dpkg-deb --build"
dpkg-deb --root-owner-group -Zxz --build "$package" "$deb" >&2
step "$(du -h "$deb" | cut -f1) package, binary $(du -h "$package/usr/bin/sentinel" | cut -f1) stripped"
echo "$deb"
