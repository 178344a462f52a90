//! What `init` says (`cli::init` prints it): the identity key made, to be backed up apart
//! from the database's backups, and the database made with its first admin, or why the
//! admin's username was refused before anything was made. Nothing here reads the database.

use std::path::Path;

use crate::domain::identity::AuthMode;
use crate::i18n::Localized;

/// The name of the first admin when `init` is given none (the demo's too).
pub const ADMIN_NAME: &str = "Quản trị hệ thống";

/// The refusal of `--admin`, for why `refusal` says: nothing was made.
pub fn admin_refused(refusal: &Localized) -> Localized {
    Localized::new(
        format!("--admin: {}. Không tạo gì.", refusal.vi),
        format!("--admin: {}; nothing was created", refusal.en),
    )
}

/// The identity key made at `key`, and where to keep its copy.
pub fn key_made(key: &Path) -> Localized {
    let key = key.display();
    Localized::new(
        format!(
            "Đã tạo khóa danh tính {key} (quyền 0600): thiếu nó thì không đọc được họ tên, số điện thoại người phản ánh. Hãy sao lưu khóa riêng, không để cùng chỗ với bản sao lưu cơ sở dữ liệu (SECURITY.md)."
        ),
        format!(
            "created the identity key {key} (mode 0600): without it reporters' names and phones cannot be read. Back it up apart from the database's backups (SECURITY.md)"
        ),
    )
}

/// The database made at `path` with the `schema` version, its first `admin` account bound
/// to `login`, and its authentication `mode`.
pub fn created(path: &Path, schema: i64, admin: &str, login: &str, mode: AuthMode) -> Localized {
    let (path, mode) = (path.display(), mode.as_str());
    Localized::new(
        format!(
            "Đã tạo {path} (lược đồ phiên bản {schema}), tài khoản quản trị: {admin} (tài khoản hệ điều hành {login}), chế độ xác thực: {mode}."
        ),
        format!(
            "created {path} (schema version {schema}), admin account: {admin} (login {login}), authentication: {mode}"
        ),
    )
}
