//! What `export subject` writes and says (`app::subject` finds and logs): each report sent
//! from the requester's phone with what is held of it and who saw its reporter's identity
//! when, as a table, CSV (the accesses as a JSON list in their cell) or JSON; and the lines
//! said after it. Nothing here reads the database.

use serde::Serialize;

use super::{Listing, when};
use crate::domain::report::Status;
use crate::domain::reveals::Access;
use crate::i18n::{Bilingual, Lang, Localized, count_en};

/// One report of a data subject's access request.
#[derive(Debug, Serialize)]
pub struct SubjectRow {
    pub id: i64,
    pub external_id: String,
    pub submitted_at: String,
    pub occurred_at: Option<String>,
    pub status: Status,
    pub agency: Option<String>,
    pub content: String,
    pub address: String,
    pub commune: String,
    pub media: Vec<String>,
    pub result: String,
    pub reporter_name: String,
    pub reporter_phone: String,
    /// Whether the reporter agreed to share their identity with the agency (Đ6.5).
    pub consent: bool,
    /// Who saw the reporter's identity, when and why: the lines of `audit reveals --report`
    /// for this report, this request among them.
    pub seen_by: Vec<Access>,
}

impl Listing for SubjectRow {
    const KEYS: &'static [&'static str] = &[
        "id",
        "external_id",
        "submitted_at",
        "occurred_at",
        "status",
        "agency",
        "content",
        "address",
        "commune",
        "media",
        "result",
        "reporter_name",
        "reporter_phone",
        "consent",
        "seen_by",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Số",
                "Mã ứng dụng",
                "Gửi lúc",
                "Xảy ra lúc",
                "Trạng thái",
                "Cơ quan",
                "Nội dung",
                "Địa chỉ",
                "Xã/phường",
                "Hình ảnh/video",
                "Kết quả xử lý",
                "Người phản ánh",
                "Điện thoại",
                "Đồng ý chia sẻ danh tính",
                "Ai đã xem danh tính",
            ],
            vec![
                "Id",
                "External id",
                "Submitted",
                "Occurred",
                "Status",
                "Agency",
                "Content",
                "Address",
                "Commune",
                "Media",
                "Result",
                "Reporter",
                "Phone",
                "Consents to share identity",
                "Identity seen by",
            ],
        )
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        match key {
            "status" => Some(self.status.text(lang).into_owned()),
            "seen_by" => Some(seen_by(&self.seen_by, lang)),
            _ => None,
        }
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.external_id.clone(),
            when(&self.submitted_at, lang),
            self.occurred_at
                .as_deref()
                .map(|t| when(t, lang))
                .unwrap_or_default(),
            self.status.text(lang).into_owned(),
            self.agency.clone().unwrap_or_default(),
            self.content.clone(),
            self.address.clone(),
            self.commune.clone(),
            self.media.join("\n"),
            self.result.clone(),
            self.reporter_name.clone(),
            self.reporter_phone.clone(),
            lang.yes_no(self.consent).to_owned(),
            seen_by(&self.seen_by, lang),
        ]
    }

    /// The request answers what is held and who saw it: the place, the media and the
    /// dates go first on a narrow screen.
    fn drop_order() -> Vec<usize> {
        vec![9, 8, 7, 3, 5, 13, 1, 2]
    }

    fn prose() -> Vec<usize> {
        vec![6]
    }
}

/// The accesses in words, one a line: when, who, what, why.
fn seen_by(lines: &[Access], lang: Lang) -> String {
    lines
        .iter()
        .map(|line| {
            let what = if line.identity_erased {
                format!(
                    "{} ({})",
                    line.action.text(lang),
                    super::audit::erased_not_shown(lang)
                )
            } else {
                match line.lookup.as_deref() {
                    Some("phone") => lang
                        .pick("Tìm theo số điện thoại", "Lookup by phone")
                        .to_owned(),
                    Some("subject") => subject_lookup(lang).to_owned(),
                    Some(crate::domain::reveals::CORRECTION_TRIED) => super::audit::with_fields(
                        super::audit::correction_tried(lang).to_owned(),
                        line,
                        lang,
                    ),
                    Some(crate::domain::reveals::CORRECTION_NOT_REAPPLIED) => {
                        super::audit::with_fields(
                            super::audit::correction_not_reapplied(lang).to_owned(),
                            line,
                            lang,
                        )
                    }
                    _ => super::audit::with_fields(line.action.text(lang).into_owned(), line, lang),
                }
            };
            format!(
                "{} {} — {what}: {}",
                when(&line.at, lang),
                line.actor,
                line.reason.clone().unwrap_or_else(|| lang
                    .pick("(không ghi lý do)", "(no reason recorded)")
                    .to_owned())
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `audit reveals` calls an access request's export.
pub fn subject_lookup(lang: Lang) -> &'static str {
    lang.pick(
        "Xuất dữ liệu cho người phản ánh",
        "Export for the data subject",
    )
}

/// The closing line: how many reports, logged, and the file holds personal data.
pub fn exported(count: usize) -> Localized {
    Localized::new(
        format!(
            "Đã xuất dữ liệu của {count} phản ánh gửi từ số điện thoại này (đã ghi nhật ký, xem `audit reveals`); hãy giữ tệp an toàn, chỉ trao cho chính người yêu cầu, và xóa khi không còn cần.",
            count = crate::i18n::grouped(count, Lang::Vi)
        ),
        format!(
            "{} sent from this phone exported (logged, see `audit reveals`); keep the file safe, hand it to the requester only, and delete it when no longer needed",
            count_en(count as u64, "report", "reports")
        ),
    )
}

/// What an empty request says in place of a table with no row.
pub fn nothing(lang: Lang) -> String {
    lang.pick(
        "Không có phản ánh nào còn giữ danh tính gửi từ số điện thoại này; việc tra cứu đã được ghi nhật ký.",
        "No report still holding its identity was sent from this phone; the request is logged.",
    )
    .to_owned()
}
