//! What `demo` says besides its tables (`cli::demo` prints it): the records of the reports
//! file it could not load, why it refused to start (a file it cannot read, one without a
//! report to play, a database that is not an earlier demo's), and the paragraphs around
//! its summary. Nothing here reads a file or the database.

use std::path::Path;

use crate::i18n::{Localized, io_vi, was_were};

/// The malformed records of the reports file, not loaded, and where to see them.
pub fn malformed_not_loaded(n: u64) -> Localized {
    Localized::new(
        format!("{n} dòng lỗi không được nạp (xem `phananh ingest` với tệp này)."),
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

/// The commands to try next, one a line within 80 columns, so that each copies whole.
pub fn try_next() -> Localized {
    Localized::new(
        "Thử tiếp:\n  phananh --db phananh-demo.sqlite --as tiepnhan.lan list --status assigned\n  phananh --db phananh-demo.sqlite --as lanhdao.minh audit verify",
        "Try next:\n  phananh --db phananh-demo.sqlite --as tiepnhan.lan list --status assigned\n  phananh --db phananh-demo.sqlite --as lanhdao.minh audit verify",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(try_next().vi.starts_with("Thử tiếp:\n  phananh --db"));
        // Each command a line within 80 columns, so that it copies whole.
        for line in try_next().en.lines() {
            assert!(line.chars().count() <= 80, "{line}");
        }
    }
}
