//! What `audit keygen`, `audit checkpoint` and `audit verify --checkpoint` say when they
//! refuse (`app::checkpoint` returns these as its errors): a file that stands in the way or
//! cannot be read, a key or a signature that is not what it should be, a chain that is not
//! signed. The library's own reason (minisign's, the system's) is kept as it says it.
//! Nothing here reads a file or decides anything.

use std::fmt::Display;
use std::path::Path;

use crate::domain::audit::ChainBreak;
use crate::i18n::{Bilingual, Localized};
use crate::storage::private::{ReadError, Standing};

/// Which file of a checkpoint was being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    SecretKey,
    PublicKey,
    Checkpoint,
    Signature,
}

impl Read {
    fn vi(self) -> &'static str {
        match self {
            Read::SecretKey => "khóa bí mật",
            Read::PublicKey => "khóa công khai",
            Read::Checkpoint => "điểm kiểm tra",
            Read::Signature => "chữ ký",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Read::SecretKey => "secret key",
            Read::PublicKey => "public key",
            Read::Checkpoint => "checkpoint",
            Read::Signature => "signature",
        }
    }
}

/// A key or checkpoint file that could not be created (one already there is never replaced).
pub fn not_created(path: &Path, e: &std::io::Error) -> Localized {
    Localized::new(
        format!(
            "Không tạo được {}: {}; tệp đã có thì không bị ghi đè, hãy chọn tên khác.",
            path.display(),
            crate::i18n::io_write_vi(e)
        ),
        format!(
            "cannot create {}: {e}; an existing file is never overwritten, choose another name",
            path.display()
        ),
    )
}

/// Something other than a regular file stands where `what` was to be read; `advice` is how
/// to move it away (`output::storage::move_away_advice`), in each language.
pub fn not_a_regular_file(
    path: &Path,
    what: Read,
    standing: Standing,
    (move_vi, move_en): (&str, &str),
) -> Localized {
    Localized::new(
        format!(
            "Không đọc {} {}: ở đó là {}, không phải một tệp thường. Không có gì thay đổi; {move_vi} rồi chạy lại, hoặc chỉ đúng tệp.",
            what.vi(),
            path.display(),
            standing.vi()
        ),
        format!(
            "did not read the {} {}: it is {}, not a regular file. Nothing was changed; {move_en} and run again, or name the right file",
            what.en(),
            path.display(),
            standing.en()
        ),
    )
}

/// `what` could not be read.
pub fn unreadable(path: &Path, what: Read, e: &ReadError) -> Localized {
    Localized::new(
        format!(
            "Không đọc được {} {}: {}",
            what.vi(),
            path.display(),
            e.vi()
        ),
        format!("cannot read the {} {}: {e}", what.en(), path.display()),
    )
}

/// `what` is not text. The decoder's own words are English: the Vietnamese says where
/// the first byte that is no UTF-8 stands.
pub fn not_text(path: &Path, what: Read, e: &std::string::FromUtf8Error) -> Localized {
    Localized::new(
        format!(
            "Không đọc được {} {}: tệp không phải văn bản UTF-8 (byte thứ {} không đọc được)",
            what.vi(),
            path.display(),
            e.utf8_error().valid_up_to() + 1
        ),
        format!("cannot read the {} {}: {e}", what.en(), path.display()),
    )
}

/// `audit keygen` would replace a key file.
pub fn key_exists(path: &Path) -> Localized {
    Localized::new(
        format!(
            "{} đã tồn tại và không bị ghi đè; hãy chọn tên khác cho --out.",
            path.display()
        ),
        format!(
            "{} already exists and was not overwritten; choose another name for --out",
            path.display()
        ),
    )
}

/// What minisign failed at, for the few failures of the library itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    GenerateKeyPair,
    WriteSecretKey,
    WritePublicKey,
    Sign,
}

/// minisign itself failed: no randomness to give, or a key or a signature it cannot encode.
/// Its reason `e` is English and nothing better is known of it: the Vietnamese message says
/// minisign failed and quotes it in parentheses, for a technician. Each step comes before
/// any file is written (`app::checkpoint::keygen`, `app::checkpoint::checkpoint`).
pub fn minisign_failed(step: Step, e: &impl Display) -> Localized {
    let (vi, en) = match step {
        Step::GenerateKeyPair => ("Không tạo được cặp khóa", "generating a key pair"),
        Step::WriteSecretKey => ("Không ghi được khóa bí mật", "writing the secret key"),
        Step::WritePublicKey => ("Không ghi được khóa công khai", "writing the public key"),
        Step::Sign => ("Không ký được điểm kiểm tra", "signing the checkpoint"),
    };
    Localized::new(
        format!(
            "{vi}: thư viện ký minisign báo lỗi ({e}). Chưa ghi tệp nào; hãy chạy lại, nếu lỗi còn thì báo quản trị viên kèm nguyên văn thông báo này."
        ),
        format!(
            "{en}: {e}. Nothing was written; run again, and if it persists, tell an admin, quoting this message"
        ),
    )
}

/// The file given to `audit checkpoint --key` is not a secret key it can sign with. minisign's
/// reason `e` is English ("failed to fill whole buffer" for a public key given instead): the
/// English message quotes it, the Vietnamese one names what such a file usually is.
pub fn not_a_secret_key(path: &Path, e: &impl Display) -> Localized {
    Localized::new(
        format!(
            "{} không phải là khóa bí mật minisign không mật khẩu (có thể là khóa công khai, khóa có mật khẩu hoặc một tệp khác); hãy tạo bằng `phananh audit keygen`.",
            path.display()
        ),
        format!(
            "{} is not a minisign secret key without a passphrase ({e}); make one with `phananh audit keygen`",
            path.display()
        ),
    )
}

/// The signing key of `audit checkpoint` has `mode`, readable or writable by other accounts.
pub fn signing_key_too_open(path: &Path, mode: u32) -> Localized {
    let shown = path.display();
    Localized::new(
        format!(
            "Tệp khóa ký {shown} có quyền {mode:04o}: tài khoản khác trên máy đọc hoặc sửa được nó, nên chữ ký bằng khóa này không chứng minh được gì; phananh không dùng nó. Hãy chạy `chmod 600 {shown}` rồi chạy lại; nếu khóa có thể đã bị đọc, hãy tạo khóa mới bằng `phananh audit keygen` và dùng khóa công khai mới để kiểm tra."
        ),
        format!(
            "the signing key {shown} has mode {mode:04o}: other accounts on this machine can read or change it, so a signature made with it proves nothing, and phananh will not use it; run `chmod 600 {shown}`, then run again; if the key may have been read, make a new one with `phananh audit keygen` and verify with its new public key"
        ),
    )
}

/// `audit checkpoint` would replace a checkpoint or its signature.
pub fn checkpoint_exists(path: &Path) -> Localized {
    Localized::new(
        format!(
            "{} đã tồn tại và không bị ghi đè (một điểm kiểm tra đã ký không bao giờ bị thay); hãy đặt tên khác, ví dụ có cả giờ: head-$(date +%F-%H%M).json.",
            path.display()
        ),
        format!(
            "{} already exists and was not overwritten (a signed checkpoint is never replaced); choose another name, with the time in it for example: head-$(date +%F-%H%M).json",
            path.display()
        ),
    )
}

/// The integrity failure (exit status 5) of a checkpoint asked of a broken chain.
pub fn broken_chain(problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Chuỗi nhật ký bị phá vỡ: {}. Không ký điểm kiểm tra cho một chuỗi hỏng.",
            problem.vi()
        ),
        format!("audit chain broken: {problem}; no checkpoint is signed for a broken chain"),
    )
}

/// A log with no event at all has no head to sign.
pub fn empty_log() -> Localized {
    Localized::new(
        "Nhật ký của cơ sở dữ liệu trống: không có gì để ký. `phananh init` luôn ghi sự kiện đầu tiên, nên nhật ký trống nghĩa là các sự kiện đã bị xóa ngoài phananh; hãy so với điểm kiểm tra gần nhất (`phananh audit verify --checkpoint TỆP --pubkey TỆP`).",
        "the database's log is empty; there is nothing to sign. `phananh init` always writes the first event, so an empty log means its events were deleted outside phananh; compare with the latest checkpoint (`phananh audit verify --checkpoint FILE --pubkey FILE`)",
    )
}

/// Why a checkpoint's signature proves nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsigned {
    /// The signature file is not one; minisign's reason, in English, said only in English.
    Unreadable(String),
    NotByTheseKeys,
    NotACheckpoint,
}

/// A checkpoint whose signature does not hold.
pub fn bad_signature(file: &Path, why: &Unsigned) -> Localized {
    let (why_vi, why_en) = match why {
        Unsigned::Unreadable(why) => ("tệp .minisig không phải một chữ ký minisign", why.as_str()),
        Unsigned::NotByTheseKeys => (
            "không do các khóa công khai đã cho ký trên nội dung này",
            "it was not made by the given public keys over this content",
        ),
        Unsigned::NotACheckpoint => (
            "một tệp đã ký nhưng không phải điểm kiểm tra của phananh",
            "a signed file that is not a phananh checkpoint",
        ),
    };
    let one_line = |why: &str| why.replace(['\r', '\n'], " ");
    let (why_vi, why_en) = (one_line(why_vi), one_line(why_en));
    Localized::new(
        format!(
            "Chữ ký của điểm kiểm tra {} không hợp lệ ({why_vi}); không thể dựa vào nó. Hãy dùng đúng tệp .minisig và khóa công khai.",
            file.display()
        ),
        format!(
            "the signature of checkpoint {} does not hold ({why_en}); it proves nothing. Use its .minisig file and the right public key",
            file.display()
        ),
    )
}

/// The file given to `audit verify --pubkey` is not a public key.
pub fn not_a_public_key(path: &Path, e: &impl Display) -> Localized {
    Localized::new(
        format!(
            "{} không phải là khóa công khai minisign (có thể là khóa bí mật, tệp chữ ký hoặc một tệp khác).",
            path.display()
        ),
        format!("{} is not a minisign public key ({e})", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// minisign's failures cannot be brought about from outside (no randomness to give, a
    /// key it cannot encode): the wording, whole in each language, with minisign's English
    /// only inside the parentheses of the Vietnamese message.
    #[test]
    fn a_failure_of_minisign_itself_is_said_in_vietnamese_quoting_it_for_a_technician() {
        let reason = "Unable to get random bytes";
        let said = minisign_failed(Step::GenerateKeyPair, &reason);
        assert_eq!(
            said.vi,
            "Không tạo được cặp khóa: thư viện ký minisign báo lỗi (Unable to get random bytes). Chưa ghi tệp nào; hãy chạy lại, nếu lỗi còn thì báo quản trị viên kèm nguyên văn thông báo này."
        );
        assert_eq!(
            said.en,
            "generating a key pair: Unable to get random bytes. Nothing was written; run again, and if it persists, tell an admin, quoting this message"
        );
        for step in [Step::WriteSecretKey, Step::WritePublicKey, Step::Sign] {
            let vi = minisign_failed(step, &reason).vi;
            let outside = vi.replace(&format!("({reason})"), "");
            assert!(vi.starts_with("Không "), "{vi}");
            assert!(
                !outside.contains("Unable") && !outside.contains("error"),
                "{vi}"
            );
        }
    }
}
