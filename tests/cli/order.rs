//! Order does not matter (issue 18, points 1 and 2): the same reports loaded in time
//! order, reversed, shuffled, or merged with duplicates and bad rows, leave the same
//! database — every report, every event's fields but its id, time of writing and hashes,
//! every clock — whether through `ingest --validate` or `ingest` then `validate`; and the
//! log verifies. Ids follow the file's order (a report's number is its place in the load),
//! so reports are matched by app id, and events and clocks by their report's app id.

use crate::common::*;

/// Reports of the examples, `n` of them under new app ids (the examples' times repeat
/// every 340 rows: ties in time, which the queue's order breaks by id).
fn records(n: usize) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let out = (0..n)
        .map(|i| {
            let mut record: Vec<String> = rows[i % rows.len()].iter().map(str::to_owned).collect();
            record[0] = format!("ORD-{i:05}");
            csv::StringRecord::from(record)
        })
        .collect();
    (headers, out)
}

fn write(env: &TestEnv, headers: &csv::StringRecord, rows: &[csv::StringRecord], extra: &[&str]) {
    let mut text = Vec::new();
    {
        let mut writer = csv::Writer::from_writer(&mut text);
        writer.write_record(headers).unwrap();
        for row in rows {
            writer.write_record(row).unwrap();
        }
        writer.flush().unwrap();
    }
    for line in extra {
        text.extend_from_slice(line.as_bytes());
        text.push(b'\n');
    }
    std::fs::write(env.dir().join("in.csv"), text).unwrap();
}

/// A fixed shuffle (a linear congruential generator, seed 18): the same on every run.
fn shuffled<T: Clone>(items: &[T]) -> Vec<T> {
    let mut items = items.to_vec();
    let mut state: u64 = 18;
    for i in (1..items.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = (state >> 33) as usize % (i + 1);
        items.swap(i, j);
    }
    items
}

/// What must not depend on the order: every report but its id (its identity opened with the
/// key), every event's report (by app id), actor, action, statuses, time and payload but the
/// file's line, and every clock but the ids it refers to, each sorted.
fn content(env: &TestEnv) -> Vec<String> {
    let columns = |table: &str, skip: &[&str]| -> String {
        let names: Vec<String> = env
            .column::<String>(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .into_iter()
            .filter(|n| !skip.contains(&n.as_str()))
            .map(|n| format!("quote(t.{n})"))
            .collect();
        names.join(" || '|' || ")
    };
    let external: std::collections::BTreeMap<i64, String> =
        rows_as::<(i64, String)>(&env.read_only(), "SELECT id, external_id FROM reports")
            .into_iter()
            .collect();
    let mut rows: Vec<String> = env
        .identities()
        .into_iter()
        .map(|(id, name, phone)| format!("identity {}|{name}|{phone}", external[&id]))
        .collect();
    rows.sort();
    for sql in [
        format!(
            "SELECT {} FROM reports t",
            // The sealed identity is new ciphertext (a new nonce) each time: compared opened,
            // below.
            columns(
                "reports",
                &["id", "duplicate_of", "identity", "identity_key"]
            )
        ),
        "SELECT quote(r.external_id) || '|' || t.actor || '|' || t.action || '|' ||
                quote(t.from_status) || '|' || quote(t.to_status) || '|' || t.at || '|' ||
                json_remove(t.payload, '$.line')
           FROM events t LEFT JOIN reports r ON r.id = t.report_id"
            .to_owned(),
        format!(
            "SELECT quote(r.external_id) || '|' || {} FROM clocks t JOIN reports r ON r.id = t.report_id",
            columns(
                "clocks",
                &[
                    "id",
                    "report_id",
                    "start_event",
                    "stop_event",
                    "reminded_soon",
                    "reminded_overdue"
                ]
            )
        ),
    ] {
        let mut got: Vec<String> = env.column(&sql);
        got.sort();
        rows.extend(got);
    }
    rows
}

/// Loads the file `in.csv` of `env` one way; the summary's counts. A file with bad rows
/// exits 1 once the rest is loaded.
fn load(env: &TestEnv, two_commands: bool, bad_rows: bool) -> (i64, i64, i64) {
    let status = i32::from(bad_rows);
    let summary = if two_commands {
        let summary = env
            .run_as(RECEPTION, &["--format", "json", "ingest", "in.csv"])
            .code(status)
            .json();
        env.run_as(RECEPTION, &["validate"]).success();
        summary
    } else {
        env.run_as(
            RECEPTION,
            &["--format", "json", "ingest", "--validate", "in.csv"],
        )
        .code(status)
        .json()
    };
    let file = &array(&summary)[0];
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    (
        file["stored"].as_i64().unwrap(),
        file["already_present"].as_i64().unwrap(),
        file["malformed"].as_i64().unwrap(),
    )
}

#[test]
fn sorted_reversed_shuffled_and_merged_files_leave_the_same_database() {
    let (headers, rows) = records(900);
    let submitted = headers.iter().position(|h| h == "submitted_at").unwrap();
    let mut sorted = rows.clone();
    sorted.sort_by(|a, b| a[submitted].cmp(&b[submitted]));
    let mut reversed = sorted.clone();
    reversed.reverse();
    let mixed = shuffled(&rows);
    // Two exports merged: the shuffled file with a tenth of its rows again further on, and
    // rows no export should have (no app id, an unreadable time).
    let mut merged = mixed.clone();
    for (k, row) in mixed.iter().step_by(10).enumerate() {
        merged.insert((k * 37) % merged.len(), row.clone());
    }
    let bad = [
        ",2026-10-01T08:00:00+07:00,no app id",
        "ORD-BAD-1,yesterday,unreadable time",
    ];
    let orders: [(&str, &[csv::StringRecord], &[&str]); 4] = [
        ("sorted", &sorted, &[]),
        ("reversed", &reversed, &[]),
        ("shuffled", &mixed, &[]),
        ("merged", &merged, &bad),
    ];
    let mut reference: Option<(String, Vec<String>)> = None;
    for two_commands in [false, true] {
        for (name, rows, extra) in orders {
            let env = TestEnv::seeded();
            write(&env, &headers, rows, extra);
            let (stored, present, malformed) = load(&env, two_commands, !extra.is_empty());
            assert_eq!(stored, 900, "{name}");
            assert_eq!(present, (rows.len() - 900) as i64, "{name}");
            assert_eq!(malformed, extra.len() as i64, "{name}");
            let got = content(&env);
            let label = format!(
                "{name}, {}",
                if two_commands {
                    "ingest then validate"
                } else {
                    "ingest --validate"
                }
            );
            match &reference {
                None => reference = Some((label, got)),
                Some((first, want)) => {
                    let differ = want.iter().zip(&got).find(|(a, b)| a != b);
                    assert!(
                        want.len() == got.len() && differ.is_none(),
                        "{label} differs from {first}: {} rows against {}; first: {differ:?}",
                        got.len(),
                        want.len()
                    );
                }
            }
        }
    }
}

/// The sweep's list and `list --due` order the open deadlines by time, then clock, whatever
/// the order the reports came in: here the examples' reports loaded shuffled, so that inside
/// a month the clocks' ids run against their deadlines, over three months and more, some
/// deadlines shared by two clocks. An index of the open clocks keyed otherwise than by the
/// deadline (by month, then clock, as was measured: bench/HISTORY.md, 2026-12-05, "the open
/// clocks' index keyed by month") must sort what it reads to keep this.
#[test]
fn the_sweep_and_the_due_list_order_deadlines_whatever_the_files_order() {
    let env = TestEnv::seeded();
    let (headers, rows) = records(340);
    write(&env, &headers, &shuffled(&rows), &[]);
    env.run_as(RECEPTION, &["ingest", "in.csv"]).success();
    // Each report's open duty clock: (urgent, deadline, clock), the order both lists keep
    // (no report has an agency yet: `list --due` groups none).
    let conn = env.read_only();
    let clocks: std::collections::HashMap<i64, (bool, String, i64)> = conn
        .prepare(
            "SELECT c.report_id, r.urgent, c.due_at, c.id FROM clocks c
               JOIN reports r ON r.id = c.report_id
              WHERE c.stopped_at IS NULL AND c.stage <> 'return'",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let listed = |args: &[&str], column: &str| -> Vec<(bool, String, i64)> {
        let run = env.run_as(RECEPTION, args);
        let mut reader = csv::Reader::from_reader(run.success().stdout.as_bytes());
        let at = reader
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == column)
            .unwrap();
        reader
            .records()
            .map(|r| clocks[&r.unwrap()[at].parse::<i64>().unwrap()].clone())
            .collect()
    };
    for (args, what) in [
        (&["--format", "csv", "sweep", "--dry-run"][..], "sweep"),
        (
            &["--format", "csv", "list", "--due", "today"][..],
            "list --due",
        ),
    ] {
        let got = listed(args, "report_id");
        let mut sorted = got.clone();
        sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        assert_eq!(got, sorted, "{what}");
        // Every open deadline up to the last listed, once; the sweep lists every urgent
        // report's, however far (flagged at once), which no report here has closed.
        let flagged_at_once = what == "sweep";
        let last = got
            .iter()
            .filter(|(urgent, _, _)| !(flagged_at_once && *urgent))
            .map(|(_, due, _)| due.clone())
            .max()
            .unwrap();
        assert_eq!(
            got.len(),
            clocks
                .values()
                .filter(|(urgent, due, _)| *due <= last || (flagged_at_once && *urgent))
                .count(),
            "{what}"
        );
        // What makes the order worth checking: several months, a deadline two clocks
        // share, and a month whose clocks' ids do not follow their deadlines.
        let months: std::collections::BTreeSet<&str> =
            got.iter().map(|(_, due, _)| &due[..7]).collect();
        assert!(months.len() >= 3, "{what}: {months:?}");
        assert!(got.windows(2).any(|w| w[0].1 == w[1].1), "{what}");
        assert!(
            got.windows(2)
                .any(|w| w[0].0 == w[1].0 && w[0].1[..7] == w[1].1[..7] && w[0].2 > w[1].2),
            "{what}"
        );
    }
}
