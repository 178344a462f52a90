//! Periodic reports and scores (docs/rules.md §5): every number of `report --format json`
//! recomputed by one SQL query of its own over the log (events, and the clocks the events
//! started and stopped), on a seeded random history of 2,040 reports played through the
//! whole workflow; the score CSV; the HTML document; who may read them.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use rusqlite::types::Value as Sql;
use serde_json::{Value, json};

use crate::common::*;
use crate::papers::SCORE_HEADS_VI;
use crate::xlsx::Data;

/// How many times the 340 example reports are replayed, shifted in time.
const COPIES: u64 = 6;

/// A database built by `demo --reports` from 2,040 reports: the examples, six times over,
/// each copy shifted by a seeded pseudo-random number of days and minutes, so that the
/// demo's dice (seeded by the app id) play a different history for every copy.
fn history() -> &'static Vec<u8> {
    static HISTORY: OnceLock<Vec<u8>> = OnceLock::new();
    HISTORY.get_or_init(|| {
        let env = TestEnv::empty();
        let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
        let headers = reader.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let path: PathBuf = env.dir().join("history.csv");
        let mut writer = csv::Writer::from_path(&path).unwrap();
        writer.write_record(&headers).unwrap();
        let mut seed: u64 = 20_261_128;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            seed >> 33
        };
        for copy in 0..COPIES {
            for row in &rows {
                let shift = chrono::Duration::days((copy * 9 + next() % 5) as i64)
                    + chrono::Duration::minutes((next() % 600) as i64);
                let mut record: Vec<String> = row.iter().map(str::to_owned).collect();
                record[0] = format!("{}-{copy}", record[0]);
                for column in [1, 2] {
                    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(&record[column]) {
                        record[column] = (t + shift).to_rfc3339();
                    }
                }
                writer.write_record(&record).unwrap();
            }
        }
        writer.flush().unwrap();
        env.run(&["demo", "--reports", path.to_str().unwrap()])
            .success();
        // Checkpointed, and its key kept for the copies (`TestEnv::from_bytes`).
        env.snapshot()
    })
}

pub fn history_env() -> TestEnv {
    TestEnv::from_bytes(history())
}

/// `report range --from FROM --to TO`.
fn range<'a>(from: &'a str, to: &'a str) -> [&'a str; 6] {
    ["report", "range", "--from", from, "--to", to]
}

/// `args` run as of 1 November 2026, when the played demo's October is over.
fn in_november(args: [&str; 4]) -> [&str; 6] {
    let [report, kind, period, which] = args;
    [
        "--now",
        "2026-11-01T08:00:00+07:00",
        report,
        kind,
        period,
        which,
    ]
}

/// The counts each agency's row of a report holds, in the order of its columns.
pub const AGENCY_COUNTS: [&str; 9] = [
    "assigned",
    "replied_on_time",
    "replied_late",
    "returned_on_time",
    "returned_late",
    "sent_back",
    "merged_late",
    "open",
    "open_overdue",
];

/// The window of a report: the same four instants the tool works from.
struct Window {
    from: String,
    until: String,
    as_of: String,
}

impl Window {
    fn of(json: &Value) -> Window {
        let day = |d: &Value| format!("{}T00:00:00+07:00", d.as_str().unwrap());
        let to =
            chrono::NaiveDate::parse_from_str(json["period"]["to"].as_str().unwrap(), "%Y-%m-%d")
                .unwrap()
                .succ_opt()
                .unwrap();
        Window {
            from: day(&json["period"]["from"]),
            until: format!("{to}T00:00:00+07:00"),
            as_of: json["as_of"].as_str().unwrap().to_owned(),
        }
    }
}

/// Runs one query with the window's named parameters; rows of text.
fn rows(env: &TestEnv, w: &Window, sql: &str) -> Vec<Vec<String>> {
    let conn = env.read_only();
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{e}\n{sql}"));
    for (name, value) in [
        (":from", &w.from),
        (":until", &w.until),
        (":asof", &w.as_of),
    ] {
        if let Some(i) = stmt.parameter_index(name).unwrap() {
            stmt.raw_bind_parameter(i, value).unwrap();
        }
    }
    let n = stmt.column_count();
    let mut out = Vec::new();
    let mut q = stmt.raw_query();
    while let Some(row) = q.next().unwrap() {
        out.push(
            (0..n)
                .map(|i| match row.get::<_, Sql>(i).unwrap() {
                    Sql::Null => String::new(),
                    Sql::Integer(x) => x.to_string(),
                    Sql::Real(x) => format!("{x:.6}"),
                    Sql::Text(t) => t,
                    Sql::Blob(_) => "?".into(),
                })
                .collect(),
        );
    }
    out
}

fn one(env: &TestEnv, w: &Window, sql: &str) -> u64 {
    rows(env, w, sql)[0][0].parse().unwrap()
}

/// Reports received in the window and ingested by the moment.
const SEEN: &str = "WITH seen AS (
    SELECT r.* FROM reports r
     WHERE r.submitted_at >= :from AND r.submitted_at < :until
       AND EXISTS (SELECT 1 FROM events e WHERE e.report_id = r.id AND e.action = 'ingest'
                      AND e.at <= :asof))";

/// The status of report `r` as of the moment.
const STATUS: &str = "(SELECT e.to_status FROM events e WHERE e.report_id = r.id
      AND e.to_status IS NOT NULL AND e.at <= :asof ORDER BY e.id DESC LIMIT 1)";

/// The latest payload value `$.key` of `action` on report `r` as of the moment.
fn latest(action: &str, key: &str) -> String {
    format!(
        "(SELECT json_extract(e.payload, '$.{key}') FROM events e WHERE e.report_id = r.id
           AND e.action = '{action}' AND e.at <= :asof ORDER BY e.id DESC LIMIT 1)"
    )
}

/// Clocks of the window's reports started by the moment, with `stopped` meaning stopped by it.
const CLOCKS: &str = "WITH k AS (
    SELECT c.*, (c.stopped_at <= :asof) AS stopped, es.action AS started_by,
           CASE WHEN c.stopped_at <= :asof THEN ee.action END AS stopped_by
      FROM clocks c JOIN reports r ON r.id = c.report_id
      JOIN events es ON es.id = c.start_event
      LEFT JOIN events ee ON ee.id = c.stop_event
     WHERE r.submitted_at >= :from AND r.submitted_at < :until AND es.at <= :asof)";

fn map(json: &Value, key: &str, count: &str) -> BTreeMap<String, String> {
    array(json)
        .iter()
        .map(|x| (x[key].as_str().unwrap().to_owned(), x[count].to_string()))
        .collect()
}

fn sql_map(rows: Vec<Vec<String>>) -> BTreeMap<String, String> {
    rows.into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect()
}

/// Every number of the report, each recomputed by one query.
fn reconcile(env: &TestEnv, json: &Value) {
    let w = Window::of(json);
    let t = &json["totals"];
    let count = |cond: &str| {
        one(
            env,
            &w,
            &format!("{SEEN} SELECT count(*) FROM seen r WHERE {cond}"),
        )
    };
    assert_eq!(t["received"], count("1"));
    assert!(t["received"].as_u64().unwrap() > 100, "{t}");
    assert_eq!(
        t["awaiting_check"],
        count(&format!("{STATUS} = 'received'"))
    );
    assert_eq!(t["rejected"], count(&format!("{STATUS} = 'rejected'")));
    assert_eq!(
        t["accepted"],
        count(
            "EXISTS (SELECT 1 FROM events e WHERE e.report_id = r.id AND e.action = 'accept' AND e.at <= :asof)"
        )
    );
    // Urgent now, unless an assignment after the moment raised it.
    assert_eq!(
        t["urgent"],
        count(
            "r.urgent = 1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.report_id = r.id
               AND e.action = 'assign' AND e.at > :asof
               AND json_extract(e.payload, '$.raised'))"
        )
    );
    assert_eq!(t["duplicates"], count(&format!("{STATUS} = 'duplicate'")));
    // Merged before the check: with it the parts make the whole.
    assert_eq!(
        t["merged_before_check"],
        count(&format!(
            "{STATUS} = 'duplicate' AND NOT EXISTS (SELECT 1 FROM events e
               WHERE e.report_id = r.id AND e.action = 'accept' AND e.at <= :asof)"
        ))
    );
    let part = |key: &str| t[key].as_u64().unwrap();
    assert_eq!(
        part("received"),
        part("awaiting_check") + part("rejected") + part("accepted") + part("merged_before_check")
    );
    assert_eq!(
        t["answered"],
        count(&format!("{STATUS} IN ('published', 'closed_private')"))
    );
    assert_eq!(
        t["result_awaiting_portal"],
        count(&format!("{STATUS} IN ('replied', 'verified')"))
    );
    // A section of the report, its rows' counts by `key`, against the same counted by `sql`.
    let section_counts = |section: &str, key: &str, sql: &str| {
        assert_eq!(
            map(&json[section], key, "count"),
            sql_map(rows(env, &w, sql)),
            "{section}"
        );
    };

    section_counts(
        "rejections",
        "reason",
        &format!(
            "{SEEN} SELECT j.value, count(*) FROM seen r
               JOIN events e ON e.report_id = r.id AND e.action = 'reject' AND e.at <= :asof,
                    json_each(e.payload, '$.reasons') j GROUP BY j.value"
        ),
    );
    section_counts(
        "by_field",
        "field",
        &format!(
            // A duplicate left without a field has a row of its own, not
            // "(not classified)".
            "{SEEN} SELECT CASE WHEN {field} IS NULL AND {STATUS} = 'duplicate'
                                THEN 'duplicate' ELSE coalesce({field}, '-') END AS f,
                           count(*) FROM seen r
              WHERE EXISTS (SELECT 1 FROM events e WHERE e.report_id = r.id
                              AND e.action = 'accept' AND e.at <= :asof)
              GROUP BY f",
            field = latest("classify", "field")
        ),
    );
    section_counts(
        "by_agency",
        "agency",
        // The accepted reports no agency holds, by why, have rows of their own: an
        // agency holds a report from its latest assignment until it returns it or the
        // portal answers it; then the portal's own
        // answers (awaiting their check too), those returned and not yet dispatched
        // again, duplicates, and those not yet assigned.
        &format!(
            "{SEEN}, t AS (
               SELECT CASE WHEN (SELECT max(e.id) FROM events e WHERE e.report_id = r.id
                                   AND e.action IN ('answer', 'return') AND e.at <= :asof)
                                > (SELECT max(e.id) FROM events e WHERE e.report_id = r.id
                                     AND e.action = 'assign' AND e.at <= :asof)
                           THEN NULL ELSE {} END AS a,
                      {STATUS} AS s,
                      EXISTS (SELECT 1 FROM events e WHERE e.report_id = r.id
                                AND e.action = 'accept' AND e.at <= :asof) AS ok
                 FROM seen r)
             SELECT CASE WHEN a IS NOT NULL THEN a
                         WHEN s = 'returned' THEN 'returned'
                         WHEN s IN ('replied', 'verified', 'published', 'closed_private')
                           THEN 'answered_by_portal'
                         WHEN s = 'duplicate' THEN 'duplicate'
                         ELSE 'not_assigned' END AS k, count(*)
               FROM t WHERE a IS NOT NULL OR ok GROUP BY k",
            latest("assign", "agency")
        ),
    );
    section_counts(
        "by_commune",
        "commune",
        &format!(
            "{SEEN} SELECT CASE WHEN trim(commune) = '' THEN '-' ELSE commune END AS c,
                           count(*) FROM seen GROUP BY c"
        ),
    );

    // Per stage: on time, late, open within, open overdue (a lapsed return window is on time).
    let stages = rows(
        env,
        &w,
        &format!(
            "{CLOCKS} SELECT stage,
                count(*) FILTER (WHERE (stopped AND breached = 0)
                                    OR (NOT coalesce(stopped, 0) AND due_at < :asof AND stage = 'return')),
                count(*) FILTER (WHERE stopped AND breached = 1),
                count(*) FILTER (WHERE NOT coalesce(stopped, 0) AND due_at >= :asof),
                count(*) FILTER (WHERE NOT coalesce(stopped, 0) AND due_at < :asof AND stage <> 'return')
              FROM k GROUP BY stage"
        ),
    );
    for s in array(&json["stages"]) {
        let want = stages
            .iter()
            .find(|r| s["stage"] == r[0].as_str())
            .cloned()
            .unwrap_or_else(|| {
                vec![
                    String::new(),
                    "0".into(),
                    "0".into(),
                    "0".into(),
                    "0".into(),
                ]
            });
        let got: Vec<String> = ["on_time", "late", "open_within", "open_overdue"]
            .iter()
            .map(|k| s[*k].to_string())
            .collect();
        assert_eq!(got, want[1..], "stage {}", s["stage"]);
        // The rate as docs/rules.md §5 defines it.
        let n = |k: &str| s[k].as_f64().unwrap();
        let whole = n("on_time") + n("late") + n("open_overdue");
        if whole > 0.0 {
            let rate = s["on_time_rate"].as_f64().unwrap();
            assert!((rate - n("on_time") / whole).abs() < 1e-12);
        } else {
            assert!(s["on_time_rate"].is_null());
        }
    }

    // Per agency.
    let agencies = rows(
        env,
        &w,
        &format!(
            "{CLOCKS} SELECT agency,
                count(*) FILTER (WHERE stage = 'return'),
                count(*) FILTER (WHERE stage = 'process' AND stopped_by = 'reply' AND breached = 0),
                count(*) FILTER (WHERE stage = 'process' AND stopped_by = 'reply' AND breached = 1),
                count(*) FILTER (WHERE stage = 'return' AND stopped_by = 'return' AND breached = 0),
                count(*) FILTER (WHERE stage = 'return' AND stopped_by = 'return' AND breached = 1),
                count(*) FILTER (WHERE stage = 'process' AND started_by = 'verify_send_back'),
                count(*) FILTER (WHERE stage = 'process' AND stopped_by = 'duplicate' AND breached = 1),
                count(*) FILTER (WHERE stage = 'process' AND NOT coalesce(stopped, 0)),
                count(*) FILTER (WHERE stage = 'process' AND NOT coalesce(stopped, 0) AND due_at < :asof)
              FROM k WHERE agency IS NOT NULL GROUP BY agency"
        ),
    );
    let got: BTreeMap<String, Vec<String>> = array(&json["agencies"])
        .iter()
        .filter(|a| a["assigned"].as_u64() > Some(0) || a["open"].as_u64() > Some(0))
        .map(|a| {
            (
                a["agency"].as_str().unwrap().to_owned(),
                AGENCY_COUNTS.iter().map(|k| a[*k].to_string()).collect(),
            )
        })
        .collect();
    let want: BTreeMap<String, Vec<String>> = agencies
        .into_iter()
        .map(|r| (r[0].clone(), r[1..].to_vec()))
        .collect();
    assert_eq!(got, want);

    // Satisfaction: the latest rating of each report as of the moment.
    let sat = rows(
        env,
        &w,
        &format!(
            "{SEEN} SELECT count(*), avg(s), count(*) FILTER (WHERE s >= 4)
               FROM (SELECT {} AS s FROM seen r) WHERE s IS NOT NULL",
            latest("rate", "score")
        ),
    );
    let s = &json["satisfaction"];
    assert_eq!(s["ratings"].to_string(), sat[0][0]);
    assert_eq!(s["satisfied"].to_string(), sat[0][2]);
    if s["ratings"].as_u64() > Some(0) {
        assert_eq!(format!("{:.6}", s["average"].as_f64().unwrap()), sat[0][1]);
    }

    // The late list: every clock completed late, and every duty clock open past due.
    assert_eq!(
        array(&json["late"]).len() as u64,
        one(
            env,
            &w,
            &format!(
                "{CLOCKS} SELECT count(*) FROM k
                  WHERE (stopped AND breached = 1)
                     OR (NOT coalesce(stopped, 0) AND due_at < :asof AND stage <> 'return')"
            )
        )
    );
    // Unresolved: open at the end of the period, sent back twice or more, or rated 1–2.
    assert_eq!(
        array(&json["unresolved"]).len() as u64,
        count(&format!(
            "({STATUS} <> 'rejected'
               AND coalesce((SELECT e.to_status FROM events e WHERE e.report_id = r.id
                               AND e.to_status IS NOT NULL AND e.at <= :asof AND e.at < :until
                             ORDER BY e.id DESC LIMIT 1), 'received')
                   NOT IN ('rejected', 'published', 'closed_private', 'duplicate'))
             OR (SELECT count(*) FROM events e WHERE e.report_id = r.id
                   AND e.action = 'verify_send_back' AND e.at <= :asof) >= 2
             OR {} <= 2",
            latest("rate", "score")
        ))
    );
    // Prolonged by returns (the working-day rule is the calendar's, checked in unit tests).
    let returned: u64 = array(&json["prolonged"])
        .iter()
        .filter(|c| array(&c["why"]).iter().any(|w| w == "returned_repeatedly"))
        .count() as u64;
    assert_eq!(
        returned,
        count(
            "(SELECT count(*) FROM events e WHERE e.report_id = r.id AND e.action = 'return'
                AND e.at <= :asof) >= 2"
        )
    );
}

#[test]
fn every_number_of_a_report_is_recomputed_by_one_query_over_the_log() {
    let mut env = history_env();
    assert!(env.count("SELECT count(*) FROM reports") >= 2000);
    let end = env.column::<String>("SELECT max(at) FROM events")[0].clone();
    // The whole history as of its last event, the numbers of one month as of its middle
    // (much still open), and a month long past as of later (closed since its end).
    for (now, args) in [
        (end.as_str(), range("2026-07-01", "2027-03-31").to_vec()),
        (
            "2026-09-16T12:00:00+07:00",
            vec!["report", "monthly", "--period", "2026-09"],
        ),
        (
            "2026-10-20T09:30:00+07:00",
            vec!["report", "monthly", "--period", "2026-09"],
        ),
        (
            "2026-11-02T10:00:00+07:00",
            vec!["report", "quarterly", "--period", "2026-Q4"],
        ),
    ] {
        env.set_now(now);
        let mut all = args.clone();
        all.extend(["--format", "json"]);
        let json = env.run_as(LEADER, &all).success().json();
        assert_eq!(json["as_of"], now);
        reconcile(&env, &json);
    }
}

#[test]
fn as_of_a_moment_the_report_ignores_everything_after_it() {
    let mut env = history_env();
    let september = ["report", "monthly", "--period", "2026-09"];
    env.set_now("2026-09-16T12:00:00+07:00");
    let before = env.json_as(LEADER, &september);
    env.set_now("2026-10-20T09:30:00+07:00");
    let after = env.json_as(LEADER, &september);
    // Half the month had arrived by the 16th; by 20 October it is all in and mostly closed.
    let received = |j: &Value| j["totals"]["received"].as_u64().unwrap();
    assert!(received(&before) < received(&after));
    let open = |j: &Value| {
        array(&j["stages"])
            .iter()
            .map(|s| s["open_within"].as_u64().unwrap() + s["open_overdue"].as_u64().unwrap())
            .sum::<u64>()
    };
    assert!(open(&before) > 0);
    // Running it again as of the same moment gives the same document.
    env.set_now("2026-09-16T12:00:00+07:00");
    let again = env.json_as(LEADER, &september);
    assert_eq!(again, before);
}

/// A report not urgent when it arrived, made urgent by an assignment after the moment, is
/// not urgent in a report "as of" that moment; one the app flagged stays urgent before its
/// assignment, which goes out urgent without `--urgent`.
#[test]
fn a_report_as_of_a_moment_leaves_out_an_urgency_raised_after_it() {
    let mut env = TestEnv::validated();
    let august = ["report", "monthly", "--period", "2026-08"];
    let urgent = |env: &TestEnv| env.json_as(LEADER, &august)["totals"]["urgent"].clone();
    let moment = "2026-10-05T08:00:00+07:00";
    env.set_now(moment);
    let before = urgent(&env);
    let flagged: Vec<i64> = env.column(
        "SELECT id FROM reports WHERE urgent = 1 AND status = 'accepted'
          AND submitted_at LIKE '2026-08-%' ORDER BY id LIMIT 1",
    );
    assert_eq!(env.status_of("5"), "accepted");
    env.set_now("2026-10-09T08:00:00+07:00");
    for (id, extra) in [("5".to_owned(), "--urgent"), (flagged[0].to_string(), "")] {
        env.run_as(RECEPTION, &["classify", &id, "--field", "GT"])
            .success();
        let mut assign = vec!["assign", id.as_str(), "--agency", "SXD"];
        if !extra.is_empty() {
            assign.push(extra);
        }
        env.run_as(RECEPTION, &assign).success();
    }
    let after = urgent(&env);
    assert_eq!(
        after.as_u64(),
        before.as_u64().map(|n| n + 1),
        "{before} {after}"
    );
    // As of the same moment again: the same count.
    env.set_now(moment);
    assert_eq!(urgent(&env), before);
}

/// An agency renamed after the moment (the July 2025 reform renamed and merged units): the
/// report and the score rerun "as of" the moment name it as it was named then, the same
/// documents as before the rename; as of a moment after it, a period that had ended before
/// the rename still by its old name, one running at it by its new name. A field renamed
/// after the moment is named anew; an agency added after the moment is not in the score of
/// the moment.
#[test]
fn a_report_and_a_score_as_of_a_moment_name_an_agency_renamed_after_it_as_it_was_named() {
    let mut env = TestEnv::assigned_to_sxd();
    let report = ["report", "monthly", "--period", "2026-08"];
    let score = ["score", "--period", "2026-Q3", "--format", "json"];
    let old = "Sở Xây dựng tỉnh Cà Mau";
    let new = "Sở Xây dựng và Giao thông tỉnh Cà Mau";
    let moment = "2026-10-05T09:00:00+07:00";
    env.set_now(moment);
    let report_before = env.json_as(LEADER, &report);
    let score_before = env.run_as(LEADER, &score).success().json();
    for json in [&report_before, &score_before] {
        assert!(json.to_string().contains(old), "{json}");
    }

    let field_name = |json: &Value| {
        array(&json["by_field"])
            .iter()
            .find(|f| f["field"] == "GT")
            .map(|f| f["name"].clone())
    };
    assert_eq!(field_name(&report_before), Some(json!("Giao thông")));

    env.set_now("2026-10-06T09:00:00+07:00");
    env.run_as(
        ADMIN,
        &[
            "agency", "add", "SXD", "--name", new, "--level", "province", "--yes",
        ],
    )
    .success();
    env.run_as(
        ADMIN,
        &[
            "field",
            "add",
            "GT",
            "--name",
            "Giao thông vận tải",
            "--yes",
        ],
    )
    .success();
    // A unit set up after the moment was not there to be scored then.
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "BQLDA-GT",
            "--name",
            "Ban Quản lý dự án công trình giao thông tỉnh Cà Mau",
            "--level",
            "province",
        ],
    )
    .success();

    env.set_now(moment);
    assert_eq!(env.json_as(LEADER, &report), report_before);
    assert_eq!(env.run_as(LEADER, &score).success().json(), score_before);
    env.run_as(LEADER, &report).success().stdout_has(old);
    env.set_now("2026-10-06T09:00:01+07:00");
    let report_after = env.json_as(LEADER, &report);
    assert_eq!(field_name(&report_after), Some(json!("Giao thông vận tải")));
    let score_after = env.run_as(LEADER, &score).success().json();
    assert!(
        array(&score_after)
            .iter()
            .any(|row| row["agency"] == "BQLDA-GT"),
        "{score_after}"
    );
    // Y4: the August report and the third quarter's score ended before the rename: rerun
    // after it, they keep the name of their period's end (`Period::named_at`), where they
    // took the new one and a re-printed closed period read as if the unit had borne it.
    for json in [report_after, score_after] {
        let text = json.to_string();
        assert!(text.contains(old) && !text.contains(new), "{text}");
    }
    env.run_as(LEADER, &report).success().stdout_has(old);
    // A period running at the rename names the unit by its new name.
    let running = env
        .run_as(
            LEADER,
            &["score", "--period", "2026-Q4", "--format", "json"],
        )
        .success()
        .json();
    let sxd = array(&running)
        .iter()
        .find(|row| row["agency"] == "SXD")
        .unwrap();
    assert_eq!(sxd["name"], new, "{sxd}");
}

/// Work entered after the fact (the agencies set up on today's clock, the past weeks'
/// steps played with `--now` set back): an agency whose `agency add` was logged after the
/// moment but which was given reports before it is scored for them as `report` counts
/// them, not left out of the score of the moment (an empty sheet, even with `--all`).
#[test]
fn a_score_as_of_a_moment_keeps_an_agency_logged_later_that_had_cases_then() {
    let mut env = TestEnv::validated();
    env.set_now("2026-12-06T09:00:00+07:00");
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "BQLDA-GT",
            "--name",
            "Ban Quản lý dự án công trình giao thông tỉnh Cà Mau",
            "--level",
            "province",
        ],
    )
    .success();
    env.set_now(NOW);
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "BQLDA-GT"])
        .success();

    env.set_now("2026-10-06T09:00:00+07:00");
    let report = env.json_as(LEADER, &["report", "quarterly", "--period", "2026-Q3"]);
    assert!(report.to_string().contains("BQLDA-GT"), "{report}");
    let score = env
        .run_as(
            LEADER,
            &["score", "--period", "2026-Q3", "--all", "--format", "json"],
        )
        .success()
        .json();
    let row = array(&score)
        .iter()
        .find(|row| row["agency"] == "BQLDA-GT")
        .cloned()
        .unwrap_or_else(|| panic!("BQLDA-GT left out of the score: {score}"));
    assert!(row.to_string().contains("Ban Quản lý dự án"), "{row}");
}

/// A ward renamed after the moment: the report rerun "as of" the moment still spells a
/// report's "phuong an xuyen" as the ward list spelled it then, in the ward's row.
#[test]
fn a_report_as_of_a_moment_spells_communes_as_the_ward_list_did_then() {
    let mut env = TestEnv::validated();
    env.set_now("2026-08-20T08:00:00+07:00");
    let record = json!({
        "external_id": "W-1",
        "submitted_at": "2026-08-20T07:22:00+07:00",
        "occurred_at": "2026-08-20T07:00:00+07:00",
        "content": "Đường bị ngập sâu trước chợ, xe máy chết máy giữa đường",
        "media": ["https://x.vn/1.jpg"],
        "address": "Khóm 2",
        "commune": "phuong an xuyen",
        "reporter_name": "Lê Văn Cư",
        "reporter_phone": "0912000005",
        "consent": true
    });
    env.ingest_validated("w1.jsonl", &record);
    let report = ["report", "monthly", "--period", "2026-08"];
    let moment = "2026-10-05T09:00:00+07:00";
    env.set_now(moment);
    let before = env.json_as(LEADER, &report);
    let communes = |json: &Value| {
        array(&json["by_commune"])
            .iter()
            .map(|c| c["commune"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    assert!(communes(&before).contains(&"Phường An Xuyên".to_owned()));
    assert!(!communes(&before).contains(&"phuong an xuyen".to_owned()));

    env.set_now("2026-10-06T09:00:00+07:00");
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "32002",
            "--name",
            "UBND phường An Xuyên Mới",
            "--level",
            "commune",
            "--yes",
        ],
    )
    .success();
    env.set_now(moment);
    assert_eq!(env.json_as(LEADER, &report), before);
}

/// A ward whose level changed after the moment (re-added as a district-level unit, its name
/// kept): the ward list of the moment is the commune-level units as they stood then, so the
/// report rerun "as of" the moment still spells "phuong an xuyen" in the ward's row, the
/// same document as before the change; as of a moment after it, the text is its own row.
#[test]
fn a_report_as_of_a_moment_takes_the_ward_list_by_the_levels_then() {
    let mut env = TestEnv::validated();
    env.set_now("2026-08-20T08:00:00+07:00");
    let record = json!({
        "external_id": "W-1",
        "submitted_at": "2026-08-20T07:22:00+07:00",
        "occurred_at": "2026-08-20T07:00:00+07:00",
        "content": "Đường bị ngập sâu trước chợ, xe máy chết máy giữa đường",
        "media": ["https://x.vn/1.jpg"],
        "address": "Khóm 2",
        "commune": "phuong an xuyen",
        "reporter_name": "Lê Văn Cư",
        "reporter_phone": "0912000005",
        "consent": true
    });
    env.ingest_validated("w1.jsonl", &record);
    let report = ["report", "monthly", "--period", "2026-08"];
    let moment = "2026-10-05T09:00:00+07:00";
    env.set_now(moment);
    let before = env.json_as(LEADER, &report);
    let communes = |json: &Value| {
        array(&json["by_commune"])
            .iter()
            .map(|c| c["commune"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    assert!(communes(&before).contains(&"Phường An Xuyên".to_owned()));
    assert!(!communes(&before).contains(&"phuong an xuyen".to_owned()));

    env.set_now("2026-10-06T09:00:00+07:00");
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "32002",
            "--name",
            "UBND phường An Xuyên",
            "--level",
            "district",
            "--yes",
        ],
    )
    .success();
    env.set_now(moment);
    let again = env.json_as(LEADER, &report);
    assert_eq!(communes(&again), communes(&before));
    assert_eq!(again, before);
    env.set_now("2026-10-06T09:00:01+07:00");
    assert!(communes(&env.json_as(LEADER, &report)).contains(&"phuong an xuyen".to_owned()));
}

#[test]
fn the_report_speaks_vietnamese_by_default_and_english_on_request() {
    let mut env = history_env();
    env.set_now("2026-10-20T09:30:00+07:00");
    env.run_as(LEADER, &["report", "monthly", "--period", "2026-09"])
        .success()
        .stdout_has("BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH HIỆN TRƯỜNG THÁNG 9 NĂM 2026\n")
        .stdout_has("Tỷ lệ đúng hạn")
        .stdout_has("Các trường hợp trễ hạn")
        .stdout_has("Căn cứ tính thời hạn và tiêu chí áp dụng:")
        .never_shows("Thiết lập áp dụng");
    // As a Vietnamese document writes them: the title run on into its period, no dash; the
    // moment of the figures in words, not "20/10/2026 09:30:00".
    env.run_as(
        LEADER,
        &[
            "report", "monthly", "--period", "2026-09", "--format", "html",
        ],
    )
    .success()
    .stdout_has(
        "<title>Báo cáo kết quả tiếp nhận, xử lý phản ánh hiện trường tháng 9 năm 2026</title>",
    )
    .stdout_has(">09 giờ 30 phút ngày 20/10/2026</time>, như sau:</p>")
    .stdout_has("Phiên bản lịch làm việc đã dùng: ")
    .stdout_has("<p>Căn cứ tính thời hạn và tiêu chí áp dụng:</p>");
    env.run_as(
        AUDITOR,
        &["--lang", "en", "report", "quarterly", "--period", "2026-Q3"],
    )
    .success()
    .stdout_has("Q3 2026")
    .stdout_has("On-time rate")
    .stdout_has("Late cases")
    // Days as English readers write them, never 01/07/2026 (January or July?).
    .stdout_has("Reports sent from 2026-07-01 to 2026-09-30; figures as of 2026-10-20\u{a0}09:30");
    let html = env.run_as(
        AUDITOR,
        &[
            "--lang",
            "en",
            "report",
            "quarterly",
            "--period",
            "2026-Q3",
            "--format",
            "html",
        ],
    );
    html.success()
        .stdout_has("2026-07-01")
        .stdout_has(">2026-10-20 09:30</time>")
        .never_shows("01/07/2026")
        .never_shows("20/10/2026");
    let csv = env
        .run_as(
            LEADER,
            &[
                "report",
                "half-year",
                "--period",
                "2026-H2",
                "--format",
                "csv",
            ],
        )
        .success()
        .stdout
        .clone();
    // The counts' four columns first; the columns after them carry each listed case.
    assert!(
        csv.starts_with("section,item,metric,value,external_id,"),
        "{csv}"
    );
    assert!(csv.contains("totals,,received,"), "{csv}");
    assert!(csv.contains("stages,dispatch,on_time,"), "{csv}");
    for bad in ["2026-13", "2026-Q5", "2026-H3", "26"] {
        env.run_as(LEADER, &["report", "monthly", "--period", bad])
            .code(2)
            .one_line_error()
            .stderr_has("2026-07");
    }
    env.run_as(LEADER, &range("2026-10-01", "2026-09-01"))
        .code(2)
        .one_line_error();
}

/// A year typed short (`26`, `0`) is refused with what to type, not read as the year 26 (a
/// report of nothing, every agency scored zero); nothing is written.
#[test]
fn a_year_typed_short_is_refused_saying_what_to_type() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    for args in [
        &["report", "annual", "--period", "26"][..],
        &["report", "annual", "--period", "0"],
        &["report", "monthly", "--period", "26-07"],
        &range("0026-01-01", "2026-01-01"),
        &["score", "--year", "26"],
        &["score", "--period", "26-Q3"],
    ] {
        env.run_as(LEADER, args)
            .code(2)
            .one_line_error()
            .stderr_has("năm viết đủ bốn chữ số, từ 2000 đến 2100");
        let english = in_english(args);
        env.run_as(LEADER, &english)
            .code(2)
            .stderr_has("the year in four digits, 2000 to 2100");
    }
    env.assert_unchanged(&before);
    env.run_as(LEADER, &["report", "annual", "--period", "2026"])
        .success();
}

#[test]
fn a_period_that_has_not_begun_is_refused_not_printed_as_an_empty_report() {
    let mut env = TestEnv::validated();
    env.set_now("2026-12-03T09:00:00+07:00");
    for (args, named) in [
        (
            &[
                "report", "monthly", "--period", "2027-01", "--format", "html",
            ][..],
            "Tháng 01 năm 2027",
        ),
        (&range("2026-12-04", "2026-12-31"), "04/12/2026"),
        (&["score", "--year", "2027"], "2027"),
        (&["score", "--period", "2027-Q1"], "2027"),
    ] {
        // Home Affairs scores a scoring period; the leader reads a report's period.
        let (noun_vi, noun_en) = match args[0] {
            "score" => ("Kỳ chấm điểm “", "the scoring period “"),
            _ => ("Kỳ báo cáo “", "the period “"),
        };
        let run = env.run_as(LEADER, args);
        run.failure()
            .one_line_error()
            .stderr_has(noun_vi)
            .stderr_has(named)
            .stderr_has("chưa bắt đầu");
        assert!(run.stdout.is_empty(), "{run}");
        let english = in_english(args);
        env.run_as(LEADER, &english)
            .failure()
            .stderr_has(noun_en)
            .stderr_has("has not begun (figures as of 2026-12-03 09:00)");
    }
    // The current period, begun but not ended, gives the figures so far.
    for args in [
        &["report", "monthly", "--period", "2026-12"][..],
        &range("2026-12-03", "2026-12-31"),
        &["score", "--year", "2026"],
    ] {
        env.run_as(LEADER, args).success();
    }
}

#[test]
fn reports_and_scores_are_for_the_portal_leaders_and_home_affairs() {
    let env = history_env();
    for user in [RECEPTION, LEADER, AUDITOR, ADMIN] {
        env.run_as(
            user,
            &["report", "annual", "--period", "2026", "--format", "json"],
        )
        .success();
    }
    let before = env.fingerprint();
    env.run_as(HANDLER_SXD, &["report", "annual", "--period", "2026"])
        .failure()
        .one_line_error();
    env.assert_only_refusal(&before, HANDLER_SXD);
    let before = env.fingerprint();
    env.run_as(HANDLER_SXD, &["score", "--year", "2026"])
        .failure()
        .one_line_error();
    env.assert_only_refusal(&before, HANDLER_SXD);
}

#[test]
fn no_personal_data_in_any_report_or_score() {
    let mut env = history_env();
    env.set_now("2026-11-02T10:00:00+07:00");
    let (names, phones): (Vec<String>, Vec<String>) = env
        .identities()
        .into_iter()
        .map(|(_, name, phone)| (name, phone))
        .unzip();
    let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
    let phones: Vec<String> = phones.into_iter().filter(|p| !p.is_empty()).collect();
    let out = env.run_as_into(
        LEADER,
        &[
            "report",
            "quarterly",
            "--period",
            "2026-Q3",
            "--format",
            "html",
        ],
        "r.html",
    );
    let mut outputs = vec![std::fs::read_to_string(&out).unwrap()];
    for format in ["table", "csv", "json"] {
        outputs.push(
            env.run_as(
                LEADER,
                &[
                    "report",
                    "quarterly",
                    "--period",
                    "2026-Q3",
                    "--format",
                    format,
                ],
            )
            .success()
            .stdout
            .clone(),
        );
    }
    outputs.push(
        env.run_as(AUDITOR, &["score", "--year", "2026"])
            .success()
            .stdout
            .clone(),
    );
    let secrets = Secrets::new(names.into_iter().chain(phones));
    for text in &outputs {
        if let Some(secret) = secrets.first_in(text) {
            panic!("{secret} leaked");
        }
    }
}

#[test]
fn the_html_report_is_one_self_contained_printable_file() {
    let mut env = history_env();
    env.set_now("2026-11-02T10:00:00+07:00");
    let out = env.dir().join("bao-cao.html");
    env.run_as(
        LEADER,
        &[
            "report",
            "monthly",
            "--period",
            "2026-10",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .success()
    .stderr_has("bao-cao.html");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"vi\">"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("@page { size: A4"));
    // Four charts, drawn inline.
    assert_eq!(html.matches("<svg ").count(), 4, "{html}");
    for caption in [
        "Số phản ánh nhận theo tuần",
        "Tỷ lệ xử lý đúng hạn theo cơ quan",
        "Lý do từ chối tiếp nhận",
        "Đánh giá của người dân",
    ] {
        assert!(html.contains(caption), "{caption}");
    }
    // The period, the moment, the calendar version and the settings that shaped it.
    assert!(html.contains("hiện trường tháng 10 năm 2026"));
    assert!(html.contains("2026-11-02T10:00:00+07:00"));
    let version = env
        .run(&[
            "calendar",
            "deadline",
            "--stage",
            "dispatch",
            "--start",
            "2026-11-02 10:00",
            "--format",
            "json",
        ])
        .success()
        .json()["calendar_version"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(html.contains(&version));
    assert!(html.contains("kể từ khi tiếp nhận (đã xong hay chưa): <b>5</b></li>"));
    // Nothing fetched from anywhere: no script, no external link, image, font or style.
    for needle in [
        "<script", "http://", "https://", "src=", "<link", "@import", "url(",
    ] {
        assert!(!html.contains(needle), "{needle}");
    }
    // --format html is for reports only, and refused before anything is done.
    let before = env.fingerprint();
    env.run_as(
        RECEPTION,
        &["--format", "html", "assign", "1", "--agency", "SXD"],
    )
    .failure()
    .one_line_error();
    env.assert_unchanged(&before);
}

#[test]
fn the_score_csv_is_deterministic_and_leaves_idle_agencies_unscored() {
    let mut env = history_env();
    env.set_now("2026-12-31T17:00:00+07:00");
    let out = env.run_as_into(AUDITOR, &["score", "--year", "2026"], "score.csv");
    let first = std::fs::read_to_string(&out).unwrap();
    // The same file again: replacing it must be asked for (`--force`).
    env.run_as(
        AUDITOR,
        &[
            "score",
            "--year",
            "2026",
            "--out",
            out.to_str().unwrap(),
            "--force",
        ],
    )
    .success();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        first,
        "same data → same bytes"
    );
    let stdout = env
        .run_as(AUDITOR, &["score", "--year", "2026", "--format", "csv"])
        .success()
        .stdout
        .clone();
    assert_eq!(stdout, first);

    // Excel reads the file as UTF-8 by its byte-order mark; the headers are Vietnamese by
    // default (issue 19), and each line says its period, moment, calendar and rules.
    let first_csv = first.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(first_csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        SCORE_HEADS_VI
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), EXAMPLE_AGENCIES - EXAMPLE_DISTRICTS);
    let mut ranks = Vec::new();
    for row in &rows {
        // Nothing replied and nothing overdue: nothing to judge (docs/rules.md §5).
        if row[3] == *"0" && row[9] == *"0" {
            assert_eq!(
                (&row[13], &row[14]),
                ("", ""),
                "an idle agency has no score: {row:?}"
            );
        } else {
            let score: f64 = row[13].parse().unwrap();
            assert!((0.0..=100.0).contains(&score), "{row:?}");
            if !row[14].is_empty() {
                ranks.push(row[14].parse::<u64>().unwrap());
            }
        }
    }
    assert!(ranks.len() > 5);
    assert_eq!(ranks, (1..=ranks.len() as u64).collect::<Vec<_>>());

    // The weights are settings: changing one changes the scores, and --explain shows it.
    env.run_as(
        ADMIN,
        &["settings", "set", "score.weight_satisfaction", "0"],
    )
    .success();
    let changed = env
        .run_as(AUDITOR, &["score", "--year", "2026", "--format", "csv"])
        .success()
        .stdout
        .clone();
    assert_ne!(changed, first);
    env.run_as(AUDITOR, &["score", "--explain"])
        .success()
        .stdout_has("mức hài lòng của người dân trong điểm thi đua = 0)")
        .stdout_has("không có điểm");
    env.run_as(LEADER, &["settings", "show"])
        .success()
        .stdout_has("score.weight_on_time");
}

/// A file is written in the format its name asks for when --format is left at `table`, and
/// a name that asks for what the command cannot write, or contradicts --format, is refused
/// before anything is written: `thang-10.csv` holding a terminal table looks broken to the
/// officer who opens it.
#[test]
fn a_report_or_score_file_is_what_its_name_says() {
    let mut env = history_env();
    env.set_now("2026-12-31T17:00:00+07:00");
    let file = |name: &str| env.dir().join(name);
    let write = |args: &[&str], name: &str| {
        let mut all = args.to_vec();
        let path = file(name);
        all.extend(["--out", path.to_str().unwrap()]);
        env.run_as(AUDITOR, &all)
    };
    let monthly = ["report", "monthly", "--period", "2026-10"];
    write(&monthly, "thang-10.csv").success();
    let csv = std::fs::read_to_string(file("thang-10.csv")).unwrap();
    assert!(!csv.contains('│') && !csv.contains('─'), "{csv}");
    assert!(csv.lines().next().unwrap().contains(','), "{csv}");
    write(&monthly, "thang-10.json").success();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file("thang-10.json")).unwrap()).unwrap();
    assert!(json.is_object(), "{json}");
    write(&monthly, "thang-10.html").success();
    assert!(
        std::fs::read_to_string(file("thang-10.html"))
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );

    // A name and a format that disagree: refused in one line saying so, and no file left.
    let refused = |args: &[&str], name: &str, said: &[&str]| {
        let run = write(args, name);
        run.failure().one_line_error();
        for words in said {
            run.stderr_has(words);
        }
        assert!(!file(name).exists(), "{name}");
    };
    let monthly_as = |format| [&["--lang", "en", "--format", format][..], &monthly].concat();
    refused(
        &["--lang", "en", "score", "--year", "2026"],
        "diem.html",
        &[".csv, .json or .xlsx"],
    );
    refused(&monthly_as("json"), "thang.csv", &["make the two agree"]);
    // A workbook's name with another format asked for: the format was dropped silently.
    refused(
        &monthly_as("csv"),
        "thang.xlsx",
        &["--format csv but", "names an Excel workbook"],
    );
}

/// The portal's send-back of a late reply, and the agency's return of the reworked case past
/// its deadline, never raise the agency's score: a case once replied to stays judged, late
/// (docs/rules.md §5). The demo's report in rework after a late first reply is the case.
#[test]
fn a_send_back_or_a_late_return_in_rework_never_raises_the_score() {
    let mut env = TestEnv::demo();
    let found = env.column::<String>(
        "SELECT r.id || ' ' || r.agency || ' ' || e.at FROM reports r
           JOIN events e ON e.report_id = r.id AND e.action = 'verify_send_back'
          WHERE r.status = 'assigned'
            AND EXISTS (SELECT 1 FROM clocks c WHERE c.report_id = r.id AND c.stage = 'process'
                           AND c.round = 1 AND c.stop_event IS NOT NULL AND c.breached = 1)",
    );
    let [id, agency, sent_back_at] = found[0].split(' ').collect::<Vec<_>>()[..] else {
        panic!("{found:?}");
    };
    let sent_back_at = chrono::DateTime::parse_from_rfc3339(sent_back_at).unwrap();
    let row = |env: &TestEnv, now: chrono::DateTime<chrono::FixedOffset>| -> Value {
        let rows = env.json_as(
            AUDITOR,
            &["--now", &now.to_rfc3339(), "score", "--year", "2026"],
        );
        array(&rows)
            .iter()
            .find(|r| r["agency"] == agency)
            .unwrap()
            .clone()
    };
    let minute = chrono::Duration::minutes(1);
    let before = row(&env, sent_back_at - minute);
    let after = row(&env, sent_back_at + minute);
    // The late reply stays a late case; the send-back costs (K), never pays.
    assert_eq!(
        (&after["replied"], &after["late"]),
        (&before["replied"], &before["late"]),
        "{before}\n{after}"
    );
    assert!(
        after["score"].as_f64() < before["score"].as_f64(),
        "{before}\n{after}"
    );

    // Days later, the rework past its deadline, the agency returns the report.
    let returned_at = sent_back_at + chrono::Duration::days(3);
    env.set_now(&returned_at.to_rfc3339());
    env.run_as(
        HANDLER_SXD,
        &["return", id, "--reason", "Không thuộc thẩm quyền"],
    )
    .success();
    let before = row(&env, returned_at - minute);
    let after = row(&env, returned_at + minute);
    assert_eq!(
        (&after["replied"], &after["late"], &after["open_overdue"]),
        (&before["replied"], &before["late"], &before["open_overdue"]),
        "{before}\n{after}"
    );
    assert_eq!(after["score"], before["score"], "{before}\n{after}");
}

/// A period of another kind than the subcommand's (`report monthly --period 2026-Q3`) is
/// said to be what it is, with the command that takes it, in either language; the general
/// list of forms would name the very value typed as valid. Each subcommand's help names
/// only its own form, and `range` says when its ends are the wrong way round.
#[test]
fn a_period_of_another_kind_names_the_subcommand_that_takes_it() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    for (command, value, kind_vi, kind_en, instead) in [
        (
            "monthly",
            "2026-Q3",
            "là một quý",
            "is a quarter",
            "quarterly",
        ),
        (
            "monthly",
            "2026-H1",
            "là kỳ 6 tháng",
            "is a half-year",
            "half-year",
        ),
        (
            "quarterly",
            "2026-10",
            "là một tháng",
            "is a month",
            "monthly",
        ),
        ("quarterly", "2026", "là một năm", "is a year", "annual"),
        (
            "half-year",
            "2026-Q3",
            "là một quý",
            "is a quarter",
            "quarterly",
        ),
        (
            "annual",
            "2026-H1",
            "là kỳ 6 tháng",
            "is a half-year",
            "half-year",
        ),
        ("annual", "2026-07", "là một tháng", "is a month", "monthly"),
    ] {
        let command_line = format!("`phananh report {instead} --period {value}`");
        let vi = env.run_as(LEADER, &["report", command, "--period", value]);
        vi.code(2)
            .one_line_error()
            .stderr_has(&format!("“{value}” {kind_vi}: dùng {command_line}"))
            .never_shows("không hợp lệ");
        let en = env.run_as(
            LEADER,
            &["--lang", "en", "report", command, "--period", value],
        );
        en.code(2)
            .one_line_error()
            .stderr_has(&format!("“{value}” {kind_en}: use {command_line}"))
            .never_shows("not valid");
    }
    // A value of no kind at all names the subcommand's own form only.
    env.run_as(LEADER, &["report", "quarterly", "--period", "2026-Q5"])
        .code(2)
        .one_line_error()
        .stderr_has("report quarterly lập báo cáo một quý, --period dạng 2026-Q3")
        .never_shows("2026-07");
    // `range` keeps its message, except for ends typed the wrong way round.
    env.run_as(LEADER, &range("2026-10-01", "2026-09-01"))
        .code(2)
        .one_line_error()
        .stderr_has("--from 2026-10-01 ở sau --to 2026-09-01")
        .stderr_has("--from 2026-09-01 --to 2026-10-01");
    env.run_as(LEADER, &in_english(&range("2026-10-01", "2026-09-01")))
        .code(2)
        .stderr_has("--from 2026-10-01 comes after --to 2026-09-01")
        .stderr_has("Swap them: --from 2026-09-01 --to 2026-10-01");
    env.assert_unchanged(&before);

    for (command, own, others) in [
        ("monthly", "2026-07", ["2026-Q3", "2026-H1"]),
        ("quarterly", "2026-Q3", ["2026-07", "2026-H1"]),
        ("half-year", "2026-H1", ["2026-07", "2026-Q3"]),
        ("annual", "2026", ["2026-07", "2026-Q3"]),
    ] {
        for lang in ["vi", "en"] {
            let help = env
                .run(&["--lang", lang, "report", command, "--help"])
                .success()
                .stdout
                .clone();
            // The option's line and the lines of its text below it (English help); the
            // value named in the reader's language.
            let option = match lang {
                "vi" => "--period <KỲ>",
                _ => "--period <PERIOD>",
            };
            let mut lines = help
                .lines()
                .skip_while(|l| !l.trim_start().starts_with(option));
            let first = lines.next().unwrap_or_default();
            let period = std::iter::once(first)
                .chain(
                    lines.take_while(|l| !l.trim().is_empty() && !l.trim_start().starts_with('-')),
                )
                .collect::<Vec<_>>()
                .join(" ");
            assert!(period.contains(own), "{command} {lang}: {period}");
            for other in others {
                assert!(!period.contains(other), "{command} {lang}: {period}");
            }
        }
    }
}

/// `score --explain` prints the rule as text on the terminal: `--csv`, `--format csv|json`
/// and `--out` are refused with what to leave out (the refusal once told to add the
/// `--format csv` already there, and `--out` gave exit 0 and no file).
#[test]
fn score_explain_refuses_the_options_of_a_file_and_says_which_to_drop() {
    let env = TestEnv::validated();
    for (args, named) in [
        (
            &["--csv", "excel", "--format", "csv", "score", "--explain"][..],
            "--csv excel và --format csv",
        ),
        (&["--csv", "excel", "score", "--explain"], "--csv excel"),
        (&["--format", "json", "score", "--explain"], "--format json"),
        (&["--format", "csv", "score", "--explain"], "--format csv"),
        (
            &["score", "--explain", "--out", "quy-tac.txt"],
            "--out quy-tac.txt",
        ),
    ] {
        env.run_as(AUDITOR, args)
            .failure()
            .stderr_has("score --explain chỉ in quy tắc chấm điểm dạng chữ")
            .stderr_has(&format!("hãy bỏ {named}."))
            .never_shows("hãy thêm");
        let english = in_english(args);
        env.run_as(AUDITOR, &english)
            .failure()
            .stderr_has("score --explain prints the scoring rule as text")
            .stderr_has(&format!("leave out {}", named.replace(" và ", " and ")));
    }
    assert!(!env.dir().join("quy-tac.txt").exists());
    env.run_as(AUDITOR, &["score", "--explain", "--out", "quy-tac.txt"])
        .stderr_has("phananh score --explain > quy-tac.txt");
    env.run_as(AUDITOR, &["score", "--explain"])
        .success()
        .stdout_has("score.min_cases");
}

/// `score` with no period says it is missing and every way to give one, in the language
/// asked for, with no usage line that shows `--db` as required.
#[test]
fn score_without_a_period_names_every_form_of_one() {
    let env = TestEnv::validated();
    env.run_as(AUDITOR, &["score"])
        .code(2)
        .one_line_error()
        .stderr_has("Thiếu kỳ chấm điểm")
        .stderr_has("--period 2026 (năm)")
        .stderr_has("--period 2026-H1")
        .stderr_has("--period 2026-Q3")
        .stderr_has("--year 2026");
    env.run_as(AUDITOR, &["--lang", "en", "score"])
        .code(2)
        .one_line_error()
        .stderr_has("the period to score is missing")
        .stderr_has("--period 2026 (year)")
        .stderr_has("--period 2026-H1")
        .stderr_has("--period 2026-Q3")
        .stderr_has("--year 2026")
        .never_shows("--db <PATH>");
    // --year and --period together are still a usage error.
    env.run_as(AUDITOR, &["score", "--year", "2026", "--period", "2026-Q3"])
        .code(2);
    for (lang, said) in [
        (
            "vi",
            "theo năm, 6 tháng hoặc quý; dạng bảng, CSV, JSON hoặc tệp Excel",
        ),
        (
            "en",
            "a year, half-year or quarter, as a table, CSV, JSON or an Excel workbook",
        ),
    ] {
        // Read across the lines piped help is wrapped in.
        let help = env.run(&["--lang", lang, "score", "--help"]);
        let text = help.success().stdout.split_whitespace().collect::<Vec<_>>();
        assert!(text.join(" ").contains(said), "{help}");
    }
}

/// An `--out` in a folder that does not exist is said of the file typed, in the language
/// asked for, with the command that makes the folder: never the temporary `.partial` name
/// nor the system's English. Every command writing through `output::sink` says the same.
#[test]
fn an_out_file_in_a_missing_folder_names_the_folder_and_how_to_make_it() {
    let env = TestEnv::validated();
    let missing = env.dir().join("chua-co");
    let file = |name: &str| missing.join(name).to_str().unwrap().to_owned();
    let folder = missing.to_str().unwrap().to_owned();
    for (user, args) in [
        (
            AUDITOR,
            vec!["score", "--year", "2026", "--out", &file("diem-2026.xlsx")],
        ),
        (
            AUDITOR,
            vec!["score", "--period", "2026-Q3", "--out", &file("diem.csv")],
        ),
        (
            LEADER,
            vec![
                "report",
                "monthly",
                "--period",
                "2026-10",
                "--out",
                &file("t.xlsx"),
            ],
        ),
        (
            LEADER,
            vec![
                "--format",
                "html",
                "report",
                "monthly",
                "--period",
                "2026-10",
                "--out",
                &file("t.html"),
            ],
        ),
        (
            LEADER,
            vec![
                "report",
                "quarterly",
                "--period",
                "2026-Q3",
                "--out",
                &file("q.csv"),
            ],
        ),
        (
            ADMIN,
            vec![
                "export",
                "csv",
                "--reason",
                "đối chiếu",
                "--out",
                &file("e.csv"),
            ],
        ),
    ] {
        let typed = args.last().unwrap().to_string();
        env.run_as(user, &args)
            .failure()
            .one_line_error()
            .stderr_has(&format!(
                "Thư mục {folder} không tồn tại nên không ghi được {typed}"
            ))
            .stderr_has(&format!("mkdir -p -m 700 {folder}"))
            .stderr_has("hoặc chọn nơi khác")
            .never_shows(".partial")
            .never_shows("os error");
        let english = in_english(&args);
        env.run_as(user, &english)
            .failure()
            .stderr_has(&format!(
                "the folder {folder} does not exist, so {typed} cannot be written"
            ))
            .stderr_has(&format!("mkdir -p -m 700 {folder}"))
            .never_shows(".partial")
            .never_shows("os error");
    }
    assert!(!missing.exists());
}

/// HTML under another name (`quy-3.pdf`) opens in no PDF reader: refused like a workbook's
/// name with another format, saying to write .html and print it to PDF from the browser.
#[test]
fn an_html_report_under_another_name_is_refused_with_how_to_make_a_pdf() {
    let env = TestEnv::validated();
    for name in ["quy-3.pdf", "quy-3.txt", "quy-3"] {
        let out = env.dir().join(name).to_str().unwrap().to_owned();
        let html = env.dir().join("quy-3.html").to_str().unwrap().to_owned();
        let args = [
            "--format",
            "html",
            "report",
            "quarterly",
            "--period",
            "2026-Q3",
            "--out",
            &out,
        ];
        env.run_as(LEADER, &args)
            .failure()
            .one_line_error()
            .stderr_has("--format html ghi một tài liệu HTML")
            .stderr_has(&format!("--out {html}"))
            .stderr_has("in ra giấy hoặc ra PDF");
        let english = in_english(&args);
        env.run_as(LEADER, &english)
            .failure()
            .stderr_has("--format html writes an HTML document")
            .stderr_has("name it .html")
            .stderr_has("to PDF");
        assert!(!env.dir().join(name).exists(), "{name}");
    }
    for name in ["quy-3.html", "quy-3.HTM"] {
        let out = env.dir().join(name).to_str().unwrap().to_owned();
        env.run_as(
            LEADER,
            &[
                "--format",
                "html",
                "report",
                "quarterly",
                "--period",
                "2026-Q3",
                "--out",
                &out,
            ],
        )
        .success();
    }
}

/// The prolonged list's reasons read as Vietnamese: "hoàn thành quá số ngày làm việc quy
/// định", "quá số ngày làm việc quy định mà chưa xong" (they read "… sau quá …").
#[test]
fn the_prolonged_reasons_are_grammatical_vietnamese() {
    let mut env = TestEnv::demo();
    env.set_now("2026-11-04T08:00:00+07:00");
    env.run_as(
        ADMIN,
        &["settings", "set", "report.prolonged_working_days", "1"],
    )
    .success();
    env.set_now("2026-11-04T09:00:00+07:00");
    let csv = env
        .run_as(
            LEADER,
            &[
                "report",
                "quarterly",
                "--period",
                "2026-Q4",
                "--format",
                "csv",
            ],
        )
        .success()
        .stdout
        .clone();
    // The label's column by its name: `overrun_counted_minutes` comes after it.
    let at = csv
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|h| h == "why_label")
        .unwrap();
    let label_of = |why: &str| {
        let labels: Vec<&str> = csv
            .lines()
            .filter(|l| l.starts_with("prolonged,") && l.contains(&format!(",{why},")))
            .map(|l| l.split(',').nth(at).unwrap())
            .collect();
        assert!(!labels.is_empty(), "no {why} case\n{csv}");
        labels
    };
    for label in label_of("closed_after_working_days") {
        assert_eq!(label, "hoàn thành quá số ngày làm việc quy định");
    }
    for label in label_of("open_after_working_days") {
        assert_eq!(label, "quá số ngày làm việc quy định mà chưa xong");
    }
    assert!(!csv.contains("sau quá"), "{csv}");
}

/// The table a leader reads at the terminal counts the weeks as every other format does: a
/// week the month cuts says its days, the counts add up to the reports received, and a
/// period still running stops at its "as of" week (rules.md §5, "per week").
#[test]
fn the_terminal_report_counts_each_week_with_its_days() {
    let mut env = history_env();
    env.set_now("2026-11-04T09:00:00+07:00");
    let table = |args: &[&str]| {
        let run = env.run_as(LEADER, args);
        run.success();
        run.stdout.clone()
    };
    let weeks_of = |text: &str, title: &str| -> Vec<Vec<String>> {
        let section = text.split_once(title).expect(title).1;
        section
            .lines()
            .skip_while(|line| !line.starts_with('╞'))
            .skip(1)
            .take_while(|line| line.starts_with('│'))
            .map(|line| {
                line.trim_matches('│')
                    .split('┆')
                    .map(|cell| cell.trim().to_owned())
                    .collect()
            })
            .collect()
    };
    let october = table(&["report", "monthly", "--period", "2026-10"]);
    let weeks = weeks_of(&october, "Số phản ánh nhận theo tuần (từ thứ Hai)");
    // October 2026 begins on a Thursday and ends on a Saturday.
    assert_eq!(weeks.len(), 5, "{october}");
    assert_eq!(
        weeks[0][..4],
        ["28/09/2026", "01/10/2026", "04/10/2026", "4"]
    );
    assert_eq!(
        weeks[4][..4],
        ["26/10/2026", "26/10/2026", "31/10/2026", "6"]
    );
    let json = env.json_as(LEADER, &["report", "monthly", "--period", "2026-10"]);
    let sum: u64 = weeks.iter().map(|w| w[4].parse::<u64>().unwrap()).sum();
    assert_eq!(sum, json["totals"]["received"].as_u64().unwrap());
    assert!(sum > 0, "{october}");
    // The year so far: its last week is the one of 4 November, counted to that day.
    let year = table(&["--lang", "en", "report", "annual", "--period", "2026"]);
    let weeks = weeks_of(&year, "Reports received per week (from Monday)");
    let last = weeks.last().unwrap();
    assert_eq!(
        last[..4],
        ["2026-11-02", "2026-11-02", "2026-11-04", "3"],
        "{year}"
    );
    assert_eq!(
        weeks[0][..4],
        ["2025-12-29", "2026-01-01", "2026-01-04", "4"]
    );
}

/// "By handling agency" left out the reports the portal answered
/// itself and the duplicates, so it added up to 97 where section 1 said 108 accepted. Now it
/// has a row for each, in every format, and the sections say what they count.
#[test]
fn the_agencies_rows_add_up_to_the_accepted_reports_in_every_format() {
    let env = TestEnv::demo();
    let year = in_november(["report", "annual", "--period", "2026"]);
    let json = env.json_as(LEADER, &year);
    let sum = |section: &str| -> u64 {
        array(&json[section])
            .iter()
            .map(|row| row["count"].as_u64().unwrap())
            .sum()
    };
    let accepted = json["totals"]["accepted"].as_u64().unwrap();
    assert_eq!(sum("by_agency"), accepted, "{}", json["by_agency"]);
    assert_eq!(sum("by_field"), accepted);
    assert_eq!(
        sum("by_commune"),
        json["totals"]["received"].as_u64().unwrap()
    );
    let portal = array(&json["by_agency"])
        .iter()
        .find(|row| row["agency"] == "answered_by_portal")
        .expect("a row for the portal's own answers");
    assert!(portal["count"].as_u64().unwrap() > 0);
    assert_eq!(
        portal["name"],
        "Cổng trả lời trực tiếp (không giao cơ quan)"
    );

    let csv = env.stdout_as(LEADER, &year, &["--format", "csv"]);
    let in_csv: u64 = csv
        .lines()
        .filter(|line| line.starts_with("by_agency,") && line.contains(",count,"))
        .map(|line| line.split(',').nth(3).unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(in_csv, accepted, "{csv}");

    let table = env.stdout_as(LEADER, &year, &["--lang", "en"]);
    for said in [
        "4.2. By handling agency (accepted reports)",
        "Answered by the portal itself (no agency)",
        "4.4. By commune (every report received, rejected ones included)",
    ] {
        assert!(table.contains(said), "{said}: {table}");
    }
    let html = std::fs::read_to_string(env.run_as_into(LEADER, &year, "nam.html")).unwrap();
    assert!(
        html.contains("Cổng trả lời trực tiếp (không giao cơ quan)"),
        "{html}"
    );
    assert!(
        html.contains(&format!("Tính trên phản ánh đã tiếp nhận: {accepted}.")),
        "{html}"
    );
    let xlsx = env.run_as_into(LEADER, &year, "nam.xlsx");
    let sheet = &crate::xlsx::tables(&xlsx)["4.2. Theo cơ quan xử lý"];
    let in_sheet: f64 = sheet[1..]
        .iter()
        .map(|row| match row.last() {
            Some(crate::xlsx::Data::Float(n)) => *n,
            other => panic!("{other:?}"),
        })
        .sum();
    assert_eq!(in_sheet, accepted as f64);
}

/// A report of a month still running listed the cases received
/// that morning as "open at the end of the period", and no line said the period had not
/// ended. Now every format says so, and such a case is open at the moment of the figures.
#[test]
fn a_period_still_running_says_so_and_lists_no_case_open_at_its_end() {
    let env = TestEnv::demo();
    let month =
        |now: &str| ["--now", now, "report", "monthly", "--period", "2026-10"].map(str::to_owned);
    let running = month("2026-10-20T10:00:00+07:00");
    let running: Vec<&str> = running.iter().map(String::as_str).collect();
    // A table keeps a date and its time together with a no-break space.
    let table = env
        .run_as(LEADER, &running)
        .success()
        .stdout
        .replace('\u{a0}', " ");
    assert!(
        table.contains("Kỳ báo cáo chưa kết thúc: số liệu đến 20/10/2026 10:00."),
        "{table}"
    );
    assert!(
        table.contains("chưa xong tại thời điểm tính số liệu"),
        "{table}"
    );
    assert!(!table.contains("chưa xong khi hết kỳ"), "{table}");
    let en = env
        .run_as(LEADER, &[&running[..], &["--lang", "en"]].concat())
        .success()
        .stdout
        .replace('\u{a0}', " ");
    assert!(
        en.contains("The period has not ended: figures up to 2026-10-20 10:00."),
        "{en}"
    );
    assert!(!en.contains("open at the end of the period"), "{en}");
    let csv = env.stdout_as(LEADER, &running, &["--format", "csv"]);
    assert!(csv.contains("\nperiod,,running,true,"), "{csv}");
    assert!(csv.contains(",open_at_as_of,"), "{csv}");
    assert!(!csv.contains("open_at_period_end"), "{csv}");
    let json = env.json_as(LEADER, &running);
    assert_eq!(json["period"]["running"], true);
    assert_eq!(
        json["still_running"],
        "Kỳ báo cáo chưa kết thúc: số liệu đến 20/10/2026 10:00."
    );
    let html = std::fs::read_to_string(env.run_as_into(LEADER, &running, "t10.html")).unwrap();
    assert!(html.contains("Kỳ báo cáo chưa kết thúc: số liệu đến 20/10/2026 10:00."));
    let xlsx = env.run_as_into(LEADER, &running, "t10.xlsx");
    let about = format!("{:?}", crate::xlsx::workbook(&xlsx)["Thông tin"]);
    assert!(about.contains("Kỳ báo cáo chưa kết thúc"), "{about}");

    // Once the month is over, the same cases still open are open at its end, and no line
    // says it runs.
    let ended = month("2026-11-01T08:00:00+07:00");
    let ended: Vec<&str> = ended.iter().map(String::as_str).collect();
    let csv = env.stdout_as(LEADER, &ended, &["--format", "csv"]);
    assert!(csv.contains("\nperiod,,running,false,"), "{csv}");
    assert!(!csv.contains("open_at_as_of"), "{csv}");
    let table = env.run_as(LEADER, &ended).success().stdout.clone();
    assert!(!table.contains("chưa kết thúc"), "{table}");
}

/// The "as of" moment lost its seconds in the score's CSV and
/// workbook and on the HTML paper, so a file made at 08:00:45 read as one of 08:00, and
/// re-made with that `--now` left out what arrived in those 45 seconds.
#[test]
fn the_as_of_moment_keeps_its_seconds_in_the_score_and_on_paper() {
    let env = TestEnv::demo();
    let now = ["--now", "2026-11-01T08:00:45+07:00"];
    let csv = env.stdout_as(
        AUDITOR,
        &now,
        &["--format", "csv", "score", "--year", "2026"],
    );
    // The file for scripts writes it as the report's does (RFC 3339); the Excel style as
    // the report's does too, day first, a date and time to Excel, in either language.
    let line = csv.lines().nth(1).unwrap();
    assert!(line.contains(",2026-11-01T08:00:45+07:00,"), "{line}");
    let excel = env.stdout_as(
        AUDITOR,
        &now,
        &[
            "--csv", "excel", "--format", "csv", "score", "--year", "2026",
        ],
    );
    let line = excel.lines().nth(1).unwrap();
    assert!(line.contains(";01/11/2026 08:00:45;"), "{line}");
    let en = env
        .run_as(
            AUDITOR,
            &[
                &now[..],
                &[
                    "--lang", "en", "--csv", "excel", "--format", "csv", "score", "--year", "2026",
                ],
            ]
            .concat(),
        )
        .success()
        .stdout
        .clone();
    assert!(
        en.lines().nth(1).unwrap().contains(";01/11/2026 08:00:45;"),
        "{en}"
    );
    // Made at a whole minute, both keep the seconds, as the report's CSV does.
    let whole = |style: &str| {
        env.run_as(
            AUDITOR,
            &[
                "--now",
                "2026-11-01T08:00:00+07:00",
                "--csv",
                style,
                "--format",
                "csv",
                "score",
                "--year",
                "2026",
            ],
        )
        .success()
        .stdout
        .clone()
    };
    let excel = whole("excel");
    assert!(
        excel
            .lines()
            .nth(1)
            .unwrap()
            .contains(";01/11/2026 08:00:00;"),
        "{excel}"
    );
    let standard = whole("standard");
    assert!(
        standard
            .lines()
            .nth(1)
            .unwrap()
            .contains(",2026-11-01T08:00:00+07:00,"),
        "{standard}"
    );

    let html = env.dir().join("t10.html");
    env.run_as(
        LEADER,
        &[
            &now[..],
            &[
                "report",
                "monthly",
                "--period",
                "2026-10",
                "--out",
                html.to_str().unwrap(),
            ],
        ]
        .concat(),
    )
    .success();
    let html = std::fs::read_to_string(&html).unwrap();
    // The lead says it in words, as a document does; the closing line as the screens do.
    let lead = html.matches(">08 giờ 00 phút 45 giây ngày 01/11/2026</time>, như sau:");
    assert_eq!(lead.count(), 1, "the lead: {html}");
    let shown = html.matches(">01/11/2026 08:00:45</time>").count();
    assert_eq!(shown, 1, "the closing line: {html}");

    // The workbooks' "as of" cell holds the second too.
    let serial_seconds = |cell: &crate::xlsx::Data| match cell {
        crate::xlsx::Data::DateTime(serial) => (serial.fract() * 86_400.0).round() as i64,
        other => panic!("{other:?}"),
    };
    let eight_0_45 = 8 * 3600 + 45;
    let book = env.dir().join("diem.xlsx");
    env.run_as(
        AUDITOR,
        &[
            &now[..],
            &["score", "--year", "2026", "--out", book.to_str().unwrap()],
        ]
        .concat(),
    )
    .success();
    let sheets = crate::xlsx::workbook(&book);
    let as_of = sheets
        .values()
        .flatten()
        .find(|row| row.first() == Some(&crate::xlsx::Data::String("Số liệu tính đến".into())))
        .expect("an \"as of\" row");
    assert_eq!(serial_seconds(&as_of[1]), eight_0_45);
    // …and shows it: a cell formatted to the minute would hide it.
    let styles = |book: &std::path::Path| {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut xml)
            .unwrap();
        xml
    };
    assert!(styles(&book).contains("dd/mm/yyyy hh:mm:ss"));
    let book = env.dir().join("t10.xlsx");
    env.run_as(
        LEADER,
        &[
            &now[..],
            &[
                "report",
                "monthly",
                "--period",
                "2026-10",
                "--out",
                book.to_str().unwrap(),
            ],
        ]
        .concat(),
    )
    .success();
    let about = &crate::xlsx::workbook(&book)["Thông tin"];
    let as_of = about
        .iter()
        .find(|row| row[0] == crate::xlsx::Data::String("Số liệu tính đến".into()))
        .expect("an \"as of\" row");
    assert_eq!(serial_seconds(&as_of[1]), eight_0_45);
    assert!(styles(&book).contains("dd/mm/yyyy hh:mm:ss"));
}

/// `report monthly` or `range` without its period gave clap's raw
/// error, its Vietnamese usage line naming the option twice and its English one `--db` as
/// required; `report` alone named no subcommand in Vietnamese. Now each says what to add,
/// with an example, as `score` does.
#[test]
fn a_report_without_its_period_says_what_to_add() {
    let env = TestEnv::seeded();
    let monthly = env.run_as(LEADER, &["report", "monthly"]);
    monthly.code(2).stderr_has(
        "Thiếu kỳ báo cáo: thêm --period 2026-07 (report monthly lập báo cáo một tháng",
    );
    assert!(
        !monthly.stderr.contains("--period <PERIOD> --period"),
        "{}",
        monthly.stderr
    );
    monthly.stderr_has("Cách dùng: phananh report monthly --period 2026-07 [--out TỆP]");
    env.run_as(LEADER, &["report", "quarterly"])
        .code(2)
        .stderr_has("thêm --period 2026-Q3");
    let en = env.run_as(LEADER, &["--lang", "en", "report", "annual"]);
    en.code(2)
        .stderr_has("the period is missing: add --period 2026 (report annual reports on a year");
    assert!(!en.stderr.contains("--db <PATH>"), "{}", en.stderr);
    for (args, said) in [
        (
            &["report", "range", "--to", "2026-10-05"][..],
            "Thiếu --from: report range cần",
        ),
        (
            &["report", "range", "--from", "2026-10-05"][..],
            "Thiếu --to: report range cần",
        ),
        (
            &["report", "range"][..],
            "Thiếu --from, --to: report range cần",
        ),
    ] {
        let run = env.run_as(LEADER, args);
        run.code(2)
            .stderr_has(said)
            .stderr_has("ví dụ --from 2026-09-15 --to 2026-10-15");
        assert!(
            !run.stderr.contains("--from <FROM> --from"),
            "{}",
            run.stderr
        );
    }
    env.run_as(LEADER, &["report"])
        .code(2)
        .stderr_has("[các lệnh con: monthly, quarterly, half-year, annual, range");
    // The period given, nothing changes.
    env.run_as(LEADER, &["report", "monthly", "--period", "2026-10"])
        .success();
    env.run_as(LEADER, &range("2026-10-01", "2026-10-05"))
        .success();
}

/// With `report.unresolved_send_backs` at 1, a case sent back once
/// was "sent back repeatedly" ("bị yêu cầu xử lý lại nhiều lần").
#[test]
fn a_threshold_of_one_send_back_is_not_said_as_many() {
    let env = TestEnv::demo();
    env.run_as(
        ADMIN,
        &["settings", "set", "report.unresolved_send_backs", "1"],
    )
    .success();
    let csv = env
        .run_as(
            LEADER,
            &[
                "--now",
                "2026-11-01T08:00:00+07:00",
                "--format",
                "csv",
                "report",
                "annual",
                "--period",
                "2026",
            ],
        )
        .success()
        .stdout
        .clone();
    assert!(
        csv.contains(",sent_back,bị yêu cầu xử lý lại từ 1 lần trở lên"),
        "{csv}"
    );
    assert!(!csv.contains("nhiều lần"), "{csv}");
}

/// `report range --from 31/11/2026` was "the period is not valid: use
/// 2026-07 (month)…", its own words, where every other date option says the day does not
/// exist; its dates are read by the same parser and said in the same words.
#[test]
fn report_range_says_a_wrong_date_as_every_date_option_does() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    for (option, bad, vi, en) in [
        (
            "--from",
            "31/11/2026",
            "không có ngày này: tháng 11/2026 có 30 ngày",
            "no such day: November 2026 has 30 days",
        ),
        (
            "--to",
            "2026-02-29",
            "không có ngày này: tháng 2/2026 có 28 ngày",
            "no such day: February 2026 has 28 days",
        ),
        (
            "--from",
            "2026-13-01",
            "không có tháng 13",
            "there is no month 13",
        ),
        (
            "--to",
            "hôm qua",
            "dùng YYYY-MM-DD hoặc DD/MM/YYYY",
            "use YYYY-MM-DD or DD/MM/YYYY",
        ),
    ] {
        let mut all = range("2026-01-01", "2026-03-01");
        let at = all.iter().position(|w| *w == option).unwrap() + 1;
        all[at] = bad;
        // The words `list` gives the same date.
        env.run_as(LEADER, &["list", option, bad])
            .code(2)
            .stderr_has(vi);
        env.run_as(LEADER, &all)
            .code(2)
            .stderr_has(&format!("'{bad}'"))
            .stderr_has(vi)
            .never_shows("Kỳ báo cáo không hợp lệ");
        let english = in_english(&all);
        env.run_as(LEADER, &english)
            .code(2)
            .stderr_has(&format!("'{bad}'"))
            .stderr_has(en)
            .never_shows("the period is not valid");
    }
    env.assert_unchanged(&before);
    // Typed either way, a date in the calendar still makes the report.
    env.run_as(LEADER, &range("01/10/2026", "2026-10-05"))
        .success();
}

/// Section 3 counted an unclassified duplicate under "(chưa phân
/// loại)", as if reception had left it undone, while section 4 called a classified report
/// not yet assigned "Chưa phân loại, chưa giao cơ quan". Each row now says what it holds.
#[test]
fn duplicates_and_reports_not_yet_assigned_are_named_for_what_they_are() {
    let mut env = TestEnv::validated();
    env.set_now("2026-11-02T09:00:00+07:00");
    let year = ["report", "annual", "--period", "2026"];
    let by_field = |env: &TestEnv| {
        let json = env.json_as(LEADER, &year);
        let rows: BTreeMap<String, (String, u64)> = array(&json["by_field"])
            .iter()
            .map(|row| {
                (
                    row["field"].as_str().unwrap().to_owned(),
                    (
                        row["name"].as_str().unwrap().to_owned(),
                        row["count"].as_u64().unwrap(),
                    ),
                )
            })
            .collect();
        (rows, json)
    };
    let (before, _) = by_field(&env);
    let unclassified = before["-"].1;
    let waiting: Vec<i64> = env.column(
        "SELECT id FROM reports WHERE status = 'accepted' AND field IS NULL ORDER BY id LIMIT 2",
    );
    let (kept, merged) = (waiting[0].to_string(), waiting[1].to_string());
    env.run_as(RECEPTION, &["classify", &kept, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["duplicate", &merged, "--of", &kept])
        .success();
    let (after, json) = by_field(&env);
    assert_eq!(json["totals"]["duplicates"], 1);
    assert_eq!(
        after["duplicate"],
        ("Trùng lặp (không phân loại lĩnh vực)".to_owned(), 1)
    );
    // One classified, one merged: two fewer waiting for a field.
    assert_eq!(after["-"].1, unclassified - 2, "{after:?}");
    let waiting = array(&json["by_agency"])
        .iter()
        .find(|row| row["agency"] == "not_assigned")
        .unwrap()
        .clone();
    assert_eq!(waiting["name"], "Chưa giao cơ quan");

    let table = env.run_as(LEADER, &year).success().stdout.clone();
    assert!(
        table.contains("Trùng lặp (không phân loại lĩnh vực)"),
        "{table}"
    );
    assert!(!table.contains("Chưa phân loại, chưa giao"), "{table}");
    let en = env
        .run_as(LEADER, &in_english(&year))
        .success()
        .stdout
        .clone();
    assert!(en.contains("Duplicates (no field)"), "{en}");
    assert!(en.contains("Not yet assigned to an agency"), "{en}");
    assert!(!en.contains("Not yet classified or assigned"), "{en}");
    let html = env.stdout_as(LEADER, &year, &["--format", "html"]);
    assert!(html.contains("<td>Trùng lặp (không phân loại lĩnh vực)</td><td class=\"n\">1</td>"));
    assert!(html.contains("<td>Chưa giao cơ quan</td>"));
}

/// The period-missing message told `report quarterly` that "a
/// quarter has its own subcommand"; `score --year 2026-Q3` got clap's "invalid digit found
/// in string"; the paper of a running period ran "… 08:00: Kỳ báo cáo chưa kết thúc: …";
/// and the English paper changed the document's symbol to "BC-CTTDT".
#[test]
fn the_periods_refusals_and_the_running_paper_say_what_they_mean() {
    let mut env = TestEnv::validated();
    env.set_now("2026-11-01T08:00:00+07:00");
    env.run_as(LEADER, &["--lang", "en", "report", "quarterly"])
        .code(2)
        .stderr_has("(report quarterly reports on a quarter; a month, half-year, year or span of days has its own subcommand");
    env.run_as(LEADER, &["report", "annual"])
        .code(2)
        .stderr_has("(report annual lập báo cáo một năm; tháng, quý, 6 tháng và khoảng ngày có lệnh con riêng");
    env.run_as(LEADER, &["report", "monthly"])
        .code(2)
        .stderr_has("; quý, 6 tháng, năm và khoảng ngày có lệnh con riêng");
    for (value, vi, en) in [
        (
            "2026-Q3",
            "là một quý, không phải một năm",
            "is a quarter, not a year",
        ),
        (
            "2026-H2",
            "là kỳ 6 tháng, không phải một năm",
            "is a half-year, not a year",
        ),
    ] {
        env.run_as(AUDITOR, &["score", "--year", value])
            .code(2)
            .one_line_error()
            .stderr_has(vi)
            .stderr_has(&format!("dùng --period {value}"));
        env.run_as(AUDITOR, &["--lang", "en", "score", "--year", value])
            .code(2)
            .stderr_has(en)
            .stderr_has(&format!("use --period {value}"))
            .never_shows("invalid digit");
    }
    env.run_as(AUDITOR, &["score", "--year", "2026"]).success();

    for lang in ["vi", "en"] {
        let html = env
            .run_as(
                LEADER,
                &[
                    "--lang", lang, "--format", "html", "report", "annual", "--period", "2026",
                ],
            )
            .success()
            .stdout
            .clone();
        let running = html
            .find("<p class=\"running\">")
            .expect("the running line");
        let lead = html.find("<p class=\"lead\">").unwrap();
        assert!(running < lead, "the running line follows the lead's colon");
        let follows = if lang == "vi" {
            "như sau"
        } else {
            "as follows"
        };
        assert!(
            html[lead..].contains(&format!("</time>, {follows}:</p></header>")),
            "{lang}"
        );
        assert!(
            html.contains("/BC-CTTĐT</div>"),
            "{lang}: the symbol changed"
        );
    }
}

/// The totals of section 1 as numbers (a key the report lacks reads 0).
fn totals_of(json: &Value) -> impl Fn(&str) -> u64 + '_ {
    move |key| json["totals"][key].as_u64().unwrap_or(0)
}

/// A report merged as a duplicate before validation (the path
/// ingest's `near_duplicate_id` warning points to) was neither awaiting the check, nor
/// rejected, nor accepted: section 1 received one more report than its parts added up to.
#[test]
fn a_duplicate_merged_before_the_check_keeps_the_totals_adding_up() {
    let mut env = TestEnv::ingested();
    env.set_now("2026-11-02T09:00:00+07:00");
    env.run_as(RECEPTION, &["duplicate", "2", "--of", "1"])
        .success();
    let year = ["report", "annual", "--period", "2026"];
    let json = env.json_as(LEADER, &year);
    let n = totals_of(&json);
    assert_eq!(
        n("received"),
        n("awaiting_check") + n("rejected") + n("accepted") + n("merged_before_check"),
        "{}",
        json["totals"]
    );
    assert_eq!(n("merged_before_check"), 1);
    assert_eq!(n("duplicates"), 1);
    let row = |text: &str, label: &str| {
        text.lines()
            .find(|line| line.contains(label))
            .unwrap_or_else(|| panic!("no row {label}:\n{text}"))
            .to_owned()
    };
    let vi = env.run_as(LEADER, &year).success().stdout.clone();
    assert!(
        row(&vi, "Gộp trùng lặp trước khi kiểm tra").contains(" 1 "),
        "{vi}"
    );
    let en = env
        .run_as(LEADER, &in_english(&year))
        .success()
        .stdout
        .clone();
    assert!(
        row(&en, "Merged as duplicates before the check").contains(" 1 "),
        "{en}"
    );
    let html = env.stdout_as(LEADER, &year, &["--format", "html"]);
    assert!(
        html.contains("<td>- Gộp trùng lặp trước khi kiểm tra</td><td class=\"n\">1</td>"),
        "{html}"
    );
    // A report with none stays as it was: no row of 0.
    let none = TestEnv::validated();
    let plain = none
        .run_as(LEADER, &["report", "monthly", "--period", "2026-10"])
        .success()
        .stdout
        .clone();
    assert!(
        !plain.contains("Gộp trùng lặp trước khi kiểm tra"),
        "{plain}"
    );
}

/// A report an agency returned as not its jurisdiction, then
/// answered by the portal itself, stayed the agency's in the report: counted under it in
/// section 4, and its citizen's rating put into the agency's satisfaction and emulation
/// score, though the agency never handled it (Đ7.1.b, second paragraph; Đ8.1.b).
#[test]
fn a_report_the_portal_answers_after_a_return_is_not_the_returning_agencys() {
    let mut env = TestEnv::assigned_to_sxd();
    env.run_as(
        HANDLER_SXD,
        &["return", "5", "--reason", "Không thuộc thẩm quyền của Sở"],
    )
    .success();
    for step in [
        vec![
            "answer",
            "5",
            "--text",
            "Cổng đã hướng dẫn người phản ánh liên hệ UBND xã.",
        ],
        vec!["verify", "5", "--approve"],
        vec!["publish", "5"],
        vec!["rate", "5", "--score", "1"],
    ] {
        env.run_as(RECEPTION, &step).success();
    }
    env.set_now("2026-11-02T09:00:00+07:00");
    let json = env.json_as(LEADER, &["report", "annual", "--period", "2026"]);
    let by_agency = map(&json["by_agency"], "agency", "count");
    assert_eq!(by_agency.get("SXD"), None, "{by_agency:?}");
    assert_eq!(by_agency["answered_by_portal"], "1", "{by_agency:?}");
    let sxd = array(&json["agencies"])
        .iter()
        .find(|a| a["agency"] == "SXD")
        .expect("SXD's assignment and return are still counted")
        .clone();
    assert_eq!(
        (&sxd["assigned"], &sxd["returned_on_time"]),
        (&Value::from(1), &Value::from(1))
    );
    assert_eq!(sxd["ratings"], 0, "{sxd}");
    let score = env.json_as(AUDITOR, &["score", "--year", "2026"]);
    let row = array(&score)
        .iter()
        .find(|r| r["agency"] == "SXD")
        .unwrap()
        .clone();
    assert_eq!(
        (&row["assigned"], &row["returns"]),
        (&Value::from(1), &Value::from(1))
    );
    assert_eq!(row["ratings"], 0, "{row}");
    assert_eq!(row["average_rating"], Value::Null, "{row}");
}

/// Section 4 ("by handling agency") put a direct answer awaiting
/// its check under "Chưa giao cơ quan" (not yet assigned), and a report an agency returned,
/// awaiting the portal's re-dispatch, under that agency, which does not hold it (docs/rules.md
/// §5: a returned report is not the returning agency's).
#[test]
fn section_four_names_who_holds_each_report_now() {
    let mut env = TestEnv::validated();
    env.set_now("2026-10-05T08:00:00+07:00");
    let waiting: Vec<i64> = env.column(
        "SELECT id FROM reports WHERE status = 'accepted' AND submitted_at < '2026-09-01'
          ORDER BY id LIMIT 3",
    );
    let (answered, returned) = (waiting[0].to_string(), waiting[1].to_string());
    // Returned, then merged into another report: a duplicate no agency holds.
    let merged = waiting[2].to_string();
    env.run_as(RECEPTION, &["classify", &merged, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &merged, "--agency", "SXD"])
        .success();
    env.run_as(
        HANDLER_SXD,
        &[
            "return",
            &merged,
            "--reason",
            "Không thuộc thẩm quyền của Sở",
        ],
    )
    .success();
    env.run_as(RECEPTION, &["duplicate", &merged, "--of", &answered])
        .success();
    env.run_as(
        RECEPTION,
        &[
            "answer",
            &answered,
            "--text",
            "Cổng đã hướng dẫn người phản ánh.",
        ],
    )
    .success();
    env.run_as(RECEPTION, &["classify", &returned, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &returned, "--agency", "SXD"])
        .success();
    env.run_as(
        HANDLER_SXD,
        &[
            "return",
            &returned,
            "--reason",
            "Không thuộc thẩm quyền của Sở",
        ],
    )
    .success();
    env.set_now("2026-11-02T09:00:00+07:00");
    let year = ["report", "annual", "--period", "2026"];
    let json = env.json_as(LEADER, &year);
    let by_agency = map(&json["by_agency"], "agency", "count");
    let accepted = json["totals"]["accepted"].as_u64().unwrap();
    assert_eq!(by_agency.get("SXD"), None, "{by_agency:?}");
    assert_eq!(by_agency["answered_by_portal"], "1", "{by_agency:?}");
    assert_eq!(by_agency["returned"], "1", "{by_agency:?}");
    assert_eq!(by_agency["duplicate"], "1", "{by_agency:?}");
    assert_eq!(
        by_agency["not_assigned"],
        (accepted - 3).to_string(),
        "{by_agency:?}"
    );
    let name = |key: &str| {
        array(&json["by_agency"])
            .iter()
            .find(|row| row["agency"] == key)
            .unwrap()["name"]
            .clone()
    };
    assert_eq!(name("returned"), "Đã chuyển trả, chờ phân phối lại");
    let en = env
        .run_as(LEADER, &in_english(&year))
        .success()
        .stdout
        .clone();
    assert!(en.contains("Returned, awaiting re-dispatch"), "{en}");
    let html = env.stdout_as(LEADER, &year, &["--format", "html"]);
    assert!(
        html.contains("<td>Đã chuyển trả, chờ phân phối lại</td><td class=\"n\">1</td>"),
        "{html}"
    );
}

/// `score --explain`, the rule Home Affairs reads on the
/// terminal, ran to 130 columns: at 80 each weight fell to the start of the next line,
/// under the formula of another term.
#[test]
fn score_explain_fits_an_80_column_terminal() {
    let env = TestEnv::seeded();
    for lang in ["vi", "en"] {
        let out = env
            .run_as(AUDITOR, &["--lang", lang, "score", "--explain"])
            .success()
            .stdout
            .clone();
        for line in out.lines() {
            assert!(
                line.chars().count() <= 80,
                "{lang}: {} columns: {line}",
                line.chars().count()
            );
        }
        for weight in [
            "score.weight_on_time",
            "score.weight_returns",
            "score.weight_send_backs",
            "score.weight_satisfaction",
            "score.min_cases",
        ] {
            assert!(out.contains(weight), "{lang}: {weight}\n{out}");
        }
    }
}

/// The late list left the agency empty for the portal's own
/// stages (dispatch, publication), on screen, on paper and in the workbook, where the
/// desk's lists name the portal ("(Cổng)", their columns being scarcer): a leader read the
/// blank as an agency missing. The report names it as every table does, "(Cổng)" (it was
/// "(Cổng tiếp nhận)").
#[test]
fn the_late_list_names_the_portal_for_its_own_stages() {
    let env = TestEnv::demo();
    let month = in_november(["report", "monthly", "--period", "2026-10"]);
    let html = env.stdout_as(LEADER, &month, &["--format", "html"]);
    assert!(html.contains("<td>Phân phối</td><td>(Cổng)</td>"), "{html}");
    assert!(html.contains("<td>Công khai</td><td>(Cổng)</td>"), "{html}");
    assert!(!html.contains("<td>Công khai</td><td></td>"), "{html}");
    let en = env
        .run_as(
            LEADER,
            &[&["--lang", "en"][..], &month, &["--format", "html"]].concat(),
        )
        .success()
        .stdout
        .clone();
    assert!(
        en.contains("<td>Dispatch</td><td>(portal desk)</td>"),
        "{en}"
    );
    let xlsx = env.run_as_into(LEADER, &month, "thang-10.xlsx");
    let sheet = &crate::xlsx::workbook(&xlsx)["6.1. Trễ hạn"];
    let portal = sheet
        .iter()
        .filter(|row| format!("{row:?}").contains("(Cổng)"))
        .count();
    assert!(portal > 0, "{sheet:?}");
    // JSON and CSV keep the agency empty: no agency holds those stages.
    let json = env.json_as(LEADER, &month);
    assert!(
        array(&json["late"])
            .iter()
            .any(|c| c["stage"] == "dispatch" && c["agency"].is_null())
    );
}

/// On the terminal a section with nothing to list (no rejection,
/// no prolonged case) printed its column headings over an empty box, which read as a table
/// whose rows were lost; the paper already says "—" or "0". Now the heading is followed by
/// a line saying there is none.
#[test]
fn an_empty_section_says_there_is_none() {
    let env = TestEnv::demo();
    let day = [
        "--now",
        "2026-10-31T12:00:00+07:00",
        "report",
        "range",
        "--from",
        "2026-10-31",
        "--to",
        "2026-10-31",
    ];
    let vi = env.run_as(LEADER, &day).success().stdout.clone();
    for section in ["4.3. Từ chối theo lý do", "6.1. Trễ hạn", "6.2. Kéo dài"] {
        assert!(
            vi.contains(&format!("{section}\n(không có)\n")),
            "{section}:\n{vi}"
        );
    }
    assert!(!vi.contains("│ Lý do ┆ Số phản ánh │"), "{vi}");
    let en = env
        .run_as(LEADER, &in_english(&day))
        .success()
        .stdout
        .clone();
    assert!(en.contains("6.2. Prolonged cases\n(none)\n"), "{en}");
}

/// Each refusal of a period given to `report` or `score`, whole, in Vietnamese and in
/// English, with its exit status: a value of another kind, one of no kind, none given, a
/// range missing an end or typed the wrong way round, a year out of the calendar's reach,
/// a period not yet begun, a half-year or quarter given as a year. Each a usage error (2)
/// but the period not yet begun, which is well typed and refused (1).
#[test]
fn each_refusal_of_a_report_or_score_period_is_worded_whole_in_both_languages() {
    let env = TestEnv::seeded();
    let cases: [(&str, i32, &str, &str); 12] = [
        (
            "report monthly --period 2026-Q3",
            2,
            "“2026-Q3” là một quý: dùng `phananh report quarterly --period 2026-Q3` (report monthly lập báo cáo một tháng, --period dạng 2026-07).",
            "“2026-Q3” is a quarter: use `phananh report quarterly --period 2026-Q3` (report monthly reports on a month, --period like 2026-07)",
        ),
        (
            "report monthly --period 26-07",
            2,
            "Kỳ báo cáo “26-07” không hợp lệ: report monthly lập báo cáo một tháng, --period dạng 2026-07; tháng từ 01 đến 12, năm viết đủ bốn chữ số, từ 2000 đến 2100.",
            "the period “26-07” is not valid: report monthly reports on a month, --period like 2026-07; the month 01 to 12, the year in four digits, 2000 to 2100",
        ),
        (
            "report quarterly",
            2,
            "Thiếu kỳ báo cáo: thêm --period 2026-Q3 (report quarterly lập báo cáo một quý; tháng, 6 tháng, năm và khoảng ngày có lệnh con riêng: `phananh report --help`).\nCách dùng: phananh report quarterly --period 2026-Q3 [--out TỆP] [--force]",
            "the period is missing: add --period 2026-Q3 (report quarterly reports on a quarter; a month, half-year, year or span of days has its own subcommand: `phananh report --help`)\nUsage: phananh report quarterly --period 2026-Q3 [--out FILE] [--force]",
        ),
        (
            "report range --from 2026-09-01",
            2,
            "Thiếu --to: report range cần ngày đầu và ngày cuối, ví dụ --from 2026-09-15 --to 2026-10-15 (tính cả hai ngày).\nCách dùng: phananh report range --from NGÀY --to NGÀY [--out TỆP] [--force]",
            "--to missing: report range needs the first and the last day, e.g. --from 2026-09-15 --to 2026-10-15 (both included)\nUsage: phananh report range --from DAY --to DAY [--out FILE] [--force]",
        ),
        (
            "report range",
            2,
            "Thiếu --from, --to: report range cần ngày đầu và ngày cuối, ví dụ --from 2026-09-15 --to 2026-10-15 (tính cả hai ngày).\nCách dùng: phananh report range --from NGÀY --to NGÀY [--out TỆP] [--force]",
            "--from, --to missing: report range needs the first and the last day, e.g. --from 2026-09-15 --to 2026-10-15 (both included)\nUsage: phananh report range --from DAY --to DAY [--out FILE] [--force]",
        ),
        (
            "report range --from 2026-10-02 --to 2026-09-01",
            2,
            "--from 2026-10-02 ở sau --to 2026-09-01: ngày đầu phải trước hoặc bằng ngày cuối. Hãy đổi chỗ hai ngày: --from 2026-09-01 --to 2026-10-02.",
            "--from 2026-10-02 comes after --to 2026-09-01: the first day must not be after the last. Swap them: --from 2026-09-01 --to 2026-10-02",
        ),
        (
            "report range --from 1900-01-01 --to 1900-02-01",
            2,
            "Kỳ báo cáo không hợp lệ: dùng 2026-07 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng), 2026 (năm), hoặc --from ≤ --to (YYYY-MM-DD); năm viết đủ bốn chữ số, từ 2000 đến 2100.",
            "the period is not valid: use 2026-07 (month), 2026-Q3 (quarter), 2026-H1 (half-year), 2026 (year), or --from ≤ --to (YYYY-MM-DD); the year in four digits, 2000 to 2100",
        ),
        (
            "report annual --period 2027",
            1,
            "Kỳ báo cáo “Năm 2027” chưa bắt đầu (số liệu tính đến 05/10/2026 08:00): chưa có phản ánh nào thuộc kỳ này. Hãy chọn một kỳ đã bắt đầu; kỳ đang diễn ra cho số liệu đến thời điểm hiện tại.",
            "the period “Year 2027” has not begun (figures as of 2026-10-05 08:00): no report belongs to it yet. Choose a period that has begun; the current one gives the figures so far",
        ),
        (
            "score --period 2026-07",
            2,
            "Kỳ chấm điểm “2026-07” không hợp lệ: dùng 2026 (năm), 2026-H1 (6 tháng) hoặc 2026-Q3 (quý); năm viết đủ bốn chữ số, từ 2000 đến 2100.",
            "the scoring period “2026-07” is not valid: use 2026 (year), 2026-H1 (half-year) or 2026-Q3 (quarter); the year in four digits, 2000 to 2100",
        ),
        (
            "score --year 2026-H1",
            2,
            "“2026-H1” là kỳ 6 tháng, không phải một năm: dùng --period 2026-H1 (--year chỉ nhận một năm, như 2026).",
            "“2026-H1” is a half-year, not a year: use --period 2026-H1 (--year takes a year only, such as 2026)",
        ),
        (
            "score --year 2026-Q3",
            2,
            "“2026-Q3” là một quý, không phải một năm: dùng --period 2026-Q3 (--year chỉ nhận một năm, như 2026).",
            "“2026-Q3” is a quarter, not a year: use --period 2026-Q3 (--year takes a year only, such as 2026)",
        ),
        (
            "score --period 2027",
            1,
            "Kỳ chấm điểm “Năm 2027” chưa bắt đầu (số liệu tính đến 05/10/2026 08:00): chưa có phản ánh nào thuộc kỳ này. Hãy chọn một kỳ đã bắt đầu; kỳ đang diễn ra cho số liệu đến thời điểm hiện tại.",
            "the scoring period “Year 2027” has not begun (figures as of 2026-10-05 08:00): no report belongs to it yet. Choose a period that has begun; the current one gives the figures so far",
        ),
    ];
    for (command, code, vi, en) in cases {
        for (lang, said) in [("vi", vi), ("en", en)] {
            let mut args = vec!["--lang", lang];
            args.extend(command.split(' '));
            let run = env.run_as(LEADER, &args);
            run.code(code);
            assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
        }
    }
}

/// Cron mails whatever a job prints: a report, a score or an export written by a crontab
/// with `--quiet` prints nothing when it succeeds — not the file written, not the note on
/// opening a standard CSV in Excel, not section 7 left blank, not the count exported — and
/// still says why when it fails. Without `--quiet` the same runs say what they wrote.
#[test]
fn reports_scores_and_exports_for_cron_say_nothing_with_quiet_unless_they_fail() {
    let env = TestEnv::validated();
    let runs: [(&str, &[&str]); 6] = [
        (
            LEADER,
            &[
                "report", "monthly", "--period", "2026-08", "--out", "t8.csv",
            ],
        ),
        (
            LEADER,
            &[
                "report",
                "range",
                "--from",
                "2026-08-01",
                "--to",
                "2026-08-31",
                "--format",
                "html",
                "--out",
                "t8.html",
            ],
        ),
        (AUDITOR, &["score", "--year", "2026", "--out", "diem.csv"]),
        (AUDITOR, &["score", "--year", "2026", "--out", "diem.xlsx"]),
        (
            RECEPTION,
            &["export", "csv", "--public", "--out", "cong-khai.csv"],
        ),
        (RECEPTION, &["export", "open311"]),
    ];
    for (user, args) in runs {
        let quiet = env.run_as(user, &[args, &["--quiet"]].concat());
        quiet.success();
        assert!(quiet.stderr.is_empty(), "{quiet}");
        let to_file = args.contains(&"--out");
        assert_eq!(quiet.stdout.is_empty(), to_file, "{quiet}");
        let said = env.run_as(user, &[args, &["--force"][..usize::from(to_file)]].concat());
        said.success();
        assert!(!said.stderr.is_empty(), "{said}");
    }
    let again = [
        "report", "monthly", "--period", "2026-08", "--out", "t8.csv", "--quiet",
    ];
    env.run_as(LEADER, &again)
        .failure()
        .stderr_has("t8.csv đã tồn tại")
        .one_line_error();
}

/// The words an officer types for a period (`report yearly`, `report thang`, `report quy`)
/// named no subcommand: clap suggested "quarterly" for `yearly`, "range" for `thang`, and
/// nothing for `year`, `nam` or `quy`. Each is now a hidden alias of its subcommand, which
/// gives the same bytes; the help still lists the five names alone.
#[test]
fn a_period_word_names_its_report_and_the_help_lists_only_the_names() {
    let env = TestEnv::validated();
    for (name, period, aliases) in [
        ("annual", "2026", &["yearly", "year", "nam"][..]),
        ("monthly", "2026-09", &["month", "thang"][..]),
        ("quarterly", "2026-Q3", &["quarter", "quy"][..]),
        ("half-year", "2026-H2", &["halfyear", "half", "6-thang"][..]),
    ] {
        let want = env
            .run_as(
                LEADER,
                &["--format", "json", "report", name, "--period", period],
            )
            .success()
            .stdout
            .clone();
        for alias in aliases {
            let got = env
                .run_as(
                    LEADER,
                    &["--format", "json", "report", alias, "--period", period],
                )
                .success()
                .stdout
                .clone();
            assert_eq!(got, want, "report {alias}");
        }
    }
    for lang in ["vi", "en"] {
        let help = env
            .run(&["--lang", lang, "report", "--help"])
            .success()
            .stdout
            .clone();
        let listed: Vec<&str> = help
            .lines()
            .skip_while(|l| !l.starts_with("Commands:") && !l.starts_with("Lệnh:"))
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert_eq!(
            listed,
            [
                "monthly",
                "quarterly",
                "half-year",
                "annual",
                "range",
                "help"
            ],
            "{help}"
        );
        assert!(!help.contains("alias"), "{help}");
    }
    // Nor does the usage error that lists the subcommands.
    let bare = env.run_as(LEADER, &["report"]);
    bare.code(2)
        .stderr_has("[các lệnh con: monthly, quarterly, half-year, annual, range, help]");
}

/// `report … --out bao-cao.pdf` (or .docx, .xls, .ods, .doc) wrote the screen table under
/// that name and said "Đã ghi", and `score --out x.ods` wrote CSV: a file no reader of its
/// kind opens. Such a name is refused before anything is written, saying what to use
/// instead; every name these commands write keeps working.
#[test]
fn a_document_or_spreadsheet_name_neither_command_writes_is_refused_with_what_to_use() {
    let env = TestEnv::validated();
    let path = |name: &str| env.dir().join(name).to_str().unwrap().to_owned();
    let report = |out: &str| {
        vec![
            "report".to_owned(),
            "monthly".to_owned(),
            "--period".to_owned(),
            "2026-09".to_owned(),
            "--out".to_owned(),
            out.to_owned(),
        ]
    };
    let score = |out: &str| {
        vec![
            "score".to_owned(),
            "--year".to_owned(),
            "2026".to_owned(),
            "--out".to_owned(),
            out.to_owned(),
        ]
    };
    for name in [
        "bao-cao.pdf",
        "bao-cao.docx",
        "bao-cao.xls",
        "bao-cao.ods",
        "bao-cao.DOC",
    ] {
        let out = path(name);
        let extension = name.rsplit('.').next().unwrap().to_ascii_lowercase();
        for json in [false, true] {
            let mut args = report(&out);
            if json {
                args.splice(0..0, ["--format".to_owned(), "json".to_owned()]);
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            env.run_as(LEADER, &args)
                .failure()
                .one_line_error()
                .stderr_has(&format!("Lệnh report không ghi được tệp .{extension}"))
                .stderr_has(&format!("--out {}", path("bao-cao.html")))
                .stderr_has("in ra PDF từ trình duyệt")
                .stderr_has(&format!("--out {} (tệp Excel)", path("bao-cao.xlsx")))
                .stderr_has("đặt đuôi .txt")
                .never_shows("Đã ghi");
            env.run_as(LEADER, &in_english(&args))
                .failure()
                .stderr_has(&format!("report cannot write a .{extension} file"))
                .stderr_has("print it to PDF from a browser")
                .stderr_has("name it .txt");
        }
        let args = score(&out);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.run_as(AUDITOR, &args)
            .failure()
            .one_line_error()
            .stderr_has(&format!("Lệnh score không ghi được tệp .{extension}"))
            .stderr_has(&format!("--out {} (tệp Excel)", path("bao-cao.xlsx")))
            .never_shows("PDF")
            .never_shows(".txt");
        env.run_as(AUDITOR, &in_english(&args))
            .failure()
            .stderr_has(&format!("score cannot write a .{extension} file"))
            .stderr_has("an Excel workbook");
        assert!(!env.dir().join(name).exists(), "{name}");
    }
    // Every name they wrote before still writes, in the form it always did.
    for (name, starts) in [
        ("t9.txt", "BÁO CÁO"),
        ("t9", "BÁO CÁO"),
        ("t9.csv", "section,"),
        ("t9.json", "{"),
        ("t9.html", "<!DOCTYPE html>"),
        ("t9.xlsx", "PK"),
    ] {
        let args = report(&path(name));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.run_as(LEADER, &args).success();
        let bytes = std::fs::read(env.dir().join(name)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.trim_start_matches('\u{feff}').starts_with(starts),
            "{name}: {text:.80}"
        );
    }
    for (name, starts) in [
        ("d.csv", "\u{feff}Mã cơ quan,"),
        // No extension takes the command's own form (`.txt` is refused since
        // `score_export_and_report_write_only_what_the_file_name_says`).
        ("d", "\u{feff}Mã cơ quan,"),
        ("d.json", "["),
        ("d.xlsx", "PK"),
    ] {
        let args = score(&path(name));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.run_as(AUDITOR, &args).success();
        let bytes = std::fs::read(env.dir().join(name)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with(starts), "{name}: {text:.80}");
    }
}

/// A result waiting only for the portal's own check or publication (an agency's reply, the
/// portal's direct answer) was counted in section 1 as "Chưa có kết quả (chờ phân phối hoặc
/// đang xử lý)", so a chairman read the portal's delay (Đ9.4) as the agencies', and a direct
/// answer was at once "Cổng trả lời trực tiếp" in 4.2 and "chưa có kết quả" in section 1.
#[test]
fn a_result_awaiting_the_portals_check_is_not_told_as_not_yet_answered() {
    let env = TestEnv::assigned_to_sxd();
    env.run_as(
        HANDLER_SXD,
        &["reply", "5", "--text", "Đã sửa chữa mặt đường."],
    )
    .success();
    env.run_as(
        RECEPTION,
        &["answer", "6", "--text", "Cổng đã hướng dẫn người phản ánh."],
    )
    .success();
    let year = ["report", "annual", "--period", "2026"];
    let json = env.json_as(LEADER, &year);
    let n = totals_of(&json);
    assert_eq!(n("result_awaiting_portal"), 2, "{}", json["totals"]);
    assert_eq!(
        n("accepted"),
        n("duplicates") - n("merged_before_check")
            + n("answered")
            + n("result_awaiting_portal")
            + n("in_progress"),
        "{}",
        json["totals"]
    );
    // Those without a result: neither answered nor awaiting the portal with one.
    let without_result = env
        .count("SELECT count(*) FROM reports WHERE status IN ('accepted', 'assigned', 'returned')");
    assert_eq!(
        n("in_progress"),
        without_result as u64,
        "{}",
        json["totals"]
    );
    assert_eq!(
        map(&json["by_agency"], "agency", "count")["answered_by_portal"],
        "1"
    );

    let row = |text: &str, label: &str| {
        text.lines()
            .find(|line| line.contains(label))
            .unwrap_or_else(|| panic!("no row {label}:\n{text}"))
            .to_owned()
    };
    let vi = env.run_as(LEADER, &year).success().stdout.clone();
    assert!(
        row(&vi, "+ Đã có kết quả (chờ duyệt hoặc công khai)").contains(" 2 "),
        "{vi}"
    );
    let en = env.stdout_as(LEADER, &in_english(&year), &[]);
    assert!(
        row(
            &en,
            "+ Result recorded (awaiting the portal's check or publication)"
        )
        .contains(" 2 "),
        "{en}"
    );
    let html = env.stdout_as(LEADER, &year, &["--format", "html"]);
    assert!(
        html.contains(
            "<td>\u{a0}\u{a0}+ Đã có kết quả (chờ duyệt hoặc công khai)</td><td class=\"n\">2</td>"
        ),
        "{html}"
    );
    let csv = env.stdout_as(LEADER, &year, &["--format", "csv"]);
    assert!(
        csv.lines()
            .any(|l| l.starts_with("totals,,result_awaiting_portal,2,")),
        "{csv}"
    );
    let excel = env.stdout_as(LEADER, &year, &["--format", "csv", "--csv", "excel"]);
    assert!(
        excel.contains("Đã có kết quả (chờ duyệt hoặc công khai);2"),
        "{excel}"
    );
    let path = env.dir().join("nam.xlsx");
    let mut out = year.to_vec();
    out.extend(["--out", path.to_str().unwrap()]);
    env.run_as(LEADER, &out).success();
    let book = crate::xlsx::workbook(&path);
    assert!(
        book["1. Tổng hợp"].iter().any(|r| r[0]
            == crate::xlsx::Data::String(
                "\u{a0}\u{a0}+ Đã có kết quả (chờ duyệt hoặc công khai)".into()
            )
            && r[1] == crate::xlsx::Data::Float(2.0)),
        "{:?}",
        book["1. Tổng hợp"]
    );
}

/// The score's CSV for scripts wrote its "as of" moment day first without seconds or offset
/// (`31/10/2026 17:20`) where the periodic report's writes `2026-10-31T17:20:00+07:00`: a
/// script joining the two files had to parse two formats.
#[test]
fn the_score_csv_for_scripts_writes_its_moment_as_the_report_csv_does() {
    let env = TestEnv::demo();
    let now = ["--now", "2026-10-31T17:20:00+07:00"];
    let report = env.stdout_as(
        LEADER,
        &now,
        &[
            "--csv", "standard", "report", "monthly", "--period", "2026-09", "--format", "csv",
        ],
    );
    let as_of = report
        .lines()
        .find_map(|l| l.strip_prefix("as_of,,,"))
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("{report}"))
        .to_owned();
    assert_eq!(as_of, "2026-10-31T17:20:00+07:00");
    let score = env.stdout_as(
        AUDITOR,
        &now,
        &[
            "--csv", "standard", "score", "--period", "2026-Q3", "--format", "csv",
        ],
    );
    let mut rows = csv::Reader::from_reader(score.trim_start_matches('\u{feff}').as_bytes());
    let heads = rows.headers().unwrap().clone();
    let column = heads
        .iter()
        .position(|h| h == "Số liệu tính đến")
        .unwrap_or_else(|| panic!("{heads:?}"));
    let mut seen = 0;
    for row in rows.records() {
        let row = row.unwrap();
        assert_eq!(row.get(column), Some(as_of.as_str()), "{row:?}");
        seen += 1;
    }
    assert!(seen > 10, "{score}");
}

/// A processing round the portal stopped by merging the report as a duplicate after its
/// deadline was late in section 2 and listed in 6.1 against the agency, yet section 3 showed
/// the agency no late round and 100 % on time: the three sections could not be reconciled.
#[test]
fn a_round_merged_past_its_deadline_is_late_in_the_agencys_table_too() {
    let mut env = TestEnv::assigned_to_sxd();
    env.run_as(RECEPTION, &["classify", "6", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "6", "--agency", "SXD"])
        .success();
    env.set_now("2026-10-05T09:00:00+07:00");
    env.run_as(
        HANDLER_SXD,
        &["reply", "5", "--text", "Đã sửa chữa mặt đường."],
    )
    .success();
    // Assigned at 08:00, processing due at 14:00 (four working hours); merged at 16:00.
    env.set_now("2026-10-05T16:00:00+07:00");
    env.run_as(RECEPTION, &["duplicate", "6", "--of", "5", "--yes"])
        .success();
    env.set_now("2026-11-02T09:00:00+07:00");
    let year = ["report", "annual", "--period", "2026"];
    let json = env.json_as(LEADER, &year);
    let late: Vec<&Value> = array(&json["late"])
        .iter()
        .filter(|c| c["report_id"] == 6 && c["stage"] == "process")
        .collect();
    assert_eq!(late.len(), 1, "{late:?}");
    assert_eq!(late[0]["agency"], "SXD", "{late:?}");
    let sxd = array(&json["agencies"])
        .iter()
        .find(|a| a["agency"] == "SXD")
        .unwrap()
        .clone();
    assert_eq!(sxd["replied_on_time"], 1, "{sxd}");
    assert_eq!(sxd["merged_late"], 1, "{sxd}");
    assert_eq!(sxd["on_time_rate"], 0.5, "{sxd}");
    let process = array(&json["stages"])
        .iter()
        .find(|s| s["stage"] == "process")
        .unwrap()
        .clone();
    assert_eq!(
        (&process["on_time"], &process["late"]),
        (&1.into(), &1.into())
    );

    let table = env.run_as(LEADER, &year).success().stdout.clone();
    let sxd_line = table
        .lines()
        .skip_while(|l| !l.starts_with("3. "))
        .find(|l| l.contains("SXD"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(sxd_line.contains(" 50,0% "), "{sxd_line}\n{table}");
    assert!(
        table.contains("Tỷ lệ đúng hạn tính cả các lượt bị gộp trùng khi đã quá hạn"),
        "{table}"
    );
    let continued = table
        .lines()
        .skip_while(|l| !l.starts_with("3 (tiếp)"))
        .find(|l| l.contains("SXD"))
        .unwrap_or_else(|| panic!("{table}"));
    let last = continued.rsplit('┆').next().unwrap();
    assert_eq!(last.trim_end_matches('│').trim(), "1", "{continued}");
    let html = env.stdout_as(LEADER, &year, &["--format", "html"]);
    assert!(html.contains(">Bị gộp trùng khi đã quá hạn<"), "{html}");
    let csv = env.stdout_as(LEADER, &year, &["--format", "csv"]);
    assert!(csv.contains("\nagencies,SXD,merged_late,1,"), "{csv}");
}

/// The score's "Chuyển trả" counted only the returns of an assignment's return window, where the
/// periodic report's agency table counts a return during rework too: an officer comparing
/// the two files read 1 return in one and 2 in the other, with nothing saying why. The
/// numbers stay; the score's headers and its rule in words say which returns it counts.
#[test]
fn the_scores_returns_say_they_are_the_first_rounds() {
    let env = TestEnv::assigned_to_sxd();
    env.run_as(
        HANDLER_SXD,
        &["reply", "5", "--text", "Đã sửa chữa mặt đường."],
    )
    .success();
    env.run_as(
        RECEPTION,
        &["verify", "5", "--send-back", "--reason", "Thiếu ảnh"],
    )
    .success();
    env.run_as(
        HANDLER_SXD,
        &["return", "5", "--reason", "Không thuộc thẩm quyền của Sở"],
    )
    .success();
    let year = ["--now", "2026-11-02T09:00:00+07:00"];
    let report = env.stdout_as(
        LEADER,
        &year,
        &["report", "annual", "--period", "2026", "--format", "json"],
    );
    let report: Value = serde_json::from_str(&report).unwrap();
    let sxd = array(&report["agencies"])
        .iter()
        .find(|a| a["agency"] == "SXD")
        .unwrap()
        .clone();
    assert_eq!(sxd["returned_on_time"], 1, "{sxd}");
    let score = env.stdout_as(
        AUDITOR,
        &year,
        &["score", "--year", "2026", "--format", "json"],
    );
    let score: Value = serde_json::from_str(&score).unwrap();
    let row = array(&score)
        .iter()
        .find(|r| r["agency"] == "SXD")
        .unwrap()
        .clone();
    assert_eq!(row["returns"], 0, "{row}");

    for (lang, returned, late, said) in [
        (
            "vi",
            "Chuyển trả (lượt đầu)",
            "Chuyển trả trễ (lượt đầu)",
            "lần chuyển trả khi đang xử lý lại được tính ở T",
        ),
        (
            "en",
            "Returned (first round)",
            "Returned late (first round)",
            "a return during rework counts in T",
        ),
    ] {
        let csv = env.stdout_as(
            AUDITOR,
            &year,
            &["--lang", lang, "score", "--year", "2026", "--format", "csv"],
        );
        let heads = csv.lines().next().unwrap();
        assert!(heads.contains(&format!(",{returned},{late},")), "{heads}");
        let explain = env.stdout_as(AUDITOR, &[], &["--lang", lang, "score", "--explain"]);
        assert!(explain.contains(said), "{explain}");
        let path = env.dir().join(format!("diem-{lang}.xlsx"));
        env.run_as(
            AUDITOR,
            &[
                &year[..],
                &[
                    "--lang",
                    lang,
                    "score",
                    "--year",
                    "2026",
                    "--out",
                    path.to_str().unwrap(),
                ],
            ]
            .concat(),
        )
        .success();
        let book = crate::xlsx::workbook(&path);
        let sheet = book
            .keys()
            .find(|k| k.starts_with("Thông tin") || k.starts_with("About"));
        let about = format!(
            "{:?}",
            book[sheet.unwrap_or_else(|| panic!("{:?}", book.keys()))]
        );
        assert!(about.contains(said), "{about}");
        let scores = book
            .iter()
            .find(|(name, _)| name.starts_with("Điểm thi đua") || name.starts_with("Scores"))
            .map(|(_, rows)| format!("{:?}", rows[0]))
            .unwrap_or_else(|| panic!("{:?}", book.keys()));
        assert!(scores.contains(returned), "{scores}");
    }
}

/// Section 4.4 sorted a number in a commune's name digit by digit, "Phường 10" above
/// "Phường 5": the old wards' names (kept as the app sent them) read out of their order.
#[test]
fn communes_with_numbers_are_listed_in_the_numbers_order() {
    let mut env = TestEnv::seeded();
    let plain = reports_csv(
        &env,
        "plain.csv",
        &[
            ("W-10", "2026-06-01T08:00:00+07:00", false),
            ("W-5", "2026-06-01T08:01:00+07:00", false),
            ("W-2", "2026-06-01T08:02:00+07:00", false),
        ],
    );
    let mut reader = csv::Reader::from_path(&plain).unwrap();
    let headers = reader.headers().unwrap().clone();
    let commune = headers.iter().position(|h| h == "commune").unwrap();
    let path = env.dir().join("wards.csv");
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(&headers).unwrap();
    for record in reader.records() {
        let mut record: Vec<String> = record.unwrap().iter().map(str::to_owned).collect();
        record[commune] = format!("Phường {}", record[0].trim_start_matches("W-"));
        writer.write_record(&record).unwrap();
    }
    writer.flush().unwrap();
    env.set_now("2026-06-01T08:10:00+07:00");
    env.run_as(RECEPTION, &["ingest", path.to_str().unwrap()])
        .success();
    env.set_now("2026-06-02T08:00:00+07:00");
    let month = ["report", "monthly", "--period", "2026-06"];
    let json = env.json_as(LEADER, &month);
    let names: Vec<&str> = array(&json["by_commune"])
        .iter()
        .map(|c| c["commune"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Phường 2", "Phường 5", "Phường 10"]);
    let table = env.run_as(LEADER, &month).success().stdout.clone();
    let at = |name: &str| {
        table
            .find(&format!("│ {name} "))
            .unwrap_or_else(|| panic!("{name}: {table}"))
    };
    assert!(at("Phường 5") < at("Phường 10"), "{table}");
}

/// `score --out diem.txt` wrote CSV under a .txt name (opened in Notepad as one long line,
/// and never in Excel as a table), and `export csv --out` wrote CSV under any name, where
/// `report` chose its form by the name. Each now writes only the kinds its name says and
/// refuses any other extension, naming the ones it writes; nothing is written.
#[test]
fn score_export_and_report_write_only_what_the_file_name_says() {
    let env = TestEnv::validated();
    let path = |name: &str| env.dir().join(name).to_str().unwrap().to_owned();
    let cases: Vec<(&str, Vec<String>, &str, &str)> = vec![
        (
            AUDITOR,
            vec![
                "score".into(),
                "--year".into(),
                "2026".into(),
                "--out".into(),
                path("diem.txt"),
            ],
            "Lệnh score không ghi được tệp .txt: dùng --out",
            "score cannot write a .txt file",
        ),
        (
            AUDITOR,
            vec![
                "--format".into(),
                "csv".into(),
                "score".into(),
                "--year".into(),
                "2026".into(),
                "--out".into(),
                path("diem.txt"),
            ],
            "hoặc đuôi .csv, .json",
            "a name ending in .csv or .json",
        ),
        (
            LEADER,
            vec![
                "report".into(),
                "monthly".into(),
                "--period".into(),
                "2026-09".into(),
                "--out".into(),
                path("t9.dat"),
            ],
            "Lệnh report không ghi được tệp .dat",
            "report cannot write a .dat file",
        ),
        (
            LEADER,
            vec![
                "--format".into(),
                "csv".into(),
                "report".into(),
                "monthly".into(),
                "--period".into(),
                "2026-09".into(),
                "--out".into(),
                path("t9.txt"),
            ],
            "là của bảng chữ (.txt)",
            "is named for the text table (.txt)",
        ),
        (
            LEADER,
            vec![
                "export".into(),
                "csv".into(),
                "--public".into(),
                "--out".into(),
                path("cong-khai.txt"),
            ],
            "Lệnh export csv chỉ ghi tệp CSV, không ghi được tệp .txt",
            "export csv writes CSV only and cannot write a .txt file",
        ),
        (
            RECEPTION,
            vec![
                "export".into(),
                "csv".into(),
                "--reason".into(),
                "Đối chiếu tháng 10".into(),
                "--out".into(),
                path("toan-bo.xlsx"),
            ],
            "không ghi được tệp .xlsx: hãy dùng --out",
            "cannot write a .xlsx file",
        ),
    ];
    let before = env.fingerprint();
    for (user, args, vi, en) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.run_as(user, &args)
            .failure()
            .one_line_error()
            .stderr_has(vi)
            .never_shows("Đã ghi");
        env.run_as(user, &in_english(&args))
            .failure()
            .stderr_has(en);
    }
    env.assert_unchanged(&before);
    for name in [
        "diem.txt",
        "t9.dat",
        "t9.txt",
        "cong-khai.txt",
        "toan-bo.xlsx",
    ] {
        assert!(!env.dir().join(name).exists(), "{name}");
    }
    // The names they write still write.
    env.run_as(
        LEADER,
        &["export", "csv", "--public", "--out", &path("cong-khai.CSV")],
    )
    .success();
    env.run_as(
        AUDITOR,
        &["score", "--year", "2026", "--out", &path("diem.csv")],
    )
    .success();
}

/// The late list said each overrun in clock time, nights and the weekend included, where
/// `show` and `list --overdue` say it in working time: report 5, assigned on a Thursday
/// afternoon and still unanswered on Monday, read 72 hours late in §6.1 against a
/// working day or so in `show`. The list now says it as `show` does, in the table and the
/// document; JSON, CSV and the workbook keep `overrun_minutes` and add
/// `overrun_counted_minutes`, in working minutes.
#[test]
fn the_late_list_says_how_late_in_working_time_as_show_does() {
    let mut env = TestEnv::validated();
    env.set_now("2026-10-08T15:00:00+07:00");
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    // Due on Friday at 09:00 (4 working hours); on Monday at 09:00 a working day late, 72
    // hours of clock.
    env.set_now("2026-10-12T09:00:00+07:00");
    let show = env.run_as(RECEPTION, &["show", "5"]);
    let said = show
        .success()
        .stdout
        .lines()
        .find_map(|l| l.split("┆ quá ").nth(1))
        .map(|rest| rest.split(['┆', '│']).next().unwrap().trim().to_owned())
        .unwrap_or_else(|| panic!("no late clock in show:\n{show}"));
    assert!(said.ends_with("làm việc"), "{said:?}\n{show}");
    let submitted = env.json_as(RECEPTION, &["show", "5"])["submitted_at"]
        .as_str()
        .unwrap()[..7]
        .to_owned();
    let month = ["report", "monthly", "--period", submitted.as_str()];
    let table = env.at_columns(200, &[&["--as", LEADER][..], &month].concat());
    let row = table
        .success()
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("6.1. "))
        .find(|l| l.starts_with("│ 5 ") && l.contains("┆ Xử lý "))
        .unwrap_or_else(|| panic!("{table}"))
        .to_owned();
    assert!(row.contains(&format!("┆ {said} ")), "{said:?}\n{row}");
    let json = env.json_as(LEADER, &month);
    let case = array(&json["late"])
        .iter()
        .find(|c| c["report_id"] == 5 && c["stage"] == "process")
        .unwrap_or_else(|| panic!("{json:#}"))
        .clone();
    let clock = case["overrun_minutes"].as_i64().unwrap();
    let counted = case["overrun_counted_minutes"].as_i64().unwrap();
    assert!(counted > 0 && counted < clock - 48 * 60, "{case:#}");
    let html = env.stdout_as(LEADER, &month, &["--format", "html"]);
    assert!(html.contains(&format!(">{said}</td>")), "{said:?}");
    let csv = env.stdout_as(LEADER, &month, &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let heads = reader.headers().unwrap().clone();
    let at = |key: &str| heads.iter().position(|h| h == key).unwrap();
    let (minutes, counted_at) = (at("overrun_minutes"), at("overrun_counted_minutes"));
    assert!(
        reader.records().map(Result::unwrap).any(|r| &r[0] == "late"
            && &r[1] == "5"
            && r[minutes] == clock.to_string()
            && r[counted_at] == counted.to_string()),
        "{csv}"
    );
}

/// Section 2 headed its open counts "Đang xử lý, trong hạn" / "Đang xử lý, quá hạn" on the
/// rows of the portal's own steps too (dispatch, publication), where "Đang xử lý" is the
/// status of a report with an agency: a leader read the portal's backlog as the agencies'.
#[test]
fn the_stage_table_counts_what_is_not_done_not_what_is_being_handled() {
    let mut env = history_env();
    env.set_now("2026-10-20T09:30:00+07:00");
    let html = env
        .run_as(
            LEADER,
            &[
                "report", "monthly", "--period", "2026-09", "--format", "html",
            ],
        )
        .success()
        .stdout
        .clone();
    for head in ["Chưa xong, còn hạn", "Chưa xong, quá hạn"] {
        assert!(
            html.contains(&format!(">{head}</th>")),
            "{head}: {html:.3000}"
        );
    }
    assert!(!html.contains("Đang xử lý, trong hạn"), "{html:.3000}");
}

/// A monthly §6.3 "Chưa dứt điểm" listed a case that was open at midnight on the month's
/// last day and handled fully on time the next morning exactly like one still waiting, so
/// the leader asked to direct it had nothing to direct (Đ13.6). The row now says what
/// became of it by the moment, and the section's note counts the two apart.
#[test]
fn a_case_open_at_the_period_end_says_what_became_of_it_since() {
    let env = TestEnv::demo();
    let august = ["report", "monthly", "--period", "2026-08"];
    let json = env.json_as(LEADER, &august);
    let row = |id: i64| {
        array(&json["unresolved"])
            .iter()
            .find(|c| c["report_id"] == id)
            .unwrap_or_else(|| panic!("{id} in {json}"))
            .clone()
    };
    // CMG-2026-000275: open at 24:00 on 31/08, done on time on 01/09.
    assert_eq!(row(109)["since_period_end"], "done_on_time");
    assert_eq!(
        row(109)["why_label"],
        "chưa xong khi hết kỳ — nay đã xong đúng hạn (01/09/2026)"
    );
    // CMG-2026-000266: done since, but a stage of it late (also in 6.1).
    assert_eq!(row(105)["since_period_end"], "done_late");
    assert_eq!(
        row(105)["why_label"],
        "chưa xong khi hết kỳ — nay đã xong nhưng trễ hạn (01/09/2026)"
    );
    // A case listed for another reason only says nothing of it.
    assert!(
        array(&json["unresolved"])
            .iter()
            .filter(|c| c["why"] == serde_json::json!(["low_rating"]))
            .all(|c| c["since_period_end"].is_null()),
        "{json}"
    );
    let html = env.stdout_as(LEADER, &august, &["--format", "html"]);
    assert!(
        html.contains(
            "Trong đó chưa xong khi hết kỳ: 4, tính đến thời điểm số liệu: vẫn chưa xong 0, nay đã xong đúng hạn 3, nay đã xong nhưng trễ hạn 1."
        ),
        "{html}"
    );
    let csv = env.stdout_as(LEADER, &august, &["--format", "csv"]);
    assert!(
        csv.lines().next().unwrap().ends_with(",since_period_end"),
        "{csv}"
    );
    assert!(
        csv.contains(",done_on_time\n") || csv.contains(",done_on_time\r\n"),
        "{csv}"
    );
    // Read on the morning after September, its two were still waiting, and are said to be.
    let morning = [
        "--now",
        "2026-10-01T09:00:00+07:00",
        "report",
        "monthly",
        "--period",
        "2026-09",
        "--lang",
        "en",
    ];
    let json = env.json_as(LEADER, &morning);
    let open: Vec<_> = array(&json["unresolved"])
        .iter()
        .filter(|c| !c["since_period_end"].is_null())
        .collect();
    assert_eq!(open.len(), 2, "{json}");
    for case in open {
        assert_eq!(case["since_period_end"], "still_open");
        assert_eq!(
            case["why_label"],
            "open at the end of the period — still open"
        );
    }
}

/// A quarter's report issued while the quarter ran said in its opening sentence that it
/// covered reports "gửi từ ngày 01/10/2026 đến ngày 31/12/2026": days that had not come yet.
/// It now names the day of its figures and says the period has not ended, in the document
/// and in the table; a period that has ended keeps its last day.
#[test]
fn a_running_period_says_it_covers_reports_up_to_the_day_of_its_figures() {
    let env = TestEnv::demo();
    let running = ["report", "quarterly", "--period", "2026-Q4"];
    let html = env.stdout_as(LEADER, &running, &["--format", "html"]);
    assert!(
        html.contains(
            "gửi từ ngày 01/10/2026 đến ngày 05/10/2026 (kỳ báo cáo chưa kết thúc), số liệu tính đến"
        ),
        "{html}"
    );
    assert!(!html.contains("31/12/2026"), "{html}");
    let en = env.stdout_as(LEADER, &running, &["--format", "html", "--lang", "en"]);
    assert!(
        en.contains(
            "sent from 2026-10-01 to 2026-10-05 (the period has not ended), with figures as of"
        ),
        "{en}"
    );
    let table = env
        .run_as(LEADER, &running)
        .success()
        .stdout
        .replace('\u{a0}', " ");
    assert!(
        table.contains("Phản ánh gửi từ 01/10/2026 đến 05/10/2026 (kỳ báo cáo chưa kết thúc);"),
        "{table}"
    );
    let ended = env.stdout_as(
        LEADER,
        &["report", "quarterly", "--period", "2026-Q3"],
        &["--format", "html"],
    );
    assert!(
        ended.contains("gửi từ ngày 01/07/2026 đến ngày 30/09/2026, số liệu tính đến"),
        "{ended}"
    );
}

/// The document's chart "Tỷ lệ xử lý đúng hạn theo cơ quan" put an agency with one reply at
/// 100% above agencies with dozens, and showed no count: the very reading `score` withholds
/// a rank for below `score.min_cases`. Each bar now says on how many rounds, and agencies
/// below the threshold come after the others, lighter, with a note.
#[test]
fn the_chart_of_agency_rates_shows_its_counts_and_sets_small_numbers_apart() {
    let env = TestEnv::demo();
    let html = env.stdout_as(
        LEADER,
        &["report", "monthly", "--period", "2026-09"],
        &["--format", "html"],
    );
    let start = html
        .find("aria-label=\"Tỷ lệ xử lý đúng hạn theo cơ quan\"")
        .expect("the chart");
    let chart = &html[start..start + html[start..].find("</figure>").unwrap()];
    let at = |needle: &str| {
        chart
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {chart}"))
    };
    assert!(chart.contains(">100,0% (21)<"), "{chart}");
    assert!(chart.contains(">89,7% (29)<"), "{chart}");
    // Ten or more rounds first, by rate; then the few, whatever their rate.
    assert!(at(">89,7% (29)<") < at("UBND phường An Xuyên"), "{chart}");
    assert!(at(">90,9% (11)<") < at(">100,0% (2)<"), "{chart}");
    let after = &html[start..];
    let note = &after[after.find("</figure>").unwrap()..][..1200];
    assert!(
        note.contains("Trong ngoặc: số lượt được tính tỷ lệ. Cơ quan có dưới 10 lượt (ngưỡng xếp hạng thi đua score.min_cases) xếp sau, tô nhạt"),
        "{note}"
    );
}

/// Each statistical table says what its figures count, as an administrative report heads
/// it: reports for the totals and the breakdowns, rounds for the stages and the agencies
/// (section 3 counts rounds), ratings for the satisfaction, with the rates in %; on the
/// screen under each title, in the document over each table, in English too (a section
/// with nothing to list keeps "(không có)" under its title:
/// `an_empty_section_says_there_is_none`).
#[test]
fn each_statistical_table_says_its_unit() {
    let env = TestEnv::assigned_to_sxd();
    let month = ["report", "monthly", "--period", "2026-08"];
    let table = env.stdout_as(LEADER, &month, &[]);
    let under = |title: &str| {
        let mut lines = table.lines();
        lines.find(|l| l.starts_with(title));
        lines.next().unwrap_or_default().to_owned()
    };
    assert_eq!(under("1. Tổng hợp"), "Đơn vị tính: phản ánh");
    assert_eq!(
        under("2. Thời hạn theo giai đoạn"),
        "Đơn vị tính: lượt; tỷ lệ: %"
    );
    assert_eq!(under("3. Các cơ quan xử lý"), "Đơn vị tính: lượt; tỷ lệ: %");
    assert_eq!(under("3 (tiếp)."), "Đơn vị tính: lượt");
    assert_eq!(under("4.3. Từ chối theo lý do"), "Đơn vị tính: phản ánh");
    assert_eq!(
        under("5. Mức độ hài lòng"),
        "Đơn vị tính: lượt đánh giá; điểm trung bình: điểm (1–5); tỷ lệ: %"
    );
    // The case lists count nothing: no unit.
    assert!(!under("6.1. Trễ hạn").starts_with("Đơn vị tính"));
    env.run_as(LEADER, &in_english(&month))
        .success()
        .stdout_has("1. Totals\nUnit: reports\n")
        .stdout_has("Unit: rounds; rates: %");
    let page = env.run_as_into(
        LEADER,
        &[&month[..], &["--format", "html"]].concat(),
        "t.html",
    );
    let page = std::fs::read_to_string(page).unwrap();
    for unit in [
        "Tổng hợp</h2><p class=\"unit\">Đơn vị tính: phản ánh</p><table",
        "Các cơ quan xử lý</h2><p class=\"unit\">Đơn vị tính: lượt; tỷ lệ: %</p><table",
        "Theo xã, phường</h3><p class=\"unit\">Đơn vị tính: phản ánh</p><table",
    ] {
        assert!(page.contains(unit), "no {unit} in the document");
    }
}

/// The workbook states each table's unit as the screen and the document do, where an
/// officer looks for it in Excel: a line in italics above the table, at its right edge,
/// over the header row that stays the one repeated on each printed page; the case lists
/// count nothing and have none. In English too.
#[test]
fn each_sheet_of_the_workbook_says_its_unit_above_its_table() {
    let env = TestEnv::assigned_to_sxd();
    let month = ["report", "monthly", "--period", "2026-08"];
    let path = env.run_as_into(LEADER, &month, "t8.xlsx");
    let book = crate::xlsx::workbook(&path);
    let setup = crate::xlsx::page_setup(&path);
    let column = |index: usize| char::from(b'A' + u8::try_from(index).unwrap()).to_string();
    for (sheet, unit) in [
        ("1. Tổng hợp", "Đơn vị tính: phản ánh"),
        ("Theo tuần", "Đơn vị tính: phản ánh"),
        ("2. Thời hạn theo giai đoạn", "Đơn vị tính: lượt; tỷ lệ: %"),
        ("3. Các cơ quan xử lý", "Đơn vị tính: lượt; tỷ lệ: %"),
        ("4.1. Theo lĩnh vực", "Đơn vị tính: phản ánh"),
        ("4.2. Theo cơ quan xử lý", "Đơn vị tính: phản ánh"),
        ("4.3. Từ chối theo lý do", "Đơn vị tính: phản ánh"),
        ("4.4. Theo xã, phường", "Đơn vị tính: phản ánh"),
        (
            "5. Mức độ hài lòng",
            "Đơn vị tính: lượt đánh giá; điểm trung bình: điểm (1–5); tỷ lệ: %",
        ),
    ] {
        let rows = &book[sheet];
        let (line, heads) = (&rows[0], &rows[1]);
        let last = heads.len() - 1;
        assert_eq!(line[last], Data::String(unit.into()), "{sheet}: {line:?}");
        assert!(
            line[..last].iter().all(|cell| *cell == Data::Empty),
            "{sheet}: the unit alone on its line: {line:?}"
        );
        let at = format!("{}1", column(last));
        assert_eq!(
            crate::xlsx::text_style(&path, sheet, &at),
            (Some("right".to_owned()), true),
            "{sheet}: {at} right-aligned, in italics"
        );
        assert!(
            heads.iter().all(|h| matches!(h, Data::String(_))),
            "{sheet}: the header row under the unit: {heads:?}"
        );
        let titles = setup[sheet].titles.clone().unwrap_or_default();
        assert!(titles.ends_with("!$2:$2"), "{sheet}: {titles}");
    }
    // A list of cases counts nothing: its header row comes first.
    let late = &book["6.1. Trễ hạn"];
    assert!(
        late[0]
            .iter()
            .all(|cell| !matches!(cell, Data::String(s) if s.starts_with("Đơn vị tính"))),
        "{:?}",
        late[0]
    );
    let english = crate::xlsx::workbook(&env.run_as_into(LEADER, &in_english(&month), "m8.xlsx"));
    let totals = &english["1. Totals"];
    assert_eq!(
        totals[0].last(),
        Some(&Data::String("Unit: reports".into())),
        "{totals:?}"
    );
    let agencies = &english["3. Handling agencies"];
    assert_eq!(
        agencies[0].last(),
        Some(&Data::String("Unit: rounds; rates: %".into())),
        "{agencies:?}"
    );
}

/// `report monthly --period 2026-13` was told how to write the year (four digits, 2000 to
/// 2100) though the month was what was wrong: the range of the part after the year is said.
#[test]
fn a_month_out_of_range_is_told_the_months_range() {
    let env = TestEnv::validated();
    env.run_as(LEADER, &["report", "monthly", "--period", "2026-13"])
        .code(2)
        .stderr_has("tháng từ 01 đến 12");
    env.run_as(
        LEADER,
        &in_english(&["report", "quarterly", "--period", "2026-Q5"]),
    )
    .code(2)
    .stderr_has("the quarter Q1 to Q4");
}
