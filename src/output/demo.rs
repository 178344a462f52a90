//! What `demo` prints and says (`app::demo` plays, `cli::demo` hands over): the summary of
//! what was played (the steps, then the reports by status and month of submission, with
//! the paragraphs around them), the records of the reports file it could not load, and why
//! it refused to start (a file it cannot read, one without a report to play, a bad
//! `--until`, a database that is not an earlier demo's). Nothing here reads a file or the
//! database.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::domain::report::Status;
use crate::domain::time::Timestamp;
use crate::i18n::{Bilingual, Lang, Localized, io_vi, was_were};

/// What a demo played, for its summary.
pub struct Summary {
    /// The demo database.
    pub path: PathBuf,
    /// The earliest submission played.
    pub first: Option<Timestamp>,
    /// The moment play stopped.
    pub end: Timestamp,
    /// Steps done, by action name (`play::Played::actions`).
    pub steps: BTreeMap<&'static str, u64>,
    /// The reports by status, then by month of submission (YYYY-MM).
    pub by_status: BTreeMap<Status, BTreeMap<String, u64>>,
}

/// What was played: the database, the days, the steps, then the reports by status and
/// month of submission (a column a month, in order), and what to try next.
pub fn print(out: &mut dyn Write, summary: &Summary, l: Lang) -> Result<()> {
    writeln!(
        out,
        "{} {}",
        l.pick("Cơ sở dữ liệu trình diễn:", "Demo database:"),
        summary.path.display()
    )?;
    // Day first in Vietnamese, year first in English (where 01/08 reads as January 8).
    let first = summary
        .first
        .map(|f| f.format(l.pick("%d/%m/%Y", "%Y-%m-%d")).to_string())
        .unwrap_or_default();
    let end = summary
        .end
        .format(l.pick("%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"))
        .to_string();
    super::write_paragraph(out, played_through(&first, &end).text(l))?;
    let steps = STEP_ORDER
        .iter()
        .filter_map(|action| {
            let count = summary.steps.get(action)?;
            Some(vec![
                action_label(action, l).to_owned(),
                crate::i18n::grouped(count, l),
            ])
        })
        .collect();
    let step_headers = vec![
        l.pick("Bước", "Step").to_owned(),
        l.pick("Số lần", "Count").to_owned(),
    ];
    super::write_fitted(out, step_headers, steps, (&[], &[]), l)?;
    let months: std::collections::BTreeSet<&String> = summary
        .by_status
        .values()
        .flat_map(BTreeMap::keys)
        .collect();
    let mut header = vec![l.pick("Trạng thái", "Status").to_owned()];
    header.extend(months.iter().map(|m| format!("{}/{}", &m[5..7], &m[..4])));
    let statuses = summary
        .by_status
        .iter()
        .map(|(status, by_month)| {
            let mut row = vec![status.text(l).into_owned()];
            row.extend(
                months
                    .iter()
                    .map(|m| crate::i18n::grouped(by_month.get(*m).copied().unwrap_or(0), l)),
            );
            row
        })
        .collect();
    super::write_fitted(out, header, statuses, (&[], &[]), l)?;
    writeln!(out, "{}", try_next(&summary.path).text(l))?;
    Ok(())
}

/// The steps in workflow order, for the summary.
const STEP_ORDER: [&str; 14] = [
    "ingest",
    "accept",
    "reject",
    "classify",
    "duplicate",
    "assign",
    "return",
    "answer",
    "reply",
    "verify_send_back",
    "verify_approve",
    "mark_state_secret",
    "publish",
    "rate",
];

fn action_label(action: &str, lang: Lang) -> &str {
    let (vi, en) = match action {
        "ingest" => ("Nhận từ ứng dụng", "Ingested from the app"),
        "accept" => ("Kiểm tra: đủ điều kiện", "Validated: accepted"),
        "reject" => ("Kiểm tra: từ chối", "Validated: rejected"),
        "classify" => ("Phân loại lĩnh vực", "Classified"),
        "assign" => ("Phân phối cho cơ quan", "Assigned to an agency"),
        "answer" => ("Cổng trả lời trực tiếp", "Answered by the portal"),
        "return" => ("Cơ quan chuyển trả", "Returned by the agency"),
        "reply" => ("Cơ quan trả lời", "Replied by the agency"),
        "verify_approve" => ("Kiểm duyệt: đạt", "Verified"),
        "verify_send_back" => ("Yêu cầu xử lý lại", "Sent back for rework"),
        "mark_state_secret" => ("Đánh dấu bí mật nhà nước", "Marked state secret"),
        "publish" => (
            "Công khai / phản hồi riêng",
            "Published / answered privately",
        ),
        "rate" => ("Người dân đánh giá", "Rated by the citizen"),
        "duplicate" => ("Gộp trùng lặp", "Merged as duplicate"),
        other => (other, other),
    };
    lang.pick(vi, en)
}

/// A `--until` that is no time.
pub fn invalid_until(text: &str) -> Localized {
    if let Some(day) = super::context::no_such_day("--until", text) {
        return day;
    }
    Localized::new(
        format!("--until “{text}” không phải thời điểm hợp lệ; dùng RFC 3339."),
        format!("--until \"{text}\" is not a valid time; use RFC 3339"),
    )
}

/// The malformed records of the reports file, not loaded, and where to see them.
pub fn malformed_not_loaded(n: u64) -> Localized {
    Localized::new(
        format!(
            "{n} dòng lỗi không được nạp (xem `phananh ingest` với tệp này).",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} not loaded (run `phananh ingest` on the file to see them)",
            was_were(n, "malformed record", "malformed records")
        ),
    )
}

/// The reports `file` that could not be read, for `e`.
pub fn cannot_read(file: &Path, e: &std::io::Error) -> Localized {
    let file = file.display();
    Localized::new(
        format!("Không đọc được {file}: {}", io_vi(e)),
        format!("cannot read {file}: {e}"),
    )
}

/// A reports file without a report that says when it was sent: nothing to play.
pub fn nothing_to_play() -> Localized {
    Localized::new(
        "Tệp phản ánh không có phản ánh nào có thời gian gửi.",
        "the reports file has no report with a submission time",
    )
}

/// The file at `path` holds something other than an earlier demo: left untouched.
pub fn not_a_demo(path: &Path) -> Localized {
    let path = path.display();
    Localized::new(
        format!(
            "{path} đã chứa dữ liệu không phải của bản trình diễn; không ghi đè. Hãy chọn tệp khác bằng --db."
        ),
        format!(
            "{path} holds data that is not a demo; it was left untouched. Choose another file with --db"
        ),
    )
}

/// The paragraph above the summary: the days played, from `first` to `end`.
pub fn played_through(first: &str, end: &str) -> Localized {
    Localized::new(
        format!(
            "Đã phát lại phản ánh từ {first} đến {end} qua toàn bộ quy trình (QĐ 17/2022/QĐ-UBND)."
        ),
        format!(
            "Played the reports of {first} to {end} through the whole workflow (Decision No. 17/2022/QD-UBND)."
        ),
    )
}

/// The commands to try next on the database just played (`db`, as a shell reads it back:
/// a demo played into `--db` or `PHANANH_DB` is not at the default path), one a line
/// (within 80 columns for the default path), so that each copies whole.
pub fn try_next(db: &Path) -> Localized {
    let db = super::storage::shell_word(&db.display().to_string());
    let commands = format!(
        "  phananh --db {db} --as tiepnhan.lan list --status assigned\n  phananh --db {db} --as lanhdao.minh audit verify"
    );
    Localized::new(
        format!("Thử tiếp:\n{commands}"),
        format!("Try next:\n{commands}"),
    )
}

/// A reports file without the column `name`.
pub fn no_column(name: &str) -> Localized {
    Localized::new(
        format!("Tệp phản ánh không có cột {name}."),
        format!("the reports file has no {name} column"),
    )
}

/// A report of the file (`external_id`, `submitted`) after a later one (`latest`): the file
/// must be in time order.
pub fn out_of_order(external_id: &str, submitted: &Timestamp, latest: &Timestamp) -> Localized {
    use crate::domain::time;
    Localized::new(
        format!(
            "Phản ánh {} gửi lúc {} đứng sau một phản ánh gửi lúc {}: tệp phải xếp theo submitted_at.",
            external_id,
            time::format(submitted),
            time::format(latest)
        ),
        format!(
            "report {} submitted at {} comes after one submitted at {}: the file must be sorted by submitted_at",
            external_id,
            time::format(submitted),
            time::format(latest)
        ),
    )
}

/// The words the played officials write into the demo's reports: the portal's own answer
/// to a report no agency takes (Đ7.1.b), the reason an agency returns one, the reason the
/// portal sends a result back, and each field's reply.
pub mod played {
    /// The portal's answer to a report no agency takes.
    pub const PORTAL_ANSWER: &str = "Cổng Thông tin điện tử tỉnh đã tiếp nhận và hướng dẫn người phản ánh liên hệ cơ quan có thẩm quyền.";
    /// An agency's return of a report not its own.
    pub const RETURN_REASON: &str =
        "Không thuộc thẩm quyền của đơn vị; đề nghị chuyển cơ quan phù hợp.";
    /// The portal's send back of a result without a photo: says where the photos go, as
    /// `reply --help` tells the agency (their links in the result), since `reply` takes
    /// words only and "bổ sung ảnh" alone left the handler asking how.
    pub const SEND_BACK_REASON: &str = "Kết quả chưa kèm ảnh hiện trường sau xử lý. Đề nghị đơn vị đưa ảnh lên trang của đơn vị hoặc kho ảnh dùng chung, ghi đường dẫn (https://…) của từng ảnh vào kết quả rồi trả lời lại.";

    /// The agency's reply to a report of `field` (by its code).
    pub fn reply(field: Option<&str>) -> &'static str {
        match field {
            Some("GT") => {
                "Đơn vị đã cử lực lượng kiểm tra, vá mặt đường và cắm biển cảnh báo tại vị trí phản ánh."
            }
            Some("MT") => {
                "Đơn vị đã phối hợp đội thu gom dọn sạch rác, nhắc nhở các hộ dân không đổ rác ra kênh."
            }
            Some("DIEN") => {
                "Điện lực đã cử tổ kỹ thuật khắc phục sự cố, cấp điện trở lại cho khu vực."
            }
            Some("CN") => {
                "Công ty cấp nước đã súc xả đường ống và kiểm tra chất lượng nước đạt quy chuẩn."
            }
            Some("TTDT") => {
                "UBND đã lập biên bản, yêu cầu các hộ kinh doanh trả lại vỉa hè cho người đi bộ."
            }
            Some("HTDT") => {
                "Đơn vị đã thay bóng đèn chiếu sáng và nạo vét cống thoát nước tại khu vực."
            }
            Some("ANTT") => {
                "Công an đã xác minh, nhắc nhở và xử lý các trường hợp vi phạm theo quy định."
            }
            Some("YT") | Some("ATTP") => {
                "Đoàn kiểm tra đã làm việc với cơ sở, lấy mẫu kiểm nghiệm và xử lý vi phạm."
            }
            _ => "Cơ quan đã kiểm tra hiện trường và xử lý nội dung phản ánh theo thẩm quyền.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The played send-back asked for photos without saying where to put them; it asks for
    /// their links in the result, in the words `reply --help` gives the agency.
    #[test]
    fn the_played_send_back_says_where_the_photos_go() {
        let reason = played::SEND_BACK_REASON;
        assert!(reason.contains("đường dẫn (https://…)"), "{reason}");
        assert!(reason.contains("kho ảnh dùng chung"), "{reason}");
    }

    /// The summary's tables count steps and reports as every count is written: "1.200"
    /// under the headers, as in the line that says how many events were played.
    #[test]
    fn the_summary_tables_group_thousands() {
        let summary = Summary {
            path: PathBuf::from("phananh-demo.sqlite"),
            first: None,
            end: crate::domain::time::stored("2026-10-31T17:20:00+07:00").unwrap(),
            steps: BTreeMap::from([("ingest", 1200)]),
            by_status: BTreeMap::from([(
                Status::Received,
                BTreeMap::from([("2026-08".to_owned(), 1500)]),
            )]),
        };
        let printed = |l: Lang| {
            let mut out = Vec::new();
            print(&mut out, &summary, l).unwrap();
            String::from_utf8(out).unwrap()
        };
        let (vi, en) = (printed(Lang::Vi), printed(Lang::En));
        assert!(vi.contains("1.200") && vi.contains("1.500"), "{vi}");
        assert!(en.contains("1,200") && en.contains("1,500"), "{en}");
    }

    /// The demo's lines no integration test reads whole, in each language.
    #[test]
    fn the_demo_lines_read_in_each_language() {
        assert_eq!(
            malformed_not_loaded(1).en,
            "1 malformed record was not loaded (run `phananh ingest` on the file to see them)"
        );
        assert_eq!(
            malformed_not_loaded(2).vi,
            "2 dòng lỗi không được nạp (xem `phananh ingest` với tệp này)."
        );
        assert_eq!(
            not_a_demo(Path::new("a.sqlite")).en,
            "a.sqlite holds data that is not a demo; it was left untouched. Choose another file with --db"
        );
        let played = played_through("01/08/2026", "31/10/2026 17:20");
        assert_eq!(
            played.vi,
            "Đã phát lại phản ánh từ 01/08/2026 đến 31/10/2026 17:20 qua toàn bộ quy trình (QĐ 17/2022/QĐ-UBND)."
        );
        // The days played, as each language's readers write a day.
        let summary = Summary {
            path: PathBuf::from("phananh-demo.sqlite"),
            first: crate::domain::time::stored("2026-08-01T03:52:47+07:00"),
            end: crate::domain::time::stored("2026-10-31T17:20:00+07:00").unwrap(),
            steps: BTreeMap::new(),
            by_status: BTreeMap::new(),
        };
        let printed = |l: Lang| {
            let mut out = Vec::new();
            print(&mut out, &summary, l).unwrap();
            // Read as words: the paragraph is wrapped to the width.
            let text = String::from_utf8(out).unwrap();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        assert!(printed(Lang::Vi).contains("từ 01/08/2026 đến 31/10/2026 17:20"));
        assert!(printed(Lang::En).contains("of 2026-08-01 to 2026-10-31 17:20"));
        let default = try_next(Path::new("phananh-demo.sqlite"));
        assert!(
            default
                .vi
                .starts_with("Thử tiếp:\n  phananh --db phananh-demo.sqlite --as")
        );
        // Each command a line within 80 columns, so that it copies whole.
        for line in default.en.lines() {
            assert!(line.chars().count() <= 80, "{line}");
        }
        // A path a shell would split is quoted, so that the command still names it.
        assert!(
            try_next(Path::new("thử nghiệm/demo.sqlite"))
                .vi
                .contains("phananh --db 'thử nghiệm/demo.sqlite' --as lanhdao.minh audit verify")
        );
    }
}
