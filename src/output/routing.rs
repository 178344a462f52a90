//! What routing a report says (`app::routing`): a commune no agency list knows, a report
//! with no field yet, a routing table the log does not vouch for or with no line for a
//! field, a route back to the agency that returned the report, a commune matched to no
//! known one, and the note when a report goes back to an agency that returned it; the
//! lines of `route list`. Built from codes, names and times; nothing here reads the
//! database.

use serde::Serialize;

use super::Listing;
use crate::domain::audit::ChainBreak;
use crate::domain::directory::Closed;
use crate::i18n::{Bilingual, Lang, Localized};
use crate::output::report::when_in;

/// A route for a commune no commune-level agency is named after.
pub fn unknown_commune(commune: &str) -> Localized {
    Localized::new(
        format!(
            "Không có xã, phường “{commune}” trong danh sách cơ quan cấp xã; viết tên đủ như `phananh agency list` ghi (bỏ “UBND”), ví dụ `--commune \"Phường An Xuyên\"`."
        ),
        format!(
            "there is no commune \"{commune}\" among the commune-level agencies; write its full name as `phananh agency list` shows it (without \"UBND \"), e.g. \"Phường An Xuyên\""
        ),
    )
}

/// New work an agency would be given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewWork {
    /// `route add`.
    Route,
    /// `assign ID --agency`.
    Assign { report: i64 },
    /// `assign ID --auto`, by the routing table's line for `field`.
    AutoAssign { report: i64, field: String },
}

/// Refuses new work for `named`, an agency that takes none (`closed`: a district People's
/// Committee, abolished on 1 July 2025, or one outside its days in operation), naming the
/// commune-level agency at the place the work is about (`took_over`: named, and its code)
/// when known.
pub fn closed_agency(
    named: &str,
    closed: Closed,
    took_over: Option<(String, &str)>,
    work: NewWork,
) -> Localized {
    let (not_done_vi, not_done_en) = match &work {
        NewWork::Route => (
            "Chưa thêm gì vào bảng phân phối.".to_owned(),
            "Nothing was routed.".to_owned(),
        ),
        NewWork::Assign { report } | NewWork::AutoAssign { report, .. } => (
            format!("Chưa giao phản ánh {report}."),
            format!("Report {report} was not assigned."),
        ),
    };
    // Who took over, as the place of the work says, or where to look.
    let (instead_vi, instead_en) = match (&took_over, &work) {
        (Some((successor, code)), NewWork::Route) => (
            format!("Việc ở xã, phường đó nay thuộc {successor}: dùng --agency {code}."),
            format!("The work in that commune now belongs to {successor}: use --agency {code}"),
        ),
        (Some((successor, code)), NewWork::Assign { report } | NewWork::AutoAssign { report, .. }) => (
            format!(
                "Nơi xảy ra sự việc nay thuộc {successor}: `phananh assign {report} --agency {code}`."
            ),
            format!(
                "The place it is about now belongs to {successor}: `phananh assign {report} --agency {code}`"
            ),
        ),
        (None, _) => (
            "Hãy giao cho UBND xã, phường nơi xảy ra sự việc hoặc một sở, ngành cấp tỉnh (xem `phananh agency list`).".to_owned(),
            "Give it to the commune or ward where it happens, or to a provincial department (see `phananh agency list`)".to_owned(),
        ),
    };
    let (table_vi, table_en) = match &work {
        NewWork::AutoAssign { field, .. } => (
            format!(
                " Bảng phân phối đang giao lĩnh vực {field} cho cơ quan này: sửa dòng ấy bằng `phananh route add --field {field} … --yes`."
            ),
            format!(
                ". The routing table sends field {field} there: change that line with `phananh route add --field {field} … --yes`"
            ),
        ),
        _ => (String::new(), String::new()),
    };
    let (why_vi, why_en) = match closed {
        Closed::DistrictLevel => (
            "là cơ quan cấp huyện, đã chấm dứt hoạt động từ 1/7/2025 (chính quyền địa phương hai cấp)".to_owned(),
            "is a district-level body, which ceased to exist on 1 July 2025 (two-tier local government)".to_owned(),
        ),
        Closed::Ended(until) => (
            format!(
                "đã ngừng hoạt động sau ngày {} (giải thể hoặc sáp nhập: `agency … --until`)",
                until.format("%d/%m/%Y")
            ),
            format!(
                "ceased to operate after {} (dissolved or merged: `agency … --until`)",
                until.format("%Y-%m-%d")
            ),
        ),
        Closed::NotYet(from) => (
            format!(
                "chỉ bắt đầu hoạt động từ ngày {} (`agency … --from`)",
                from.format("%d/%m/%Y")
            ),
            format!(
                "only begins to operate on {} (`agency … --from`)",
                from.format("%Y-%m-%d")
            ),
        ),
    };
    Localized::new(
        format!(
            "{named} {why_vi}, nên không nhận việc mới; những phản ánh đã giao cho nó vẫn xem được. {not_done_vi} {instead_vi}{table_vi}"
        ),
        format!(
            "{named} {why_en}, so it takes no new work; the reports it was given still read. {not_done_en} {instead_en}{table_en}"
        ),
    )
}

/// Where a routing line applies, after its field: "cho mọi xã, phường" or "ở Phường An
/// Xuyên".
pub fn route_place(route: &crate::domain::routing::Route) -> (String, String) {
    if route.commune.is_empty() {
        ("cho mọi xã, phường".into(), "for every commune".into())
    } else {
        (
            format!("ở {}", route.commune),
            format!("in {}", route.commune),
        )
    }
}

/// Refuses, without --yes, a `route add` that would take the line of its field and commune
/// from the agencies `replaced` (named) and give it to `named`.
pub fn would_reroute(
    route: &crate::domain::routing::Route,
    replaced: &[String],
    named: &str,
) -> Localized {
    let (where_vi, where_en) = route_place(route);
    let before = replaced.join(", ");
    let field = &route.field;
    Localized::new(
        format!(
            "Lĩnh vực {field} {where_vi} đang giao cho {before}; lệnh này sẽ giao cho {named}. Chưa thay đổi gì: nếu đúng ý, chạy lại lệnh với --yes."
        ),
        format!(
            "field {field} {where_en} routes to {before}; this would route it to {named}. Nothing changed: if that is meant, run the command again with --yes"
        ),
    )
}

/// A report assigned again to the agency (`named`) that returned it `at`, as `asked` in
/// each language: said, since a code chosen out of habit is the likelier cause.
pub fn assigned_again(
    named: &str,
    at: &Localized,
    report_id: i64,
    asked: (&str, &str),
) -> Localized {
    Localized::new(
        format!(
            "Lưu ý: {} đã chuyển trả phản ánh {report_id} lúc {} vì không thuộc thẩm quyền (điểm b khoản 1 Điều 8); đã giao lại cho cơ quan này {}.",
            named, at.vi, asked.0
        ),
        format!(
            "note: {} returned report {report_id} on {} as not its business (Art. 8.1.b); assigned to it again {}",
            named, at.en, asked.1
        ),
    )
}

/// A stored time as each language writes it.
pub fn when_both(stored: &str) -> Localized {
    Localized::new(when_in(stored, Lang::Vi), when_in(stored, Lang::En))
}

/// A report routed before it has a field.
pub fn no_field_yet(report: i64) -> Localized {
    Localized::new(
        format!(
            "Phản ánh {} chưa có lĩnh vực; hãy phân loại trước (`phananh classify {} --field …`).",
            report, report
        ),
        format!(
            "report {} has no field yet; classify it first (`phananh classify {} --field …`)",
            report, report
        ),
    )
}

/// Refuses (exit 5) `assign --auto` while the log does not vouch for the routing table.
pub fn unvouched_routes(problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Nhật ký không xác nhận {}, mà `assign --auto` dựa vào để chọn cơ quan; chưa giao phản ánh nào. Hãy giao bằng --agency, chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "the log does not vouch for {}, which `assign --auto` chooses the agency by; nothing was assigned. Assign with --agency, run `phananh audit verify` and tell an admin",
            problem.en()
        ),
    )
}

/// Refuses a route to the agency (`named`) that returned the report `at`: the way on is
/// the operator's.
pub fn routed_back(id: i64, field: &str, named: &str, at: &Localized) -> Localized {
    Localized::new(
        format!(
            "Phản ánh {id}: bảng phân phối giao lĩnh vực {field} cho {named}, chính cơ quan đã chuyển trả phản ánh này lúc {at} vì không thuộc thẩm quyền (điểm b khoản 1 Điều 8). Nếu lĩnh vực sai, hãy phân loại lại (`phananh classify {id} --field MÃ`) rồi giao lại; nếu không, giao cho cơ quan khác (`phananh assign {id} --agency MÃ`) hoặc trả lời trực tiếp (`phananh answer {id} --text …`).",
            named = named,
            at = at.vi,
        ),
        format!(
            "report {id}: the routing table gives field {field} to {named}, the very agency that returned this report on {at} as not its business (Art. 8.1.b). If the field is wrong, classify it again (`phananh classify {id} --field CODE`) and assign it again; otherwise give another agency (`phananh assign {id} --agency CODE`) or answer it directly (`phananh answer {id} --text …`)",
            named = named,
            at = at.en,
        ),
    )
}

/// A report whose commune matches no known one, assigned by the field's line for every
/// commune.
pub fn commune_fell_back(commune: &str, report: i64, field: &str, agency: &str) -> Localized {
    Localized::new(
        format!(
            "Lưu ý: xã, phường “{commune}” của phản ánh {} không khớp xã, phường nào trong danh sách; đã giao theo dòng chung của lĩnh vực {field} ({}). Nếu sai, đề nghị cơ quan đó chuyển trả rồi giao bằng --agency.",
            report, agency
        ),
        format!(
            "note: the commune \"{commune}\" of report {} matches no known commune; assigned by the line of field {field} for every commune ({}). If wrong, have it returned and assign with --agency",
            report, agency
        ),
    )
}

/// No line of the routing table for `field`, met assigning `report`: the way on that is the
/// operator's first (reception may not change the table, only an admin may), then the
/// admin's for next time.
pub fn no_route(report: i64, field: &str) -> Localized {
    Localized::new(
        format!(
            "Bảng phân phối chưa có cơ quan cho lĩnh vực {field}: hãy giao thẳng `phananh assign {report} --agency MÃ_CƠ_QUAN` (xem `phananh agency list`). Muốn lần sau tự giao, nhờ quản trị viên thêm `phananh route add --field {field} --agency …`."
        ),
        format!(
            "the dispatch table has no agency for field {field}: assign it directly with `phananh assign {report} --agency CODE` (see `phananh agency list`). For --auto next time, have an admin add `phananh route add --field {field} --agency …`"
        ),
    )
}

/// One line of the table, with the name of its agency.
#[derive(Debug, Serialize)]
pub struct RouteRow {
    pub field: String,
    pub commune: String,
    pub agency: String,
    pub agency_name: String,
}

impl Listing for RouteRow {
    const KEYS: &'static [&'static str] = &["field", "commune", "agency", "agency_name"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Lĩnh vực", "Xã/phường", "Cơ quan", "Tên cơ quan"],
            vec!["Field", "Commune", "Agency", "Agency name"],
        )
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let commune = if self.commune.is_empty() {
            lang.pick("(mọi xã, phường)", "(every commune)").to_owned()
        } else {
            self.commune.clone()
        };
        vec![
            self.field.clone(),
            commune,
            self.agency.clone(),
            self.agency_name.clone(),
        ]
    }

    fn none_yet() -> Option<Localized> {
        Some(Localized::new(
            "Bảng phân phối chưa có dòng nào, nên `assign --auto` chưa giao được phản ánh nào. Thêm bằng `phananh route add --field LĨNH_VỰC --agency CƠ_QUAN`.",
            "no route yet, so `assign --auto` assigns nothing; add one with `phananh route add --field FIELD --agency AGENCY`",
        ))
    }
}
