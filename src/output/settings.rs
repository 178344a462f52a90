//! What `settings` shows and says (`cli::settings` prints it): its table; a setting's row the
//! log does not vouch for (a row deleted with `sqlite3` shows as its default, one changed as
//! the new value: both as if set, unless said, and the sweep acts on them), and the value a
//! `settings set` stored. Nothing here reads the database.

use serde::Serialize;

use super::Listing;
use crate::domain::audit::ChainBreak;
use crate::i18n::{Bilingual, Lang, Localized};

/// The warning for a setting's row the log does not vouch for, as `problem` says.
pub fn unvouched_row(problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Cảnh báo: {}; giá trị hiện ra ở dòng đó không phải giá trị nhật ký đã ghi. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "warning: {problem}; the value shown for it is not the one the log records. Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// The setting `key` now `stored`.
pub fn set(key: &str, stored: &str) -> Localized {
    Localized::new(
        format!("Đã đặt {key} = {stored}."),
        format!("{key} set to {stored}"),
    )
}

/// The warning when a change overwrote a value the log does not vouch for (`problem`).
pub fn replaced_unvouched(problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Cảnh báo: giá trị vừa được thay không phải giá trị nhật ký xác nhận ({}); sự kiện thay đổi ghi lại rằng nó thay một chỗ bị sửa ngoài phananh. Hãy chạy `phananh audit log` để xem và báo người phụ trách an ninh.",
            problem.vi()
        ),
        format!(
            "warning: the value replaced was not one the log vouches for ({}); the change records that it replaced an edit made outside phananh. See `phananh audit log` and tell whoever answers for security",
            problem.en()
        ),
    )
}

/// After a new issuing body: the settings (`keys`) that still name the portal in the HTML
/// report; None when there are none.
pub fn still_the_portal(keys: &[&str]) -> Option<Localized> {
    if keys.is_empty() {
        return None;
    }
    let list = keys.join(", ");
    Some(Localized::new(
        format!(
            "Lưu ý: báo cáo HTML vẫn ghi theo Cổng Thông tin điện tử tỉnh ở {list} (câu mở đầu “…, Cổng Thông tin điện tử tỉnh báo cáo…”, ký hiệu BC-CTTĐT); nếu cơ quan khác ban hành báo cáo, đặt cả những thiết lập ấy, ví dụ `phananh --as admin settings set document.reporter \"Sở Khoa học và Công nghệ\"`."
        ),
        format!(
            "note: the HTML report still follows the provincial web portal in {list} (the lead sentence's subject, the symbol BC-CTTĐT); if another body issues the report, set those too, for example `phananh --as admin settings set document.reporter \"Department of Science and Technology\"`"
        ),
    ))
}

/// Refuses a change of `key`, a limit the Decision sets for `stage` (`decision`, its
/// default), to `stored` without --yes and a reason.
pub fn decision_limit(
    key: &str,
    stage: crate::domain::deadline::Stage,
    decision: &str,
    stored: &str,
) -> Localized {
    Localized::new(
        format!(
            "Chưa đổi gì: {key} là thời hạn do Quyết định quy định ({}: {decision} giờ), không phải một lựa chọn của tỉnh. Chỉ đổi thành {stored} khi Quyết định được sửa đổi: chạy lại với --yes và --reason \"...\" dẫn văn bản sửa đổi ({}). Lý do được ghi vào nhật ký; báo cáo và bảng điểm của kỳ có thay đổi nêu nó; phản ánh đã quá hạn trước thay đổi vẫn tính là quá hạn.",
            stage.article(),
            crate::domain::statement::EXPECTED_VI
        ),
        format!(
            "nothing was changed: {key} is a limit the Decision sets ({}: {decision} hours), not a choice of the province. Change it to {stored} only when the Decision is amended: run again with --yes and --reason \"...\" citing the amending text ({}). The reason is kept in the log; the reports and scores of a period with the change name it; reports overdue before the change stay overdue",
            stage.article_en(),
            crate::domain::statement::EXPECTED_EN
        ),
    )
}

/// What switching a `peer` database to `trust` opens, for the refusal without --yes.
pub fn trust_opens() -> Localized {
    Localized::new(
        "Ở chế độ trust, --as được tin như gõ: ai chạy được phananh trên tệp này đều thao tác được dưới tên bất kỳ tài khoản nào, kể cả quản trị viên, và ghi giờ thao tác tùy ý bằng --now (docs/rules.md §7); chỉ dùng cho bản demo, kiểm thử hay máy một người dùng.",
        "in trust mode --as is taken as typed: whoever can run phananh on this file acts as any account, the admin included, and times steps at will with --now (docs/rules.md §7); it is for demos, tests and a single-user laptop",
    )
}

/// Refuses the switch to `peer` from the login `login`, to which no admin account is bound:
/// after it nobody there could act as an admin, `actor` included.
pub fn peer_locks_out(login: &str, actor: &str) -> Localized {
    Localized::new(
        format!(
            "Chưa đổi gì: ở chế độ peer, mỗi tài khoản chỉ dùng được từ tài khoản hệ điều hành gắn với nó, mà tài khoản hệ điều hành {login} chưa gắn với tài khoản quản trị nào, nên sau khi đổi không ai quản trị được nữa, kể cả để đổi lại. Gắn trước bằng `phananh staff edit {actor} --add-login {login}`, rồi chạy lại lệnh này."
        ),
        format!(
            "nothing was changed: in peer mode an account acts only through an operating-system login bound to it, and no admin account is bound to the login {login}, so after the switch nobody could act as an admin, not even to switch back. Bind one first with `phananh staff edit {actor} --add-login {login}`, then run this again"
        ),
    )
}

/// Refuses a retention period that would erase now (`said`) until it is confirmed.
pub fn unchanged_unless_yes(said: &Localized) -> Localized {
    Localized::new(
        format!("Chưa đổi gì. {} Nếu đúng ý, chạy lại với --yes.", said.vi),
        format!(
            "nothing was changed: {}. If that is what you mean, run again with --yes",
            said.en
        ),
    )
}

/// Refuses (exit 5) to set `key` while its own row is not what the log sealed (`problem`).
pub fn own_row_unvouched(key: &str, problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Không đổi gì: nhật ký không xác nhận {}, và thay đổi này sẽ ghi giá trị ấy vào nhật ký như giá trị trước đó của {key}, mà báo cáo, điểm và `audit verify` đọc làm thiết lập của mọi thời điểm trước. Hãy chạy `phananh audit verify`, rồi khôi phục bản sao lưu làm trước khi nó bị sửa.",
            problem.vi()
        ),
        format!(
            "nothing was changed: the log does not vouch for {}, and this change would log its value as the one {key} had before, which reports, scores and `audit verify` read as the setting of every earlier moment. Run `phananh audit verify`, then restore a backup made before it was edited",
            problem.en()
        ),
    )
}

/// Refuses to set `key`, the last score weight above 0 of `weights`, to 0.
pub fn no_weight_left(key: &str, weights: &[&str]) -> Localized {
    Localized::new(
        format!(
            "Không đặt {key} = 0: cả bốn trọng số điểm ({}) sẽ bằng 0, tổng các trọng số phải lớn hơn 0 để tính được điểm. Hãy đặt trọng số mới trước, rồi mới đưa trọng số cũ về 0.",
            weights.join(", ")
        ),
        format!(
            "{key} was not set to 0: all four score weights ({}) would be 0, and they must add up to more than 0 for any score to be computed. Set the new weight first, then bring the old one to 0",
            weights.join(", ")
        ),
    )
}

/// What a retention period of `days` means, and what a sweep now would do under it: erase
/// the identities of `reports` reports closed before `cutoff` (stored form).
pub fn retention(days: f64, cutoff: &str, reports: usize) -> Localized {
    let days_en = crate::i18n::count_en(days, "day", "days");
    // Written as the dry run of the sweep writes it, the command an admin runs next.
    let cutoff = |lang| super::when(cutoff, lang).replace('\u{a0}', " ");
    Localized::new(
        format!(
            "Mỗi lần quét (`sweep`) sẽ xóa vĩnh viễn danh tính người phản ánh của các phản ánh đã đóng quá {days} ngày; không thể lấy lại, kể cả khi khôi phục bản sao lưu. Nếu quét ngay bây giờ: {reports} phản ánh (đóng trước {}).",
            cutoff(crate::i18n::Lang::Vi),
            days = crate::i18n::grouped(days, crate::i18n::Lang::Vi),
            reports = crate::i18n::grouped(reports, crate::i18n::Lang::Vi)
        ),
        format!(
            "every sweep will erase for good the reporter's identity of reports closed more than {days_en} before it runs; it cannot be undone, not even by restoring a backup. A sweep now would erase {} (closed before {})",
            crate::i18n::count_en(reports, "identity", "identities"),
            cutoff(crate::i18n::Lang::En)
        ),
    )
}

/// No setting `key`; `meant`, the known one closest to it, if any.
pub fn no_such_setting(key: &str, meant: Option<&str>) -> Localized {
    match meant {
        Some(meant) => Localized::new(
            format!(
                "Không có thiết lập “{key}”; có phải ý bạn là {meant}? Xem `phananh settings show`."
            ),
            format!(
                "there is no setting \"{key}\"; did you mean {meant}? See `phananh settings show`"
            ),
        ),
        None => Localized::new(
            format!("Không có thiết lập “{key}”; xem `phananh settings show`."),
            format!("there is no setting \"{key}\"; see `phananh settings show`"),
        ),
    }
}

/// One line of `settings show`.
#[derive(Debug, Serialize)]
pub struct SettingRow {
    pub key: String,
    pub value: String,
    pub default: String,
    pub meaning: String,
}

impl Listing for SettingRow {
    const KEYS: &'static [&'static str] = &["key", "value", "default", "meaning"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Khóa", "Giá trị", "Mặc định", "Ý nghĩa"],
            vec!["Key", "Value", "Default", "Meaning"],
        )
    }
    fn cells(&self, _lang: Lang) -> Vec<String> {
        vec![
            self.key.clone(),
            self.value.clone(),
            self.default.clone(),
            self.meaning.clone(),
        ]
    }
}

/// A number setting given `value`, not a number between `min` and `max` (`with_point`: the
/// command that sets it written with a decimal point, when a decimal comma was the fault).
pub fn not_a_number(
    key: &str,
    (min, max): (f64, f64),
    value: &str,
    with_point: Option<&str>,
) -> Localized {
    match with_point {
        Some(line) => Localized::new(
            format!(
                "{key} phải là số từ {min} đến {max}, không phải “{value}”; viết phần thập phân sau dấu chấm: {line}."
            ),
            format!(
                "{key} must be a number from {min} to {max}, not \"{value}\"; write the decimals after a point: {line}"
            ),
        ),
        None => Localized::new(
            format!("{key} phải là số từ {min} đến {max}, không phải “{value}”."),
            format!("{key} must be a number from {min} to {max}, not \"{value}\""),
        ),
    }
}

/// Working hours given `value`, not windows of the day.
pub fn not_hours(key: &str, value: &str) -> Localized {
    Localized::new(
        format!(
            "{key} phải có dạng 07:00-11:00,13:00-17:00 (các khoảng không chồng nhau), không phải “{value}”."
        ),
        format!(
            "{key} must look like 07:00-11:00,13:00-17:00 (windows that do not overlap), not \"{value}\""
        ),
    )
}

/// A line of text given more than one line, or too long.
pub fn not_a_line(key: &str) -> Localized {
    Localized::new(
        format!("{key} phải là một dòng chữ, tối đa 200 ký tự."),
        format!("{key} must be one line of text, at most 200 characters"),
    )
}

/// A choice given `value`, none of `words`.
pub fn not_a_choice(key: &str, words: &[&str], value: &str) -> Localized {
    Localized::new(
        format!(
            "{key} phải là một trong: {}; không phải “{value}”.",
            words.join(", ")
        ),
        format!(
            "{key} must be one of: {}; not \"{value}\"",
            words.join(", ")
        ),
    )
}

/// What each setting of `app::settings::KNOWN` means, by its key, in each language: shown
/// by `settings show` and the reports' settings in force.
pub const MEANINGS: &[(&str, &str, &str)] = &[
    (
        "validate.min_syllable_share",
        "Đ6.1 [lựa chọn]: tỷ lệ tối thiểu các từ có dạng âm tiết tiếng Việt",
        "Art. 6.1 [choice]: least share of words shaped like Vietnamese syllables",
    ),
    (
        "validate.min_marked_or_common_share",
        "Đ6.1 [lựa chọn]: tỷ lệ tối thiểu các từ có dấu tiếng Việt hoặc là từ thông dụng",
        "Art. 6.1 [choice]: least share of words with Vietnamese diacritics or common Vietnamese words",
    ),
    (
        "validate.max_foreign_letter_share",
        "Đ6.1 [lựa chọn]: tỷ lệ tối đa chữ cái thuộc hệ chữ khác (Hán, Khmer, …)",
        "Art. 6.1 [choice]: largest share of letters from other scripts (Chinese, Khmer, …)",
    ),
    (
        "validate.open311_identity",
        "Đ6.3 [lựa chọn]: phản ánh nạp từ Open311 (hệ thống khác đã tiếp nhận, chuẩn không có họ tên, số điện thoại): optional = không từ chối vì thiếu họ tên, số điện thoại; required = đòi như phản ánh từ ứng dụng",
        "Art. 6.3 [choice]: reports loaded from Open311 (another system received them; the standard carries no name or phone): optional = not rejected for a missing name or phone; required = as for the app's reports",
    ),
    (
        "classify.auto_min_score",
        "Điểm từ khóa tối thiểu để `classify --suggest --apply` tự phân loại",
        "Least keyword score for `classify --suggest --apply` to classify on its own",
    ),
    (
        "deadline.dispatch.working_hours",
        "Đ7.2: số giờ làm việc để phân phối khi bắt đầu vào ngày làm việc",
        "Art. 7.2: working hours to dispatch when the clock starts on a working day",
    ),
    (
        "deadline.dispatch.day_off_hours",
        "Đ7.2: số giờ để phân phối khi bắt đầu vào ngày nghỉ",
        "Art. 7.2: hours to dispatch when the clock starts on a day off",
    ),
    (
        "deadline.return.working_hours",
        "Đ8.1.b: số giờ làm việc để chuyển trả phản ánh không thuộc thẩm quyền",
        "Art. 8.1.b: working hours within which an agency may return a report",
    ),
    (
        "deadline.return.day_off_hours",
        "Đ8.1.b: số giờ để chuyển trả khi bắt đầu vào ngày nghỉ",
        "Art. 8.1.b: hours within which an agency may return a report, on a day off",
    ),
    (
        "deadline.process.working_hours",
        "Đ8.1.b: số giờ làm việc để xử lý, trả lời",
        "Art. 8.1.b: working hours to handle and reply",
    ),
    (
        "deadline.process.day_off_hours",
        "Đ8.1.b: số giờ để xử lý, trả lời khi bắt đầu vào ngày nghỉ",
        "Art. 8.1.b: hours to handle and reply when the clock starts on a day off",
    ),
    (
        "deadline.publish.working_hours",
        "Đ9.4: số giờ làm việc để kiểm tra, duyệt và công khai kết quả",
        "Art. 9.4: working hours to check and publish the result",
    ),
    (
        "deadline.publish.day_off_hours",
        "Đ9.4: số giờ để kiểm tra, duyệt và công khai khi bắt đầu vào ngày nghỉ",
        "Art. 9.4: hours to check and publish when the clock starts on a day off",
    ),
    (
        "deadline.off_hours",
        "[lựa chọn] Ngoài giờ làm việc của ngày làm việc: next_window = tính từ giờ làm việc kế tiếp; day_off = tính như ngày nghỉ",
        "[choice] Outside working hours on a working day: next_window = count from the next working hours; day_off = as on a day off",
    ),
    (
        "calendar.working_hours",
        "[lựa chọn] Giờ làm việc trong ngày làm việc (cả thứ Bảy làm bù)",
        "[choice] Working hours of a working day (Saturdays worked in exchange too)",
    ),
    (
        "calendar.national_day_extra",
        "điểm đ khoản 1 Điều 112 Bộ luật Lao động 2019 [lựa chọn]: ngày nghỉ liền kề Quốc khánh 2/9 ở các năm chưa có lịch công bố: before = 1/9, after = 3/9",
        "Article 112(1)(dd), Labour Code 2019 [choice]: the day next to National Day 2/9 in years with no announced schedule: before = 1/9, after = 3/9",
    ),
    (
        "report.prolonged_working_days",
        "Đ13.6 [lựa chọn]: coi là kéo dài khi quá số ngày làm việc này kể từ khi tiếp nhận (đã xong hay chưa)",
        "Art. 13.6 [choice]: a case is prolonged when open, or closed, after this many working days from receipt",
    ),
    (
        "report.prolonged_returns",
        "Đ13.6 [lựa chọn]: coi là kéo dài khi bị chuyển trả từ số lần này trở lên",
        "Art. 13.6 [choice]: a case is prolonged when returned at least this many times",
    ),
    (
        "report.unresolved_send_backs",
        "Đ13.6 [lựa chọn]: coi là chưa dứt điểm khi bị yêu cầu xử lý lại từ số lần này trở lên",
        "Art. 13.6 [choice]: a case is unresolved when sent back for rework at least this many times",
    ),
    (
        "report.unresolved_max_rating",
        "Đ13.6 [lựa chọn]: coi là chưa dứt điểm khi người phản ánh đánh giá từ mức này trở xuống",
        "Art. 13.6 [choice]: a case is unresolved when the citizen rated it this or lower",
    ),
    (
        "score.weight_on_time",
        "Đ13.7, Đ14 [lựa chọn]: trọng số tỷ lệ xử lý đúng hạn trong điểm thi đua",
        "Art. 13.7, 14 [choice]: weight of the on-time rate in the emulation score",
    ),
    (
        "score.weight_returns",
        "Đ13.7, Đ14 [lựa chọn]: trọng số chuyển trả đúng hạn (1 − tỷ lệ chuyển trả trễ) trong điểm thi đua",
        "Art. 13.7, 14 [choice]: weight of timely returns (1 − late-return share) in the emulation score",
    ),
    (
        "score.weight_send_backs",
        "Đ9.1, Đ13.7, Đ14 [lựa chọn]: trọng số kết quả được chấp nhận ngay (1 − tỷ lệ vụ việc bị yêu cầu xử lý lại) trong điểm thi đua",
        "Art. 9.1, 13.7, 14 [choice]: weight of results accepted as first given (1 − share of cases sent back for rework) in the emulation score",
    ),
    (
        "score.weight_satisfaction",
        "Đ13.7, Đ14 [lựa chọn]: trọng số mức hài lòng của người dân trong điểm thi đua",
        "Art. 13.7, 14 [choice]: weight of citizens' satisfaction in the emulation score",
    ),
    (
        crate::domain::identity::SETTING,
        "Xác thực tài khoản (docs/rules.md §7): peer = theo tài khoản hệ điều hành gắn với tài khoản, lệnh ghi dùng đồng hồ hệ thống (`init` tạo như vậy); trust = tin --as và --now (bản demo, kiểm thử, máy một người dùng, cơ sở dữ liệu tạo trước khi có thiết lập này)",
        "Account authentication (docs/rules.md §7): peer = by the operating-system login bound to the account, writes timed by the system clock (what `init` creates); trust = --as and --now taken as given (demo, tests, a single-user laptop, databases made before this setting)",
    ),
    (
        "score.min_cases",
        "Đ13.7, Đ14 [lựa chọn]: số vụ việc tối thiểu (đã trả lời hoặc quá hạn) để được xếp hạng; ít hơn thì vẫn có điểm nhưng không xếp hạng",
        "Art. 13.7, 14 [choice]: least number of cases (replied or overdue) for a rank; with fewer an agency keeps its score but is not ranked",
    ),
    (
        "document.superior",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: cơ quan chủ quản ở góc trái báo cáo HTML, các dòng cách nhau bằng /, mỗi dòng in liền không ngắt (để trống: ỦY BAN NHÂN DÂN/TỈNH CÀ MAU)",
        "Decree 30/2020/ND-CP [choice]: the superior body at the top left of the HTML report, lines separated by /, each printed unbroken (empty: the province's People's Committee, on two lines)",
    ),
    (
        "document.issuer",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: cơ quan ban hành báo cáo, các dòng cách nhau bằng /, mỗi dòng in liền không ngắt (để trống: CỔNG THÔNG TIN/ĐIỆN TỬ TỈNH)",
        "Decree 30/2020/ND-CP [choice]: the body issuing the report, lines separated by /, each printed unbroken (empty: the provincial web portal)",
    ),
    (
        "document.reporter",
        "Đ13.6, Nghị định 30/2020/NĐ-CP [lựa chọn]: cơ quan báo cáo, chủ ngữ của câu mở đầu báo cáo HTML (“…, Cổng Thông tin điện tử tỉnh báo cáo kết quả…”); đổi cùng document.issuer và document.symbol khi cơ quan khác ban hành (để trống: Cổng Thông tin điện tử tỉnh)",
        "Art. 13.6, Decree 30/2020/ND-CP [choice]: the reporting body, subject of the HTML report's lead sentence; change it with document.issuer and document.symbol when another body issues the report (empty: the provincial web portal)",
    ),
    (
        "document.symbol",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: ký hiệu văn bản sau số do văn thư ghi (để trống: BC-CTTĐT)",
        "Decree 30/2020/ND-CP [choice]: the document's symbol after the number the clerk writes (empty: the portal's report symbol, written as in Vietnamese)",
    ),
    (
        "document.place",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: địa danh ghi trước ngày tháng (để trống: Cà Mau)",
        "Decree 30/2020/ND-CP [choice]: the place name before the date (empty: Ca Mau)",
    ),
    (
        "document.recipient",
        "Đ13.6, Nghị định 30/2020/NĐ-CP [lựa chọn]: nơi nhận chính, sau “Kính gửi” (để trống: Ủy ban nhân dân tỉnh Cà Mau)",
        "Art. 13.6, Decree 30/2020/ND-CP [choice]: the addressee (empty: the province's People's Committee)",
    ),
    (
        "document.copies",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: nơi nhận ở cuối báo cáo, cách nhau bằng dấu chấm phẩy (để trống: Như trên; Sở Nội vụ; Lưu: VT)",
        "Decree 30/2020/ND-CP [choice]: the recipients at the foot, separated by semicolons (empty: as above, Home Affairs, archive)",
    ),
    (
        "document.signer_title",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: quyền hạn, chức vụ người ký, các dòng cách nhau bằng / (vd. KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC; để trống: GIÁM ĐỐC)",
        "Decree 30/2020/ND-CP [choice]: the signer's authority and title, lines separated by / (empty: director)",
    ),
    (
        "document.signer_name",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: họ tên người ký (để trống thì chừa chỗ ghi tay)",
        "Decree 30/2020/ND-CP [choice]: the signer's full name (empty leaves room to write it by hand)",
    ),
    (
        "sweep.due_soon_minutes",
        "Đ13.3: `sweep` nhắc các thời hạn còn trong số phút này",
        "Art. 13.3: `sweep` reminds of deadlines within this many minutes",
    ),
    (
        "privacy.erase_after_days",
        "Luật 91/2025/QH15 [lựa chọn]: `sweep` xóa danh tính người phản ánh của phản ánh đã đóng quá số ngày này (0: không bao giờ)",
        "Law 91/2025/QH15 [choice]: `sweep` erases the reporter's identity of reports closed longer ago than this many days (0: never)",
    ),
    (
        "csv.style",
        "Cách ghi CSV của `score` và `report` (điểm thi đua gửi Sở Nội vụ, báo cáo gửi lãnh đạo): standard = RFC 4180 cho chương trình đọc (dấu phẩy, dấu chấm thập phân); excel = mở đúng trong Excel cài đặt vùng Việt Nam (dấu chấm phẩy, dấu phẩy thập phân, BOM, CRLF). --csv của từng lệnh được ưu tiên; các CSV khác chỉ theo --csv",
        "How `score` and `report` write CSV (the scores Home Affairs receives, the reports leaders read): standard = RFC 4180 for scripts (comma, decimal point); excel = opens right in Excel with Vietnamese regional settings (semicolon, decimal comma, BOM, CRLF). A command's --csv wins; other CSV follows --csv only",
    ),
];

/// What the setting `key` means, in Vietnamese and English (empty for a key the tool does not
/// know, which `app::settings::KNOWN` never holds: a test holds the two to each other).
pub fn meaning(key: &str) -> (&'static str, &'static str) {
    MEANINGS
        .iter()
        .find(|(known, _, _)| *known == key)
        .map_or(("", ""), |(_, vi, en)| (*vi, *en))
}
