//! What `erase` says when done (`cli::erase` prints it): the identities erased for good (or,
//! in a dry run, those that would be), an erasure made without the key, identities the key
//! did not open, and reports erased before; what it and the sweep's erasure under the
//! retention period say when they refuse or leave reports out, and what the sweep's dry run
//! says of it. Built from what `app::erase` did; nothing here reads the database.

use crate::domain::audit::ChainBreak;
use crate::domain::erasure::{RETENTION, Unjudgeable, Unjudged};
use crate::domain::statement;
use crate::domain::text::{IDS_NAMED, ids_listed, ids_named};
use crate::i18n::{Bilingual, Lang, Localized, count_en};
use crate::storage;

/// Where the whole list of a notice that named only the first reports is: the dry run's
/// own JSON, or, once erased, the accountability list.
#[derive(Debug, Clone, Copy)]
pub(super) enum WholeList {
    DryRunJson,
    Reveals,
}

/// The reports `erased` listed after their count, or nothing when there are none: the first
/// [`IDS_NAMED`] and where the rest are, since `--closed-before` can erase a hundred thousand
/// and one line of all their numbers is more than a terminal or a cron mail can show.
pub(super) fn listed(erased: &[i64], whole: WholeList, lang: Lang) -> String {
    if erased.is_empty() {
        return String::new();
    }
    if erased.len() <= IDS_NAMED {
        return format!(" ({})", ids_listed(erased));
    }
    let whole = match whole {
        WholeList::DryRunJson => lang.pick(
            "cả danh sách: thêm --format json",
            "the whole list: add --format json",
        ),
        WholeList::Reveals => lang.pick(
            "cả danh sách: `phananh audit reveals`",
            "the whole list: `phananh audit reveals`",
        ),
    };
    format!(" ({}; {whole})", ids_named(erased))
}

/// A dry run's line: what the real run would erase, and that nothing was.
pub fn would_erase(erased: &[i64]) -> Localized {
    let listed = |lang| listed(erased, WholeList::DryRunJson, lang);
    Localized::new(
        format!(
            "Chạy thử, chưa xóa gì: lệnh này sẽ xóa vĩnh viễn danh tính người phản ánh của {} phản ánh{}. Bỏ --dry-run để xóa.",
            crate::i18n::grouped(erased.len(), crate::i18n::Lang::Vi),
            listed(Lang::Vi),
        ),
        format!(
            "dry run, nothing erased: this would erase the reporter's identity of {}{} for good; drop --dry-run to erase",
            count_en(erased.len(), "report", "reports"),
            listed(Lang::En),
        ),
    )
}

/// The identities erased, for good; the reports and their log stay.
pub fn erased(erased: &[i64]) -> Localized {
    let listed = |lang| listed(erased, WholeList::Reveals, lang);
    Localized::new(
        format!(
            "Đã xóa vĩnh viễn danh tính người phản ánh của {} phản ánh{}; phản ánh và nhật ký giữ nguyên.",
            crate::i18n::grouped(erased.len(), crate::i18n::Lang::Vi),
            listed(Lang::Vi),
        ),
        format!(
            "erased the reporter's identity of {}{} for good; the reports and their log stay",
            count_en(erased.len(), "report", "reports"),
            listed(Lang::En),
        ),
    )
}

/// What `erase --format json` prints on standard output: every report of each list the
/// notices name only the first of, for a script or an admin who needs them all.
#[derive(Debug, serde::Serialize)]
pub struct ErasedLists<'a> {
    pub dry_run: bool,
    pub erased: &'a [i64],
    pub already: &'a [i64],
    pub unreadable: &'a [i64],
    pub without_key: bool,
    /// The reports whose stored texts still hold the reporter's name or phone, and where.
    pub left_in_texts: &'a [crate::domain::erasure::LeftInTexts],
    /// The copies `restore` kept beside the database that still hold what was erased
    /// (left out when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaced_copies: Vec<ReplacedCopy>,
}

/// A copy `restore` kept (`DB.replaced-DATE-TIME`), for `erase --format json`.
#[derive(Debug, serde::Serialize)]
pub struct ReplacedCopy {
    pub file: String,
    /// The time its name carries, the restore's: `YYYY-MM-DDTHH:MM:SS`.
    pub restored_at: String,
}

impl ReplacedCopy {
    pub fn list(copies: &[(std::path::PathBuf, String)]) -> Vec<ReplacedCopy> {
        copies
            .iter()
            .map(|(path, stamp)| ReplacedCopy {
                file: path.display().to_string(),
                restored_at: chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S")
                    .map(|at| at.format("%Y-%m-%dT%H:%M:%S").to_string())
                    .unwrap_or_else(|_| stamp.clone()),
            })
            .collect()
    }
}

/// The erased reports whose stored texts still name the reporter (`left`), if any: the
/// admin must not tell the citizen that nothing of them is left.
pub fn left_in_texts(
    left: &[crate::domain::erasure::LeftInTexts],
    dry_run: bool,
) -> Option<Localized> {
    if left.is_empty() {
        return None;
    }
    let each = |lang: Lang| {
        let (content, address, result, place) = lang.pick(
            ("nội dung", "địa chỉ", "kết quả xử lý", "chỗ"),
            ("content", "address", "result", "place"),
        );
        let (commune, hint) = lang.pick(
            ("ô xã/phường", "ô gợi ý lĩnh vực"),
            ("commune cell", "category hint"),
        );
        left.iter()
            .take(20)
            .map(|l| {
                let texts: Vec<String> = [
                    (content, l.content),
                    (address, l.address),
                    (result, l.result),
                    (commune, l.commune),
                    (hint, l.hint),
                ]
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(text, n)| match lang {
                    Lang::Vi => format!("{text} {n} {place}"),
                    Lang::En => format!("{text} {}", count_en(n, place, "places")),
                })
                .collect();
                format!(
                    "{} {}: {}",
                    lang.pick("phản ánh", "report"),
                    l.report,
                    texts.join(", ")
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let more = left.len().saturating_sub(20);
    let (more_vi, more_en) = if more > 0 {
        (
            format!(
                " và {} phản ánh khác (--format json liệt kê đủ)",
                crate::i18n::grouped(more, Lang::Vi)
            ),
            format!(
                " and {} (--format json lists them all)",
                count_en(more, "other report", "other reports")
            ),
        )
    } else {
        (String::new(), String::new())
    };
    let (will_vi, will_en) = if dry_run {
        ("sẽ vẫn còn", "would still hold")
    } else {
        ("vẫn còn", "still hold")
    };
    Some(Localized::new(
        format!(
            "Lưu ý: văn bản đã lưu {will_vi} họ tên hoặc số điện thoại của chính người phản ánh ({}{more_vi}). Xóa danh tính không sửa nội dung, địa chỉ, kết quả và các ô khác: bản công khai và người không được xem danh tính thấy \"[đã ẩn]\" ở những chỗ đó, nhưng cán bộ được xem danh tính và bản xuất đầy đủ vẫn đọc thấy. Hãy nói rõ điều này với người yêu cầu xóa.",
            each(Lang::Vi)
        ),
        format!(
            "note: the stored texts {will_en} the reporter's own name or phone ({}{more_en}). Erasing the identity does not change the content, address, result or other cells: the public views and readers without identity rights see \"[đã ẩn]\" there, but staff with identity rights and the full export still read it. Tell the citizen who asked for the erasure",
            each(Lang::En)
        ),
    ))
}

/// What an erasure without the key (`--without-key`) lost.
pub fn without_key() -> Localized {
    Localized::new(
        "Đã xóa khi không có khóa (--without-key): không ghi được chỗ họ tên người phản ánh trong các văn bản công khai, nên trên bản công khai họ tên chỉ còn được ẩn theo dáng họ tên.",
        "erased without the key (--without-key): where the reporter's name stood in the public texts was not kept, so the public views hide names by their shape only",
    )
}

/// The reports erased whose identity the key did not open, if any: erased as without the
/// key, which the erase event records.
pub fn unreadable(reports: &[i64]) -> Option<Localized> {
    if reports.is_empty() {
        return None;
    }
    let ids = ids_listed(reports);
    Some(Localized::new(
        format!(
            "Cảnh báo: khóa không mở được danh tính của phản ánh {ids} (khóa riêng của phản ánh đã bị thay hoặc bị hỏng ngoài phananh), nên như khi xóa không có khóa (--without-key), không ghi được chỗ họ tên người phản ánh trong các văn bản công khai: trên bản công khai họ tên chỉ còn được ẩn theo dáng họ tên. Sự kiện erase ghi rằng danh tính đã không đọc được từ trước."
        ),
        format!(
            "warning: the key did not open the identity of {} {ids} (its own key was replaced or damaged outside phananh), so, as erased without the key (--without-key), where the reporter's name stood in the public texts was not kept: the public views hide names by their shape only. The erase event records that the identity was already unreadable",
            if reports.len() == 1 {
                "report"
            } else {
                "reports"
            }
        ),
    ))
}

/// The reports named whose identity was erased before, if any.
pub fn already(reports: &[i64]) -> Option<Localized> {
    if reports.is_empty() {
        return None;
    }
    if reports.len() <= IDS_NAMED {
        let ids = ids_listed(reports);
        return Some(Localized::new(
            format!("Đã xóa từ trước: {ids}."),
            format!("already erased: {ids}"),
        ));
    }
    let ids = |lang| listed(reports, WholeList::Reveals, lang);
    Some(Localized::new(
        format!(
            "Đã xóa từ trước: {} phản ánh{}.",
            crate::i18n::grouped(reports.len(), crate::i18n::Lang::Vi),
            ids(Lang::Vi)
        ),
        format!(
            "already erased: {}{}",
            count_en(reports.len(), "report", "reports"),
            ids(Lang::En)
        ),
    ))
}

/// The reports of `unjudged` (at least one) named, each with what is wrong with the event
/// its closing time would be read from, or that there is none; for the refusal that ends a
/// run and for the dry run.
pub fn unjudged_rows(unjudged: &[Unjudged]) -> Localized {
    let (forged, rest): (Vec<&Unjudged>, Vec<&Unjudged>) = unjudged
        .iter()
        .partition(|u| matches!(u.problem, Unjudgeable::Event(_)));
    let (reopened, unclosed): (Vec<&Unjudged>, Vec<&Unjudged>) = rest
        .into_iter()
        .partition(|u| matches!(u.problem, Unjudgeable::Reopened { .. }));
    let mut parts = Vec::new();
    if !forged.is_empty() {
        parts.push(forged_closings(&forged));
    }
    if !unclosed.is_empty() {
        parts.push(unrecorded_closings(&unclosed));
    }
    if !reopened.is_empty() {
        parts.push(reopened_closings(&reopened));
    }
    Localized::new(
        parts
            .iter()
            .map(|p| p.vi.clone())
            .collect::<Vec<_>>()
            .join(". "),
        parts
            .iter()
            .map(|p| p.en.clone())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// What is said of each of `unjudged`, between brackets: the first twenty, then how many in
/// all (`storage::journal::first_named`), as the reports' numbers before it are named.
fn unjudged_why(unjudged: &[&Unjudged], lang: Lang) -> String {
    storage::journal::first_named(unjudged, "; ", |u| {
        let what = match (&u.problem, lang) {
            (Unjudgeable::Event(problem), Lang::Vi) => problem.vi().into_owned(),
            (Unjudgeable::Event(problem), Lang::En) => problem.to_string(),
            (Unjudgeable::NoClosing(status), Lang::Vi) => format!("{} ({status})", status.vi()),
            (Unjudgeable::NoClosing(status), Lang::En) => format!("{} ({status})", status.en()),
            (Unjudgeable::Reopened { row, logged }, Lang::Vi) => {
                format!("{} ({row}), nhật ký: {} ({logged})", row.vi(), logged.vi())
            }
            (Unjudgeable::Reopened { row, logged }, Lang::En) => {
                format!("{} ({row}), the log: {} ({logged})", row.en(), logged.en())
            }
        };
        match (lang, unjudged.len()) {
            (_, 1) => what,
            (Lang::Vi, _) => format!("phản ánh {}: {what}", u.report_id),
            (Lang::En, _) => format!("report {}: {what}", u.report_id),
        }
    })
}

/// The reports of `unjudged` named as ones whose closing cannot be told, then why: `one`'s
/// words when it is one report, `many`'s when more, each given what [`unjudged_why`] says of
/// them in Vietnamese and in English.
fn cannot_tell(
    unjudged: &[&Unjudged],
    one: fn(&str, &str) -> Localized,
    many: fn(&str, &str) -> Localized,
) -> Localized {
    let why = if unjudged.len() == 1 { one } else { many };
    let why = why(
        &unjudged_why(unjudged, Lang::Vi),
        &unjudged_why(unjudged, Lang::En),
    );
    let named =
        super::journal::edited_named(&unjudged.iter().map(|u| u.report_id).collect::<Vec<_>>());
    let (vi, en) = if unjudged.len() == 1 {
        ("phản ánh", "report")
    } else {
        ("các phản ánh", "reports")
    };
    Localized::new(
        format!(
            "Không xét được {vi} {named} đã đóng trước mốc thời hạn hay chưa: {}",
            why.vi
        ),
        format!(
            "{en} {named} cannot be told closed before the cut-off or not: {}",
            why.en
        ),
    )
}

/// Reports whose closing event does not hold in the chain.
fn forged_closings(unjudged: &[&Unjudged]) -> Localized {
    cannot_tell(
        unjudged,
        |vi, en| {
            Localized::new(
                format!(
                    "sự kiện ghi việc đóng của nó không được nhật ký xác nhận, đã bị chèn hoặc sửa ngoài phananh ({vi})"
                ),
                format!(
                    "the event that records its closing does not hold in the log, inserted or edited outside phananh ({en})"
                ),
            )
        },
        |vi, en| {
            Localized::new(
                format!(
                    "các sự kiện ghi việc đóng của chúng không được nhật ký xác nhận, đã bị chèn hoặc sửa ngoài phananh ({vi})"
                ),
                format!(
                    "the events that record their closing do not hold in the log, inserted or edited outside phananh ({en})"
                ),
            )
        },
    )
}

/// Reports in a final status that no event of the log moved them into.
fn unrecorded_closings(unjudged: &[&Unjudged]) -> Localized {
    // One report's status is said in the sentence; many reports' statuses after it.
    cannot_tell(
        unjudged,
        |vi, en| {
            Localized::new(
                format!(
                    "nó mang trạng thái cuối, {vi}, mà không sự kiện nào trong nhật ký ghi việc đóng nó, trạng thái bị đặt hoặc sự kiện bị xóa ngoài phananh"
                ),
                format!(
                    "it stands in a final status, {en}, that no event of the log moved it into, the status set or the event removed outside phananh"
                ),
            )
        },
        |vi, en| {
            Localized::new(
                format!(
                    "chúng mang trạng thái cuối mà không sự kiện nào trong nhật ký ghi việc đóng chúng, trạng thái bị đặt hoặc sự kiện bị xóa ngoài phananh ({vi})"
                ),
                format!(
                    "they stand in final statuses that no event of the log moved them into, the statuses set or the events removed outside phananh ({en})"
                ),
            )
        },
    )
}

/// Reports whose rows stand in a status that is not final while their log closed them.
fn reopened_closings(unjudged: &[&Unjudged]) -> Localized {
    cannot_tell(
        unjudged,
        |vi, en| {
            Localized::new(
                format!(
                    "dòng của nó mang trạng thái chưa kết thúc trong khi bước cuối của nhật ký đã đóng nó ({vi}), trạng thái bị đặt lại ngoài phananh"
                ),
                format!(
                    "its row stands in a status that is not final while the last step of the log closed it ({en}), the status set back outside phananh"
                ),
            )
        },
        |vi, en| {
            Localized::new(
                format!(
                    "dòng của chúng mang trạng thái chưa kết thúc trong khi bước cuối của nhật ký đã đóng chúng, trạng thái bị đặt lại ngoài phananh ({vi})"
                ),
                format!(
                    "their rows stand in statuses that are not final while the last steps of the log closed them, the statuses set back outside phananh ({en})"
                ),
            )
        },
    )
}

/// The edited rows a run left out (`rows`), then those it could not judge (`unjudged`).
pub fn edited_and_unjudged(rows: &Localized, unjudged: &Localized) -> Localized {
    Localized::new(
        format!("{}. {}", rows.vi, unjudged.vi),
        format!("{}; {}", rows.en, unjudged.en),
    )
}

/// The integrity failure's text of a run that erased `erased` others after leaving out the
/// reports `left_out` names (`one` when it is one report), not erased for `why`: then the
/// way back, and `unreadable`, the reports whose key did not open, if any.
pub fn left_out(
    left_out: &Localized,
    one: bool,
    why: Option<(String, String)>,
    erased: usize,
    unreadable: Option<&Localized>,
) -> Localized {
    let (why_vi, why_en) = why
        .map(|(vi, en)| (format!(", {vi}"), format!(", {en}")))
        .unwrap_or_default();
    let close = crate::output::journal::edited_close();
    // The Vietnamese close ends its sentence; the English one, as English messages here do,
    // has no full stop, and what follows begins in lower case.
    let also = |lang: Lang| {
        unreadable
            .map(|m| format!("{}{}", lang.pick(" ", "; "), m.text(lang)))
            .unwrap_or_default()
    };
    Localized::new(
        format!(
            "{}. Danh tính {} không bị xóa{why_vi}; danh tính của {erased} phản ánh khác đã bị xóa. {}{}",
            left_out.vi,
            if one { "của nó" } else { "của chúng" },
            close.vi,
            also(Lang::Vi),
            erased = crate::i18n::grouped(erased, crate::i18n::Lang::Vi)
        ),
        format!(
            "{}. {} not erased{why_en}; the identities of {} were erased. {}{}",
            left_out.en,
            if one {
                "Its identity was"
            } else {
                "Their identities were"
            },
            count_en(erased, "other report", "other reports"),
            close.en,
            also(Lang::En)
        ),
    )
}

/// What names the reports a run over many left out because the key does not open their
/// identity, and the way back.
pub fn unreadable_left_out(reports: &[i64]) -> Localized {
    let rows = unreadable_rows(reports);
    let one = reports.len() == 1;
    Localized::new(
        format!(
            "{}. Danh tính ấy không bị xóa: xóa lúc này thì không ghi được chỗ họ tên người phản ánh trong các văn bản công khai, nên họ tên đã được ẩn sẽ hiện lại trên bản công khai. Hãy chạy `phananh audit verify`, khôi phục bản sao lưu (`phananh restore`); nếu không lấy lại được, quản trị viên xóa từng phản ánh bằng `phananh erase SỐ --reason \"LÝ DO\"`.",
            rows.vi
        ),
        format!(
            "{}. {} not erased: erased now, where the reporter's name stood in the public texts could not be kept, and a name hidden there would be published. Run `phananh audit verify` and restore a backup (`phananh restore`); if it cannot be had back, an admin erases each with `phananh erase ID --reason \"TEXT\"`",
            rows.en,
            if one { "It was" } else { "They were" }
        ),
    )
}

/// The warning that the bytes of the identities just erased (of the reports `erased`) are
/// still in the file. The reports are named: a cron job's sweep erased them, and nobody
/// typed them; past twenty, the first ones and one to run `erase` with again.
pub fn lingering(erased: &[i64]) -> Localized {
    if erased.len() > IDS_NAMED {
        // A hundred thousand numbers are no command line; one of them is enough, since any
        // `erase` folds the whole log into the file.
        let (n, named, first) = (erased.len(), ids_named(erased), erased[0]);
        return Localized::new(
            format!(
                "Cảnh báo: một phiên khác (phananh, sqlite3) đang mở cơ sở dữ liệu, nên các byte cũ của danh tính vừa xóa ({n} phản ánh: {named}) còn nằm trong tệp cho đến lần chép nhật ký WAL sau. Hãy đóng các phiên đó rồi chạy lại `erase` với một trong các phản ánh ấy (ví dụ `phananh erase {first} --reason …`): lệnh không xóa thêm gì mà xóa hẳn các byte của tất cả khỏi tệp.",
                n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
            ),
            format!(
                "warning: another session (phananh, sqlite3) has the database open, so the old bytes of the {n} identities just erased ({named}) stay in the file until the WAL is next copied into it; close those sessions and run `erase` again with one of those reports (e.g. `phananh erase {first} --reason …`): it erases nothing more and wipes them all from the file",
                n = crate::i18n::grouped(n, crate::i18n::Lang::En)
            ),
        );
    }
    let ids = erased
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    Localized::new(
        format!(
            "Cảnh báo: một phiên khác (phananh, sqlite3) đang mở cơ sở dữ liệu, nên các byte cũ của danh tính vừa xóa còn nằm trong tệp cho đến lần chép nhật ký WAL sau. Hãy đóng các phiên đó rồi chạy lại `erase` với cùng các phản ánh ({ids}) để xóa hẳn khỏi tệp."
        ),
        format!(
            "warning: another session (phananh, sqlite3) has the database open, so the old bytes of the identities just erased stay in the file until the WAL is next copied into it; close those sessions and run `erase` again with the same reports ({ids}) to wipe them from the file"
        ),
    )
}

/// `erase` named no report and no date.
pub fn nothing_named() -> Localized {
    Localized::new(
        "Hãy nêu số phản ánh cần xóa danh tính, hoặc --closed-before NGÀY.",
        "name the reports whose identity to erase, or --closed-before DATE",
    )
}

/// `erase` without a reason that says something.
pub fn reason_needed() -> Localized {
    Localized::new(
        format!(
            "Hãy cho biết lý do xóa danh tính: `erase ... --reason \"...\"`, {}; lý do được ghi vào nhật ký hệ thống.",
            statement::EXPECTED_VI
        ),
        format!(
            "say why the identities are erased: `erase ... --reason \"...\"`, {}; the reason is kept in the audit log",
            statement::EXPECTED_EN
        ),
    )
}

/// `erase` without a usable key, `(vi, en)` saying why there is none.
pub fn key_needed((vi, en): (&str, &str)) -> Localized {
    Localized::new(
        format!(
            "{vi}. Không xóa gì: không có khóa thì lệnh xóa không ghi được chỗ họ tên người phản ánh đứng trong các văn bản công khai, nên họ tên đã được ẩn ở đó sẽ hiện lại trên bản công khai. Hãy chỉ đúng tệp khóa (--key-file, PHANANH_KEY_FILE); nếu khóa đã mất hẳn, xem `phananh key reset`; nếu vẫn muốn xóa mà chấp nhận điều đó, thêm --without-key."
        ),
        format!(
            "{en}. Nothing was erased: without the key, the erasure cannot keep where the reporter's name stood in the public texts, so a name hidden there would be shown again in the public views. Point at the right key file (--key-file, PHANANH_KEY_FILE); if the key is lost for good, see `phananh key reset`; to erase anyway, accepting that, add --without-key"
        ),
    )
}

/// `erase` of reports not yet through the reception check (Đ6.3).
pub fn not_yet_checked(unchecked: &[String]) -> Localized {
    let list = unchecked.join(", ");
    let (these, have) = if unchecked.len() == 1 {
        ("report", "has")
    } else {
        ("reports", "have")
    };
    Localized::new(
        format!(
            "Phản ánh {list} chưa được kiểm tra tiếp nhận: việc kiểm tra (khoản 3 Điều 6) cần họ tên và số điện thoại người phản ánh đã gửi, xóa trước thì phản ánh sẽ bị từ chối như thể gửi thiếu. Không xóa gì. Hãy kiểm tra trước (`phananh validate {list}`), rồi xóa danh tính."
        ),
        format!(
            "{these} {list} {have} not been checked yet: the reception check (Article 6.3) needs the name and phone the reporter gave, and erased before it a report would be rejected as sent without them. Nothing was erased. Check first (`phananh validate {list}`), then erase the identity"
        ),
    )
}

/// Names reports whose identity the key does not open, for a dry run's line.
pub fn unreadable_rows(ids: &[i64]) -> Localized {
    let list = ids_listed(ids);
    let one = ids.len() == 1;
    Localized::new(
        format!(
            "Khóa không mở được danh tính của phản ánh {list}: khóa riêng của {} đã bị thay hoặc bị hỏng ngoài phananh",
            if one { "nó" } else { "chúng" }
        ),
        format!(
            "the key does not open the identity of {} {list}: {} own key was replaced or damaged outside phananh",
            if one { "report" } else { "reports" },
            if one { "its" } else { "their" }
        ),
    )
}

/// The sweep's dry run, when the real sweep would refuse with `refused`.
pub fn dry_run_refused(refused: &Localized) -> Localized {
    Localized::new(
        format!(
            "Chạy thử: lần quét thật bây giờ sẽ không xóa danh tính nào theo thời hạn lưu giữ mà báo lỗi: “{}”",
            refused.vi
        ),
        format!(
            "dry run: a real sweep now would erase no identity under the retention period, and fail with: «{}»",
            refused.en
        ),
    )
}

/// The sweep's dry run: the `n` reports (`listed`) closed before `cutoff` (stored time
/// text) that a real sweep under `days` would erase now, or, when `n` is 0, that it would
/// erase none.
pub fn dry_run(n: usize, days: f64, cutoff: &str, listed: &str) -> Localized {
    let cutoff = |lang| super::when(cutoff, lang).replace('\u{a0}', " ");
    if n == 0 {
        return Localized::new(
            format!(
                "Chạy thử: lần quét thật bây giờ sẽ không xóa danh tính nào theo thời hạn lưu giữ ({RETENTION} = {days}; đóng trước {}).",
                cutoff(Lang::Vi)
            ),
            format!(
                "dry run: a real sweep now would erase no identity under the retention period ({RETENTION} = {days}; closed before {})",
                cutoff(Lang::En)
            ),
        );
    }
    Localized::new(
        format!(
            "Chạy thử: lần quét thật bây giờ sẽ xóa vĩnh viễn danh tính người phản ánh của {n} phản ánh đã đóng quá thời hạn lưu giữ ({RETENTION} = {days}; đóng trước {}): {listed}; chưa xóa gì.",
            cutoff(Lang::Vi),
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "dry run: a real sweep now would erase for good the identities of {} closed past the retention period ({RETENTION} = {days}; closed before {}): {listed}; nothing was erased",
            count_en(n, "report", "reports"),
            cutoff(Lang::En)
        ),
    )
}

/// The dry run's line `said`, followed by the `count` reports `rows` names that a real
/// sweep would leave out and end with exit 5 for.
pub fn dry_run_leaves_out(said: &Localized, rows: &Localized, count: usize) -> Localized {
    let them = if count == 1 { "it" } else { "them" };
    Localized::new(
        format!(
            "{} {}: lần quét thật sẽ bỏ ra, không xóa, và kết thúc với mã lỗi 5.",
            said.vi, rows.vi
        ),
        format!(
            "{}; {}: a real sweep would leave {them} out, not erased, and end with exit code 5",
            said.en, rows.en
        ),
    )
}

/// The sweep's erasure under the retention period (`days`, None when it reads as off)
/// refused: the log does not vouch for the settings (`problem`).
pub fn retention_unvouched(days: Option<f64>, problem: &ChainBreak) -> Localized {
    let (period_vi, period_en) = match days {
        Some(days) => (
            format!("{RETENTION} = {days}"),
            format!("{RETENTION} = {days}"),
        ),
        None => (
            format!("{RETENTION}: tắt, theo bảng thiết lập hiện tại"),
            format!("{RETENTION}: off, as the settings table reads now"),
        ),
    };
    Localized::new(
        format!(
            "Không xóa danh tính nào theo thời hạn lưu giữ ({period_vi}): {}. Việc xóa không thể hoàn tác, nên không làm theo thiết lập khi nhật ký không xác nhận bảng thiết lập; các lời nhắc hạn vẫn được ghi. Hãy chạy `phananh audit verify`, khôi phục bản sao lưu và báo cho quản trị viên.",
            problem.vi()
        ),
        format!(
            "no identity was erased under the retention period ({period_en}): {problem}. An erasure cannot be undone, so none is made while the log does not vouch for the settings; the reminders were recorded. Run `phananh audit verify`, restore a backup and tell an admin"
        ),
    )
}

/// The sweep's erasure under the retention period (`days`) of the `due` reports
/// (`listed`) refused for want of a usable key, `(vi, en)` saying why there is none.
pub fn retention_key_needed(
    days: f64,
    due: usize,
    listed: &str,
    (vi, en): (&str, &str),
) -> Localized {
    Localized::new(
        format!(
            "Không xóa danh tính nào theo thời hạn lưu giữ ({RETENTION} = {days}; {due} phản ánh đến hạn: {listed}): {vi}. Không có khóa thì không ghi được chỗ họ tên người phản ánh đứng trong các văn bản công khai, nên họ tên đã ẩn ở đó sẽ hiện lại trên bản công khai; các lời nhắc hạn vẫn được ghi. Hãy chỉ cho lệnh `sweep` chỗ để khóa (--key-file, hoặc PHANANH_KEY_FILE trong dòng crontab).",
            due = crate::i18n::grouped(due, crate::i18n::Lang::Vi)
        ),
        format!(
            "no identity was erased under the retention period ({RETENTION} = {days}; {} due: {listed}): {en}. Without the key, where the reporter's name stood in the public texts cannot be kept, and a name hidden there would be shown again in the public views; the reminders were recorded. Point the sweep at the key (--key-file, or PHANANH_KEY_FILE in the crontab line)",
            count_en(due, "report", "reports"),
        ),
    )
}

/// What the officer does with a copy `restore` kept (`DB.replaced-…`): one instruction,
/// the same in `restore`'s warning, `erase`'s and the sweep's notices, SECURITY.md and the
/// guide. The copy opens with the key in use, and no erasure reaches it.
pub fn replaced_instruction() -> Localized {
    Localized::new(
        "giao tệp cho thanh tra rồi hủy nó trên máy chủ (`shred -u TỆP`); nếu phải giữ làm bằng chứng thì giữ niêm phong: chuyển ra phương tiện lưu trữ mã hóa, cất riêng với tệp khóa, lập biên bản, hủy khi hết cần",
        "hand it over to the inspector, then destroy it on the server (`shred -u FILE`); if it must be kept as evidence, keep it under seal: moved to encrypted media, stored apart from the key file, with a written record, and destroyed when no longer needed",
    )
}

/// The copies `restore` kept beside the database still hold the identities just erased
/// (or that a dry run would erase): named, each with the time its name carries.
pub fn replaced_copies(copies: &[(std::path::PathBuf, String)], dry_run: bool) -> Localized {
    let listed = |lang: Lang| {
        copies
            .iter()
            .map(|(path, stamp)| {
                let when = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S")
                    .map(|at| at.format("%d/%m/%Y %H:%M:%S").to_string())
                    .unwrap_or_else(|_| stamp.clone());
                match lang {
                    Lang::Vi => format!("{} (khôi phục lúc {when})", path.display()),
                    Lang::En => format!("{} (restored at {when})", path.display()),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let todo = replaced_instruction();
    let (what_vi, what_en) = if dry_run {
        ("danh tính sẽ xóa", "the identities this would erase")
    } else {
        ("danh tính vừa xóa", "the identities just erased")
    };
    Localized::new(
        format!(
            "Lưu ý: {what_vi} vẫn còn trong tệp mà `restore` giữ làm bằng chứng bên cạnh cơ sở dữ liệu, mở được bằng khóa đang dùng (phananh không sửa tệp bằng chứng, lần xóa này không tới được nó): {}. Hãy {}. Cho tới khi ấy, đừng trả lời người yêu cầu rằng danh tính đã bị xóa ở mọi nơi.",
            listed(Lang::Vi),
            todo.vi
        ),
        format!(
            "note: {what_en} are still in the file `restore` kept as evidence beside the database, which opens with the key in use (phananh never alters the evidence; this erasure does not reach it): {}. {}. Until then, do not tell the requester the identity is erased everywhere",
            listed(Lang::En),
            capitalised(&todo.en)
        ),
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
