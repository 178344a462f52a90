//! What `man` says besides its pages (`cli::shell` prints it): the folder it cannot make,
//! and how many pages it wrote there. Nothing here writes a file.

use std::path::Path;

use crate::i18n::Localized;

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

/// The `pages` manual pages written into `dir`.
pub fn pages_written(pages: usize, dir: &Path) -> Localized {
    Localized::new(
        format!("Đã ghi {pages} trang man vào {}.", dir.display()),
        format!("{pages} manual pages written to {}", dir.display()),
    )
}
