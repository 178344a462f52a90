//! What `identity correct` says (`cli::identity` prints it): the fields corrected, and why a
//! correction is refused. Never the name or phone, stored or typed: a refusal says what is
//! wrong with a value, not the value. Built from what `app::correct` did.

use crate::domain::correction::{Moved, Places, Refused};
use crate::domain::redact::MARK;
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
    /// Places of the redacted texts the change of name hid, or showed again (`--yes`).
    #[serde(skip_serializing_if = "Places::is_empty")]
    pub public_places_hidden: Places,
    #[serde(skip_serializing_if = "Places::is_empty")]
    pub public_places_shown: Places,
    /// The other reports the replaced number still stands on, not corrected.
    #[serde(skip_serializing_if = "<[i64]>::is_empty")]
    pub old_phone_also_on: &'a [i64],
}

/// The other reports `others` whose stored phone is the number the correction of report
/// `id` replaced: corrected one by one if the request is for all (the command to run, with
/// no value in it), never here unasked.
pub fn old_phone_also_on(id: i64, others: &[i64]) -> Localized {
    const SHOWN: usize = 20;
    let mut list = others
        .iter()
        .take(SHOWN)
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if others.len() > SHOWN {
        list.push_str(", …");
    }
    let first = others[0];
    let n = others.len();
    Localized::new(
        format!(
            "Lưu ý: số điện thoại vừa thay của phản ánh {id} vẫn là số lưu ở {n} phản ánh khác ({list}); việc sửa chỉ áp dụng cho phản ánh {id}. Nếu đơn yêu cầu sửa số cho mọi phản ánh của người ấy, hãy đối chiếu rồi sửa từng phản ánh, ví dụ `phananh identity correct {first} --phone SỐ_ĐÚNG --reason \"LÝ DO\"` (`list --phone SỐ_CŨ --reason \"LÝ DO\"` liệt kê chúng)."
        ),
        format!(
            "note: the phone just replaced on report {id} is still the one stored on {} ({list}); the correction applies to report {id} only. If the request is to correct the number on all that person's reports, check them and correct each, e.g. `phananh identity correct {first} --phone RIGHT_NUMBER --reason \"TEXT\"` (`list --phone OLD_NUMBER --reason \"TEXT\"` lists them)",
            crate::i18n::count_en(n, "other report", "other reports")
        ),
    )
}

/// What `identity correct --format csv` prints on standard output: the JSON result's
/// members as one row under a header that is the same whatever was corrected, lists as the
/// listings' CSV writes them (`["reporter_name"]`), places all texts together.
#[derive(Debug, serde::Serialize)]
pub struct CorrectedCsv<'a> {
    pub report_id: i64,
    pub fields: &'a [&'static str],
    pub event: i64,
    pub public_places_hidden: usize,
    pub public_places_shown: usize,
    pub old_phone_also_on: &'a [i64],
}

impl<'a> From<&CorrectedJson<'a>> for CorrectedCsv<'a> {
    fn from(json: &CorrectedJson<'a>) -> Self {
        CorrectedCsv {
            report_id: json.report_id,
            fields: json.fields,
            event: json.event,
            public_places_hidden: json.public_places_hidden.total(),
            public_places_shown: json.public_places_shown.total(),
            old_phone_also_on: json.old_phone_also_on,
        }
    }
}

/// "1 chỗ trong nội dung và 2 chỗ trong kết quả" / "1 place in the content and 2 in the
/// result": the texts with places, never the words there.
fn places_said(places: &Places) -> (String, String) {
    let texts = [
        (places.content, "nội dung", "the content"),
        (places.address, "địa chỉ", "the address"),
        (places.result, "kết quả xử lý", "the result"),
    ];
    let (mut vi, mut en) = (Vec::new(), Vec::new());
    for (n, text_vi, text_en) in texts.into_iter().filter(|(n, ..)| *n > 0) {
        vi.push(format!("{n} chỗ trong {text_vi}"));
        en.push(format!(
            "{} in {text_en}",
            crate::i18n::count_en(n, "place", "places")
        ));
    }
    (vi.join(" và "), en.join(" and "))
}

/// A name correction refused without `--yes` because it would change what every reader
/// without identity rights reads of report `id`'s texts: those views hide the reporter's
/// own name wherever it is written. Counts of places only, never the words.
pub fn would_move(id: i64, moved: &Moved) -> Localized {
    let (mut vi, mut en) = (Vec::new(), Vec::new());
    if !moved.hidden.is_empty() {
        let (places_vi, places_en) = places_said(&moved.hidden);
        vi.push(format!(
            "sẽ làm ẩn {places_vi} của phản ánh {id}: bản công khai, lãnh đạo và ai không được xem danh tính sẽ đọc “{MARK}” ở đó, vì họ tên người phản ánh được ẩn ở mọi nơi nó được viết. Nếu họ tên ấy là của người khác được nêu trong phản ánh (người bị phản ánh, cán bộ), đừng sửa như vậy"
        ));
        en.push(format!(
            "would hide {places_en} of report {id}: the public feed, the leaders and whoever may not see the identity would read \"{MARK}\" there, since the reporter's name is hidden wherever it is written. If that name is another person's the report names (the person complained of, an official), do not correct it so"
        ));
    }
    if !moved.shown.is_empty() {
        let (places_vi, places_en) = places_said(&moved.shown);
        vi.push(format!(
            "sẽ làm hiện lại {places_vi} của phản ánh {id} đang được ẩn: bản công khai và lãnh đạo sẽ đọc chữ viết ở đó"
        ));
        en.push(format!(
            "would show again {places_en} of report {id} now hidden: the public feed and the leaders would read the words written there"
        ));
    }
    Localized::new(
        format!(
            "Sửa họ tên này {}. Chưa sửa gì: nếu đúng ý, chạy lại lệnh với --yes (nhật ký ghi số chỗ ấy).",
            vi.join("; và ")
        ),
        format!(
            "this name correction {}. Nothing was corrected: if that is meant, run the command again with --yes (the log records those counts)",
            en.join("; and it ")
        ),
    )
}

/// The identity of report `id` corrected: which fields, where it is on record, and what
/// the change of name hid or showed again in the redacted texts (confirmed with `--yes`).
pub fn corrected(id: i64, fields: &[&str], moved: &Moved) -> Localized {
    let (vi, en) = fields_said(fields);
    let mut said = Localized::new(
        format!(
            "Đã sửa {vi} người phản ánh của phản ánh {id}; danh tính được mã hóa lại, việc sửa được ghi vào nhật ký hệ thống (`audit reveals --report {id}`)."
        ),
        format!(
            "corrected the reporter's {en} of report {id}; the identity is sealed again and the correction kept in the audit log (`audit reveals --report {id}`)"
        ),
    );
    if !moved.hidden.is_empty() {
        let (places_vi, places_en) = places_said(&moved.hidden);
        said.vi.push_str(&format!(
            " Bản công khai và lãnh đạo nay đọc \"{MARK}\" ở {places_vi}."
        ));
        said.en.push_str(&format!(
            "; the public feed and the leaders now read \"{MARK}\" at {places_en}"
        ));
    }
    if !moved.shown.is_empty() {
        let (places_vi, places_en) = places_said(&moved.shown);
        said.vi.push_str(&format!(
            " Bản công khai và lãnh đạo nay đọc lại chữ viết ở {places_vi}."
        ));
        said.en.push_str(&format!(
            "; the public feed and the leaders now read again the words at {places_en}"
        ));
    }
    said
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
        Refused::IdNamesReporter => Localized::new(
            "Mã ứng dụng (external_id) của phản ánh này có họ tên hoặc số điện thoại như giá trị sửa, mà mã ứng dụng được in ở mọi nơi, kể cả bản công khai; như khi nạp phản ánh (id_names_reporter), danh tính ấy không được lưu với mã này. Hãy đối chiếu đơn và phản ánh với tệp của ứng dụng. Không sửa gì.",
            "the report's app id (external_id) holds the name or phone given, and the app id is printed everywhere, the public feed included; as ingest refuses it (id_names_reporter), that identity is not stored under this id. Check the request and the report against the app's file. Nothing was corrected",
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
