//! What `validate` says besides its verdicts (`cli::validate` prints it): the closing tally,
//! which names the reports left unchecked because they were changed outside phananh (a desk
//! that reads only the count would take the queue for done); the warning for names holding
//! a phone number; and the paragraphs around the table of rejections. Built from what
//! `app::validate` judged; nothing here reads the database.

use crate::i18n::{Localized, count_en};
use crate::storage::journal::edited_named;

/// The closing line: `checked` reports, `accepted` of them accepted, the rest rejected, and
/// the `edited` ones left unchecked.
pub fn checked(checked: u64, accepted: u64, edited: &[i64]) -> Localized {
    // The reports left unchecked, said after the tally, in each language.
    let (unchecked_vi, unchecked_en) = if edited.is_empty() {
        (String::new(), String::new())
    } else {
        let list = edited_named(edited);
        (
            format!(
                "; không kiểm tra {} phản ánh bị sửa ngoài phananh: {list}",
                edited.len()
            ),
            format!(
                "; {} changed outside phananh left unchecked: {list}",
                count_en(edited.len(), "report", "reports")
            ),
        )
    };
    let rejected = checked - accepted;
    Localized::new(
        format!(
            "Đã kiểm tra {checked} phản ánh: {accepted} tiếp nhận, {rejected} từ chối{unchecked_vi}."
        ),
        format!(
            "checked {}: {accepted} accepted, {rejected} rejected{unchecked_en}",
            count_en(checked, "report", "reports"),
        ),
    )
}

/// The warning for reports accepted with a phone number in the reporter's name field
/// (docs/rules.md §1 [choice]): named by number only, the name and phone being personal
/// data (Đ6.5), for reception to look at with a logged reveal.
pub fn phone_in_name(ids: &[i64]) -> Option<Localized> {
    if ids.is_empty() {
        return None;
    }
    let list = edited_named(ids);
    let one = ids.len() == 1;
    Some(Localized::new(
        format!(
            "cảnh báo: tên người phản ánh của phản ánh {list} có chứa một số điện thoại bên cạnh tên; vẫn tiếp nhận (Điều 6 khoản 3 cần tên, và tên đã có). Hãy xem lại danh tính bằng `phananh show SỐ --reveal --reason \"...\"` và báo bên quản lý ứng dụng."
        ),
        format!(
            "warning: the reporter's name of {} {list} holds a phone number besides the name; accepted all the same (Article 6.3 asks for the name, which is given). Check the identity with `phananh show ID --reveal --reason \"...\"` and tell the app's operator",
            if one { "report" } else { "reports" }
        ),
    ))
}

/// The line above the table of rejections.
pub fn rejected(n: u64) -> Localized {
    Localized::new(
        format!("Từ chối tiếp nhận: {n} phản ánh."),
        format!("Rejected: {}.", count_en(n, "report", "reports")),
    )
}

/// The line under a table of rejections cut at its rows: how many more, and how to list them.
pub fn more_rejected(more: u64) -> Localized {
    Localized::new(
        format!("… và {more} phản ánh bị từ chối khác: xem đủ bằng --format csv hoặc json."),
        format!("… and {more} more rejected: --format csv or json lists them all."),
    )
}

/// The accepted reports, only counted under the table.
pub fn accepted(n: u64) -> Localized {
    Localized::new(
        format!("Tiếp nhận: {n} phản ánh (không liệt kê ở đây; xem bằng --format csv hoặc json)."),
        format!(
            "Accepted: {} (not listed here; --format csv or json lists them).",
            count_en(n, "report", "reports")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tally names the reports left unchecked only when there are some.
    #[test]
    fn the_tally_names_the_reports_left_unchecked() {
        let plain = checked(3, 2, &[]);
        assert_eq!(plain.vi, "Đã kiểm tra 3 phản ánh: 2 tiếp nhận, 1 từ chối.");
        assert_eq!(plain.en, "checked 3 reports: 2 accepted, 1 rejected");
        let left = checked(1, 1, &[7]);
        assert_eq!(
            left.vi,
            "Đã kiểm tra 1 phản ánh: 1 tiếp nhận, 0 từ chối; không kiểm tra 1 phản ánh bị sửa ngoài phananh: 7."
        );
        assert_eq!(
            left.en,
            "checked 1 report: 1 accepted, 0 rejected; 1 report changed outside phananh left unchecked: 7"
        );
    }
}
