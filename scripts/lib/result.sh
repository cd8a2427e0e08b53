# Sourced by the benchmarks: field RESULT-LINE KEY prints the value of KEY=... in a RESULT line
# (load-tests/wrk/holds.lua prints them).
field() {
  echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# hold_invariants URL EVENT GRANTED CUT OTHER checks an event after a run of holds and prints
# "CAPACITY HELD SOLD AVAILABLE VERDICT", the verdict being "ok" or "FAILED: why". GRANTED holds
# were answered 201; CUT more may have been taken unanswered (wrk stops counting with requests in
# flight); OTHER answers were neither a hold nor sold out.
hold_invariants() {
  local url=$1 event=$2 granted=$3 cut=$4 other=$5 avail cap available held sold inv=ok
  avail=$(curl -sf "$url/v1/events/$event/availability")
  # echo ends the line the JSON lacks: read fails at an end of file without one.
  read -r cap available held sold < <(echo "$avail" \
    | sed -E 's/^\{"capacity":([0-9]+),"available":([0-9]+),"held":([0-9]+),"sold":([0-9]+),.*/\1 \2 \3 \4/')
  [ "$((held + sold + available))" -eq "$cap" ] || inv="FAILED: held+sold+available != capacity"
  [ "$((held + sold))" -le "$cap" ] || inv="FAILED: oversold"
  [ "$held" -ge "$granted" ] && [ "$held" -le "$((granted + cut))" ] \
    || inv="FAILED: $granted holds granted (+ up to $cut cut off) but $held held"
  [ "$other" = 0 ] || inv="FAILED: $other unexpected answers"
  echo "$cap $held $sold $available $inv"
}
