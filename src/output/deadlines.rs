//! What a change of the deadlines' ground says: a calendar or a setting change refused over
//! a row the log does not vouch for, the reports it put past their deadline, those it took
//! out of "overdue", and the bar while open clocks are recomputed. Built from report numbers
//! and what `domain::audit` found; nothing here reads the database.

use crate::domain::audit::ChainBreak;
use crate::domain::text::ids_named;
use crate::i18n::{Bilingual, Lang, Localized, count_en};

/// The refusal (exit 5) of a change of the calendar or of a setting that moves deadlines
/// while a row it would recompute under, or log as replaced, is not what the log sealed.
pub fn unvouched_change(problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Không đổi gì: nhật ký không xác nhận {}, và thay đổi này sẽ tính lại mọi hạn đang chạy theo cả dòng ấy, hoặc ghi dòng ấy vào nhật ký như dòng nó thay. Hãy chạy `phananh audit verify`, rồi khôi phục bản sao lưu làm trước khi nó bị sửa.",
            problem.vi()
        ),
        format!(
            "nothing was changed: the log does not vouch for {}, and this change would recompute every open deadline under it too, or log it as the line it replaced. Run `phananh audit verify`, then restore a backup made before it was edited",
            problem.en()
        ),
    )
}

/// What to say of the reports an operator's change put past a deadline, if any.
pub fn made_overdue(made: &[i64]) -> Option<Localized> {
    if made.is_empty() {
        return None;
    }
    let ids = ids_named(made);
    let n = made.len();
    Some(Localized::new(
        format!(
            "Chú ý: theo thay đổi này, {n} phản ánh nay đã quá hạn: {ids} (xem `phananh list --overdue`); lần quét tới sẽ nhắc. Nếu thay đổi là nhầm, hãy sửa lại ngay.",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "note: under this change {} {} now overdue: {ids} (see `phananh list --overdue`); the next sweep reminds of {}. If the change was a mistake, correct it now",
            count_en(n, "report", "reports"),
            if n == 1 { "is" } else { "are" },
            if n == 1 { "it" } else { "them" },
        ),
    ))
}

/// What to say of the reports whose deadline had passed when a limit changed, and which
/// kept it, if any.
pub fn kept_overdue(kept: &[i64]) -> Option<Localized> {
    if kept.is_empty() {
        return None;
    }
    let ids = ids_named(kept);
    let n = kept.len();
    Some(Localized::new(
        format!(
            "Lưu ý: {n} phản ánh đã quá hạn trước thay đổi này vẫn giữ thời hạn cũ và vẫn tính là quá hạn: {ids}; thay đổi chỉ tính cho các thời hạn chưa qua và về sau.",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "note: {} already overdue before this change {} the deadline {} had and {} overdue: {ids}; the change counts only for deadlines not yet passed and later ones",
            count_en(n, "report", "reports"),
            if n == 1 { "keeps" } else { "keep" },
            if n == 1 { "it" } else { "they" },
            if n == 1 { "is still" } else { "are still" },
        ),
    ))
}

/// What a change that took reports out of "overdue" was, in the notice that names them.
#[derive(Debug, Clone, Copy)]
pub enum ClearedBy {
    /// An operator's change of the calendar or of a setting.
    Operator,
    /// The schedule of days off shipped with a newer phananh, adopted by the sweep.
    Shipped,
}

/// What to say of the reports a change took out of "overdue", if any.
pub fn cleared(cleared: &[i64], by: ClearedBy) -> Option<Localized> {
    if cleared.is_empty() {
        return None;
    }
    let ids = ids_named(cleared);
    let n = cleared.len();
    let (vi, en) = match by {
        ClearedBy::Operator => ("thay đổi này", "this change"),
        ClearedBy::Shipped => (
            "lịch nghỉ mới công bố đi kèm bản phananh này",
            "the schedule of days off shipped with this phananh",
        ),
    };
    Some(Localized::new(
        format!(
            "Chú ý: {n} phản ánh đã được nhắc quá hạn nay lại còn hạn theo {vi}, nên không còn bị tính là quá hạn: {ids}. Nhật ký ghi lại điều này cùng thay đổi.",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "note: {} already reminded of as overdue {} within {} deadline under {en}, and no longer {} as overdue: {ids}. The log records this with the change",
            count_en(n, "report", "reports"),
            if n == 1 { "is" } else { "are" },
            if n == 1 { "its" } else { "their" },
            if n == 1 { "counts" } else { "count" },
        ),
    ))
}

/// The progress bar's label while open clocks are recomputed.
pub fn recomputing(lang: Lang) -> &'static str {
    lang.pick("Tính lại thời hạn", "Recomputing deadlines")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_of_reports_no_longer_overdue_speaks_of_one_or_many() {
        let one = cleared(&[5], ClearedBy::Operator).unwrap();
        assert!(
            one.en.starts_with(
                "note: 1 report already reminded of as overdue is within its deadline under this change, and no longer counts as overdue: 5."
            ),
            "{}",
            one.en
        );
        let many = cleared(&[5, 7], ClearedBy::Shipped).unwrap();
        assert!(
            many.en.starts_with(
                "note: 2 reports already reminded of as overdue are within their deadline under the schedule of days off shipped with this phananh, and no longer count as overdue: 5, 7."
            ),
            "{}",
            many.en
        );
        assert!(many.vi.starts_with("Chú ý: 2 phản ánh"), "{}", many.vi);
        assert!(cleared(&[], ClearedBy::Operator).is_none());
    }

    #[test]
    fn the_notice_of_reports_made_overdue_speaks_of_one_or_many() {
        let one = made_overdue(&[5]).unwrap();
        assert!(
            one.en
                .starts_with("note: under this change 1 report is now overdue: 5 (see"),
            "{}",
            one.en
        );
        assert!(one.en.contains("reminds of it."), "{}", one.en);
        let many = made_overdue(&[5, 7]).unwrap();
        assert!(
            many.en
                .starts_with("note: under this change 2 reports are now overdue: 5, 7 (see"),
            "{}",
            many.en
        );
        assert!(
            many.vi.contains("2 phản ánh nay đã quá hạn: 5, 7"),
            "{}",
            many.vi
        );
        assert!(made_overdue(&[]).is_none());
    }

    /// A change of the calendar or of a setting can move a hundred thousand deadlines: the
    /// notices give the count and name the first reports, with where the rest are.
    #[test]
    fn the_notices_of_a_change_over_many_reports_name_twenty() {
        let many: Vec<i64> = (1..=109_169).collect();
        let made = made_overdue(&many).unwrap();
        assert!(
            made.vi
                .starts_with("Chú ý: theo thay đổi này, 109.169 phản ánh nay đã quá hạn: 1, 2,"),
            "{}",
            made.vi
        );
        assert!(
            made.vi
                .contains(" 19, 20, … (xem `phananh list --overdue`)"),
            "{}",
            made.vi
        );
        assert!(
            made.en
                .contains(" 19, 20, … (see `phananh list --overdue`)"),
            "{}",
            made.en
        );
        assert!(
            made.en
                .starts_with("note: under this change 109,169 reports are now overdue: 1, 2,"),
            "{}",
            made.en
        );
        let cleared = cleared(&many, ClearedBy::Operator).unwrap();
        assert!(cleared.en.contains("overdue: 1, 2, 3,"), "{}", cleared.en);
        assert!(
            cleared.vi.starts_with("Chú ý: 109.169 phản ánh"),
            "{}",
            cleared.vi
        );
        assert!(
            cleared.en.contains(" 19, 20, …. The log records"),
            "{}",
            cleared.en
        );
        for text in [&made.vi, &made.en, &cleared.vi, &cleared.en] {
            assert!(!text.contains(", 21"), "{text}");
            assert!(text.len() < 400, "{} bytes: {text}", text.len());
        }
    }
}
