//! What `export subject` writes and says (`app::subject` finds and logs): each report sent
//! from the requester's phone with what is held of it and who saw its reporter's identity
//! when; as a document to hand over (the table form, one block per report, and the Excel
//! CSV: the reader's words, dates, the accesses as lines naming people, no server detail),
//! or for scripts (JSON, the standard CSV: the accesses as a JSON list in their cell); and
//! the lines said after it. Nothing here reads the database.

use serde::Serialize;

use super::{Listing, when};
use crate::domain::access::Role;
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
    /// When the reporter withdrew that consent (`identity consent --withdraw`), if they did.
    pub consent_withdrawn_at: Option<String>,
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
    /// When the published result was taken out of public view at a person's request
    /// (`unpublish`, docs/rules.md §2): the citizen learns it is no longer public. The
    /// reason is staff's, left out as a withdrawal of consent's is.
    pub unpublished_at: Option<String>,
    /// When a takedown was made that a restore of a backup from before it put back, and
    /// that has not been made again since (docs/rules.md §7): the result may be public
    /// again, which the citizen who asked for the takedown must read.
    pub unpublish_not_reapplied_at: Option<String>,
    /// Who each line of `seen_by` was, by the staff list (None: no such account): the
    /// citizen reads a person and their office, not an account name.
    #[serde(skip)]
    pub seen_by_who: Vec<Option<Person>>,
    /// The handling agency's name, for the reader of the document.
    #[serde(skip)]
    pub agency_name: Option<String>,
}

/// A member of staff as the answer to a citizen names them.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub role: Role,
    pub agency: Option<String>,
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
        "consent_withdrawn_at",
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
        "unpublished_at",
        "unpublish_not_reapplied_at",
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
                "Rút lại sự đồng ý lúc",
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
                "Gỡ khỏi công khai lúc",
                "Gỡ khỏi công khai, không làm lại sau khôi phục",
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
                "Consent withdrawn",
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
                "Taken out of public view",
                "Takedown not made again after a restore",
            ],
        )
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        match key {
            "status" => Some(self.status.text(lang).into_owned()),
            // A CSV cell holds no line break (`csv_text`): the lines are numbered.
            "seen_by" => Some(
                self.seen_by_lines(lang)
                    .lines()
                    .enumerate()
                    .map(|(i, line)| format!("{}) {line}", i + 1))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            "reject_reasons" => Some(self.rejected_because(lang)),
            "media" => Some(self.media.join("\n")),
            "agency" => Some(self.agency_words()),
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
            self.agency_words(),
            self.content.clone(),
            self.address.clone(),
            self.commune.clone(),
            self.media.join("\n"),
            self.result.clone(),
            self.reporter_name.clone(),
            self.reporter_phone.clone(),
            lang.yes_no(self.consent).to_owned(),
            step(&self.consent_withdrawn_at, lang),
            self.seen_by_lines(lang),
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
            step(&self.unpublished_at, lang),
            step(&self.unpublish_not_reapplied_at, lang),
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

impl SubjectRow {
    /// When the result was taken out of public view, and whether that holds: a takedown a
    /// restore put back is said as not made again, the result public again if it is.
    fn takedown(&self, l: Lang) -> String {
        if let Some(at) = &self.unpublished_at {
            let at = when(at, l);
            return l.pick(
                format!("{at} — kết quả không còn công khai"),
                format!("{at} — the result is no longer public"),
            );
        }
        let Some(at) = &self.unpublish_not_reapplied_at else {
            return String::new();
        };
        let at = when(at, l);
        match self.status {
            Status::Published => l.pick(
                format!("{at} — không làm lại sau khôi phục, kết quả đang công khai trở lại"),
                format!("{at} — not made again after a restore, the result is public again"),
            ),
            _ => l.pick(
                format!("{at} — không làm lại sau khôi phục"),
                format!("{at} — not made again after a restore"),
            ),
        }
    }

    /// The handling agency by its name and code, as the reader knows it.
    fn agency_words(&self) -> String {
        match (&self.agency_name, &self.agency) {
            (Some(name), Some(code)) => format!("{name} ({code})"),
            (None, Some(code)) => code.clone(),
            _ => String::new(),
        }
    }

    /// Who saw the reporter's identity, one line each: when, who, what, why; no account's
    /// login, event number or file name (the server's, not the citizen's).
    fn seen_by_lines(&self, lang: Lang) -> String {
        self.seen_by
            .iter()
            .enumerate()
            .map(|(i, line)| {
                access_line(line, self.seen_by_who.get(i).and_then(Option::as_ref), lang)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The report as the document's block: label and value, in the order a reader follows
    /// it (what was sent, who sent it, what was done); a step not taken is left out.
    fn pairs(&self, lang: Lang) -> Vec<(String, String)> {
        let l = lang;
        let a = |key: &str| super::show::attribute(key, l).unwrap_or(key).to_owned();
        let yes = |b: bool| l.yes_no(b).to_owned();
        let location = match (self.latitude, self.longitude) {
            (Some(lat), Some(lon)) => format!("{lat}, {lon}"),
            _ => String::new(),
        };
        let always = [
            (a("id"), self.id.to_string()),
            (a("external_id"), self.external_id.clone()),
            (a("status"), self.status.text(l).into_owned()),
            (a("submitted_at"), when(&self.submitted_at, l)),
        ];
        let told = [
            (
                a("occurred_at"),
                self.occurred_at
                    .as_deref()
                    .map(|t| when(t, l))
                    .unwrap_or_default(),
            ),
            (a("content"), self.content.clone()),
            (a("address"), self.address.clone()),
            (a("commune"), self.commune.clone()),
            (l.pick("Tọa độ", "Coordinates").to_owned(), location),
        ];
        let flags = [
            (a("urgent"), yes(self.urgent)),
            (a("confidential"), yes(self.confidential)),
            (a("reporter_name"), self.reporter_name.clone()),
            (a("reporter_phone"), self.reporter_phone.clone()),
            (
                a("consent"),
                super::consent::consent_cell(self.consent, self.consent_withdrawn_at.as_deref(), l),
            ),
        ];
        let done = [
            (
                l.pick("Nhận lúc", "Received").to_owned(),
                step(&self.received_at, l),
            ),
            (
                l.pick("Kiểm tra lúc", "Checked").to_owned(),
                step(&self.checked_at, l),
            ),
            (a("reject_reasons"), self.rejected_because(l)),
            (
                l.pick("Cơ quan xử lý", "Agency").to_owned(),
                self.agency_words(),
            ),
            (
                l.pick("Phân phối lúc", "Assigned").to_owned(),
                step(&self.assigned_at, l),
            ),
            (
                l.pick("Trả lời lúc", "Replied").to_owned(),
                step(&self.replied_at, l),
            ),
            (a("result_text"), self.result.clone()),
            (
                l.pick("Công khai lúc", "Published").to_owned(),
                step(&self.published_at, l),
            ),
            (
                l.pick("Gỡ khỏi công khai lúc", "Taken out of public view")
                    .to_owned(),
                self.takedown(l),
            ),
            (
                a("rating"),
                self.rating.map(|r| r.to_string()).unwrap_or_default(),
            ),
        ];
        let seen = self.seen_by_lines(l);
        let seen = (
            l.pick("Ai đã xem danh tính", "Identity seen by").to_owned(),
            if seen.is_empty() {
                l.pick("(chưa ai)", "(no one)").to_owned()
            } else {
                seen
            },
        );
        always
            .into_iter()
            .chain(told.into_iter().filter(|(_, v)| !v.is_empty()))
            .chain(flags)
            .chain(done.into_iter().filter(|(_, v)| !v.is_empty()))
            .chain([seen])
            .collect()
    }
}

/// The columns of a printed page.
const PAGE: u16 = 80;

/// The answer as a document to hand over (the table form): one block per report, as
/// `show` prints one, for a page of 80 columns; `nothing` when no report was found.
pub fn write_document(
    out: &mut dyn std::io::Write,
    rows: &[SubjectRow],
    lang: Lang,
    nothing: &str,
) -> anyhow::Result<()> {
    if rows.is_empty() {
        return super::write_paragraph(out, nothing);
    }
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        super::write_paragraph(
            out,
            &lang.pick(
                format!("Phản ánh {} / {}", i + 1, rows.len()),
                format!("Report {} of {}", i + 1, rows.len()),
            ),
        )?;
        let pairs = row.pairs(lang);
        // A page's width when no screen says otherwise: the answer is printed and handed over.
        let width = super::layout::screen_width().unwrap_or(PAGE);
        if !super::write_record_within(out, &pairs, width)?.is_empty() {
            super::write_shortened_note(out, &pairs, lang)?;
        }
        // A link shortened with "…" cannot be opened: the links go whole under the block.
        if !row.media.is_empty() {
            writeln!(
                out,
                "{}:",
                super::show::attribute("media", lang).unwrap_or("media")
            )?;
            for link in &row.media {
                writeln!(out, "  {}", super::printable(link))?;
            }
        }
    }
    Ok(())
}

/// One access as the citizen reads it: "03/12/2026 09:00 — Nguyễn Thị Lan (tiếp nhận) —
/// Xem danh tính — lý do: …".
fn access_line(line: &Access, who: Option<&Person>, lang: Lang) -> String {
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
            Some(crate::domain::reveals::CORRECTION_NOT_REAPPLIED) => super::audit::with_fields(
                super::audit::correction_not_reapplied(lang).to_owned(),
                line,
                lang,
            ),
            Some(crate::domain::reveals::WITHDRAWAL_NOT_REAPPLIED) => {
                super::consent::withdrawal_not_reapplied(lang).to_owned()
            }
            Some(crate::domain::reveals::CONSENT_NOT_REAPPLIED) => {
                super::consent::consent_not_reapplied(lang).to_owned()
            }
            Some(crate::domain::reveals::OLD_PHONE_ALSO_ON) => {
                super::audit::old_phone_also_on(lang).to_owned()
            }
            _ => super::audit::with_fields(line.action.text(lang).into_owned(), line, lang),
        }
    };
    let who = match who {
        Some(person) => format!("{} ({})", person.name, office(person, lang)),
        None => line.actor.clone(),
    };
    let why = match &line.reason {
        Some(reason) => format!("{} {reason}", lang.pick("lý do:", "reason:")),
        None => lang
            .pick("(không ghi lý do)", "(no reason recorded)")
            .to_owned(),
    };
    format!("{} — {who} — {what} — {why}", when(&line.at, lang))
}

/// A member of staff's office in a few words: the role, and a handler's agency.
fn office(person: &Person, lang: Lang) -> String {
    let agency = person.agency.as_deref().unwrap_or_default();
    match person.role {
        Role::Admin => lang.pick("quản trị", "admin").to_owned(),
        Role::Reception => lang.pick("tiếp nhận", "reception").to_owned(),
        Role::Handler => lang.pick(
            format!("cán bộ xử lý, {agency}"),
            format!("handler, {agency}"),
        ),
        Role::Leader => lang.pick("lãnh đạo", "leader").to_owned(),
        Role::Auditor => lang.pick("Sở Nội vụ", "Home Affairs").to_owned(),
    }
}

fn step(at: &Option<String>, lang: Lang) -> String {
    at.as_deref().map(|t| when(t, lang)).unwrap_or_default()
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
pub fn exported(count: usize, left_out: usize, phones: usize) -> Localized {
    let (also, also_en) = if left_out == 0 {
        (String::new(), String::new())
    } else {
        (
            format!(
                "{} phản ánh khác gửi từ {} không xuất; ",
                crate::i18n::grouped(left_out, Lang::Vi),
                if phones > 1 {
                    "các số này"
                } else {
                    "số này"
                }
            ),
            format!(
                "{} from {} left out; ",
                count_en(left_out as u64, "other report", "other reports"),
                if phones > 1 {
                    "these phones"
                } else {
                    "this phone"
                }
            ),
        )
    };
    let (these, these_en) = these_phones(phones);
    Localized::new(
        format!(
            "Đã xuất dữ liệu của {count} phản ánh gửi từ {these} ({also}đã ghi nhật ký, xem `audit reveals`); hãy giữ tệp an toàn, chỉ trao cho chính người yêu cầu, và xóa khi không còn cần.",
            count = crate::i18n::grouped(count, Lang::Vi)
        ),
        format!(
            "{} sent from {these_en} exported ({also_en}logged, see `audit reveals`); keep the file safe, hand it to the requester only, and delete it when no longer needed",
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
pub fn names_differ(masked: &[(String, Vec<i64>)], phones: usize) -> Localized {
    let (these, these_en) = these_phones(phones);
    Localized::new(
        format!(
            "Chưa xuất gì: các phản ánh gửi từ {these} mang họ tên người phản ánh khác nhau (một số điện thoại có thể dùng chung trong gia đình), mà người yêu cầu chỉ được nhận dữ liệu của chính mình:\n{}\n{CHOOSE_VI}",
            groups(masked, Lang::Vi)
        ),
        format!(
            "nothing exported: the reports sent from {these_en} carry different reporters' names (a household may share a phone), and the requester may receive only their own data:\n{}\n{CHOOSE_EN}",
            groups(masked, Lang::En)
        ),
    )
}

/// Refuses `--report` naming a report not sent from the phone (or whose identity is erased).
pub fn not_from_phone(id: i64, masked: &[(String, Vec<i64>)], phones: usize) -> Localized {
    let (these, these_en) = these_phones(phones);
    Localized::new(
        format!(
            "Chưa xuất gì: phản ánh {id} không nằm trong các phản ánh còn giữ danh tính gửi từ {these}:\n{}\n{CHOOSE_VI}",
            groups(masked, Lang::Vi)
        ),
        format!(
            "nothing exported: report {id} is not among the reports still holding their identity sent from {these_en}:\n{}\n{CHOOSE_EN}",
            groups(masked, Lang::En)
        ),
    )
}

/// Refuses `--name` that no report of the phone carries.
pub fn name_not_found(masked: &[(String, Vec<i64>)], phones: usize) -> Localized {
    let (these, these_en) = these_phones(phones);
    Localized::new(
        format!(
            "Chưa xuất gì: không phản ánh nào gửi từ {these} mang họ tên đã nhập (so không phân biệt hoa thường, dấu, khoảng trắng):\n{}\n{CHOOSE_VI}",
            groups(masked, Lang::Vi)
        ),
        format!(
            "nothing exported: no report sent from {these_en} carries the name given (compared regardless of case, diacritics and spacing):\n{}\n{CHOOSE_EN}",
            groups(masked, Lang::En)
        ),
    )
}

/// What an empty request says in place of a table with no row.
pub fn nothing(phones: usize, lang: Lang) -> String {
    let (these, these_en) = these_phones(phones);
    lang.pick(
        format!("Không có phản ánh nào còn giữ danh tính gửi từ {these}; việc tra cứu đã được ghi nhật ký."),
        format!("No report still holding its identity was sent from {these_en}; the request is logged."),
    )
}

/// The phones of the request, as the messages name them.
fn these_phones(phones: usize) -> (&'static str, &'static str) {
    if phones > 1 {
        ("các số điện thoại này", "these phones")
    } else {
        ("số điện thoại này", "this phone")
    }
}
