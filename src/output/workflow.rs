//! What a workflow step says on standard error besides its line (`cli::workflow` prints
//! both): that a return or a reply came after the agency's deadline, and that what a step
//! makes public holds personal data or a media link naming the reporter; and what
//! `classify --apply` did. Built from what
//! `app::workflow` recorded; nothing here reads the database.

use crate::domain::clocks::LateStop;
use crate::domain::deadline::Stage;
use crate::domain::open311::Item;
use crate::domain::redact::{Hidden, MARK};
use crate::i18n::{Bilingual, Lang, Localized};

/// One notice per agency clock the step stopped late, with the deadline, how late (in the
/// periodic report's words) and what it will count as (Đ8.1.b): the step's own line reads
/// the same on time or late.
pub fn late_notices(id: i64, late: &[LateStop]) -> Vec<Localized> {
    late.iter()
        .filter_map(|late| {
            let due = crate::domain::time::stored(&late.due_at)?;
            let stopped = crate::domain::time::stored(&late.stopped_at)?;
            let over = (stopped - due).num_minutes();
            let agency = late.agency.as_deref().unwrap_or_default();
            let at = |lang| super::when(&late.due_at, lang).replace('\u{a0}', " ");
            let span = |lang| super::duration::days_and_hours(over, lang);
            let (at_vi, at_en, late_vi, late_en) =
                (at(Lang::Vi), at(Lang::En), span(Lang::Vi), span(Lang::En));
            Some(match late.stage {
                Stage::Return => Localized::new(
                    format!(
                        "Lưu ý: phản ánh {id} được trả lại sau thời hạn trả lại (hạn {at_vi}, Đ8.1.b), trễ {late_vi}: tính là trả lại trễ hạn của cơ quan {agency} trong báo cáo định kỳ và điểm thi đua."
                    ),
                    format!(
                        "note: report {id} was returned after its return window closed (due {at_en}, Art. 8.1.b), {late_en} late: it counts as a late return of agency {agency} in the periodic reports and the scores"
                    ),
                ),
                _ => Localized::new(
                    format!(
                        "Lưu ý: phản ánh {id} xong bước xử lý sau thời hạn (hạn {at_vi}, Đ8.1.b), trễ {late_vi}: tính là xử lý trễ hạn của cơ quan {agency} trong báo cáo định kỳ và điểm thi đua."
                    ),
                    format!(
                        "note: report {id} left processing after its deadline (due {at_en}, Art. 8.1.b), {late_en} late: it counts as late processing by agency {agency} in the periodic reports and the scores"
                    ),
                ),
            })
        })
        .collect()
}

/// The warning that media links made public (1-based, `media`) carry the reporter's phone
/// or name: a link is published whole, since hiding part of one would break it.
pub fn media_naming_reporter(id: i64, media: &[usize]) -> Option<Localized> {
    if media.is_empty() {
        return None;
    }
    let which = media
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let one = media.len() == 1;
    Some(Localized::new(
        format!(
            "Cảnh báo: liên kết ảnh/video thứ {which} của phản ánh {id} có số điện thoại hoặc họ tên người phản ánh; liên kết được công khai nguyên văn (ẩn một phần sẽ làm hỏng liên kết). Hãy xem lại trước khi công khai, hoặc đề nghị ứng dụng đổi tên tệp."
        ),
        format!(
            "warning: media {} {which} of report {id} {} the reporter's phone or name; links are published whole (hiding part of one would break it). Check before it is made public, or ask the app to rename the file",
            if one { "link" } else { "links" },
            if one { "carries" } else { "carry" }
        ),
    ))
}

/// The warning that the text a step makes public holds personal data, which every public
/// view replaces by `[đã ẩn]`: what kinds and how many and, to an editor who may see the
/// identity (`items` not empty), which items — the reporter's own name and phone only as
/// such, so that a warning kept in a log never holds them — so that a public office's
/// number hidden too can be seen.
pub fn personal_data_made_public(id: i64, hidden: &Hidden, items: &[Item]) -> Localized {
    let list = |own_name: &str, own_phone: &str, name: &str| {
        if items.is_empty() {
            return String::new();
        }
        let named = items
            .iter()
            .map(|item| match item {
                Item::OwnName => own_name.to_owned(),
                Item::Name => name.to_owned(),
                Item::OwnPhone => own_phone.to_owned(),
                Item::Written(text) => format!("«{text}»"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!(" ({named})")
    };
    let vi = list(
        "họ tên người phản ánh",
        "số điện thoại người phản ánh",
        "một họ tên",
    );
    let en = list("the reporter's name", "the reporter's phone", "a name");
    Localized::new(
        format!(
            "Cảnh báo: nội dung, địa chỉ hoặc kết quả sắp công khai của phản ánh {id} có thông tin cá nhân; các bản công khai sẽ thay bằng {MARK}: {}{vi}.",
            hidden.vi()
        ),
        format!(
            "warning: the content, address or result of report {id} to be made public holds personal data, which public views replace with {MARK}: {}{en}",
            hidden.en()
        ),
    )
}

/// What `classify --apply` says after its table: how many the suggestion classified, and
/// which are still a person's, by number, with the command for the first ("còn 1 chưa rõ"
/// sent the operator to read the table for which one).
pub fn classified(applied: usize, unclear: &[i64]) -> Localized {
    let left = unclear.len();
    let (vi_left, en_left) = match unclear.first() {
        None => (
            "không còn phản ánh nào chưa rõ".to_owned(),
            "none left unclear".to_owned(),
        ),
        Some(first) => {
            let shown = crate::storage::journal::first_named(unclear, ", ", i64::to_string);
            (
                format!(
                    "còn {left} chưa rõ, cần người phân loại: {shown} (`phananh classify {first} --field MÃ` hoặc `phananh triage`)"
                ),
                format!(
                    "{left} unclear, left for a person: {shown} (`phananh classify {first} --field CODE` or `phananh triage`)"
                ),
            )
        }
    };
    Localized::new(
        format!("Đã phân loại {applied} phản ánh theo gợi ý; {vi_left}."),
        format!(
            "classified {} by suggestion; {en_left}",
            crate::i18n::count_en(applied, "report", "reports")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(stage: Stage, due_at: &str, stopped_at: &str) -> LateStop {
        LateStop {
            stage,
            agency: Some("SXD".to_owned()),
            due_at: due_at.to_owned(),
            stopped_at: stopped_at.to_owned(),
        }
    }

    #[test]
    fn a_late_return_and_a_late_reply_each_say_their_deadline_and_how_late() {
        let notices = late_notices(
            5,
            &[
                stop(
                    Stage::Return,
                    "2026-11-09T07:30:00+07:00",
                    "2026-11-09T08:00:00+07:00",
                ),
                stop(
                    Stage::Process,
                    "2026-11-09T10:30:00+07:00",
                    "2026-11-10T13:15:00+07:00",
                ),
            ],
        );
        assert_eq!(notices.len(), 2);
        assert!(notices[0].vi.contains("trả lại trễ hạn của cơ quan SXD"));
        assert!(notices[0].vi.contains("trễ 30 phút"), "{}", notices[0].vi);
        assert!(notices[0].en.contains("30 min late"), "{}", notices[0].en);
        assert!(notices[1].vi.contains("xử lý trễ hạn"), "{}", notices[1].vi);
        assert!(
            notices[1].vi.contains("trễ 1 ngày 2 giờ"),
            "{}",
            notices[1].vi
        );
    }

    #[test]
    fn a_stop_whose_times_cannot_be_read_says_nothing_rather_than_a_wrong_lateness() {
        assert!(
            late_notices(
                5,
                &[stop(Stage::Return, "hôm qua", "2026-11-09T08:00:00+07:00")]
            )
            .is_empty()
        );
    }

    #[test]
    fn the_reporters_own_items_are_named_as_such_and_only_to_an_editor() {
        let hidden = Hidden {
            name: 1,
            phone: 1,
            ..Hidden::default()
        };
        let editor = personal_data_made_public(7, &hidden, &[Item::OwnName, Item::OwnPhone]);
        assert!(
            editor
                .vi
                .contains("(họ tên người phản ánh, số điện thoại người phản ánh)")
        );
        let other = personal_data_made_public(7, &hidden, &[]);
        assert!(
            other.vi.ends_with(&format!("{}.", hidden.vi())),
            "{}",
            other.vi
        );
        assert_eq!(media_naming_reporter(7, &[]), None);
        assert!(
            media_naming_reporter(7, &[2])
                .unwrap()
                .en
                .contains("link 2 of report 7 carries")
        );
    }
}
