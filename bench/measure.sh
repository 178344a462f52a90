# Sourced by the benchmarks: how one command is timed, the same way in every script.
#   measure NAME COMMAND...
# runs COMMAND under GNU time, its output thrown away, and appends
# "NAME wall_seconds maxrss_kb user_seconds sys_seconds" to $work/results (the caller's
# scratch directory); with $echo_results set it prints the line too. A failing command stops
# the benchmark with its error output, unless that output matches the pattern in $tolerate:
# `ingest` exits 1 when a file has malformed rows, which the generator's files and the
# merged file of bench/order.sh have on purpose ($MALFORMED).
MALFORMED="dòng lỗi\|malformed"
measure() { # name command...
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$@" >/dev/null 2>"$work/err" || {
    [ -n "${tolerate:-}" ] && grep -q "$tolerate" "$work/err" || {
      echo "$name failed:"; cat "$work/err"; exit 1; }; }
  echo "$name $(tail -1 "$work/t")" >> "$work/results"
  [ -z "${echo_results:-}" ] || tail -1 "$work/results"
}
