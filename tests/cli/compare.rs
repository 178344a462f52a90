//! `report … --compare` (docs/rules.md §5): the same period one year earlier beside the
//! totals, the stages' deadlines and the satisfaction, with the change, in every format; and
//! the line that says there is nothing to compare with when the year before holds no report.

use std::sync::OnceLock;

use serde_json::{Value, json};

use crate::common::*;

/// A log begun in October 2025: four reports sent on 20/11/2025 (two dispatched within the
/// two working hours of Đ7.2, two never), one on 10/12/2025; seven sent on 19/11/2026 (six
/// dispatched in time, one never). Each step taken on its own day, with `--now`.
fn two_years() -> &'static Vec<u8> {
    static WORLD: OnceLock<Vec<u8>> = OnceLock::new();
    WORLD.get_or_init(|| {
        let mut env = TestEnv::empty();
        env.set_now("2025-10-01T08:00:00+07:00");
        env.init_with_examples();
        let day = |env: &mut TestEnv,
                   name: &str,
                   rows: &[(&str, &str, bool)],
                   date: &str,
                   assigned: &[&str]| {
            let file = reports_csv(env, name, rows);
            env.set_now(&format!("{date}T08:00:00+07:00"));
            env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
                .success();
            env.set_now(&format!("{date}T08:05:00+07:00"));
            env.run_as(RECEPTION, &["validate"]).success();
            env.set_now(&format!("{date}T08:30:00+07:00"));
            for id in assigned {
                let id = env.id_of(id).to_string();
                env.run_as(RECEPTION, &["classify", &id, "--field", "GT"])
                    .success();
                env.run_as(RECEPTION, &["assign", &id, "--agency", "SXD"])
                    .success();
            }
        };
        day(
            &mut env,
            "2025-11.csv",
            &[
                ("OLD-1", "2025-11-20T07:10:00+07:00", false),
                ("OLD-2", "2025-11-20T07:11:00+07:00", false),
                ("OLD-3", "2025-11-20T07:12:00+07:00", false),
                ("OLD-4", "2025-11-20T07:13:00+07:00", false),
            ],
            "2025-11-20",
            &["OLD-1", "OLD-2"],
        );
        day(
            &mut env,
            "2025-12.csv",
            &[("OLD-5", "2025-12-10T07:10:00+07:00", false)],
            "2025-12-10",
            &["OLD-5"],
        );
        let new: Vec<(String, String)> = (1..=7)
            .map(|i| (format!("NEW-{i}"), format!("2026-11-19T07:1{i}:00+07:00")))
            .collect();
        let rows: Vec<(&str, &str, bool)> = new
            .iter()
            .map(|(id, at)| (id.as_str(), at.as_str(), false))
            .collect();
        day(
            &mut env,
            "2026-11.csv",
            &rows,
            "2026-11-19",
            &["NEW-1", "NEW-2", "NEW-3", "NEW-4", "NEW-5", "NEW-6"],
        );
        env.snapshot()
    })
}

/// The two years, as of 02/12/2026 08:00, when November 2026 is over and 2026 is not.
fn world() -> TestEnv {
    let mut env = TestEnv::from_bytes(two_years());
    env.set_now("2026-12-02T08:00:00+07:00");
    env
}

const NOVEMBER: [&str; 4] = ["report", "monthly", "--period", "2026-11"];

fn compared<'a>(args: &[&'a str]) -> Vec<&'a str> {
    [args, &["--compare"]].concat()
}

/// November 2026 against November 2025, by hand: 7 received against 4, "tăng 3 (75,0%)";
/// dispatched on time 6 against 2, "tăng 4 (200,0%)"; the dispatch's on-time rate
/// 6 ÷ (6 + 1 overdue) = 85,7% against 2 ÷ (2 + 2 overdue) = 50,0%, "tăng 35,7 điểm %".
#[test]
fn a_month_compared_with_the_same_month_a_year_earlier_says_each_change() {
    let env = world();
    let run = env.at_columns(80, &[&["--as", LEADER][..], &compared(&NOVEMBER)].concat());
    run.success()
        .stdout_has("So với cùng kỳ năm trước: Tháng 11 năm 2025")
        .stdout_has("Cùng")
        .stdout_has("tăng 3 (75,0%)")
        .stdout_has("tăng 4 (200,0%)")
        .stdout_has("85,7%")
        .stdout_has("50,0%")
        .stdout_has("tăng 35,7 điểm %")
        .stdout_has("không so sánh theo cơ quan")
        .never_shows("∞");
    for line in run.stdout.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "wider than 80 columns: {line}"
        );
    }
    let received = run
        .stdout
        .lines()
        .find(|l| l.contains("Tổng số phản ánh nhận được") && l.contains("tăng"))
        .expect("the received line of the comparison");
    let cells: Vec<&str> = received
        .trim_matches('│')
        .split('┆')
        .map(str::trim)
        .collect();
    assert_eq!(&cells[1..], ["phản ánh", "7", "4", "tăng 3 (75,0%)"]);
    env.run_as(LEADER, &in_english(&compared(&NOVEMBER)))
        .success()
        .stdout_has("Compared with the same period last year: November 2025")
        .stdout_has("up 3 (75.0%)")
        .stdout_has("up 35.7 points");
}

/// The figures a year earlier are those the report of that period gives as of the same
/// moment (one code counts both), under the report's own keys, with the change beside them.
#[test]
fn the_json_comparison_carries_the_year_befores_own_figures_and_the_change() {
    let env = world();
    let now = env.json_as(LEADER, &compared(&NOVEMBER));
    let before = env.json_as(LEADER, &["report", "monthly", "--period", "2025-11"]);
    let compare = &now["compare"];
    assert_eq!(
        compare["period"],
        json!({"kind": "month", "from": "2025-11-01", "to": "2025-11-30", "label": "Tháng 11 năm 2025"})
    );
    assert_eq!(compare["counted"], json!(true));
    for key in ["received", "accepted", "answered"] {
        assert_eq!(compare["totals"][key], before["totals"][key], "{key}");
    }
    for (mine, theirs) in array(&compare["stages"])
        .iter()
        .zip(array(&before["stages"]))
    {
        assert_eq!(mine["stage"], theirs["stage"]);
        for key in ["on_time", "late", "on_time_rate"] {
            assert_eq!(mine[key], theirs[key], "{key} of {}", mine["stage"]);
        }
    }
    for key in ["ratings", "average", "satisfied_share"] {
        assert_eq!(compare["satisfaction"][key], before["satisfaction"][key]);
    }
    assert_eq!(compare["totals"]["received"], json!(4));
    let change = &compare["change"];
    assert_eq!(
        change["totals"]["received"],
        json!({"by": 3, "share": 0.75})
    );
    let dispatch = &array(&change["stages"])[0];
    assert_eq!(dispatch["stage"], json!("dispatch"));
    assert_eq!(dispatch["on_time"], json!({"by": 4, "share": 2.0}));
    assert_eq!(dispatch["on_time_rate"], json!({"points": 35.7}));
    // Nothing to compare: no rating either year.
    assert_eq!(change["satisfaction"]["average"], Value::Null);
    // Off by default: the JSON of a report without the flag has no such key.
    let plain = env.json_as(LEADER, &NOVEMBER);
    assert!(plain.get("compare").is_none());
    env.run_as(LEADER, &NOVEMBER)
        .success()
        .never_shows("So với cùng kỳ");
}

/// A period still running is compared with the same days of the year before: 2026 as of
/// 02/12 against 01/01–02/12/2025, which leaves out the report of 10/12/2025.
#[test]
fn a_running_year_is_compared_with_the_same_days_of_the_year_before() {
    let env = world();
    let now = env.json_as(LEADER, &compared(&["report", "annual", "--period", "2026"]));
    let compare = &now["compare"];
    assert_eq!(compare["period"]["from"], json!("2025-01-01"));
    assert_eq!(compare["period"]["to"], json!("2025-12-02"));
    assert_eq!(
        compare["period"]["label"],
        json!("Năm 2025 (từ 01/01/2025 đến 02/12/2025)")
    );
    assert_eq!(compare["totals"]["received"], json!(4));
    assert_eq!(now["totals"]["received"], json!(7));
    // The whole year, once it has ended, has the fifth.
    let mut env = env;
    env.set_now("2027-01-05T08:00:00+07:00");
    let later = env.json_as(LEADER, &compared(&["report", "annual", "--period", "2026"]));
    assert_eq!(later["compare"]["totals"]["received"], json!(5));
    assert_eq!(later["compare"]["period"]["label"], json!("Năm 2025"));
}

/// November 2025 against November 2024, before the log began: no figure to compare with,
/// said once, never as a rise of "∞ %" or from zero.
#[test]
fn a_year_before_the_log_began_has_no_figures_to_compare_with() {
    let env = world();
    let old = ["report", "monthly", "--period", "2025-11", "--compare"];
    env.run_as(LEADER, &old)
        .success()
        .stdout_has("So với cùng kỳ năm trước: Tháng 11 năm 2024")
        .stdout_has("Không có số liệu cùng kỳ")
        .never_shows("tăng")
        .never_shows("∞");
    let json = env.json_as(LEADER, &old);
    assert_eq!(json["compare"]["counted"], json!(false));
    assert!(json["compare"].get("totals").is_none());
    assert!(json["compare"].get("change").is_none());
    let page = env.run_as_into(
        LEADER,
        &[&old[..], &["--format", "html"]].concat(),
        "t.html",
    );
    let page = std::fs::read_to_string(page).unwrap();
    assert!(page.contains("Không có số liệu cùng kỳ"));
    assert!(!page.contains("Tăng/giảm"));
}

/// The document and the CSV carry the comparison too: the document a table with the
/// columns "Cùng kỳ năm trước" and "Tăng/giảm", the CSV its lines under the totals.
#[test]
fn the_document_and_the_csv_carry_the_comparison() {
    let env = world();
    let page = env.run_as_into(
        LEADER,
        &[&compared(&NOVEMBER)[..], &["--format", "html"]].concat(),
        "t.html",
    );
    let page = std::fs::read_to_string(page).unwrap();
    for needle in [
        "So với cùng kỳ năm trước: Tháng 11 năm 2025",
        "<th>Cùng kỳ năm trước</th><th>Tăng/giảm</th>",
        "<td class=\"n\">7</td><td class=\"n\">4</td><td class=\"n\">tăng 3 (75,0%)</td>",
        "tăng 35,7 điểm %",
    ] {
        assert!(page.contains(needle), "no {needle} in the document");
    }
    let csv = env.stdout_as(LEADER, &compared(&NOVEMBER), &["--format", "csv"]);
    for line in [
        "compare,,period,Tháng 11 năm 2025,",
        "compare,received,before,4,",
        "compare,received,change,3,",
        "compare,received,change_share,0.750,",
        "compare,dispatch.on_time_rate,before,0.500,",
        "compare,dispatch.on_time_rate,change,35.7,",
    ] {
        assert!(csv.contains(line), "no {line} in the CSV");
    }
    // Under the totals, before the weeks, as on the screen.
    let at = |needle: &str| csv.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    assert!(at("totals,") < at("compare,") && at("compare,") < at("per_week,"));
    // The workbook: a sheet after the totals, its figures as numbers.
    let book = env.run_as_into(LEADER, &compared(&NOVEMBER), "t.xlsx");
    let sheets = crate::xlsx::workbook(&book);
    let sheet = &sheets["So với cùng kỳ năm trước"];
    use crate::xlsx::Data;
    let text = |t: &str| Data::String(t.to_owned());
    assert_eq!(
        sheet[0][..5],
        [
            text("Chỉ tiêu"),
            text("Đơn vị tính"),
            text("Kỳ này"),
            text("Cùng kỳ năm trước"),
            text("Tăng/giảm")
        ]
    );
    assert_eq!(
        sheet[1][..5],
        [
            text("Tổng số phản ánh nhận được"),
            text("phản ánh"),
            Data::Float(7.0),
            Data::Float(4.0),
            text("tăng 3 (75,0%)")
        ]
    );
}

/// A report of November 2025 edited behind the tool's back (`sqlite3`, its status set to
/// published): November 2026 compared with November 2025 rests on that row, which the log
/// does not vouch for. The officer is told so after the figures, exit 5, in every form, as
/// for a row of the month itself, and told that it is the comparison that counted it (the
/// month's own figures do not); the month alone names nothing. With a row of the month
/// edited too, both are named, the year before's said apart.
#[test]
fn a_comparison_over_a_row_of_the_year_before_edited_with_sqlite3_names_it() {
    let env = world();
    let old = env.id_of("OLD-3");
    let edit = |id: i64| {
        let sql = format!("UPDATE reports SET status = 'published' WHERE id = {id}");
        assert_eq!(env.writable().execute(&sql, []).unwrap(), 1);
    };
    edit(old);
    env.run_as(LEADER, &in_english(&compared(&NOVEMBER)))
        .code(5)
        .stdout_has("Compared with the same period last year: November 2025")
        .stderr_has(&format!(
            "report {old} was changed outside phananh: its row no longer matches the log's last seal. The comparison above with the same period last year counted it as its row stands, not as the log recorded it."
        ))
        .stderr_has("audit verify");
    env.run_as(LEADER, &compared(&NOVEMBER))
        .code(5)
        .stdout_has("So với cùng kỳ năm trước: Tháng 11 năm 2025")
        .stderr_has(&format!(
            "Phản ánh {old} đã bị sửa ngoài phananh: hàng dữ liệu của nó không còn khớp với lần niêm phong cuối trong nhật ký. Số liệu cùng kỳ năm trước ở trên đã tính nó như dòng của nó đang ghi"
        ));
    for format in ["json", "csv"] {
        env.run_as(
            LEADER,
            &[&in_english(&compared(&NOVEMBER))[..], &["--format", format]].concat(),
        )
        .code(5)
        .stderr_has(&format!("report {old} was changed outside phananh"))
        .stderr_has("The comparison above with the same period last year counted it");
    }
    for file in ["t.html", "t.xlsx"] {
        let path = env.dir().join(file);
        let args = [
            &in_english(&compared(&NOVEMBER))[..],
            &["--out", path.to_str().unwrap()],
        ]
        .concat();
        env.run_as(LEADER, &args)
            .code(5)
            .stderr_has(&format!("report {old} was changed outside phananh"));
        assert!(path.exists(), "{file}");
    }
    // November 2026 alone does not count it.
    let alone = env.run_as(LEADER, &in_english(&NOVEMBER));
    alone.success();
    assert!(!alone.said().contains("outside phananh"), "{alone}");

    let new = env.id_of("NEW-7");
    edit(new);
    env.run_as(LEADER, &in_english(&compared(&NOVEMBER)))
        .code(5)
        .stderr_has(&format!(
            "reports {old}, {new} were changed outside phananh"
        ))
        .stderr_has("The figures above counted them as their rows stand")
        .stderr_has(&format!(
            "Of them, report {old} is counted in the figures of the same period last year only."
        ));
    env.run_as(LEADER, &compared(&NOVEMBER))
        .code(5)
        .stderr_has(&format!(
            "Trong đó, phản ánh {old} chỉ được tính ở số liệu cùng kỳ năm trước."
        ));
}
