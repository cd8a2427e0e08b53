# Sourced by the benchmarks: the processes they start, ended at exit; waiting for a URL; and
# waiting for a platform to go quiet.
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

wait_for() { # url, seconds, log file
  for _ in $(seq 1 "$2"); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 1
  done
  echo "timed out waiting for $1; see $3" >&2
  exit 1
}

# A process's CPU ticks so far, from /proc (HZ a second per core); PostgreSQL's own processes
# are not in the platform's.
ticks_pid() { [ -r "/proc/$1/stat" ] && sed 's/.*) //' "/proc/$1/stat" | awk '{print $12+$13}' || echo 0; }
HZ=$(getconf CLK_TCK)

# What follows a fixture (mail for every registration, signing and rendering after a sale)
# runs in the platform a while after its last call.
settle() { # pid: waits until it uses under a third of a core for 4 s in a row (at most 10 min)
  local pid=$1 quiet=0 began=$SECONDS a b
  while [ "$quiet" -lt 2 ] && [ $((SECONDS - began)) -lt 600 ]; do
    a=$(ticks_pid "$pid"); sleep 2; b=$(ticks_pid "$pid")
    if [ $(( (b - a) * 100 / HZ / 2 )) -lt 33 ]; then quiet=$((quiet + 1)); else quiet=0; fi
  done
  echo "the platform settled $((SECONDS - began)) s after the fixture"
}
