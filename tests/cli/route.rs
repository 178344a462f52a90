//! The routing table (`route add|list`) and `assign --auto` (Đ7.1.b).

use crate::common::*;

#[test]
fn assign_auto_follows_the_most_specific_route() {
    let env = TestEnv::validated();
    // Two accepted reports in Phường An Xuyên (32002) and elsewhere, both urban order.
    let in_an_xuyen: Vec<i64> = env.column(
        "SELECT id FROM reports WHERE status = 'accepted' AND commune = 'Phường An Xuyên' ORDER BY id LIMIT 1",
    );
    let elsewhere: Vec<i64> = env.column(
        "SELECT id FROM reports WHERE status = 'accepted' AND commune <> 'Phường An Xuyên' AND commune <> '' ORDER BY id LIMIT 1",
    );
    let (a, b) = (in_an_xuyen[0].to_string(), elsewhere[0].to_string());
    for id in [&a, &b] {
        env.run_as(RECEPTION, &["classify", id, "--field", "TTDT"])
            .success();
    }
    // No route yet: the error says how to add one.
    env.run_as(RECEPTION, &["assign", &a, "--auto"])
        .failure()
        .one_line_error()
        .stderr_has("route add --field TTDT");
    let before = env.fingerprint();
    env.run_as(
        RECEPTION,
        &["route", "add", "--field", "TTDT", "--agency", "SXD"],
    )
    .failure()
    .one_line_error();
    env.assert_only_refusal(&before, RECEPTION);
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "TTDT", "--agency", "SXD"],
    )
    .success();
    env.run_as(
        ADMIN,
        &[
            "route",
            "add",
            "--field",
            "TTDT",
            "--commune",
            "phuong an xuyen",
            "--agency",
            "32002",
        ],
    )
    .success();
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "NOPE", "--agency", "SXD"],
    )
    .failure()
    .one_line_error()
    .stderr_has("field list");
    env.run_as(RECEPTION, &["assign", &a, "--auto"]).success();
    env.run_as(RECEPTION, &["assign", &b, "--auto"]).success();
    assert_eq!(env.show(&a)["agency"], "32002");
    assert_eq!(env.show(&b)["agency"], "SXD");
    let listed = env
        .run_as(LEADER, &["route", "list", "--format", "json"])
        .success()
        .json();
    assert_eq!(array(&listed).len(), 2);
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'route_add'"),
        2
    );
    // --agency and --auto do not go together; one of them is needed.
    env.run_as(RECEPTION, &["assign", &a, "--auto", "--agency", "SXD"])
        .code(2);
    env.run_as(RECEPTION, &["assign", &a]).code(2);
}

#[test]
fn a_report_without_a_field_is_not_routed() {
    let env = TestEnv::validated();
    env.run_as(ADMIN, &["route", "add", "--field", "GT", "--agency", "SXD"])
        .success();
    let id: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'accepted' ORDER BY id LIMIT 1");
    env.run_as(RECEPTION, &["assign", &id[0].to_string(), "--auto"])
        .failure()
        .one_line_error()
        .stderr_has("classify");
    // A report that can no longer be assigned is told so, not to be classified first.
    let rejected: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'rejected' ORDER BY id LIMIT 1");
    let run = env.run_as(
        RECEPTION,
        &["--lang", "en", "assign", &rejected[0].to_string(), "--auto"],
    );
    run.failure()
        .one_line_error()
        .stderr_has("`assign` is not possible while the report's status is \"Rejected\"");
    assert!(!run.stderr.contains("classify"), "{run}");
}

/// A field with no line in the table sent reception to `route add`, which only an admin
/// may run (and whose refusal is logged against her), in "routing" words the guide never
/// uses. The operator's own way on comes first, the admin's for next time after it.
#[test]
fn a_field_without_a_route_gives_reception_its_own_way_on_first() {
    let env = TestEnv::validated();
    let id: Vec<i64> = env.column(
        "SELECT id FROM reports WHERE status = 'accepted' AND field IS NULL ORDER BY id LIMIT 1",
    );
    let id = id[0].to_string();
    env.run_as(RECEPTION, &["classify", &id, "--field", "GT"])
        .success();
    let before = env.fingerprint();
    let run = env.run_as(RECEPTION, &["assign", &id, "--auto"]);
    run.failure();
    assert_eq!(
        run.stderr,
        format!(
            "phananh: Bảng phân phối chưa có cơ quan cho lĩnh vực GT: hãy giao thẳng `phananh assign {id} --agency MÃ_CƠ_QUAN` (xem `phananh agency list`). Muốn lần sau tự giao, nhờ quản trị viên thêm `phananh route add --field GT --agency …`.\n"
        )
    );
    let run = env.run_as(RECEPTION, &["--lang", "en", "assign", &id, "--auto"]);
    run.failure();
    assert_eq!(
        run.stderr,
        format!(
            "phananh: the dispatch table has no agency for field GT: assign it directly with `phananh assign {id} --agency CODE` (see `phananh agency list`). For --auto next time, have an admin add `phananh route add --field GT --agency …`\n"
        )
    );
    env.assert_unchanged(&before);
}

/// `route add` took a commune that does not exist, and a report naming its commune
/// by code, abbreviation, with the province or by its pre-merge name went to the field's
/// line for every commune without a word. Ingest warns about such a commune, `assign
/// --auto` says it fell back, `route add` refuses it.
#[test]
fn an_unknown_commune_is_refused_by_route_add_warned_at_ingest_and_said_at_assign() {
    let env = TestEnv::seeded();
    for route in [
        vec!["route", "add", "--field", "TTDT", "--agency", "SXD"],
        vec![
            "route",
            "add",
            "--field",
            "TTDT",
            "--commune",
            "Phường An Xuyên",
            "--agency",
            "32002",
        ],
    ] {
        env.run_as(ADMIN, &route).success();
    }
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &[
            "route",
            "add",
            "--field",
            "TTDT",
            "--commune",
            "Phường 9",
            "--agency",
            "32002",
        ],
    )
    .failure()
    .one_line_error()
    .stderr_has("Không có xã, phường “Phường 9”");
    env.assert_unchanged(&before);

    let communes = [
        "P. An Xuyên",
        "32002",
        "Phường 5",
        "Phường An Xuyên, Cà Mau",
        "phuong an xuyen",
    ];
    let mut csv = String::from(
        "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint\n",
    );
    for (i, commune) in communes.iter().enumerate() {
        csv.push_str(&format!(
            "XA-{i},2026-10-04T08:00:00+07:00,2026-10-04T07:00:00+07:00,Vỉa hè trước chợ bị lấn chiếm buôn bán,a.jpg,9.17,105.15,Số 12 đường Trần Phú,\"{commune}\",Nguyễn Văn An,0912345678,0,1,0,\n"
        ));
    }
    let file = env.dir().join("communes.csv");
    std::fs::write(&file, csv).unwrap();
    let run = env.run_as(
        RECEPTION,
        &[
            "ingest",
            "--validate",
            "--format",
            "json",
            file.to_str().unwrap(),
        ],
    );
    run.success();
    assert_eq!(array(&run.json())[0]["warnings"], 4, "{run}");
    for commune in &communes[..4] {
        run.stderr_has(&format!("xã, phường “{commune}” không có trong danh sách"));
    }
    for (i, commune) in communes.iter().enumerate() {
        let id = env.id_of(&format!("XA-{i}")).to_string();
        env.run_as(RECEPTION, &["classify", &id, "--field", "TTDT"])
            .success();
        let run = env.run_as(RECEPTION, &["assign", &id, "--auto"]);
        run.success();
        if i < 4 {
            assert_eq!(env.show(&id)["agency"], "SXD", "{commune}");
            run.stderr_has(&format!(
                "xã, phường “{commune}” của phản ánh {id} không khớp"
            ));
        } else {
            assert_eq!(env.show(&id)["agency"], "32002", "{commune}");
            run.never_shows("không khớp");
        }
    }
}

/// A commune typed in another case or without diacritics is the same commune: the route is
/// stored under the agency list's spelling, so a correction replaces the line instead of
/// standing beside it (the first spelling kept winning `assign --auto`).
#[test]
fn a_route_for_a_commune_however_typed_replaces_the_line_for_it() {
    let env = TestEnv::seeded();
    let add = |commune: &str, agency: &str| {
        env.run_as(
            ADMIN,
            &[
                "--lang",
                "en",
                "route",
                "add",
                "--field",
                "TTDT",
                "--commune",
                commune,
                "--agency",
                agency,
                "--yes",
            ],
        )
    };
    add("Phường An Xuyên", "SXD")
        .success()
        .stderr_has("field TTDT in Phường An Xuyên now routes to SXD");
    add("phuong an xuyen", "32002").success().stderr_has(
        "field TTDT in Phường An Xuyên rerouted: SXD (Sở Xây dựng tỉnh Cà Mau) → 32002",
    );
    assert_eq!(
        env.column::<String>(
            "SELECT commune || ' ' || agency FROM routes WHERE field = 'TTDT' ORDER BY commune"
        ),
        ["Phường An Xuyên 32002"]
    );
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// `route add --field GT --agency PCCM` typed over the line that sends traffic reports to
/// Sở Xây dựng moved them to the power company with "Đã định tuyến …", the line it took
/// from Sở Xây dựng unnamed. Without `--yes` it is refused, naming both agencies, and the
/// table stays; with it the line moves and says from where.
#[test]
fn a_route_add_over_a_line_to_another_agency_asks_for_yes() {
    let env = TestEnv::seeded();
    let add = |agency: &str, yes: bool| {
        let mut args = vec!["route", "add", "--field", "GT", "--agency", agency];
        if yes {
            args.push("--yes");
        }
        env.run_as(ADMIN, &args)
    };
    add("SXD", false).success();
    // The same line again changes nothing and asks for nothing.
    add("SXD", false).success();
    let before = env.fingerprint();
    add("PCCM", false).failure().code(1).stderr_has(
        "Lĩnh vực GT cho mọi xã, phường đang giao cho SXD (Sở Xây dựng tỉnh Cà Mau); lệnh này sẽ giao cho PCCM (Công ty Điện lực Cà Mau). Chưa thay đổi gì: nếu đúng ý, chạy lại lệnh với --yes.",
    );
    env.assert_unchanged(&before);
    add("PCCM", true).success().stderr_has(
        "Đã sửa bảng phân phối: lĩnh vực GT cho mọi xã, phường: SXD (Sở Xây dựng tỉnh Cà Mau) → PCCM.",
    );
    assert_eq!(
        env.column::<String>("SELECT agency FROM routes WHERE field = 'GT'"),
        ["PCCM"]
    );
}

/// An agency's days in operation (`agency … --from/--until`) were kept for the reports and
/// the scores only: `assign` gave a report to a department dissolved two months before (its
/// handler replied, and its score said it was "in operation part of the period" with every
/// figure from after), and to one set up only next year; the refusal of a district body
/// even named a dissolved ward as the one that took over. New work for an agency outside
/// its days is refused, as for a district body, and the desk does not offer it.
#[test]
fn new_work_for_an_agency_outside_its_days_in_operation_is_refused() {
    let mut env = TestEnv::validated();
    env.set_now("2026-11-20T08:00:00+07:00");
    let id: i64 = env.column(
        "SELECT id FROM reports WHERE status = 'accepted' AND commune = 'Phường An Xuyên' ORDER BY id LIMIT 1",
    )[0];
    let id = id.to_string();
    env.run_as(RECEPTION, &["classify", &id, "--field", "TTDT"])
        .success();
    for (code, days) in [
        ("SCT", ["--until", "2026-09-30"]),
        ("FUT", ["--from", "2027-01-01"]),
    ] {
        env.run_as(
            ADMIN,
            &[
                &[
                    "agency",
                    "add",
                    code,
                    "--name",
                    "Sở Thử",
                    "--level",
                    "province",
                    "--yes",
                ][..],
                &days,
            ]
            .concat(),
        )
        .success();
    }
    for (code, said) in [
        (
            "SCT",
            "SCT (Sở Thử) đã ngừng hoạt động sau ngày 30/09/2026 (giải thể hoặc sáp nhập",
        ),
        (
            "FUT",
            "FUT (Sở Thử) chỉ bắt đầu hoạt động từ ngày 01/01/2027",
        ),
    ] {
        // Not sent to the ward of the place: only district bodies' work went there.
        env.run_as(RECEPTION, &["assign", &id, "--agency", code])
            .code(1)
            .one_line_error()
            .stderr_has(said)
            .stderr_has(&format!("Chưa giao phản ánh {id}. Hãy giao cho UBND xã, phường nơi xảy ra sự việc hoặc một sở, ngành cấp tỉnh"))
            .never_shows("--agency 32002");
        env.run_as(
            ADMIN,
            &["route", "add", "--field", "TTDT", "--agency", code],
        )
        .code(1)
        .stderr_has(said)
        .stderr_has("Chưa thêm gì vào bảng phân phối.");
    }
    // A ward dissolved is not named as the one that took over from a district body.
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "32002",
            "--name",
            "UBND phường An Xuyên",
            "--level",
            "commune",
            "--until",
            "2026-09-30",
            "--yes",
        ],
    )
    .success();
    let run = env.run_as(RECEPTION, &["assign", &id, "--agency", "H-TPCM"]);
    run.code(1)
        .stderr_has("Hãy giao cho UBND xã, phường nơi xảy ra sự việc");
    assert!(!run.stderr.contains("--agency 32002"), "{run}");
    assert_eq!(env.show(&id)["status"], "accepted");
    // On its last day it still takes work.
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "SCT",
            "--name",
            "Sở Thử",
            "--level",
            "province",
            "--until",
            "2026-11-20",
            "--yes",
        ],
    )
    .success();
    env.run_as(RECEPTION, &["assign", &id, "--agency", "SCT"])
        .success();
}

/// The district level of local government ended on 1 July 2025, but the directory keeps
/// the district People's Committees (level `district`) for the reports they handled, and
/// `route add` and `assign` took one like any agency: a traffic report in Phường An Xuyên
/// assigned to "UBND thành phố Cà Mau" waited on a body that no longer exists. New work for
/// one is refused, naming the commune-level agency that took over where the report (or the
/// route's commune) is; what it already holds still reads.
#[test]
fn new_work_for_a_dissolved_district_committee_is_refused_naming_who_took_over() {
    let env = TestEnv::validated();
    let id: i64 = env.column(
        "SELECT id FROM reports WHERE status = 'accepted' AND commune = 'Phường An Xuyên' ORDER BY id LIMIT 1",
    )[0];
    let id = id.to_string();
    env.run_as(RECEPTION, &["classify", &id, "--field", "TTDT"])
        .success();
    let dissolved =
        "UBND thành phố Cà Mau) là cơ quan cấp huyện, đã chấm dứt hoạt động từ 1/7/2025";
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "TTDT", "--agency", "h-tpcm"],
    )
    .failure()
    .code(1)
    .one_line_error()
    .stderr_has(dissolved)
    .stderr_has("Chưa thêm gì vào bảng phân phối. Hãy giao cho UBND xã, phường nơi xảy ra sự việc");
    env.run_as(
        ADMIN,
        &[
            "route",
            "add",
            "--field",
            "TTDT",
            "--commune",
            "Phường An Xuyên",
            "--agency",
            "H-TPCM",
        ],
    )
    .failure()
    .stderr_has(
        "Việc ở xã, phường đó nay thuộc 32002 (UBND phường An Xuyên): dùng --agency 32002.",
    );
    env.run_as(RECEPTION, &["assign", &id, "--agency", "H-TPCM"])
        .failure()
        .code(1)
        .stderr_has(dissolved)
        .stderr_has(&format!(
            "Chưa giao phản ánh {id}. Nơi xảy ra sự việc nay thuộc 32002 (UBND phường An Xuyên): `phananh assign {id} --agency 32002`."
        ));
    assert_eq!(env.count("SELECT count(*) FROM routes"), 0);
    assert_eq!(env.show(&id)["status"], "accepted");

    // A unit the reference data marks dissolved after work was routed and assigned to it:
    // the routing table's line is refused at `assign --auto`, and the report it holds still
    // reads and lists.
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "H-CU",
            "--name",
            "UBND huyện Cũ",
            "--level",
            "province",
        ],
    )
    .success();
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "TTDT", "--agency", "H-CU"],
    )
    .success();
    env.run_as(RECEPTION, &["assign", &id, "--auto"]).success();
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "H-CU",
            "--name",
            "UBND huyện Cũ",
            "--level",
            "district",
            "--yes",
        ],
    )
    .success();
    let other: i64 = env.column(
        "SELECT id FROM reports WHERE status = 'accepted' AND commune <> '' AND commune <> 'Phường An Xuyên' ORDER BY id LIMIT 1",
    )[0];
    let other = other.to_string();
    env.run_as(RECEPTION, &["classify", &other, "--field", "TTDT"])
        .success();
    env.run_as(
        RECEPTION,
        &["--lang", "en", "assign", &other, "--auto"],
    )
    .failure()
    .stderr_has("H-CU (UBND huyện Cũ) is a district-level body, which ceased to exist on 1 July 2025")
    .stderr_has(
        "The routing table sends field TTDT there: change that line with `phananh route add --field TTDT … --yes`",
    );
    assert_eq!(env.show(&id)["agency"], "H-CU");
    let listed = env
        .run_as(LEADER, &["list", "--agency", "H-CU", "--format", "json"])
        .success()
        .json();
    assert_eq!(array(&listed).len(), 1);
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}
