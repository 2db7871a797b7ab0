#!/usr/bin/env bash
# make-clean-root.sh ROOT [PACKAGE...] — a minimal Debian root for installing sentinel's .deb
# with `dpkg --root ROOT` and running it with `chroot ROOT`, where no Swift toolchain exists.
#
# The root holds only what a package's maintainer scripts need (a shell, getent, useradd and a
# few coreutils, each with the shared libraries ldd names) and an empty dpkg database. Each
# PACKAGE (the .deb's Depends: libc6, libpcap0.8, …) is recorded as installed with this host's
# own status stanza, and its shared libraries are copied in with those they load (ldd), so
# dpkg checks the dependencies for real and the installed binary finds the libraries its
# package declares: nothing from /usr/lib/swift or the toolchain is copied. debootstrap would need a mirror; this needs
# nothing but the host's installed packages.
set -euo pipefail

if [ "$#" -lt 1 ]; then
  echo "usage: $0 ROOT [PACKAGE...]" >&2
  exit 64
fi
root=$1
shift
if [ -e "$root" ] && [ -n "$(ls -A "$root")" ]; then
  echo "$0: $root exists and is not empty" >&2
  exit 2
fi

# Debian 12 merges /usr: /bin, /sbin and /lib are links into it.
mkdir -p "$root"/usr/bin "$root"/usr/sbin "$root"/usr/lib "$root"/usr/lib64 \
  "$root"/etc "$root"/tmp "$root"/var/lib/dpkg/info "$root"/var/lib/dpkg/updates \
  "$root"/var/lib/dpkg/triggers "$root"/dev "$root"/run "$root"/proc
chmod 1777 "$root"/tmp
for d in bin sbin lib lib64; do ln -s "usr/$d" "$root/$d"; done
touch "$root"/var/lib/dpkg/status "$root"/var/lib/dpkg/available

# copy FILE: the file at the same path under the root, following links.
copy() {
  local file=$1 target
  target="$root/$(readlink -f "$file" | sed 's|^/lib|/usr/lib|')"
  if [ ! -e "$target" ]; then
    mkdir -p "$(dirname "$target")"
    cp -L "$file" "$target"
  fi
  # Keep the name the loader asks for (a soname link) beside the real file.
  local wanted
  wanted="$root/$(echo "$file" | sed 's|^/lib|/usr/lib|')"
  if [ "$wanted" != "$target" ] && [ ! -e "$wanted" ]; then
    mkdir -p "$(dirname "$wanted")"
    ln -s "${target#"$root"}" "$wanted"
  fi
}

# with_libraries FILE: FILE and every shared library ldd says it loads.
with_libraries() {
  copy "$1"
  ldd "$1" 2>/dev/null | awk '/=> \//{print $3} /^[ \t]*\/lib/{print $1}' | while read -r lib; do copy "$lib"; done
}

for tool in sh dash getent useradd groupadd nologin chown chmod mkdir rm rmdir cat ls; do
  path=$(command -v "$tool" || true)
  [ -n "$path" ] || { echo "$0: $tool not found on this host" >&2; exit 2; }
  with_libraries "$path"
  case "$path" in
    */sbin/*) ;;
    *) [ -e "$root/usr/bin/$tool" ] || ln -sf "$(readlink -f "$path")" "$root/usr/bin/$tool" ;;
  esac
done

cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
EOF
printf 'root:*:19000:0:99999:7:::\n' >"$root/etc/shadow"
printf 'root:*::\n' >"$root/etc/gshadow"
chmod 0640 "$root/etc/shadow" "$root/etc/gshadow"
printf 'SYS_UID_MIN 100\nSYS_UID_MAX 999\nSYS_GID_MIN 100\nSYS_GID_MAX 999\n' >"$root/etc/login.defs"
printf 'passwd: files\ngroup: files\nshadow: files\n' >"$root/etc/nsswitch.conf"

# The dependencies: recorded as installed, with their shared libraries.
for package in "$@"; do
  name=${package%%:*}
  if ! dpkg-query -s "$name" >/dev/null 2>&1; then
    echo "$0: $name is not installed on this host" >&2
    exit 2
  fi
  dpkg-query -s "$name" >>"$root/var/lib/dpkg/status"
  echo >>"$root/var/lib/dpkg/status"
  touch "$root/var/lib/dpkg/info/$(dpkg-query -W -f '${binary:Package}' "$name").list"
  libraries=$(dpkg-query -L "$name" | grep -E '\.so(\.[0-9]+)*$' | grep -v /gconv/ || true)
  for lib in $libraries; do
    # The library and what it loads in turn (libcurl4's libnghttp2, libssl, …).
    if [ -f "$lib" ]; then with_libraries "$lib"; fi
  done
done
echo "clean root: $root ($(du -sh "$root" | cut -f1)); packages recorded: ${*:-none}"
