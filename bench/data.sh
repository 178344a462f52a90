# Sourced by the benchmarks: builds the release binary and the generator, and writes the
# ROWS-report CSV once (bench-data/, not in git). Sets: bin, data.
mkdir -p bench-data
cargo build --release --quiet --bin phananh --example gen
bin=target/release/phananh
data=bench-data/reports-$rows.csv
[ -f "$data" ] || target/release/examples/gen --count "$rows" --seed 2026 --out "$data"
