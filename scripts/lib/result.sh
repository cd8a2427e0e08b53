# Sourced by the benchmarks: field RESULT-LINE KEY prints the value of KEY=... in a RESULT line
# (load-tests/wrk/holds.lua prints them).
field() {
  echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}
