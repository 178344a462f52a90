//! The wording of the reports a run left out as edited behind the tool's back (their
//! rows no longer the ones the log sealed last, or sealed last by an event that does not
//! hold in the chain): storage finds them (`storage::journal`), the refusals and notices
//! of every run name them in these words.

use crate::i18n::Localized;
use crate::storage::journal::first_named;

/// [`edited_rows`] for the reports `ids` a run left out, those among them in `unheld`
/// (from `storage::journal::unheld_among`) named by the event that does not hold instead.
pub fn left_out_rows(ids: &[i64], unheld: &[(i64, i64)]) -> Localized {
    let rows: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|id| !unheld.iter().any(|(r, _)| r == id))
        .collect();
    let mut parts = Vec::new();
    if !rows.is_empty() {
        parts.push(edited_rows(&rows));
    }
    if !unheld.is_empty() {
        let list = |word: &str| {
            first_named(unheld, ", ", |(report, event)| {
                format!("{report} ({word} {event})")
            })
        };
        let one = unheld.len() == 1;
        parts.push(Localized::new(
            format!(
                "{} {}: sự kiện niêm phong cuối của {} không khớp với chuỗi nhật ký (được thêm hoặc thay ngoài phananh), nên không đối chiếu được hàng dữ liệu với nó",
                if one { "Phản ánh" } else { "Các phản ánh" },
                list("sự kiện"),
                if one { "nó" } else { "chúng" }
            ),
            format!(
                "{} {}: the last event that sealed {} does not hold in the chain (appended or replaced outside phananh), so the row cannot be checked against it",
                if one { "report" } else { "reports" },
                list("event"),
                if one { "it" } else { "them" }
            ),
        ));
    }
    let vi = parts.iter().map(|p| p.vi.as_str()).collect::<Vec<_>>();
    let en = parts.iter().map(|p| p.en.as_str()).collect::<Vec<_>>();
    let lower_first = |text: &str| {
        let mut chars = text.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    Localized::new(
        vi.iter()
            .enumerate()
            .map(|(i, t)| {
                if i == 0 {
                    (*t).to_owned()
                } else {
                    lower_first(t)
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        en.join("; "),
    )
}

/// Why nothing was written for the reports left out (after a comma): not to seal the
/// edited rows, or over the events that do not hold, as (vi, en).
pub fn not_to_seal(ids: &[i64], unheld: &[(i64, i64)]) -> (String, String) {
    let rows = ids.len() - unheld.len().min(ids.len());
    match (rows, unheld.len()) {
        (_, 0) => (
            "để không niêm phong bản đã sửa".to_owned(),
            format!(
                "so as not to seal the edited {}",
                if ids.len() == 1 { "row" } else { "rows" }
            ),
        ),
        (0, n) => (
            "để không niêm phong tiếp lên một sự kiện không khớp với chuỗi nhật ký".to_owned(),
            format!(
                "so as not to seal over {}",
                if n == 1 {
                    "an event that does not hold"
                } else {
                    "events that do not hold"
                }
            ),
        ),
        _ => (
            "để không niêm phong phần đã bị thay đổi".to_owned(),
            "so as not to seal what was changed".to_owned(),
        ),
    }
}

/// The reports `ids` a run left out as edited, as a message names them: the first twenty,
/// then how many in all.
pub fn edited_named(ids: &[i64]) -> String {
    first_named(ids, ", ", i64::to_string)
}

/// The opening of the refusal of a run that went on past the reports `ids` (at least one),
/// whose rows were edited behind the tool's back, named by [`edited_named`]. The run adds
/// what it left undone for them and did for the others, then [`edited_close`].
pub fn edited_rows(ids: &[i64]) -> Localized {
    let named = edited_named(ids);
    if ids.len() == 1 {
        Localized::new(
            format!(
                "Phản ánh {named} đã bị sửa ngoài phananh: hàng dữ liệu của nó không còn khớp với lần niêm phong cuối trong nhật ký"
            ),
            format!(
                "report {named} was changed outside phananh: its row no longer matches the log's last seal"
            ),
        )
    } else {
        Localized::new(
            format!(
                "Các phản ánh {named} đã bị sửa ngoài phananh: hàng dữ liệu của chúng không còn khớp với lần niêm phong cuối trong nhật ký"
            ),
            format!(
                "reports {named} were changed outside phananh: their rows no longer match the log's last seals"
            ),
        )
    }
}

/// What ends every refusal of an edited row: where to look, and the way back.
pub fn edited_close() -> Localized {
    Localized::new(
        "Chạy `phananh audit verify` để xem chỗ sửa, rồi khôi phục bản sao lưu (`phananh restore`).",
        "Run `phananh audit verify` to see the edit, then restore a backup (`phananh restore`)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An insider who edits thousands of rows must not make the message that names them
    /// thousands of numbers long.
    #[test]
    fn a_run_names_the_first_twenty_edited_reports_and_how_many_in_all() {
        assert_eq!(edited_named(&[342]), "342");
        let many: Vec<i64> = (1..=25).collect();
        let named = edited_named(&many);
        assert!(named.starts_with("1, 2, 3, "), "{named}");
        assert!(named.ends_with(", 19, 20, … (25)"), "{named}");
        assert!(edited_rows(&[342]).en.starts_with("report 342 was changed"));
        assert!(edited_rows(&many).en.starts_with("reports 1, 2, "));
        assert!(edited_rows(&many).vi.starts_with("Các phản ánh 1, 2, "));
    }
}
