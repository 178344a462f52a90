//! What `man` words (`cli::shell` renders clap's part of a page and prints): the manual's
//! name, the section headings in the page's language, its environment and exit statuses,
//! roff's escaping; the folder it cannot make, and how many pages it wrote there. Nothing
//! here writes a file.

use std::path::Path;

use crate::i18n::{Lang, Localized};

/// The folder `--out` names could not be made, for `e`.
pub fn cannot_create_folder(dir: &Path, e: &std::io::Error) -> Localized {
    Localized::new(
        format!(
            "Không tạo được thư mục {}: {}",
            dir.display(),
            crate::i18n::io_write_vi(e)
        ),
        format!("cannot create the folder {}: {e}", dir.display()),
    )
}

/// `man --out` refused through sudo for another person: it would write as the service
/// account.
pub fn not_for_another(dir: &Path) -> Localized {
    Localized::new(
        format!(
            "Không ghi {}: phananh đang chạy qua sudo cho người khác, với tài khoản dịch vụ sở hữu cơ sở dữ liệu, và các trang man không bao giờ được ghi dưới tài khoản ấy. Cài trang man bằng quyền root lúc cài đặt (docs/huong-dan.md §1), hoặc đọc ngay bằng `phananh man` (in ra đầu ra chuẩn). Không có gì được ghi.",
            dir.display()
        ),
        format!(
            "{} not written: phananh runs through sudo for another person, as the service account that owns the database, and manual pages are never written as that account. Install them as root at install time (docs/huong-dan.md §1), or read them now with `phananh man` (printed to standard output). Nothing was written",
            dir.display()
        ),
    )
}

/// The `pages` manual pages written into `dir`.
pub fn pages_written(pages: usize, dir: &Path) -> Localized {
    Localized::new(
        format!(
            "Đã ghi {pages} trang man vào {}.",
            dir.display(),
            pages = crate::i18n::grouped(pages, crate::i18n::Lang::Vi)
        ),
        format!(
            "{pages} manual pages written to {}",
            dir.display(),
            pages = crate::i18n::grouped(pages, crate::i18n::Lang::En)
        ),
    )
}

/// The name of the manual the pages belong to, on their title line.
pub fn manual(lang: Lang) -> &'static str {
    lang.pick("Hướng dẫn sử dụng phananh", "phananh manual")
}

/// A page as clap_mangen rendered it (`page`), its section headings in `lang`: clap names
/// them in English, the subcommands' after the help's own heading ("Lệnh").
pub fn sections_named(page: &str, lang: Lang) -> String {
    let mut text = page.to_owned();
    if lang == Lang::Vi {
        for (en, vi) in [
            (".SH NAME", ".SH TÊN"),
            (".SH SYNOPSIS", ".SH TÓM TẮT"),
            (".SH DESCRIPTION", ".SH MÔ TẢ"),
            (".SH Lệnh", ".SH LỆNH"),
        ] {
            text = text.replace(en, vi);
        }
    }
    text
}

pub fn examples_heading(lang: Lang) -> &'static str {
    lang.pick("VÍ DỤ", "EXAMPLES")
}

pub fn see_also_heading(lang: Lang) -> &'static str {
    lang.pick("XEM THÊM", "SEE ALSO")
}

/// The ENVIRONMENT section: the variables standing for the global options.
pub fn environment(lang: Lang) -> String {
    let items: [(&str, &str, &str); 5] = [
        (
            "PHANANH_DB",
            "Tệp cơ sở dữ liệu, như --db (mặc định phananh.sqlite).",
            "The database file, as --db (default phananh.sqlite).",
        ),
        (
            "PHANANH_USER",
            "Tài khoản thao tác, như --as.",
            "The acting account, as --as.",
        ),
        (
            "PHANANH_NOW",
            "Thời điểm coi là hiện tại (RFC 3339), như --now.",
            "The tool's clock (RFC 3339), as --now.",
        ),
        (
            "PHANANH_KEY_FILE",
            "Tệp khóa mở danh tính người phản ánh, như --key-file (mặc định: tệp cơ sở dữ liệu thêm .key).",
            "The key file of reporters' identities, as --key-file (default: the database file plus .key).",
        ),
        (
            "PHANANH_LANG",
            "Ngôn ngữ: vi (mặc định) hoặc en, như --lang.",
            "The language: vi (the default) or en, as --lang.",
        ),
    ];
    tagged_section(("MÔI TRƯỜNG", "ENVIRONMENT"), &items, lang)
}

/// The EXIT STATUS section: the exit statuses of docs/rules.md §7.
pub fn exit_status(lang: Lang) -> String {
    let items: [(u8, &str, &str); 6] = [
        (0, "Thành công.", "Success."),
        (
            1,
            "Thao tác bị từ chối hoặc dữ liệu vào không hợp lệ; cơ sở dữ liệu giữ nguyên.",
            "A refused action or bad input; the database is left as it was.",
        ),
        (
            2,
            "Cách dùng sai (đối số, tùy chọn).",
            "Bad usage (arguments, options).",
        ),
        (
            3,
            "sweep --fail-on-breach tìm thấy hạn mới bị quá.",
            "sweep --fail-on-breach found a new breach.",
        ),
        (
            4,
            "Cơ sở dữ liệu vẫn bận sau thời gian chờ.",
            "The database was still busy after the wait.",
        ),
        (
            5,
            "Kiểm tra nhật ký hoặc kiểm tra toàn vẹn phát hiện sai lệch.",
            "An audit or integrity check failed.",
        ),
    ];
    tagged_section(("TRẠNG THÁI THOÁT", "EXIT STATUS"), &items, lang)
}

/// A section of the manual page (`heading`, in Vietnamese and English) of tagged
/// paragraphs: each item's term in bold, then its text in `lang`.
fn tagged_section<T: std::fmt::Display>(
    (heading_vi, heading_en): (&str, &str),
    items: &[(T, &str, &str)],
    lang: Lang,
) -> String {
    let mut text = format!(".SH {}\n", lang.pick(heading_vi, heading_en));
    for (term, vi, en) in items {
        text.push_str(&format!(
            ".TP\n.B {term}\n{}\n",
            roff_line(lang.pick(vi, en))
        ));
    }
    text
}

/// Text for a roff line: backslashes and hyphens escaped, a leading dot or quote kept as text.
pub fn roff_line(line: &str) -> String {
    let escaped = escape(line);
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// Text for roff: backslashes and hyphens escaped.
pub fn escape(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}
