//! Events appended with `sqlite3`: the triggers stop
//! UPDATE and DELETE on `events`, not INSERT, and the hashes carry no secret. `audit verify`
//! names an appended event whose hashes are made up; the decisions that rest on the log —
//! the sweep's settings, what a restore makes again, which reports closed before a day —
//! must not take such an event at its word either.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::common::*;

/// The public feed as a leader reads it, in English JSON.
const OPEN311: &[&str] = &["--lang", "en", "--format", "json", "export", "open311"];

/// The three exports, each by a role that may run it: the public feed, the public CSV and
/// the staff's full CSV.
const EXPORTS: [(&str, &[&str]); 3] = [
    (LEADER, OPEN311),
    (LEADER, &["--lang", "en", "export", "csv", "--public"]),
    (
        ADMIN,
        &[
            "--lang",
            "en",
            "export",
            "csv",
            "--reason",
            "đối chiếu số liệu",
        ],
    ),
];

/// Appends an event as an insider with a `sqlite3` shell does: the next id, the columns as
/// given, and random bytes for its link and its hash.
fn append_forged(
    env: &TestEnv,
    report_id: Option<i64>,
    at: &str,
    actor: &str,
    action: &str,
    payload: &str,
) -> i64 {
    let conn = env.writable();
    conn.execute(
        "INSERT INTO events (id, report_id, at, actor, action, from_status, to_status, payload,
                             report_hash, prev_hash, hash, login, recorded_at)
         VALUES ((SELECT max(id) + 1 FROM events), ?1, ?2, ?3, ?4, NULL, NULL, ?5,
                 NULL, randomblob(32), randomblob(32), 'root', ?2)",
        rusqlite::params![report_id, at, actor, action, payload],
    )
    .unwrap();
    conn.query_row("SELECT max(id) FROM events", [], |r| r.get(0))
        .unwrap()
}

/// A row's digest as phananh seals it: SHA-256 of the JSON array of its values.
fn digest(values: &serde_json::Value) -> String {
    Sha256::digest(serde_json::to_string(values).unwrap().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn backed_up(env: &TestEnv, name: &str) -> PathBuf {
    let out = env.dir().join(name);
    env.run_as(ADMIN, &["backup", "--out", out.to_str().unwrap()])
        .success();
    out
}

fn restore(env: &TestEnv, file: &Path) -> Run {
    env.run_as(ADMIN, &["--lang", "en", "restore", file.to_str().unwrap()])
}

fn restore_payload(env: &TestEnv) -> serde_json::Value {
    let payload: String = env
        .read_only()
        .query_row(
            "SELECT payload FROM events WHERE action = 'restore' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    serde_json::from_str(&payload).unwrap()
}

fn erasures(env: &TestEnv) -> i64 {
    env.count("SELECT count(*) FROM events WHERE action = 'erase'")
}

/// A retention period of `value` days inserted with `sqlite3`, with a `settings_set` event at
/// `at` that seals it, its hashes made up; the event's id.
fn retention_inserted_with_a_made_up_event(env: &TestEnv, value: &str, at: &str) -> i64 {
    env.writable()
        .execute(
            "INSERT INTO settings (key, value) VALUES ('privacy.erase_after_days', ?1)",
            [value],
        )
        .unwrap();
    let sealed = digest(&serde_json::json!(["privacy.erase_after_days", value]));
    append_forged(
        env,
        None,
        at,
        ADMIN,
        "settings_set",
        &serde_json::json!({
            "key": "privacy.erase_after_days", "from": null, "to": value,
            "recomputed": null, "calendar_version": null, "cleared_overdue": [],
            "sealed": {"rows": [{"table": "settings", "key": ["privacy.erase_after_days"], "digest": sealed}]},
        })
        .to_string(),
    )
}

/// Point 1: a settings row and a `settings_set` event that seals it, both inserted with
/// `sqlite3`, the event's hashes made up. The sweep judged the row by the digest the event
/// says it sealed, and the honest cron sweep erased every closed identity, exit 0. The
/// event the row rests on is now checked at its place in the chain: nothing is erased, and
/// the event is named, exit 5, in the dry run too.
/// A reveal deleted with `sqlite3` and the hashes after it computed again (the seal holds
/// no secret, so a short script does it): every seal and link held, `audit verify` said
/// "intact" though the numbers skipped one, and `audit reveals` no longer named who had
/// seen the reporter's identity. A gap in the numbers that no restore explains is named.
#[test]
fn a_reveal_deleted_and_the_chain_computed_again_is_named_by_the_gap() {
    let env = TestEnv::validated();
    env.run_as(
        RECEPTION,
        &["show", "2", "--reveal", "--reason", "Gọi lại xác minh"],
    )
    .success();
    env.run_as(RECEPTION, &["classify", "3", "--field", "GT"])
        .success();
    let reveal = env.count("SELECT max(id) FROM events WHERE action = 'reveal'");
    env.tamper_without_triggers(
        &["events_are_append_only_delete"],
        &format!("DELETE FROM events WHERE id = {reveal}"),
    );
    env.rewrite_log(|_| false);
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'reveal'"),
        0
    );
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stderr_has(&format!(
            "event {}: it does not follow event {}",
            reveal + 1,
            reveal - 1
        ));
}

#[test]
fn a_settings_row_vouched_for_by_an_event_with_made_up_hashes_erases_nothing() {
    let mut env = TestEnv::validated();
    env.set_now("2026-12-01T08:00:00+07:00");
    let value = "0.001";
    let forged = retention_inserted_with_a_made_up_event(&env, value, "2026-12-01T07:30:00+07:00");
    let named = format!("event {forged}: its stored hash does not match its content");
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stderr_has(&named);
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--dry-run"])
        .success()
        .stderr_has("dry run: a real sweep now would erase no identity")
        .stderr_has(&named);
    let run = env.cron_sweep(RECEPTION, &["--lang", "en", "--quiet"]);
    run.code(5)
        .stderr_has(
            "no identity was erased under the retention period (privacy.erase_after_days = 0.001)",
        )
        .stderr_has(&named);
    assert_eq!(run.stdout, "", "--quiet");
    assert_eq!(erasures(&env), 0);
    env.cron_sweep(RECEPTION, &["--quiet"])
        .code(5)
        .stderr_has(&format!("sự kiện {forged}: mã băm đã lưu không khớp"));
}

/// Point 1, the role: a clerk's role raised with `UPDATE staff` beside a `staff_add` event
/// that seals it (hashes made up), three erasures as that clerk, the role put back the same
/// way. Verify names the forged event; the restore it advises no longer judged the
/// erasures unauthorised (the forged event vouched for the role) and made them again into a
/// chain that verifies. It now makes again nothing written from the first event that does
/// not hold, says so naming the reports, and records it; an admin's erasure before stays.
#[test]
fn a_restore_makes_nothing_again_that_was_written_after_a_forged_event() {
    let env = TestEnv::validated();
    let backup = backed_up(&env, "before.sqlite");
    env.run_as(ADMIN, &["erase", "7", "--reason", "Công dân yêu cầu xóa"])
        .success();
    // The night's backup, the honest event just before the forged one: its own hash and
    // its link before hold, and the forged event's made-up link says nothing of it.
    backed_up(&env, "nightly.sqlite");
    let name: String = env
        .read_only()
        .query_row(
            "SELECT name FROM staff WHERE username = ?1",
            [RECEPTION],
            |r| r.get(0),
        )
        .unwrap();
    let set_role = |role: &str, at: &str| {
        let row = serde_json::json!([RECEPTION, name, role, null, 1]);
        let event = append_forged(
            &env,
            None,
            at,
            ADMIN,
            "staff_add",
            &serde_json::json!({
                "username": RECEPTION, "name": name, "role": role, "agency": null, "active": true,
                "sealed": {"rows": [{"table": "staff", "key": [RECEPTION], "digest": digest(&row)}]},
            })
            .to_string(),
        );
        env.writable()
            .execute(
                "UPDATE staff SET role = ?1 WHERE username = ?2",
                [role, RECEPTION],
            )
            .unwrap();
        event
    };
    let raised = set_role("admin", "2026-10-05T08:10:00+07:00");
    // Refused as it is tried now: the role rests on an event that does not hold
    // (`privacy::an_account_raised_with_sqlite3_erases_rekeys_looks_up_and_sets_no_retention`).
    env.run_as(
        RECEPTION,
        &["erase", "2", "3", "4", "--reason", "theo yêu cầu"],
    )
    .code(5)
    .stderr_has(&format!("sự kiện {raised}"));
    // An older phananh wrote them; played here by sealing the forged event for the act,
    // then making its hash up again.
    env.rewrite_log(|_| false);
    env.run_as(
        RECEPTION,
        &["erase", "2", "3", "4", "--reason", "theo yêu cầu"],
    )
    .success();
    env.tamper_without_triggers(
        &["events_are_append_only_update"],
        &format!("UPDATE events SET hash = randomblob(32) WHERE id = {raised}"),
    );
    set_role("reception", "2026-10-05T08:20:00+07:00");
    let laundered: Vec<i64> = env.column(&format!(
        "SELECT id FROM events WHERE action = 'erase' AND actor = '{RECEPTION}' ORDER BY id"
    ));
    assert_eq!(laundered.len(), 3);
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stderr_has(&format!("event {raised}: its stored hash does not match"));

    let run = restore(&env, &backup);
    run.success()
        .stderr_has("erased again the identity of 1 report (7)")
        .stderr_has(&format!(
            "the replaced database's log does not hold from event {raised} on (event {raised}: its stored hash does not match its content"
        ))
        .stderr_has("3 erasures (reports 2, 3, 4; events ")
        .stderr_has("were not made again");
    let payload = restore_payload(&env);
    assert_eq!(payload["untrusted_from"], raised);
    assert_eq!(payload["erasures_untrusted"], serde_json::json!(laundered));
    for id in ["2", "3", "4"] {
        assert_eq!(env.show(id)["identity_erased"], false, "report {id}");
    }
    assert_eq!(env.show("7")["identity_erased"], true);
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// Point 3: an `erase` event for a report, or a `reveal` framing a colleague, appended with
/// `sqlite3` (hashes made up). Verify names it, and the restore it advises made it real: the
/// identity destroyed "by the admin", or the colleague's reveal listed by `audit reveals`,
/// in a chain that verifies. Neither is made again now, and both are named.
#[test]
fn a_restore_does_not_make_real_an_erasure_or_a_reveal_appended_with_sqlite3() {
    for action in ["erase", "reveal"] {
        let env = TestEnv::validated();
        let backup = backed_up(&env, "before.sqlite");
        let external: String = env
            .read_only()
            .query_row("SELECT external_id FROM reports WHERE id = 24", [], |r| {
                r.get(0)
            })
            .unwrap();
        let (actor, reason) = match action {
            "erase" => (ADMIN, "người dân yêu cầu xóa"),
            _ => ("tiepnhan.khang", "xem cho biết"),
        };
        let forged = append_forged(
            &env,
            Some(24),
            "2026-10-05T09:00:00+07:00",
            actor,
            action,
            &serde_json::json!({
                "fields": ["reporter_name", "reporter_phone"],
                "reason": reason,
                "external_id": external,
            })
            .to_string(),
        );
        env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
            .code(5)
            .stderr_has(&format!("event {forged}: its stored hash does not match"));

        let run = restore(&env, &backup);
        run.success().stderr_has(&format!(
            "the replaced database's log does not hold from event {forged} on (event {forged}: its stored hash does not match its content"
        ));
        assert_eq!(restore_payload(&env)["untrusted_from"], forged);
        let payload = restore_payload(&env);
        if action == "erase" {
            run.stderr_has(&format!(
                "1 erasure (report 24; event {forged}) was not made again"
            ));
            assert_eq!(payload["erasures_untrusted"], serde_json::json!([forged]));
            assert_eq!(payload["erasures_reapplied"], serde_json::json!([]));
            assert_eq!(env.show("24")["identity_erased"], false);
        } else {
            run.stderr_has(&format!(
                "1 reveal or full export (event {forged}) was not written again"
            ));
            assert_eq!(
                payload["accountability_untrusted"],
                serde_json::json!([forged])
            );
            let listed = env
                .run_as(
                    AUDITOR,
                    &["--format", "json", "audit", "reveals", "--report", "24"],
                )
                .success()
                .json();
            assert!(
                !array(&listed).iter().any(|l| l["reason"] == reason),
                "{listed}"
            );
        }
        env.run_as(AUDITOR, &["audit", "verify"]).success();
    }
}

/// Point 5: one copy of a closed report's closing event, dated 2099, appended with
/// `sqlite3`. The report never counted as closed long enough: every retention sweep and
/// `erase --closed-before` erased the others, exit 0, and named nothing; the dry run left
/// it out too. The event a report's closing time is read from is now checked at its place
/// in the chain; a report it cannot judge is left out and named, exit 5, and the dry run
/// says so.
#[test]
fn a_closing_event_appended_with_sqlite3_keeps_no_report_out_of_retention_unnamed() {
    let mut env = TestEnv::validated();
    env.run_as(
        ADMIN,
        &["settings", "set", "privacy.erase_after_days", "30"],
    )
    .success();
    // Something honest after the setting, as in any working day: the setting's own event
    // then holds, and the closing time is what is judged.
    backed_up(&env, "daily.sqlite");
    env.set_now("2026-12-01T08:00:00+07:00");
    let closed: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'rejected' ORDER BY id");
    assert!(closed.len() > 1);
    let kept = closed[0];
    env.writable()
        .execute(
            "INSERT INTO events (id, report_id, at, actor, action, from_status, to_status,
                                 payload, report_hash, prev_hash, hash, login, recorded_at)
             SELECT (SELECT max(id) + 1 FROM events), report_id, '2099-01-01T00:00:00+07:00',
                    actor, action, from_status, to_status, payload, report_hash, prev_hash,
                    hash, login, recorded_at
               FROM events WHERE report_id = ?1 AND to_status = 'rejected'
              ORDER BY id DESC LIMIT 1",
            [kept],
        )
        .unwrap();
    let forged: i64 = env.count("SELECT max(id) FROM events");
    let named = format!(
        "report {kept} cannot be told closed before the cut-off or not: the event that records its closing does not hold in the log"
    );
    let why = format!("(event {forged}: its stored hash does not match its content");
    let before_erasing = env.snapshot();

    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--dry-run"])
        .success()
        .stderr_has(&format!(
            "would erase for good the identities of {} reports closed past the retention period",
            closed.len() - 1
        ))
        .stderr_has(&named)
        .stderr_has(&why)
        .stderr_has("a real sweep would leave it out, not erased, and end with exit code 5");
    let run = env.cron_sweep(RECEPTION, &["--lang", "en", "--quiet"]);
    run.code(5)
        .stderr_has(&named)
        .stderr_has(&why)
        .stderr_has(&format!(
            "Its identity was not erased; the identities of {} other reports were erased",
            closed.len() - 1
        ));
    assert_eq!(erasures(&env), closed.len() as i64 - 1);
    assert_eq!(env.show(&kept.to_string())["identity_erased"], false);

    // By hand, before a day: the same.
    let env = TestEnv::from_bytes(&before_erasing);
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "erase",
            "--closed-before",
            "2026-12-01",
            "--reason",
            "Hết hạn lưu giữ",
        ],
    )
    .code(5)
    .stderr_has(&named)
    .stderr_has(&why);
    assert_eq!(env.show(&kept.to_string())["identity_erased"], false);
    env.run_as(
        ADMIN,
        &[
            "erase",
            "--closed-before",
            "2026-12-01",
            "--reason",
            "Hết hạn lưu giữ",
        ],
    )
    .code(5)
    .stderr_has(&format!(
        "Không xét được phản ánh {kept} đã đóng trước mốc thời hạn hay chưa"
    ));
}

/// A closed report's status set back to an open one with `sqlite3` took it out of the
/// reports `erase --closed-before` and the retention period choose among, which were chosen
/// by the status their rows hold: its reporter's identity was kept past the cut-off, the
/// run erasing one fewer, exit 0, unnamed. A report whose log's last step left it in a
/// final status is now chosen among too, and, its row saying otherwise, named and left
/// out, exit 5.
#[test]
fn a_closed_report_reopened_with_sqlite3_is_named_not_kept_out_of_erasure() {
    let mut start = TestEnv::demo();
    start.set_now("2026-12-07T09:00:00+07:00");
    let before = start.snapshot();
    let erase = [
        "--lang",
        "en",
        "erase",
        "--closed-before",
        "2026-11-01",
        "--reason",
        "Hết hạn lưu giữ",
    ];
    start.run_as(ADMIN, &erase).success();
    let erased = erasures(&start);
    let reopened: i64 = start.count(
        "SELECT e.report_id FROM events e JOIN reports r ON r.id = e.report_id
          WHERE e.action = 'erase' AND r.status = 'published' ORDER BY e.id LIMIT 1",
    );
    let mut env = TestEnv::from_bytes(&before);
    env.set_now("2026-12-07T09:00:00+07:00");
    let sql = format!("UPDATE reports SET status = 'assigned' WHERE id = {reopened}");
    assert_eq!(env.writable().execute(&sql, []).unwrap(), 1);
    env.run_as(ADMIN, &erase)
        .code(5)
        .stderr_has(&format!(
            "report {reopened} cannot be told closed before the cut-off or not"
        ))
        .stderr_has("audit verify");
    assert_eq!(erasures(&env), erased - 1);
    let its_erasures =
        format!("SELECT count(*) FROM events WHERE action = 'erase' AND report_id = {reopened}");
    assert_eq!(env.count(&its_erasures), 0);
}

/// Point 5 as the probe played it, the copy appended right after `settings set`. The
/// setting's event was then held unconfirmed, the forged copy's made-up link standing
/// against it, and the sweep erased nothing, saying "an event before it was removed or
/// replaced" of an honest `settings set`: one `sqlite3` INSERT of garbage stopped every
/// retention erasure. The copy's own hash does not hold, so its link is no evidence: the
/// setting's event holds by its own hash and its link before, as the newest event would.
/// The copy's report is named and left out, exit 5, the others erased under the setting.
#[test]
fn a_closing_event_appended_right_after_the_setting_is_named_and_the_setting_still_holds() {
    let mut env = TestEnv::validated();
    env.run_as(
        ADMIN,
        &["settings", "set", "privacy.erase_after_days", "30"],
    )
    .success();
    let setting: i64 = env.count("SELECT max(id) FROM events");
    env.set_now("2026-12-01T08:00:00+07:00");
    let closed: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'rejected' ORDER BY id");
    env.writable()
        .execute(
            "INSERT INTO events (id, report_id, at, actor, action, from_status, to_status,
                                 payload, report_hash, prev_hash, hash, login, recorded_at)
             SELECT (SELECT max(id) + 1 FROM events), report_id, '2099-01-01T00:00:00+07:00',
                    actor, action, from_status, to_status, payload, report_hash, prev_hash,
                    hash, login, recorded_at
               FROM events WHERE to_status = 'rejected' ORDER BY id LIMIT 1",
            [],
        )
        .unwrap();
    let forged: i64 = env.count("SELECT max(id) FROM events");
    assert_eq!(forged, setting + 1);
    let kept: i64 = env.count(&format!("SELECT report_id FROM events WHERE id = {forged}"));
    // The forged event is the one verify names, not the setting's.
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stderr_has(&format!(
            "event {forged}: its stored hash does not match its content"
        ));
    let run = env.cron_sweep(RECEPTION, &["--lang", "en", "--quiet"]);
    run.code(5)
        .stderr_has(&format!(
            "report {kept} cannot be told closed before the cut-off or not: the event that records its closing does not hold in the log, inserted or edited outside phananh (event {forged}: its stored hash does not match its content"
        ))
        .stderr_has(&format!(
            "Its identity was not erased; the identities of {} other reports were erased",
            closed.len() - 1
        ));
    run.never_shows("no identity was erased under the retention period")
        .never_shows(&format!("does not follow event {setting}"));
    assert_eq!(erasures(&env), closed.len() as i64 - 1);
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM events WHERE action = 'erase' AND report_id = {kept}"
        )),
        0
    );
}

/// A report set to a final status with `sqlite3` (no event moved it there), or whose closing
/// event was deleted with the triggers dropped and put back: the closed-before selection
/// read its closing time from an event it could not find and passed it over as if still
/// open — the sweep's dry run, the sweep and `erase --closed-before` all silent, exit 0 for
/// the first two. Such a report is now named as one whose closing event does not hold,
/// exit 5, and the others erased.
#[test]
fn a_report_in_a_final_status_no_event_records_is_named_not_passed_over() {
    let mut env = TestEnv::validated();
    env.run_as(
        ADMIN,
        &["settings", "set", "privacy.erase_after_days", "30"],
    )
    .success();
    env.set_now("2026-12-01T08:00:00+07:00");
    let closed: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'rejected' ORDER BY id");
    let opened: i64 = env.count("SELECT min(id) FROM reports WHERE status = 'accepted'");
    env.writable()
        .execute(
            "UPDATE reports SET status = 'published' WHERE id = ?1",
            [opened],
        )
        .unwrap();
    let named = format!(
        "report {opened} cannot be told closed before the cut-off or not: it stands in a final status, Published (published), that no event of the log moved it into, the status set or the event removed outside phananh"
    );
    let erased_of = |env: &TestEnv, id: i64| {
        env.count(&format!(
            "SELECT count(*) FROM events WHERE action = 'erase' AND report_id = {id}"
        ))
    };
    let before_erasing = env.snapshot();

    // Its dispatch clock, open while it was accepted, now runs for a published report: the
    // dry run names that too, and ends as a real sweep would.
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--dry-run"])
        .code(5)
        .stderr_has(&format!(
            "would erase for good the identities of {} reports closed past the retention period",
            closed.len()
        ))
        .stderr_has(&named)
        .stderr_has("a real sweep would leave it out, not erased, and end with exit code 5")
        .stderr_has(&format!(
            "report {opened} has the status published, but a clock of its dispatch step runs for it"
        ));
    env.cron_sweep(RECEPTION, &["--lang", "en", "--quiet"])
        .code(5)
        .stderr_has(&named)
        .stderr_has(&format!(
            "Its identity was not erased; the identities of {} other reports were erased",
            closed.len()
        ));
    assert_eq!(erasures(&env), closed.len() as i64);
    assert_eq!(erased_of(&env, opened), 0);

    // By hand, before a day, in both languages.
    let env = TestEnv::from_bytes(&before_erasing);
    let by_hand = |env: &TestEnv, lang: &str| {
        env.run_as(
            ADMIN,
            &[
                "--lang",
                lang,
                "erase",
                "--closed-before",
                "2026-12-01",
                "--reason",
                "Hết hạn lưu giữ",
            ],
        )
    };
    by_hand(&env, "en").code(5).stderr_has(&named);
    by_hand(&env, "vi").code(5).stderr_has(&format!(
        "Không xét được phản ánh {opened} đã đóng trước mốc thời hạn hay chưa: nó mang trạng thái cuối, Đã công khai (published), mà không sự kiện nào trong nhật ký ghi việc đóng nó"
    ));
    assert_eq!(erased_of(&env, opened), 0);

    // The closing event of a rejected report deleted as well, the trigger put back: both
    // named, each with its status, the other reports erased.
    let env = TestEnv::from_bytes(&before_erasing);
    let gone = closed[0];
    env.tamper_without_triggers(
        &["events_are_append_only_delete"],
        &format!(
            "PRAGMA foreign_keys = OFF;
             DELETE FROM events WHERE report_id = {gone} AND to_status = 'rejected'"
        ),
    );
    let (first, second) = (gone.min(opened), gone.max(opened));
    by_hand(&env, "en")
        .code(5)
        .stderr_has(&format!(
            "reports {first}, {second} cannot be told closed before the cut-off or not: they stand in final statuses that no event of the log moved them into"
        ))
        .stderr_has(&format!("report {gone}: Rejected (rejected)"))
        .stderr_has(&format!("report {opened}: Published (published)"))
        .stderr_has(&format!(
            "Their identities were not erased; the identities of {} other reports were erased",
            closed.len() - 1
        ));
    assert_eq!(erased_of(&env, gone) + erased_of(&env, opened), 0);
    assert_eq!(erasures(&env), closed.len() as i64 - 1);
}

fn text_of(env: &TestEnv, sql: &str) -> String {
    env.read_only()
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Two open clocks due one after the other, after every event of the log: the first
/// (id, report) and the two deadlines, so that a sweep at the first deadline reminds it as
/// due soon and every earlier clock as overdue, and a sweep at the second finds only the
/// first newly breached.
fn breaking_alone(env: &TestEnv) -> (i64, i64, String, String) {
    let last = text_of(env, "SELECT max(at) FROM events");
    let conn = env.read_only();
    let mut stmt = conn
        .prepare(
            "SELECT id, report_id, due_at FROM clocks
              WHERE stopped_at IS NULL AND stage <> 'return' AND due_at > ?1
              ORDER BY due_at, id",
        )
        .unwrap();
    let open: Vec<(i64, i64, String)> = stmt
        .query_map([&last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    open.windows(3)
        .find(|w| w[0].2 < w[1].2 && w[1].2 < w[2].2)
        .map(|w| (w[1].0, w[1].1, w[1].2.clone(), w[2].2.clone()))
        .expect("two open clocks due one after the other")
}

/// The mark that says a clock was reminded of as overdue, set
/// with `sqlite3` on a deadline just broken (to the clock's own due-soon reminder, or to a
/// `remind` event appended with made-up hashes). The cron sweep took the mark at its word:
/// exit 0, no breach mailed. A mark the log does not vouch for is now taken for none: the
/// clock is reminded, the breach mailed, the mark named (exit 5), the new reminder naming
/// the mark it replaced; the dry run says the same.
#[test]
fn a_reminder_mark_set_with_sqlite3_hides_no_breach() {
    let mut start = TestEnv::validated();
    let (clock, report, due, next) = breaking_alone(&start);
    start.set_now(&due);
    start.cron_sweep(RECEPTION, &["--quiet"]).code(3);
    let soon: i64 = start.count(&format!(
        "SELECT reminded_soon FROM clocks WHERE id = {clock}"
    ));
    let before = start.snapshot();
    for forged in [false, true] {
        let mut env = TestEnv::from_bytes(&before);
        env.set_now(&next);
        let mark = if forged {
            append_forged(
                &env,
                Some(report),
                &due,
                RECEPTION,
                "remind",
                &serde_json::json!({
                    "clock": clock, "stage": "dispatch", "round": 1, "threshold": "overdue",
                    "due_at": due, "agency": null, "urgent": false,
                })
                .to_string(),
            )
        } else {
            soon
        };
        env.writable()
            .execute(
                "UPDATE clocks SET reminded_overdue = ?1 WHERE id = ?2",
                [mark, clock],
            )
            .unwrap();
        let named = format!(
            "the reminder mark of clock {clock} (report {report}, overdue, mark naming event {mark}): the log records no such reminder"
        );
        env.run_as(
            RECEPTION,
            &["--lang", "en", "sweep", "--dry-run", "--fail-on-breach"],
        )
        .code(5)
        .stderr_has("this sweep found 1 newly breached deadline (exit status 5):")
        .stderr_has(&named)
        .stderr_has("a real sweep would take it for unreminded and remind again");
        let run = env.cron_sweep(RECEPTION, &["--lang", "en"]);
        run.code(5)
            .stderr_has("this sweep found 1 newly breached deadline (exit status 5):")
            .stderr_has(&format!("\n  {report} ("))
            .stderr_has(&named)
            .stdout_has(&format!("{report},"));
        let payload = text_of(
            &env,
            &format!(
                "SELECT payload FROM events WHERE action = 'remind' AND id = (SELECT reminded_overdue FROM clocks WHERE id = {clock})"
            ),
        );
        let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
        assert_eq!(payload["threshold"], "overdue");
        assert_eq!(payload["replaced_mark"], mark);
        // Said once: the next run finds the mark its own.
        env.cron_sweep(RECEPTION, &["--lang", "en"]).success();
        if !forged {
            env.run_as(AUDITOR, &["audit", "verify"]).success();
        }
        env.run_as(RECEPTION, &["sweep", "--dry-run"]).success();
    }
}

/// As `append_forged`, the event claiming to seal the report's row: a made-up row digest
/// besides the made-up link and hash.
fn append_forged_seal(env: &TestEnv, report_id: i64, at: &str, action: &str) -> i64 {
    let conn = env.writable();
    conn.execute(
        "INSERT INTO events (id, report_id, at, actor, action, from_status, to_status, payload,
                             report_hash, prev_hash, hash, login, recorded_at)
         VALUES ((SELECT max(id) + 1 FROM events), ?1, ?2, ?3, ?4, NULL, NULL, '{}',
                 randomblob(32), randomblob(32), randomblob(32), 'root', ?2)",
        rusqlite::params![report_id, at, ADMIN, action],
    )
    .unwrap();
    conn.query_row("SELECT max(id) FROM events", [], |r| r.get(0))
        .unwrap()
}

/// The refusal of a step over an event appended with `sqlite3` as the report's last seal,
/// whole in each language: the event named, nothing recorded and why, and the way back.
#[test]
fn a_step_refused_over_an_appended_seal_is_worded_whole_in_both_languages() {
    let env = TestEnv::validated();
    let forged = append_forged_seal(&env, 7, "2026-10-05T07:30:00+07:00", "classify");
    let erase = |lang: &str| {
        env.run_as(
            ADMIN,
            &[
                "--lang",
                lang,
                "erase",
                "7",
                "--reason",
                "Công dân yêu cầu xóa",
            ],
        )
    };
    let run = erase("vi");
    run.code(5);
    assert_eq!(
        run.stderr,
        format!(
            "phananh: Phản ánh 7 (sự kiện {forged}): sự kiện niêm phong cuối của nó không khớp với chuỗi nhật ký (được thêm hoặc thay ngoài phananh), nên không đối chiếu được hàng dữ liệu với nó. Bước này không được ghi, để không niêm phong tiếp lên một sự kiện không khớp với chuỗi nhật ký. Chạy `phananh audit verify` để xem chỗ sửa, rồi khôi phục bản sao lưu (`phananh restore`).\n"
        )
    );
    let run = erase("en");
    run.code(5);
    assert_eq!(
        run.stderr,
        format!(
            "phananh: report 7 (event {forged}): the last event that sealed it does not hold in the chain (appended or replaced outside phananh), so the row cannot be checked against it. This step was not recorded, so as not to seal over an event that does not hold. Run `phananh audit verify` to see the edit, then restore a backup (`phananh restore`)\n"
        )
    );
}

/// An event appended with `sqlite3` (made-up hashes, a made-up
/// row digest) about a report whose row nobody touched. Every step on the report, a run over
/// the queue and `audit verify` said the row was edited ("its row no longer matches the
/// log's last seal … so as not to seal the edited row"; "edited after it was written"). They
/// now name the event that does not hold in the chain, appended or replaced, in both
/// languages, and blame no row.
#[test]
fn an_event_appended_for_an_untouched_report_is_named_not_its_row() {
    let env = TestEnv::validated();
    let forged = append_forged_seal(&env, 7, "2026-10-05T07:30:00+07:00", "classify");
    let row_blamed = [
        "its row no longer matches",
        "edited row",
        "edited after it was written",
    ];
    let run = env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "erase",
            "7",
            "--reason",
            "Công dân yêu cầu xóa",
        ],
    );
    run.code(5)
        .stderr_has(&format!(
            "report 7 (event {forged}): the last event that sealed it does not hold in the chain (appended or replaced outside phananh), so the row cannot be checked against it. This step was not recorded, so as not to seal over an event that does not hold"
        ));
    for blame in row_blamed {
        run.never_shows(blame);
    }
    env.run_as(ADMIN, &["erase", "7", "--reason", "Công dân yêu cầu xóa"])
        .code(5)
        .stderr_has(&format!(
            "Phản ánh 7 (sự kiện {forged}): sự kiện niêm phong cuối của nó không khớp với chuỗi nhật ký (được thêm hoặc thay ngoài phananh)"
        ))
        .stderr_has("để không niêm phong tiếp lên một sự kiện không khớp với chuỗi nhật ký")
        .never_shows("đã bị sửa ngoài phananh");
    let run = env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"]);
    run.code(5).stderr_has(&format!(
        "event {forged}: its stored hash does not match its content: the event does not hold in the chain (appended, replaced or edited outside phananh)"
    ));
    for blame in row_blamed {
        run.never_shows(blame);
    }
    env.run_as(AUDITOR, &["audit", "verify"])
        .code(5)
        .stderr_has(&format!(
            "sự kiện {forged}: mã băm đã lưu không khớp với nội dung, nên sự kiện không khớp với chuỗi nhật ký (được thêm, thay hoặc sửa ngoài phananh)"
        ));

    // A run over the queue names it the same way and checks the others.
    let env = TestEnv::ingested();
    let forged = append_forged_seal(&env, 170, "2026-10-05T07:30:00+07:00", "classify");
    let run = env.run_as(RECEPTION, &["--lang", "en", "validate"]);
    run.code(5)
        .stderr_has(&format!(
            "report 170 (event {forged}): the last event that sealed it does not hold in the chain"
        ))
        .stderr_has("It was not checked and stays received, so as not to seal over an event that does not hold; 339 other reports were checked");
    for blame in row_blamed {
        run.never_shows(blame);
    }
    assert_eq!(env.status_of_unvouched("170"), "received");
}

/// A reveal appended with `sqlite3` under a colleague's name
/// (hashes made up) was listed by `audit reveals` as theirs, exit 0: the inspector's list of
/// who saw whose identity framed a clerk, and only `audit verify` said otherwise. It is still
/// listed (evidence), and named as an event that does not hold, exit 5, in both languages.
#[test]
fn a_reveal_appended_with_sqlite3_is_listed_and_named_as_not_holding() {
    let env = TestEnv::validated();
    let forged = append_forged(
        &env,
        Some(24),
        "2026-10-05T07:30:00+07:00",
        "tiepnhan.khang",
        "reveal",
        &serde_json::json!({"reason": "xem cho biết"}).to_string(),
    );
    let run = env.run_as(
        AUDITOR,
        &[
            "--lang", "en", "--format", "json", "audit", "reveals", "--report", "24",
        ],
    );
    run.code(5).stderr_has(&format!(
        "event {forged} listed above does not hold in the audit chain (appended or replaced outside phananh; event {forged}: its stored hash does not match its content"
    ));
    assert!(
        array(&run.json()).iter().any(|l| l["event"] == forged),
        "still listed: {run}"
    );
    env.run_as(AUDITOR, &["audit", "reveals"])
        .code(5)
        .stderr_has(&format!(
            "Sự kiện {forged} trong danh sách trên không khớp với chuỗi nhật ký"
        ));
    // An honest reveal lists as before.
    let env = TestEnv::validated();
    env.run_as(
        ADMIN,
        &["show", "24", "--reveal", "--reason", "kiểm tra hồ sơ"],
    )
    .success();
    env.run_as(AUDITOR, &["audit", "reveals", "--report", "24"])
        .success();
}

/// `sweep.due_soon_minutes` written with `sqlite3` as -100000
/// (`settings set` takes 0 to 1440) pulled the sweep's horizon weeks before now: no clock
/// was due, a deadline just broken was never reminded, `--fail-on-breach` exit 0. A value
/// outside the bounds reads as the nearest one, and a row the log does not vouch for gives
/// way to the default and is named (exit 5, after the breach notice).
#[test]
fn a_warning_time_edited_with_sqlite3_hides_no_breach() {
    let mut env = TestEnv::validated();
    let (_, report, due, next) = breaking_alone(&env);
    env.set_now(&due);
    env.cron_sweep(RECEPTION, &["--quiet"]).code(3);
    env.writable()
        .execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('sweep.due_soon_minutes', '-100000')",
            [],
        )
        .unwrap();
    env.set_now(&next);
    let run = env.cron_sweep(RECEPTION, &["--lang", "en"]);
    run.code(5)
        .stderr_has("this sweep found 1 newly breached deadline (exit status 5):")
        .stderr_has(&format!("\n  {report} ("))
        .stderr_has("the log does not vouch for the setting sweep.due_soon_minutes: settings row ")
        .stderr_has("The sweep looked 30 min ahead, the default, instead");
    env.run_as(RECEPTION, &["sweep", "--dry-run"])
        .code(5)
        .stderr_has("Nhật ký không xác nhận thiết lập sweep.due_soon_minutes");
}

/// A reveal deleted from the middle of the log with `sqlite3` (triggers
/// dropped and put back), or turned into another kind of event with its hash left as it was,
/// left no line for `audit reveals` to judge: the inspector's list came out clean, exit 0,
/// and only `audit verify` said that the chain was broken. `audit reveals` walks the chain
/// too now and says the list may lack what was there (exit 5), whatever report or period it
/// was asked for. Deleting the newest events stays out of reach of the file alone
/// (SECURITY.md: a signed checkpoint shows it).
#[test]
fn a_reveal_deleted_or_disguised_with_sqlite3_is_named_by_audit_reveals() {
    let reveal = |env: &TestEnv, id: &str| -> i64 {
        env.run_as(
            RECEPTION,
            &["show", id, "--reveal", "--reason", "gọi lại xác minh"],
        )
        .success();
        env.count("SELECT max(id) FROM events WHERE action = 'reveal'")
    };
    let reveals_of = |env: &TestEnv, report: &str| {
        env.run_as(
            AUDITOR,
            &[
                "--lang", "en", "--format", "json", "audit", "reveals", "--report", report,
            ],
        )
    };
    let env = TestEnv::validated();
    let hidden = reveal(&env, "5");
    reveal(&env, "6");
    reveals_of(&env, "5").success();
    env.tamper_without_triggers(
        &["events_are_append_only_delete"],
        &format!("DELETE FROM events WHERE id = {hidden}"),
    );
    let run = reveals_of(&env, "5");
    run.code(5).stderr_has(&format!(
        "audit chain broken: event {}: it does not follow event {}",
        hidden + 1,
        hidden - 1
    ));
    run.stderr_has("a reveal or a full export removed or changed there would be missing from the list above, which may be incomplete. Run `phananh audit verify`");
    assert!(array(&run.json()).is_empty(), "{run}");
    // The reveal after the hole is listed, and named for its broken link.
    env.run_as(AUDITOR, &["audit", "reveals", "--report", "6"])
        .code(5)
        .stderr_has("không khớp với chuỗi nhật ký");
    // A period with no line at all, by either of a line's times (the claimed one is
    // pinned, the one it was written at is the machine's).
    env.run_as(
        AUDITOR,
        &[
            "audit",
            "reveals",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-31",
        ],
    )
    .code(5)
    .stderr_has("Chuỗi nhật ký bị phá vỡ: sự kiện");

    let env = TestEnv::validated();
    let disguised = reveal(&env, "5");
    env.tamper_without_triggers(
        &["events_are_append_only_update"],
        &format!("UPDATE events SET action = 'refused' WHERE id = {disguised}"),
    );
    reveals_of(&env, "5")
        .code(5)
        .stderr_has(&format!("audit chain broken: event {disguised}"));
}

/// `audit reveals --report N` (a reporter's "who saw my data?") finds the full exports that
/// held the report by its submission time: that time moved out of an export's period with
/// `sqlite3` took the export off the answer, exit 0. The report's row is now judged against
/// the log's last seal, and an edited one is named after the lines, exit 5.
#[test]
fn the_reveals_of_a_report_whose_submission_time_was_moved_with_sqlite3_name_the_row() {
    let mut env = TestEnv::demo();
    env.set_now("2026-12-07T09:00:00+07:00");
    env.run_as(
        ADMIN,
        &[
            "export",
            "csv",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
            "--reason",
            "đối chiếu số liệu",
        ],
    )
    .success();
    let report: i64 = env
        .read_only()
        .query_row(
            "SELECT id FROM reports WHERE submitted_at >= '2026-10-10'
               AND submitted_at < '2026-10-11' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let id = report.to_string();
    let reveals = [
        "--lang", "en", "--format", "csv", "audit", "reveals", "--report", &id,
    ];
    let exported = ",export_full,";
    let honest = env.run_as(AUDITOR, &reveals);
    honest.success();
    assert!(honest.stdout.contains(exported), "{honest}");
    let sql = format!(
        "UPDATE reports SET submitted_at = replace(submitted_at, '2026-10-', '2026-09-')
          WHERE id = {report}"
    );
    assert_eq!(env.writable().execute(&sql, []).unwrap(), 1);
    let run = env.run_as(AUDITOR, &reveals);
    run.code(5)
        .stderr_has(&format!("report {report} was changed outside phananh"))
        .stderr_has("audit verify");
}

/// A clock row edited with `sqlite3` on a deadline about to break — its
/// deadline moved a day later, the clock stopped by hand, or the row deleted — dropped the
/// clock out of the sweep's list: no reminder, `--fail-on-breach` exit 0, only `audit
/// verify` said anything. The sweep now checks each open clock not yet due against the
/// deadline its start step gives, and each report still waiting on a step against the
/// clock of that step, and names what does not hold (exit 5, after any breach notice), in
/// both languages, changing nothing; the dry run says the same.
#[test]
fn a_clock_edited_with_sqlite3_hides_no_breach() {
    let mut start = TestEnv::validated();
    let (clock, report, due, next) = breaking_alone(&start);
    start.set_now(&due);
    start.cron_sweep(RECEPTION, &["--quiet"]).code(3);
    let before = start.snapshot();
    let later = (chrono::DateTime::parse_from_rfc3339(&due).unwrap() + chrono::Duration::days(1))
        .to_rfc3339();
    let edits = [
        format!("UPDATE clocks SET due_at = '{later}' WHERE id = {clock}"),
        format!("UPDATE clocks SET stopped_at = '{due}', breached = 0 WHERE id = {clock}"),
        format!("DELETE FROM clocks WHERE id = {clock}"),
    ];
    let named = [
        format!("the log does not vouch for a clock: clock {clock} (report {report}, "),
        format!("the log does not vouch for a clock: report {report} still waits on its "),
        format!("the log does not vouch for a clock: report {report} still waits on its "),
    ];
    let said = [
        ", but the log gives ".to_owned(),
        format!("but no clock of that step runs (the last, clock {clock}, is stopped)"),
        "step, but has no clock of that step".to_owned(),
    ];
    for ((edit, named), said) in edits.iter().zip(&named).zip(&said) {
        let mut env = TestEnv::from_bytes(&before);
        env.set_now(&next);
        assert_eq!(env.writable().execute(edit, []).unwrap(), 1, "{edit}");
        env.run_as(
            RECEPTION,
            &["--lang", "en", "sweep", "--dry-run", "--fail-on-breach"],
        )
        .code(5)
        .stderr_has(named)
        .stderr_has(said)
        .stderr_has("perhaps to hide a breach");
        let row = format!(
            "SELECT coalesce((SELECT due_at || quote(stopped_at) FROM clocks WHERE id = {clock}), 'gone')"
        );
        let edited = text_of(&env, &row);
        env.cron_sweep(RECEPTION, &["--lang", "en"])
            .code(5)
            .stderr_has(named)
            .stderr_has(said)
            .stderr_has("this sweep changed nothing. Run `phananh audit verify`");
        assert_eq!(
            text_of(&env, &row),
            edited,
            "{edit}: the sweep changed the clock"
        );
        env.run_as(RECEPTION, &["sweep", "--quiet"])
            .code(5)
            .stderr_has("Thời hạn không khớp nhật ký: ")
            .stderr_has("bị sửa ngoài phananh, có thể để giấu một hạn bị quá");
        env.run_as(AUDITOR, &["audit", "verify"]).code(5);
    }
    // Untouched, the same sweep finds the breach, and names no clock.
    let mut env = TestEnv::from_bytes(&before);
    env.set_now(&next);
    let run = env.cron_sweep(RECEPTION, &["--lang", "en"]);
    run.code(3)
        .stderr_has("this sweep found 1 newly breached deadline (exit status 3):")
        .stderr_has(&format!("\n  {report} ("));
    assert!(!run.stderr.contains("vouch"), "{}", run.stderr);
}

/// The same instant written as SQLite text in another form than the one phananh stores
/// (RFC 3339 at +07:00 to the second, whose text order is time order): `02/08/2026 09:15:00`,
/// `2026-08-02 09:15:00`, `2026-08-02T02:15:00Z`, `2026-08-02t09:15:00+07:00`, and last the
/// one that sorts latest, up to a day later: `2026-08-03t02:14:00+23:59`.
fn other_forms(stored: &str) -> Vec<String> {
    let at = chrono::DateTime::parse_from_rfc3339(stored).unwrap();
    let far_east = chrono::FixedOffset::east_opt(24 * 3600 - 60).unwrap();
    vec![
        at.format("%d/%m/%Y %H:%M:%S").to_string(),
        at.format("%Y-%m-%d %H:%M:%S").to_string(),
        at.with_timezone(&chrono::Utc)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
        at.format("%Y-%m-%dt%H:%M:%S%:z").to_string(),
        at.with_timezone(&far_east)
            .format("%Y-%m-%dt%H:%M:%S%:z")
            .to_string(),
    ]
}

/// A report's submission time rewritten with `sqlite3` as the
/// same instant in another form. The seal digests the time as read, so the row still
/// verified (exit 0), while every period is a comparison of the stored text: the report left
/// its month's `report` and its quarter's `score` (`01/10/2026 …` sorts before every
/// period). A stored time not in the form phananh writes is now a row edited outside it.
#[test]
fn a_submission_time_rewritten_in_another_form_is_named() {
    let start = TestEnv::validated();
    let before = start.snapshot();
    let submitted = text_of(&start, "SELECT submitted_at FROM reports WHERE id = 7");
    for form in other_forms(&submitted) {
        let env = TestEnv::from_bytes(&before);
        let edit = format!("UPDATE reports SET submitted_at = '{form}' WHERE id = 7");
        assert_eq!(env.writable().execute(&edit, []).unwrap(), 1, "{edit}");
        env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
            .code(5)
            .stderr_has("report 7: the row differs from what event ");
    }
    // In the reception queue, the desk's `validate` leaves such a row as it found it, seals
    // nothing of it, names it (exit 5), and checks the others.
    let ingested = TestEnv::ingested();
    let received = ingested.count("SELECT count(*) FROM reports WHERE status = 'received'");
    let form = other_forms(&text_of(
        &ingested,
        "SELECT submitted_at FROM reports WHERE id = 7",
    ))
    .remove(0);
    let edit = format!("UPDATE reports SET submitted_at = '{form}' WHERE id = 7");
    assert_eq!(ingested.writable().execute(&edit, []).unwrap(), 1, "{edit}");
    ingested
        .run_as(RECEPTION, &["--lang", "en", "validate"])
        .code(5)
        .stderr_has("1 report changed outside phananh left unchecked: 7")
        .stderr_has("report 7 was changed outside phananh")
        .stderr_has("339 other reports were checked");
    assert!(received > 1);
    assert_eq!(
        ingested.count("SELECT count(*) FROM reports WHERE status = 'received'"),
        1,
        "the others were checked"
    );
    assert_eq!(
        text_of(
            &ingested,
            "SELECT status || submitted_at FROM reports WHERE id = 7"
        ),
        format!("received{form}")
    );
}

/// Its deadline rewritten as the same instant at
/// +23:59 with a lower-case `t` sorts in text up to a day after the deadline, so the sweep,
/// which picks the clocks due by comparing the stored text, left a breached clock out
/// (exit 0), and its check of the clocks not yet due read the same instant and passed it;
/// `audit verify` passed it too. Both now name the clock.
#[test]
fn a_deadline_rewritten_in_another_form_hides_no_breach() {
    let mut start = TestEnv::validated();
    let (clock, report, due, next) = breaking_alone(&start);
    start.set_now(&due);
    start.cron_sweep(RECEPTION, &["--quiet"]).code(3);
    let before = start.snapshot();
    let form = other_forms(&due).pop().unwrap();
    let mut env = TestEnv::from_bytes(&before);
    env.set_now(&next);
    let edit = format!("UPDATE clocks SET due_at = '{form}' WHERE id = {clock}");
    assert_eq!(env.writable().execute(&edit, []).unwrap(), 1, "{edit}");
    let named = format!("the log does not vouch for a clock: clock {clock} (report {report}, ");
    env.run_as(
        RECEPTION,
        &["--lang", "en", "sweep", "--dry-run", "--fail-on-breach"],
    )
    .code(5)
    .stderr_has(&named);
    env.cron_sweep(RECEPTION, &["--lang", "en"])
        .code(5)
        .stderr_has(&named);
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stderr_has(&format!("clock {clock} (report {report}, "))
        .stderr_has("its deadline differs");
}

/// A day off inserted into `calendar_days` with `sqlite3` (or a
/// working-hours setting) changes the calendar's version, which the sweep took for a newer
/// schedule shipped with phananh: the honest cron sweep moved every open deadline under the
/// forged calendar, sealed that as its own `calendar_adopt`, and mailed no breach (exit 0),
/// while only `audit verify` named the row. The sweep now moves no deadline under a calendar
/// the log does not vouch for: it names the row (exit 5, after the breach notice), reminds
/// by the deadlines as they stood, and writes no `calendar_adopt`; the dry run says the same.
#[test]
fn a_calendar_edited_with_sqlite3_moves_no_deadline() {
    let mut start = TestEnv::validated();
    let (clock, report, due, next) = breaking_alone(&start);
    start.set_now(&due);
    start.cron_sweep(RECEPTION, &["--quiet"]).code(3);
    let before = start.snapshot();
    let day = &next[..10];
    let edits = [
        (
            format!("INSERT INTO calendar_days VALUES ('{day}', 'off', 'Nghỉ', '')"),
            format!("calendar_days row \"{day}\": "),
        ),
        (
            "INSERT OR REPLACE INTO settings VALUES ('calendar.working_hours', '07:00-11:00,13:00-23:00')"
                .to_owned(),
            "settings row \"calendar.working_hours\": ".to_owned(),
        ),
    ];
    let deadlines = "SELECT group_concat(id || due_at, ',') FROM clocks WHERE stopped_at IS NULL";
    for (edit, named) in &edits {
        let mut env = TestEnv::from_bytes(&before);
        env.set_now(&next);
        assert_eq!(env.writable().execute(edit, []).unwrap(), 1, "{edit}");
        let stood = text_of(&env, deadlines);
        env.run_as(
            RECEPTION,
            &["--lang", "en", "sweep", "--dry-run", "--fail-on-breach"],
        )
        .code(5)
        .stderr_has(named);
        env.cron_sweep(RECEPTION, &["--lang", "en"])
            .code(5)
            .stderr_has("this sweep found 1 newly breached deadline")
            .stderr_has(&format!("\n  {report} ("))
            .stderr_has(named)
            .stderr_has("moved no deadline");
        assert_eq!(text_of(&env, deadlines), stood, "{edit}: deadlines moved");
        assert_eq!(
            env.count("SELECT count(*) FROM events WHERE action = 'calendar_adopt'"),
            0,
            "{edit}"
        );
        assert_eq!(
            env.count(&format!(
                "SELECT count(*) FROM clocks WHERE id = {clock} AND reminded_overdue IS NOT NULL"
            )),
            1,
            "{edit}: the breach was not reminded"
        );
    }
}

/// A score weight inserted into `settings` with `sqlite3` gave
/// every agency another score in the CSV Home Affairs takes (88.17 became 93.15), exit 0,
/// and a day off inserted into `calendar_days` changed the report's deadlines as silently;
/// only `audit verify` and `settings show` named the row. `score` and `report` now refuse
/// (exit 5), naming the row, and print nothing.
#[test]
fn a_score_or_report_over_a_setting_or_day_edited_with_sqlite3_is_refused() {
    let demo = TestEnv::demo();
    let before = demo.snapshot();
    let score = ["--lang", "en", "--format", "csv", "score", "--year", "2026"];
    let report = ["--lang", "en", "report", "monthly", "--period", "2026-10"];
    // The rules Home Affairs reads before trusting a score: the weights a forged row sets.
    let explain = ["--lang", "en", "score", "--explain"];
    demo.run_as(AUDITOR, &score).success();
    demo.run_as(LEADER, &report).success();
    demo.run_as(AUDITOR, &explain).success();
    let edits = [
        (
            "INSERT INTO settings VALUES ('score.weight_returns', '0.9')",
            "settings row \"score.weight_returns\": no event records it",
        ),
        (
            "INSERT INTO calendar_days VALUES ('2026-10-15', 'off', 'Nghỉ', '')",
            "calendar_days row \"2026-10-15\": no event records it",
        ),
    ];
    for (edit, named) in edits {
        let env = TestEnv::from_bytes(&before);
        assert_eq!(env.writable().execute(edit, []).unwrap(), 1, "{edit}");
        for (user, args) in [
            (AUDITOR, &score[..]),
            (LEADER, &report[..]),
            (AUDITOR, &explain[..]),
        ] {
            let run = env.run_as(user, args);
            run.code(5).stderr_has(named).stderr_has("audit verify");
            assert!(run.stdout.is_empty(), "{edit}: {}", run.stdout);
        }
    }
}

/// Runs `phananh --as USER ARGS` on `env` held at the debug build's pause point `point`
/// (`app::pause_point`), applies `sql` to the file meanwhile as an insider's `sqlite3` would,
/// and returns the run, which must have succeeded: the races below are won by reading in one
/// snapshot, not by refusing.
fn edited_while_held(env: &TestEnv, user: &str, args: &[&str], point: &str, sql: &str) -> Run {
    let run = run_paused_at(env, user, args, point, || {
        env.writable().execute_batch(sql).unwrap();
    });
    run.success();
    run
}

/// Runs `phananh --as USER ARGS` on `start` (an honest run, which must print `honest_has`),
/// then on a copy of its file with `sql` applied while the run is held at `point`: the held
/// run must print the same bytes. Returns the copy, the edit still in it.
fn prints_as_honestly_under_an_edit_while_held(
    start: &TestEnv,
    user: &str,
    args: &[&str],
    honest_has: &str,
    point: &str,
    sql: &str,
) -> TestEnv {
    let honest = start.run_as(user, args);
    honest.success();
    assert!(honest.stdout.contains(honest_has), "{}", honest.stdout);
    let env = TestEnv::from_bytes(&start.snapshot());
    let run = edited_while_held(&env, user, args, point, sql);
    assert!(run.stdout == honest.stdout, "{args:?}: {}", run.stdout);
    env
}

/// The reception check's Vietnamese-syllable threshold raised to its maximum: nearly every
/// report would be rejected as not written in Vietnamese.
const RAISED_SYLLABLE_SHARE: &str =
    "INSERT OR REPLACE INTO settings VALUES ('validate.min_syllable_share', '1')";

/// The same weight raised with `sqlite3` while `score` runs, once its judgement of the
/// settings is made (played at the debug build's pause point there): the weights were read
/// after the whole period was counted, and Home Affairs' CSV gave every agency the forged
/// score, exit 0. `score` and `report` now read everything in one snapshot of the file:
/// the sheet is the one the log vouches for, and the edit is named by the next run.
#[test]
fn a_score_over_a_weight_raised_while_it_runs_prints_the_vouched_sheet() {
    let score = ["--lang", "en", "--format", "csv", "score", "--year", "2026"];
    let env = prints_as_honestly_under_an_edit_while_held(
        &TestEnv::demo(),
        AUDITOR,
        &score,
        "SXD,",
        "figures:checked",
        "INSERT INTO settings VALUES ('score.weight_returns', '0.9')",
    );
    env.run_as(AUDITOR, &score)
        .code(5)
        .stderr_has("settings row \"score.weight_returns\"");
}

/// Two fields' names swapped with `sqlite3` while a public export runs, once its judgement
/// of the names it prints is made (played at the debug build's pause point there): the rows,
/// read afterwards, gave every road report as Môi trường in the public feed and CSV, exit 0.
/// A public export now reads its rows in the snapshot it judged the names in: it prints
/// what the log vouches for.
#[test]
fn a_public_export_over_field_names_swapped_while_it_runs_prints_the_vouched_names() {
    let start = TestEnv::assigned_to_sxd();
    for (user, args) in &EXPORTS[..2] {
        prints_as_honestly_under_an_edit_while_held(
            &start,
            user,
            args,
            "Giao thông",
            "export:checked",
            "UPDATE fields SET name = CASE code WHEN 'GT' THEN 'Môi trường'
                                                ELSE 'Giao thông' END
              WHERE code IN ('GT', 'MT')",
        );
    }
}

/// Two agencies' names swapped with `sqlite3` while `list --due` runs, once its judgement
/// of the names is made (played at the debug build's pause point there): its rows, read
/// afterwards, gave Sở Xây dựng's case to Sở Y tế by name, exit 0. The list now reads its
/// rows in the snapshot it judged the names in.
#[test]
fn a_due_list_over_agency_names_swapped_while_it_runs_prints_the_vouched_names() {
    let due = [
        "--lang",
        "en",
        "--format",
        "csv",
        "list",
        "--due",
        "2026-10-05",
    ];
    prints_as_honestly_under_an_edit_while_held(
        &TestEnv::assigned_to_sxd(),
        RECEPTION,
        &due,
        "SXD,Sở Xây dựng tỉnh Cà Mau,5,",
        "due:checked",
        SWAP_SXD_AND_SYT_NAMES,
    );
}

/// `list --due` printed each due clock's report as its row stands: an open report made
/// urgent with `sqlite3` was listed first, "urgent", above every case the desk had due, and
/// its app id rewritten was printed as the report's, exit 0. The rows it prints are now
/// judged against the log's last seal, as `list`'s are, and named after them, exit 5.
#[test]
fn a_due_list_over_a_report_row_edited_with_sqlite3_names_the_row() {
    let mut start = TestEnv::demo();
    start.set_now("2026-12-07T09:00:00+07:00");
    let before = start.snapshot();
    // An open report not urgent, with a duty clock due by the list's day.
    let report: i64 = start
        .read_only()
        .query_row(
            "SELECT r.id FROM reports r JOIN clocks c ON c.report_id = r.id
              WHERE r.urgent = 0 AND c.stopped_at IS NULL AND c.stage <> 'return'
                AND c.due_at < '2026-12-31'
              ORDER BY r.id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let due = [
        "--lang",
        "en",
        "--format",
        "csv",
        "list",
        "--due",
        "2026-12-31",
    ];
    let honest = start.run_as(RECEPTION, &due);
    honest.success();
    let row = |stdout: &str| {
        stdout
            .lines()
            .find(|line| line.contains(&format!(",{report},")))
            .map(str::to_owned)
    };
    assert!(row(&honest.stdout).unwrap().contains(",false,"), "{honest}");
    for edit in [
        "urgent = 1".to_owned(),
        format!("external_id = 'CMG-2026-9{report:05}'"),
    ] {
        let env = TestEnv::from_bytes(&before);
        let sql = format!("UPDATE reports SET {edit} WHERE id = {report}");
        assert_eq!(env.writable().execute(&sql, []).unwrap(), 1, "{sql}");
        let run = env.run_as(RECEPTION, &due);
        assert!(row(&run.stdout).is_some(), "{edit}: {run}");
        run.code(5)
            .stderr_has(&format!(
                "report {report} was changed outside phananh: its row no longer matches the log's last seal"
            ))
            .stderr_has("audit verify");
    }
}

/// A report row no version of phananh writes (a time that is none) stops a step on it: it
/// is named as an edit (exit 5), saying what to do, not in SQLite's words ("Conversion
/// error from type Text at index: 2", exit 1).
#[test]
fn a_report_row_phananh_cannot_have_written_is_named_as_an_edit() {
    let env = TestEnv::validated();
    let edit = "UPDATE reports SET submitted_at = 'hôm qua' WHERE id = 7";
    assert_eq!(env.writable().execute(edit, []).unwrap(), 1);
    env.run_as(ADMIN, &["--lang", "en", "show", "7"])
        .code(5)
        .stderr_has("report 7: its row is not as phananh writes it")
        .stderr_has("Run `phananh audit verify`");
    env.run_as(ADMIN, &["show", "7"])
        .code(5)
        .stderr_has("phản ánh 7: dòng dữ liệu không như phananh ghi");
}

/// A day off inserted into `calendar_days` with `sqlite3`, then
/// an honest admin's change of another day (or of a deadline setting): the change
/// recomputed every open clock under the forged day too and sealed the result as the
/// admin's, taking back breaches the forged day alone took back. It is now refused (exit 5),
/// naming the row, changing nothing. So is a change of the forged day itself: it sealed the day anew, and its event logged the forged line as the one it
/// `replaced` (or `removed`), which every report as of an earlier moment and `audit
/// verify`'s judgement of stopped clocks take for the calendar then in force.
#[test]
fn a_calendar_change_over_a_day_edited_with_sqlite3_is_refused() {
    let env = TestEnv::validated();
    let edit = "INSERT INTO calendar_days VALUES ('2026-10-06', 'off', 'Nghỉ', '')";
    assert_eq!(env.writable().execute(edit, []).unwrap(), 1);
    let before = env.fingerprint();
    let named = "calendar_days row \"2026-10-06\": no event records it";
    for args in [
        &["calendar", "add-holiday", "2026-10-09", "--name", "Bão"][..],
        &["calendar", "add-workday", "2026-10-10", "--name", "Làm bù"][..],
        &["settings", "set", "deadline.process.working_hours", "8"][..],
    ] {
        let all = in_english(args);
        env.run_as(ADMIN, &all)
            .code(5)
            .stderr_has("nothing was changed: the log does not vouch for ")
            .stderr_has(named);
        env.assert_unchanged(&before);
    }
    for args in [
        &["calendar", "add-holiday", "2026-10-06", "--name", "Nghỉ"][..],
        &["calendar", "add-workday", "2026-10-06", "--name", "Làm bù"][..],
        &["calendar", "remove", "2026-10-06"][..],
    ] {
        let all = in_english(args);
        env.run_as(ADMIN, &all)
            .code(5)
            .stderr_has("nothing was changed: the log does not vouch for ")
            .stderr_has(named);
        env.assert_unchanged(&before);
    }
    env.run_as(AUDITOR, &["audit", "verify"])
        .code(5)
        .stderr_has("2026-10-06");
}

/// `report` and `score` pick a period's reports by comparing
/// the stored submission time as text, so one rewritten as the same instant in another
/// form (`01/10/2026 07:19:38`) left October's report and the year's scores, exit 0, until
/// someone ran `audit verify`. Both now refuse (exit 5), naming the report, printing nothing.
#[test]
fn a_report_or_score_with_a_submission_time_in_another_form_is_refused() {
    let env = TestEnv::demo();
    let id = env.count(
        "SELECT min(id) FROM reports WHERE submitted_at >= '2026-10-01' AND agency IS NOT NULL",
    );
    let submitted = text_of(
        &env,
        &format!("SELECT submitted_at FROM reports WHERE id = {id}"),
    );
    let form = other_forms(&submitted).remove(0);
    let edit = format!("UPDATE reports SET submitted_at = '{form}' WHERE id = {id}");
    assert_eq!(env.writable().execute(&edit, []).unwrap(), 1, "{edit}");
    for (user, args) in [
        (
            LEADER,
            &["--lang", "en", "report", "monthly", "--period", "2026-10"][..],
        ),
        (AUDITOR, &["--lang", "en", "score", "--year", "2026"][..]),
    ] {
        let run = env.run_as(user, args);
        run.code(5)
            .stderr_has(&format!(
                "report {id}: its submission time is stored as \"{form}\""
            ))
            .stderr_has("audit verify");
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
}

/// A September report moved into October with `sqlite3`, in the stored form, its dispatch
/// clock (which starts at the submission) moved with it by the same week, so that every
/// clock still holds against the log and the calendar: October's report and the year's
/// score counted it, exit 0, while `audit verify` named the row. Both now judge the seals
/// of the rows they count and, after the figures, name the row in `list`'s words, exit 5,
/// in every form. September's report, which no longer counts the row, names it too: its
/// arrival seals it as sent in September
/// (`a_report_or_score_over_a_report_moved_out_of_its_month_names_it`).
#[test]
fn a_report_over_a_report_moved_into_its_month_with_sqlite3_names_it() {
    let env = TestEnv::demo();
    let october = ["--lang", "en", "report", "monthly", "--period", "2026-10"];
    let score = ["--lang", "en", "score", "--year", "2026"];
    env.run_as(LEADER, &october).success();
    env.run_as(AUDITOR, &score).success();
    let id = env.count(
        "SELECT min(id) FROM reports WHERE submitted_at >= '2026-09-24'
            AND submitted_at < '2026-10-01' AND status = 'published'",
    );
    let week_later = |column: &str| {
        format!("strftime('%Y-%m-%dT%H:%M:%S', substr({column}, 1, 19), '+7 days') || '+07:00'")
    };
    let conn = env.writable();
    let moved = format!(
        "UPDATE reports SET submitted_at = {} WHERE id = {id}",
        week_later("submitted_at")
    );
    assert_eq!(conn.execute(&moved, []).unwrap(), 1);
    let clock = format!(
        "UPDATE clocks SET started_at = {}, due_at = {} WHERE report_id = {id} AND stage = 'dispatch'",
        week_later("started_at"),
        week_later("due_at")
    );
    assert_eq!(conn.execute(&clock, []).unwrap(), 1);
    drop(conn);
    assert!(
        text_of(
            &env,
            &format!("SELECT submitted_at FROM reports WHERE id = {id}")
        )
        .starts_with("2026-10-")
    );
    let run = env.run_as(LEADER, &october);
    run.code(5)
        .stdout_has("2026")
        .stderr_has(&format!(
            "report {id} was changed outside phananh: its row no longer matches the log's last seal. The figures above counted it as its row stands"
        ))
        .stderr_has("audit verify");
    env.run_as(AUDITOR, &score)
        .code(5)
        .stderr_has(&format!("report {id} was changed outside phananh"))
        .stderr_has("The scores above counted it");
    env.run_as(LEADER, &["report", "monthly", "--period", "2026-10"])
        .code(5)
        .stderr_has(&format!(
            "Phản ánh {id} đã bị sửa ngoài phananh: hàng dữ liệu của nó không còn khớp với lần niêm phong cuối trong nhật ký. Số liệu ở trên đã tính nó"
        ));
    let json = |args: &[&'static str]| [&["--format", "json"], args].concat();
    env.run_as(LEADER, &json(&october))
        .code(5)
        .stderr_has(&format!("report {id} was changed outside phananh"));
    env.run_as(AUDITOR, &json(&score))
        .code(5)
        .stderr_has(&format!("report {id} was changed outside phananh"));
    // The period it left names it too, by the time its arrival sealed.
    env.run_as(
        LEADER,
        &["--lang", "en", "report", "monthly", "--period", "2026-09"],
    )
    .code(5)
    .stderr_has(&format!("report {id} was changed outside phananh"));
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stderr_has(&format!("report {id}"));
}

/// A September report moved into another year with `sqlite3`, its row alone, as an insider
/// with a `sqlite3` shell does: September's report counted one report fewer, and the year's
/// score one case fewer, exit 0, naming nothing; only `audit verify` found the row. The
/// period's membership rested on the row's submission time alone. Its arrival in the log
/// seals the time it was sent (migration 11): both now find the arrivals of the period
/// whose rows left it, and name them as the rows they count, after the figures, exit 5, in
/// every form. An untouched file names nothing.
#[test]
fn a_report_or_score_over_a_report_moved_out_of_its_month_names_it() {
    let env = TestEnv::demo();
    let september: &[&str] = &["--lang", "en", "report", "monthly", "--period", "2026-09"];
    let score: &[&str] = &["--lang", "en", "score", "--year", "2026"];
    let json = |args: &[&'static str]| [&["--format", "json"], args].concat();
    let runs = [
        (LEADER, september.to_vec()),
        (LEADER, json(september)),
        (AUDITOR, score.to_vec()),
        (AUDITOR, json(score)),
    ];
    for (user, args) in &runs {
        let run = env.run_as(user, args);
        run.success();
        assert!(!run.said().contains("outside phananh"), "{run}");
    }
    let received = |run: &Run| run.json()["totals"]["received"].as_i64().unwrap();
    let before = received(env.run_as(LEADER, &json(september)).success());
    let id = env.count(
        "SELECT min(id) FROM reports WHERE submitted_at >= '2026-09-10'
            AND submitted_at < '2026-10-01' AND status = 'published'",
    );
    let conn = env.writable();
    let moved =
        format!("UPDATE reports SET submitted_at = '2025-09-10T08:00:00+07:00' WHERE id = {id}");
    assert_eq!(conn.execute(&moved, []).unwrap(), 1);
    drop(conn);
    for (user, args) in &runs {
        let run = env.run_as(user, args);
        run.code(5)
            .stdout_has("SXD")
            .stderr_has(&format!(
                "report {id} was changed outside phananh: its row no longer matches the log's last seal"
            ))
            .stderr_has("audit verify");
    }
    // The figures are the file's as it stands, one report fewer; the note says why.
    let run = env.run_as(LEADER, &json(september));
    assert_eq!(received(&run), before - 1, "{run}");
    env.run_as(LEADER, &["report", "monthly", "--period", "2026-09"])
        .code(5)
        .stderr_has(&format!("Phản ánh {id} đã bị sửa ngoài phananh"));
    // Another month of the year is not the one it left: no note.
    env.run_as(
        LEADER,
        &["--lang", "en", "report", "monthly", "--period", "2026-08"],
    )
    .success();
}

/// A field of a report counted in the period edited in place with `sqlite3` (its commune,
/// by which the report counts the reports and their ratings): the report printed the
/// figures with it, exit 0. It now names the row after them, exit 5.
#[test]
fn a_report_over_a_report_edited_in_place_with_sqlite3_names_it() {
    let env = TestEnv::demo();
    let october = ["--lang", "en", "report", "monthly", "--period", "2026-10"];
    env.run_as(LEADER, &october).success();
    let id = env.count(
        "SELECT min(id) FROM reports WHERE submitted_at >= '2026-10-01'
            AND submitted_at < '2026-11-01' AND commune <> 'Phường Tân Thành'",
    );
    let edit = format!("UPDATE reports SET commune = 'Phường Tân Thành' WHERE id = {id}");
    assert_eq!(env.writable().execute(&edit, []).unwrap(), 1);
    env.run_as(LEADER, &october)
        .code(5)
        .stdout_has("2026")
        .stderr_has(&format!("report {id} was changed outside phananh"))
        .stderr_has("The figures above counted it as its row stands");
}

/// A clock's stop time rewritten with `sqlite3` as the same instant in another text: the
/// periodic report and the score take a clock as stopped by comparing that text with the
/// moment, so the rewritten one could count as stopped or running by how it was written.
/// Both refuse (exit 5) naming the report, as `audit verify` names it; they printed the
/// figures, exit 0, before.
#[test]
fn a_report_or_score_over_a_clock_stop_in_another_form_is_refused() {
    let env = TestEnv::demo();
    let report = ["--lang", "en", "report", "monthly", "--period", "2026-10"];
    let score = ["--lang", "en", "score", "--period", "2026-Q4"];
    env.run_as(LEADER, &report).success();
    env.run_as(AUDITOR, &score).success();
    let id: i64 = env.count(
        "SELECT c.report_id FROM clocks c JOIN reports r ON r.id = c.report_id
          WHERE c.stopped_at IS NOT NULL AND r.submitted_at >= '2026-10-01'
            AND r.submitted_at < '2026-11-01'
          ORDER BY c.id LIMIT 1",
    );
    let before = env.snapshot();
    // Another form of the instant, and a text of the form on a day no calendar has (the
    // GLOB passes it; the rows read tell it).
    for forged in [
        "replace(stopped_at, 'T', 't')",
        "substr(stopped_at, 1, 8) || '32' || substr(stopped_at, 11)",
    ] {
        let env = TestEnv::from_bytes(&before);
        let edit = format!(
            "UPDATE clocks SET stopped_at = {forged}
              WHERE id = (SELECT min(id) FROM clocks WHERE report_id = {id} AND stopped_at IS NOT NULL)"
        );
        assert_eq!(env.writable().execute(&edit, []).unwrap(), 1);
        for (user, args) in [(LEADER, &report[..]), (AUDITOR, &score[..])] {
            let run = env.run_as(user, args);
            run.code(5)
                .stderr_has(&format!("report {id}: its "))
                .stderr_has("not as phananh writes it")
                .stderr_has("audit verify");
            assert!(run.stdout.is_empty(), "{forged}: {}", run.stdout);
        }
        env.run_as(LEADER, &["report", "monthly", "--period", "2026-10"])
            .code(5)
            .stderr_has(&format!("phản ánh {id}: thời hạn "));
        env.run_as(AUDITOR, &["audit", "verify"]).code(5);
    }
}

/// A setting's row changed with `sqlite3`, then an honest
/// admin's `settings set` of that same key. The change overwrote the row, so `audit
/// verify` passed again; but its event recorded the forged value as the one it replaced
/// (`from`), and `report` and `score` as of any moment before the change read that as the
/// setting then in force (`domain::history` undoes the change), as `audit verify` does for
/// the limits a stopped clock was judged by: the honest change wrote the forgery into the
/// history, as the admin's. Such a key (a deadline limit, a report threshold, a score
/// rule) is now refused over its own row the log does not vouch for, exit 5, changing
/// nothing. A key no report reads as of a past moment is not: `auth.mode` switched to
/// `trust` with `sqlite3` can be put back to `peer` at once.
#[test]
fn a_setting_set_over_its_own_row_edited_with_sqlite3_is_refused() {
    for (key, forged, honest) in [
        ("score.weight_on_time", "0.001", "0.5"),
        ("report.prolonged_returns", "9", "3"),
        ("deadline.process.working_hours", "40", "8"),
    ] {
        let env = TestEnv::demo();
        let edit =
            format!("INSERT OR REPLACE INTO settings (key, value) VALUES ('{key}', '{forged}')");
        assert_eq!(env.writable().execute(&edit, []).unwrap(), 1, "{edit}");
        let before = env.fingerprint();
        env.run_as(ADMIN, &["--lang", "en", "settings", "set", key, honest])
            .code(5)
            .stderr_has("nothing was changed: the log does not vouch for ")
            .stderr_has(&format!("settings row \"{key}\""));
        env.assert_unchanged(&before);
        env.run_as(ADMIN, &["settings", "set", key, honest])
            .code(5)
            .stderr_has("Không đổi gì")
            .stderr_has("audit verify");
        env.assert_unchanged(&before);
    }
    let env = TestEnv::demo();
    // The admin, bound to their login, with the system clock as `peer` mode asks.
    let admin = |args: &[&str]| {
        let mut cmd = env.command();
        cmd.env_remove("PHANANH_NOW").env("SUDO_USER", "boss");
        let mut all = vec!["--as", ADMIN];
        all.extend_from_slice(args);
        Run::of(cmd, &all)
    };
    admin(&["staff", "edit", ADMIN, "--add-login", "boss"]).success();
    admin(&["settings", "set", "auth.mode", "peer"]).success();
    let edit = "UPDATE settings SET value = 'trust' WHERE key = 'auth.mode'";
    assert_eq!(env.writable().execute(edit, []).unwrap(), 1);
    admin(&["settings", "set", "auth.mode", "peer"]).success();
    assert_eq!(
        env.count("SELECT count(*) FROM settings WHERE key = 'auth.mode' AND value = 'peer'"),
        1
    );
}

/// A submission time rewritten with `sqlite3` in the stored shape but on a day no calendar
/// has (`2026-09-31`, `2026-10-32`, hour 24). `audit verify` names the row, but `report` and
/// `score` counted the report in whichever period its text sorts into (September's report
/// gave 112 received instead of 111), exit 0; `list` and `export csv` failed in SQLite's
/// words ("Conversion error from type Text at index: 2", exit 1); `validate` of the queue
/// stopped at the row, checking none of the others. Now the report and the score whose
/// period holds the text refuse, naming it; list and export name it as an edit (exit 5);
/// validate leaves it and goes on, as for any row edited behind its back. A period whose
/// window does not hold the text does not see it, as it does not see a submission time
/// moved to another valid moment: that is `audit verify`'s to name (SECURITY.md), and a
/// look over every report's time at each report would cost every ingest (storage::periodic).
#[test]
fn a_submission_time_on_a_day_no_calendar_has_is_an_edit_everywhere() {
    let start = TestEnv::demo();
    let before = start.snapshot();
    let id = start.count(
        "SELECT min(id) FROM reports WHERE submitted_at >= '2026-10-01' AND agency IS NOT NULL",
    );
    let submitted = text_of(
        &start,
        &format!("SELECT submitted_at FROM reports WHERE id = {id}"),
    );
    let time = &submitted[10..];
    // Each forged text, and the month whose window holds it by its text.
    for (forged, month) in [
        (format!("2026-09-31{time}"), Some("2026-09")),
        (format!("2026-10-32{time}"), Some("2026-10")),
        (format!("2026-10-00{time}"), Some("2026-09")),
        (format!("2026-13-01{time}"), None),
        (
            format!("{}T24{}", &submitted[..10], &submitted[13..]),
            Some("2026-10"),
        ),
    ] {
        let env = TestEnv::from_bytes(&before);
        let edit = format!("UPDATE reports SET submitted_at = '{forged}' WHERE id = {id}");
        assert_eq!(env.writable().execute(&edit, []).unwrap(), 1, "{edit}");
        let mut refusing = vec![(AUDITOR, vec!["--lang", "en", "score", "--year", "2026"])];
        if let Some(month) = month {
            let report = vec!["--lang", "en", "report", "monthly", "--period", month];
            refusing.push((LEADER, report));
        }
        for (user, args) in refusing {
            let run = env.run_as(user, &args);
            run.code(5)
                .stderr_has(&format!(
                    "report {id}: its submission time is stored as \"{forged}\""
                ))
                .stderr_has("audit verify");
            assert!(run.stdout.is_empty(), "{forged}: {}", run.stdout);
        }
        for args in [
            &["--lang", "en", "list", "--format", "csv"][..],
            &[
                "--lang", "en", "export", "csv", "--public", "--out", "x.csv",
            ][..],
            &["--lang", "en", "export", "open311"][..],
        ] {
            env.run_as(ADMIN, args)
                .code(5)
                .stderr_has(&format!("report {id}: its row is not as phananh writes it"))
                .stderr_has("Run `phananh audit verify`");
        }
        env.run_as(AUDITOR, &["audit", "verify"]).code(5);
    }
}

/// The same edit on a report waiting in the queue: `validate` stopped at it (exit 5)
/// and checked none of the others, the whole desk's validation stalled by one `sqlite3`
/// edit. It now leaves it, checks the rest, and names it at the end (exit 5).
#[test]
fn validate_leaves_a_report_whose_submission_time_is_no_date_and_goes_on() {
    let env = TestEnv::ingested();
    let edit = "UPDATE reports SET submitted_at = '2026-02-30T08:00:00+07:00' WHERE id = 7";
    assert_eq!(env.writable().execute(edit, []).unwrap(), 1);
    env.run_as(RECEPTION, &["--lang", "en", "validate"])
        .code(5)
        .stderr_has("1 report changed outside phananh left unchecked: 7")
        .stderr_has("report 7 was changed outside phananh")
        .stderr_has("339 other reports were checked");
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE status = 'received'"),
        1
    );
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE id = 7 AND status = 'received'"),
        1
    );
}

/// The same edit on a closed report, under a retention period: the sweep's retention
/// erasure and `erase --closed-before` stopped at the row (exit 5) and erased no identity
/// at all, so one `sqlite3` edit held every closed reporter's identity past the period.
/// Both now leave it, erase the others, and name it (exit 5), as for any edited row.
#[test]
fn a_retention_erasure_leaves_a_report_whose_submission_time_is_no_date_and_goes_on() {
    let start = TestEnv::demo();
    start
        .run_as(
            ADMIN,
            &["settings", "set", "privacy.erase_after_days", "7", "--yes"],
        )
        .success();
    let due = start.count(
        "SELECT count(*) FROM reports WHERE status IN ('published', 'closed_private', 'rejected', 'duplicate')",
    );
    let before = start.snapshot();
    let edit = "UPDATE reports SET submitted_at = '2026-08-32T07:19:38+07:00' WHERE id = 13";
    for args in [
        &["--lang", "en", "sweep"][..],
        &[
            "--lang",
            "en",
            "erase",
            "--closed-before",
            "2026-10-01",
            "--reason",
            "hết hạn lưu trữ",
        ][..],
    ] {
        let env = TestEnv::from_bytes(&before);
        assert_eq!(env.writable().execute(edit, []).unwrap(), 1);
        env.run_as(ADMIN, args)
            .code(5)
            .stderr_has("report 13 was changed outside phananh")
            .stderr_has("Its identity was not erased");
        let erased = env.count("SELECT count(*) FROM events WHERE action = 'erase'");
        assert!(
            erased > 0 && erased < due,
            "{args:?}: {erased} of {due} erased"
        );
        assert_eq!(
            env.count("SELECT count(*) FROM events WHERE action = 'erase' AND report_id = 13"),
            0
        );
    }
}

/// Two agencies' names swapped with `sqlite3`. The figures are counted by
/// code, but Home Affairs reads the name: the score CSV ranked "Sở Xây dựng" first with
/// Sở Y tế's 23 cases, exit 0, while `audit verify` named the row. A field's name is printed
/// in the report's "by field" table the same way. `report` and `score` now refuse over an
/// `agencies` or `fields` row the log does not vouch for, as over a setting or a day off.
#[test]
fn a_score_or_report_over_agency_names_swapped_with_sqlite3_is_refused() {
    let start = TestEnv::demo();
    let before = start.snapshot();
    for (edit, named) in NAMES_EDITED {
        let env = TestEnv::from_bytes(&before);
        assert!(env.writable().execute(edit, []).unwrap() >= 1, "{edit}");
        for (user, args) in [
            (
                LEADER,
                &["--lang", "en", "report", "monthly", "--period", "2026-09"][..],
            ),
            (AUDITOR, &["--lang", "en", "score", "--year", "2026"][..]),
        ] {
            refused_over_names(&env.run_as(user, args), named, "Nothing was printed");
        }
    }
}

/// Names edited with `sqlite3`, each with the row the refusal names: two agencies' names
/// swapped, a field renamed.
const NAMES_EDITED: [(&str, &str); 2] = [
    (SWAP_SXD_AND_SYT_NAMES, "agencies row \"SXD\""),
    (
        "UPDATE fields SET name = 'Giao thông (đã sửa)' WHERE code = 'GT'",
        "fields row \"GT\"",
    ),
];

/// `run` refused (exit 5) over a row the log does not vouch for, naming it (`named`),
/// saying `nothing` was written, and writing nothing.
fn refused_over_names(run: &Run, named: &str, nothing: &str) {
    run.code(5)
        .stderr_has("the log does not vouch for ")
        .stderr_has(named)
        .stderr_has(nothing);
    assert!(run.stdout.is_empty(), "{named}: {}", run.stdout);
}

/// Every event deleted with `sqlite3` (the append-only trigger dropped and put back) on a
/// database with no report yet: `audit verify` said "audit chain intact: 0 events" and read
/// the sealed tables, the accounts among them, as those of a database from before sealing,
/// exit 0. `init` writes the first event of every database, so an empty log is an edit.
#[test]
fn a_log_emptied_with_sqlite3_is_named_by_audit_verify() {
    let env = TestEnv::seeded();
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    env.tamper_without_triggers(&["events_are_append_only_delete"], "DELETE FROM events");
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stderr_has("the log is empty")
        .stderr_has("deleted outside phananh");
    env.run_as(AUDITOR, &["audit", "verify"])
        .code(5)
        .stderr_has("nhật ký trống")
        .stderr_has("bị xóa ngoài phananh");
}

/// Two agencies' names swapped with `sqlite3`, then the sweep. It took each clock's agency
/// name from `agencies` beside the code, so the rows cron appends to its CSV file named Sở
/// Xây dựng as late on Sở Y tế's clocks and the reverse, with no word of the edit (`report`
/// and `score` refuse over the same swap). The sweep now judges the names against the log:
/// it still reminds (a breach must not wait for a restore), lists the codes without the
/// names the log does not vouch for, and names the row, exit 5; the dry run says the same.
#[test]
fn a_sweep_over_agency_names_swapped_with_sqlite3_names_no_agency_by_them() {
    let mut env = TestEnv::demo();
    // A day after every event and past every open deadline: each open clock is overdue.
    let last = text_of(
        &env,
        "SELECT max(at) FROM (SELECT max(at) AS at FROM events
                              UNION ALL SELECT max(due_at) FROM clocks WHERE stopped_at IS NULL)",
    );
    env.set_now(
        &(chrono::DateTime::parse_from_rfc3339(&last).unwrap() + chrono::Duration::days(1))
            .to_rfc3339(),
    );
    let listed = env.run_as(
        RECEPTION,
        &["--format", "csv", "sweep", "--all", "--dry-run"],
    );
    listed.success();
    assert!(
        listed.stdout.contains(",SXD,Sở Xây dựng tỉnh Cà Mau,"),
        "{}",
        listed.stdout
    );
    assert_eq!(
        env.writable().execute(SWAP_SXD_AND_SYT_NAMES, [],).unwrap(),
        2
    );
    let swapped = |stdout: &str| {
        stdout.contains(",SYT,Sở Xây dựng tỉnh Cà Mau,")
            || stdout.contains(",SXD,Sở Y tế tỉnh Cà Mau,")
    };
    let dry = env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "--format",
            "csv",
            "sweep",
            "--all",
            "--dry-run",
        ],
    );
    dry.code(5)
        .stderr_has("the log does not vouch for the agencies' names: ")
        .stderr_has("agencies row \"SXD\"")
        .stdout_has(",SXD,,");
    assert!(!swapped(&dry.stdout), "{}", dry.stdout);
    let run = env.cron_sweep(RECEPTION, &["--all"]);
    run.code(5)
        .stderr_has("Nhật ký không xác nhận tên các cơ quan: ")
        .stdout_has(",SXD,,");
    assert!(!swapped(&run.stdout), "{}", run.stdout);
    // The reminders were recorded all the same.
    assert!(env.count("SELECT count(*) FROM events WHERE action = 'remind'") > 0);
}

/// Rebuilds index `name` with `sqlite3` to leave out the rows `condition` excludes, then gives
/// it its old text back (`writable_schema`): the file's schema reads as the tool's, and SQLite
/// reads through the index as if it held every row.
fn rebuild_index_leaving_out(env: &TestEnv, name: &str, condition: &str) {
    let original = text_of(
        env,
        &format!("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = '{name}'"),
    );
    let narrowed = if original.contains(" WHERE ") {
        format!("{original} AND {condition}")
    } else {
        format!("{original} WHERE {condition}")
    };
    let set = |sql: &str| {
        let conn = env.writable();
        conn.execute_batch("PRAGMA writable_schema = ON").unwrap();
        conn.execute(
            "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'index' AND name = ?2",
            [sql, name],
        )
        .unwrap();
    };
    set(&narrowed);
    env.writable()
        .execute_batch(&format!("REINDEX {name}"))
        .unwrap();
    set(&original);
}

/// The open duty clocks of an urgent report and of another, each due after every event of
/// the log: (clock, report, due) of each, urgent first.
fn one_urgent_one_not(env: &TestEnv) -> [(i64, i64, String); 2] {
    let last = text_of(env, "SELECT max(at) FROM events");
    let conn = env.read_only();
    let pick = |urgent: bool| {
        conn.query_row(
            "SELECT c.id, c.report_id, c.due_at FROM clocks c JOIN reports r ON r.id = c.report_id
              WHERE c.stopped_at IS NULL AND c.stage <> 'return' AND c.due_at > ?1
                AND r.urgent = ?2
              ORDER BY c.due_at, c.id LIMIT 1",
            rusqlite::params![last, urgent],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap_or_else(|e| panic!("an open clock of a report with urgent = {urgent}: {e}"))
    };
    [pick(true), pick(false)]
}

/// An index rebuilt to leave one clock out and given its old text back: the schema digest a
/// writing open compares reads the text, and `audit verify`'s integrity check is what finds
/// it. Meanwhile the sweep read its list through the index. `clocks_open_by_due` left
/// without a report's clock, or `reports_by_status` without an urgent report (whose clocks
/// the sweep finds through its report), and the cron sweep past that clock's deadline
/// mailed the other breaches and never this one, exit 3. The sweep now checks the open
/// clocks due by its horizon, and the reports waiting on a step, against what its list met,
/// and names a clock its own reads no longer find (exit 5); the dry run says the same.
#[test]
fn an_index_rebuilt_to_leave_a_clock_out_hides_no_breach() {
    let start = TestEnv::validated();
    let [urgent, other] = one_urgent_one_not(&start);
    let now = (chrono::DateTime::parse_from_rfc3339(urgent.2.as_str().max(&other.2)).unwrap()
        + chrono::Duration::minutes(1))
    .to_rfc3339();
    let before = start.snapshot();
    let lists = |stdout: &str, report: i64| {
        stdout
            .lines()
            .any(|line| line.starts_with(&format!("{report},")))
    };
    for (index, condition, (clock, report, _)) in [
        (
            "clocks_open_by_due",
            format!("id <> {}", other.0),
            other.clone(),
        ),
        (
            "reports_by_status",
            format!("id <> {}", urgent.1),
            urgent.clone(),
        ),
    ] {
        let mut env = TestEnv::from_bytes(&before);
        env.set_now(&now);
        rebuild_index_leaving_out(&env, index, &condition);
        let named = format!("clock {clock} (report {report}, ");
        let said = "the sweep's own list does not hold it";
        env.run_as(
            RECEPTION,
            &["--lang", "en", "sweep", "--dry-run", "--fail-on-breach"],
        )
        .code(5)
        .stderr_has(&named)
        .stderr_has(said);
        let run = env.cron_sweep(RECEPTION, &["--lang", "en"]);
        run.code(5).stderr_has(&named).stderr_has(said);
        assert!(!lists(&run.stdout, report), "{}", run.stdout);
        env.run_as(RECEPTION, &["sweep", "--quiet"])
            .code(5)
            .stderr_has(&format!("thời hạn {clock} (phản ánh {report}, "));
        env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
            .code(5)
            .stderr_has("fails SQLite's integrity check");
    }
    // Untouched, the same sweep names no clock.
    let mut env = TestEnv::from_bytes(&before);
    env.set_now(&now);
    let run = env.cron_sweep(RECEPTION, &["--lang", "en"]);
    run.code(3);
    assert!(
        lists(&run.stdout, urgent.1) && lists(&run.stdout, other.1),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("list does not hold"), "{}", run.stderr);
}

/// Sở Xây dựng's processing clock for report 5 moved a fortnight later with `sqlite3`, and
/// `clocks_open_by_due` rebuilt to leave it out and given its old text back. The pass that
/// judges the open deadlines before a list or an export prints one read the open clocks
/// through that index: it never met the clock, so the moved deadline went unnamed. Past the
/// true deadline, `list --overdue` left report 5 out, `list --due` had nothing due for Sở
/// Xây dựng, and the public feed gave the forged deadline as the expected time, each exit
/// 0 (the sweep and `score` named it). The pass now looks up again each report waiting at
/// a step that its read did not meet (it already did, for a clock deleted), and names an
/// open clock the index leaves out.
#[test]
fn an_open_clock_left_out_of_its_index_with_sqlite3_is_named_by_the_lists_and_exports() {
    let start = TestEnv::assigned_to_sxd();
    let (clock, due): (i64, String) = start
        .read_only()
        .query_row(
            "SELECT id, due_at FROM clocks
              WHERE report_id = 5 AND stage = 'process' AND stopped_at IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let after = chrono::DateTime::parse_from_rfc3339(&due).unwrap() + chrono::Duration::hours(1);
    let before = start.snapshot();
    let mut env = TestEnv::from_bytes(&before);
    env.set_now(&after.to_rfc3339());
    let moved = (after + chrono::Duration::days(14)).to_rfc3339();
    assert_eq!(
        env.writable()
            .execute(
                "UPDATE clocks SET due_at = ?1 WHERE id = ?2",
                rusqlite::params![moved, clock],
            )
            .unwrap(),
        1
    );
    rebuild_index_leaving_out(&env, "clocks_open_by_due", &format!("id <> {clock}"));
    let named = format!("clock {clock} (report 5, ");
    let said = "the file's index of open clocks does not hold it";
    let day = after.date_naive().to_string();
    for (user, args) in [
        (RECEPTION, vec!["--lang", "en", "list", "--overdue"]),
        (RECEPTION, vec!["--lang", "en", "list", "--due", &day]),
        (LEADER, OPEN311.to_vec()),
        (LEADER, vec!["--lang", "en", "export", "csv", "--public"]),
    ] {
        let run = env.run_as(user, &args);
        run.code(5).stderr_has(&named).stderr_has(said);
        assert!(!run.stdout.contains(&moved[..16]), "{}", run.stdout);
    }
    env.run_as(RECEPTION, &["list", "--overdue"])
        .code(5)
        .stderr_has(&format!("thời hạn {clock} (phản ánh 5, "));
    // Untouched, report 5 is overdue and nothing is named.
    let mut env = TestEnv::from_bytes(&before);
    env.set_now(&after.to_rfc3339());
    env.run_as(
        RECEPTION,
        &["--lang", "en", "--format", "csv", "list", "--overdue"],
    )
    .success()
    .stdout_has("5,CMG-2026-000105,");
}

/// Sở Xây dựng's processing clock for report 5 moved a fortnight later with `sqlite3` and
/// made to name a calendar nobody shipped (`calendar_version`): the lists and the dry run
/// leave a clock under another calendar than today's to the next sweep, as one an older
/// phananh computed, so past the true deadline `list --overdue` left report 5 out, `list
/// --due` had nothing due for Sở Xây dựng and `sweep --dry-run` listed no breach of it,
/// exit 0 each, until the next real sweep recomputed it. An honest clock under another
/// calendar carries the version the log last recorded as brought to every open clock
/// (`domain::audit::open_clock_version_known`, which `audit verify` judges by); the lists
/// and the dry run now name a clock under any other whose deadline is not the log's.
/// (The exports already printed the log's deadline for it.)
#[test]
fn an_open_deadline_moved_under_a_calendar_nobody_shipped_is_named_by_the_lists() {
    let start = TestEnv::assigned_to_sxd();
    let (clock, due) = open_processing_clock_of_5(&start);
    let after = chrono::DateTime::parse_from_rfc3339(&due).unwrap() + chrono::Duration::hours(1);
    let moved = (after + chrono::Duration::days(14)).to_rfc3339();
    let mut env = TestEnv::from_bytes(&start.snapshot());
    env.set_now(&after.to_rfc3339());
    assert_eq!(
        env.writable()
            .execute(
                "UPDATE clocks SET due_at = ?1, calendar_version = 'khongaiphat' WHERE id = ?2",
                rusqlite::params![moved, clock],
            )
            .unwrap(),
        1
    );
    let day = after.date_naive().to_string();
    lists_name_the_open_clock_of_5(&env, clock, &day, &moved[..10], None);
}

/// Report 5's open processing clock (`TestEnv::assigned_to_sxd`): its id and deadline.
fn open_processing_clock_of_5(env: &TestEnv) -> (i64, String) {
    env.read_only()
        .query_row(
            "SELECT id, due_at FROM clocks
              WHERE report_id = 5 AND stage = 'process' AND stopped_at IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

/// `list --overdue`, `list --due DAY` and `sweep --dry-run` over report 5's open processing
/// clock `clock`, edited with `sqlite3`: each refuses (exit 5), naming the clock with the
/// deadline its row holds (`due`, the start of its text), and saying `said` too.
fn lists_name_the_open_clock_of_5(
    env: &TestEnv,
    clock: i64,
    day: &str,
    due: &str,
    said: Option<&str>,
) {
    let listed = "report 5: its open processing clock has a deadline of ".to_owned();
    let swept = format!("clock {clock} (report 5, Processing) is due ");
    for (args, named) in [
        (
            vec!["--lang", "en", "--format", "csv", "list", "--overdue"],
            &listed,
        ),
        (vec!["--lang", "en", "list", "--due", day], &listed),
        (
            vec!["--lang", "en", "--format", "csv", "sweep", "--dry-run"],
            &swept,
        ),
    ] {
        let run = env.run_as(RECEPTION, &args);
        run.code(5).stderr_has(&format!("{named}{due}"));
        if let Some(said) = said {
            run.stderr_has(said);
        }
    }
}

/// A day off inserted with `sqlite3` together with the deadlines it moves: what `calendar
/// add-holiday` writes, played on a copy of the file and copied in without its event (the
/// day's row, and each open clock's deadline, calendar version and marks). The clocks then
/// name the calendar in force, so the sweep saw no schedule change, and each deadline it
/// checks is the one that calendar gives: the cron sweep past Sở Xây dựng's true deadline
/// for report 5 did not list it, while only `audit verify` named the row. The sweep now
/// judges the calendar against the log on every run, not only when its version changed:
/// it names the row, exit 5; the dry run says the same.
#[test]
fn a_day_off_inserted_with_the_deadlines_it_moves_hides_no_breach() {
    let start = TestEnv::assigned_to_sxd();
    let process = "SELECT id, due_at FROM clocks
                    WHERE report_id = 5 AND stage = 'process' AND stopped_at IS NULL";
    let (clock, due): (i64, String) = start
        .read_only()
        .query_row(process, [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let next = (chrono::DateTime::parse_from_rfc3339(&due).unwrap() + chrono::Duration::minutes(1))
        .to_rfc3339();
    let before = start.snapshot();
    let day = &due[..10];
    let mut copy = TestEnv::from_bytes(&before);
    copy.set_now(&next);
    copy.run_as(ADMIN, &["calendar", "add-holiday", day, "--name", "Nghỉ"])
        .success();
    let read = copy.read_only();
    let row: [String; 4] = read
        .query_row(
            "SELECT date, entry, name, source FROM calendar_days WHERE date = ?1",
            [day],
            |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
        )
        .unwrap();
    type Moved = (i64, String, String, Option<i64>, Option<i64>);
    let moved: Vec<Moved> = rows_as(
        &read,
        "SELECT id, due_at, calendar_version, reminded_soon, reminded_overdue FROM clocks
          WHERE stopped_at IS NULL",
    );
    let lists_report_5 = |stdout: &str| stdout.lines().any(|l| l.starts_with("5,"));
    // Untouched, the sweep lists the breach.
    let mut env = TestEnv::from_bytes(&before);
    env.set_now(&next);
    let run = env.cron_sweep(RECEPTION, &["--lang", "en"]);
    run.code(3);
    assert!(lists_report_5(&run.stdout), "{}", run.stdout);
    let mut env = TestEnv::from_bytes(&before);
    env.set_now(&next);
    {
        let conn = env.writable();
        conn.execute(
            "INSERT INTO calendar_days VALUES (?1, ?2, ?3, ?4)",
            row.clone(),
        )
        .unwrap();
        for (id, due_at, version, soon, overdue) in &moved {
            conn.execute(
                "UPDATE clocks SET due_at = ?2, calendar_version = ?3, reminded_soon = ?4,
                                   reminded_overdue = ?5
                  WHERE id = ?1",
                rusqlite::params![id, due_at, version, soon, overdue],
            )
            .unwrap();
        }
    }
    let moved_to = text_of(
        &env,
        &format!("SELECT due_at FROM clocks WHERE id = {clock}"),
    );
    assert!(moved_to > next, "clock {clock}: {moved_to}");
    let named = format!("calendar_days row \"{day}\": ");
    env.run_as(
        RECEPTION,
        &["--lang", "en", "sweep", "--dry-run", "--fail-on-breach"],
    )
    .code(5)
    .stderr_has("the log does not vouch for the calendar: ")
    .stderr_has(&named);
    // Reminded by the deadlines as they stand, and the row named.
    let run = env.cron_sweep(RECEPTION, &["--lang", "en"]);
    run.code(5).stderr_has(&named);
    assert!(!lists_report_5(&run.stdout), "{}", run.stdout);
    env.run_as(RECEPTION, &["sweep", "--quiet"])
        .code(5)
        .stderr_has("Nhật ký không xác nhận lịch làm việc: ");
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'calendar_adopt'"),
        0
    );
}

/// A threshold of the reception check raised with `sqlite3` (`validate.min_syllable_share`
/// = 1: every word must look like a Vietnamese syllable). The operator's `validate` of the
/// queue read it as the setting in force and rejected citizens' reports as not written in
/// Vietnamese (Đ6.1), each rejection sealed as the operator's, while only `audit verify`
/// named the row; a rejection is the report's end. `validate` now judges the rows of the
/// settings it reads against the log first, and refuses, exit 5, naming the row and
/// judging no report.
#[test]
fn validate_under_a_threshold_edited_with_sqlite3_rejects_nothing() {
    let honest = TestEnv::ingested();
    let before = honest.snapshot();
    honest.run_as(RECEPTION, &["validate"]).success();
    let rejected = "SELECT count(*) FROM reports WHERE status = 'rejected'";
    let honestly_rejected = honest.count(rejected);
    let env = TestEnv::from_bytes(&before);
    let received = env.count("SELECT count(*) FROM reports WHERE status = 'received'");
    env.writable()
        .execute(
            "INSERT OR REPLACE INTO settings VALUES ('validate.min_syllable_share', '1')",
            [],
        )
        .unwrap();
    let run = env.run_as(RECEPTION, &["--lang", "en", "validate"]);
    assert_eq!(
        env.count(rejected),
        0,
        "rejected under the forged threshold ({honestly_rejected} honestly): {}",
        run.stdout
    );
    run.code(5)
        .stderr_has("settings row \"validate.min_syllable_share\"")
        .stderr_has("no report was checked");
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE status = 'received'"),
        received
    );
    env.run_as(RECEPTION, &["validate", "5"])
        .code(5)
        .stderr_has("dòng \"validate.min_syllable_share\"")
        .stderr_has("chưa kiểm tra phản ánh nào");
    // So does an ingest that checks what it loads.
    let file = example("reports.csv");
    env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "ingest",
            "--validate",
            file.to_str().unwrap(),
        ],
    )
    .code(5)
    .stderr_has("settings row \"validate.min_syllable_share\"")
    .stderr_has("no report was checked");
    assert_eq!(env.count(rejected), 0);
}

/// The same threshold raised with `sqlite3` in the instant between `validate`'s check of the
/// check's settings against the log and its read of their values (played at the debug
/// build's pause point there): the run judged the whole queue under the forged value and
/// sealed each rejection as the operator's, exit 0, as if the check had never been made.
/// The check and the read are now one snapshot of the database: the run judges by the
/// value the log vouches for, rejecting exactly the reports an honest run rejects, and the
/// edit is left for the next run to refuse.
#[test]
fn validate_under_a_threshold_raised_between_its_check_and_its_read_rejects_nothing_more() {
    let honest = TestEnv::ingested();
    let before = honest.snapshot();
    honest.run_as(RECEPTION, &["validate"]).success();
    let rejected = "SELECT count(*) FROM reports WHERE status = 'rejected'";
    let honestly_rejected = honest.count(rejected);
    let env = TestEnv::from_bytes(&before);
    let run = edited_while_held(
        &env,
        RECEPTION,
        &["--lang", "en", "validate"],
        "validate:checked",
        RAISED_SYLLABLE_SHARE,
    );
    assert_eq!(
        env.count(rejected),
        honestly_rejected,
        "rejected under the forged threshold: {}",
        run.stdout
    );
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE status = 'received'"),
        0
    );
    // The edit is still there, and the next reader of it refuses.
    env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "ingest",
            "--validate",
            &example_str("reports.csv"),
        ],
    )
    .code(5)
    .stderr_has("settings row \"validate.min_syllable_share\"");
}

/// The same race played on `ingest --validate`, which reads the check's settings once
/// before its first record: the reports it loads are judged by the values the log vouches
/// for, as many rejected as by an honest load.
#[test]
fn ingest_validate_under_a_threshold_raised_between_its_check_and_its_read_rejects_nothing_more() {
    let file = example_str("reports.csv");
    let load = ["--lang", "en", "ingest", "--validate", file.as_str()];
    let rejected = "SELECT count(*) FROM reports WHERE status = 'rejected'";
    let honest = TestEnv::seeded();
    honest.run_as(RECEPTION, &load).success();
    let honestly_rejected = honest.count(rejected);
    let env = TestEnv::seeded();
    let run = edited_while_held(
        &env,
        RECEPTION,
        &load,
        "validate:checked",
        RAISED_SYLLABLE_SHARE,
    );
    assert_eq!(
        env.count(rejected),
        honestly_rejected,
        "rejected under the forged threshold: {}",
        run.stdout
    );
}

/// A setting no report reads as of a past moment, edited with `sqlite3`, then set honestly
/// by an admin (as `settings show`'s warning invites): the change is made, since refusing it
/// would keep `auth.mode` switched to `trust` from being put back, and its row is sealed
/// again, so `audit verify` passes afterwards. The edit then left no trace but the value it
/// wrote, logged as the one the setting had before (`from`) as if an earlier change had set
/// it. The change's event now records that the value it replaced was not what the log
/// sealed (`from_unvouched`), and the admin is told, naming the row.
#[test]
fn a_setting_set_over_its_own_row_edited_with_sqlite3_keeps_the_edit_on_record() {
    let env = TestEnv::demo();
    let key = "validate.max_foreign_letter_share";
    assert_eq!(
        env.writable()
            .execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, '0.9')",
                [key],
            )
            .unwrap(),
        1
    );
    env.run_as(ADMIN, &["--lang", "en", "settings", "set", key, "0.2"])
        .success()
        .stderr_has(&format!("settings row \"{key}\""))
        .stderr_has("the change records that it replaced an edit");
    let payload: serde_json::Value = serde_json::from_str(&text_of(
        &env,
        "SELECT payload FROM events WHERE action = 'settings_set' ORDER BY id DESC LIMIT 1",
    ))
    .unwrap();
    assert_eq!(payload["key"], key);
    assert_eq!(payload["from"], "0.9");
    assert_eq!(payload["from_unvouched"], true, "{payload}");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    // An honest change over an honest row says nothing of the kind.
    let run = env.run_as(ADMIN, &["--lang", "en", "settings", "set", key, "0.25"]);
    run.success();
    assert!(!run.stderr.contains("replaced an edit"), "{}", run.stderr);
    let payload = text_of(
        &env,
        "SELECT payload FROM events WHERE action = 'settings_set' ORDER BY id DESC LIMIT 1",
    );
    assert!(!payload.contains("from_unvouched"), "{payload}");
}

/// The fields' keywords swapped with `sqlite3` (Giao thông's words given to Môi trường, and
/// Giao thông left with none): reception's `classify --suggest --apply` read them as the
/// fields in force and filed every road report under Môi trường, each classification sealed
/// as reception's, while only `audit verify` named the rows. It now judges the `fields`
/// table and `classify.auto_min_score` against the log before applying anything, and
/// refuses, exit 5, naming the row and classifying no report.
#[test]
fn classify_suggest_apply_over_keywords_swapped_with_sqlite3_classifies_nothing() {
    let start = TestEnv::validated();
    let before = start.snapshot();
    let under = |env: &TestEnv, field: &str| {
        env.count(&format!(
            "SELECT count(*) FROM reports WHERE field = '{field}'"
        ))
    };
    start
        .run_as(RECEPTION, &["classify", "--suggest", "--apply"])
        .success();
    assert!(under(&start, "GT") > 0);
    let env = TestEnv::from_bytes(&before);
    env.writable()
        .execute_batch(
            "UPDATE fields SET keywords = (SELECT keywords FROM fields WHERE code = 'GT')
              WHERE code = 'MT';
             UPDATE fields SET keywords = 'zzz' WHERE code = 'GT';",
        )
        .unwrap();
    let run = env.run_as(
        RECEPTION,
        &["--lang", "en", "classify", "--suggest", "--apply"],
    );
    assert_eq!(under(&env, "MT"), 0, "{}", run.stdout);
    run.code(5)
        .stderr_has("fields row \"GT\"")
        .stderr_has("no report was classified");
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE field IS NOT NULL"),
        0
    );
}

/// The same keywords swapped in the instant between `classify --suggest --apply`'s judgement
/// of the rows and its read of them (played at the debug build's pause point there): the
/// run filed the road reports under Môi trường, sealed as reception's, exit 0. The
/// judgement and the read are now one snapshot: the run classifies by the keywords the log
/// vouches for, as an honest run does.
#[test]
fn classify_suggest_apply_over_keywords_swapped_between_its_check_and_its_read_files_nothing_amiss()
{
    let start = TestEnv::validated();
    let before = start.snapshot();
    let by_field = |env: &TestEnv| -> Vec<String> {
        env.column("SELECT id || ':' || field FROM reports WHERE field IS NOT NULL ORDER BY id")
    };
    let apply = ["--lang", "en", "classify", "--suggest", "--apply"];
    start.run_as(RECEPTION, &apply).success();
    let honest = by_field(&start);
    assert!(honest.iter().any(|r| r.ends_with(":GT")), "{honest:?}");
    let env = TestEnv::from_bytes(&before);
    let run = edited_while_held(
        &env,
        RECEPTION,
        &apply,
        "classify:checked",
        "UPDATE fields SET keywords = (SELECT keywords FROM fields WHERE code = 'GT')
          WHERE code = 'MT';
         UPDATE fields SET keywords = 'zzz' WHERE code = 'GT';",
    );
    assert_eq!(by_field(&env), honest, "{}", run.stdout);
}

/// A route changed with `sqlite3` (Trật tự đô thị sent to Sở Y tế instead of Sở Xây dựng):
/// reception's `assign --auto` read the table as the routes in force and dispatched the
/// report to the agency the edit named, sealed as reception's, while only `audit verify`
/// named the row. It now judges the routing table against the log before choosing, and
/// refuses, exit 5, naming the row and assigning nothing; `--agency` typed by the operator
/// reads no route and still works.
#[test]
fn assign_auto_over_a_route_edited_with_sqlite3_assigns_nothing() {
    let env = TestEnv::validated();
    let id = env.column::<i64>(
        "SELECT id FROM reports WHERE status = 'accepted' AND commune <> '' ORDER BY id LIMIT 2",
    );
    let (a, b) = (id[0].to_string(), id[1].to_string());
    for id in [&a, &b] {
        env.run_as(RECEPTION, &["classify", id, "--field", "TTDT"])
            .success();
    }
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "TTDT", "--agency", "SXD"],
    )
    .success();
    assert_eq!(
        env.writable()
            .execute("UPDATE routes SET agency = 'SYT' WHERE field = 'TTDT'", [])
            .unwrap(),
        1
    );
    let run = env.run_as(RECEPTION, &["--lang", "en", "assign", &a, "--auto"]);
    let agency = |id: &str| {
        env.count(&format!(
            "SELECT count(*) FROM reports WHERE id = {id} AND agency IS NOT NULL"
        ))
    };
    assert_eq!(agency(&a), 0, "{}{}", run.stdout, run.stderr);
    run.code(5)
        .stderr_has("routes row (\"TTDT\", \"\")")
        .stderr_has("nothing was assigned");
    env.run_as(RECEPTION, &["assign", &b, "--agency", "SXD"])
        .success();
    assert_eq!(agency(&b), 1);
}

/// Sở Xây dựng's late cases marked on time with `sqlite3` (`UPDATE clocks SET breached =
/// 0`): the score read the flag as stored and ranked the agency on every case on time in
/// the CSV Home Affairs takes, exit 0, and the periodic report counted no late case of it;
/// only `audit verify` named the clocks. Both now judge each stopped clock's flag against
/// its own stop and deadline (`domain::clocks::breached`, per clock read, no query), and
/// refuse, exit 5, naming the report and the clock, printing nothing.
#[test]
fn a_score_over_late_cases_marked_on_time_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    let late = score_refused_over_late_clocks_of_sxd(&env, "breached = 0", "marked on time");
    monthly_refused_over(&env, late[0], "marked on time");
}

/// The other way: one of Sở Xây dựng's on-time cases marked late with `sqlite3`
/// (`UPDATE clocks SET breached = 1`), an agency framed. The score and the periodic report
/// judge the flag both ways (`ClockFact::flag_holds`, through `app::report::clock_fault`,
/// which `list --overdue --ever` shares) and refuse, exit 5, naming the report.
#[test]
fn a_score_over_an_on_time_case_marked_late_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    let score = ["--lang", "en", "--format", "csv", "score", "--year", "2026"];
    env.run_as(AUDITOR, &score).success();
    let (clock, report): (i64, i64) = env
        .read_only()
        .query_row(
            "SELECT id, report_id FROM clocks
              WHERE breached = 0 AND agency = 'SXD' AND stage = 'process'
              ORDER BY report_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        env.writable()
            .execute("UPDATE clocks SET breached = 1 WHERE id = ?1", [clock])
            .unwrap(),
        1
    );
    let run = env.run_as(AUDITOR, &score);
    assert_eq!(run.code, Some(5), "{}", run.stdout);
    run.stderr_has(&format!("report {report}: "))
        .stderr_has("is marked late")
        .stderr_has("Nothing was printed");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    monthly_refused_over(&env, report, "is marked late");
}

/// Sở Xây dựng's late cases moved to another agency with `sqlite3` (`UPDATE clocks SET
/// agency = 'SNNMT'`): the score counted them against Sở Nông nghiệp và Môi trường and
/// ranked Sở Xây dựng on every case on time, exit 0; only `audit verify` named the clocks.
/// Report and score now read, beside each clock, the report's last assignment up to the
/// step that started it (the agency a clock runs against, `domain::clocks`), and refuse,
/// exit 5, naming the report and clock, when the clock names another.
#[test]
fn a_score_over_late_cases_moved_to_another_agency_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    score_refused_over_late_clocks_of_sxd(
        &env,
        "agency = 'SNNMT'",
        "runs against SNNMT, but the log assigned the report to SXD",
    );
}

/// The demo's yearly score as Home Affairs takes it, honest; then Sở Xây dựng's late
/// clocks edited with `sqlite3` (`UPDATE clocks SET {set}`), and the score refused, exit 5,
/// naming the first of their reports, saying `said` and printing nothing. Those reports.
fn score_refused_over_late_clocks_of_sxd(env: &TestEnv, set: &str, said: &str) -> Vec<i64> {
    let score = ["--lang", "en", "--format", "csv", "score", "--year", "2026"];
    env.run_as(AUDITOR, &score).success();
    let late: Vec<i64> = env.column(
        "SELECT report_id FROM clocks WHERE breached = 1 AND agency = 'SXD' ORDER BY report_id",
    );
    assert!(!late.is_empty(), "the demo has late cases of SXD");
    let update = format!("UPDATE clocks SET {set} WHERE breached = 1 AND agency = 'SXD'");
    assert_eq!(env.writable().execute(&update, []).unwrap(), late.len());
    let run = env.run_as(AUDITOR, &score);
    assert_eq!(run.code, Some(5), "{}", run.stdout);
    run.stderr_has(&format!("report {}", late[0]))
        .stderr_has(said)
        .stderr_has("Nothing was printed");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    late
}

/// The monthly report of the month `report` was sent in refused too (exit 5), saying `said`.
fn monthly_refused_over(env: &TestEnv, report: i64, said: &str) {
    let month = text_of(
        env,
        &format!("SELECT substr(submitted_at, 1, 7) FROM reports WHERE id = {report}"),
    );
    env.run_as(
        LEADER,
        &["--lang", "en", "report", "monthly", "--period", &month],
    )
    .code(5)
    .stderr_has(said);
}

/// A clock moved to another agency with `sqlite3` just before its deadline breaks: the
/// cron sweep's mail named that agency as late (the notice reads the clock row), exit 3 as
/// for any breach. The sweep now judges each clock its notice names against the report's
/// last assignment up to the clock's start, and names the one that runs against another
/// agency, exit 5 after the notice.
#[test]
fn a_breach_moved_to_another_agency_with_sqlite3_is_named_in_the_sweeps_mail() {
    let mut env = TestEnv::assigned_to_sxd();
    let (clock, due): (i64, String) = env
        .read_only()
        .query_row(
            "SELECT id, due_at FROM clocks
              WHERE report_id = 5 AND stage = 'process' AND stopped_at IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let at = |minutes: i64| {
        (chrono::DateTime::parse_from_rfc3339(&due).unwrap() + chrono::Duration::minutes(minutes))
            .to_rfc3339()
    };
    // Every earlier breach reminded of, so that this one is among the notice's lines.
    env.set_now(&at(-1));
    env.cron_sweep(RECEPTION, &["--quiet"]);
    assert_eq!(
        env.writable()
            .execute("UPDATE clocks SET agency = 'SYT' WHERE id = ?1", [clock])
            .unwrap(),
        1
    );
    env.set_now(&at(1));
    env.cron_sweep(RECEPTION, &["--lang", "en", "--quiet"])
        .code(5)
        .stderr_has("\n  5 (")
        .stderr_has(&format!(
            "clock {clock} (report 5, Processing) runs against SYT, but the log assigned the report to SXD"
        ));
}

/// Sở Xây dựng's late cases given their stop time as deadline and marked on time with
/// `sqlite3` (`UPDATE clocks SET due_at = stopped_at, breached = 0`): the flag agreed with
/// the deadline beside it, and the score ranked Sở Xây dựng on every case on time, exit 0,
/// as did the monthly report. Each clock's deadline is now recomputed from the step that
/// started it, under the calendar and limits in force just before its stop, and both refuse,
/// exit 5, naming the report, the clock and the deadline the log gives.
#[test]
fn a_score_over_late_cases_given_a_later_deadline_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    let late = score_refused_over_late_clocks_of_sxd(
        &env,
        "due_at = stopped_at, breached = 0",
        "but the log gives",
    );
    monthly_refused_over(&env, late[0], "but the log gives");
}

/// The same cases given their deadline as stop time (`stopped_at = due_at`) and marked on
/// time: the stop no longer is the reply's time, and the score read them as on time, exit 0.
#[test]
fn a_score_over_late_cases_stopped_earlier_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    score_refused_over_late_clocks_of_sxd(
        &env,
        "stopped_at = due_at, breached = 0",
        "has a stop that matches no step of the report in the log",
    );
}

/// The same cases cut from the step that started them (`start_event = NULL`): an inner
/// join on that step took them out of every figure, and the score ranked Sở Xây dựng on
/// its other cases, exit 0.
#[test]
fn a_score_over_late_cases_cut_from_their_start_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    score_refused_over_late_clocks_of_sxd(
        &env,
        "start_event = NULL",
        "has a start that matches no step of the report in the log",
    );
}

/// Sở Xây dựng's late cases' clocks deleted with `sqlite3` (`DELETE FROM clocks`; no
/// trigger guards the table): the score counted the cases that were left, all on time,
/// exit 0. Report and score now count the clocks the period's logs start against the
/// clocks the table holds for them, and refuse, exit 5, printing nothing.
#[test]
fn a_score_over_late_cases_whose_clocks_were_deleted_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    let score = ["--lang", "en", "--format", "csv", "score", "--year", "2026"];
    env.run_as(AUDITOR, &score).success();
    let deleted = env
        .writable()
        .execute(
            "DELETE FROM clocks WHERE breached = 1 AND agency = 'SXD'",
            [],
        )
        .unwrap();
    assert!(deleted > 0, "the demo has late cases of SXD");
    let run = env.run_as(AUDITOR, &score);
    assert_eq!(run.code, Some(5), "{}", run.stdout);
    run.stderr_has("clocks deleted or added outside phananh")
        .stderr_has("Nothing was printed");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    env.run_as(
        LEADER,
        &["--lang", "en", "report", "annual", "--period", "2026"],
    )
    .code(5)
    .stderr_has("clocks deleted or added outside phananh");
}

/// Deletes report `id` and its clocks as an insider with the `sqlite3` shell can: the
/// trigger that keeps reports dropped, then put back exactly as it was (the shell enforces
/// no foreign key by default).
fn delete_report_whole(env: &TestEnv, id: i64) {
    let kept: String = env
        .read_only()
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'reports_are_kept'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    env.writable()
        .execute_batch(&format!(
            "PRAGMA foreign_keys = OFF;
             DROP TRIGGER reports_are_kept;
             DELETE FROM clocks WHERE report_id = {id};
             DELETE FROM reports WHERE id = {id};
             {kept};"
        ))
        .unwrap();
}

/// A report deleted whole with its clocks, the trigger that keeps reports dropped and put
/// back as it was (the `sqlite3` shell enforces no foreign key by default): its events stayed in the log, but the periodic reports read a period's
/// events through its reports, so the report and its clocks went out of every figure
/// together, the clocks' count still agreeing with the logs', and the score and the
/// report printed one report fewer (and, this one late, one late case fewer), exit 0. Both
/// now count the reports the log has events of against the reports the file holds, and
/// refuse, exit 5, when they differ.
#[test]
fn a_score_or_report_over_a_report_deleted_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    let score = ["--lang", "en", "--format", "csv", "score", "--year", "2026"];
    let report = [
        "--lang", "en", "--format", "csv", "report", "monthly", "--period", "2026-10",
    ];
    env.run_as(AUDITOR, &score).success();
    env.run_as(LEADER, &report).success();
    let late: i64 = env.count(
        "SELECT c.report_id FROM clocks c JOIN reports r ON r.id = c.report_id
          WHERE c.breached = 1 AND r.submitted_at LIKE '2026-10-%'
            AND r.duplicate_of IS NULL
            AND NOT EXISTS (SELECT 1 FROM reports d WHERE d.duplicate_of = r.id)
          ORDER BY c.report_id LIMIT 1",
    );
    delete_report_whole(&env, late);
    for (user, args) in [(AUDITOR, &score[..]), (LEADER, &report[..])] {
        let run = env.run_as(user, args);
        assert_eq!(run.code, Some(5), "{}", run.stdout);
        run.stderr_has("reports deleted or added outside phananh")
            .stderr_has("Nothing was printed");
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
}

/// The same deletion took a published report out of the public feed and both CSV files,
/// each saying how many it exported, exit 0, and the full export logged the count without
/// it. Each export now counts the reports as `report` and `score` do, before anything is
/// written or logged, and refuses, exit 5.
#[test]
fn an_export_over_a_report_deleted_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    let published: i64 = env.count(
        "SELECT id FROM reports r WHERE status = 'published' AND confidential = 0
            AND state_secret = 0 AND duplicate_of IS NULL
            AND NOT EXISTS (SELECT 1 FROM reports d WHERE d.duplicate_of = r.id)
          ORDER BY id LIMIT 1",
    );
    for (user, args) in EXPORTS {
        env.run_as(user, args).success();
    }
    let logged = env.count(FULL_EXPORTS);
    delete_report_whole(&env, published);
    for (user, args) in EXPORTS {
        let run = env.run_as(user, args);
        run.code(5)
            .stderr_has("reports deleted or added outside phananh")
            .stderr_has("Nothing was exported");
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
    assert_eq!(
        env.count(FULL_EXPORTS),
        logged,
        "a refused export was logged"
    );
}

/// The same deletion made `show`, `audit log` and `audit reveals --report` (a reporter's
/// "who saw my data?") answer that there is no such report, exit 1, while the log kept its
/// events, its reveals among them. A report number the file lacks and the log has events
/// of is now named as deleted outside phananh, exit 5.
#[test]
fn a_report_deleted_with_sqlite3_is_named_by_the_commands_that_read_it() {
    let env = TestEnv::demo();
    let report: i64 = env.count("SELECT id FROM reports WHERE status = 'published' LIMIT 1");
    let id = report.to_string();
    env.run_as(
        ADMIN,
        &["show", &id, "--reveal", "--reason", "gọi lại xác minh"],
    )
    .success();
    delete_report_whole(&env, report);
    for (user, args) in [
        (ADMIN, vec!["show", &id]),
        (ADMIN, vec!["audit", "log", &id]),
        (AUDITOR, vec!["audit", "reveals", "--report", &id]),
    ] {
        let mut args = args;
        args.splice(0..0, ["--lang", "en"]);
        env.run_as(user, &args)
            .code(5)
            .stderr_has(&format!(
                "report {report} is in the log but not in the file (deleted outside phananh)"
            ))
            .stderr_has("audit verify");
    }
}

/// The same deletion of a report with a duty clock running late took it out of `list`,
/// `list --overdue` and `list --due`, exit 0: the desk was not told a late case existed.
/// Each list now counts the reports as `report` does and names the difference after its
/// rows, exit 5.
#[test]
fn the_desks_lists_over_a_report_deleted_with_sqlite3_name_the_difference() {
    let mut env = TestEnv::demo();
    env.set_now("2026-12-07T09:00:00+07:00");
    let late: i64 = env.count(
        "SELECT report_id FROM clocks WHERE stopped_at IS NULL AND stage <> 'return'
            AND due_at < '2026-12-07' ORDER BY report_id LIMIT 1",
    );
    let lists: [&[&str]; 3] = [
        &["list"],
        &["list", "--overdue"],
        &["list", "--due", "2026-12-31"],
    ];
    let run = |env: &TestEnv, list: &[&str]| {
        let mut args = vec!["--lang", "en", "--format", "csv"];
        args.extend_from_slice(list);
        env.run_as(RECEPTION, &args)
    };
    let listed = |stdout: &str| {
        stdout
            .lines()
            .any(|l| l.contains(&format!(",{late},")) || l.starts_with(&format!("{late},")))
    };
    for list in lists {
        let honest = run(&env, list);
        honest.success();
        assert!(listed(&honest.stdout), "{list:?}: {honest}");
    }
    delete_report_whole(&env, late);
    for list in lists {
        let edited = run(&env, list);
        assert!(!listed(&edited.stdout), "{list:?}: {edited}");
        edited
            .code(5)
            .stderr_has("reports deleted or added outside phananh")
            .stderr_has("audit verify");
    }
}

/// The same deletion before the report's deadline passed: cron's sweep never mailed its
/// breach, the other reports' breaches mailed as usual. The sweep now makes the same count
/// and names the difference, exit 5 (which outranks a breach), the dry run too.
#[test]
fn the_sweep_over_a_report_deleted_with_sqlite3_names_the_difference() {
    let mut env = TestEnv::demo();
    env.set_now("2026-10-31T08:00:00+07:00");
    let open: i64 = env.count(
        "SELECT report_id FROM clocks WHERE stopped_at IS NULL AND stage <> 'return'
            AND due_at > '2026-10-31T08:00:00+07:00' ORDER BY report_id LIMIT 1",
    );
    delete_report_whole(&env, open);
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--dry-run"])
        .code(5)
        .stderr_has("reports deleted or added outside phananh");
    env.set_now("2026-12-07T09:00:00+07:00");
    env.cron_sweep(RECEPTION, &["--lang", "en", "--quiet"])
        .code(5)
        .stderr_has("reports deleted or added outside phananh")
        .stderr_has("audit verify");
}

/// Sở Xây dựng's late cases given, with `sqlite3`, a longer limit and the deadline that
/// limit gives, and marked on time: every stored field of each clock agreed with the others,
/// and `audit verify` took the limit from the row, exit 0, as the score did. Verify now
/// recomputes a stopped clock with the limits in force just before its stop (the settings
/// the log replays), and names it; the score refuses, exit 5.
#[test]
fn a_score_over_late_cases_given_a_longer_limit_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    let score = ["--lang", "en", "--format", "csv", "score", "--year", "2026"];
    env.run_as(AUDITOR, &score).success();
    let late = lengthen_late_clocks_of_sxd(&env);
    let verify = env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"]);
    assert_eq!(verify.code, Some(5), "{}{}", verify.stdout, verify.stderr);
    verify.stderr_has("deadline");
    let run = env.run_as(AUDITOR, &score);
    assert_eq!(run.code, Some(5), "{}", run.stdout);
    run.stderr_has(&format!("report {}", late[0]))
        .stderr_has("but the log gives")
        .stderr_has("Nothing was printed");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

/// Gives each of Sở Xây dựng's late clocks a limit one hour longer than the time it took,
/// the deadline that limit gives under today's calendar, and the on-time flag, as an
/// insider with the deadline calculus at hand would. Those clocks' reports.
fn lengthen_late_clocks_of_sxd(env: &TestEnv) -> Vec<i64> {
    use phananh::domain::deadline::{self, Limit, OffHours, Policy, Stage};
    use phananh::domain::time;
    let conn = env.writable();
    let deadlines = phananh::app::deadlines::Deadlines::load(&conn).unwrap();
    let rows: Vec<(i64, i64, String, String, String, String)> = rows_as(
        &conn,
        "SELECT id, report_id, stage, rule, started_at, stopped_at FROM clocks
          WHERE breached = 1 AND agency = 'SXD' ORDER BY report_id",
    );
    assert!(!rows.is_empty(), "the demo has late cases of SXD");
    for (id, _, stage, rule, started, stopped) in &rows {
        let (start, stop) = (
            time::stored(started).unwrap(),
            time::stored(stopped).unwrap(),
        );
        let (limit, off_hours) = if rule == "clock_hours" {
            ((stop - start).num_seconds() + 3600, OffHours::DayOffRule)
        } else {
            let took = deadline::working_seconds_between(&start, &stop, &deadlines.calendar);
            (took + 3600, OffHours::NextWindow)
        };
        let policy = Policy::new(
            [Limit {
                working: limit,
                day_off: limit,
            }; 4],
            off_hours,
        );
        let stage = Stage::parse(stage).unwrap();
        let due = deadline::due(&start, stage, &deadlines.calendar, &policy).unwrap();
        assert!(due.at >= stop, "clock {id}");
        conn.execute(
            "UPDATE clocks SET limit_seconds = ?1, due_at = ?2, breached = 0 WHERE id = ?3",
            rusqlite::params![limit, time::format(&due.at), id],
        )
        .unwrap();
    }
    rows.into_iter().map(|r| r.1).collect()
}

/// Two agencies' names swapped with `sqlite3`, or a field's or a service code's name
/// changed: the public feed citizens read (`export open311`) and both CSV exports named
/// Sở Y tế as the agency that handled Sở Xây dựng's reports, exit 0, while `report` and
/// `score` refused over the same rows. Every export now judges the `agencies`, `fields`
/// and `service_codes` rows it prints names from against the log, once per run, and
/// refuses, exit 5, naming the row and exporting nothing.
#[test]
fn an_export_over_names_edited_with_sqlite3_is_refused() {
    let start = TestEnv::demo();
    start
        .run_as(
            ADMIN,
            &["service", "import", &example_str("service-codes.csv")],
        )
        .success();
    let before = start.snapshot();
    let sxd: String = text_of(&start, "SELECT name FROM agencies WHERE code = 'SXD'");
    let service_renamed = (
        "UPDATE service_codes SET name = name || ' (đã sửa)'
          WHERE service_code = (SELECT min(service_code) FROM service_codes)",
        "service_codes row",
    );
    for (edit, named) in NAMES_EDITED.into_iter().chain([service_renamed]) {
        let env = TestEnv::from_bytes(&before);
        let honest = env.run_as(LEADER, OPEN311);
        honest.success();
        assert!(honest.stdout.contains(&sxd), "the feed names {sxd}");
        assert!(env.writable().execute(edit, []).unwrap() >= 1, "{edit}");
        for (user, args) in EXPORTS {
            refused_over_names(&env.run_as(user, args), named, "Nothing was exported");
        }
    }
}

/// `reports_by_month`, through which `report` and `score` read a period, rebuilt with
/// `sqlite3` to leave a report out and left under a partial definition the period's query
/// still takes (`WHERE submitted_at IS NOT NULL`, which its bounds imply): every writing
/// command refused the file, its schema not the one the migrations make, but the read-only
/// `report` and `score` did not compare it, and counted the month without that report,
/// exit 0. Both now compare the file's schema (a read of `sqlite_schema` and a digest) and
/// refuse, exit 5, naming the index.
#[test]
fn a_report_or_score_over_an_index_redefined_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    let left_out: i64 = env
        .column("SELECT id FROM reports WHERE submitted_at LIKE '2026-09%' ORDER BY id LIMIT 1")[0];
    let original = text_of(
        &env,
        "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'reports_by_month'",
    );
    let set = |sql: &str| {
        let conn = env.writable();
        conn.execute_batch("PRAGMA writable_schema = ON").unwrap();
        conn.execute(
            "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'index' AND name = 'reports_by_month'",
            [sql],
        )
        .unwrap();
    };
    set(&format!("{original} WHERE id <> {left_out}"));
    env.writable()
        .execute_batch("REINDEX reports_by_month")
        .unwrap();
    set(&format!("{original} WHERE submitted_at IS NOT NULL"));
    for (user, args) in [
        (
            LEADER,
            &["--lang", "en", "report", "monthly", "--period", "2026-09"][..],
        ),
        (AUDITOR, &["--lang", "en", "score", "--year", "2026"][..]),
    ] {
        let run = env.run_as(user, args);
        assert_eq!(run.code, Some(5), "{args:?}: {}", run.stdout);
        run.stderr_has("reports_by_month")
            .stderr_has("Nothing was printed");
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
}

/// Two agencies' names swapped with `sqlite3`, then the desk's list of what falls due
/// (`list --due`). It printed each clock's agency by the name `agencies` holds beside the
/// code, so Sở Xây dựng's open case read as Sở Y tế's, exit 0, while `report`, `score`, the
/// sweep and the exports named the row. The list now gives the codes without the names the
/// log does not vouch for, and names the row, exit 5, as the sweep does: the deadlines are
/// still listed (the desk must not wait for a restore to see what falls due).
#[test]
fn a_due_list_over_agency_names_swapped_with_sqlite3_names_no_agency_by_them() {
    let env = TestEnv::demo();
    let due = [
        "--lang",
        "en",
        "--format",
        "csv",
        "list",
        "--due",
        "2026-11-30",
    ];
    let honest = env.run_as(RECEPTION, &due);
    honest.success().stdout_has("SXD,Sở Xây dựng tỉnh Cà Mau,");
    assert_eq!(
        env.writable().execute(NAMES_EDITED[0].0, []).unwrap(),
        2,
        "the swap"
    );
    let run = env.run_as(RECEPTION, &due);
    run.code(5)
        .stderr_has("the log does not vouch for the agencies' names: ")
        .stderr_has(NAMES_EDITED[0].1)
        .stdout_has("SXD,,");
    assert!(!run.stdout.contains("Sở Y tế"), "{}", run.stdout);
    env.run_as(RECEPTION, &["list", "--due", "2026-11-30"])
        .code(5)
        .stderr_has("Nhật ký không xác nhận tên các cơ quan: ");
}

/// The open case's deadline moved a fortnight later with `sqlite3`: the public feed
/// (`export open311`, the CSV exports' `expected_at`) gave citizens the forged date as the
/// portal's promise, exit 0, while only the sweep and `audit verify` judged the row. Every
/// export now judges each open duty clock's deadline against the one its start step gives
/// under the calendar and limits in force, once per run (one read of the open clocks), and
/// refuses, exit 5, naming the report and the deadline the log gives, exporting nothing.
/// A clock that names another calendar than today's (an honest one a newer binary's first
/// sweep will recompute, or a row edited to look so) is given the deadline the log gives,
/// never the row's.
#[test]
fn an_export_over_an_open_deadline_moved_with_sqlite3_promises_nothing_forged() {
    let start = TestEnv::demo();
    let before = start.snapshot();
    let (report, app_id, honest_due): (i64, String, String) = start
        .read_only()
        .query_row(
            "SELECT c.report_id, r.external_id, c.due_at FROM clocks c
               JOIN reports r ON r.id = c.report_id
              WHERE c.stopped_at IS NULL AND c.stage = 'process'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let forged_due = "2026-11-15T15:19:12+07:00";
    assert_ne!(honest_due, forged_due);
    let promised = |stdout: &str, due: &str| {
        stdout
            .lines()
            .any(|line| line.contains(&app_id) && line.contains(due))
    };
    let honest = start.run_as(LEADER, OPEN311);
    honest.success();
    assert!(promised(&honest.stdout, &honest_due), "{}", honest.stdout);

    let env = TestEnv::from_bytes(&before);
    let moved = format!(
        "UPDATE clocks SET due_at = '{forged_due}' WHERE report_id = {report} AND stopped_at IS NULL"
    );
    assert_eq!(env.writable().execute(&moved, []).unwrap(), 1);
    for (user, args) in EXPORTS {
        let run = env.run_as(user, args);
        assert!(
            !promised(&run.stdout, forged_due),
            "{args:?}: {}",
            run.stdout
        );
        run.code(5)
            .stderr_has(&format!("report {report}: "))
            .stderr_has("but the log gives")
            .stderr_has("Nothing was exported");
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
    assert_eq!(
        env.count(FULL_EXPORTS),
        start.count(FULL_EXPORTS),
        "a refused full export is not logged as one"
    );

    // A day off inserted with the deadline it would move: the calendar the deadline is
    // judged under is judged first, and named.
    let env = TestEnv::from_bytes(&before);
    let conn = env.writable();
    conn.execute(
        "INSERT INTO calendar_days VALUES ('2026-11-01', 'off', 'Nghỉ', '')",
        [],
    )
    .unwrap();
    assert_eq!(conn.execute(&moved, []).unwrap(), 1);
    drop(conn);
    for (user, args) in EXPORTS {
        let run = env.run_as(user, args);
        run.code(5)
            .stderr_has("the log does not vouch for the calendar or the limits")
            .stderr_has("calendar_days row \"2026-11-01\"")
            .stderr_has("Nothing was exported");
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }

    // The row made to name another calendar: the feed promises what the log gives.
    let env = TestEnv::from_bytes(&before);
    let stale = format!(
        "UPDATE clocks SET due_at = '{forged_due}', calendar_version = 'cu'
          WHERE report_id = {report} AND stopped_at IS NULL"
    );
    assert_eq!(env.writable().execute(&stale, []).unwrap(), 1);
    let run = env.run_as(LEADER, OPEN311);
    run.success();
    assert!(!promised(&run.stdout, forged_due), "{}", run.stdout);
    assert!(promised(&run.stdout, &honest_due), "{}", run.stdout);
}

/// Sở Xây dựng's on-time case made late with `sqlite3`: its first round's clock given the
/// second round's reply as its stop (`stop_event`, `stopped_at` and `breached = 1`
/// together). That reply is a later step of the same report that stops such a clock, at
/// that step's time, so every check of the stop held: the yearly score counted one late case
/// more against Sở Xây dựng and moved it from second to third place, exit 0; the monthly
/// report too. A clock stops at the first step after its start that stops its stage (the
/// rule `domain::clocks::replay` plays); report and score now read that step with each
/// clock (one step forward through `events_by_report`) and refuse, exit 5, a stop that is
/// not it.
#[test]
fn a_score_over_an_on_time_case_given_a_later_stop_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    let (report, stop, stopped): (i64, i64, String) = env
        .read_only()
        .query_row(
            "SELECT a.report_id, b.stop_event, b.stopped_at FROM clocks a
               JOIN clocks b ON b.report_id = a.report_id AND b.stage = a.stage
                            AND b.round = a.round + 1
              WHERE a.stage = 'process' AND a.agency = 'SXD' AND a.breached = 0
                AND b.stopped_at > a.due_at
              ORDER BY a.report_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let score = ["--lang", "en", "--format", "csv", "score", "--year", "2026"];
    env.run_as(AUDITOR, &score).success();
    let made_late = env
        .writable()
        .execute(
            "UPDATE clocks SET stop_event = ?1, stopped_at = ?2, breached = 1
              WHERE report_id = ?3 AND stage = 'process' AND round = 1",
            rusqlite::params![stop, stopped, report],
        )
        .unwrap();
    assert_eq!(made_late, 1);
    let run = env.run_as(AUDITOR, &score);
    assert_eq!(run.code, Some(5), "{}", run.stdout);
    run.stderr_has(&format!(
        "report {report}: its processing clock of round 1 has a stop that matches no step of the report in the log"
    ))
    .stderr_has("Nothing was printed");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    monthly_refused_over(
        &env,
        report,
        "has a stop that matches no step of the report in the log",
    );
}

/// The open case's deadline moved a fortnight later with `sqlite3`: the desk's list of what
/// falls due by the day after (`list --due`) left it out, exit 0, though its true deadline
/// fell within the day (the cron sweep names such a clock, the desk was told nothing). The
/// list now judges every open duty clock's deadline as the exports do (one read of the open
/// clocks) and, after the rows, names the one that does not hold and the deadline the log
/// gives, exit 5.
#[test]
fn a_due_list_names_an_open_deadline_moved_out_of_it_with_sqlite3() {
    let env = TestEnv::demo();
    let (report, honest_due): (i64, String) = env
        .read_only()
        .query_row(
            "SELECT report_id, due_at FROM clocks WHERE stopped_at IS NULL AND stage = 'process'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let day = &honest_due[..10];
    let due = ["--lang", "en", "--format", "csv", "list", "--due", day];
    let listed = |stdout: &str| {
        stdout
            .lines()
            .any(|line| line.contains(&format!(",{report},")))
    };
    let run = listed_honestly_then_with_its_deadline_moved(&env, report, &due, listed);
    assert!(!listed(&run.stdout), "{}", run.stdout);
    env.run_as(RECEPTION, &["list", "--due", day])
        .code(5)
        .stderr_has(&format!("phản ánh {report}: thời hạn xử lý đang tính"));
}

/// Two open deadlines moved with `sqlite3`: each command that judges the open deadlines
/// names one, and always the same one, whatever order it reads the clocks in: the one due
/// first, and of two due at the same moment the older clock. Here the clock written later
/// is moved to the earlier date, so a read in the table's order meets the other first.
#[test]
fn of_two_open_deadlines_moved_the_one_due_first_is_named() {
    let start = TestEnv::demo();
    let before = start.snapshot();
    let open: Vec<i64> = start
        .column("SELECT id FROM clocks WHERE stopped_at IS NULL AND stage <> 'return' ORDER BY id");
    assert!(open.len() >= 2, "{open:?}");
    let (older, newer) = (open[0], open[open.len() - 1]);
    let report_of = |clock: i64| -> i64 {
        start
            .read_only()
            .query_row("SELECT report_id FROM clocks WHERE id = ?1", [clock], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let (older_report, newer_report) = (report_of(older), report_of(newer));
    assert_ne!(older_report, newer_report);
    let commands: [&[&str]; 4] = [
        &["--lang", "en", "--format", "json", "export", "open311"],
        &["--lang", "en", "export", "csv", "--public"],
        &["--lang", "en", "list", "--due", "2026-11-30"],
        &["--lang", "en", "list", "--overdue"],
    ];
    for (older_due, newer_due, named, not_named) in [
        (
            "2026-12-21T08:00:00+07:00",
            "2026-12-14T08:00:00+07:00",
            newer_report,
            older_report,
        ),
        (
            "2026-12-14T08:00:00+07:00",
            "2026-12-14T08:00:00+07:00",
            older_report,
            newer_report,
        ),
    ] {
        let env = TestEnv::from_bytes(&before);
        let conn = env.writable();
        for (clock, due) in [(older, older_due), (newer, newer_due)] {
            let moved = "UPDATE clocks SET due_at = ?2 WHERE id = ?1";
            assert_eq!(
                conn.execute(moved, rusqlite::params![clock, due]).unwrap(),
                1
            );
        }
        drop(conn);
        for args in commands {
            let user = if args.contains(&"export") {
                LEADER
            } else {
                RECEPTION
            };
            let run = env.run_as(user, args);
            run.code(5)
                .stderr_has(&format!("report {named}: "))
                .stderr_has("but the log gives");
            assert!(
                !run.stderr.contains(&format!("report {not_named}: ")),
                "{args:?}: {}",
                run.stderr
            );
        }
    }
}

/// The open case's deadline moved a fortnight later, or its clock moved to another agency,
/// with `sqlite3`: `show` printed the clock as its row held it, exit 0, so the operator
/// reading the report was told the forged deadline or the wrong agency. `show` now replays
/// that one report's log into its clocks, as `audit verify` does for every report, prints
/// the report all the same, and names the clock that does not hold, exit 5.
#[test]
fn show_names_a_clock_of_its_report_edited_with_sqlite3() {
    let start = TestEnv::demo();
    let before = start.snapshot();
    let report: i64 = start
        .read_only()
        .query_row(
            "SELECT report_id FROM clocks WHERE stopped_at IS NULL AND stage = 'process'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let id = report.to_string();
    let show = ["--lang", "en", "--format", "json", "show", &id];
    start.run_as(RECEPTION, &show).success();
    for edit in ["due_at = '2026-11-15T15:19:12+07:00'", "agency = 'SYT'"] {
        let env = TestEnv::from_bytes(&before);
        let sql =
            format!("UPDATE clocks SET {edit} WHERE report_id = {report} AND stopped_at IS NULL");
        assert_eq!(env.writable().execute(&sql, []).unwrap(), 1, "{edit}");
        let run = env.run_as(RECEPTION, &show);
        run.code(5)
            .stderr_has(&format!("report {report}"))
            .stderr_has("audit verify")
            .stdout_has(&format!("\"id\": {report},"));
    }
}

/// A published report's content or answer rewritten with `sqlite3` (a complaint softened,
/// an answer the agency never gave): `show` printed the row as the record, exit 0, to the
/// leader or inspector reading it. It now compares the row with the log's last seal of it,
/// as the exports do, prints the report all the same (the reader sees what the file holds)
/// and says it is not what the log recorded, exit 5.
#[test]
fn show_says_a_report_row_edited_with_sqlite3_is_not_the_record() {
    let start = TestEnv::demo();
    let before = start.snapshot();
    let report: i64 = start
        .read_only()
        .query_row(
            "SELECT id FROM reports WHERE status = 'published' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let id = report.to_string();
    let show = ["--lang", "en", "--format", "json", "show", &id];
    start.run_as(LEADER, &show).success();
    for edit in [
        "content = 'Đường sạch đẹp, không có gì phải xử lý'",
        "result_text = 'Đã xử lý xong'",
        "urgent = 1 - urgent",
    ] {
        let env = TestEnv::from_bytes(&before);
        let sql = format!("UPDATE reports SET {edit} WHERE id = {report}");
        assert_eq!(env.writable().execute(&sql, []).unwrap(), 1, "{edit}");
        let run = env.run_as(LEADER, &show);
        run.code(5)
            .stderr_has(&format!("report {report} was changed outside phananh"))
            .stderr_has("shown as its row stands")
            .stderr_has("audit verify")
            .stdout_has(&format!("\"id\": {report},"));
        // Another report, untouched, is shown as before.
        let other = env.read_only().query_row(
            "SELECT id FROM reports WHERE id <> ?1 AND status = 'published' LIMIT 1",
            [report],
            |r| r.get::<_, i64>(0),
        );
        let other = other.unwrap().to_string();
        env.run_as(LEADER, &["--format", "json", "show", &other])
            .success();
    }
}

/// The same rows in the desk's lists: `list` printed a rewritten row as the record, exit 0.
/// It now lists every row as it stands, then names those the log does not vouch for, exit
/// 5; `list --overdue` likewise; a list of untouched rows succeeds.
#[test]
fn list_names_the_report_rows_edited_with_sqlite3_after_listing_them() {
    let mut env = TestEnv::demo();
    let published: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'published' ORDER BY id LIMIT 2");
    let list = [
        "--lang",
        "en",
        "--format",
        "csv",
        "list",
        "--status",
        "published",
    ];
    let clean = env.run_as(LEADER, &list);
    clean.success();
    env.writable()
        .execute(
            "UPDATE reports SET content = 'Không có gì' WHERE id = ?1",
            [published[0]],
        )
        .unwrap();
    let run = env.run_as(LEADER, &list);
    run.code(5)
        .stderr_has(&format!(
            "report {} was changed outside phananh: its row no longer matches the log's last seal. The list gave it as its row stands, not as the log recorded it",
            published[0]
        ))
        .stderr_has("audit verify");
    assert_eq!(
        run.stdout.lines().count(),
        clean.stdout.lines().count(),
        "every row listed all the same: {run}"
    );
    env.writable()
        .execute(
            "UPDATE reports SET result_text = 'Đã xong' WHERE id = ?1",
            [published[1]],
        )
        .unwrap();
    env.run_as(LEADER, &list)
        .code(5)
        .stderr_has(&format!(
            "reports {}, {} were changed outside phananh",
            published[0], published[1]
        ))
        .stderr_has("The list gave them as their rows stand");
    // Only what was listed is judged: the other statuses hold no edited row.
    env.run_as(LEADER, &["--format", "csv", "list", "--status", "rejected"])
        .success();
    // A table shows the first rows and counts the rest: a row it shows is judged, one past
    // its screenful is not printed, so not named (CSV prints, and names, every row).
    let table = ["--lang", "en", "list", "--status", "published"];
    env.run_as(LEADER, &table)
        .code(5)
        .stderr_has(&format!("reports {}, {}", published[0], published[1]));
    let fresh = TestEnv::demo();
    let order: Vec<i64> = fresh
        .run_as(LEADER, &list)
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .collect();
    assert!(
        order.len() > 200,
        "more published reports than a table shows"
    );
    let past = order[order.len() - 1];
    fresh
        .writable()
        .execute(
            "UPDATE reports SET content = 'Không có gì' WHERE id = ?1",
            [past],
        )
        .unwrap();
    fresh.run_as(LEADER, &table).success();
    fresh
        .run_as(LEADER, &list)
        .code(5)
        .stderr_has(&format!("report {past} was changed outside phananh"));
    // The overdue list reads the same rows: the open case, overdue a day after the demo.
    let overdue: i64 = env
        .column("SELECT report_id FROM clocks WHERE stopped_at IS NULL AND stage = 'process'")[0];
    env.set_now("2026-11-02T08:00:00+07:00");
    let overdue_list = ["--lang", "en", "--format", "csv", "list", "--overdue"];
    // The edited published reports are not overdue, so not listed, so not named.
    env.run_as(RECEPTION, &overdue_list).success();
    env.writable()
        .execute(
            "UPDATE reports SET address = 'Không rõ' WHERE id = ?1",
            [overdue],
        )
        .unwrap();
    let run = env.run_as(RECEPTION, &overdue_list);
    run.code(5)
        .stderr_has(&format!("report {overdue} was changed outside phananh"));
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with(&format!("{overdue},"))),
        "listed all the same: {run}"
    );
}

/// A row moved OUT of a filter with `sqlite3`: `list --status assigned` no longer listed a
/// report assigned to SXD whose status was set to `replied`, nor `list --agency SXD` (and
/// SXD's handler's own list) one whose agency was set to another, nor `list --urgent` an
/// urgent report set not urgent, exit 0: the desk's queue lost a case unsaid, where a row
/// moved INTO a filter is listed and named. The log's own words (the status each step left
/// the report in, its assignment's agency and urgency) now name such a report after the
/// rows, exit 5, in both languages; the lists of untouched rows succeed.
#[test]
fn a_list_names_a_report_moved_out_of_its_filter_with_sqlite3() {
    let env = TestEnv::assigned_to_sxd();
    // Report 13 came urgent from the app; assigned, the log says so.
    env.run_as(RECEPTION, &["classify", "13", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "13", "--agency", "SXD"])
        .success();
    fn csv<'a>(args: &[&'a str]) -> Vec<&'a str> {
        [&["--format", "csv", "list"][..], args].concat()
    }
    let lists: [(&str, Vec<&str>); 4] = [
        (RECEPTION, vec!["--status", "assigned"]),
        (RECEPTION, vec!["--agency", "SXD"]),
        (HANDLER_SXD, vec![]),
        (RECEPTION, vec!["--urgent"]),
    ];
    for (user, args) in &lists {
        env.run_as(user, &csv(args)).success();
    }
    env.writable()
        .execute_batch(
            "UPDATE reports SET status = 'replied' WHERE id = 5;
             UPDATE reports SET agency = 'PCCM' WHERE id = 13;",
        )
        .unwrap();
    for (user, args, id) in [
        (RECEPTION, vec!["--status", "assigned"], "5"),
        (RECEPTION, vec!["--agency", "SXD"], "13"),
        (HANDLER_SXD, vec![], "13"),
    ] {
        let run = env.run_as(user, &csv(&args));
        run.code(5)
            .stderr_has(&format!(
                "Phản ánh {id}: nhật ký niêm phong nó lần cuối với trạng thái, cơ quan hoặc mức khẩn mà danh sách này hỏi"
            ))
            .stderr_has("nên danh sách không có nó")
            .stderr_has("audit verify");
        assert!(
            !run.stdout.lines().any(|l| l.starts_with(&format!("{id},"))),
            "{run}"
        );
        env.run_as(user, &[&["--lang", "en"][..], &csv(&args)].concat())
            .code(5)
            .stderr_has(&format!(
                "report {id}: the log last sealed it with a status, agency or urgency this list asks for, but its row now says otherwise (edited outside phananh), so the list left it out"
            ));
    }
    env.writable()
        .execute("UPDATE reports SET urgent = 0 WHERE id = 13", [])
        .unwrap();
    env.run_as(RECEPTION, &csv(&["--urgent"]))
        .code(5)
        .stderr_has("Phản ánh 13: nhật ký niêm phong nó lần cuối");
    // The lists the edits left alone: nothing left out, nothing named.
    env.run_as(RECEPTION, &csv(&["--status", "rejected"]))
        .success();
    env.run_as(
        RECEPTION,
        &csv(&["--agency", "PCCM", "--status", "published"]),
    )
    .success();
}

/// The same deadline moved past the moment of `list --overdue`: the overdue case dropped
/// out of the desk's list of late reports, exit 0. That list now judges the open deadlines
/// as `list --due` does and names the one that does not hold, exit 5.
#[test]
fn an_overdue_list_names_an_open_deadline_moved_out_of_it_with_sqlite3() {
    let mut env = TestEnv::demo();
    let report: i64 = env
        .read_only()
        .query_row(
            "SELECT report_id FROM clocks WHERE stopped_at IS NULL AND stage = 'process'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    env.set_now("2026-11-02T08:00:00+07:00");
    let overdue = ["--lang", "en", "--format", "csv", "list", "--overdue"];
    let listed = |stdout: &str| {
        stdout
            .lines()
            .any(|line| line.starts_with(&format!("{report},")))
    };
    let run = listed_honestly_then_with_its_deadline_moved(&env, report, &overdue, listed);
    assert!(!listed(&run.stdout), "{}", run.stdout);
}

/// Runs the listing `args`, which must list `report` (`listed` says whether its output
/// does); moves the report's open deadline a fortnight later with `sqlite3`; runs it again,
/// which must name the clock and the deadline the log gives, exit 5. That run.
fn listed_honestly_then_with_its_deadline_moved(
    env: &TestEnv,
    report: i64,
    args: &[&str],
    listed: impl Fn(&str) -> bool,
) -> Run {
    let honest = env.run_as(RECEPTION, args);
    honest.success();
    assert!(listed(&honest.stdout), "{}", honest.stdout);
    assert_eq!(
        env.writable()
            .execute(
                "UPDATE clocks SET due_at = '2026-11-15T15:19:12+07:00'
                  WHERE report_id = ?1 AND stopped_at IS NULL",
                [report],
            )
            .unwrap(),
        1
    );
    let run = env.run_as(RECEPTION, args);
    run.code(5)
        .stderr_has(&format!("report {report}: its open processing clock"))
        .stderr_has("but the log gives");
    run
}

/// A published report's result (the agency's answer citizens read) rewritten with
/// `sqlite3`: the public feed and both CSV exports printed the forged answer as the
/// portal's, exit 0, and `show` showed it to the operator, while `audit verify` named the
/// row. Each export now checks every row against the log's last seal of it as it streams
/// (one index step and a digest per report), leaves an edited one out, goes on with the
/// others and names it at the end, exit 5.
#[test]
fn a_published_result_rewritten_with_sqlite3_is_published_by_no_export() {
    let env = TestEnv::demo();
    let (report, app_id): (i64, String) = env
        .read_only()
        .query_row(
            "SELECT id, external_id FROM reports WHERE status = 'published'
              ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let forged = "Đã xử lý xong, không phát hiện vi phạm.";
    assert_eq!(
        env.writable()
            .execute(
                "UPDATE reports SET result_text = ?1 WHERE id = ?2",
                rusqlite::params![forged, report],
            )
            .unwrap(),
        1
    );
    for (user, args) in EXPORTS {
        let run = env.run_as(user, args);
        assert!(!run.stdout.contains(forged), "{args:?}: {}", run.stdout);
        assert!(!run.stdout.contains(&app_id), "{args:?}: {}", run.stdout);
        run.code(5)
            .stderr_has(&format!("report {report} was changed outside phananh"))
            .stderr_has("It was left out of the export");
        assert!(
            run.stdout.lines().count() > 100,
            "the other reports are exported: {args:?}"
        );
    }
}

/// The open case's processing clock deleted outright with `sqlite3`
/// (`DELETE FROM clocks WHERE id = …`): the exports gave the assigned report no expected
/// time, `list --due` and `list --overdue` left it out, exit 0, though it still waits on the
/// agency and its deadline has passed — a late agency hidden. The commands that print open
/// deadlines now check that every report waiting at a step with a duty clock has that clock
/// open, and refuse as for a deadline moved: exit 5, the report and its step named, nothing
/// exported; `show` names the clock its log starts and the table lacks.
#[test]
fn an_open_clock_deleted_with_sqlite3_hides_no_late_agency() {
    let mut env = TestEnv::demo();
    env.set_now("2026-11-02T08:00:00+07:00");
    let (report, clock, round, app_id, due): (i64, i64, i64, String, String) = env
        .read_only()
        .query_row(
            "SELECT c.report_id, c.id, c.round, r.external_id, c.due_at FROM clocks c
               JOIN reports r ON r.id = c.report_id
              WHERE c.stopped_at IS NULL AND c.stage = 'process' AND r.status = 'assigned'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    let id = report.to_string();
    let day = &due[..10];
    let due_list = ["--lang", "en", "--format", "csv", "list", "--due", day];
    let overdue = ["--lang", "en", "--format", "csv", "list", "--overdue"];
    for (user, args) in EXPORTS {
        let run = env.run_as(user, args);
        run.success();
        assert!(
            run.stdout
                .lines()
                .any(|line| line.contains(&app_id) && line.contains(&due)),
            "{args:?}: {}",
            run.stdout
        );
    }
    let listed = env.run_as(RECEPTION, &due_list);
    listed.success();
    assert!(listed.stdout.contains(&format!(",{report},")), "{listed}");
    let late = env.run_as(RECEPTION, &overdue);
    late.success();
    assert!(late.stdout.contains(&format!("\n{report},")), "{late}");

    assert_eq!(
        env.writable()
            .execute("DELETE FROM clocks WHERE id = ?1", [clock])
            .unwrap(),
        1
    );
    for (user, args) in EXPORTS {
        let run = env.run_as(user, args);
        run.code(5)
            .one_line_error()
            .stderr_has(&format!(
                "report {report} still waits on its processing step, but no clock of that step runs"
            ))
            .stderr_has("Nothing was exported")
            .stderr_has("audit verify");
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
    for args in [&due_list[..], &overdue] {
        env.run_as(RECEPTION, args)
            .code(5)
            .stderr_has(&format!(
                "report {report} still waits on its processing step, but no clock of that step runs"
            ))
            .stderr_has("audit verify");
    }
    env.run_as(RECEPTION, &["list", "--overdue"])
        .code(5)
        .stderr_has(&format!("phản ánh {report} còn chờ bước xử lý"));
    env.run_as(RECEPTION, &["--lang", "en", "show", &id])
        .code(5)
        .stderr_has(&format!(
            "report {report}: the log starts its process clock round {round}, which the clocks table lacks"
        ))
        .stderr_has("audit verify");

    // Stopped rather than deleted, its stop made to look on time: the same.
    let env = TestEnv::demo();
    let stopped = "UPDATE clocks SET stopped_at = started_at, stop_event = start_event,
                                     breached = 0
                    WHERE id = ?1";
    assert_eq!(env.writable().execute(stopped, [clock]).unwrap(), 1);
    env.run_as(RECEPTION, &due_list)
        .code(5)
        .stderr_has(&format!(
            "report {report} still waits on its processing step, but no clock of that step runs"
        ));

    // Deleted, and another waiting report's open clock copied as a later round (its
    // deadline the log's) so that the open duty clocks still number the waiting reports:
    // the same.
    let env = TestEnv::demo();
    let conn = env.writable();
    assert_eq!(
        conn.execute("DELETE FROM clocks WHERE id = ?1", [clock])
            .unwrap(),
        1
    );
    let copied = conn
        .execute(
            "INSERT INTO clocks (report_id, stage, round, agency, started_at, rule,
                                 limit_seconds, due_at, calendar_version, start_event)
             SELECT report_id, stage, round + 1, agency, started_at, rule, limit_seconds,
                    due_at, calendar_version, start_event
               FROM clocks
              WHERE stopped_at IS NULL AND stage <> 'return' AND report_id <> ?1
              LIMIT 1",
            [report],
        )
        .unwrap();
    assert_eq!(copied, 1);
    drop(conn);
    env.run_as(RECEPTION, &due_list)
        .code(5)
        .stderr_has(&format!(
            "report {report} still waits on its processing step, but no clock of that step runs"
        ));
}

/// `list --overdue --ever` (every report that ever ran late) read a stopped clock's late
/// flag as its row held it: `breached = 0` set with `sqlite3` on a clock that stopped late
/// took the report out of the list, the agency's lateness hidden, and `breached = 1` on an
/// on-time clock put a report in it, an agency framed, exit 0 both; a deadline moved past
/// the stop with the flag made to agree hid it too. The list now judges every stopped clock
/// as `report` and `score` do (its start and stop against the log's steps, its deadline
/// under the calendar in force before its stop, its flag against both, its agency), lists
/// the rows as they stand and names the first clock that does not hold, exit 5, as it
/// names an open deadline moved.
#[test]
fn an_ever_late_list_over_a_late_flag_edited_with_sqlite3_names_the_clock() {
    let mut start = TestEnv::demo();
    start.set_now("2026-11-02T08:00:00+07:00");
    let before = start.snapshot();
    let one_of = |sql: &str| -> (i64, i64, i64) {
        start
            .read_only()
            .query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
    };
    // A report late on this clock alone, and one never late, both stopped by an agency.
    let (late_clock, late, late_round) = one_of(
        "SELECT c.id, c.report_id, c.round FROM clocks c
          WHERE c.stage = 'process' AND c.breached = 1
            AND NOT EXISTS (SELECT 1 FROM clocks d WHERE d.report_id = c.report_id
                              AND d.id <> c.id AND (d.breached = 1 OR d.stopped_at IS NULL))
          ORDER BY c.id LIMIT 1",
    );
    let (on_time_clock, on_time, on_time_round) = one_of(
        "SELECT c.id, c.report_id, c.round FROM clocks c
          WHERE c.stage = 'process' AND c.breached = 0
            AND NOT EXISTS (SELECT 1 FROM clocks d WHERE d.report_id = c.report_id
                              AND (d.breached = 1 OR d.stopped_at IS NULL))
          ORDER BY c.id LIMIT 1",
    );
    let ever = [
        "--lang",
        "en",
        "--format",
        "csv",
        "list",
        "--overdue",
        "--ever",
    ];
    let listed = |stdout: &str, report: i64| {
        stdout
            .lines()
            .any(|line| line.starts_with(&format!("{report},")))
    };
    let honest = start.run_as(RECEPTION, &ever);
    honest.success();
    assert!(listed(&honest.stdout, late), "{honest}");
    assert!(!listed(&honest.stdout, on_time), "{honest}");
    let cases = [
        (
            format!("breached = 0 WHERE id = {late_clock}"),
            format!("report {late}: its processing clock of round {late_round} is marked on time"),
        ),
        (
            format!("breached = 1 WHERE id = {on_time_clock}"),
            format!(
                "report {on_time}: its processing clock of round {on_time_round} is marked late"
            ),
        ),
        (
            format!("due_at = stopped_at, breached = 0 WHERE id = {late_clock}"),
            format!("report {late}: its processing clock of round {late_round} has a deadline of"),
        ),
    ];
    for (edit, named) in cases {
        let env = TestEnv::from_bytes(&before);
        let sql = format!("UPDATE clocks SET {edit}");
        assert_eq!(env.writable().execute(&sql, []).unwrap(), 1, "{sql}");
        env.run_as(RECEPTION, &ever)
            .code(5)
            .stderr_has(&named)
            .stderr_has("audit verify");
    }
}

/// `list --overdue` reads a clock stopped after its moment as running then. A stopped
/// clock's row edited with `sqlite3` took a late report out of the list of a past moment
/// (its deadline or start moved past the moment), or put a closed report in today's list as
/// running late, its agency charged and "not yet reminded" (its stop moved into the
/// future), exit 0 each time. Each now names the clock, exit 5, as `--ever` does.
#[test]
fn an_overdue_list_over_a_stopped_clock_edited_with_sqlite3_names_the_clock() {
    let mut start = TestEnv::demo();
    start.set_now("2026-11-02T08:00:00+07:00");
    let before = start.snapshot();
    // A report late on this processing clock alone, stopped hours after its deadline.
    let (clock, report, round, due_at): (i64, i64, i64, String) = start
        .read_only()
        .query_row(
            "SELECT c.id, c.report_id, c.round, c.due_at FROM clocks c
              WHERE c.stage = 'process' AND c.breached = 1
                AND julianday(c.stopped_at) - julianday(c.due_at) > 0.1
                AND NOT EXISTS (SELECT 1 FROM clocks d WHERE d.report_id = c.report_id
                                  AND d.id <> c.id AND (d.breached = 1 OR d.stopped_at IS NULL))
              ORDER BY c.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    // A moment when it ran late, before it stopped.
    let then = (chrono::DateTime::parse_from_rfc3339(&due_at).unwrap()
        + chrono::Duration::minutes(1))
    .to_rfc3339();
    let list = |env: &TestEnv, now: &str| {
        env.run_as(
            RECEPTION,
            &[
                "--lang",
                "en",
                "--now",
                now,
                "--format",
                "csv",
                "list",
                "--overdue",
            ],
        )
    };
    let listed = |stdout: &str| {
        stdout
            .lines()
            .any(|line| line.starts_with(&format!("{report},")))
    };
    let honest = list(&start, &then);
    honest.success();
    assert!(listed(&honest.stdout), "{honest}");
    let today = list(&start, "2026-11-02T08:00:00+07:00");
    today.success();
    assert!(!listed(&today.stdout), "{today}");
    let named = format!("report {report}: its processing clock of round {round}");
    // (edit, the list's moment, whether the edit lists the report or hides it)
    let cases = [
        (
            format!("due_at = stopped_at, breached = 0 WHERE id = {clock}"),
            then.clone(),
            false,
        ),
        (
            format!("started_at = stopped_at WHERE id = {clock}"),
            then.clone(),
            false,
        ),
        (
            format!("stopped_at = '2027-01-01T00:00:00+07:00' WHERE id = {clock}"),
            "2026-11-02T08:00:00+07:00".to_owned(),
            true,
        ),
    ];
    for (edit, now, shown) in cases {
        let env = TestEnv::from_bytes(&before);
        let sql = format!("UPDATE clocks SET {edit}");
        assert_eq!(env.writable().execute(&sql, []).unwrap(), 1, "{sql}");
        let run = list(&env, &now);
        assert_eq!(listed(&run.stdout), shown, "{edit}: {run}");
        run.code(5)
            .stderr_has(&named)
            .stderr_has("the list takes the reports late at the moment")
            .stderr_has("audit verify");
    }
}

/// `list --overdue --ever` lists the reports by their stopped clocks' late flags, and a
/// past moment's list reads a clock stopped since as running then: a late clock deleted
/// with `sqlite3` took its report out of both lists, exit 0, while `report` and `score`
/// over the same file refused. Each list now counts the clocks the log starts against the
/// clocks the file holds, as they do, and refuses (exit 5) after its rows.
#[test]
fn an_overdue_list_over_a_late_clock_deleted_with_sqlite3_is_refused() {
    let today = "2026-12-07T09:00:00+07:00";
    let mut start = TestEnv::demo();
    start.set_now(today);
    let before = start.snapshot();
    // A publishing clock stopped late, its report's only late clock: deleted, nothing else
    // lists the report.
    let (clock, report, due_at): (i64, i64, String) = start
        .read_only()
        .query_row(
            "SELECT c.id, c.report_id, c.due_at FROM clocks c
              WHERE c.stage = 'publish' AND c.breached = 1
                AND julianday(c.stopped_at) - julianday(c.due_at) > 0.001
                AND NOT EXISTS (SELECT 1 FROM clocks d WHERE d.report_id = c.report_id
                                  AND d.id <> c.id AND (d.breached = 1 OR d.stopped_at IS NULL))
              ORDER BY c.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    // A moment when it ran late, before it stopped.
    let then = (chrono::DateTime::parse_from_rfc3339(&due_at).unwrap()
        + chrono::Duration::minutes(1))
    .to_rfc3339();
    let list = |env: &TestEnv, now: &str, ever: bool| {
        let mut args = vec![
            "--lang",
            "en",
            "--now",
            now,
            "--format",
            "csv",
            "list",
            "--overdue",
        ];
        if ever {
            args.push("--ever");
        }
        env.run_as(ADMIN, &args)
    };
    let listed = |stdout: &str| {
        stdout
            .lines()
            .any(|line| line.starts_with(&format!("{report},")))
    };
    let lists = [(today, true), (then.as_str(), false)];
    for (now, ever) in lists {
        let honest = list(&start, now, ever);
        honest.success();
        assert!(listed(&honest.stdout), "{now} {ever}: {honest}");
    }
    let env = TestEnv::from_bytes(&before);
    let sql = format!("DELETE FROM clocks WHERE id = {clock}");
    assert_eq!(env.writable().execute(&sql, []).unwrap(), 1);
    for (now, ever) in lists {
        let run = list(&env, now, ever);
        assert!(!listed(&run.stdout), "{now} {ever}: {run}");
        run.code(5)
            .stderr_has("clocks deleted or added outside phananh")
            .stderr_has("audit verify");
    }
}

/// The public feed refuses over the open clocks, naming `said`, and writes nothing.
fn open311_refuses(env: &TestEnv, said: &str) {
    let export = env.run_as(LEADER, OPEN311);
    export
        .code(5)
        .one_line_error()
        .stderr_has(said)
        .stderr_has("Nothing was exported");
    assert!(export.stdout.is_empty(), "{}", export.stdout);
}

/// A second open clock of a report's step, copied in with `sqlite3` as a later round (its
/// start and deadline the first's, so every deadline holds): the report was listed twice by
/// `list --due`, exported as usual and reminded twice by the sweep, exit 0. Each now names
/// the report and both clocks, exit 5.
#[test]
fn a_duty_clock_copied_in_with_sqlite3_is_named_not_counted_twice() {
    let mut env = TestEnv::demo();
    env.set_now("2026-11-02T08:00:00+07:00");
    let (report, clock, due): (i64, i64, String) = env
        .read_only()
        .query_row(
            "SELECT c.report_id, c.id, c.due_at FROM clocks c
               JOIN reports r ON r.id = c.report_id
              WHERE c.stopped_at IS NULL AND c.stage = 'process' AND r.status = 'assigned'
              ORDER BY c.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let due_list = [
        "--lang",
        "en",
        "--format",
        "csv",
        "list",
        "--due",
        &due[..10],
    ];
    let rows_of = |csv: &str| {
        csv.lines()
            .filter(|line| line.contains(&format!(",{report},")))
            .count()
    };
    let listed = env.run_as(RECEPTION, &due_list);
    listed.success();
    assert_eq!(rows_of(&listed.stdout), 1, "{listed}");

    let conn = env.writable();
    conn.execute(
        "INSERT INTO clocks (report_id, stage, round, agency, started_at, rule, limit_seconds,
                             due_at, calendar_version, start_event)
         SELECT report_id, stage, round + 1, agency, started_at, rule, limit_seconds, due_at,
                calendar_version, start_event
           FROM clocks WHERE id = ?1",
        [clock],
    )
    .unwrap();
    let copy = conn.last_insert_rowid();
    drop(conn);
    let said = format!(
        "report {report} has 2 open clocks of its processing step ({clock}, {copy}), where each step opens one (added outside phananh)"
    );
    env.run_as(RECEPTION, &due_list)
        .code(5)
        .stderr_has(&said)
        .stderr_has("audit verify");
    env.run_as(RECEPTION, &["list", "--due", &due[..10]])
        .code(5)
        .stderr_has(&format!(
            "phản ánh {report} có 2 thời hạn của bước xử lý cùng đang tính ({clock}, {copy})"
        ));
    open311_refuses(&env, &said);
    // Once both are due, the sweep's list meets both.
    env.set_now("2026-12-31T08:00:00+07:00");
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--dry-run"])
        .code(5)
        .stderr_has(&said);
}

/// A duty clock its step stopped, opened again with `sqlite3` (its row as it was before the
/// stop, its deadline the log's): the dispatch desk was listed late over a report an agency
/// already held, in `list --overdue`, the sweep's reminders and the exports, exit 0 each.
/// Each now names the report, its status and the step of the clock, exit 5.
#[test]
fn a_stopped_clock_opened_again_with_sqlite3_frames_no_desk() {
    let mut env = TestEnv::demo();
    env.set_now("2026-11-02T08:00:00+07:00");
    let (report, clock): (i64, i64) = env
        .read_only()
        .query_row(
            "SELECT c.report_id, c.id FROM clocks c JOIN reports r ON r.id = c.report_id
              WHERE r.status = 'assigned' AND c.stage = 'dispatch'
                AND c.stopped_at IS NOT NULL AND c.due_at < '2026-11-02'
              ORDER BY c.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let overdue = ["--lang", "en", "--format", "csv", "list", "--overdue"];
    let dispatch_late = |csv: &str| {
        csv.lines()
            .any(|line| line.starts_with(&format!("{report},")) && line.contains(",dispatch,"))
    };
    let late = env.run_as(RECEPTION, &overdue);
    late.success();
    assert!(!dispatch_late(&late.stdout), "{late}");
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--dry-run"])
        .success();

    let reopened = "UPDATE clocks SET stopped_at = NULL, stop_event = NULL, breached = NULL
                    WHERE id = ?1";
    assert_eq!(env.writable().execute(reopened, [clock]).unwrap(), 1);
    let said = format!(
        "report {report} has the status assigned, but a clock of its dispatch step runs for it (opened again or added outside phananh)"
    );
    let late = env.run_as(RECEPTION, &overdue);
    late.code(5).stderr_has(&said).stderr_has("audit verify");
    env.run_as(RECEPTION, &["list", "--overdue"])
        .code(5)
        .stderr_has(&format!(
            "phản ánh {report} đang ở trạng thái “Đang xử lý” nhưng một thời hạn của bước phân phối vẫn đang tính cho nó"
        ));
    open311_refuses(&env, &said);
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--dry-run"])
        .code(5)
        .stderr_has(&format!("clock {clock}: {said}"));
}

/// The same clock opened again, and `clocks_open_by_due` rebuilt to leave it out, its text
/// given back: the pass that judges the open clocks reads them through that index, never met
/// the clock and named nothing, while `list --overdue`, which finds each report's late clock
/// by the report, listed the dispatch desk late over a report an agency held, exit 0. The
/// list now holds each running clock it lists to the step its report is at (read with the
/// row, no read added) and names one the pass missed.
#[test]
fn a_stopped_clock_opened_again_and_left_out_of_its_index_frames_no_desk() {
    // Report 5, assigned to Sở Xây dựng: its processing clock not yet due, its dispatch
    // clock stopped (late) by the assignment.
    let env = TestEnv::assigned_to_sxd();
    let clock: i64 = env.column(
        "SELECT id FROM clocks WHERE report_id = 5 AND stage = 'dispatch' AND stopped_at IS NOT NULL",
    )[0];
    let overdue = ["--lang", "en", "--format", "csv", "list", "--overdue"];
    let dispatch_late = |csv: &str| {
        csv.lines()
            .any(|line| line.starts_with("5,") && line.contains(",dispatch,"))
    };
    let late = env.run_as(RECEPTION, &overdue);
    late.success();
    assert!(!dispatch_late(&late.stdout), "{late}");
    let reopened = "UPDATE clocks SET stopped_at = NULL, stop_event = NULL, breached = NULL
                    WHERE id = ?1";
    assert_eq!(env.writable().execute(reopened, [clock]).unwrap(), 1);
    rebuild_index_leaving_out(&env, "clocks_open_by_due", &format!("id <> {clock}"));
    let said = "report 5 has the status assigned, but a clock of its dispatch step runs for it (opened again or added outside phananh)";
    env.run_as(RECEPTION, &overdue).code(5).stderr_has(said);
    env.run_as(RECEPTION, &["list", "--overdue"])
        .code(5)
        .stderr_has(
            "phản ánh 5 đang ở trạng thái “Đang xử lý” nhưng một thời hạn của bước phân phối vẫn đang tính cho nó",
        );
}

/// The open case's processing clock moved to another agency with `sqlite3` (`UPDATE clocks
/// SET agency = …`): `list --due` printed the deadline as Sở Y tế's and left it out of Sở
/// Xây dựng's own list (`--agency SXD`), and `list --overdue` charged the late case to Sở Y
/// tế, exit 0, while the log assigned the report to Sở Xây dựng — blame moved at the desk.
/// The open duty clocks' pass now judges each one's agency against the log as the sweep's
/// breach notice and the scores do (the agency of the report's last assignment up to the
/// clock's start, none for the portal's own stages: `domain::clocks::agency_fault`), and
/// those commands name the clock, exit 5; an export refuses as over any open clock that does
/// not hold.
#[test]
fn a_desk_list_over_a_clock_moved_to_another_agency_with_sqlite3_names_it() {
    let mut env = TestEnv::demo();
    env.set_now("2026-11-02T08:00:00+07:00");
    let (report, clock, due): (i64, i64, String) = env
        .read_only()
        .query_row(
            "SELECT report_id, id, due_at FROM clocks
              WHERE stopped_at IS NULL AND stage = 'process' AND agency = 'SXD'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let day = &due[..10];
    let due_list = ["--lang", "en", "--format", "csv", "list", "--due", day];
    let of_sxd = [&due_list[..], &["--agency", "SXD"]].concat();
    let overdue = ["--lang", "en", "--format", "csv", "list", "--overdue"];
    let row_of = |run: &Run| -> Option<String> {
        run.stdout
            .lines()
            .find(|line| {
                line.contains(&format!(",{report},")) || line.starts_with(&format!("{report},"))
            })
            .map(str::to_owned)
    };
    for args in [&due_list[..], &of_sxd, &overdue] {
        let run = env.run_as(RECEPTION, args);
        run.success();
        assert!(row_of(&run).is_some_and(|row| row.contains("SXD")), "{run}");
    }
    assert_eq!(
        env.writable()
            .execute("UPDATE clocks SET agency = 'SYT' WHERE id = ?1", [clock])
            .unwrap(),
        1
    );
    let named = format!(
        "report {report}: its open processing clock runs against SYT, but the log assigned the report to SXD"
    );
    for args in [&due_list[..], &of_sxd, &overdue] {
        env.run_as(RECEPTION, args)
            .code(5)
            .stderr_has(&named)
            .stderr_has("audit verify");
    }
    let run = env.run_as(LEADER, OPEN311);
    run.code(5)
        .stderr_has(&named)
        .stderr_has("Nothing was exported");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

/// Sở Xây dựng's processing clock for report 5 made to name a calendar nobody shipped
/// (`calendar_version`, its deadline left as it stood): the lists and the dry run leave a
/// clock under another calendar to the next real sweep, and that sweep recomputed it
/// silently and sealed a `calendar_adopt` of a schedule no phananh shipped, which wiped
/// the evidence. An honest clock under another calendar than today's carries the version
/// the log last recorded as brought to every open clock
/// (`domain::audit::open_clock_version_known`); the real sweep now names a clock under any
/// other, exit 5, moves no deadline and seals no adoption.
#[test]
fn the_sweep_adopts_no_calendar_nobody_shipped() {
    let env = TestEnv::assigned_to_sxd();
    let clock: i64 = env.column(
        "SELECT id FROM clocks WHERE report_id = 5 AND stage = 'process' AND stopped_at IS NULL",
    )[0];
    assert_eq!(
        env.writable()
            .execute(
                "UPDATE clocks SET calendar_version = 'khongaiphat' WHERE id = ?1",
                [clock],
            )
            .unwrap(),
        1
    );
    let row = format!("SELECT due_at || ' ' || calendar_version FROM clocks WHERE id = {clock}");
    let before = env.column::<String>(&row);
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--quiet"])
        .code(5)
        .stderr_has("the log does not vouch for the calendar")
        .stderr_has(&format!("clock {clock} (report 5, "))
        .stderr_has("its calendar version differs");
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'calendar_adopt'"),
        0
    );
    assert_eq!(env.column::<String>(&row), before, "the clock moved");
    assert!(before[0].ends_with(" khongaiphat"), "{before:?}");
    env.run_as(RECEPTION, &["sweep", "--quiet"])
        .code(5)
        .stderr_has("phiên bản lịch khác");
    assert_eq!(env.column::<String>(&row), before, "the clock moved");
}

/// Two agencies' names swapped with `sqlite3` while the full export runs, in the gap
/// between its judgement of the names and its rows, once its `export_full` event is written
/// (played at the debug build's pause point there): the rows, read afterwards, gave Sở Xây
/// dựng's case to Sở Y tế by name, exit 0. The export now reads its rows in the snapshot it
/// was judged and recorded in, taken before the event commits: the swap is not in it, the
/// rows are the honest export's, and the event tells what left. The next export refuses
/// the swap, exit 5, naming the row, and no row leaves.
#[test]
fn a_full_export_over_agency_names_swapped_while_it_logs_itself_prints_nothing_swapped() {
    let start = TestEnv::assigned_to_sxd();
    let (user, args) = EXPORTS[2];
    let honest = start.run_as(user, args);
    honest.success();
    assert!(
        honest.stdout.contains("Sở Xây dựng tỉnh Cà Mau"),
        "{}",
        honest.stdout
    );
    let env = TestEnv::from_bytes(&start.snapshot());
    let exports = |env: &TestEnv| env.count(FULL_EXPORTS);
    let before = exports(&env);
    let run = run_paused_at(&env, user, args, "export:logged", || {
        env.writable()
            .execute_batch(SWAP_SXD_AND_SYT_NAMES)
            .unwrap();
    });
    run.success();
    assert_eq!(run.stdout, honest.stdout);
    assert_eq!(
        exports(&env),
        before + 1,
        "the export that printed was not logged"
    );
    let next = env.run_as(user, args);
    next.code(5).stderr_has("agencies row \"SXD\"");
    assert!(next.stdout.is_empty(), "{}", next.stdout);
}

/// Two agencies' names swapped with `sqlite3` after the full export judged them and before
/// it recorded itself (played at the debug build's pause point there): it refused, exit 5,
/// nothing printed, but its `export_full` event was written first, and `audit reveals`
/// listed an export of every report, as if their reporters' names and phones had been
/// handed out. It now judges again under the lock it records with, and refuses before
/// recording: the log holds no export that did not happen.
#[test]
fn a_full_export_refused_over_names_swapped_before_it_records_itself_records_no_export() {
    let start = TestEnv::assigned_to_sxd();
    let (user, args) = EXPORTS[2];
    let env = TestEnv::from_bytes(&start.snapshot());
    let exports = |env: &TestEnv| env.count(FULL_EXPORTS);
    let before = exports(&env);
    let run = run_paused_at(&env, user, args, "export:judged", || {
        env.writable()
            .execute_batch(SWAP_SXD_AND_SYT_NAMES)
            .unwrap();
    });
    run.code(5).stderr_has("agencies row \"SXD\"");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(
        exports(&env),
        before,
        "an export that printed nothing was logged"
    );
    let reveals = env.run_as(
        AUDITOR,
        &["--lang", "en", "--format", "csv", "audit", "reveals"],
    );
    reveals.success();
    assert!(
        !reveals.stdout.contains("export_full"),
        "{}",
        reveals.stdout
    );
}

/// The same deletion, the report then asked for by its app id (`show ext:APPID`, as the
/// reporter's app and the sweep's mail name it): "no report", exit 1, where the same
/// report asked for by number is named as deleted, exit 5. The log's events do not carry
/// the app id, so a lookup by app id the file cannot answer now counts the reports the log
/// has events of against the file's, and names the numbers the file lacks, exit 5.
#[test]
fn a_report_deleted_with_sqlite3_asked_for_by_app_id_is_named_as_deleted() {
    let env = TestEnv::demo();
    let report: i64 = env.count("SELECT id FROM reports WHERE status = 'published' LIMIT 1");
    let app_id: String = env
        .read_only()
        .query_row(
            "SELECT external_id FROM reports WHERE id = ?1",
            [report],
            |r| r.get(0),
        )
        .unwrap();
    let reference = format!("ext:{app_id}");
    delete_report_whole(&env, report);
    for (user, args) in [
        (ADMIN, vec!["show", &reference]),
        (ADMIN, vec!["audit", "log", &reference]),
        (AUDITOR, vec!["audit", "reveals", "--report", &reference]),
    ] {
        let mut args = args;
        args.splice(0..0, ["--lang", "en"]);
        env.run_as(user, &args)
            .code(5)
            .stderr_has(&format!("no report {reference} in the file"))
            .stderr_has(&format!("report {report}"))
            .stderr_has("deleted outside phananh")
            .stderr_has("audit verify");
    }
    // An app id no report ever had, on a file with nothing deleted, stays "no report".
    let honest = TestEnv::demo();
    honest
        .run_as(ADMIN, &["--lang", "en", "show", "ext:NO-SUCH-APP-ID"])
        .code(1)
        .stderr_has("no report ext:NO-SUCH-APP-ID");
}

/// The deadline of a case taken up on the 18th at 16:00, which both edits push back.
const CALENDAR_DEADLINE: [&str; 6] = [
    "calendar",
    "deadline",
    "--stage",
    "process",
    "--start",
    "2026-11-18T16:00:00+07:00",
];

/// The calendar's rows as an insider edits them with `sqlite3` (a day off inserted on the
/// 19th, the working hours stretched to 23:00), each with how its refusal names the row.
const CALENDAR_EDITS: [(&str, &str); 2] = [
    (
        "INSERT INTO calendar_days VALUES ('2026-11-19', 'off', 'Nghỉ', '')",
        "calendar_days row \"2026-11-19\": ",
    ),
    (
        "INSERT OR REPLACE INTO settings VALUES ('calendar.working_hours', '07:00-11:00,13:00-23:00')",
        "settings row \"calendar.working_hours\": ",
    ),
];

/// A day off inserted into `calendar_days` with `sqlite3`, or the working hours rewritten
/// in `settings`, was printed by `calendar show` as the operator's, and `calendar
/// deadline` (what the desk and an agency ask to learn when a case falls due) counted the
/// deadline under it, exit 0: a day later than the Decision's. Both now judge the rows the
/// calendar is made of against the log, as the sweep does, and name the row, exit 5.
#[test]
fn the_calendar_read_over_a_row_edited_with_sqlite3_names_the_row() {
    let env = TestEnv::validated();
    let reads: [&[&str]; 2] = [&["calendar", "show", "2026"], &CALENDAR_DEADLINE];
    let run = |env: &TestEnv, read: &[&str]| {
        let mut args = vec!["--lang", "en"];
        args.extend_from_slice(read);
        env.run_as(RECEPTION, &args)
    };
    for read in reads {
        run(&env, read).success();
    }
    let honest = run(&env, reads[1]);
    assert!(
        honest.stdout.contains("(2026-11-19T10:00:00+07:00)"),
        "{honest}"
    );
    let before = env.snapshot();
    for (edit, named) in CALENDAR_EDITS {
        let env = TestEnv::from_bytes(&before);
        assert_eq!(env.writable().execute(edit, []).unwrap(), 1, "{edit}");
        for read in reads {
            run(&env, read)
                .code(5)
                .stderr_has(named)
                .stderr_has("audit verify");
        }
    }
}

/// The same rows edited with `sqlite3` while `calendar show` or `calendar deadline` runs,
/// once its judgement of them is made (played at the debug build's pause point there): the
/// calendar, loaded by statements of its own after the judgement, was printed with the day
/// off inserted meanwhile as the operator's (and the working hours rewritten in its notice)
/// and the deadline counted under them, a day late, exit 0. Both now judge and load in one
/// snapshot: they print, on either stream, what the log vouches for, and the next run names
/// the row.
#[test]
fn a_calendar_read_over_a_day_off_inserted_while_it_runs_prints_the_vouched_calendar() {
    let show: &[&str] = &[
        "--lang", "en", "--format", "json", "calendar", "show", "2026",
    ];
    let deadline = &[&["--lang", "en"][..], &CALENDAR_DEADLINE].concat();
    let start = TestEnv::validated();
    let before = start.snapshot();
    for (read, honest_has) in [
        (show, "2026-09-02"),
        (deadline, "(2026-11-19T10:00:00+07:00)"),
    ] {
        let honest = start.run_as(RECEPTION, read);
        honest.success();
        assert!(honest.stdout.contains(honest_has), "{honest}");
        for (edit, named) in CALENDAR_EDITS {
            let env = TestEnv::from_bytes(&before);
            let run = edited_while_held(&env, RECEPTION, read, "calendar:checked", edit);
            assert!(run.stdout == honest.stdout, "{edit}: {run}");
            assert!(run.stderr == honest.stderr, "{edit}: {run}");
            env.run_as(RECEPTION, read).code(5).stderr_has(named);
        }
    }
}

/// An event of a report rewritten with `sqlite3` (the trigger that keeps events dropped and
/// put back: another account, another time) was printed by `audit log` as the log's, exit
/// 0: the inspector read that someone else accepted the report, and when. Each event
/// printed is now judged at its place in the chain, as `audit verify` judges it, and an
/// edited one is named, exit 5.
#[test]
fn audit_log_over_an_event_rewritten_with_sqlite3_names_the_event() {
    let env = TestEnv::validated();
    let (event, report): (i64, i64) = env
        .read_only()
        .query_row(
            "SELECT id, report_id FROM events WHERE action = 'accept' ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let id = report.to_string();
    let args = ["--lang", "en", "audit", "log", id.as_str()];
    env.run_as(AUDITOR, &args).success();
    let kept: String = env
        .read_only()
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'events_are_append_only_update'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    env.writable()
        .execute_batch(&format!(
            "DROP TRIGGER events_are_append_only_update;
             UPDATE events SET actor = 'admin', at = '2026-08-05T08:00:00+07:00'
              WHERE id = {event};
             {kept};"
        ))
        .unwrap();
    env.run_as(AUDITOR, &args)
        .code(5)
        .stderr_has(&format!("event {event}: "))
        .stderr_has("audit verify");
}

/// The same over the events about no report (`audit log` without a number): who made an
/// account, changed a setting or the calendar, exported everything, restored, erased. One
/// rewritten in place with `sqlite3` (another account, another time, another role) was
/// printed as the log's, exit 0, in every format and language.
#[test]
fn audit_log_without_a_report_over_an_event_rewritten_with_sqlite3_names_the_event() {
    let env = TestEnv::validated();
    let event: i64 = env
        .read_only()
        .query_row(
            "SELECT id FROM events
              WHERE report_id IS NULL AND action = 'staff_add'
                AND json_extract(payload, '$.username') = ?1",
            [RECEPTION],
            |r| r.get(0),
        )
        .unwrap();
    let runs: Vec<(&str, &str, Vec<&str>)> = ["vi", "en"]
        .into_iter()
        .flat_map(|lang| {
            ["table", "csv", "json"].into_iter().map(move |format| {
                (
                    lang,
                    format,
                    vec!["--lang", lang, "--format", format, "audit", "log"],
                )
            })
        })
        .collect();
    for (_, _, args) in &runs {
        env.run_as(AUDITOR, args).success().stdout_has(RECEPTION);
    }
    env.tamper_without_triggers(
        &["events_are_append_only_update"],
        &format!(
            "UPDATE events SET actor = '{LEADER}', at = '2026-08-05T08:00:00+07:00',
                    payload = replace(payload, '\"role\":\"reception\"', '\"role\":\"admin\"')
              WHERE id = {event};"
        ),
    );
    for (lang, format, args) in &runs {
        let run = env.run_as(AUDITOR, args);
        run.code(5).stderr_has("audit verify");
        match *lang {
            "vi" => run
                .stderr_has(&format!("sự kiện {event}: "))
                .stderr_has("không thuộc phản ánh nào"),
            _ => run
                .stderr_has(&format!("event {event}: "))
                .stderr_has("events about no report"),
        };
        assert!(
            run.stdout.is_empty(),
            "{format}: nothing is printed as the log's\n{run}"
        );
    }
}

/// Shell completion (`complete-values`, which the bash and fish scripts run at the
/// operator's Tab) offered the agency and field codes as the file held them: a ghost agency
/// inserted with `sqlite3`, an agency's code changed and a field inserted were offered like
/// the others, and so was a field inserted beside an event made up to seal it. Only the
/// codes of rows the log vouches for are offered now, without a word (exit 0, nothing on
/// standard error, which the shell would print into the command line); with an event they
/// rest on that does not hold, none.
#[test]
fn completion_offers_no_code_the_log_does_not_vouch_for() {
    let start = TestEnv::seeded();
    let values = |env: &TestEnv, kind: &str| -> Vec<String> {
        let run = env.run(&["complete-values", kind]);
        run.success();
        assert!(run.stderr.is_empty(), "{run}");
        run.stdout.lines().map(str::to_owned).collect()
    };
    let agencies = values(&start, "agencies");
    assert_eq!(agencies.len(), EXAMPLE_AGENCIES, "{agencies:?}");
    assert!(agencies.iter().any(|c| c == "SXD"), "{agencies:?}");
    let fields = values(&start, "fields");
    assert_eq!(fields.len(), EXAMPLE_FIELDS, "{fields:?}");
    let without_sxd: Vec<String> = agencies.iter().filter(|c| *c != "SXD").cloned().collect();
    let before = start.snapshot();
    let cases: [(&str, &str, &[String]); 3] = [
        (
            "INSERT INTO agencies (code, name, level, parent) VALUES ('SXD2', 'Sở Xây dựng', 'province', NULL)",
            "agencies",
            &agencies,
        ),
        (
            "UPDATE agencies SET code = 'SXDX' WHERE code = 'SXD'",
            "agencies",
            &without_sxd,
        ),
        (
            "INSERT INTO fields VALUES ('GT2', 'Giao thông', 'ổ gà')",
            "fields",
            &fields,
        ),
    ];
    for (edit, kind, offered) in cases {
        let env = TestEnv::from_bytes(&before);
        {
            // As a `sqlite3` shell opens the file: without foreign keys, so that a code others
            // name can be changed.
            let conn = env.writable();
            conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
            assert_eq!(conn.execute(edit, []).unwrap(), 1, "{edit}");
        }
        assert_eq!(values(&env, kind), offered, "{edit}");
    }

    let env = TestEnv::from_bytes(&before);
    let row = ["GT2", "Giao thông", "ổ gà"];
    env.writable()
        .execute("INSERT INTO fields VALUES (?1, ?2, ?3)", row)
        .unwrap();
    append_forged(
        &env,
        None,
        NOW,
        ADMIN,
        "field_add",
        &serde_json::json!({
            "code": "GT2",
            "sealed": {"rows": [{"table": "fields", "key": ["GT2"], "digest": digest(&serde_json::json!(row))}]},
        })
        .to_string(),
    );
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5);
    assert!(values(&env, "fields").is_empty());
    assert_eq!(values(&env, "agencies"), agencies);
}

/// The reference lists printed their tables as the file held them, exit 0: a ghost admin
/// inserted with `sqlite3` was one account among the others in the admin's review of who
/// may act, a login bound to the admin account one binding among the others, and two
/// agencies' names swapped had the admin read Sở Xây dựng's code as Sở Y tế's in `agency
/// list` and `route list` (the code `route add` and `assign --agency` then take, sealed as
/// the admin's). Each list still prints what the file holds, then names the first row the
/// log does not vouch for, exit 5; on the honest file it passes.
#[test]
fn the_reference_lists_over_rows_edited_with_sqlite3_name_the_row() {
    type Case = (
        &'static [&'static [&'static str]],
        &'static str,
        &'static [&'static str],
        &'static str,
        &'static str,
    );
    const ADD_POTHOLE: &[&[&str]] = &[&[
        "service", "add", "pothole", "--field", "GT", "--name", "Ổ gà",
    ]];
    const RENAME_GT: &str = "UPDATE fields SET name = 'Môi trường' WHERE code = 'GT'";
    const CASES: [Case; 7] = [
        (
            &[],
            "INSERT INTO staff VALUES ('quantri.bimat', 'Quản trị', 'admin', NULL, 1)",
            &["staff", "list"],
            r#"staff row "quantri.bimat""#,
            "quantri.bimat",
        ),
        (
            &[],
            "INSERT INTO staff_logins VALUES ('admin', 'mallory')",
            &["staff", "logins"],
            r#"staff_logins row ("admin", "mallory")"#,
            "mallory",
        ),
        (
            &[],
            SWAP_SXD_AND_SYT_NAMES,
            &["agency", "list", "--format", "csv"],
            r#"agencies row "SXD""#,
            "SXD,Sở Y tế tỉnh Cà Mau",
        ),
        (
            &[&["route", "add", "--field", "GT", "--agency", "SXD"]],
            SWAP_SXD_AND_SYT_NAMES,
            &["route", "list", "--format", "csv"],
            r#"agencies row "SXD""#,
            "SXD,Sở Y tế tỉnh Cà Mau",
        ),
        (
            &[],
            RENAME_GT,
            &["field", "list", "--format", "csv"],
            r#"fields row "GT""#,
            "GT,Môi trường",
        ),
        (
            ADD_POTHOLE,
            "UPDATE service_codes SET field = 'MT' WHERE service_code = 'pothole'",
            &["service", "list", "--format", "csv"],
            r#"service_codes row "pothole""#,
            "pothole,MT",
        ),
        (
            ADD_POTHOLE,
            RENAME_GT,
            &["service", "list", "--format", "open311-json"],
            r#"fields row "GT""#,
            "Môi trường",
        ),
    ];
    each_in_parallel(&CASES, |&(setup, edit, list, named, forged)| {
        let env = TestEnv::seeded();
        for args in setup {
            env.run_as(ADMIN, args).success();
        }
        // The map of logins is the admin's (`need_to_know::only_the_admin_lists_other_accounts_logins`).
        let reader = if list.starts_with(&["staff", "logins"]) {
            ADMIN
        } else {
            RECEPTION
        };
        env.run_as(reader, list).success();
        env.writable().execute(edit, []).unwrap();
        env.run_as(reader, &in_english(list))
            .code(5)
            .stdout_has(forged)
            .stderr_has(named)
            .stderr_has("the list above is not all as the log recorded it")
            .stderr_has("audit verify");
        env.run_as(reader, list)
            .code(5)
            .stderr_has("Danh sách trên không hoàn toàn như nhật ký đã ghi");
    });
}

/// A file of one Open311 request `id` under `code`, written in the test's directory.
fn open311_request(env: &TestEnv, id: &str, code: &str) -> String {
    let path = env.dir().join(format!("{id}.json"));
    let request = serde_json::json!([{
        "service_request_id": id,
        "service_code": code,
        "description": "Đầu hẻm 5 có chuyện cần xử lý, mong cơ quan xuống xem sớm giúp bà con.",
        "requested_datetime": "2026-10-02T01:15:00Z",
        "address": "Hẻm 5, phường An Xuyên",
    }]);
    std::fs::write(&path, request.to_string()).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The Open311 ingest of `file` refused, exit 5, naming `row`, in English and then in
/// Vietnamese with `--validate`, and nothing written either time.
fn open311_ingest_refused(env: &TestEnv, file: &str, row: &str) {
    let before = env.fingerprint();
    env.run_as(
        RECEPTION,
        &["--lang", "en", "ingest", "--input-format", "open311", file],
    )
    .code(5)
    .stderr_has(row)
    .stderr_has("no report of this file was ingested")
    .stderr_has("audit verify");
    env.run_as(
        RECEPTION,
        &["ingest", "--input-format", "open311", "--validate", file],
    )
    .code(5)
    .stderr_has("chưa nhập phản ánh nào từ tệp này");
    env.assert_unchanged(&before);
}

/// An Open311 request's `service_code` becomes the report's category hint through the
/// `service_codes` row it names, and `classify --suggest --apply` counts that hint: with
/// `pothole` pointed at Môi trường with `sqlite3`, an ingest sealed every pothole report
/// hinted `MT` as reception's, exit 0, and reception's next `classify --suggest --apply`
/// filed one whose words named no field under Môi trường. The ingest now refuses, exit 5,
/// ingesting nothing, and names the row.
#[test]
fn an_open311_ingest_over_a_service_code_edited_with_sqlite3_ingests_nothing() {
    let env = TestEnv::seeded();
    env.run_as(
        ADMIN,
        &["service", "import", &example_str("service-codes.csv")],
    )
    .success();
    let honest = open311_request(&env, "HONEST-1", "pothole");
    env.run_as(RECEPTION, &["ingest", "--input-format", "open311", &honest])
        .success();
    assert_eq!(
        env.column::<String>("SELECT category_hint FROM reports WHERE external_id = 'HONEST-1'"),
        ["GT"]
    );
    env.writable()
        .execute(
            "UPDATE service_codes SET field = 'MT' WHERE service_code = 'pothole'",
            [],
        )
        .unwrap();
    let forged = open311_request(&env, "FORGED-1", "pothole");
    open311_ingest_refused(&env, &forged, r#"service_codes row "pothole""#);
}

/// `settings show` printed a setting's row changed, deleted or inserted with `sqlite3` (or
/// inserted beside an event made up to seal it) and warned on stderr, exit 0: a cron script
/// or a leader reading the status alone was told all was well. It now prints the rows as
/// the file holds them, names each row the log does not vouch for, and exits 5, as the
/// reference lists do, in every format and both languages.
#[test]
fn settings_show_over_a_row_edited_with_sqlite3_names_it_and_fails() {
    let env = TestEnv::seeded();
    env.run_as(
        ADMIN,
        &[
            "settings",
            "set",
            "deadline.dispatch.working_hours",
            "3",
            "--yes",
            "--reason",
            "Quyết định sửa đổi số 99",
        ],
    )
    .success();
    let show = |env: &TestEnv, lang: &str, format: &str| {
        env.run_as(
            RECEPTION,
            &["--lang", lang, "--format", format, "settings", "show"],
        )
    };
    const FORMATS: [&str; 3] = ["table", "csv", "json"];
    for format in FORMATS {
        for lang in ["vi", "en"] {
            let run = show(&env, lang, format);
            run.success();
            assert_eq!(run.stderr, "", "{run}");
        }
    }
    let before = env.snapshot();
    type Edit = fn(&TestEnv) -> (String, &'static str);
    let edits: [Edit; 4] = [
        |env| {
            env.writable()
                .execute(
                    "UPDATE settings SET value = '40' WHERE key = 'deadline.dispatch.working_hours'",
                    [],
                )
                .unwrap();
            (
                r#"settings row "deadline.dispatch.working_hours": differs from what event"#.into(),
                "40",
            )
        },
        |env| {
            env.writable()
                .execute(
                    "DELETE FROM settings WHERE key = 'deadline.dispatch.working_hours'",
                    [],
                )
                .unwrap();
            (
                r#"settings row "deadline.dispatch.working_hours": event"#.into(),
                "(deleted outside phananh)",
            )
        },
        |env| {
            env.writable()
                .execute(
                    "INSERT INTO settings VALUES ('classify.auto_min_score', '9')",
                    [],
                )
                .unwrap();
            (r#"settings row "classify.auto_min_score""#.into(), "9")
        },
        |env| {
            let value = "0.001";
            let forged =
                retention_inserted_with_a_made_up_event(env, value, "2026-10-05T07:30:00+07:00");
            (
                format!("event {forged}: its stored hash does not match its content"),
                value,
            )
        },
    ];
    for edit in edits {
        let env = TestEnv::from_bytes(&before);
        let (named, shown) = edit(&env);
        for format in FORMATS {
            let run = show(&env, "en", format);
            run.code(5)
                .stderr_has(&named)
                .stderr_has("the list above is not all as the log recorded it")
                .stderr_has("audit verify");
            // The deleted row shows its default; what is said of it is on stderr.
            let out = if shown.starts_with('(') {
                &run.stderr
            } else {
                &run.stdout
            };
            assert!(out.contains(shown), "{shown} in\n{run}");
            assert!(
                run.stdout.contains("deadline.dispatch.working_hours"),
                "{run}"
            );
            show(&env, "vi", format)
                .code(5)
                .stderr_has("Danh sách trên không hoàn toàn như nhật ký đã ghi");
        }
    }
}

/// An Open311 request whose `service_code` is a field's own code takes that field as its
/// category hint, read from `fields`, which the ingest did not judge: a field inserted with
/// `sqlite3` (or a field's code changed to it) was sealed as reception's hint, and
/// `classify --suggest --apply` counts the hint. The ingest now judges `fields` with the
/// service codes in one snapshot and refuses the file, exit 5, ingesting nothing.
#[test]
fn an_open311_ingest_over_a_field_edited_with_sqlite3_ingests_nothing() {
    let env = TestEnv::seeded();
    let honest = open311_request(&env, "HONEST-1", "gt");
    env.run_as(RECEPTION, &["ingest", "--input-format", "open311", &honest])
        .success();
    assert_eq!(
        env.column::<String>("SELECT category_hint FROM reports WHERE external_id = 'HONEST-1'"),
        ["GT"]
    );
    let before = env.snapshot();
    for edit in [
        "INSERT INTO fields VALUES ('ANNINH', 'An ninh trật tự', '')",
        "UPDATE fields SET code = 'ANNINH' WHERE code = 'MT'",
    ] {
        let env = TestEnv::from_bytes(&before);
        env.writable().execute(edit, []).unwrap();
        let forged = open311_request(&env, "FORGED-1", "anninh");
        open311_ingest_refused(&env, &forged, r#"fields row "ANNINH""#);
    }
}

/// A deadline setting written with `sqlite3`, inserted or changed from the value `settings
/// set` sealed: `show` counted the report's open deadline again under it and named the
/// honest clock as edited ("its deadline differs from what the log and the calendar
/// give"), as if the forged value were the province's. It now judges no clock under a value
/// the log does not vouch for: the clocks are shown as their rows hold them and the setting
/// is named, exit 5, as the sweep names it.
#[test]
fn show_under_a_deadline_setting_inserted_with_sqlite3_blames_no_clock() {
    let start = TestEnv::demo();
    let before = start.snapshot();
    let report: i64 = start
        .read_only()
        .query_row(
            "SELECT report_id FROM clocks WHERE stopped_at IS NULL AND stage = 'process'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let id = report.to_string();
    let show = ["--lang", "en", "--format", "json", "show", &id];
    start.run_as(RECEPTION, &show).success();
    for sql in [
        "INSERT INTO settings (key, value) VALUES ('deadline.process.working_hours', '40')",
        "INSERT INTO settings (key, value) VALUES ('deadline.process.day_off_hours', '240')",
    ] {
        let env = TestEnv::from_bytes(&before);
        env.writable().execute(sql, []).unwrap();
        let run = env.run_as(RECEPTION, &show);
        run.code(5)
            .stderr_has("the log does not vouch for the calendar or the deadlines")
            .stderr_matches(r#"settings row "deadline\.process\.[a-z_]+": no event records it"#)
            .stdout_has(&format!("\"id\": {report},"));
        assert!(!run.stderr.contains("its deadline differs"), "{sql}: {run}");
        env.run_as(ADMIN, &["--lang", "en", "sweep", "--dry-run"])
            .code(5)
            .stderr_matches(r#"settings row "deadline\.process\.[a-z_]+": no event records it"#);
    }
}

/// An infinite coordinate set with `sqlite3` on a report that has none. The seal's JSON
/// writes an infinity as it writes no coordinate (`null`), so the row kept its seal, and
/// the reception check took the infinity for a place: a report that says nowhere (Đ6.2)
/// was accepted as reception's step, and `audit verify` passed before and after. phananh
/// never stores such a coordinate (`ingest` refuses it), so the row is one it cannot have
/// written, everywhere a text or a time it cannot have written is.
#[test]
fn an_infinite_coordinate_set_with_sqlite3_is_an_edit_not_a_place() {
    let env = TestEnv::ingested();
    let id = env.count(
        "SELECT min(id) FROM reports WHERE status = 'received' AND latitude IS NULL
            AND longitude IS NULL",
    );
    assert!(
        id > 0,
        "the examples hold a received report without coordinates"
    );
    for forged in ["9e999", "-9e999", "91.5"] {
        let env = TestEnv::from_bytes(&env.snapshot());
        let edit =
            format!("UPDATE reports SET latitude = {forged}, longitude = {forged} WHERE id = {id}");
        assert_eq!(env.writable().execute(&edit, []).unwrap(), 1, "{edit}");
        env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
            .code(5);
        env.run_as(RECEPTION, &["--lang", "en", "validate"])
            .code(5)
            .stderr_has(&format!("report {id} was changed outside phananh"));
        assert_eq!(
            env.count(&format!(
                "SELECT count(*) FROM reports WHERE id = {id} AND status = 'received'"
            )),
            1,
            "{forged}: the edited report is left as it was"
        );
        env.run_as(ADMIN, &["--lang", "en", "list", "--format", "csv"])
            .code(5)
            .stderr_has(&format!("report {id}: its row is not as phananh writes it"));
    }
}

/// Sở Xây dựng's late cases' clocks made to count their deadlines in the other kind of time
/// (`rule` flipped with `sqlite3`; the deadline, the late flag and the steps untouched): the
/// monthly report's list of late cases said "9 h 4 min" where the log gives "5 h 44 min of
/// working time", and `list --overdue --ever` the same, exit 0; only `audit verify` named
/// the clock. Report, score and the list now judge the kind of time against the start step.
#[test]
fn a_clock_counted_in_another_kind_of_time_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    let late = score_refused_over_late_clocks_of_sxd(
        &env,
        "rule = CASE rule WHEN 'working_hours' THEN 'clock_hours' ELSE 'working_hours' END",
        "but the log counts it in",
    );
    monthly_refused_over(&env, late[0], "but the log counts it in");
    ever_list_and_verify_refuse_over(&env, late[0], "but the log counts it in");
}

/// `list --overdue --ever` refuses (exit 5), naming `report` and saying `said`, and `audit
/// verify` fails: the list reads every stopped clock's late flag.
fn ever_list_and_verify_refuse_over(env: &TestEnv, report: i64, said: &str) {
    env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "--format",
            "csv",
            "list",
            "--overdue",
            "--ever",
        ],
    )
    .code(5)
    .stderr_has(&format!("report {report}"))
    .stderr_has(said);
    env.run_as(AUDITOR, &["audit", "verify"]).code(5);
}

/// The same on a clock still running, an hour before its deadline: its time left, and its
/// lateness once past, are said in the time its row names (the sweep's notice, `list
/// --due`, `show`). The lists' pass over the open clocks and the sweep's over those not yet
/// due judge it against the start step, as they judge the deadline, and name it.
#[test]
fn an_open_clock_counted_in_another_kind_of_time_with_sqlite3_is_named_by_the_lists() {
    let mut env = TestEnv::assigned_to_sxd();
    let (clock, due) = open_processing_clock_of_5(&env);
    let before = chrono::DateTime::parse_from_rfc3339(&due).unwrap() - chrono::Duration::hours(1);
    env.set_now(&before.to_rfc3339());
    env.run_as(
        RECEPTION,
        &["--lang", "en", "--format", "csv", "sweep", "--dry-run"],
    )
    .success();
    assert_eq!(
        env.writable()
            .execute(
                "UPDATE clocks SET rule = CASE rule WHEN 'working_hours' THEN 'clock_hours'
                                       ELSE 'working_hours' END WHERE id = ?1",
                [clock],
            )
            .unwrap(),
        1
    );
    let day = before.date_naive().to_string();
    lists_name_the_open_clock_of_5(
        &env,
        clock,
        &day,
        &due[..10],
        Some("in working hours, not as its row does"),
    );
}

/// A late case's clock renumbered with `sqlite3` (round 1 made 2; its deadline, flag and
/// steps untouched): the monthly report's late list and `list --overdue --ever` printed the
/// round the row held, exit 0, and only `audit verify` named it. Rounds are numbered from 1
/// as a stage starts again, and both judge the number by the clock's place.
#[test]
fn a_clock_renumbered_with_sqlite3_is_refused() {
    let env = TestEnv::demo();
    let (clock, report): (i64, i64) = env
        .read_only()
        .query_row(
            "SELECT id, report_id FROM clocks c
              WHERE breached = 1 AND round = 1 AND stopped_at IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM clocks o WHERE o.report_id = c.report_id
                                   AND o.stage = c.stage AND o.round > 1)
              ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let month = text_of(
        &env,
        &format!("SELECT substr(submitted_at, 1, 7) FROM reports WHERE id = {report}"),
    );
    env.run_as(
        LEADER,
        &["--lang", "en", "report", "monthly", "--period", &month],
    )
    .success();
    assert_eq!(
        env.writable()
            .execute("UPDATE clocks SET round = 2 WHERE id = ?1", [clock])
            .unwrap(),
        1
    );
    monthly_refused_over(
        &env,
        report,
        "is numbered round 2, but it is round 1 of its stage",
    );
    ever_list_and_verify_refuse_over(&env, report, "is round 1 of its stage");
}
