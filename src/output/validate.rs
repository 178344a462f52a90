//! What `validate` shows and says (`cli::validate` prints it): the verdicts, listed or as a
//! table of the rejections; the closing tally,
//! which names the reports left unchecked because they were changed outside phananh (a desk
//! that reads only the count would take the queue for done); the warning for names holding
//! a phone number; and the paragraphs around the table of rejections. Built from what
//! `app::validate` judged; nothing here reads the database.

use anyhow::Result;
use serde::Serialize;

use super::Listing;
use crate::domain::audit::ChainBreak;
use crate::domain::report::Status;
use crate::domain::validate::{LOST_ZERO_NOTE, Reason};
use crate::i18n::{Bilingual, Lang, Localized, count_en};
use crate::output::journal::edited_named;

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
                crate::i18n::grouped(edited.len(), Lang::Vi)
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
            "Đã kiểm tra {checked} phản ánh: {accepted} tiếp nhận, {rejected} từ chối{unchecked_vi}.",
            checked = crate::i18n::grouped(checked, crate::i18n::Lang::Vi),
            accepted = crate::i18n::grouped(accepted, crate::i18n::Lang::Vi),
            rejected = crate::i18n::grouped(rejected, crate::i18n::Lang::Vi)
        ),
        format!(
            "checked {}: {accepted} accepted, {rejected} rejected{unchecked_en}",
            count_en(checked, "report", "reports"),
            accepted = crate::i18n::grouped(accepted, crate::i18n::Lang::En),
            rejected = crate::i18n::grouped(rejected, crate::i18n::Lang::En),
        ),
    )
}

/// The warning for reports accepted with a phone number in the reporter's name field
/// (docs/rules.md §1 \[choice\]): named by number only, the name and phone being personal
/// data (Đ6.5), for reception to look at with a logged reveal.
pub fn phone_in_name(ids: &[i64]) -> Option<Localized> {
    if ids.is_empty() {
        return None;
    }
    let list = edited_named(ids);
    let one = ids.len() == 1;
    Some(Localized::new(
        format!(
            "cảnh báo: tên người phản ánh của phản ánh {list} có chứa một số điện thoại bên cạnh tên; vẫn tiếp nhận (khoản 3 Điều 6 cần tên, và tên đã có). Hãy xem lại danh tính bằng `phananh show SỐ --reveal --reason \"...\"` và báo bên quản lý ứng dụng."
        ),
        format!(
            "warning: the reporter's name of {} {list} holds a phone number besides the name; accepted all the same (Article 6.3 asks for the name, which is given). Check the identity with `phananh show ID --reveal --reason \"...\"` and tell the app's operator",
            if one { "report" } else { "reports" }
        ),
    ))
}

/// A report accepted that may be report `other` sent again (`app::validate::
/// possible_repeats`): a hint, with the command that merges it if reception agrees.
pub fn possible_repeat(id: i64, other: i64) -> Localized {
    Localized::new(
        format!(
            "Lưu ý: phản ánh {id} có thể trùng với phản ánh {other} (cùng nội dung và xã, phường, gửi cách nhau không quá 7 ngày). Nếu đúng là một sự việc: `phananh duplicate {id} --of {other}`."
        ),
        format!(
            "Note: report {id} may repeat report {other} (the same content and commune, sent at most 7 days apart). If they are one event: `phananh duplicate {id} --of {other}`"
        ),
    )
}

/// The warning for a report just accepted whose texts, public from now on, name other
/// people, speak of someone's health or set it at the reporter's home
/// (`domain::open311::exposure`): what was found, that
/// it is already public, and that phananh cannot hold a loaded report's content back (the
/// Đ9.2 flag comes only with the report, at the reporter's request: docs/rules.md §6).
pub fn exposed(id: i64, exposure: &crate::domain::open311::Exposure) -> Localized {
    let (mut vi_what, mut en_what) =
        crate::output::workflow::exposure_found(&exposure.all_people(), &exposure.health);
    if let Some((home_vi, home_en)) = crate::output::workflow::home_found(exposure.home) {
        for (what, home) in [(&mut vi_what, home_vi), (&mut en_what, home_en)] {
            if !what.is_empty() {
                what.push_str("; ");
            }
            what.push_str(&home);
        }
    }
    Localized::new(
        format!(
            "Cảnh báo: phản ánh {id} vừa tiếp nhận đã có trên kênh công khai (`export open311`, `export csv --public`), nội dung nguyên văn (phananh chỉ tự ẩn họ tên, số điện thoại của người phản ánh), và nội dung ấy nêu {vi_what}. Hãy xem đó có phải người dân cần giữ kín không (Luật Bảo vệ dữ liệu cá nhân: sức khỏe là dữ liệu nhạy cảm; tên cán bộ, cơ quan thì giữ). phananh chưa có lệnh giữ kín nội dung một phản ánh đã nạp (chỉ cột confidential khi nạp, theo yêu cầu của người phản ánh, khoản 2 Điều 9): nếu cần giữ kín, hãy báo ngay quản trị viên để tạm ngừng đăng kênh công khai."
        ),
        format!(
            "warning: report {id}, just accepted, is in the public feed (`export open311`, `export csv --public`) with its content as written (phananh hides only the reporter's own name and phone), and that content names {en_what}. Check whether they are private persons to keep out (Law 91/2025/QH15 on personal data: health is sensitive data; an official's or a body's name stays). phananh has no command to keep a loaded report's content out of public views (only the confidential column at ingest, at the reporter's request, Article 9.2): if it must be kept out, tell the admin now to pause the public feed"
        ),
    )
}

/// Accepted reports whose public texts name other people, speak of someone's health or
/// set them at the reporter's home (`open311::exposure_once_accepted`): the first
/// [`Exposed::SHOWN`] with what was found, told one by one, and how many there are in all.
/// `validate` and `ingest --validate` keep and tell them alike.
#[derive(Debug, Default)]
pub struct Exposed {
    pub shown: Vec<(i64, crate::domain::open311::Exposure)>,
    pub all: u64,
}

impl Exposed {
    /// Told one by one; the rest are counted (a backfill may accept thousands).
    pub const SHOWN: usize = 10;

    /// Report `id`, stored as accepted, gives `exposure` away.
    pub fn note(&mut self, id: i64, exposure: crate::domain::open311::Exposure) {
        if self.shown.len() < Self::SHOWN {
            self.shown.push((id, exposure));
        }
        self.all += 1;
    }

    /// `later`'s after these, as if noted in one run (a load's files, in order).
    pub fn append(&mut self, later: Exposed) {
        let room = Self::SHOWN.saturating_sub(self.shown.len());
        self.shown.extend(later.shown.into_iter().take(room));
        self.all += later.all;
    }

    /// The warnings: one per report shown, then how many more.
    pub fn notices(&self) -> Vec<Localized> {
        let mut said: Vec<Localized> = self
            .shown
            .iter()
            .map(|(id, exposure)| exposed(*id, exposure))
            .collect();
        let more = self.all.saturating_sub(self.shown.len() as u64);
        if more > 0 {
            said.push(more_exposed(more));
        }
        said
    }
}

/// The accepted reports warned of beyond those named one by one.
pub fn more_exposed(more: u64) -> Localized {
    Localized::new(
        format!(
            "… và {} phản ánh vừa tiếp nhận nữa có nội dung công khai nêu họ tên người khác, sức khỏe của ai đó hoặc nhà người phản ánh; xem từng phản ánh bằng `phananh export open311 --id MÃ`.",
            crate::i18n::grouped(more, Lang::Vi)
        ),
        format!(
            "… and {} more just accepted whose public content names other people, someone's health or the reporter's home; see each with `phananh export open311 --id APPID`",
            crate::i18n::grouped(more, Lang::En)
        ),
    )
}

/// The possible repeats beyond those named one by one.
pub fn more_repeats(n: u64) -> Localized {
    Localized::new(
        format!(
            "… và {} phản ánh nữa có thể trùng với một phản ánh trước; xem `phananh list --status accepted`.",
            crate::i18n::grouped(n, Lang::Vi)
        ),
        format!(
            "… and {} more that may repeat an earlier report; see `phananh list --status accepted`",
            crate::i18n::grouped(n, Lang::En)
        ),
    )
}

/// The line above the table of rejections.
pub fn rejected(n: u64) -> Localized {
    Localized::new(
        format!(
            "Từ chối tiếp nhận: {n} phản ánh.",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!("Rejected: {}.", count_en(n, "report", "reports")),
    )
}

/// The line under a table of rejections cut at its rows: how many more, and how to list them.
pub fn more_rejected(more: u64) -> Localized {
    Localized::new(
        format!(
            "… và {more} phản ánh bị từ chối khác: xem đủ bằng --format csv hoặc json.",
            more = crate::i18n::grouped(more, crate::i18n::Lang::Vi)
        ),
        format!(
            "… and {more} more rejected: --format csv or json lists them all.",
            more = crate::i18n::grouped(more, crate::i18n::Lang::En)
        ),
    )
}

/// The accepted reports, only counted under the table, with the table that lists them: the
/// queue waiting for dispatch, which the desk reads next (CSV and JSON are no screen).
pub fn accepted(n: u64) -> Localized {
    Localized::new(
        format!(
            "Tiếp nhận: {n} phản ánh (không liệt kê ở đây; danh sách chờ phân phối: `phananh list --status accepted`).",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "Accepted: {} (not listed here; the queue waiting for dispatch: `phananh list --status accepted`).",
            count_en(n, "report", "reports")
        ),
    )
}

/// The edited reports left unchecked (`edited`, those of them whose sealing event does not
/// hold in `unheld`), named as an integrity failure; `judged`, how many others the run gave
/// a verdict.
pub fn edited_unchecked(edited: &[i64], unheld: &[(i64, i64)], judged: u64) -> Localized {
    let (rows, close) = (
        crate::output::journal::left_out_rows(edited, unheld),
        crate::output::journal::edited_close(),
    );
    let (what_vi, what_en) = crate::output::journal::not_to_seal(edited, unheld);
    let one = edited.len() == 1;
    let status = Status::Received;
    Localized::new(
        format!(
            "{}. {} không được kiểm tra, vẫn ở trạng thái “{}”, {what_vi}; {judged} phản ánh khác đã được kiểm tra. {}",
            rows.vi,
            if one { "Nó" } else { "Chúng" },
            status.text(Lang::Vi),
            close.vi,
            judged = crate::i18n::grouped(judged, crate::i18n::Lang::Vi)
        ),
        format!(
            "{}. {}, {what_en}; {}. {}",
            rows.en,
            if one {
                "It was not checked and stays received"
            } else {
                "They were not checked and stay received"
            },
            count_en(
                judged,
                "other report was checked",
                "other reports were checked"
            ),
            close.en
        ),
    )
}

/// The refusal of a check whose own settings' row (`validate.*`) the log does not vouch for.
pub fn settings_unvouched(problem: &ChainBreak) -> Localized {
    super::audit::unvouched(
        problem,
        ("bước kiểm tra tiếp nhận đọc", "the reception check reads"),
        ("chưa kiểm tra phản ánh nào", "no report was checked"),
    )
}

/// The label of the check's progress bar.
pub fn progress_label(lang: Lang) -> &'static str {
    lang.pick("Kiểm tra", "Validating")
}

/// One report's verdict.
#[derive(Debug, Serialize)]
pub struct Verdict {
    pub id: i64,
    pub external_id: String,
    pub status: Status,
    pub reasons: String,
    pub explanation: String,
}

impl Verdict {
    /// The explanation in English, from the reason codes (the stored one is the Vietnamese
    /// text the citizen is sent), with its note of a phone that lost its leading 0 when the
    /// stored one has it.
    fn explanation_en(&self) -> String {
        self.reasons
            .split(',')
            .filter_map(Reason::from_code)
            .map(|r| self.reason_text(r, Lang::En))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// One reason's explanation in `lang`; an invalid phone's with the note of a lost
    /// leading 0 when the stored explanation has it (`domain::validate::explanation`).
    fn reason_text(&self, reason: Reason, lang: Lang) -> String {
        let text = reason.text(lang);
        if reason == Reason::InvalidPhone && self.explanation.contains(LOST_ZERO_NOTE.0) {
            let note = lang.pick(LOST_ZERO_NOTE.0, LOST_ZERO_NOTE.1);
            format!("{}{note}.", text.trim_end_matches('.'))
        } else {
            text.into_owned()
        }
    }

    /// The verdict as a reader of `lang` is given it: CSV and JSON are written from the
    /// fields, so the explanation is put in that language here, as the table's cell is.
    pub fn in_lang(mut self, lang: Lang) -> Verdict {
        if lang == Lang::En {
            self.explanation = self.explanation_en();
        }
        self
    }
}

impl Verdict {
    /// The reasons for rejection in words (an unknown code as stored); the standard CSV and
    /// JSON keep their codes for scripts.
    fn reason_words(&self, lang: Lang) -> String {
        self.reasons
            .split(',')
            .filter(|code| !code.is_empty())
            .map(|code| Reason::from_code(code).map_or(code, |r| r.label(lang)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Listing for Verdict {
    const KEYS: &'static [&'static str] =
        &["id", "external_id", "status", "reasons", "explanation"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Số", "Mã ứng dụng", "Kết quả", "Lý do", "Giải thích"],
            vec!["Id", "External id", "Status", "Reasons", "Explanation"],
        )
    }

    /// The status and the reasons as the table words them.
    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        match key {
            "status" => Some(self.status.text(lang).into_owned()),
            "reasons" => Some(self.reason_words(lang)),
            _ => None,
        }
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let status = self.status.text(lang);
        let explanation = lang.pick(self.explanation.clone(), self.explanation_en());
        let reasons = self.reason_words(lang);
        vec![
            self.id.to_string(),
            self.external_id.clone(),
            status.into_owned(),
            reasons,
            explanation,
        ]
    }
}

/// The table of a validation: the rejections, which are what the desk acts on (a citizen to
/// tell, a report to look at again), each with its reasons in words, one a line; the
/// accepted reports only counted under it (CSV and JSON list every verdict). Listing the
/// accepted ones too put 14 of the first day's 34 rejections past the table's 200 rows, and
/// the columns of status and reason codes left the explanation 6 characters at 80 columns.
#[derive(Default)]
pub struct Rejections {
    held: Vec<Verdict>,
    more: u64,
}

impl Rejections {
    pub fn push(&mut self, verdict: Verdict) {
        if verdict.status != Status::Rejected {
            return;
        }
        if self.held.len() < super::TABLE_ROWS {
            self.held.push(verdict);
        } else {
            self.more += 1;
        }
    }

    pub fn write(&self, out: &mut dyn std::io::Write, accepted: u64, l: Lang) -> Result<()> {
        let rejected = self.held.len() as u64 + self.more;
        if rejected > 0 {
            super::write_paragraph(out, self::rejected(rejected).text(l))?;
            let headers = l
                .pick(
                    ["Số", "Mã ứng dụng", "Lý do từ chối"],
                    ["Id", "External id", "Why rejected"],
                )
                .map(str::to_owned)
                .into();
            let rows = self.held.iter().map(|v| row(v, l)).collect();
            // The app's id goes before the explanation does; the numbers' headers stay
            // whole above ids shorter than they are (a test file's "R-1").
            let kinds = super::layout::Kinds {
                headed: &[0, 1],
                ..super::layout::Kinds::default()
            };
            super::write_fitted_headed(out, headers, rows, (&[1], &[]), kinds, l)?;
            if self.more > 0 {
                super::write_paragraph(out, more_rejected(self.more).text(l))?;
            }
        }
        if accepted > 0 {
            super::write_message(out, self::accepted(accepted).text(l))?;
        }
        Ok(())
    }
}

/// A rejection's row: its numbers and each reason's explanation on a line of its own; the
/// stored explanation (Vietnamese) where a code is not one this version knows.
fn row(verdict: &Verdict, l: Lang) -> Vec<String> {
    let codes: Vec<&str> = verdict
        .reasons
        .split(',')
        .filter(|code| !code.is_empty())
        .collect();
    let reasons: Option<Vec<Reason>> = codes.iter().map(|c| Reason::from_code(c)).collect();
    let why = match reasons {
        Some(reasons) if !reasons.is_empty() => reasons
            .iter()
            .map(|&r| verdict.reason_text(r, l))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => verdict.explanation.clone(),
    };
    vec![verdict.id.to_string(), verdict.external_id.clone(), why]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tally and the lines around its table group thousands in both languages.
    #[test]
    fn the_tally_groups_thousands() {
        let tally = checked(2508, 1200, &[]);
        assert!(
            tally
                .vi
                .contains("2.508 phản ánh: 1.200 tiếp nhận, 1.308 từ chối"),
            "{}",
            tally.vi
        );
        assert!(
            tally
                .en
                .contains("2,508 reports: 1,200 accepted, 1,308 rejected"),
            "{}",
            tally.en
        );
        assert_eq!(rejected(1308).vi, "Từ chối tiếp nhận: 1.308 phản ánh.");
        assert_eq!(rejected(1308).en, "Rejected: 1,308 reports.");
        assert!(more_rejected(4000).vi.contains("và 4.000 phản ánh"));
        assert!(more_rejected(4000).en.contains("and 4,000 more"));
    }

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
