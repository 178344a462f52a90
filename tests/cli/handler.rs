//! An agency officer (role `handler`, bound to one agency) working through their list at
//! the desk's 80 columns: what is theirs to redo, which round, under whose name.

use crate::common::*;

/// Report 5 assigned to SXD, replied and sent back by the portal (round 2, being redone),
/// and report 6 freshly assigned to SXD (round 1), all on Monday 5 October 2026.
fn sent_back_and_fresh() -> TestEnv {
    static TEMPLATE: Template = Template::new();
    TEMPLATE.copy(|| {
        let env = TestEnv::assigned_to_sxd();
        env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá ổ gà."])
            .success();
        env.run_as(
            RECEPTION,
            &["verify", "5", "--send-back", "--reason", "Thiếu hình ảnh"],
        )
        .success();
        env.run_as(RECEPTION, &["classify", "6", "--field", "GT"])
            .success();
        env.run_as(RECEPTION, &["assign", "6", "--agency", "SXD"])
            .success();
        env
    })
}

/// The table line of report `id` (its first cell), or a panic naming the table.
fn row_of<'a>(stdout: &'a str, id: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.starts_with(&format!("│ {id} ")))
        .unwrap_or_else(|| panic!("no row {id}:\n{stdout}"))
}

/// `list --due` and the handler's plain list marked no report the portal had sent back
/// for rework: "Đang xử lý" (and the stage "Xử lý") read the same for report 5, to redo,
/// and for report 6, just assigned. Each says it now ("Đang xử lý lại", "Xử lý lại"), in
/// the table and as `sent_back` in CSV and JSON.
#[test]
fn a_handler_s_lists_mark_the_report_the_portal_sent_back() {
    let env = sent_back_and_fresh();
    for (lang, due_marked, due_plain, list_marked, list_plain) in [
        (
            "vi",
            "┆ Xử lý lại ",
            "┆ Xử lý ",
            "┆ Đang xử lý lại ",
            "┆ Đang xử lý ",
        ),
        (
            "en",
            "┆ Rework ",
            "┆ Processing ",
            "┆ Being reworked ",
            "┆ Being handled ",
        ),
    ] {
        for (args, marked, plain) in [
            (&["list", "--due", "2026-10-09"][..], due_marked, due_plain),
            (&["list"][..], list_marked, list_plain),
        ] {
            let run = env.at_columns(
                200,
                &[&["--lang", lang, "--as", HANDLER_SXD][..], args].concat(),
            );
            run.success();
            assert!(row_of(&run.stdout, "5").contains(marked), "{run}");
            assert!(row_of(&run.stdout, "6").contains(plain), "{run}");
        }
    }
    let due = env.json_as(HANDLER_SXD, &["list", "--due", "2026-10-09"]);
    let flags: Vec<(i64, bool)> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["report_id"].as_i64().unwrap(), r["sent_back"] == true))
        .collect();
    assert_eq!(flags, [(5, true), (6, false)], "{due:#}");
    let listed = env.json_as(HANDLER_SXD, &["list", "--status", "assigned"]);
    let flags: Vec<(i64, bool)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_i64().unwrap(), r["sent_back"] == true))
        .collect();
    assert_eq!(flags, [(5, true), (6, false)], "{listed:#}");
    let csv = env.stdout_as(
        HANDLER_SXD,
        &["list", "--status", "assigned"],
        &["--format", "csv"],
    );
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(",content,identity_erased,identity_unopened,sent_back,repeat_of"),
        "{csv}"
    );
    // `repeat_of` is reception's hint, empty in a handler's list.
    assert!(lines.next().unwrap().ends_with(",true,"), "{csv}");
    assert!(lines.next().unwrap().ends_with(",false,"), "{csv}");
}

/// A send-back whose report the agency then returned and the desk dispatched again to it
/// is a fresh assignment, not a rework: the latest step that started the round says which.
#[test]
fn a_report_assigned_again_after_a_send_back_is_not_marked_sent_back() {
    let env = sent_back_and_fresh();
    env.run_as(
        HANDLER_SXD,
        &["return", "5", "--reason", "Không thuộc thẩm quyền"],
    )
    .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    let listed = env.json_as(HANDLER_SXD, &["list", "--status", "assigned"]);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["sent_back"] == false),
        "{listed:#}"
    );
}

/// At 80 columns a handler's `list --due` kept the agency's code, the same in every row
/// (their own agency), and left out the round, which tells a rework from a first round.
/// The agency is said once above the table, by name, and the round stays. The desk's list
/// of every agency keeps its agency column.
#[test]
fn a_handler_s_due_list_at_80_columns_names_the_agency_once_and_keeps_the_round() {
    let env = sent_back_and_fresh();
    for (lang, agency, round) in [("vi", "Cơ quan", "Lượt"), ("en", "Agency", "Round")] {
        let run = env.at_columns(
            80,
            &[
                "--lang",
                lang,
                "--as",
                HANDLER_SXD,
                "list",
                "--due",
                "2026-10-09",
            ],
        );
        run.success();
        let mut lines = run.stdout.lines();
        assert_eq!(
            lines.next(),
            Some(format!("{agency}: Sở Xây dựng tỉnh Cà Mau (SXD).").as_str()),
            "{run}"
        );
        let header = lines.nth(1).unwrap_or_default();
        assert!(header.contains(&format!("┆ {round} ")), "{run}");
        assert!(!header.contains(agency), "{run}");
        assert!(run.stdout.lines().all(|l| l.chars().count() <= 80), "{run}");
        // The same for the desk asking for one agency.
        let run = env.at_columns(
            80,
            &[
                "--lang",
                lang,
                "--as",
                RECEPTION,
                "list",
                "--due",
                "2026-10-09",
                "--agency",
                "SXD",
            ],
        );
        run.success();
        assert!(run.stdout.contains(&format!("┆ {round} ")), "{run}");
        let desk = env.at_columns(
            80,
            &[
                "--lang",
                lang,
                "--as",
                RECEPTION,
                "list",
                "--due",
                "2026-10-09",
            ],
        );
        desk.success();
        let first_word = agency.split(' ').next().unwrap();
        assert!(
            desk.stdout
                .lines()
                .nth(1)
                .unwrap_or_default()
                .starts_with(&format!("│ {first_word}")),
            "{desk}"
        );
    }
}

/// The line above a handler's list named their agency by its code alone ("Cơ quan:
/// 32002."): a commune's officer does not know the province's codes. It gives the name.
#[test]
fn a_handler_s_list_names_their_agency_with_its_code() {
    let env = crate::snapshots::played();
    for (lang, said) in [
        ("vi", "Cơ quan: UBND phường An Xuyên (32002)."),
        ("en", "Agency: UBND phường An Xuyên (32002)."),
    ] {
        let run = env.at_columns(80, &["--lang", lang, "--as", HANDLER_COMMUNE, "list"]);
        run.success();
        assert!(run.stdout.starts_with(said), "{run}");
    }
    let run = env.at_columns(80, &["--as", HANDLER_SXD, "list"]);
    run.success()
        .stdout_has("Cơ quan: Sở Xây dựng tỉnh Cà Mau (SXD).");
}

/// `show` said a late clock's overrun in working time, but `list --overdue` and the sweep
/// said it in clock hours, through the night: report 6, due at 14:00 on Monday, read
/// "19 giờ" late at 09:00 on Tuesday where `show` said a few working hours. The overdue
/// list now says it as `show` does; the sweep's CSV and JSON keep `minutes_over` and add
/// `minutes_over_counted`, in working minutes.
#[test]
fn late_lists_say_how_late_in_working_time_as_show_does() {
    let mut env = sent_back_and_fresh();
    // A sweep at noon reminds of the backlog; the next morning's lists report 6 among the
    // few clocks newly overdue.
    env.set_now("2026-10-05T12:00:00+07:00");
    env.run_as(RECEPTION, &["sweep"]).success();
    env.set_now("2026-10-06T09:00:00+07:00");
    let show = env.run_as(RECEPTION, &["show", "6"]);
    let late = show
        .success()
        .stdout
        .lines()
        .find_map(|l| l.split("┆ quá ").nth(1))
        .map(|rest| rest.split(['┆', '│']).next().unwrap().trim().to_owned())
        .unwrap_or_else(|| panic!("no late clock in show:\n{show}"));
    assert!(late.ends_with("làm việc"), "{late:?}\n{show}");
    let overdue = env.at_columns(200, &["--as", RECEPTION, "list", "--overdue"]);
    overdue.success();
    assert!(
        row_of(&overdue.stdout, "6").contains(&late),
        "{late:?}\n{overdue}"
    );
    assert!(
        !row_of(&overdue.stdout, "6").contains("19 giờ"),
        "{overdue}"
    );
    let rows = env.json_as(RECEPTION, &["sweep", "--dry-run"]);
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["report_id"] == 6)
        .unwrap_or_else(|| panic!("{rows:#}"));
    assert_eq!(row["minutes_over"], 19 * 60, "{row:#}");
    let counted = row["minutes_over_counted"].as_i64().unwrap();
    assert!(counted > 0 && counted < 19 * 60, "{row:#}");
}

/// A refusal by role named the roles by their codes ("Vai trò Xử lý (cơ quan, handler)",
/// "role leader may not reply; ask an account with role admin or handler"): words an
/// official does not use. Vietnamese names them in Vietnamese, English in words.
#[test]
fn a_role_refusal_names_the_roles_in_words_not_codes() {
    let env = TestEnv::assigned_to_sxd();
    let vi = env.run_as(LEADER, &["reply", "5", "--text", "Đã xử lý."]);
    vi.failure()
        .stderr_has("Vai trò Lãnh đạo không được phép")
        .stderr_has("hãy nhờ tài khoản Quản trị hoặc Xử lý (cơ quan).");
    let en = env.run_as(LEADER, &["--lang", "en", "reply", "5", "--text", "Done."]);
    en.failure()
        .stderr_has("the Leader role may not reply")
        .stderr_has("ask an account with the Admin or Agency handler role to do it");
    for run in [&vi, &en] {
        for code in [
            "(leader)",
            "(admin)",
            "handler)",
            "role admin",
            "role leader",
        ] {
            assert!(!run.stderr.contains(code), "{code:?}\n{run}");
        }
    }
}

/// A handler who typed `assign` to pass a report on was told to ask Reception to assign
/// it: an agency that got a report not its business returns it (`return`, Đ8.1.b), and
/// one that wants it passed to another agency asks the portal, which alone dispatches.
/// The refusal says both, in each language, and is logged as before.
#[test]
fn a_handler_refused_assign_is_told_to_return_or_ask_the_portal() {
    let env = TestEnv::assigned_to_sxd();
    let before = env.fingerprint();
    env.run_as(HANDLER_SXD, &["assign", "5", "--agency", "SYT"])
        .failure()
        .stderr_has("Vai trò Xử lý (cơ quan) không được phép chuyển phản ánh")
        .stderr_has("`phananh return SỐ --reason \"…\"`")
        .stderr_has(
            "muốn chuyển cho một cơ quan khác thì đề nghị bộ phận tiếp nhận của Cổng chuyển",
        )
        .never_shows("hãy nhờ tài khoản");
    env.assert_only_refusal(&before, HANDLER_SXD);
    env.run_as(
        HANDLER_SXD,
        &["--lang", "en", "assign", "5", "--agency", "SYT"],
    )
    .failure()
    .stderr_has("the Agency handler role may not assign")
    .stderr_has("`phananh return ID --reason \"…\"`")
    .stderr_has("to have it passed to another agency, ask the portal's desk")
    .never_shows("to do it");
}

/// The sweep's table still said a working-hours lateness in clock time (`minutes_over`):
/// report 6, due at 14:00 on Monday, read "quá 19 giờ" at 09:00 on Tuesday where the
/// agency's `list --overdue` and `show` said "quá 5 giờ làm việc", and a week later "quá
/// 6 ngày 19 giờ" beside "37 giờ 20 phút làm việc": two figures for one breach, the clock
/// one three times what the Decision counts (Đ8.1.b). The table says the counted figure,
/// as `list` does, at 200 and at 80 columns; JSON keeps both numbers.
#[test]
fn the_sweep_table_says_a_working_hours_lateness_as_the_overdue_list_does() {
    let mut env = sent_back_and_fresh();
    // A sweep at noon reminds of the backlog, so that the dry runs list report 6 among the
    // few clocks newly overdue.
    env.set_now("2026-10-05T12:00:00+07:00");
    env.run_as(RECEPTION, &["sweep"]).success();
    env.set_now("2026-10-06T09:00:00+07:00");
    let overdue = env.at_columns(200, &["--as", RECEPTION, "list", "--overdue"]);
    overdue.success();
    let listed = row_of(&overdue.stdout, "6").to_owned();
    assert!(listed.contains("5 giờ làm việc"), "{overdue}");
    for columns in [200, 80] {
        let sweep = env.at_columns(columns, &["--as", RECEPTION, "sweep", "--dry-run"]);
        sweep.success();
        let row = row_of(&sweep.stdout, "6");
        assert!(row.contains("quá 5 giờ làm việc"), "{sweep}");
        assert!(!row.contains("19 giờ"), "{sweep}");
    }
    let en = env.at_columns(
        200,
        &["--lang", "en", "--as", RECEPTION, "sweep", "--dry-run"],
    );
    assert!(
        row_of(&en.stdout, "6").contains("5 h of working time over"),
        "{en}"
    );
    // A lateness of days in working time (37 h 20 min), in working days of 8 hours: to
    // the minute where there is room and to the working day at 80 columns, where the
    // deadline beside it keeps the minute.
    env.set_now("2026-10-12T09:20:00+07:00");
    let wide = env.at_columns(200, &["--as", RECEPTION, "sweep", "--dry-run"]);
    assert!(
        row_of(&wide.stdout, "6").contains("quá 4 ngày 5 giờ 20 phút làm việc"),
        "{wide}"
    );
    let narrow = env.at_columns(80, &["--as", RECEPTION, "sweep", "--dry-run"]);
    let row = row_of(&narrow.stdout, "6");
    assert!(
        row.contains("quá ≥4 ngày làm việc") && row.contains("05/10/2026\u{a0}14:00"),
        "{narrow}"
    );
    let rows = env.json_as(RECEPTION, &["sweep", "--dry-run"]);
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["report_id"] == 6)
        .unwrap_or_else(|| panic!("{rows:#}"));
    assert_eq!(row["minutes_over_counted"], 37 * 60 + 20, "{row:#}");
    assert_eq!(row["minutes_over"], 6 * 1440 + 19 * 60 + 20, "{row:#}");
}

/// `show` printed "Hạn 05/10/2026 14:00 · Kết thúc 05/10/2026 14:00 · Trễ hạn" for a reply
/// 30 seconds past the 4 working hours (Đ8.1.b): a row that seemed to contradict its own
/// judgement, the first thing the ward and its leader would dispute. When the deadline and
/// the end fall in the same minute the row says the seconds; a row minutes apart keeps
/// the minute.
#[test]
fn a_reply_seconds_late_shows_the_seconds_beside_the_deadline() {
    let mut env = TestEnv::assigned_to_sxd();
    env.set_now("2026-10-05T14:00:30+07:00");
    env.run_as(
        HANDLER_SXD,
        &["reply", "5", "--text", "Đã vá ổ gà trước bưu điện."],
    )
    .success();
    for (lang, stage, due, stopped, late) in [
        (
            "vi",
            "│ Xử lý ",
            "05/10/2026\u{a0}14:00",
            "05/10/2026\u{a0}14:00:30",
            "Trễ hạn",
        ),
        (
            "en",
            "│ Processing ",
            "2026-10-05\u{a0}14:00",
            "2026-10-05\u{a0}14:00:30",
            "Late",
        ),
    ] {
        let run = env.at_columns(200, &["--lang", lang, "--as", HANDLER_SXD, "show", "5"]);
        run.success();
        let row = run
            .stdout
            .lines()
            .find(|l| l.starts_with(stage))
            .unwrap_or_else(|| panic!("no {stage:?} row:\n{run}"));
        assert!(
            row.contains(&format!("┆ {due} ")) && row.contains(stopped) && row.contains(late),
            "{row}\n{run}"
        );
    }
    // The return window, closed by the reply hours after it, keeps the minute.
    let run = env.at_columns(200, &["--as", HANDLER_SXD, "show", "5"]);
    let window = run
        .stdout
        .lines()
        .find(|l| l.starts_with("│ Chuyển trả "))
        .unwrap_or_else(|| panic!("no return row:\n{run}"));
    assert!(!window.contains(":30 "), "{window}");
}

/// `sxd_returns_5`, then `pccm_is_given_5`, where the test's `--now` is left.
fn sxd_returns_5_and_pccm_is_given_it(env: &mut TestEnv) {
    sxd_returns_5(env);
    pccm_is_given_5(env);
}

/// A report's history showed its current handler the refused attempts of other accounts
/// ("xuly.sxd.hung · Bị từ chối thao tác": the officer of the agency that returned it,
/// trying to open it after the portal had passed it on), though a handler is refused the
/// audit log. Refusals are access-control data: a handler's history keeps their own and
/// the workflow; the roles that read the whole log see every refusal.
#[test]
fn a_handler_s_history_shows_no_other_account_s_refused_attempts() {
    let mut env = TestEnv::assigned_to_sxd();
    // PCCM's officer tries to open the report while it is SXD's: their own refusal.
    env.run_as(HANDLER_PCCM, &["show", "5"]).failure();
    sxd_returns_5_and_pccm_is_given_it(&mut env);
    env.set_now("2026-10-05T08:45:00+07:00");
    env.run_as(HANDLER_SXD, &["show", "5"]).failure();
    let refusals_by = |user: &str, args: &[&str]| -> Vec<String> {
        let rows = env.json_as(user, args);
        let events = rows.get("events").unwrap_or(&rows);
        array(events)
            .iter()
            .filter(|e| e["action"] == "refused")
            .map(|e| e["actor"].as_str().unwrap().to_owned())
            .collect()
    };
    for args in [&["show", "5"][..], &["audit", "log", "5"][..]] {
        assert_eq!(refusals_by(HANDLER_PCCM, args), [HANDLER_PCCM], "{args:?}");
        for reader in [ADMIN, AUDITOR, RECEPTION] {
            if args[0] == "audit" && reader == AUDITOR {
                continue;
            }
            assert_eq!(
                refusals_by(reader, args),
                [HANDLER_PCCM, HANDLER_SXD],
                "{reader} {args:?}"
            );
        }
    }
    // On screen: SXD's return stays, its refused attempt does not.
    let run = env.at_columns(200, &["--as", HANDLER_PCCM, "show", "5"]);
    run.success().stdout_has("Chuyển trả");
    assert!(
        !run.stdout
            .lines()
            .any(|l| l.contains(HANDLER_SXD) && l.contains("Bị từ chối")),
        "{run}"
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.contains(HANDLER_PCCM) && l.contains("Bị từ chối")),
        "{run}"
    );
}

/// Disabling an agency's last active handler while it held open reports said only "Đã
/// khóa tài khoản", and assigning to an agency with nobody left said nothing: the 4-hour
/// processing clock (Đ8.1.b) then ran out with nobody able to act, charged to the agency.
/// Both now warn on stderr (the step is done, exit 0): no active handler, the reports it
/// holds, and the `staff add` that fixes it. An agency with a handler left is not warned.
#[test]
fn an_agency_left_without_a_handler_is_said_at_disable_and_at_assign() {
    let env = TestEnv::assigned_to_sxd();
    let warned = "SXD không còn cán bộ xử lý nào đang hoạt động";
    let fix = "`phananh staff add TÀI_KHOẢN --name \"…\" --role handler --agency SXD`";
    // SXD has two handlers: the first leaving is routine.
    env.run_as(ADMIN, &["staff", "disable", HANDLER_SXD])
        .success()
        .never_shows(warned);
    env.run_as(ADMIN, &["staff", "disable", "xuly.sxd.ngoc"])
        .success()
        .stderr_has("Đã khóa tài khoản xuly.sxd.ngoc.")
        .stderr_has(warned)
        .stderr_has("đang giữ 1 phản ánh chưa xử lý xong (5)")
        .stderr_has(fix);
    env.run_as(RECEPTION, &["classify", "6", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "6", "--agency", "SXD"])
        .success()
        .stderr_has(warned)
        .stderr_has("đang giữ 2 phản ánh chưa xử lý xong (5, 6)")
        .stderr_has(fix);
    env.run_as(RECEPTION, &["classify", "9", "--field", "GT"])
        .success();
    env.run_as(
        RECEPTION,
        &["--lang", "en", "assign", "9", "--agency", "SXD"],
    )
    .success()
    .stderr_has("SXD has no active handler left; it holds 3 reports being handled (5, 6, 9)")
    .stderr_has("`phananh staff add USERNAME --name \"…\" --role handler --agency SXD`");
    // An agency with a handler: nothing said.
    env.run_as(RECEPTION, &["classify", "8", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "8", "--agency", "PCCM"])
        .success()
        .never_shows("không còn cán bộ xử lý");
}

/// On a day off the officer's `list --due today` said "nothing due" while an URGENT report
/// assigned that morning was open: its 24 clock hours (Đ8.1.b) fall due tomorrow. And the
/// note under the empty list began "Ngoài danh sách trên" with no list above. The list now
/// names the agency's open urgent reports due after the day, with their deadlines, and the
/// notes under an empty list do not point at one.
#[test]
fn a_day_off_due_list_names_the_urgent_report_due_tomorrow() {
    let mut env = TestEnv::validated();
    env.set_now("2026-10-10T09:13:00+07:00");
    env.run_as(RECEPTION, &["classify", "6", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "6", "--agency", "SXD", "--urgent"])
        .success();
    env.set_now("2026-10-10T10:00:00+07:00");
    let run = env.run_as(HANDLER_SXD, &["list", "--due", "today"]);
    run.success()
        .stdout_has("Không có thời hạn nào đến hạn hết ngày 10/10/2026.")
        .stderr_has("Còn 1 phản ánh KHẨN đang xử lý, hạn sau ngày này: 6 (hạn 11/10/2026 09:13)")
        .stderr_has("Còn 1 phản ánh trong thời hạn chuyển trả")
        .never_shows("Ngoài danh sách trên");
    env.run_as(HANDLER_SXD, &["--lang", "en", "list", "--due", "today"])
        .success()
        .stderr_has("1 URGENT report being handled, due after that day: 6 (due 2026-10-11 09:13)")
        .never_shows("Besides the list above");
    // The next day it is in the list itself, and not said again under it.
    env.set_now("2026-10-11T08:00:00+07:00");
    let run = env.run_as(HANDLER_SXD, &["list", "--due", "today"]);
    run.success()
        .stdout_has("│ 6 ")
        .never_shows("KHẨN đang xử lý, hạn sau");
}

/// An agency that returned a report, once the portal had passed it on, was refused `show`
/// with "Phản ánh này không được giao cho cơ quan của bạn": false of a report it held, and
/// whose late clocks it is charged with. The refusal now says when it returned it and who
/// handles it now, and where its charged clocks are listed; the rule is unchanged (a
/// handler reads only what its agency is assigned: docs/rules.md §2), and an agency that
/// never held the report is refused as before.
#[test]
fn a_handler_refused_a_report_their_agency_returned_is_told_so_truly() {
    let mut env = TestEnv::assigned_to_sxd();
    sxd_returns_5_and_pccm_is_given_it(&mut env);
    env.run_as(HANDLER_SXD, &["show", "5"])
        .failure()
        .stderr_has("SXD đã chuyển trả phản ánh này lúc 05/10/2026 08:30; nay do PCCM xử lý")
        .stderr_has("`phananh list --overdue --ever`")
        .never_shows("không được giao cho cơ quan của bạn");
    env.run_as(HANDLER_SXD, &["--lang", "en", "show", "5"])
        .failure()
        .stderr_has("SXD returned this report at 2026-10-05 08:30; PCCM handles it now");
    env.run_as(HANDLER_COMMUNE, &["show", "5"])
        .failure()
        .stderr_has("không được giao cho cơ quan của bạn");
    // Once PCCM replied, the report is still PCCM's, not the portal's (it said "nay là
    // việc của Cổng" whenever the report was not `assigned`), and the time is to the minute.
    env.run_as(
        HANDLER_PCCM,
        &["reply", "5", "--text", "Đã thay cột điện nghiêng ở khóm 3."],
    )
    .success();
    env.run_as(HANDLER_SXD, &["show", "5"])
        .failure()
        .stderr_has("SXD đã chuyển trả phản ánh này lúc 05/10/2026 08:30; nay do PCCM xử lý")
        .never_shows("việc của Cổng");
}

/// A reply three and a half working days late was said "trễ 29 giờ 20 phút làm việc",
/// to be divided by 8 in the head by an officer and a leader who count in working days.
/// From one working day on, every place that says a working-time lateness says it in
/// working days of the calendar's hours (8 by default), hours and minutes: `show`'s clocks
/// (in both languages), `list --overdue` and `--ever`, the reply's own notice, the report's
/// late list and `audit late`; JSON keeps its minutes.
#[test]
fn a_reply_days_late_says_its_lateness_in_working_days() {
    let mut env = TestEnv::assigned_to_sxd();
    // Due Monday 5 October 14:00; Friday 09:20 is 3 working days 5 h 20 min later.
    env.set_now("2026-10-09T09:20:00+07:00");
    let days = "3 ngày 5 giờ 20 phút làm việc";
    let show = env.at_columns(200, &["--as", HANDLER_SXD, "show", "5"]);
    show.success()
        .stdout_has(&format!("quá {days}"))
        .never_shows("29 giờ");
    let en = env.at_columns(200, &["--lang", "en", "--as", HANDLER_SXD, "show", "5"]);
    en.success()
        .stdout_has("3 working days 5 h 20 min over")
        .never_shows("29 h");
    let overdue = env.at_columns(200, &["--as", HANDLER_SXD, "list", "--overdue"]);
    assert!(row_of(&overdue.stdout, "5").contains(days), "{overdue}");
    let reply = env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá ổ gà."]);
    reply.success();
    reply
        .stderr_has(&format!("trễ {days}"))
        .never_shows("29 giờ");
    let ever = env.at_columns(200, &["--as", HANDLER_SXD, "list", "--overdue", "--ever"]);
    assert!(row_of(&ever.stdout, "5").contains(days), "{ever}");
    let report = env.at_columns(
        200,
        &["--as", LEADER, "report", "monthly", "--period", "2026-08"],
    );
    assert!(report.stdout.contains(days), "{report}");
    let late = env.at_columns(
        200,
        &["--as", ADMIN, "audit", "late", "--period", "2026-08"],
    );
    late.success().stdout_has(days);
    let rows = env.json_as(ADMIN, &["audit", "late", "--period", "2026-08"]);
    let process = array(&rows)
        .iter()
        .find(|r| r["report_id"] == 5 && r["stage"] == "process")
        .unwrap_or_else(|| panic!("no processing clock of report 5: {rows:#}"));
    assert_eq!(process["overrun_counted_minutes"], 29 * 60 + 20, "{rows:#}");
}

/// Report 5, returned by SXD and dispatched again to the ward, is the ward's first handling
/// of it, but its rows said "Lượt 2" (`list --due`) and "Lượt xử lý 2" (`show`), the
/// report's round: the ward's officer read "sent back to us". To the ward's handler the
/// round is the agency's own count, and `show` says the report's round and who held the
/// rounds before; the portal's screens and JSON keep the report's round.
#[test]
fn a_ward_given_a_report_another_agency_returned_reads_its_first_round() {
    let mut env = TestEnv::assigned_to_sxd();
    env.run_as(
        HANDLER_SXD,
        &[
            "return",
            "5",
            "--reason",
            "Thuộc thẩm quyền UBND phường An Xuyên",
        ],
    )
    .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "32002"])
        .success();
    env.set_now("2026-10-05T09:00:00+07:00");
    for columns in [80, 200] {
        let due = env.at_columns(
            columns,
            &["--as", HANDLER_COMMUNE, "list", "--due", "2026-10-09"],
        );
        due.success();
        let cells: Vec<&str> = row_of(&due.stdout, "5")
            .split(['│', '┆'])
            .map(str::trim)
            .collect();
        let stage = cells.iter().position(|c| *c == "Xử lý").expect("the stage");
        assert_eq!(cells[stage + 1], "1", "{due}");
    }
    env.at_columns(200, &["--as", HANDLER_COMMUNE, "show", "5"])
        .success()
        .stdout_has("┆ 1 (lượt 2 của phản ánh; lượt 1: SXD, đã chuyển trả)");
    let narrow = env.at_columns(80, &["--as", HANDLER_COMMUNE, "show", "5"]);
    narrow
        .success()
        .stdout_has("┆ 1 (lượt 2 của phản ánh; lượt 1: SXD");
    let en = env.at_columns(200, &["--lang", "en", "--as", HANDLER_COMMUNE, "show", "5"]);
    en.success()
        .stdout_has("1 (round 2 of the report; round 1: SXD, returned)");
    // The portal counts the report's rounds, and JSON keeps them for everyone.
    let desk = env.at_columns(200, &["--as", RECEPTION, "show", "5"]);
    desk.success().never_shows("của phản ánh");
    assert_eq!(env.json_as(HANDLER_COMMUNE, &["show", "5"])["round"], 2);
    let due = env.json_as(HANDLER_COMMUNE, &["list", "--due", "2026-10-09"]);
    assert_eq!(due[0]["round"], 2, "{due:#}");
}
