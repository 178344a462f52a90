//! A change's long lists written in parts (`domain::parts`, docs/rules.md §2): a calendar
//! change that moves more deadlines than one part holds writes them into `list_part` events
//! right after its own, which every reader of the lists reads, `audit log` shows in words,
//! and `audit verify` judges: a part removed, moved, edited or appended with `sqlite3` is
//! named, even with the chain's hashes made again over it (they carry no secret).

use crate::common::*;

/// More deadlines than a part holds (1,000), so that the moved ones take two parts.
const REPORTS: usize = 1_500;

/// Ingests [`REPORTS`] copies of the examples received on `day` from 07:00 (Vietnam), with
/// no time of the event (which `--validate` rejects), with `extra` options.
fn ingest_received_on(env: &TestEnv, day: &str, extra: &[&str]) {
    let text = std::fs::read_to_string(example("reports.csv")).unwrap();
    let mut lines = text.lines();
    let mut csv = format!("{}\n", lines.next().unwrap());
    let rows: Vec<&str> = lines.collect();
    for i in 0..REPORTS {
        let (_, rest) = rows[i % rows.len()].split_once(',').unwrap();
        let (_, rest) = rest.split_once(',').unwrap();
        let (_, rest) = rest.split_once(',').unwrap();
        let second = i % 1800;
        csv.push_str(&format!(
            "PART-{i:05},{day}T07:{:02}:{:02}+07:00,,{rest}\n",
            second / 60,
            second % 60
        ));
    }
    let file = env.dir().join("many.csv");
    std::fs::write(&file, csv).unwrap();
    let mut args = vec!["ingest", file.to_str().unwrap()];
    args.extend(extra);
    env.run_as(RECEPTION, &args).success();
}

/// How many `list_part` events follow the last event `action`.
fn parts_after(env: &TestEnv, action: &str) -> i64 {
    env.count(&format!(
        "SELECT count(*) FROM events WHERE action = 'list_part'
            AND id > (SELECT max(id) FROM events WHERE action = '{action}')"
    ))
}

/// Reports received this morning (before the pinned 08:00), their dispatch deadlines due
/// today; then today declared a day off, which moves every one of them.
fn moved_in_parts() -> TestEnv {
    static TEMPLATE: Template = Template::new();
    TEMPLATE.copy(|| {
        let env = TestEnv::seeded();
        ingest_received_on(&env, "2026-10-05", &[]);
        env.run_as(
            ADMIN,
            &[
                "calendar",
                "add-holiday",
                "2026-10-05",
                "--name",
                "Nghỉ đột xuất",
                "--yes",
            ],
        )
        .success();
        env
    })
}

/// The change's event and its parts: (id, payload), in order.
fn change_and_parts(env: &TestEnv) -> Vec<(i64, String)> {
    rows_as(
        &env.read_only(),
        "SELECT id, payload FROM events
          WHERE id >= (SELECT max(id) FROM events WHERE action = 'calendar_add_holiday')
          ORDER BY id",
    )
}

fn verify_en(env: &TestEnv) -> Run {
    env.run_as(ADMIN, &["--lang", "en", "audit", "verify"])
}

#[test]
fn a_change_over_more_deadlines_than_a_part_lists_them_in_parts_that_verify() {
    let env = moved_in_parts();
    let events = change_and_parts(&env);
    assert_eq!(events.len(), 3, "the change and two parts: {events:?}");
    let (head, payload) = &events[0];
    let head_payload: serde_json::Value = serde_json::from_str(payload).unwrap();
    assert!(head_payload.get("moved_deadlines").is_none(), "{payload}");
    assert_eq!(head_payload["parts"]["count"], 2);
    assert_eq!(
        head_payload["parts"]["lists"],
        serde_json::json!({"moved_deadlines": REPORTS})
    );
    // The short lists and the sealed rows stay in the head, as before.
    assert_eq!(head_payload["days"][0]["date"], "2026-10-05");
    assert!(head_payload["sealed"].is_object());
    let mut moved = Vec::new();
    for (number, (id, part)) in events[1..].iter().enumerate() {
        assert_eq!(*id, head + number as i64 + 1);
        let part: serde_json::Value = serde_json::from_str(part).unwrap();
        assert_eq!(part["part_of"], *head);
        assert_eq!(part["part"], number + 1);
        moved.extend(part["moved_deadlines"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(moved.len(), REPORTS);
    let mut reports: Vec<i64> = moved
        .iter()
        .map(|m| m["report"].as_i64().unwrap())
        .collect();
    reports.sort_unstable();
    reports.dedup();
    assert_eq!(reports.len(), REPORTS, "each report's deadline once");
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'list_part' AND actor = 'admin'"),
        2,
        "the parts are the admin's, as the change is"
    );
    verify_en(&env).success();
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// The auditor reads the parts as what they are, in either language.
#[test]
fn the_audit_log_shows_the_parts_in_words() {
    let env = moved_in_parts();
    // Wide enough that no cell wraps.
    let vi = env.at_columns(1000, &["--as", ADMIN, "audit", "log", "--actor", ADMIN]);
    vi.success()
        .stdout_has("Phần tiếp theo của danh sách")
        .stdout_has("2 phần: moved_deadlines 1.500 mục")
        .stdout_has("Phần số: 2");
    let en = env.at_columns(
        1000,
        &[
            "--as", ADMIN, "--lang", "en", "audit", "log", "--actor", ADMIN,
        ],
    );
    en.success()
        .stdout_has("List continued")
        .stdout_has("2 parts: moved_deadlines 1,500 entries")
        .stdout_has("Part number: 2");
}

/// The last part cut off: the chain still holds (it was the newest event).
#[test]
fn a_part_removed_at_the_end_of_the_log_is_named() {
    let env = moved_in_parts();
    let events = change_and_parts(&env);
    let (head, last) = (events[0].0, events[2].0);
    env.tamper_without_triggers(
        &["events_are_append_only_delete"],
        &format!("DELETE FROM events WHERE id = {last}"),
    );
    verify_en(&env).code(5).stderr_has(&format!(
        "event {head}: it announces 2 parts of its lists, and part 2 does not follow it"
    ));
    env.run_as(ADMIN, &["audit", "verify"])
        .code(5)
        .stderr_has(&format!(
            "sự kiện {head}: ghi danh sách của nó thành 2 phần, nhưng phần 2 không theo ngay sau nó"
        ));
}

/// The first part removed and the chain sealed again over the gap.
#[test]
fn a_part_removed_with_the_chain_sealed_again_is_named() {
    let env = moved_in_parts();
    let events = change_and_parts(&env);
    let (head, first, second) = (events[0].0, events[1].0, events[2].0);
    env.tamper_without_triggers(
        &["events_are_append_only_delete"],
        &format!("DELETE FROM events WHERE id = {first}"),
    );
    env.rewrite_log(|_| false);
    verify_en(&env).code(5).stderr_has(&format!(
        "event {second}: it is not part 1 of event {head}'s lists"
    ));
}

/// The two parts swapped, the chain sealed again.
#[test]
fn parts_reordered_with_the_chain_sealed_again_are_named() {
    let env = moved_in_parts();
    let events = change_and_parts(&env);
    let (head, first) = (events[0].0, events[1].0);
    let swapped = [
        (events[1].0, events[2].1.clone()),
        (events[2].0, events[1].1.clone()),
    ];
    env.rewrite_log(
        |record| match swapped.iter().find(|(id, _)| *id == record.id) {
            Some((_, payload)) => {
                record.payload.clone_from(payload);
                true
            }
            None => false,
        },
    );
    verify_en(&env).code(5).stderr_has(&format!(
        "event {first}: it is not part 1 of event {head}'s lists"
    ));
}

/// One moved deadline in a part changed, the chain sealed again from there.
#[test]
fn a_part_edited_with_the_chain_sealed_again_is_named() {
    let env = moved_in_parts();
    let events = change_and_parts(&env);
    let (head, second) = (events[0].0, events[2].0);
    env.rewrite_log(|record| {
        if record.id != second {
            return false;
        }
        let mut part: serde_json::Value = serde_json::from_str(&record.payload).unwrap();
        part["moved_deadlines"][0]["to"] = "2026-12-31T17:00:00+07:00".into();
        record.payload = part.to_string();
        true
    });
    verify_en(&env).code(5).stderr_has(&format!(
        "event {second}: part 2 of event {head}'s lists differs from what event {head} sealed of it"
    ));
}

/// A part appended after a later event, its hashes made to fit.
#[test]
fn a_part_appended_with_its_hashes_made_to_fit_is_named() {
    let env = moved_in_parts();
    let events = change_and_parts(&env);
    let out = env.dir().join("after.sqlite");
    env.run_as(ADMIN, &["backup", "--out", out.to_str().unwrap()])
        .success();
    let conn = env.writable();
    conn.execute(
        "INSERT INTO events (id, report_id, at, actor, action, payload, prev_hash, hash, login,
                             recorded_at)
         SELECT max(id) + 1, NULL, '2026-10-05T08:00:00+07:00', 'admin', 'list_part', ?1,
                randomblob(32), randomblob(32), 'root', '2026-10-05T08:00:00+07:00'
           FROM events",
        [&events[2].1],
    )
    .unwrap();
    let forged: i64 = conn
        .query_row("SELECT max(id) FROM events", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    env.rewrite_log(|_| false);
    verify_en(&env).code(5).stderr_has(&format!(
        "event {forged}: a part of a list that no event before it announced"
    ));
}

/// The deadlines a longer limit kept because they had passed (`kept_overdue`), written in
/// parts, are read back: `audit verify` judges each such clock by them, and read from the
/// head alone, every clock listed in a part read as edited.
#[test]
fn deadlines_kept_in_parts_are_read_back() {
    let env = TestEnv::seeded();
    ingest_received_on(&env, "2026-09-29", &[]);
    env.run_as(ADMIN, &LONGER_DISPATCH).success();
    assert_eq!(parts_after(&env, "settings_set"), 2);
    verify_en(&env).success();
}

/// The stopped clocks a change re-judged (`rejudged_clocks`), written in parts, are read
/// back: `audit verify` judges each by the calendar of the change that re-judged it, once
/// another change has moved the calendar on.
#[test]
fn clocks_rejudged_in_parts_are_read_back() {
    let env = TestEnv::seeded();
    ingest_received_on(&env, "2026-09-29", &["--validate"]);
    assert_eq!(
        env.count("SELECT count(*) FROM clocks WHERE stopped_at IS NOT NULL"),
        REPORTS as i64
    );
    env.run_as(
        ADMIN,
        &[
            "calendar",
            "add-holiday",
            "2026-09-29",
            "--name",
            "Nghỉ đột xuất",
            "--rejudge",
            "--yes",
        ],
    )
    .success();
    assert_eq!(parts_after(&env, "calendar_add_holiday"), 2);
    verify_en(&env).success();
    // A later change moves the calendar on: each re-judged clock was last judged under the
    // calendar of the change whose parts list it, not the one in force now.
    env.run_as(
        ADMIN,
        &[
            "calendar",
            "add-holiday",
            "2026-12-24",
            "--name",
            "Nghỉ bù",
            "--yes",
        ],
    )
    .success();
    verify_en(&env).success();
}

/// Who reads the log reads the parts as they read the change they continue: each account,
/// whatever its role, is shown both or refused both (the parts are about no report, as
/// their head).
#[test]
fn every_role_sees_a_part_as_it_sees_its_head() {
    let env = moved_in_parts();
    let events = change_and_parts(&env);
    let ids: Vec<i64> = events.iter().map(|(id, _)| *id).collect();
    let mut shown = Vec::new();
    for user in [ADMIN, RECEPTION, HANDLER_SXD, LEADER, AUDITOR] {
        let run = env.run_as(
            user,
            &[
                "--lang", "en", "--format", "json", "audit", "log", "--actor", ADMIN,
            ],
        );
        let seen: Vec<i64> = if run.code == Some(0) {
            run.json()
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|e| e["id"].as_i64())
                .filter(|id| ids.contains(id))
                .collect()
        } else {
            Vec::new()
        };
        assert!(
            seen.is_empty() || seen == ids,
            "{user} sees {seen:?} of the change and its parts {ids:?}"
        );
        shown.push((user, !seen.is_empty()));
    }
    assert!(shown.contains(&(ADMIN, true)), "{shown:?}");
    assert!(shown.contains(&(HANDLER_SXD, false)), "{shown:?}");
}

/// A backup of a log whose change is in parts is taken and restored whole: both check the
/// chain as `audit verify` does, parts included.
#[test]
fn a_log_with_parts_is_backed_up_and_restored() {
    let env = moved_in_parts();
    let copy = env.dir().join("with-parts.sqlite");
    env.run_as(ADMIN, &["backup", "--out", copy.to_str().unwrap()])
        .success();
    env.run_as(ADMIN, &["--lang", "en", "restore", copy.to_str().unwrap()])
        .success();
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'list_part'"),
        2
    );
    verify_en(&env).success();
}
