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
    /// What else the portal holds of the report, as `show` prints it: the reporter's
    /// request for secrecy (Đ9.2), the urgent flag, the place their phone sent, why it was
    /// rejected (codes; Đ7.1.a, judged against Đ6.1–6.3), their rating of the result.
    pub confidential: bool,
    pub urgent: bool,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub reject_reasons: Vec<String>,
    pub rating: Option<u8>,
    /// When each step of its processing was taken (the log's times): received from the
    /// app, checked (accepted or rejected), first assigned, last replied or answered,
    /// published.
    pub received_at: Option<String>,
    pub checked_at: Option<String>,
    pub assigned_at: Option<String>,
    pub replied_at: Option<String>,
    pub published_at: Option<String>,
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
        "confidential",
        "urgent",
        "latitude",
        "longitude",
        "reject_reasons",
        "rating",
        "received_at",
        "checked_at",
        "assigned_at",
        "replied_at",
        "published_at",
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
                "Giữ bí mật (Đ9.2)",
                "Khẩn cấp",
                "Vĩ độ",
                "Kinh độ",
                "Lý do từ chối",
                "Đánh giá",
                "Nhận lúc",
                "Kiểm tra lúc",
                "Phân phối lúc",
                "Trả lời lúc",
                "Công khai lúc",
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
                "Confidential (Art. 9.2)",
                "Urgent",
                "Latitude",
                "Longitude",
                "Rejected because",
                "Rating",
                "Received",
                "Checked",
                "Assigned",
                "Replied",
                "Published",
            ],
        )
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        match key {
            "status" => Some(self.status.text(lang).into_owned()),
            "seen_by" => Some(seen_by(&self.seen_by, lang)),
            "reject_reasons" => Some(self.rejected_because(lang)),
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
            lang.yes_no(self.confidential).to_owned(),
            lang.yes_no(self.urgent).to_owned(),
            self.latitude.map(|x| x.to_string()).unwrap_or_default(),
            self.longitude.map(|x| x.to_string()).unwrap_or_default(),
            self.rejected_because(lang),
            self.rating.map(|r| r.to_string()).unwrap_or_default(),
            step(&self.received_at, lang),
            step(&self.checked_at, lang),
            step(&self.assigned_at, lang),
            step(&self.replied_at, lang),
            step(&self.published_at, lang),
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

impl SubjectRow {
    /// Why the report was rejected, in the words `show` gives (Đ6.1–6.3).
    fn rejected_because(&self, lang: Lang) -> String {
        self.reject_reasons
            .iter()
            .map(|code| super::show::reason_label(code, lang))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn step(at: &Option<String>, lang: Lang) -> String {
    at.as_deref().map(|t| when(t, lang)).unwrap_or_default()
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

/// The closing line: how many reports, logged, and the file holds personal data; the
/// reports of the phone left out when the admin chose the requester's.
pub fn exported(count: usize, left_out: usize) -> Localized {
    let (also, also_en) = if left_out == 0 {
        (String::new(), String::new())
    } else {
        (
            format!(
                "{} phản ánh khác gửi từ số này không xuất; ",
                crate::i18n::grouped(left_out, Lang::Vi)
            ),
            format!(
                "{} from this phone left out; ",
                count_en(left_out as u64, "other report", "other reports")
            ),
        )
    };
    Localized::new(
        format!(
            "Đã xuất dữ liệu của {count} phản ánh gửi từ số điện thoại này ({also}đã ghi nhật ký, xem `audit reveals`); hãy giữ tệp an toàn, chỉ trao cho chính người yêu cầu, và xóa khi không còn cần.",
            count = crate::i18n::grouped(count, Lang::Vi)
        ),
        format!(
            "{} sent from this phone exported ({also_en}logged, see `audit reveals`); keep the file safe, hand it to the requester only, and delete it when no longer needed",
            count_en(count as u64, "report", "reports")
        ),
    )
}

/// The reports of the phone by masked reporter's name, one group a line: the admin has
/// the right to the names, but this message may be pasted into a ticket or a letter.
fn groups(masked: &[(String, Vec<i64>)], lang: Lang) -> String {
    masked
        .iter()
        .map(|(name, ids)| {
            let name = if name.is_empty() {
                lang.pick("(không có họ tên)", "(no name)").to_owned()
            } else {
                name.clone()
            };
            let ids = ids
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            format!("  {name}: {} {ids}", lang.pick("phản ánh", "reports"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const CHOOSE_VI: &str = "Hãy đối chiếu với đơn yêu cầu rồi chạy lại với --report SỐ… (chỉ các phản ánh đó) hoặc --name \"HỌ TÊN\" (chỉ các phản ánh mang họ tên đó). Việc tra cứu đã được ghi nhật ký.";
const CHOOSE_EN: &str = "Check them against the request, then run again with --report ID… (only those reports) or --name \"FULL NAME\" (only the reports under that name). The lookup is logged.";

/// Refuses an answer holding reports sent under different names from one phone (a
/// household's): the right of access is to one's own data (Law 91/2025/QH15).
pub fn names_differ(masked: &[(String, Vec<i64>)]) -> Localized {
    Localized::new(
        format!(
            "Chưa xuất gì: các phản ánh gửi từ số điện thoại này mang họ tên người phản ánh khác nhau (một số điện thoại có thể dùng chung trong gia đình), mà người yêu cầu chỉ được nhận dữ liệu của chính mình:\n{}\n{CHOOSE_VI}",
            groups(masked, Lang::Vi)
        ),
        format!(
            "nothing exported: the reports sent from this phone carry different reporters' names (a household may share a phone), and the requester may receive only their own data:\n{}\n{CHOOSE_EN}",
            groups(masked, Lang::En)
        ),
    )
}

/// Refuses `--report` naming a report not sent from the phone (or whose identity is erased).
pub fn not_from_phone(id: i64, masked: &[(String, Vec<i64>)]) -> Localized {
    Localized::new(
        format!(
            "Chưa xuất gì: phản ánh {id} không nằm trong các phản ánh còn giữ danh tính gửi từ số điện thoại này:\n{}\n{CHOOSE_VI}",
            groups(masked, Lang::Vi)
        ),
        format!(
            "nothing exported: report {id} is not among the reports still holding their identity sent from this phone:\n{}\n{CHOOSE_EN}",
            groups(masked, Lang::En)
        ),
    )
}

/// Refuses `--name` that no report of the phone carries.
pub fn name_not_found(masked: &[(String, Vec<i64>)]) -> Localized {
    Localized::new(
        format!(
            "Chưa xuất gì: không phản ánh nào gửi từ số điện thoại này mang họ tên đã nhập (so không phân biệt hoa thường, dấu, khoảng trắng):\n{}\n{CHOOSE_VI}",
            groups(masked, Lang::Vi)
        ),
        format!(
            "nothing exported: no report sent from this phone carries the name given (compared regardless of case, diacritics and spacing):\n{}\n{CHOOSE_EN}",
            groups(masked, Lang::En)
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
