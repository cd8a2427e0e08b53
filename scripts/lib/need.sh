# Sourced by the scripts: need COMMAND DEBIAN-PACKAGE installs the package when the command is
# missing (as root, with apt-get), or says what to install and exits.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $2 (for $1)" >&2
    # No service may start from the package's own scripts: the caller starts what it runs.
    local policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
      policy=1
    fi
    apt-get install -y -q "$2" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; } || true
    [ -n "$policy" ] && rm -f /usr/sbin/policy-rc.d
    command -v "$1" >/dev/null 2>&1 && return 0
  fi
  echo "$(basename "$0") needs $1 (Debian package $2)" >&2
  exit 1
}
