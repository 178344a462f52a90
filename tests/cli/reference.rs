//! Reference data: `field`, `agency`, `staff` — add, list (table, CSV, JSON), import of the
//! examples, all-or-nothing imports, disabling accounts, and that only an admin may change
//! any of it (docs/rules.md §6; roles in docs/rules.md §2).

use serde_json::{Value, json};

use crate::common::*;

fn list_json(env: &TestEnv, kind: &str) -> Vec<Value> {
    array(&env.json_as(ADMIN, &[kind, "list"])).clone()
}

fn find<'a>(rows: &'a [Value], key: &str, value: &str) -> Option<&'a Value> {
    rows.iter().find(|r| r[key] == value)
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a CSV header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[test]
fn importing_the_examples_loads_17_fields_91_agencies_31_staff() {
    let env = TestEnv::empty();
    env.run(&["init", "--auth", "trust"]).success();
    for (kind, file, count) in [
        ("field", "fields.csv", EXAMPLE_FIELDS),
        ("agency", "agencies.csv", EXAMPLE_AGENCIES),
        ("staff", "staff.csv", EXAMPLE_STAFF),
    ] {
        env.run_as(ADMIN, &[kind, "import", &example_str(file)])
            .success()
            .stderr_has(&count.to_string());
        assert_eq!(list_json(&env, kind).len(), count, "{kind} list");
    }
    let staff = list_json(&env, "staff");
    assert_eq!(
        find(&staff, "username", HANDLER_SXD),
        Some(&json!({
            "username": HANDLER_SXD, "name": "Phạm Văn Hùng", "role": "handler",
            "agency": "SXD", "active": true
        }))
    );
    let agencies = list_json(&env, "agency");
    let commune = find(&agencies, "code", "32002").expect("commune 32002");
    assert_eq!(commune["level"], "commune");
    // Every import is on record, by the admin.
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE actor = 'admin' AND action IN ('field_add', 'agency_add', 'staff_add')"),
        // The admin row of staff.csv is the account `init` made, as it made it: not written
        // again, so not logged again.
        (EXAMPLE_FIELDS + EXAMPLE_AGENCIES + EXAMPLE_STAFF - 1) as i64
    );
}

#[test]
fn field_add_then_list_as_table_csv_and_json() {
    let env = TestEnv::seeded();
    env.run_as(
        ADMIN,
        &[
            "field",
            "add",
            "TN",
            "--name",
            "Thiên tai",
            "--keywords",
            "sạt lở, lốc xoáy,triều cường",
        ],
    )
    .success();
    let fields = list_json(&env, "field");
    assert_eq!(fields.len(), EXAMPLE_FIELDS + 1);
    assert_eq!(
        find(&fields, "code", "TN"),
        Some(
            &json!({"code": "TN", "name": "Thiên tai", "keywords": ["sạt lở", "lốc xoáy", "triều cường"]})
        )
    );

    let csv = env
        .run_as(LEADER, &["field", "list", "--format", "csv"])
        .success()
        .stdout
        .clone();
    let (header, rows) = csv_rows(&csv);
    assert_eq!(header, ["code", "name", "keywords"]);
    assert_eq!(rows.len(), EXAMPLE_FIELDS + 1);
    let tn = rows.iter().find(|r| r[0] == "TN").expect("TN in the CSV");
    assert_eq!(tn[1], "Thiên tai");
    assert!(tn[2].contains("lốc xoáy"), "{tn:?}");

    let table = env
        .run_as(ADMIN, &["field", "list"])
        .success()
        .stdout
        .clone();
    let line = table.lines().find(|l| l.contains("TN ")).expect("a TN row");
    assert!(
        line.contains("Thiên tai") && line.contains("triều cường"),
        "{table}"
    );
    assert!(
        table.contains("Lĩnh vực"),
        "Vietnamese headers by default:\n{table}"
    );
}

#[test]
fn field_add_stores_names_in_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let env = TestEnv::seeded();
    let decomposed: String = "Thủy lợi".nfd().collect();
    env.run_as(ADMIN, &["field", "add", "TL2", "--name", &decomposed])
        .success();
    let fields = list_json(&env, "field");
    assert_eq!(find(&fields, "code", "TL2").unwrap()["name"], "Thủy lợi");
}

#[test]
fn agency_add_then_list_as_table_csv_and_json() {
    let env = TestEnv::seeded();
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "SDL",
            "--name",
            "Sở Du lịch",
            "--level",
            "province",
            "--parent",
            "UBND-TINH",
        ],
    )
    .success();
    let agencies = list_json(&env, "agency");
    assert_eq!(agencies.len(), EXAMPLE_AGENCIES + 1);
    assert_eq!(
        find(&agencies, "code", "SDL"),
        Some(
            &json!({"code": "SDL", "name": "Sở Du lịch", "level": "province", "parent": "UBND-TINH"})
        )
    );
    let csv = env
        .run_as(AUDITOR, &["agency", "list", "--format", "csv"])
        .success()
        .stdout
        .clone();
    let (header, rows) = csv_rows(&csv);
    // The days in operation were added after the first four columns.
    assert_eq!(
        header,
        [
            "code",
            "name",
            "level",
            "parent",
            "active_from",
            "active_until"
        ]
    );
    assert!(rows.contains(&vec![
        "SDL".to_owned(),
        "Sở Du lịch".to_owned(),
        "province".to_owned(),
        "UBND-TINH".to_owned(),
        String::new(),
        String::new()
    ]));
    let table = env
        .run_as(ADMIN, &["agency", "list"])
        .success()
        .stdout
        .clone();
    assert!(
        table
            .lines()
            .any(|l| l.contains("SDL") && l.contains("Sở Du lịch")),
        "{table}"
    );
}

#[test]
fn agency_add_with_an_unknown_parent_is_refused() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "SDL",
            "--name",
            "Sở Du lịch",
            "--level",
            "province",
            "--parent",
            "KHONG-CO",
        ],
    )
    .failure()
    .stderr_has("KHONG-CO");
    env.assert_unchanged(&before);
}

#[test]
fn staff_add_then_list_as_table_csv_and_json() {
    let env = TestEnv::seeded();
    env.run_as(
        ADMIN,
        &[
            "staff",
            "add",
            "xuly.sxd.moi",
            "--name",
            "Ngô Văn Mới",
            "--role",
            "handler",
            "--agency",
            "SXD",
        ],
    )
    .success();
    let staff = list_json(&env, "staff");
    assert_eq!(staff.len(), EXAMPLE_STAFF + 1);
    assert_eq!(
        find(&staff, "username", "xuly.sxd.moi"),
        Some(
            &json!({"username": "xuly.sxd.moi", "name": "Ngô Văn Mới", "role": "handler", "agency": "SXD", "active": true})
        )
    );
    let csv = env
        .run_as(ADMIN, &["staff", "list", "--format", "csv"])
        .success()
        .stdout
        .clone();
    let (header, rows) = csv_rows(&csv);
    assert_eq!(header, ["username", "name", "role", "agency", "active"]);
    assert!(
        rows.iter().any(|r| r[0] == "xuly.sxd.moi" && r[3] == "SXD"),
        "{csv}"
    );
    let table = env
        .run_as(ADMIN, &["staff", "list"])
        .success()
        .stdout
        .clone();
    assert!(
        table
            .lines()
            .any(|l| l.contains("xuly.sxd.moi") && l.contains("Ngô Văn Mới")),
        "{table}"
    );
    // The new account can act at once.
    env.run_as("xuly.sxd.moi", &["list"]).success();
}

/// Refused, in one line of its own: the file import's wording ("dòng 0: …", "Không nạp
/// gì; sửa các dòng trên rồi nạp lại.") spoke of a line and a file the admin never wrote.
#[test]
fn a_handler_without_an_agency_cannot_be_added() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    let add = [
        "staff", "add", "xuly.moi", "--name", "Ai Đó", "--role", "handler",
    ];
    env.run_as(ADMIN, &add)
        .failure()
        .one_line_error()
        .stderr_has("phananh: Tài khoản handler cần một cơ quan; không lưu gì.")
        .never_shows("dòng 0");
    env.run_as(ADMIN, &in_english(&add))
        .failure()
        .stderr_has("phananh: a handler needs an agency; nothing was saved");
    env.assert_unchanged(&before);
}

/// `staff add --agency` and `agency add --parent` checked the agency as a file's row
/// ("dòng 0: cơ quan \"Sở Xây dựng\" không có"), with no hint, where `assign` names the
/// agency whose name was typed or the nearest code. They give the same refusal now, nothing
/// written, and a code typed in lower case is the stored one.
#[test]
fn staff_add_and_agency_add_name_the_agency_a_wrong_code_meant() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    let staff = |agency: &str| {
        env.run_as(
            ADMIN,
            &[
                "staff", "add", "xuly.moi", "--name", "Ai Đó", "--role", "handler", "--agency",
                agency,
            ],
        )
    };
    for (typed, said) in [
        (
            "Sở Xây dựng",
            "có phải ý bạn là SXD (Sở Xây dựng tỉnh Cà Mau)?",
        ),
        (
            "xay dung",
            "có phải ý bạn là SXD (Sở Xây dựng tỉnh Cà Mau)?",
        ),
        ("SXDD", "có phải ý bạn là SXD?"),
    ] {
        staff(typed)
            .failure()
            .stderr_has(said)
            .stderr_has("Xem `phananh agency list`")
            .never_shows("dòng 0");
    }
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "PHONG",
            "--name",
            "Phòng mới",
            "--level",
            "commune",
            "--parent",
            "UBND An Xuyên",
        ],
    )
    .failure()
    .stderr_has("có phải ý bạn là 32002 (UBND phường An Xuyên)?")
    .never_shows("dòng 0");
    env.assert_unchanged(&before);
    staff("sxd").success();
    let agency: String = env
        .read_only()
        .query_row(
            "SELECT agency FROM staff WHERE username = 'xuly.moi'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(agency, "SXD");
}

/// `ARGS FILE` as the admin, FILE being `name` in the test's directory holding `text`.
fn import_file(env: &TestEnv, args: &[&str], name: &str, text: &str) -> Run {
    let path = env.write_file(name, text);
    env.run_as(ADMIN, &[args, &[path.to_str().unwrap()]].concat())
}

/// Writes `text` to a file in the test directory and imports it; the import must fail,
/// name `line`, and load nothing.
fn import_refused(env: &TestEnv, kind: &str, text: &str, mentions: &[&str]) {
    let before = env.fingerprint();
    let run = import_file(env, &[kind, "import"], &format!("{kind}-bad.csv"), text);
    run.failure();
    for needle in mentions {
        run.stderr_has(needle);
    }
    env.assert_unchanged(&before);
}

#[test]
fn a_staff_import_with_a_bad_role_loads_nothing() {
    let env = TestEnv::seeded();
    import_refused(
        &env,
        "staff",
        "username,name,role,agency\n\
         moi.mot,Nguyễn Văn Một,reception,\n\
         moi.hai,Trần Thị Hai,superuser,\n\
         moi.ba,Lê Văn Ba,leader,\n",
        &["superuser", "3"],
    );
}

#[test]
fn a_staff_import_with_a_handler_without_agency_loads_nothing() {
    let env = TestEnv::seeded();
    import_refused(
        &env,
        "staff",
        "username,name,role,agency\n\
         moi.mot,Nguyễn Văn Một,reception,\n\
         moi.hai,Trần Thị Hai,leader,\n\
         xuly.moi,Lê Văn Ba,handler,\n",
        &["4"],
    );
}

#[test]
fn a_staff_import_naming_an_unknown_agency_loads_nothing() {
    let env = TestEnv::seeded();
    import_refused(
        &env,
        "staff",
        "username,name,role,agency\n\
         moi.mot,Nguyễn Văn Một,reception,\n\
         xuly.moi,Lê Văn Ba,handler,SO-KHONG-CO\n",
        &["SO-KHONG-CO"],
    );
}

/// Commands take a code in either case (`sxd` is SXD), but an import made `gt` a second
/// field beside GT, and `sxd` a second agency beside SXD, with the same names: then
/// `classify --suggest` tied the two and `assign --agency Sxd` could not tell which was
/// meant. A code that is a stored one but for case is refused, saying which; two lines of
/// one file that differ only in case are one code on two lines. A staff file's agency is
/// taken in either case, as `staff add` takes it.
#[test]
fn an_import_takes_a_code_in_another_case_for_the_stored_one() {
    let env = TestEnv::seeded();
    import_refused(
        &env,
        "field",
        "code,name,keywords\ngt,Giao thông,ổ gà\n",
        &[
            "dòng 2: mã “gt” là mã “GT” đã có",
            "ghi “GT” để sửa dòng ấy",
        ],
    );
    import_refused(
        &env,
        "agency",
        "code,name,level,parent\nsxd,Sở Xây dựng tỉnh Cà Mau,province,UBND-TINH\n",
        &["mã “sxd” là mã “SXD” đã có"],
    );
    import_refused(
        &env,
        "field",
        "code,name\nX-NEW,Một\nx-new,Hai\n",
        &["dòng 3: mã “x-new” đã có ở dòng 2"],
    );
    import_file(
        &env,
        &["staff", "import"],
        "staff.csv",
        "username,name,role,agency\nxuly.moi,Lê Văn Ba,handler,camawa\n",
    )
    .success();
    let staff = list_json(&env, "staff");
    let added = find(&staff, "username", "xuly.moi").expect("the account is made");
    assert_eq!(added["agency"], "CAMAWA");
}

#[test]
fn an_agency_import_with_an_unknown_parent_loads_nothing() {
    let env = TestEnv::seeded();
    import_refused(
        &env,
        "agency",
        "code,name,level,parent\n\
         SDL,Sở Du lịch,province,UBND-TINH\n\
         X-CON,Phòng con,province,X-CHA-KHONG-CO\n\
         X-CHAU,Đơn vị cháu,commune,SDL\n",
        &["X-CHA-KHONG-CO", "3"],
    );
}

#[test]
fn an_agency_import_may_name_a_parent_defined_later_in_the_file() {
    let env = TestEnv::seeded();
    import_file(
        &env,
        &["agency", "import"],
        "agencies.csv",
        "code,name,level,parent\nX-CON,Phòng con,commune,X-CHA\nX-CHA,Đơn vị cha,province,UBND-TINH\n",
    )
    .success();
    assert_eq!(list_json(&env, "agency").len(), EXAMPLE_AGENCIES + 2);
}

/// Excel in Vietnamese saves CSV with semicolons; a field or agency list so saved was
/// refused as lacking its first column ("thiếu cột code"), while `ingest` read such files.
#[test]
fn a_reference_list_saved_by_a_vietnamese_excel_with_semicolons_is_read() {
    let env = TestEnv::seeded();
    import_file(
        &env,
        &["field", "import"],
        "fields.csv",
        "\u{feff}code;name;keywords\r\nX-CN;Cấp nước;vỡ ống, mất nước\r\n",
    )
    .success();
    let field = list_json(&env, "field")
        .into_iter()
        .find(|f| f["code"] == "X-CN")
        .expect("the field is loaded");
    assert_eq!(field["name"], "Cấp nước");
    assert_eq!(field["keywords"], serde_json::json!(["vỡ ống", "mất nước"]));
    import_file(
        &env,
        &["agency", "import"],
        "agencies.csv",
        "code;name;level;parent\r\nX-CHA;Đơn vị, cha;province;UBND-TINH\r\n",
    )
    .success();
    assert_eq!(list_json(&env, "agency").len(), EXAMPLE_AGENCIES + 1);
}

#[test]
fn a_field_import_with_a_row_missing_its_name_loads_nothing() {
    let env = TestEnv::seeded();
    import_refused(
        &env,
        "field",
        "code,name,keywords\nTN,Thiên tai,sạt lở\nKHAC,,\n",
        &["3"],
    );
}

#[test]
fn a_disabled_account_is_refused_and_the_refusal_is_logged() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["list", "--limit", "1"]).success();
    env.run_as(ADMIN, &["staff", "disable", RECEPTION])
        .success();
    let staff = list_json(&env, "staff");
    assert_eq!(
        find(&staff, "username", RECEPTION).unwrap()["active"],
        false
    );
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'staff_disable' AND actor = 'admin'"),
        1
    );
    for args in [
        &["list"][..],
        &["assign", "5", "--agency", "SXD"],
        &["show", "5"],
    ] {
        let before = env.fingerprint();
        env.run_as(RECEPTION, args)
            .failure()
            .one_line_error()
            .stderr_has(RECEPTION);
        env.assert_only_refusal(&before, RECEPTION);
    }
    assert_eq!(env.status_of("5"), "accepted");
}

#[test]
fn disabling_an_unknown_account_fails_and_changes_nothing() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    env.run_as(ADMIN, &["staff", "disable", "khong.ai"])
        .failure()
        .stderr_has("khong.ai");
    env.assert_unchanged(&before);
}

#[test]
fn only_an_admin_may_change_reference_data_and_refusals_are_logged() {
    let env = TestEnv::seeded();
    let attempts: [(&str, &[&str]); 5] = [
        (RECEPTION, &["field", "add", "TN", "--name", "Thiên tai"]),
        (LEADER, &["field", "add", "TN", "--name", "Thiên tai"]),
        (
            HANDLER_SXD,
            &[
                "agency",
                "add",
                "SDL",
                "--name",
                "Sở Du lịch",
                "--level",
                "province",
            ],
        ),
        (
            AUDITOR,
            &["staff", "add", "x.y", "--name", "X Y", "--role", "admin"],
        ),
        (RECEPTION, &["staff", "disable", HANDLER_SXD]),
    ];
    for (user, args) in attempts {
        let before = env.fingerprint();
        env.run_as(user, args).failure().one_line_error();
        let event = env.assert_only_refusal(&before, user);
        assert!(event["payload"].contains("manage_reference"), "{event:#?}");
    }
    let fields = list_json(&env, "field");
    assert!(find(&fields, "code", "TN").is_none());
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["field", "import", &example_str("fields.csv")])
        .failure();
    env.assert_only_refusal(&before, RECEPTION);
}

/// A staff import re-enabled disabled accounts and changed roles with only "Đã nạp N
/// tài khoản"; the same key twice in one file kept the last line.
#[test]
fn a_staff_import_keeps_disabled_accounts_disabled_and_says_what_it_changed() {
    let env = TestEnv::seeded();
    env.run_as(ADMIN, &["staff", "disable", "tiepnhan.khang"])
        .success();
    let file = "username,name,role,agency\n\
         tiepnhan.lan,Nguyễn Thị Lan,admin,\n\
         tiepnhan.khang,Trần Minh Khang,reception,\n\
         tiepnhan.yen,Lê Thị Hải Yến,reception,\n\
         moi.mot,Nguyễn Văn Một,leader,\n";
    // A role changed by a file is confirmed, as `staff add` asks: a line left in an old
    // file made a clerk an admin, said as "Thay đổi: tiepnhan.lan (vai trò)".
    let before = env.fingerprint();
    import_file(&env, &["staff", "import"], "staff-again.csv", file)
        .failure()
        .one_line_error()
        .stderr_has(
            "Tệp đổi vai trò hay cơ quan của tài khoản đã có: tiepnhan.lan (vai trò Tiếp nhận → Quản trị). \
             Chưa thay đổi gì: nếu đúng ý, chạy lại lệnh với --yes.",
        );
    env.assert_unchanged(&before);
    let run = import_file(&env, &["staff", "import", "--yes"], "staff-again.csv", file);
    run.success()
        .stderr_has("Đã nạp 4 tài khoản: 1 mới, 1 thay đổi, 2 giữ nguyên.")
        .stderr_has("Mới: moi.mot.")
        .stderr_has("Thay đổi: tiepnhan.lan (vai trò).")
        .stderr_has("Tài khoản tiepnhan.khang đang bị khóa và vẫn khóa");
    let staff = list_json(&env, "staff");
    assert_eq!(
        find(&staff, "username", "tiepnhan.khang").unwrap()["active"],
        false
    );
    assert_eq!(
        find(&staff, "username", "tiepnhan.lan").unwrap()["role"],
        "admin"
    );
    // A disabled account still cannot act after the import.
    env.run_as("tiepnhan.khang", &["list"]).failure();
    // `staff add --yes`, naming the one account, is how an admin enables it again.
    env.run_as(
        ADMIN,
        &[
            "staff",
            "add",
            "tiepnhan.khang",
            "--name",
            "Trần Minh Khang",
            "--role",
            "reception",
            "--yes",
        ],
    )
    .success();
    env.run_as("tiepnhan.khang", &["list"]).success();
}

#[test]
fn an_import_naming_a_key_twice_loads_nothing() {
    let env = TestEnv::seeded();
    import_refused(
        &env,
        "staff",
        "username,name,role,agency\n\
         moi.mot,Nguyễn Văn Một,reception,\n\
         moi.hai,Trần Thị Hai,leader,\n\
         moi.mot,Nguyễn Văn Một,admin,\n",
        &["dòng 4: mã “moi.mot” đã có ở dòng 2"],
    );
    import_refused(
        &env,
        "agency",
        "code,name,level,parent\nX1,Xã Một,commune,\nX1,Xã Hai,commune,\n",
        &["dòng 3: mã “X1” đã có ở dòng 2"],
    );
    import_refused(
        &env,
        "field",
        "code,name,keywords\nF1,Một,\nF1,Hai,\n",
        &["dòng 3: mã “F1” đã có ở dòng 2"],
    );
}

#[test]
fn an_agency_and_a_field_import_say_what_they_changed_in_either_language() {
    let env = TestEnv::seeded();
    import_file(
        &env,
        &["agency", "import"],
        "agencies-again.csv",
        "code,name,level,parent\n32002,Phường Mới,commune,\nX9,Xã Chín,commune,\n",
    )
    .success()
    .stderr_has("Đã nạp 2 cơ quan: 1 mới, 1 thay đổi, 0 giữ nguyên.")
    .stderr_has("Thay đổi: 32002 (tên");
    import_file(
        &env,
        &["--lang", "en", "field", "import"],
        "fields-again.csv",
        "code,name,keywords\nTTDT,Trật tự đô thị,lấn chiếm\n",
    )
    .success()
    .stderr_has("1 field imported: 0 new, 1 changed, 0 unchanged")
    .stderr_has("changed: TTDT (");
}

/// Import errors were English under the default Vietnamese.
#[test]
fn import_errors_are_vietnamese_by_default_and_english_with_lang_en() {
    let env = TestEnv::seeded();
    let path = env.write_file(
        "staff-bad.csv",
        "username,name,role,agency\nmoi.mot,Nguyễn Văn Một,handler,NOPE\n",
    );
    let import = ["staff", "import", path.to_str().unwrap()];
    env.run_as(ADMIN, &import)
        .failure()
        .stderr_has("dòng 2: cơ quan “NOPE” không có")
        .never_shows("does not exist");
    env.run_as(ADMIN, &in_english(&import))
        .failure()
        .stderr_has("line 2: agency \"NOPE\" does not exist");
}

/// The accounts are never left without an active admin: demoting the last one by an
/// import or `staff add` would lock every admin command out for good.
#[test]
fn no_change_leaves_the_province_without_an_admin() {
    let env = TestEnv::seeded();
    let admins = env.column::<String>(
        "SELECT username FROM staff WHERE role = 'admin' AND active = 1 ORDER BY username",
    );
    let rows: String = admins
        .iter()
        .map(|a| format!("{a},Quản trị,reception,\n"))
        .collect();
    let before = env.fingerprint();
    import_file(
        &env,
        &["--lang", "en", "staff", "import"],
        "demote.csv",
        &format!("username,name,role,agency\n{rows}"),
    )
    .failure()
    .one_line_error()
    .stderr_has("no active account would have the admin role");
    for admin in &admins {
        env.run_as(
            ADMIN,
            &[
                "staff",
                "add",
                admin,
                "--name",
                "Quản trị",
                "--role",
                "reception",
                "--yes",
            ],
        )
        .failure()
        .stderr_has("không còn tài khoản quản trị");
    }
    env.assert_unchanged(&before);
    // With a second admin, the first may step down.
    env.run_as(
        ADMIN,
        &[
            "staff",
            "add",
            "qt.hai",
            "--name",
            "Quản trị Hai",
            "--role",
            "admin",
        ],
    )
    .success();
    env.run_as(
        "qt.hai",
        &[
            "staff",
            "add",
            ADMIN,
            "--name",
            "Quản trị",
            "--role",
            "reception",
            "--yes",
        ],
    )
    .success();
}

/// An account whose name prints like another's (a Cyrillic `а` in `аdmin`, a zero-width
/// space) would stand for it in every listing, log and `audit reveals`: refused.
#[test]
fn an_account_name_that_prints_like_another_is_refused() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    for lookalike in ["\u{430}dmin", "tiepnhan.lan\u{200b}"] {
        env.run_as(
            ADMIN,
            &[
                "--lang",
                "en",
                "staff",
                "add",
                lookalike,
                "--name",
                "Quản trị hệ thống",
                "--role",
                "admin",
            ],
        )
        .failure()
        .one_line_error()
        .stderr_has("may hold only ASCII letters");
    }
    env.assert_unchanged(&before);
}

/// `staff add` said "Đã lưu tài khoản X" whether it made an account, changed one (a role, a
/// disabled account enabled again) or changed nothing: an admin could not tell a typo in an
/// existing username from a new account. It says which, in words of the language.
#[test]
fn staff_add_says_whether_it_added_changed_or_left_the_account() {
    let env = TestEnv::seeded();
    let add = |args: &[&str]| {
        let mut all = vec!["staff", "add"];
        all.extend_from_slice(args);
        env.run_as(ADMIN, &all)
    };
    add(&["moi.mot", "--name", "Nguyễn Văn Một", "--role", "leader"])
        .success()
        .stderr_has("Đã thêm tài khoản moi.mot.");
    let before = env.fingerprint();
    add(&["moi.mot", "--name", "Nguyễn Văn Một", "--role", "leader"])
        .success()
        .stderr_has("Tài khoản moi.mot đã đúng như vậy; không có gì thay đổi.");
    // Nothing written: a `staff_add` over the same row would say nothing new, and over a
    // row edited behind the tool's back would seal the edit.
    env.assert_unchanged(&before);
    add(&[
        "moi.mot",
        "--name",
        "Nguyễn Văn Một",
        "--role",
        "leader",
        "--login",
        "mot",
    ])
    .success()
    .stderr_has("đã gắn thêm tài khoản hệ điều hành: moi.mot (mot).");
    add(&[
        "moi.mot",
        "--name",
        "Nguyễn Văn Một",
        "--role",
        "auditor",
        "--yes",
    ])
    .success()
    .stderr_has("Đã sửa tài khoản moi.mot: vai trò Lãnh đạo → Thi đua (Sở Nội vụ).");
    env.run_as(ADMIN, &["staff", "disable", "moi.mot"])
        .success();
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "staff",
            "add",
            "moi.mot",
            "--name",
            "Nguyễn Văn Hai",
            "--role",
            "auditor",
            "--yes",
        ],
    )
    .success()
    .stderr_has(
        "account moi.mot changed: name \"Nguyễn Văn Một\" → \"Nguyễn Văn Hai\", state disabled → enabled",
    );
}

/// A reference file's shape problems were English under a Vietnamese summary ("expected 3
/// fields, found 4"): an operator reads what is wrong with the line, and what to check.
#[test]
fn a_reference_files_shape_problems_are_said_in_vietnamese() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    let path = env.write_file(
        "fields-broken.csv",
        "code,name,keywords\nMT,Môi trường, rác thải, nước thải\nGT,Giao thông,\n",
    );
    let import = ["field", "import", path.to_str().unwrap()];
    env.run_as(ADMIN, &import)
        .failure()
        .stderr_has("fields-broken.csv:2: dòng có 4 ô nhưng dòng tiêu đề có 3 cột")
        .stderr_has("Không nạp gì")
        .never_shows("expected");
    env.run_as(ADMIN, &in_english(&import))
        .failure()
        .stderr_has("fields-broken.csv:2: expected 3 fields, found 4");
    env.assert_unchanged(&before);
}

/// `staff disable` had no way back but retyping the whole account with `staff add`: `staff
/// enable` gives it back with the role and agency it had, admin only, and the log states
/// what the account may do again (`audit verify` replays it).
#[test]
fn staff_enable_gives_a_disabled_account_back_as_it_was() {
    let env = TestEnv::seeded();
    let account = |env: &TestEnv| {
        find(&list_json(env, "staff"), "username", "xuly.sxd.hung")
            .unwrap()
            .clone()
    };
    let before = account(&env);
    env.run_as(ADMIN, &["staff", "disable", "xuly.sxd.hung"])
        .success();
    env.run_as(HANDLER_SXD, &["list"]).failure();
    let refused = env.fingerprint();
    env.run_as(RECEPTION, &["staff", "enable", "xuly.sxd.hung"])
        .failure();
    env.assert_only_refusal(&refused, RECEPTION);
    env.run_as(ADMIN, &["staff", "enable", "xuly.sxd.hung"])
        .success()
        .stderr_has("Đã mở khóa tài khoản xuly.sxd.hung.");
    assert_eq!(account(&env), before);
    env.run_as(HANDLER_SXD, &["list"]).success();
    env.run_as(ADMIN, &["--lang", "en", "staff", "enable", "xuly.sxd.hung"])
        .success()
        .stderr_has("account xuly.sxd.hung is not disabled; nothing changed");
    env.run_as(ADMIN, &["staff", "enable", "khong.co"])
        .failure()
        .stderr_has("Không có tài khoản “khong.co”");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// A first import named twenty new rows and counted the rest as "mã khác" (other
/// codes) whatever was imported: "và 10 mã khác" of accounts, which are no codes. The rest
/// are counted as what they are.
#[test]
fn a_first_import_counts_the_rows_it_does_not_name_as_what_they_are() {
    let env = TestEnv::empty();
    env.run(&["init", "--auth", "trust"]).success();
    // Seventeen fields: all named.
    for (kind, file, rest) in [
        ("field", "fields.csv", None),
        ("agency", "agencies.csv", Some("và 71 cơ quan khác.")),
        ("staff", "staff.csv", Some("và 10 tài khoản khác.")),
    ] {
        let run = env.run_as(ADMIN, &[kind, "import", &example_str(file)]);
        run.success().never_shows("mã khác");
        if let Some(rest) = rest {
            run.stderr_has(rest);
        }
    }
}

/// Each refusal of the reference imports, whole, in Vietnamese and in English: a file that
/// cannot be read, a column missing, and the problems found in the rows, each on its line
/// and all together before the closing line saying nothing was loaded.
#[test]
fn each_refusal_of_the_reference_imports_is_worded_whole_in_both_languages() {
    let env = TestEnv::seeded();
    let dir = env.dir();
    let login = "x".repeat(70);
    for (name, text) in [
        ("no-name.csv", "code,keywords\nX,a\n".to_owned()),
        (
            "short.csv",
            "code,name,keywords\nX1,Một\nX2,,k\n".to_owned(),
        ),
        (
            "twice.csv",
            "code,name,keywords\nX3,Ba,k\nX3,Ba lần,k\nX3,Ba nữa,k\n".to_owned(),
        ),
        (
            "tree.csv",
            "code,name,level,parent\nA1,Một,region,\nA2,Hai,province,NOPE\n".to_owned(),
        ),
        (
            "staff.csv",
            format!(
                "username,name,role,agency,logins\nphananh,Hệ thống,reception,,\nad min,Một,reception,,\nnew.one,Mới,boss,,\nnew.two,Hai,handler,,\nnew.three,Ba,leader,NOPE,\nnew.four,Bốn,reception,,{login}\n"
            ),
        ),
        (
            "no-admin.csv",
            "username,name,role,agency\nadmin,Quản trị hệ thống,reception,\n".to_owned(),
        ),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let cases: Vec<(&str, &str, String, String)> = vec![
        (
            "field",
            "nofile.csv",
            "Không đọc được nofile.csv (cần tệp CSV UTF-8): không có tệp này".into(),
            "cannot read nofile.csv (a UTF-8 CSV file is needed): No such file or directory (os error 2)".into(),
        ),
        (
            "field",
            "no-name.csv",
            "no-name.csv: thiếu cột name; cần các cột code,name,keywords.".into(),
            "no-name.csv: no name column; the columns are code,name,keywords".into(),
        ),
        (
            "field",
            "short.csv",
            "short.csv:2: dòng có 2 ô nhưng dòng tiêu đề có 3 cột (thiếu hay thừa dấu phẩy, hoặc một ô có dấu phẩy mà không đặt trong ngoặc kép)\nshort.csv:3: cột name để trống\nKhông nạp gì; sửa các dòng trên rồi nạp lại.".into(),
            "short.csv:2: expected 3 fields, found 2\nshort.csv:3: name is empty\nnothing was loaded; fix the lines above and try again".into(),
        ),
        (
            "field",
            "twice.csv",
            "dòng 3: mã “X3” đã có ở dòng 2; mỗi mã chỉ một dòng\ndòng 4: mã “X3” đã có ở dòng 2; mỗi mã chỉ một dòng\nKhông nạp gì; sửa các dòng trên rồi nạp lại.".into(),
            "line 3: \"X3\" is already on line 2; one line per key\nline 4: \"X3\" is already on line 2; one line per key\nnothing was loaded; fix the lines above and try again".into(),
        ),
        (
            "agency",
            "tree.csv",
            "dòng 2: cấp “region” phải là province, district hoặc commune (hay tỉnh; huyện, quận, thị xã, thành phố; xã, phường, thị trấn)\ndòng 3: cơ quan cấp trên “NOPE” không có (xem `phananh agency list`)\nKhông nạp gì; sửa các dòng trên rồi nạp lại.".into(),
            "line 2: level \"region\" must be province, district or commune (or tỉnh; huyện, quận, thị xã, thành phố; xã, phường, thị trấn)\nline 3: parent \"NOPE\" is not an agency\nnothing was loaded; fix the lines above and try again".into(),
        ),
        (
            "staff",
            "staff.csv",
            format!("dòng 2: tên tài khoản “phananh” là tên phananh dùng cho những việc nó tự làm trong nhật ký; hãy chọn tên khác\ndòng 3: tên tài khoản “ad min” chỉ được gồm chữ cái không dấu, chữ số, '.', '_', '-' (bắt đầu bằng chữ cái hoặc chữ số): tên khác có thể in ra giống hệt một tài khoản đã có\ndòng 4: vai trò “boss” phải là admin, reception, handler, leader hoặc auditor\ndòng 5: tài khoản handler cần một cơ quan\ndòng 6: cơ quan “NOPE” không có (xem `phananh agency list`)\ndòng 7: “{login}” không thể là tài khoản hệ điều hành: tài khoản hệ điều hành dài 1 đến 64 ký tự, chỉ gồm chữ cái không dấu (a–z, A–Z), chữ số, dấu chấm, gạch dưới và gạch ngang (không đứng đầu), có thể thêm `$` ở cuối. Nhiều tài khoản thì lặp lại tùy chọn, hoặc trong cột logins cách nhau bằng dấu cách hay | (ví dụ minh|minh2).\nKhông nạp gì; sửa các dòng trên rồi nạp lại."),
            format!("line 2: the account name \"phananh\" is the name phananh gives what it does by itself in the log; choose another\nline 3: the account name \"ad min\" may hold only ASCII letters, digits, '.', '_' and '-', beginning with a letter or digit: another name can print exactly like an existing account\nline 4: role \"boss\" must be admin, reception, handler, leader or auditor\nline 5: a handler needs an agency\nline 6: agency \"NOPE\" does not exist (see `phananh agency list`)\nline 7: \"{login}\" cannot be a login: a login is 1 to 64 characters, only the letters a-z and A-Z without marks, digits, '.', '_' and '-' (not first), perhaps a '$' at the end; several are given by repeating the option, or in the logins column separated by a space or | (e.g. minh|minh2)\nnothing was loaded; fix the lines above and try again"),
        ),
        (
            "staff",
            "no-admin.csv",
            "Bị từ chối: sau thay đổi này sẽ không còn tài khoản quản trị (admin) nào đang hoạt động, và không ai thêm lại được; không thay đổi gì. Hãy giữ vai trò admin cho ít nhất một tài khoản.".into(),
            "refused: after this change no active account would have the admin role, and nobody could add one back; nothing was changed. Keep the admin role on at least one account".into(),
        ),
    ];
    let before = env.fingerprint();
    for (table, file, vi, en) in &cases {
        for (lang, said) in [("vi", vi), ("en", en)] {
            let run = env.run_as(ADMIN, &["--lang", lang, table, "import", file]);
            run.failure();
            assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
        }
    }
    env.assert_unchanged(&before);
}

/// A column that is a slip of one the file lacks (`login` for the optional `logins`) was
/// dropped without a word, and in peer mode the accounts came in bound to no login; a
/// column of the officer's own that resembles none is still left alone. `staff edit` said
/// its change as programmer's lists ("đã gắn [root], đã gỡ []").
#[test]
fn a_mistyped_column_is_refused_and_staff_edit_says_what_it_bound() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    import_file(
        &env,
        &["staff", "import"],
        "staff-login.csv",
        "username,name,role,agency,login\ntiepnhan.moi,Nguyễn Văn Mới,reception,,moi\n",
    )
    .failure()
    .one_line_error()
    .stderr_has("không có cột login; có phải logins?")
    .stderr_has("Không nạp gì");
    env.assert_unchanged(&before);
    import_file(
        &env,
        &["--lang", "en", "field", "import"],
        "fields-keyword.csv",
        "code,name,keyword\nGT,Giao thông,ổ gà\n",
    )
    .failure()
    .stderr_has("there is no keyword column; did you mean keywords?");
    env.assert_unchanged(&before);
    // The officer's own notes column resembles no column: loaded as before.
    import_file(
        &env,
        &["staff", "import"],
        "staff-notes.csv",
        "username,name,role,agency,ghi_chu\ntiepnhan.moi,Nguyễn Văn Mới,reception,,mới vào\n",
    )
    .success();
    env.run_as(
        ADMIN,
        &["staff", "edit", "tiepnhan.moi", "--add-login", "moi"],
    )
    .success()
    .stderr_has("Tài khoản tiepnhan.moi: đã gắn tài khoản hệ điều hành moi.")
    .never_shows("[");
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "staff",
            "edit",
            "tiepnhan.moi",
            "--add-login",
            "moi2",
            "--remove-login",
            "moi",
        ],
    )
    .success()
    .stderr_has("account tiepnhan.moi: bound the operating-system login moi2 and unbound moi");
}

/// Renaming an agency with `agency add` and no `--parent` set its parent to nothing, with
/// only "Đã lưu cơ quan" said: a department cut from the province's committee by a rename.
/// Now the parent stays unless one is given; an empty one still clears it.
#[test]
fn renaming_an_agency_keeps_its_parent_unless_told() {
    let env = TestEnv::seeded();
    let parent =
        |env: &TestEnv| find(&list_json(env, "agency"), "code", "SNNMT").unwrap()["parent"].clone();
    assert_eq!(parent(&env), "UBND-TINH");
    let rename = [
        "agency",
        "add",
        "SNNMT",
        "--name",
        "Sở Nông nghiệp và Môi trường (tên mới)",
        "--level",
        "province",
        // A change of a stored agency is made only when confirmed (setup's rule).
        "--yes",
    ];
    env.run_as(ADMIN, &rename).success();
    let agencies = list_json(&env, "agency");
    let renamed = find(&agencies, "code", "SNNMT").unwrap();
    assert_eq!(renamed["name"], "Sở Nông nghiệp và Môi trường (tên mới)");
    assert_eq!(renamed["parent"], "UBND-TINH", "{renamed}");
    env.run_as(ADMIN, &[&rename[..], &["--parent", ""]].concat())
        .success();
    assert_eq!(parent(&env), Value::Null);
}

/// A second Lan joins reception and the admin types `staff add tiepnhan.lan` for her: the
/// command called `add` rewrote the first Lan's account (name, role) and said only which
/// parts moved, so the first Lan's past acts now read as the newcomer's. Changing an account
/// that exists is refused without `--yes`, each part said old → new and nothing written;
/// with `--yes` it is changed, said old → new, and logged as a `staff_add` as before.
#[test]
fn staff_add_over_an_existing_account_asks_for_yes_and_says_old_to_new() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    let args = [
        "staff",
        "add",
        RECEPTION,
        "--name",
        "Lê Thị Lan",
        "--role",
        "handler",
        "--agency",
        "SXD",
    ];
    env.run_as(ADMIN, &args)
        .failure()
        .code(1)
        .one_line_error()
        .stderr_has(
            "Tài khoản tiepnhan.lan đã có; lệnh này sẽ sửa tên \"Nguyễn Thị Lan\" → \"Lê Thị Lan\", vai trò Tiếp nhận → Xử lý (cơ quan), cơ quan (trống) → SXD. Chưa thay đổi gì: nếu đúng ý, chạy lại lệnh với --yes.",
        );
    env.assert_unchanged(&before);
    let logged = "SELECT count(*) FROM events WHERE action = 'staff_add'";
    let staff_adds = env.count(logged);
    let mut confirmed = args.to_vec();
    confirmed.extend(["--yes", "--lang", "en"]);
    env.run_as(ADMIN, &confirmed).success().stderr_has(
        "account tiepnhan.lan changed: name \"Nguyễn Thị Lan\" → \"Lê Thị Lan\", role Reception → Agency handler, agency (none) → SXD",
    );
    assert_eq!(env.count(logged), staff_adds + 1);
    let staff = list_json(&env, "staff");
    assert_eq!(
        find(&staff, "username", RECEPTION).unwrap()["role"],
        "handler"
    );
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// `field add GT --name …` typed for a new field over the code of Giao thông renamed it
/// and, with no `--keywords`, emptied its keywords ("Đã lưu lĩnh vực GT."); `agency add`
/// likewise turned Sở Xây dựng into a commune. Both are refused without `--yes`, saying
/// old → new; with it the change is made and said so.
#[test]
fn field_and_agency_add_over_an_existing_code_ask_for_yes_and_say_old_to_new() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    env.run_as(ADMIN, &["field", "add", "GT", "--name", "Giao thông vận tải"])
        .failure()
        .code(1)
        .stderr_has("Lĩnh vực GT đã có; lệnh này sẽ sửa tên \"Giao thông\" → \"Giao thông vận tải\", từ khóa \"ổ gà,")
        .stderr_has("→ (trống). Chưa thay đổi gì: nếu đúng ý, chạy lại lệnh với --yes.");
    env.run_as(
        ADMIN,
        &["agency", "add", "SXD", "--name", "Sở Xây dựng", "--level", "commune"],
    )
    .failure()
    .code(1)
    .stderr_has(
        "Cơ quan SXD đã có; lệnh này sẽ sửa tên \"Sở Xây dựng tỉnh Cà Mau\" → \"Sở Xây dựng\", cấp tỉnh → xã/phường.",
    );
    env.assert_unchanged(&before);
    env.run_as(ADMIN, &["field", "add", "MOI", "--name", "Mới"])
        .success()
        .stderr_has("Đã thêm lĩnh vực MOI.");
    env.run_as(ADMIN, &["field", "add", "MOI", "--name", "Mới"])
        .success()
        .stderr_has("Lĩnh vực MOI đã đúng như vậy; không có gì thay đổi.");
    env.run_as(
        ADMIN,
        &[
            "field",
            "add",
            "MOI",
            "--name",
            "Mới hơn",
            "--keywords",
            "a,b",
            "--yes",
        ],
    )
    .success()
    .stderr_has("Đã sửa lĩnh vực MOI: tên \"Mới\" → \"Mới hơn\", từ khóa (trống) → \"a, b\".");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// A `logins` cell written as an Excel user lists things, `minh;minh2`, was bound as one
/// login no operating-system account can have, and the import said "Đã gắn … (minh;minh2)"
/// as for any success; `--login 'x;y'` too. A login with a character no account name has is
/// refused, saying which characters a login may have and how to give several; `|` and a
/// space bind two, as `staff import --help` now says.
#[test]
fn a_login_no_account_can_have_is_refused_and_the_separators_are_said() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    let file = env.write_file(
        "staff.csv",
        "username,name,role,agency,logins\n\
         lanhdao.minh,Nguyễn Văn Minh,leader,,minh;minh2\n\
         lanhdao.tuan,Lê Anh Tuấn,leader,,tuan|tuan2\n",
    );
    let file = file.to_str().unwrap();
    env.run_as(ADMIN, &["staff", "import", file])
        .failure()
        .stderr_has("dòng 2")
        .stderr_has("“minh;minh2” không thể là tài khoản hệ điều hành: tài khoản hệ điều hành dài 1 đến 64 ký tự, chỉ gồm chữ cái không dấu (a–z, A–Z), chữ số, dấu chấm, gạch dưới và gạch ngang (không đứng đầu), có thể thêm `$` ở cuối. Nhiều tài khoản thì lặp lại tùy chọn, hoặc trong cột logins cách nhau bằng dấu cách hay | (ví dụ minh|minh2).")
        .never_shows("Đã gắn");
    env.assert_unchanged(&before);
    for bad in ["x;y", "a:b", "../lan", "hoà"] {
        env.run_as(ADMIN, &["staff", "edit", LEADER, "--add-login", bad])
            .failure()
            .stderr_has("không thể là tài khoản hệ điều hành");
        env.run_as(
            ADMIN,
            &in_english(&["staff", "add", "lanhdao.moi", "--name", "Mới", "--role", "leader", "--login", bad]),
        )
        .failure()
        .stderr_has("cannot be a login: a login is 1 to 64 characters, only the letters a-z and A-Z without marks, digits, '.', '_' and '-' (not first), perhaps a '$' at the end; several are given by repeating the option, or in the logins column separated by a space or | (e.g. minh|minh2)");
    }
    env.assert_unchanged(&before);
    let file = env.write_file(
        "staff.csv",
        "username,name,role,agency,logins\n\
         lanhdao.tuan,Lê Anh Tuấn,leader,,tuan|tuan2\n\
         lanhdao.minh,Nguyễn Văn Minh,leader,,minh minh2\n",
    );
    env.run_as(ADMIN, &["staff", "import", "--yes", file.to_str().unwrap()])
        .success();
    let bound: Vec<String> = env.column(
        "SELECT username || '=' || login FROM staff_logins WHERE username LIKE 'lanhdao.%'
         ORDER BY username, login",
    );
    assert_eq!(
        bound,
        [
            "lanhdao.minh=minh",
            "lanhdao.minh=minh2",
            "lanhdao.tuan=tuan",
            "lanhdao.tuan=tuan2"
        ]
    );
    // The help says how to write several.
    env.run(&["staff", "import", "--help"])
        .success()
        .stdout_has("cách nhau bằng dấu cách hoặc | (không dùng ;)")
        .stdout_has("ví dụ ô minh|minh2");
    env.run(&["--lang", "en", "staff", "import", "--help"])
        .success()
        .stdout_has("separated by a space or | (not ;)");
}

/// Switching `auth.mode` from trust to peer (guide §2) left every account no login was
/// bound to usable by nobody, and said only "Đã đặt auth.mode = peer."; nothing listed
/// those accounts (`staff logins` lists the bound ones, `staff list` no login). The switch
/// now warns as an import does, and `staff logins --unbound` lists them.
#[test]
fn switching_to_peer_warns_of_accounts_no_login_is_bound_to_and_lists_them() {
    let env = TestEnv::seeded();
    let me = nix::unistd::User::from_uid(nix::unistd::getuid())
        .unwrap()
        .expect("the test's user has a name")
        .name;
    env.run_as(ADMIN, &["staff", "edit", ADMIN, "--add-login", &me])
        .success();
    env.run_as(ADMIN, &["staff", "edit", RECEPTION, "--add-login", "lan"])
        .success();
    env.run_as(ADMIN, &["staff", "disable", "tiepnhan.khang"])
        .success();
    let unbound = env
        .run_as(ADMIN, &["--format", "json", "staff", "logins", "--unbound"])
        .success()
        .json();
    let names: Vec<&str> = unbound
        .as_array()
        .expect("a list")
        .iter()
        .map(|row| row["username"].as_str().unwrap())
        .collect();
    let n = env.count("SELECT count(*) FROM staff WHERE active = 1") - 2;
    assert_eq!(names.len() as i64, n, "{names:?}");
    for bound_or_disabled in [ADMIN, RECEPTION, "tiepnhan.khang"] {
        assert!(!names.contains(&bound_or_disabled), "{names:?}");
    }
    assert!(
        names.contains(&LEADER) && names.contains(&HANDLER_SXD),
        "{names:?}"
    );
    // The system clock, as a peer database's writes take it.
    let unpinned = |args: &[&str]| {
        let mut cmd = env.command();
        cmd.env_remove("PHANANH_NOW");
        Run::of(cmd, args)
    };
    unpinned(&["--as", ADMIN, "settings", "set", "auth.mode", "peer"])
        .success()
        .stderr_has("Đã đặt auth.mode = peer.")
        .stderr_has(&format!(
            "Cảnh báo: {n} tài khoản chưa gắn tài khoản hệ điều hành nào nên chưa ai dùng được (auth.mode là peer): {}",
            names[..10].join(", ")
        ))
        .stderr_has(&format!(" và {} tài khoản khác. Gắn cho từng người bằng `phananh staff edit {} --add-login TÀI_KHOẢN_HỆ_ĐIỀU_HÀNH`, rồi xem lại bằng `phananh staff logins --unbound`.", n - 10, names[0]))
        .never_shows("cột logins");
    unpinned(&["--lang", "en", "staff", "logins", "--unbound"])
        .success()
        .stdout_has(LEADER)
        .never_shows(RECEPTION);
    unpinned(&["--lang", "en", "settings", "set", "auth.mode", "peer"])
        .success()
        .stderr_has(&format!(
            "warning: {n} accounts have no operating-system login bound"
        ))
        .stderr_has("then check with `phananh staff logins --unbound`");
    // Another setting, and a switch back to trust, say nothing of logins.
    unpinned(&["settings", "set", "auth.mode", "trust", "--yes"])
        .success()
        .never_shows("Cảnh báo");
    // Only the accounts' own listing takes a name: the two ask different things.
    env.run_as(ADMIN, &["staff", "logins", ADMIN, "--unbound"])
        .code(2);
}

/// In `peer` mode an account acts only through an operating-system login bound to it. An
/// admin imported the province's staff list (no `logins` column) and was told "Đã nạp 3
/// tài khoản"; each person then found out at their first command that nobody could act as
/// them. The import (and `staff add` without `--login`) now warns with the count, the
/// accounts, and the command that binds a login; trust mode, and bound accounts, say none.
#[test]
fn a_staff_import_in_peer_mode_warns_of_accounts_no_login_is_bound_to() {
    let env = TestEnv::empty();
    // The system clock, as a peer database's writes take it.
    let unpinned = |args: &[&str]| {
        let mut cmd = env.command();
        cmd.env_remove("PHANANH_NOW");
        Run::of(cmd, args)
    };
    unpinned(&["init"]).success();
    let file = env.write_file(
        "staff.csv",
        "username,name,role,agency,logins\n\
         tiepnhan.lan,Nguyễn Thị Lan,reception,,lan\n\
         tiepnhan.khang,Trần Minh Khang,reception,,\n\
         lanhdao.minh,Nguyễn Văn Minh,leader,,\n",
    );
    let file = file.to_str().unwrap();
    unpinned(&["staff", "import", file]).success().stderr_has(
        "Cảnh báo: 2 tài khoản chưa gắn tài khoản hệ điều hành nào nên chưa ai dùng được (auth.mode là peer): tiepnhan.khang, lanhdao.minh. Gắn cho từng người bằng `phananh staff edit tiepnhan.khang --add-login TÀI_KHOẢN_HỆ_ĐIỀU_HÀNH` (hoặc cột logins của tệp), rồi xem lại bằng `phananh staff logins --unbound`.",
    );
    unpinned(&[
        "--lang", "en", "staff", "add", "noivu.thao", "--name", "Thảo", "--role", "auditor",
    ])
    .success()
    .stderr_has(
        "warning: account noivu.thao has no operating-system login bound, so nobody can act as it yet (auth.mode is peer). Bind one with `phananh staff edit noivu.thao --add-login LOGIN`",
    );
    let bound = unpinned(&[
        "staff",
        "add",
        "lanhdao.hai",
        "--name",
        "Hải",
        "--role",
        "leader",
        "--login",
        "hai",
    ]);
    assert!(!bound.success().stderr.contains("Cảnh báo"), "{bound}");
    // In trust mode `--as` picks the account: nothing to warn of.
    let seeded = TestEnv::seeded();
    let run = seeded.run_as(ADMIN, &["staff", "import", &example_str("staff.csv")]);
    assert!(!run.success().stderr.contains("Cảnh báo"), "{run}");
}

/// The admin bound their own login to a handler's account for one reply, unbound it, and
/// the reply was the handler's in `show`, the reports and the score, `audit verify` passing
/// (SECURITY.md asks each person's own login bound). A login already bound to another
/// active account is now refused, naming it, unless confirmed with a reason (one person who
/// holds two accounts); the binding's event then records the other accounts and the reason.
#[test]
fn a_login_bound_to_another_account_is_bound_again_only_confirmed_with_a_reason() {
    let env = TestEnv::seeded();
    env.run_as(ADMIN, &["staff", "edit", ADMIN, "--add-login", "padmin"])
        .success();
    let before = env.fingerprint();
    let borrow = ["staff", "edit", HANDLER_SXD, "--add-login", "padmin"];
    env.run_as(ADMIN, &borrow)
        .failure()
        .stderr_has("tài khoản hệ điều hành padmin đã gắn với admin")
        .stderr_has("--yes và --reason");
    env.run_as(ADMIN, &[&borrow[..], &["--yes"]].concat())
        .failure()
        .stderr_has("--yes và --reason");
    env.run_as(ADMIN, &in_english(&borrow))
        .failure()
        .stderr_has("the login padmin is already bound to admin");
    env.assert_unchanged(&before);
    // Read by the admin: only the admin lists the logins of other accounts
    // (`Operation::ListLogins`; the auditor is refused, as `need_to_know::` checks).
    let bound = env
        .run_as(ADMIN, &["--format", "json", "staff", "logins", HANDLER_SXD])
        .success()
        .json();
    assert!(!bound.to_string().contains("padmin"), "{bound}");

    let reason = "Một người giữ hai tài khoản theo Quyết định phân công số 5";
    env.run_as(
        ADMIN,
        &[&borrow[..], &["--yes", "--reason", reason]].concat(),
    )
    .success();
    let payload: Value = serde_json::from_str(
        &env.column::<String>(
            "SELECT payload FROM events WHERE action = 'login_add' ORDER BY id DESC LIMIT 1",
        )[0],
    )
    .unwrap();
    assert_eq!(
        payload["also_bound_to"],
        serde_json::json!([ADMIN]),
        "{payload}"
    );
    assert_eq!(payload["reason"], reason, "{payload}");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// The province's list of its communes and wards names the level `type`, "xã" or
/// "phường", and a staff list copied from `staff list` writes each role as the table
/// prints it ("Tiếp nhận"): every row was refused ("thiếu cột level", then "cấp “xã”
/// phải là province, district hoặc commune" 64 times). Both are read as the codes they
/// name, and stored as codes.
#[test]
fn the_provinces_commune_list_and_the_tools_own_role_names_are_read() {
    let env = TestEnv::seeded();
    import_file(
        &env,
        &["agency", "import"],
        "xa-phuong.csv",
        "code,name,type,codename\n\
         99001,Phường Mới Một,phường,phuong_moi_mot\n\
         99002,Xã Mới Hai,Xã,xa_moi_hai\n",
    )
    .success();
    let agencies = list_json(&env, "agency");
    for code in ["99001", "99002"] {
        assert_eq!(find(&agencies, "code", code).unwrap()["level"], "commune");
    }
    import_file(
        &env,
        &["staff", "import"],
        "staff.csv",
        "username,name,role,agency\n\
         moi.tn,Nguyễn Văn Tư,Tiếp nhận,\n\
         moi.xl,Lê Thị Năm,xử lý,99001\n\
         moi.nv,Trần Văn Sáu,Thi đua (Sở Nội vụ),\n",
    )
    .success();
    let staff = list_json(&env, "staff");
    for (username, role) in [
        ("moi.tn", "reception"),
        ("moi.xl", "handler"),
        ("moi.nv", "auditor"),
    ] {
        assert_eq!(find(&staff, "username", username).unwrap()["role"], role);
    }
}
