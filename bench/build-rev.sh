# Sourced by the A/B scripts (bench/ab.sh, bench/export.sh): `build REV` builds revision REV
# (release: phananh and the example generator) in a detached worktree under bench-data/ab/,
# copies both binaries there as phananh-REV and gen-REV, and prints the phananh's path.
ab=bench-data/ab
mkdir -p "$ab"

build() { # rev → path of its release binary
  local rev dir
  rev=$(git rev-parse --short "$1")
  dir=$ab/$rev
  [ -d "$dir" ] || git worktree add --detach "$dir" "$rev" >/dev/null 2>&1
  (cd "$dir" && CARGO_TARGET_DIR=$PWD/../target cargo build --release --quiet --bin phananh --example gen)
  cp "$ab/target/release/phananh" "$ab/phananh-$rev"
  cp "$ab/target/release/examples/gen" "$ab/gen-$rev"
  echo "$ab/phananh-$rev"
}

# make_history GEN ROWS OPEN PATH: GEN's history of ROWS reports played through the workflow
# (`examples/gen --history`, seed 2026, OPEN of the newest left open), written at PATH once
# (kept when already there), its log checkpointed into the file and the key its sealed
# identities need beside it as PATH.key.
make_history() {
  local gen=$1 rows=$2 open=$3 path=$4 csv
  [ ! -f "$path" ] || return 0
  csv=$(mktemp)
  # A generator stopped part-way must leave no history behind: the next run would take the
  # part for the whole.
  "$gen" --count "$rows" --seed 2026 --out "$csv" --history --db "$path.tmp" --open "$open" >&2 ||
    { rm -f "$path.tmp" "$path.tmp"-* "$path.tmp.key" "$csv"; return 1; }
  sqlite3 "$path.tmp" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  mv "$path.tmp" "$path"
  if [ -f "$path.tmp.key" ]; then mv "$path.tmp.key" "$path.key"; fi
  rm -f "$path.tmp"-* "$csv"
}

# side_copies HISTORY DIR: DIR/A.sqlite and DIR/B.sqlite, copies of HISTORY with its key,
# each brought to the schema of the binary $A or $B by one untimed command, so that no timed
# run spends its first moments migrating.
side_copies() {
  local history=$1 dir=$2 side
  for side in A B; do
    cp "$history" "$dir/$side.sqlite"
    if [ -f "$history.key" ]; then cp "$history.key" "$dir/$side.sqlite.key"; fi
    "${!side}" --db "$dir/$side.sqlite" --as admin list --limit 1 >/dev/null
  done
}
