#!/usr/bin/env bash
# How long the everyday `cargo test` takes from cold, as issue 15 point 8 measures it: a
# fresh clone of each revision, no target directory, crates already downloaded into
# ~/.cargo (run `cargo fetch` once first; the network is not what is measured).
#
#   bench/test-times.sh                 # HEAD of this repository
#   bench/test-times.sh main HEAD       # two revisions, one after the other
#   ROUNDS=2 bench/test-times.sh main HEAD   # main, HEAD, main, HEAD
#
# Prints, per run: wall time, CPU-seconds (user + system), the compile phase and each test
# binary's own time, and the load average before and after. Other work on the machine
# stretches the wall time far more than the CPU-seconds: compare revisions measured in the
# same invocation (interleaved with ROUNDS), never against a number from another day.
# Logs stay in $OUT (default /tmp/phananh-test-times); clones and targets are deleted.
set -euo pipefail
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
out=${OUT:-/tmp/phananh-test-times}
rounds=${ROUNDS:-1}
revisions=("$@")
[ ${#revisions[@]} -gt 0 ] || revisions=(HEAD)
mkdir -p "$out"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }

one() {
  local rev=$1 n=$2 commit dir log
  commit=$(git -C "$repo" rev-parse --short "$rev")
  dir=$(mktemp -d /tmp/phananh-cold.XXXXXX)
  log="$out/$n-$commit.log"
  git clone -q "$repo" "$dir/src"
  git -C "$dir/src" checkout -q "$commit"
  {
    echo "revision $rev ($commit), round $n"
    echo "before: $(cat /proc/loadavg)"
    # The README's command (tests/run: the programs it would install are already here, so
    # it is cargo test with its test threads), or plain cargo test in a tree without it.
    local test=(cargo test)
    [ -x "$dir/src/tests/run" ] && test=(tests/run)
    (cd "$dir/src" && CARGO_TARGET_DIR="$dir/target" /usr/bin/time -v "${test[@]}" 2>&1) || true
    echo "after: $(cat /proc/loadavg)"
  } > "$log" 2>&1
  rm -rf "$dir"
  local wall user sys compile
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  user=$(sed -n 's/.*User time (seconds): //p' "$log")
  sys=$(sed -n 's/.*System time (seconds): //p' "$log")
  compile=$(sed -n 's/.*Finished `test` profile.* in //p' "$log" | head -1)
  printf '%-8s %-9s wall %-8s cpu %6.1f s (user %s, sys %s)  compile %s\n' \
    "$rev" "$commit" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$user" "$sys" "$compile"
  grep -E '^\s+Running|^test result' "$log" | paste - - \
    | sed -E 's/^ +Running (unittests )?([^ ]+).*test result: ([a-zA-Z]+)\. ([0-9]+) passed; ([0-9]+) failed; ([0-9]+) ignored.*finished in (.*)/    \2: \3, \4 passed, \5 failed, \6 ignored, \7/'
  echo "    load: $(sed -n 's/^before: //p' "$log" | cut -d' ' -f1-3) → $(sed -n 's/^after: //p' "$log" | cut -d' ' -f1-3)   log: $log"
}

n=0
for _ in $(seq "$rounds"); do
  for rev in "${revisions[@]}"; do
    n=$((n + 1))
    one "$rev" "$n"
  done
done
