//! The report generator (`examples/gen`), compiled into this binary from its own sources so
//! that the test never runs a stale build of it: the same seed writes the same bytes; its rows
//! are what `ingest` and `validate` expect (texts, places, the share of incomplete rows with
//! every reason, each kind of malformed row refused); `--history` leaves a database with an
//! intact audit chain, reports at many stages and clocks both open and stopped.

use std::path::Path;

use clap::Parser;
use unicode_normalization::UnicodeNormalization;

use crate::common::*;

#[path = "../../examples/gen/main.rs"]
#[allow(dead_code)]
mod example;

/// The province's box (examples/gen/places.rs states where it comes from): south, north,
/// west, east.
const PROVINCE: (f64, f64, f64, f64) = (8.55, 9.65, 104.70, 105.85);

fn generate(out: &Path, args: &[&str]) -> example::Stats {
    let mut all = vec!["gen", "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let args = example::Args::try_parse_from(&all).unwrap_or_else(|e| panic!("{e}"));
    example::run(&args).unwrap_or_else(|e| panic!("gen {all:?}: {e:#}"))
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    let env = TestEnv::empty();
    let path = |name: &str| env.dir().join(name);
    generate(&path("a.csv"), &["--count", "500", "--seed", "11"]);
    generate(&path("b.csv"), &["--count", "500", "--seed", "11"]);
    generate(&path("c.csv"), &["--count", "500", "--seed", "12"]);
    let read = |name: &str| std::fs::read(path(name)).unwrap();
    assert!(read("a.csv") == read("b.csv"), "same seed, different bytes");
    assert!(
        read("a.csv") != read("c.csv"),
        "another seed, the same bytes"
    );
    // The header of the shipped examples, exactly.
    let header = |bytes: Vec<u8>| {
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        header(read("a.csv")),
        header(std::fs::read(example("reports.csv")).unwrap())
    );
}

#[test]
fn rows_are_what_ingest_and_validate_expect() {
    let env = TestEnv::seeded();
    let csv = env.dir().join("reports.csv");
    // Ten malformed rows in 2,000 (0.5%) so that every kind of them occurs.
    let stats = generate(
        &csv,
        &["--count", "2000", "--seed", "3", "--malformed", "0.005"],
    );
    assert_eq!(stats.rows, 2_000);
    assert!(stats.malformed.iter().all(|&n| n > 0), "{stats:?}");
    let malformed: u64 = stats.malformed.iter().sum();
    let incomplete: u64 = stats.incomplete.iter().sum();
    let share = incomplete as f64 / 2_000.0;
    assert!((0.035..=0.065).contains(&share), "{share} incomplete");

    // The rows as written: in time order over five years before the default --until, NFC,
    // 15 columns but for the malformed ones.
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&csv)
        .unwrap();
    let mut previous = String::new();
    let mut widths = std::collections::BTreeMap::new();
    for record in reader.byte_records() {
        let record = record.unwrap();
        *widths.entry(record.len()).or_insert(0) += 1;
        let Ok(submitted) = std::str::from_utf8(&record[1]) else {
            continue;
        };
        let readable = chrono::DateTime::parse_from_rfc3339(submitted).is_ok();
        if readable && record.len() == 15 {
            assert!(
                submitted >= previous.as_str(),
                "{submitted} after {previous}"
            );
            assert!(
                ("2021-10-31T17:00:00+07:00"..="2026-10-31T17:00:00+07:00").contains(&submitted),
                "{submitted}"
            );
            previous = submitted.to_owned();
        }
        if let Ok(content) = std::str::from_utf8(&record[3]) {
            assert_eq!(content.nfc().collect::<String>(), content, "not NFC");
        }
    }
    assert_eq!(widths[&15], 2_000 - 2, "{widths:?}");

    // Ingest refuses exactly the malformed rows, one of each kind at least, and stores the rest.
    let run = env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "--format",
            "json",
            "ingest",
            csv.to_str().unwrap(),
        ],
    );
    run.failure();
    let summary = &run.json()[0];
    assert_eq!(summary["malformed"], malformed);
    assert_eq!(summary["stored"], 2_000 - malformed);
    let reasons: Vec<&str> = array(&summary["malformed_rows"])
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    for kind in [
        // The generator's bad submission times are all on days the calendar lacks
        // (`32/13/2026`, `2026-02-30`) or words, each said its own way.
        "submitted_at: ",
        "occurred_at: cannot read time",
        "fields as in the header",
        "is not a yes/no value",
        "latitude: ",
        "is not valid UTF-8",
        "external_id is empty",
    ] {
        assert!(
            reasons.iter().any(|r| r.contains(kind)),
            "no malformed row for {kind:?}: {reasons:#?}"
        );
    }

    // Validate rejects exactly the incomplete rows, each for its one reason.
    env.run_as(RECEPTION, &["validate"]).success();
    for (code, n) in stats.incomplete_by_reason() {
        assert!(n > 0, "no row is {code}");
        let rejected = env.count(&format!(
            "SELECT count(*) FROM reports WHERE status = 'rejected' AND reject_reasons = '{code}'"
        ));
        assert_eq!(rejected, n as i64, "{code}");
    }
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE status = 'rejected'"),
        incomplete as i64
    );

    // The complete ones: 200–800 characters, points inside the province, communes of it.
    let (shortest, longest): (i64, i64) = env
        .read_only()
        .query_row(
            "SELECT min(length(content)), max(length(content)) FROM reports
              WHERE status = 'accepted'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(shortest >= 200 && longest <= 800, "{shortest}..{longest}");
    let (south, north, west, east) = PROVINCE;
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM reports WHERE latitude IS NOT NULL
              AND NOT (latitude BETWEEN {south} AND {north} AND longitude BETWEEN {west} AND {east})"
        )),
        0
    );
    assert_eq!(
        env.count(
            // A commune alone is capitalised ("Phường An Xuyên"), its committee's name not
            // after "UBND " ("UBND phường An Xuyên", Decree 30/2020/NĐ-CP).
            "SELECT count(*) FROM reports WHERE commune <> '' AND lower(commune) NOT IN
               (SELECT lower(substr(name, 6)) FROM agencies WHERE level = 'commune')"
        ),
        0
    );
    assert!(env.count("SELECT count(DISTINCT commune) FROM reports") > 40);
    for flag in ["urgent", "confidential", "consent"] {
        let set = env.count(&format!("SELECT count(*) FROM reports WHERE {flag} = 1"));
        assert!(set > 0 && set < 2_000, "{flag}: {set}");
    }
}

/// bench/scale.sh asks for a decade (`--years 10`): the rows span the ten years before
/// --until, none earlier, and the app's spread shows (the last year holds more reports than
/// the first).
#[test]
fn years_spreads_the_rows_over_the_decade_before_until() {
    let env = TestEnv::empty();
    let csv = env.dir().join("decade.csv");
    generate(
        &csv,
        &[
            "--count",
            "3000",
            "--seed",
            "5",
            "--years",
            "10",
            "--malformed",
            "0",
        ],
    );
    let mut by_year = std::collections::BTreeMap::new();
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    for record in reader.records() {
        let submitted = record.unwrap()[1].to_owned();
        assert!(
            ("2016-10-31T17:00:00+07:00"..="2026-10-31T17:00:00+07:00")
                .contains(&submitted.as_str()),
            "{submitted}"
        );
        *by_year.entry(submitted[..4].to_owned()).or_insert(0) += 1;
    }
    assert_eq!(by_year.values().sum::<i32>(), 3_000);
    // Every year of the decade has reports: 2016's last two months to 2026's first ten.
    let years: Vec<&str> = by_year.keys().map(String::as_str).collect();
    assert_eq!(
        years,
        (2016..=2026).map(|y| y.to_string()).collect::<Vec<_>>()
    );
    assert!(by_year["2025"] > by_year["2017"], "{by_year:?}");
}

#[test]
fn history_is_sealed_and_open_at_many_stages() {
    let env = TestEnv::empty();
    let csv = env.dir().join("reports.csv");
    generate(
        &csv,
        &[
            "--count",
            "300",
            "--seed",
            "5",
            "--history",
            "--db",
            env.db().to_str().unwrap(),
            "--open",
            "60",
        ],
    );
    env.run_as(LEADER, &["audit", "verify"]).success();
    let statuses = env.column::<String>("SELECT DISTINCT status FROM reports");
    for status in [
        "received",
        "accepted",
        "assigned",
        "replied",
        "published",
        "rejected",
    ] {
        assert!(
            statuses.iter().any(|s| s == status),
            "none {status}: {statuses:?}"
        );
    }
    let open = env.count(
        "SELECT count(*) FROM reports WHERE status IN
         ('received', 'accepted', 'assigned', 'returned', 'replied', 'verified')",
    );
    assert!(
        (40..=80).contains(&open),
        "{open} open reports for --open 60"
    );
    assert!(env.count("SELECT count(*) FROM clocks WHERE stopped_at IS NULL") > 0);
    assert!(env.count("SELECT count(*) FROM clocks WHERE stopped_at IS NOT NULL") > 0);
    // Played in time order, by the example accounts.
    let out_of_order = env
        .count("SELECT count(*) FROM events a JOIN events b ON b.id = a.id + 1 WHERE b.at < a.at");
    assert_eq!(out_of_order, 0);
    assert!(env.count("SELECT count(DISTINCT actor) FROM events") > 5);
}
