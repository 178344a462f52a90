//! Routing as the workflow uses it: the agency the routing table gives a report
//! (docs/rules.md §2, Đ7.1.b).

use anyhow::{Result, bail};

use crate::i18n::Localized;
use crate::storage::routes;

/// The agency the table gives a report, or an error that says how to give one.
pub fn agency_for(
    conn: &rusqlite::Connection,
    report: &crate::domain::report::Report,
) -> Result<String> {
    let Some(field) = report.field.as_deref() else {
        bail!(Localized::new(
            format!(
                "Phản ánh {} chưa có lĩnh vực; hãy phân loại trước (`phananh classify {} --field …`).",
                report.id, report.id
            ),
            format!(
                "report {} has no field yet; classify it first (`phananh classify {} --field …`)",
                report.id, report.id
            ),
        ));
    };
    let table = routes::all(conn)?;
    match crate::domain::routing::pick(&table, field, &report.commune) {
        Some(route) => Ok(route.agency.clone()),
        None => bail!(Localized::new(
            format!(
                "Bảng định tuyến không có dòng cho lĩnh vực {field}; thêm bằng `phananh route add --field {field} --agency …` hoặc dùng --agency."
            ),
            format!(
                "the routing table has no line for field {field}; add one with `phananh route add --field {field} --agency …` or give --agency"
            ),
        )),
    }
}
