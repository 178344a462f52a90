//! Who may see what, and for how long (Law 91/2025/QH15; Đ6.5; docs/rules.md §7): the
//! operating-system logins bound to accounts are the admin's map, each account reading only
//! its own; a handler's sight of a reporter's identity ends with the handling; the internal
//! export without identities Sở Nội vụ and leaders may make; which reports an account's
//! reveals and full exports exposed; and the settings a restore rolls back.

use crate::common::*;

/// Binds a login to three accounts, the admin's among them.
fn logins_bound() -> TestEnv {
    let env = TestEnv::seeded();
    for (account, login) in [(ADMIN, "root"), (HANDLER_SXD, "hung"), (RECEPTION, "lan")] {
        env.run_as(ADMIN, &["staff", "edit", account, "--add-login", login])
            .success();
    }
    env
}

/// `staff logins` gave every role the whole map, the admin's `root` included: a handler of
/// Sở Y tế read which server login to take over to act as the admin. Only the admin lists
/// other accounts' logins now; every account reads its own line; each refusal is logged.
#[test]
fn only_the_admin_lists_other_accounts_logins() {
    let env = logins_bound();
    env.run_as(
        ADMIN,
        &["staff", "edit", HANDLER_PCCM, "--add-login", "tai"],
    )
    .success();
    for user in [HANDLER_PCCM, RECEPTION, LEADER, AUDITOR] {
        for args in [
            vec!["staff", "logins"],
            vec!["staff", "logins", ADMIN],
            vec!["staff", "logins", "--unbound"],
            vec!["--format", "csv", "staff", "logins", HANDLER_SXD],
        ] {
            env.run_as(user, &args)
                .failure()
                .one_line_error()
                .stderr_has(&format!(
                    "Chỉ quản trị viên xem được tài khoản hệ điều hành gắn với các tài khoản khác; tài khoản của bạn thì xem bằng `phananh staff logins {user}`."
                ))
                .never_shows("root")
                .never_shows("hung");
        }
    }
    env.run_as(HANDLER_PCCM, &["--lang", "en", "staff", "logins"])
        .failure()
        .stderr_has("only an admin may list the operating-system logins bound to other accounts; see your own with `phananh staff logins xuly.pccm.tai`");
    assert_eq!(
        env.count(
            "SELECT COUNT(*) FROM events WHERE action = 'refused' AND actor = 'xuly.pccm.tai' \
             AND payload LIKE '%list_logins%'"
        ),
        5
    );
    // Its own line, and nobody else's.
    env.run_as(
        HANDLER_PCCM,
        &["--format", "csv", "staff", "logins", HANDLER_PCCM],
    )
    .success()
    .stdout_has("xuly.pccm.tai,tai")
    .never_shows("root")
    .never_shows("hung");
    // The admin still reads the whole map.
    env.run_as(ADMIN, &["--format", "csv", "staff", "logins"])
        .success()
        .stdout_has("admin,root")
        .stdout_has("xuly.sxd.hung,hung")
        .stdout_has("xuly.pccm.tai,tai");
}

/// Report 5's reporter consented to share their identity with the agency (Đ6.5: "to serve
/// the handling"). SXD's handler reveals it while handling the report, and after its reply
/// too (the portal may send it back); once the result is published the handling is over,
/// and a handler's reveal years later was shown "Phan Ngọc Hoa / 0394676598". It is now
/// refused, logged, and says the portal keeps its own right, which it does.
#[test]
fn a_handler_reveals_while_handling_and_not_once_the_report_is_closed() {
    let reveal = [
        "show",
        "5",
        "--reveal",
        "--reason",
        "gọi lại xác minh vị trí",
    ];
    let mut env = TestEnv::assigned_to_sxd();
    env.run_as(HANDLER_SXD, &reveal)
        .success()
        .stdout_has("0394676598");
    env.run_as(
        HANDLER_SXD,
        &[
            "reply",
            "5",
            "--text",
            "Đã cử tổ công tác xuống kiểm tra, khắc phục xong.",
        ],
    )
    .success();
    env.run_as(HANDLER_SXD, &reveal)
        .success()
        .stdout_has("0394676598");
    env.run_as(RECEPTION, &["verify", "5", "--approve"])
        .success();
    env.run_as(RECEPTION, &["publish", "5"]).success();
    assert_eq!(env.status_of("5"), "published");
    env.set_now("2031-06-01T09:00:00+07:00");
    let before = env.fingerprint();
    env.run_as(HANDLER_SXD, &reveal)
        .failure()
        .one_line_error()
        .stderr_has("Phản ánh này đã xử lý xong (đã công khai, đã phản hồi riêng, đã gộp hoặc bị từ chối): danh tính người phản ánh chỉ dùng để phục vụ xử lý (khoản 5 Điều 6)")
        .never_shows("0394676598")
        .never_shows("Phan Ngọc Hoa");
    env.assert_only_refusal(&before, HANDLER_SXD);
    env.run_as(
        HANDLER_SXD,
        &["--lang", "en", "show", "5", "--reveal", "--reason", "again"],
    )
    .failure()
    .stderr_has("the handling of this report is over");
    // It still reads the report, masked; the portal still reveals (the rating, Đ10).
    env.run_as(HANDLER_SXD, &["show", "5"])
        .success()
        .stdout_has("Ph** Ng** H")
        .never_shows("0394676598");
    env.run_as(RECEPTION, &reveal)
        .success()
        .stdout_has("0394676598");
    assert_eq!(
        env.count(
            "SELECT count(*) FROM events WHERE action = 'reveal' AND actor = 'xuly.sxd.hung'"
        ),
        2
    );
}

/// Sở Nội vụ reconciles October with rounds, returns, send-backs and ratings, which only the
/// full export had: the guide had reception make it for them, every name and phone in
/// clear, though the auditor may see none. `export csv --no-identity` gives those columns
/// to the auditor with no identity in the file (the name as `list` masks it, no phone, the
/// texts hidden), writes nothing to the log, and the full export stays refused to them.
#[test]
fn the_export_without_identities_holds_no_name_nor_phone_and_is_the_auditors() {
    let env = TestEnv::validated();
    // A reporter who wrote their own name and number into the content.
    let record = serde_json::json!({
        "external_id": "CMG-2026-000901",
        "submitted_at": "2026-10-04T07:30:00+07:00",
        "occurred_at": "2026-10-04T07:00:00+07:00",
        "content": "Tôi là Võ Thị Kim Xuyến, số 0912 345 678, đèn đường trước chợ hỏng nhiều ngày.",
        "media": ["https://example.vn/anh/den.jpg"],
        "address": "Chợ Phường 5",
        "reporter_name": "Võ Thị Kim Xuyến",
        "reporter_phone": "0912 345 678",
    });
    let (_, own) = env.ingest_validated("xuyen.jsonl", &record);
    let before = env.fingerprint();
    let out = env.dir().join("doi-chieu.csv");
    env.run_as(
        AUDITOR,
        &[
            "export",
            "csv",
            "--no-identity",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .success()
    .stderr_has("không kèm danh tính người phản ánh");
    // Not a reveal, not an export of identities: nothing is logged.
    env.assert_unchanged(&before);
    let written = std::fs::read_to_string(&out).unwrap();
    let identities = env.identities();
    assert!(identities.len() > 300);
    for (id, name, phone) in &identities {
        if !phone.is_empty() {
            assert!(!written.contains(phone.as_str()), "report {id}'s phone");
        }
        if name.split_whitespace().count() > 1 {
            assert!(!written.contains(name.as_str()), "report {id}'s name");
        }
    }
    assert!(!written.contains("0912 345 678"));
    let mut rows = csv::Reader::from_reader(written.as_bytes());
    let headers = rows.headers().unwrap().clone();
    for column in [
        "round",
        "returns",
        "send_backs",
        "rating",
        "agency_name",
        "reporter_name",
    ] {
        assert!(headers.iter().any(|h| h == column), "{column}");
    }
    assert!(!headers.iter().any(|h| h == "reporter_phone"));
    let at = |column: &str| headers.iter().position(|h| h == column).unwrap();
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), identities.len());
    let row_of = |id: i64| rows.iter().find(|r| r[at("id")] == id.to_string()).unwrap();
    assert_eq!(&row_of(5)[at("reporter_name")], "Ph** Ng** H");
    let own = row_of(own);
    assert_eq!(&own[at("reporter_name")], "V* T** K** X");
    assert!(
        own[at("content")].contains("[đã ẩn]"),
        "{}",
        &own[at("content")]
    );
    // A leader may take it too; a handler may not; the full one stays refused to the auditor.
    env.run_as(LEADER, &["export", "csv", "--no-identity"])
        .success()
        .stdout_has("Ph** Ng** H")
        .never_shows("0394676598");
    env.run_as(HANDLER_SXD, &["export", "csv", "--no-identity"])
        .failure()
        .never_shows("Ph** Ng** H");
    env.run_as(
        AUDITOR,
        &["export", "csv", "--reason", "Sở Nội vụ đối chiếu tháng 10"],
    )
    .failure()
    .stderr_has("`phananh export csv --no-identity`")
    .never_shows("Phan Ngọc Hoa");
}

/// Report numbers written as `1-3,5`, expanded.
fn expanded(ranges: &str) -> Vec<i64> {
    ranges
        .split(',')
        .flat_map(|run| match run.split_once('-') {
            Some((a, b)) => (a.parse::<i64>().unwrap()..=b.parse().unwrap()).collect(),
            None => vec![run.parse::<i64>().unwrap()],
        })
        .collect()
}

/// A full export leaked: the breach notification must say whose identities it held, and a
/// compromised account's every reveal and export. The `export_full` event recorded the
/// period and a count, not the reports, and `audit reveals` had no `--actor`. The event now
/// records the reports it handed out (as ranges), `audit reveals --actor` lists the
/// account's reveals and exports with the reports each held, and `--report` reads an
/// export's own record.
#[test]
fn audit_reveals_lists_an_accounts_reveals_and_the_reports_its_exports_held() {
    let env = TestEnv::validated();
    let out = env.dir().join("toan-bo.csv");
    env.run_as(
        RECEPTION,
        &[
            "export",
            "csv",
            "--from",
            "2026-08-01",
            "--to",
            "2026-08-31",
            "--reason",
            "đối chiếu tháng 8",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .success();
    env.run_as(
        RECEPTION,
        &[
            "show",
            "5",
            "--reveal",
            "--reason",
            "gọi lại xác minh vị trí",
        ],
    )
    .success();
    env.run_as(
        ADMIN,
        &[
            "show",
            "4",
            "--reveal",
            "--reason",
            "trả lời đơn của người dân",
        ],
    )
    .success();
    let mut exported: Vec<i64> = csv::Reader::from_path(&out)
        .unwrap()
        .records()
        .map(|r| r.unwrap()[0].parse().unwrap())
        .collect();
    exported.sort();
    assert!(exported.len() > 10, "{exported:?}");
    let lines = env.json_as(AUDITOR, &["audit", "reveals", "--actor", RECEPTION]);
    let lines = lines.as_array().unwrap();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines.iter().all(|l| l["actor"] == RECEPTION));
    let export = lines.iter().find(|l| l["action"] == "export_full").unwrap();
    assert_eq!(expanded(export["covered"].as_str().unwrap()), exported);
    assert!(
        lines
            .iter()
            .any(|l| l["action"] == "reveal" && l["report_id"] == 5)
    );
    // The table names them too.
    let first = exported[0].to_string();
    env.run_as(AUDITOR, &["audit", "reveals", "--actor", RECEPTION])
        .success()
        .stdout_has(&format!("{first}–"))
        .never_shows("trả lời đơn của người dân");
    // By report: an exported one lists the export, one outside it does not.
    let outside = (1..=340).find(|id| !exported.contains(id)).unwrap();
    let of = |id: i64| env.json_as(AUDITOR, &["audit", "reveals", "--report", &id.to_string()]);
    assert!(
        of(exported[3])
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["action"] == "export_full")
    );
    assert!(
        !of(outside)
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["action"] == "export_full")
    );
    // An account that saw nothing says so; an unknown one is named.
    env.run_as(AUDITOR, &["audit", "reveals", "--actor", HANDLER_SXD])
        .success()
        .stdout_has(
            "Tài khoản xuly.sxd.hung không xem danh tính người phản ánh và không xuất đầy đủ nào.",
        );
    env.run_as(AUDITOR, &["audit", "reveals", "--actor", "khong.co"])
        .failure()
        .stderr_has("khong.co");
}

/// The province set a retention period after the nightly backup; a restore of that backup
/// listed the lost event as "admin: Đổi thiết lập" only, and `privacy.erase_after_days` was
/// silently 0 again: no identity would ever be erased. The restore now names each setting
/// it rolls back with its values, warns of the retention turned off with the command that
/// sets it again, and records them in its event; a setting left as it was is not named.
#[test]
fn a_restore_names_the_settings_it_rolls_back_and_warns_of_retention_turned_off() {
    let env = TestEnv::validated();
    let backup = env.dir().join("dem-qua.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    env.run_as(
        ADMIN,
        &[
            "settings",
            "set",
            "privacy.erase_after_days",
            "1825",
            "--yes",
        ],
    )
    .success();
    env.run_as(ADMIN, &["settings", "set", "score.min_cases", "12"])
        .success();
    // Changed and changed back: nothing to say of it.
    env.run_as(ADMIN, &["settings", "set", "sweep.due_soon_minutes", "45"])
        .success();
    env.run_as(ADMIN, &["settings", "set", "sweep.due_soon_minutes", "30"])
        .success();
    env.run_as(ADMIN, &["restore", backup.to_str().unwrap()])
        .success()
        .stderr_has("  - privacy.erase_after_days: 1825 → 0")
        .stderr_has("  - score.min_cases: 12 → 10")
        .stderr_has("Cảnh báo: khôi phục đã tắt thời hạn lưu giữ danh tính (privacy.erase_after_days 1825 → 0): từ nay lệnh quét không tự xóa danh tính người phản ánh nào nữa. Đặt lại bằng `phananh settings set privacy.erase_after_days 1825 --yes`.")
        .never_shows("sweep.due_soon_minutes:");
    let payload: serde_json::Value = serde_json::from_str(
        &env.column::<String>("SELECT payload FROM events WHERE action = 'restore'")[0],
    )
    .unwrap();
    assert_eq!(
        payload["settings_rolled_back"],
        serde_json::json!([
            {"key": "score.min_cases", "before": "12", "after": "10"},
            {"key": "privacy.erase_after_days", "before": "1825", "after": "0"},
        ])
    );
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    // Set again as the warning says, a second restore of the same backup warns again.
    env.run_as(
        ADMIN,
        &[
            "settings",
            "set",
            "privacy.erase_after_days",
            "1825",
            "--yes",
        ],
    )
    .success();
    env.run_as(
        ADMIN,
        &["--lang", "en", "restore", backup.to_str().unwrap()],
    )
    .success()
    .stderr_has(
        "warning: the restore turned the retention period off (privacy.erase_after_days 1825 → 0)",
    );
}
