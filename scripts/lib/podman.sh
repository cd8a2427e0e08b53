# Sourced by the scripts that run podman: podman itself (installed with apt when missing and
# allowed), and a containers.conf fit for sandboxes that refuse the default rlimits and crun's
# cgroup handling: no default ulimits, and runc as the runtime (when installed). A
# CONTAINERS_CONF already set is left alone, so a machine where the defaults work keeps them.
# shellcheck source=need.sh
. "$(dirname "${BASH_SOURCE[0]}")/need.sh"

podman_ready() { # directory for the generated containers.conf
  need podman podman
  if ! command -v runc >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then need runc runc; fi
  if [ -z "${CONTAINERS_CONF:-}" ]; then
    mkdir -p "$1"
    {
      printf '[containers]\ndefault_ulimits = []\n'
      if command -v runc >/dev/null 2>&1; then printf '[engine]\nruntime = "runc"\n'; fi
    } >"$1/containers.conf"
    export CONTAINERS_CONF="$1/containers.conf"
  fi
}
