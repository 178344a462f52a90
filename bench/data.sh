# Sourced by the benchmarks: builds the release binary and the generator, and writes the
# ROWS-report CSV once (bench-data/, not in git): YEARS years of reports (5 unless set; the
# file name says the span when it is not 5). Sets: bin, data, span.
mkdir -p bench-data
cargo build --release --quiet --bin phananh --example gen
release=${CARGO_TARGET_DIR:-target}/release
bin=$release/phananh
years=${years:-5}
span=$([ "$years" = 5 ] || echo "-${years}y")
data=bench-data/reports-$rows$span.csv
[ -f "$data" ] || $release/examples/gen --count "$rows" --seed 2026 --years "$years" --out "$data"
