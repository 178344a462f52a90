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
