//! What `identity correct` says (`cli::identity` prints it): the fields corrected, and why a
//! correction is refused. Never the name or phone, stored or typed: a refusal says what is
//! wrong with a value, not the value. Built from what `app::correct` did.

use crate::domain::correction::Refused;
use crate::domain::statement;
use crate::domain::validate::PhoneError;
use crate::i18n::Localized;

/// The fields as a sentence says them, in each language.
fn fields_said(fields: &[&str]) -> (String, String) {
    let said = |field: &str| match field {
        "reporter_name" => ("họ tên", "name"),
        _ => ("số điện thoại", "phone"),
    };
    let vi: Vec<&str> = fields.iter().map(|f| said(f).0).collect();
    let en: Vec<&str> = fields.iter().map(|f| said(f).1).collect();
    (vi.join(" và "), en.join(" and "))
}

/// What `identity correct --format json` prints on standard output, as `erase` does: the
/// report, the fields corrected (names only, never values) and the event that records it.
#[derive(Debug, serde::Serialize)]
pub struct CorrectedJson<'a> {
    pub report_id: i64,
    pub fields: &'a [&'static str],
    pub event: i64,
}

/// The identity of report `id` corrected: which fields, and where it is on record.
pub fn corrected(id: i64, fields: &[&str]) -> Localized {
    let (vi, en) = fields_said(fields);
    Localized::new(
        format!(
            "Đã sửa {vi} người phản ánh của phản ánh {id}; danh tính được mã hóa lại, việc sửa được ghi vào nhật ký hệ thống (`audit reveals --report {id}`)."
        ),
        format!(
            "corrected the reporter's {en} of report {id}; the identity is sealed again and the correction kept in the audit log (`audit reveals --report {id}`)"
        ),
    )
}

/// A correction refused for what was given.
pub fn refused(refused: Refused) -> Localized {
    match refused {
        Refused::NothingGiven => Localized::new(
            "Hãy cho biết giá trị đúng: `--name \"HỌ TÊN\"`, `--phone SỐ`, hoặc cả hai. Không sửa gì.",
            "give the right value: --name \"NAME\", --phone NUMBER, or both. Nothing was corrected",
        ),
        Refused::NoName => Localized::new(
            "--name: họ tên phải có chữ (một số điện thoại hay dấu câu không phải họ tên, khoản 3 Điều 6). Không sửa gì.",
            "--name: a name must hold letters (a phone number or marks name no one, Article 6.3). Nothing was corrected",
        ),
        Refused::NameInvisible => Localized::new(
            "--name: họ tên có ký tự điều khiển hoặc ký tự không hiện (tab, khoảng trắng độ rộng 0); hãy gõ lại họ tên. Không sửa gì.",
            "--name: the name holds a control or invisible character (a tab, a zero-width space); type the name again. Nothing was corrected",
        ),
        Refused::NameTooLong(limit) => Localized::new(
            format!("--name: họ tên dài quá {limit} ký tự, như khi nạp phản ánh. Không sửa gì."),
            format!(
                "--name: the name is longer than {limit} characters, as ingest refuses it. Nothing was corrected"
            ),
        ),
        Refused::PhoneInName => Localized::new(
            "--name: họ tên có một số điện thoại; số điện thoại sửa bằng --phone. Hãy gõ lại họ tên. Không sửa gì.",
            "--name: the name holds a phone number; a phone is corrected with --phone. Type the name again. Nothing was corrected",
        ),
        Refused::Phone(PhoneError::Empty) => Localized::new(
            "--phone: không có số điện thoại (khoản 3 Điều 6 yêu cầu số điện thoại người phản ánh). Không sửa gì.",
            "--phone: no phone number given (Article 6.3 requires the reporter's phone). Nothing was corrected",
        ),
        Refused::Phone(PhoneError::Invalid) => Localized::new(
            "--phone: đây không phải số điện thoại Việt Nam (di động 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09; cố định 11 chữ số bắt đầu bằng 02; +84 thay cho số 0 đầu), như khi nạp phản ánh. Không sửa gì.",
            "--phone: not a Vietnamese phone number (a mobile of 10 digits starting 03, 05, 07, 08 or 09; a fixed line of 11 digits starting 02; +84 may stand for the leading 0), as ingest requires. Nothing was corrected",
        ),
        Refused::NoChange => Localized::new(
            "Giá trị đưa ra trùng với danh tính đã lưu: không có gì để sửa. Lần thử này được ghi vào nhật ký hệ thống.",
            "the values given are those stored: nothing to correct. The attempt is kept in the audit log",
        ),
    }
}

/// `identity correct` without a reason that says something.
pub fn reason_needed() -> Localized {
    Localized::new(
        format!(
            "Hãy cho biết lý do sửa danh tính: `identity correct ... --reason \"...\"`, {}; lý do được ghi vào nhật ký hệ thống.",
            statement::EXPECTED_VI
        ),
        format!(
            "say why the identity is corrected: `identity correct ... --reason \"...\"`, {}; the reason is kept in the audit log",
            statement::EXPECTED_EN
        ),
    )
}

/// A correction of an identity `erase` destroyed.
pub fn erased(id: i64) -> Localized {
    Localized::new(
        format!(
            "Danh tính người phản ánh của phản ánh {id} đã bị xóa vĩnh viễn (`erase`): không còn gì để sửa, và một danh tính đã xóa không được ghi lại. Không sửa gì."
        ),
        format!(
            "the reporter's identity of report {id} was erased for good (`erase`): nothing is left to correct, and an erased identity is not written again. Nothing was corrected"
        ),
    )
}

/// A correction of an identity the key does not open, `why` (the opening's own words, or
/// `plain` when it has none).
pub fn unopened(id: i64, why: Option<Localized>, plain: &str) -> Localized {
    let (why_vi, why_en) = match &why {
        Some(why) => (why.vi.trim_end_matches('.'), why.en.trim_end_matches('.')),
        None => (plain, plain),
    };
    Localized::new(
        format!(
            "Không sửa được danh tính của phản ánh {id}: {why_vi}. Không sửa gì; khi danh tính mở lại được (sau khi khôi phục bản sao lưu), hãy chạy lại lệnh sửa."
        ),
        format!(
            "cannot correct the identity of report {id}: {why_en}. Nothing was corrected; once the identity opens again (a backup restored), run the correction again"
        ),
    )
}
