//! What a workflow step says on standard error besides its line (`cli::workflow` prints
//! both): that a return or a reply came after the agency's deadline, and that what a step
//! makes public holds personal data or a media link naming the reporter; and what
//! `classify --apply` did; a step's line, its refusals, and the rows of `classify
//! --suggest`. Built from what
//! `app::workflow` recorded; nothing here reads the database.

use serde::Serialize;

use super::Listing;
use crate::domain::audit::ChainBreak;
use crate::domain::clocks::LateStop;
use crate::domain::deadline::Stage;
use crate::domain::file_kind::NotPlain;
use crate::domain::open311::Item;
use crate::domain::redact::{Hidden, MARK};
use crate::domain::report::Status;
use crate::domain::statement::NamesAFile;
use crate::domain::workflow::{Action, TransitionError};
use crate::i18n::{Bilingual, Lang, Localized};
use crate::storage::private::ReadError;
use std::path::Path;

/// One notice per agency clock the step stopped late, with the deadline, how late (in the
/// words every screen uses) and what it will count as (Đ8.1.b): the step's own line reads
/// the same on time or late. `returned`: the step was a return, which stops the processing
/// clock too (docs/rules.md §3): that clock is said to have run out before the return, not
/// that the report "left processing" late, which a handler who only returned it read as
/// having processed it.
pub fn late_notices(id: i64, late: &[LateStop], returned: bool) -> Vec<Localized> {
    late.iter()
        .filter_map(|late| {
            // A time that cannot be read says nothing rather than a wrong lateness.
            crate::domain::time::stored(&late.due_at)?;
            crate::domain::time::stored(&late.stopped_at)?;
            let agency = late.agency.as_deref().unwrap_or_default();
            let at = |lang| super::when(&late.due_at, lang).replace('\u{a0}', " ");
            // In the time the clock counts: a Friday deadline met on Monday is hours of
            // work late, not the weekend (docs/rules.md §3).
            let span = |lang| super::duration::overrun(late.late_by, lang);
            let (at_vi, at_en, late_vi, late_en) =
                (at(Lang::Vi), at(Lang::En), span(Lang::Vi), span(Lang::En));
            Some(match late.stage {
                Stage::Return => Localized::new(
                    format!(
                        "Lưu ý: phản ánh {id} được chuyển trả sau thời hạn chuyển trả (hạn {at_vi}, điểm b khoản 1 Điều 8), trễ {late_vi}: tính là chuyển trả trễ hạn của cơ quan {agency} trong báo cáo định kỳ và điểm thi đua."
                    ),
                    format!(
                        "note: report {id} was returned after its return window closed (due {at_en}, Art. 8.1.b), {late_en} late: it counts as a late return of agency {agency} in the periodic reports and the scores"
                    ),
                ),
                _ if returned => Localized::new(
                    format!(
                        "Lưu ý: phản ánh {id} đã quá hạn xử lý (hạn {at_vi}, điểm b khoản 1 Điều 8) trước khi được chuyển trả, quá {late_vi}: tính thêm là xử lý trễ hạn của cơ quan {agency} trong báo cáo định kỳ và điểm thi đua."
                    ),
                    format!(
                        "note: report {id} was already past its processing deadline (due {at_en}, Art. 8.1.b) when it was returned, {late_en} over: it counts as late processing by agency {agency} as well, in the periodic reports and the scores"
                    ),
                ),
                _ => Localized::new(
                    format!(
                        "Lưu ý: phản ánh {id} xong bước xử lý sau thời hạn (hạn {at_vi}, điểm b khoản 1 Điều 8), trễ {late_vi}: tính là xử lý trễ hạn của cơ quan {agency} trong báo cáo định kỳ và điểm thi đua."
                    ),
                    format!(
                        "note: report {id} left processing after its deadline (due {at_en}, Art. 8.1.b), {late_en} late: it counts as late processing by agency {agency} in the periodic reports and the scores"
                    ),
                ),
            })
        })
        .collect()
}

/// The warning that media links (1-based, `media`) carry the reporter's phone or name:
/// hiding part of one would break it, so each is left out of the public views whole and
/// the editor learns the public will not see it.
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
            "Cảnh báo: liên kết ảnh/video thứ {which} của phản ánh {id} có số điện thoại hoặc họ tên người phản ánh; liên kết ấy không có trong các bản công khai (ẩn một phần sẽ làm hỏng liên kết) và người không được xem danh tính chỉ thấy [đã ẩn]. Nếu cần công khai ảnh, hãy đề nghị ứng dụng đổi tên tệp."
        ),
        format!(
            "warning: media {} {which} of report {id} {} the reporter's phone or name; such a link is left out of the public views whole (hiding part of one would break it), and readers who may not see the identity read [đã ẩn]. To publish the picture, ask the app to rename the file",
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
    // Vietnamese quotes with “…”; the English text keeps its «…».
    let list = |own_name: &str, own_phone: &str, name: &str, (open, close): (&str, &str)| {
        if items.is_empty() {
            return String::new();
        }
        let named = items
            .iter()
            .map(|item| match item {
                Item::OwnName => own_name.to_owned(),
                Item::Name => name.to_owned(),
                Item::OwnPhone => own_phone.to_owned(),
                Item::Written(text) => format!("{open}{text}{close}"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!(" ({named})")
    };
    let vi = list(
        "họ tên người phản ánh",
        "số điện thoại người phản ánh",
        "một họ tên",
        ("“", "”"),
    );
    let en = list(
        "the reporter's name",
        "the reporter's phone",
        "a name",
        ("«", "»"),
    );
    Localized::new(
        format!(
            "Cảnh báo: nội dung, địa chỉ hoặc kết quả công khai của phản ánh {id} có thông tin cá nhân; các bản công khai thay bằng {MARK}: {}{vi}.",
            hidden.vi()
        ),
        format!(
            "warning: the public content, address or result of report {id} holds personal data, which public views replace with {MARK}: {}{en}",
            hidden.en()
        ),
    )
}

/// What a public text gives away besides the reporter's identity, for the warnings of
/// `validate`, `verify --approve` and `publish`: the other people named, quoted, and the
/// words for someone's health; Vietnamese and English.
pub fn exposure_found(people: &[String], health: &[&str]) -> (String, String) {
    let quoted = |items: &mut dyn Iterator<Item = &str>, (open, close): (&str, &str)| {
        items
            .map(|p| format!("{open}{p}{close}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut vi = Vec::new();
    let mut en = Vec::new();
    if !people.is_empty() {
        vi.push(format!(
            "họ tên người khác: {}",
            quoted(&mut people.iter().map(String::as_str), ("“", "”"))
        ));
        en.push(format!(
            "other people: {}",
            quoted(&mut people.iter().map(String::as_str), ("«", "»"))
        ));
    }
    if !health.is_empty() {
        vi.push(format!(
            "từ về sức khỏe của một người: {}",
            quoted(&mut health.iter().copied(), ("“", "”"))
        ));
        en.push(format!(
            "words for someone's health: {}",
            quoted(&mut health.iter().copied(), ("«", "»"))
        ));
    }
    (vi.join("; "), en.join("; "))
}

/// What the public views do with a report set at the reporter's own home
/// (`domain::exposure`), for the same warnings; None when it is not.
pub fn home_found(home: bool) -> Option<(String, String)> {
    home.then(|| {
        (
            format!(
                "nơi xảy ra là nhà của người phản ánh (“nhà tôi”, “nhà em”…): các bản công khai chỉ cho tọa độ làm tròn {} chữ số thập phân (khoảng 100 m) và bỏ số nhà khỏi địa chỉ, nhưng nội dung vẫn nguyên văn",
                crate::domain::exposure::COARSE_DECIMALS
            ),
            format!(
                "the place is the reporter's own home («nhà tôi», «nhà em»…): the public views give only coordinates rounded to {} decimals (about 100 m) and the address without its house number, but the content as written",
                crate::domain::exposure::COARSE_DECIMALS
            ),
        )
    })
}

/// The warning that the texts a step makes public name other people after a form of
/// address ("bà Võ Thị Sáu Em"), which no public view hides (only the reporter's own name
/// is), or speak of someone's health: names quoted for an editor who may see the identity,
/// counted for others (`unshown`), with what the editor can do about it. `public_since`:
/// the report was already in the public feed (docs/rules.md §6), accepted at that time if
/// the log has it; then what the content names has been public since then, not "about to
/// be". None when there is nothing to say.
pub fn people_named_made_public(
    id: i64,
    exposure: &crate::domain::open311::Exposure,
    unshown: usize,
    public_since: Option<&Option<String>>,
) -> Option<Localized> {
    if exposure.is_empty() && unshown == 0 {
        return None;
    }
    let since_vi = match public_since {
        Some(Some(at)) => format!(
            "đang công khai từ khi tiếp nhận ngày {}",
            crate::domain::time::stored(at)
                .map(|t| t.format("%d/%m/%Y").to_string())
                .unwrap_or_else(|| at.clone())
        ),
        Some(None) => "đang công khai từ khi tiếp nhận".to_owned(),
        None => "sắp công khai".to_owned(),
    };
    let since_en = match public_since {
        Some(Some(at)) => format!(
            "public since it was accepted on {}",
            crate::domain::time::stored(at)
                .map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| at.clone())
        ),
        Some(None) => "public since it was accepted".to_owned(),
        None => "to be made public".to_owned(),
    };
    // Where each name stands: the content, address and commune are public as long as the
    // report is; the result only once it is published.
    let mut vi = Vec::new();
    let mut en = Vec::new();
    if unshown > 0 {
        vi.push(format!("{unshown} họ tên sau “ông, bà, anh, chị…”"));
        en.push(crate::i18n::count_en(
            unshown,
            "name after a form of address",
            "names after a form of address",
        ));
    }
    let (content_vi, content_en) = exposure_found(&exposure.people, &[]);
    if !content_vi.is_empty() {
        vi.push(format!(
            "trong nội dung, địa chỉ ({since_vi}): {content_vi}"
        ));
        en.push(format!(
            "in the content or address ({since_en}): {content_en}"
        ));
    }
    let (result_vi, result_en) = exposure_found(&exposure.people_in_result, &[]);
    if !result_vi.is_empty() {
        vi.push(format!("trong kết quả (sắp công khai): {result_vi}"));
        en.push(format!("in the result (to be made public): {result_en}"));
    }
    let (health_vi, health_en) = exposure_found(&[], &exposure.health);
    if !health_vi.is_empty() {
        vi.push(health_vi);
        en.push(health_en);
    }
    if let Some((home_vi, home_en)) = home_found(exposure.home) {
        vi.push(home_vi);
        en.push(home_en);
    }
    let (vi, en) = (vi.join("; "), en.join("; "));
    Some(Localized::new(
        format!(
            "Cảnh báo: văn bản công khai của phản ánh {id} nêu họ tên người khác, sức khỏe của một người hoặc nhà của người phản ánh, công khai nguyên văn (phananh chỉ tự ẩn họ tên người phản ánh): {vi}. Hãy xem đó có phải người dân cần giữ kín không (Luật Bảo vệ dữ liệu cá nhân: sức khỏe là dữ liệu nhạy cảm; tên cán bộ, cơ quan thì giữ). Văn bản công khai không sửa được: nội dung người dân gửi giữ nguyên như đã gửi; kết quả của cơ quan chỉ thay được khi còn chờ kiểm duyệt, bằng `phananh verify {id} --send-back --reason …` để cơ quan trả lời lại; sau khi công khai, người được nêu tên hoặc người phản ánh yêu cầu thì gỡ phản ánh khỏi công khai bằng `phananh unpublish {id} --reason …` (kết quả khi đó chỉ gửi riêng người phản ánh)."
        ),
        format!(
            "warning: the public text of report {id} names other people, someone's health or the reporter's home, published as written (phananh hides only the reporter's own name): {en}. Check whether they are private persons to keep out (Law 91/2025/QH15 on personal data: health is sensitive data; an official's or a body's name stays). The text made public cannot be edited: the citizen's content stays as sent, and the agency's result can be replaced only while it awaits the check, by `phananh verify {id} --send-back --reason …` for the agency to reply again; once published, at the request of a person it names or of the reporter, the report can be taken out of public view with `phananh unpublish {id} --reason …` (its result is then the reporter's only)"
        ),
    ))
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
                    "còn {left} chưa rõ, cần người phân loại: {shown} (`phananh classify {first} --field MÃ` hoặc `phananh triage`)",
                    left = crate::i18n::grouped(left, crate::i18n::Lang::Vi)
                ),
                format!(
                    "{left} unclear, left for a person: {shown} (`phananh classify {first} --field CODE` or `phananh triage`)",
                    left = crate::i18n::grouped(left, crate::i18n::Lang::En)
                ),
            )
        }
    };
    Localized::new(
        format!(
            "Đã phân loại {applied} phản ánh theo gợi ý; {vi_left}.",
            applied = crate::i18n::grouped(applied, crate::i18n::Lang::Vi)
        ),
        format!(
            "classified {} by suggestion; {en_left}",
            crate::i18n::count_en(applied, "report", "reports")
        ),
    )
}

/// What `classify --suggest` without `--apply` says after its table, whose "Đã áp dụng"
/// reads "không" on every row: nothing was recorded, how many suggestions `--apply` would
/// record (`clear`), and the command for the first of the others (`unclear`, by number).
/// Nothing for an empty table.
pub fn suggested_only(clear: usize, unclear: &[i64]) -> Option<Localized> {
    let person = unclear.first().map(|first| {
        (
            format!("`phananh classify {first} --field MÃ` hoặc `phananh triage`"),
            format!("`phananh classify {first} --field CODE` or `phananh triage`"),
        )
    });
    let left = unclear.len();
    let said = match (clear, person) {
        (0, None) => return None,
        (0, Some((vi, en))) => Localized::new(
            format!(
                "Chỉ là gợi ý, chưa ghi lĩnh vực nào; không gợi ý nào đủ rõ để --apply ghi: hãy phân loại từng phản ánh ({vi})."
            ),
            format!(
                "suggestions only, no field was recorded; none is clear enough for --apply to record: classify each report ({en})"
            ),
        ),
        (clear, None) => Localized::new(
            format!(
                "Chỉ là gợi ý, chưa ghi lĩnh vực nào. Thêm --apply để ghi {clear} gợi ý rõ ràng.",
                clear = crate::i18n::grouped(clear, crate::i18n::Lang::Vi)
            ),
            format!(
                "suggestions only, no field was recorded; add --apply to record the {clear} clear ones",
                clear = crate::i18n::grouped(clear, crate::i18n::Lang::En)
            ),
        ),
        (clear, Some((vi, en))) => Localized::new(
            format!(
                "Chỉ là gợi ý, chưa ghi lĩnh vực nào. Thêm --apply để ghi {clear} gợi ý rõ ràng; {left} phản ánh còn lại cần người phân loại ({vi}).",
                clear = crate::i18n::grouped(clear, crate::i18n::Lang::Vi),
                left = crate::i18n::grouped(left, crate::i18n::Lang::Vi)
            ),
            format!(
                "suggestions only, no field was recorded; add --apply to record the {clear} clear ones; {left} left for a person ({en})",
                clear = crate::i18n::grouped(clear, crate::i18n::Lang::En),
                left = crate::i18n::grouped(left, crate::i18n::Lang::En)
            ),
        ),
    };
    Some(said)
}

/// What a step did, as a terminal says it: the status it moved the report from and to,
/// with what it recorded beside it ("Chờ phân phối → Đang xử lý (giao SXD)": `assign
/// --auto` chose the agency, and the operator must read which), or what a step that keeps
/// the status recorded ("đã ghi lĩnh vực VT, vẫn Chờ phân phối"), since "A → A" says
/// nothing of it.
pub fn what(from: Status, to: Status, recorded: Option<&Localized>, lang: Lang) -> String {
    let (from_text, to_text) = (from.text(lang), to.text(lang));
    match recorded {
        Some(recorded) if from == to => format!(
            "{} {}, {} {to_text}",
            lang.pick("đã ghi", "recorded"),
            recorded.text(lang),
            lang.pick("vẫn", "still"),
        ),
        Some(recorded) => format!("{from_text} → {to_text} ({})", recorded.text(lang)),
        None => format!("{from_text} → {to_text}"),
    }
}

/// What a step records beside the status, for `what`: a field, a rating, the state-secret
/// mark (the status stays), the agency an assignment went to and whether as urgent, or the
/// report a duplicate now follows. `before` is the report as the step found it: a new
/// rating replaces the citizen's earlier one (docs/rules.md §2), and the officer who types it
/// is told which, since the rating counts in the agency's emulation score.
pub fn recorded(action: &Action, before: &crate::domain::report::Report) -> Option<Localized> {
    match action {
        Action::Classify { field } => Some(Localized::new(
            format!("lĩnh vực {field}"),
            format!("field {field}"),
        )),
        Action::Rate { score } => Some(match before.rating {
            Some(old) => Localized::new(
                format!("đánh giá {score}/5 thay đánh giá {old}/5 đã ghi trước đó"),
                format!("rating {score}/5 in place of the {old}/5 recorded before"),
            ),
            None => Localized::new(format!("đánh giá {score}/5"), format!("rating {score}/5")),
        }),
        Action::MarkStateSecret => Some(Localized::new(
            "bí mật nhà nước (khoản 3 Điều 9)",
            "state secret (Art. 9.3)",
        )),
        Action::Assign { agency, urgent } => Some(match urgent {
            true => Localized::new(
                format!("giao {agency}, khẩn"),
                format!("assigned to {agency}, urgent"),
            ),
            false => Localized::new(format!("giao {agency}"), format!("assigned to {agency}")),
        }),
        Action::Duplicate { of, .. } => Some(Localized::new(
            format!("trùng với phản ánh {of}"),
            format!("duplicate of report {of}"),
        )),
        _ => None,
    }
}

/// The note when a step about to make a text public finds no key file (`key`) to check
/// it for the reporter's own name.
pub fn names_unchecked(key: &std::path::Path) -> Localized {
    Localized::new(
        format!(
            "Chú ý: không có khóa danh tính ({}), nên chưa kiểm tra được họ tên người phản ánh trong văn bản sắp công khai; các bản công khai vẫn cần khóa để ẩn nó.",
            key.display()
        ),
        format!(
            "note: no identity key ({}), so the text to be made public was not checked for the reporter's own name; the public exports need the key to hide it",
            key.display()
        ),
    )
}

/// The refusal of `classify --suggest --apply` while the log does not vouch for what the
/// suggestions are made from (`problem`).
pub fn suggestions_unvouched(problem: &ChainBreak) -> Localized {
    super::audit::unvouched(
        problem,
        ("các gợi ý dựa vào", "the suggestions are made from"),
        ("chưa phân loại phản ánh nào", "no report was classified"),
    )
}

/// Which code a typed one was looked for among.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    Field,
    Agency,
}

/// "There is no KIND CODE", with the code `typed` most likely misspells when one is near
/// (`domain::text::closest`), and where the codes are listed.
/// A code is shown quoted and escaped (`{typed:?}`): a typed filter may hold anything,
/// control characters included, and the refusal stays one plain line.
pub fn no_code(typed: &str, codes: &[String], kind: Code) -> Localized {
    let names: Vec<&str> = codes.iter().map(String::as_str).collect();
    let meant = crate::domain::text::closest(typed.trim(), &names);
    let ((vi, en), list) = match kind {
        Code::Field => (("lĩnh vực", "field"), "phananh field list"),
        Code::Agency => (("cơ quan", "agency"), "phananh agency list"),
    };
    match meant {
        Some(meant) => Localized::new(
            format!(
                "Không có {vi} mã “{}”; có phải ý bạn là {meant}? Xem `{list}`.",
                typed.escape_debug()
            ),
            format!("there is no {en} {typed:?}; did you mean {meant}? See `{list}`"),
        ),
        None => Localized::new(
            format!("Không có {vi} mã “{}”; xem `{list}`.", typed.escape_debug()),
            format!("there is no {en} {typed:?}; see `{list}`"),
        ),
    }
}

/// "There is no agency code TYPED" where what was typed is the name of the agencies
/// `named` (code, name; `domain::routing::agencies_named`): the code to type, with its
/// name, or five of them and how many more when it matches several.
pub fn agency_named_not_coded(typed: &str, named: &[(&str, &str)]) -> Localized {
    const SHOWN: usize = 5;
    let listed = named
        .iter()
        .take(SHOWN)
        .map(|(code, name)| format!("{code} ({})", super::printable(name)))
        .collect::<Vec<_>>()
        .join(", ");
    let (more_vi, more_en) = match named.len().saturating_sub(SHOWN) {
        0 => (String::new(), String::new()),
        n => (format!(" và {n} cơ quan khác"), format!(" and {n} more")),
    };
    let list = "phananh agency list";
    match named {
        [_] => Localized::new(
            format!(
                "Không có cơ quan mã “{}”; có phải ý bạn là {listed}? Xem `{list}`.",
                typed.escape_debug()
            ),
            format!("there is no agency {typed:?}; did you mean {listed}? See `{list}`"),
        ),
        _ => Localized::new(
            format!(
                "Không có cơ quan mã “{}”; tên của {} cơ quan khớp: {listed}{more_vi}. Hãy ghi mã cơ quan (xem `{list}`).",
                typed.escape_debug(),
                named.len()
            ),
            format!(
                "there is no agency {typed:?}; the names of {} agencies match: {listed}{more_en}. Type the agency's code (see `{list}`)",
                named.len()
            ),
        ),
    }
}

/// Report `id` refused a step the workflow does not allow from where it stands (`e`).
pub fn transition_error(id: i64, e: &TransitionError) -> Localized {
    if let TransitionError::TextNamesAFile(named) = e {
        return text_names_a_file(id, named);
    }
    let id = id.to_string();
    Localized::new(
        format!("Phản ánh {id}: {}", for_report(&e.vi(), "SỐ", &id)),
        format!("report {id}: {}", for_report(&e.to_string(), "ID", &id)),
    )
}

/// A result typed that only names a file (`--text @traloi.txt`, `--text traloi.docx`,
/// `--text -`), with the option that reads one.
fn text_names_a_file(id: i64, named: &NamesAFile) -> Localized {
    const PLAIN_VI: &str = "tệp văn bản thuần, mã UTF-8";
    const PLAIN_EN: &str = "a plain-text file, UTF-8";
    match named {
        NamesAFile::Stdin => Localized::new(
            format!(
                "Phản ánh {id}: `--text -` không đọc đầu vào chuẩn và “-” không phải kết quả xử lý. Để ghi kết quả từ tệp, dùng `--text-file TỆP` ({PLAIN_VI}); `--text-file -` đọc đầu vào chuẩn."
            ),
            format!(
                "report {id}: `--text -` does not read standard input, and \"-\" is no result. To record the result from a file, use `--text-file FILE` ({PLAIN_EN}); `--text-file -` reads standard input"
            ),
        ),
        NamesAFile::File(file) => {
            let file = super::layout::clip(&super::printable(file), 60);
            Localized::new(
                format!(
                    "Phản ánh {id}: “{file}” trông như tên một tệp, không phải kết quả xử lý người dân sẽ đọc; không ghi gì. Để ghi kết quả từ tệp, dùng `--text-file {file}` thay cho `--text` ({PLAIN_VI}: tài liệu Word hãy chọn Tệp → Lưu Như (Save As) → Văn bản thuần (.txt) trước)."
                ),
                format!(
                    "report {id}: «{file}» looks like a file's name, not the result the citizen will read; nothing was recorded. To record the result from a file, use `--text-file {file}` instead of `--text` ({PLAIN_EN}: save a Word document As Plain Text (.txt) first)"
                ),
            )
        }
    }
}

/// Two options of one command both given `-` (`options`): standard input is read once.
pub fn standard_input_twice(options: &[&str]) -> Localized {
    let listed = options.join(", ");
    Localized::new(
        format!(
            "Chỉ một tùy chọn được đọc đầu vào chuẩn (`-`) trong một lệnh, ở đây là {listed}; không ghi gì. Đưa các giá trị còn lại bằng tệp."
        ),
        format!(
            "only one option may read standard input (`-`) in one command, here {listed}; nothing was recorded. Give the others in files"
        ),
    )
}

/// A reporter's name or phone typed as arguments through sudo (`typed`: each option and
/// its file form): already seen by others, so said once, without the value.
pub fn personal_data_typed(typed: &[(&str, &str)]) -> Localized {
    let options: Vec<&str> = typed.iter().map(|(option, _)| *option).collect();
    let files: Vec<String> = typed
        .iter()
        .map(|(_, file)| format!("{file} TỆP"))
        .collect();
    let files_en: Vec<String> = typed
        .iter()
        .map(|(_, file)| format!("{file} FILE"))
        .collect();
    let (options, files, files_en) = (options.join(", "), files.join(", "), files_en.join(", "));
    Localized::new(
        format!(
            "Cảnh báo: giá trị của {options} gõ trên dòng lệnh qua sudo đã hiện với mọi tài khoản trên máy chủ (ps) và được sudo ghi vào nhật ký hệ thống; lần sau hãy dùng {files} (hoặc `-`: đầu vào chuẩn)."
        ),
        format!(
            "warning: the value of {options}, typed on the command line through sudo, was visible to every account on the server (ps) and is in sudo's log; next time use {files_en} (or `-`: standard input)"
        ),
    )
}

/// The `--text-file` (or `--reason-file`: `option`) that could not be read.
pub fn text_file_unreadable(option: &str, path: &Path, e: &ReadError) -> Localized {
    let shown = super::printable(&path.display().to_string()).into_owned();
    Localized::new(
        format!(
            "Không đọc được tệp {option} {shown} (cần tệp văn bản thuần, mã UTF-8): {}. Không ghi gì.",
            e.vi()
        ),
        format!(
            "cannot read the {option} {shown} (a plain-text file, UTF-8, is needed): {}. Nothing was recorded",
            e.en()
        ),
    )
}

/// The `--text-file` (or `--reason-file`: `option`) that is no plain UTF-8 text (`kind`),
/// with how to save one.
pub fn text_file_not_plain(option: &str, path: &Path, kind: NotPlain) -> Localized {
    use crate::domain::file_kind::Foreign;
    let shown = super::printable(&path.display().to_string()).into_owned();
    let (what_vi, what_en) = match kind {
        NotPlain::Foreign(Foreign::Workbook) => (
            "là tài liệu Word (.docx), OpenDocument (.odt) hoặc tệp nén",
            "is a Word (.docx) or OpenDocument (.odt) document or another ZIP file",
        ),
        NotPlain::Foreign(Foreign::OldOffice) => (
            "là tài liệu Word đời cũ (.doc) hoặc tệp Excel (.xls)",
            "is an old Word document (.doc) or an Excel workbook (.xls)",
        ),
        NotPlain::Foreign(Foreign::Pdf) => ("là tệp PDF", "is a PDF file"),
        NotPlain::Foreign(Foreign::Compressed) => ("là tệp nén", "is a compressed file"),
        NotPlain::Foreign(Foreign::Utf16) => (
            "là văn bản UTF-16 (kiểu “Unicode” của Notepad), không phải UTF-8",
            "is UTF-16 text (Notepad's \"Unicode\"), not UTF-8",
        ),
        NotPlain::Rtf => (
            "là tài liệu RTF, có mã định dạng lẫn trong chữ",
            "is an RTF document, its formatting codes mixed with the words",
        ),
        NotPlain::NotUtf8 => (
            "không phải văn bản UTF-8 (có thể là mã khác như Windows-1258, TCVN3, hoặc không phải văn bản)",
            "is not UTF-8 text (another encoding such as Windows-1258 or TCVN3, or no text at all)",
        ),
        NotPlain::Binary => (
            "chứa dữ liệu nhị phân, không phải văn bản",
            "holds binary data, not text",
        ),
    };
    Localized::new(
        format!(
            "Tệp {option} {shown} {what_vi}; không ghi gì. Hãy mở tệp, chọn Tệp → Lưu Như (Save As) → Văn bản thuần (Plain Text, .txt), mã hóa UTF-8, rồi dùng tệp .txt đó."
        ),
        format!(
            "the {option} {shown} {what_en}; nothing was recorded. Open it, choose Save As → Plain Text (.txt), encoding UTF-8, and give that .txt file"
        ),
    )
}

/// `text` with the report's placeholder (`SỐ`, `ID`) in the commands it quotes
/// (`` `phananh publish SỐ` ``) replaced by the report's number: the refusal has just named
/// the report, and the command it advises is the one to type.
fn for_report(text: &str, placeholder: &str, id: &str) -> String {
    text.split('`')
        .enumerate()
        .map(
            |(i, part)| match i % 2 == 1 && part.starts_with("phananh ") {
                true => part
                    .split(' ')
                    .map(|word| if word == placeholder { id } else { word })
                    .collect::<Vec<_>>()
                    .join(" "),
                false => part.to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .join("`")
}

/// One row of `classify --suggest`.
#[derive(Debug, Serialize)]
pub struct SuggestionRow {
    pub id: i64,
    pub external_id: String,
    pub field: Option<String>,
    pub score: u32,
    pub matched: String,
    pub runner_up: Option<String>,
    pub runner_up_score: Option<u32>,
    pub applied: bool,
    /// Whether `--apply` records this suggestion (a strictly best score at the setting
    /// classify.auto_min_score): for the line under a table that applied nothing. Not a
    /// column: CSV and JSON keep their keys.
    #[serde(skip)]
    pub clear: bool,
}

impl Listing for SuggestionRow {
    const KEYS: &'static [&'static str] = &[
        "id",
        "external_id",
        "field",
        "score",
        "matched",
        "runner_up",
        "runner_up_score",
        "applied",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Số",
                "Mã ứng dụng",
                "Gợi ý",
                "Điểm",
                "Từ khóa khớp",
                "Gợi ý 2",
                "Điểm 2",
                "Đã áp dụng",
            ],
            vec![
                "Id",
                "External id",
                "Field",
                "Score",
                "Matched",
                "Runner up",
                "Runner up score",
                "Applied",
            ],
        )
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.external_id.clone(),
            self.field.clone().unwrap_or_else(|| "—".into()),
            self.score.to_string(),
            self.matched.clone(),
            self.runner_up.clone().unwrap_or_default(),
            self.runner_up_score
                .map(|s| s.to_string())
                .unwrap_or_default(),
            lang.yes_no(self.applied).to_owned(),
        ]
    }

    /// "Applied" is what `--apply` is asked about, so it stays; the runner-up (score, then
    /// field) is the least needed, then the app's id, the keywords and the score.
    fn drop_order() -> Vec<usize> {
        vec![6, 5, 1, 4, 3]
    }
}

/// A `rate --score` that is not a whole number from 1 to 5 (Đ10's scale).
pub fn not_a_score() -> Localized {
    Localized::new(
        "cần một số nguyên từ 1 đến 5",
        "use a whole number from 1 to 5",
    )
}

/// `classify --field` names one report: a field given for several would be guessed at.
pub fn one_report_with_field() -> Localized {
    Localized::new(
        "Với --field, hãy ghi đúng một số phản ánh.",
        "with --field, give exactly one report",
    )
}

/// A step's line: the report (`id`, `external_id`), what the step did (`what`), and the
/// `event` that records it.
pub fn step_line((id, external_id): (i64, &str), what: &str, event: i64, lang: Lang) -> String {
    format!(
        "{} {id} ({external_id}): {what} [{} {event}]",
        lang.pick("Phản ánh", "Report"),
        lang.pick("sự kiện", "event"),
    )
}

/// The line under a step's line that quotes the start of the report's content (as its
/// reader may see it), on one line of at most 80 columns: "Phản ánh 341 (CMG-…): Đang xử lý
/// → Chờ duyệt" alone let a reply typed on the wrong report go unnoticed.
pub fn content_line(content: &str, lang: Lang) -> Option<String> {
    use unicode_width::UnicodeWidthStr;
    let label = lang.pick("  Nội dung: ", "  Content: ");
    let room = usize::from(super::layout::MIN_WIDTH) - label.width() - 2;
    let quoted = super::layout::clip(&super::printable(content), room);
    let (open, close) = lang.pick(("“", "”"), ("«", "»"));
    (!quoted.is_empty()).then(|| format!("{label}{open}{quoted}{close}"))
}

/// A report published again whose takedown a restore put back from before it (made at
/// `at`): the person who asked for it sees the result public again until it is taken down.
pub fn published_after_a_lost_takedown(id: i64, at: &str) -> Localized {
    let (vi_at, en_at) = (super::when(at, Lang::Vi), super::when(at, Lang::En));
    Localized::new(
        format!(
            "Cảnh báo: kết quả phản ánh {id} đã được gỡ khỏi công khai lúc {vi_at} theo yêu cầu, rồi một lần khôi phục bản sao lưu làm trước đó đưa nó trở lại (sự kiện restore ghi lại việc gỡ ấy). Kết quả vừa công khai: hãy gỡ lại ngay: `phananh unpublish {id} --reason \"LÝ DO\"`."
        ),
        format!(
            "warning: the result of report {id} was taken out of public view at {en_at} at a person's request, then a restore of a backup from before it put it back (the restore event records that takedown). The result is now public: take it down again at once: `phananh unpublish {id} --reason \"TEXT\"`"
        ),
    )
}

/// The takedowns (`unpublish`) the replaced log recorded after the backup a restore put
/// back, not made again (docs/rules.md §7): each report by the command that takes it down
/// again, now for one the restored copy holds published, once published for one before.
pub fn takedowns_lost(lost: &[crate::domain::backup::TakedownLost]) -> Option<Localized> {
    if lost.is_empty() {
        return None;
    }
    let mut reports: Vec<i64> = lost.iter().map(|t| t.report).collect();
    reports.sort_unstable();
    reports.dedup();
    let events = lost
        .iter()
        .map(|t| t.event.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let list = crate::domain::text::ids_listed(&reports);
    let split = |public: bool| -> Vec<i64> {
        reports
            .iter()
            .copied()
            .filter(|id| {
                lost.iter()
                    .any(|t| t.report == *id && t.public_again == public)
            })
            .collect()
    };
    let (now, later) = (split(true), split(false));
    let commands = |ids: &[i64], reason: &str| {
        ids.iter()
            .map(|id| format!("`phananh unpublish {id} --reason \"{reason}\"`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let reports_en = |n: usize| if n == 1 { "report" } else { "reports" };
    let is_en = |n: usize| if n == 1 { "is" } else { "are" };
    let mut vi = format!(
        "Cảnh báo: phản ánh {list} đã được gỡ khỏi công khai sau bản sao lưu (sự kiện unpublish {events} của nhật ký vừa thay, sự kiện restore ghi lại các số ấy). Khôi phục không làm lại việc gỡ."
    );
    let mut en = format!(
        "warning: {} {list} {} taken out of public view after the backup (unpublish {} {events} of the replaced log, which the restore event records). A restore does not make a takedown again.",
        reports_en(reports.len()),
        if reports.len() == 1 { "was" } else { "were" },
        if lost.len() == 1 { "event" } else { "events" },
    );
    if !now.is_empty() {
        let ids = crate::domain::text::ids_listed(&now);
        vi.push_str(&format!(
            " Phản ánh {ids} lại công khai trên `export open311` và `export csv --public`: hãy gỡ lại ngay, trước lần xuất tiếp theo: {}.",
            commands(&now, "LÝ DO")
        ));
        en.push_str(&format!(
            " {} {ids} {} public again in `export open311` and `export csv --public`: take {} down again now, before the next feed goes out: {}.",
            if now.len() == 1 { "Report" } else { "Reports" },
            is_en(now.len()),
            if now.len() == 1 { "it" } else { "them" },
            commands(&now, "TEXT")
        ));
    }
    if !later.is_empty() {
        let ids = crate::domain::text::ids_listed(&later);
        vi.push_str(&format!(
            " Phản ánh {ids} trong bản khôi phục chưa công khai: khi công khai lại (`phananh publish SỐ`), hãy gỡ ngay: {}.",
            commands(&later, "LÝ DO")
        ));
        en.push_str(&format!(
            " {} {ids} {} not yet published in the restored copy: once published again (`phananh publish ID`), take {} down at once: {}.",
            if later.len() == 1 { "Report" } else { "Reports" },
            is_en(later.len()),
            if later.len() == 1 { "it" } else { "them" },
            commands(&later, "TEXT")
        ));
    }
    // English notices end without a full stop, as the others do.
    en.pop();
    Some(Localized::new(vi, en))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A clock counted in working hours, stopped late.
    fn stop(stage: Stage, due_at: &str, stopped_at: &str) -> LateStop {
        use crate::domain::deadline::{Distance, Rule, distance};
        let read = crate::domain::time::stored;
        let late_by = match (read(due_at), read(stopped_at)) {
            (Some(due), Some(stopped)) => distance(
                &stopped,
                &due,
                Rule::WorkingHours,
                &crate::domain::calendar::Calendar::shipped(),
            ),
            _ => Distance {
                seconds: 0,
                past: true,
                rule: Rule::WorkingHours,
                working_day: 8 * 3600,
            },
        };
        LateStop {
            stage,
            agency: Some("SXD".to_owned()),
            due_at: due_at.to_owned(),
            stopped_at: stopped_at.to_owned(),
            late_by,
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
            false,
        );
        assert_eq!(notices.len(), 2);
        assert!(notices[0].vi.contains("chuyển trả trễ hạn của cơ quan SXD"));
        assert!(notices[0].vi.contains("trễ 30 phút"), "{}", notices[0].vi);
        assert!(
            notices[0].en.contains("30 min of working time late"),
            "{}",
            notices[0].en
        );
        assert!(notices[1].vi.contains("xử lý trễ hạn"), "{}", notices[1].vi);
        assert!(
            // Monday 10:30 to Tuesday 13:15 is 8 h 45 of working time, not 26 h 45: a
            // working day of 8 hours and 45 minutes.
            notices[1].vi.contains("trễ 1 ngày 45 phút làm việc"),
            "{}",
            notices[1].vi
        );
    }

    /// A late return stops the processing clock too: its notice said the report "left
    /// processing" late, which the handler who only returned it read as having processed it.
    #[test]
    fn a_late_return_says_the_processing_deadline_had_passed_not_that_it_was_processed() {
        let stops = [
            stop(
                Stage::Return,
                "2026-11-06T15:30:00+07:00",
                "2026-11-09T09:10:00+07:00",
            ),
            stop(
                Stage::Process,
                "2026-11-09T08:30:00+07:00",
                "2026-11-09T09:10:00+07:00",
            ),
        ];
        let notices = late_notices(341, &stops, true);
        let processing = &notices[1];
        assert!(
            processing.vi.contains(
                "phản ánh 341 đã quá hạn xử lý (hạn 09/11/2026 08:30, điểm b khoản 1 Điều 8) trước khi được chuyển trả, quá 40 phút làm việc: tính thêm là xử lý trễ hạn của cơ quan SXD"
            ),
            "{}",
            processing.vi
        );
        assert!(
            !processing.vi.contains("xong bước xử lý"),
            "{}",
            processing.vi
        );
        assert!(
            processing.en.contains(
                "was already past its processing deadline (due 2026-11-09 08:30, Art. 8.1.b) when it was returned, 40 min of working time over"
            ),
            "{}",
            processing.en
        );
        assert!(
            !processing.en.contains("left processing"),
            "{}",
            processing.en
        );
        // A reply does finish processing.
        assert!(
            late_notices(341, &stops[1..], false)[0]
                .vi
                .contains("xong bước xử lý sau thời hạn")
        );
    }

    #[test]
    fn the_content_line_quotes_the_start_of_the_content_within_80_columns() {
        use unicode_width::UnicodeWidthStr;
        let long = "Vỉa hè đường Trần Phú đoạn gần chợ Bạc Liêu bị lấn chiếm, người đi bộ phải đi xuống lòng đường.\nTrang 2";
        let line = content_line(long, Lang::Vi).unwrap();
        assert!(
            line.starts_with("  Nội dung: “Vỉa hè đường Trần Phú"),
            "{line}"
        );
        assert!(line.ends_with("…”"), "{line}");
        assert!(line.width() <= 80, "{line}");
        assert_eq!(
            content_line("Ổ gà\ntrước nhà", Lang::En).as_deref(),
            Some("  Content: «Ổ gà trước nhà»")
        );
        assert_eq!(content_line(" \n", Lang::Vi), None);
    }

    #[test]
    fn a_stop_whose_times_cannot_be_read_says_nothing_rather_than_a_wrong_lateness() {
        assert!(
            late_notices(
                5,
                &[stop(Stage::Return, "hôm qua", "2026-11-09T08:00:00+07:00")],
                true
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
