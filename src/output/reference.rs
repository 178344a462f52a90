//! What the commands of the reference tables show and say when done (`cli::reference`,
//! `cli::route` and `cli::services` print it): the columns of `field`, `agency` and `staff
//! list` and of `staff logins`; a field, an agency, an account, a route or a service code
//! saved, and what an import changed, row by row. Built from what `app::directory`,
//! `app::routing` and `app::services` did; nothing here reads the database.

use std::fmt::Display;
use std::io::Write;
use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::{Format, Listing};
use crate::domain::access::Role;
use crate::domain::audit::ChainBreak;
use crate::domain::directory::{Change, Imported};
use crate::domain::routing::Route;
use crate::i18n::{Bilingual, Lang, Localized, count_en};
use crate::storage::private::ReadError;
use crate::storage::reference::{Agency, Field, LoginBinding, Staff};

/// What a reference import brings in: the rows its notice counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    Fields,
    Agencies,
    Accounts,
}

impl Rows {
    fn nouns(self) -> (&'static str, &'static str) {
        match self {
            Rows::Fields => ("lĩnh vực", "fields"),
            Rows::Agencies => ("cơ quan", "agencies"),
            Rows::Accounts => ("tài khoản", "accounts"),
        }
    }
}

/// What an import of `rows` changed: how many rows, which keys are new, which changed and
/// how, and which disabled accounts stayed disabled (with the way to enable one).
pub fn imported(imported: &Imported, rows: Rows) -> Localized {
    let (vi, en) = rows.nouns();
    let rows = imported.rows();
    // A first import names every row new; the first few say enough.
    const NAMED: usize = 20;
    let new = imported
        .new
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let unnamed = imported.new.len().saturating_sub(NAMED);
    let changed = |lang| {
        imported
            .changed
            .iter()
            .map(|(key, what)| format!("{key} ({})", parts(what, lang)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut said_vi = format!(
        "Đã nạp {rows} {vi}: {} mới, {} thay đổi, {} giữ nguyên.",
        crate::i18n::grouped(imported.new.len(), crate::i18n::Lang::Vi),
        crate::i18n::grouped(imported.changed.len(), crate::i18n::Lang::Vi),
        crate::i18n::grouped(imported.unchanged, crate::i18n::Lang::Vi),
        rows = crate::i18n::grouped(rows, crate::i18n::Lang::Vi)
    );
    // "fields", "agencies", "accounts": their singular drops the last letters.
    let en = if rows == 1 {
        en.strip_suffix("ies").map_or_else(
            || en.trim_end_matches('s').to_owned(),
            |stem| format!("{stem}y"),
        )
    } else {
        en.to_owned()
    };
    let mut said_en = format!(
        "{rows} {en} imported: {} new, {} changed, {} unchanged",
        crate::i18n::grouped(imported.new.len(), crate::i18n::Lang::En),
        crate::i18n::grouped(imported.changed.len(), crate::i18n::Lang::En),
        crate::i18n::grouped(imported.unchanged, crate::i18n::Lang::En),
        rows = crate::i18n::grouped(rows, crate::i18n::Lang::En)
    );
    if !new.is_empty() {
        let (more_vi, more_en) = if unnamed > 0 {
            (
                // Counted as what they are: accounts are no "mã" (codes).
                format!(
                    " và {} {vi} khác",
                    crate::i18n::grouped(unnamed, crate::i18n::Lang::Vi)
                ),
                format!(
                    " and {} more",
                    crate::i18n::grouped(unnamed, crate::i18n::Lang::En)
                ),
            )
        } else {
            (String::new(), String::new())
        };
        said_vi.push_str(&format!("\nMới: {new}{more_vi}."));
        said_en.push_str(&format!("\nnew: {new}{more_en}"));
    }
    if !imported.changed.is_empty() {
        said_vi.push_str(&format!("\nThay đổi: {}.", changed(Lang::Vi)));
        said_en.push_str(&format!("\nchanged: {}", changed(Lang::En)));
    }
    if !imported.bound.is_empty() {
        let bound = imported.bound.join(", ");
        said_vi.push_str(&format!("\nĐã gắn tài khoản hệ điều hành: {bound}."));
        said_en.push_str(&format!("\nlogins bound: {bound}"));
    }
    if let Some(unbound) = unbound(&imported.unbound, Binding::EditOrFile) {
        said_vi.push_str(&format!("\n{}", unbound.vi));
        said_en.push_str(&format!("\n{}", unbound.en));
    }
    for username in &imported.kept_disabled {
        said_vi.push_str(&format!(
            "\nTài khoản {username} đang bị khóa và vẫn khóa: nạp tệp không mở lại tài khoản; mở lại bằng `phananh staff enable {username}` nếu đúng ý."
        ));
        said_en.push_str(&format!(
            "\naccount {username} is disabled and stays so: an import never enables an account; `phananh staff enable {username}` enables it if that is meant"
        ));
    }
    Localized::new(said_vi, said_en)
}

/// The parts of a row an import changed, as words of `lang`.
fn parts(what: &[Change], lang: Lang) -> String {
    what.iter()
        .map(|change| part_name(change.part, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A part of a stored row, as a word of `lang`.
fn part_name(part: &str, lang: Lang) -> &str {
    let (vi, en) = match part {
        "name" => ("tên", "name"),
        "role" => ("vai trò", "role"),
        "agency" => ("cơ quan", "agency"),
        "active" => ("trạng thái", "state"),
        "level" => ("cấp", "level"),
        "parent" => ("cơ quan cấp trên", "parent"),
        "from" => ("ngày bắt đầu hoạt động", "first day in operation"),
        "until" => ("ngày cuối hoạt động", "last day in operation"),
        "keywords" => ("từ khóa", "keywords"),
        "field" => ("lĩnh vực", "field"),
        other => (other, other),
    };
    lang.pick(vi, en)
}

/// Each part of a row that changes, old → new in `lang`: "vai trò Tiếp nhận → Quản trị".
fn old_to_new(what: &[Change], lang: Lang) -> String {
    let value = |part: &str, stored: &str| -> String {
        if stored.is_empty() {
            return lang.pick("(trống)", "(none)").to_owned();
        }
        match part {
            "name" | "keywords" => format!("\"{stored}\""),
            "role" => Role::parse(stored).map_or_else(
                || stored.to_owned(),
                |role| Bilingual::text(&role, lang).into_owned(),
            ),
            "level" => level_label(stored, lang).to_owned(),
            "active" if stored == "true" => lang.pick("đang dùng", "enabled").to_owned(),
            "active" => lang.pick("đang khóa", "disabled").to_owned(),
            _ => stored.to_owned(),
        }
    };
    what.iter()
        .map(|c| {
            format!(
                "{} {} → {}",
                part_name(c.part, lang),
                value(c.part, &c.before),
                value(c.part, &c.after)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A row of the directory a `… add` names, as messages call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Field,
    Agency,
    Account,
    Service,
}

impl Noun {
    /// In a sentence, at its start, and in English.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Noun::Field => ("lĩnh vực", "Lĩnh vực", "field"),
            Noun::Agency => ("cơ quan", "Cơ quan", "agency"),
            Noun::Account => ("tài khoản", "Tài khoản", "account"),
            Noun::Service => ("mã dịch vụ", "Mã dịch vụ", "service code"),
        }
    }
}

/// Refuses a `… add` that would change the stored row `key` (`what`, old → new) without
/// `--yes`: a command called `add` meeting a key already taken is as likely a second person
/// or a new code typed over an old one as a correction.
pub fn would_change(noun: Noun, key: &str, what: &[Change]) -> Localized {
    let (_, upper, en) = noun.words();
    Localized::new(
        format!(
            "{upper} {key} đã có; lệnh này sẽ sửa {}. Chưa thay đổi gì: nếu đúng ý, chạy lại lệnh với --yes.",
            old_to_new(what, Lang::Vi)
        ),
        format!(
            "{en} {key} exists already; this would change its {}. Nothing changed: if that is meant, run the command again with --yes",
            old_to_new(what, Lang::En)
        ),
    )
}

/// A staff file that changes the role or agency of accounts already there, unconfirmed:
/// each account with its change old → new.
pub fn rights_would_change(accounts: &[(String, Vec<Change>)]) -> Localized {
    let listed = |lang: Lang| {
        accounts
            .iter()
            .map(|(username, what)| format!("{username} ({})", old_to_new(what, lang)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    Localized::new(
        format!(
            "Tệp đổi vai trò hay cơ quan của tài khoản đã có: {}. Chưa thay đổi gì: nếu đúng ý, chạy lại lệnh với --yes.",
            listed(Lang::Vi)
        ),
        format!(
            "the file changes the role or agency of accounts already there: {}. Nothing changed: if that is meant, run the command again with --yes",
            listed(Lang::En)
        ),
    )
}

/// What a `field add`, `agency add` or `service add` did to the row `key`: added it, changed it (old →
/// new), or nothing.
pub fn saved(noun: Noun, key: &str, saved: &Imported) -> Localized {
    let (vi, upper, en) = noun.words();
    match saved.changed.first() {
        _ if !saved.new.is_empty() => {
            Localized::new(format!("Đã thêm {vi} {key}."), format!("{en} {key} added"))
        }
        Some((_, what)) => Localized::new(
            format!("Đã sửa {vi} {key}: {}.", old_to_new(what, Lang::Vi)),
            format!("{en} {key} changed: {}", old_to_new(what, Lang::En)),
        ),
        None => Localized::new(
            format!("{upper} {key} đã đúng như vậy; không có gì thay đổi."),
            format!("{en} {key} is already as given; nothing changed"),
        ),
    }
}

/// A reference listing printed as the file holds it, then the first row the log does not
/// vouch for named, exit 5 (`vouched`): the reader sees what the file holds, and that it is
/// not the record.
pub fn listed<T: Listing>(
    rows: &[T],
    unvouched: Option<ChainBreak>,
    format: Format,
    lang: Lang,
) -> Result<()> {
    render(&mut std::io::stdout().lock(), rows, format, lang)?;
    Ok(vouched(unvouched)?)
}

/// A reference listing's rows; a table with none says so and what fills it
/// (`Listing::none_yet`).
fn render<T: Listing>(out: &mut dyn Write, rows: &[T], format: Format, lang: Lang) -> Result<()> {
    let nothing = T::none_yet().map(|said| said.text(lang).to_owned());
    super::render_or_say(out, rows, format, lang, nothing.as_deref())
}

/// Fails (exit 5) a reference listing, once its rows are printed, over the first row the
/// log does not vouch for (`problem`): the rows are what the file holds, not the record.
pub fn vouched(problem: Option<ChainBreak>) -> Result<(), crate::exit::Failure> {
    let Some(problem) = problem else {
        return Ok(());
    };
    Err(crate::exit::Failure::integrity(Localized::new(
        format!(
            "Danh sách trên không hoàn toàn như nhật ký đã ghi: {}. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "the list above is not all as the log recorded it: {problem}. Run `phananh audit verify` and tell an admin"
        ),
    )))
}

/// What `field add` did to the field `code`.
pub fn field_saved(code: &str, done: &Imported) -> Localized {
    saved(Noun::Field, code, done)
}

/// What `agency add` did to the agency `code`.
pub fn agency_saved(code: &str, done: &Imported) -> Localized {
    saved(Noun::Agency, code, done)
}

/// How the accounts of an [`unbound`] warning get their logins bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    /// By `staff edit --add-login` (`staff add`, a switch to `peer`).
    Edit,
    /// By `staff edit`, or the `logins` column of the file imported.
    EditOrFile,
}

/// Accounts no operating-system login is bound to, in `peer` mode: how many, the first
/// few, and the command that binds one. Said, since the import (or the switch to `peer`)
/// itself succeeded and the first sign was otherwise each person refused at their first
/// command.
pub fn unbound(accounts: &[String], binding: Binding) -> Option<Localized> {
    let first = accounts.first()?;
    let see = "`phananh staff logins --unbound`";
    let (file_vi, file_en) = match binding {
        Binding::Edit => ("", ""),
        Binding::EditOrFile => (
            " (hoặc cột logins của tệp)",
            " (or the file's logins column)",
        ),
    };
    if accounts.len() == 1 {
        return Some(Localized::new(
            format!(
                "Cảnh báo: tài khoản {first} chưa gắn tài khoản hệ điều hành nào nên chưa ai dùng được (auth.mode là peer). Gắn bằng `phananh staff edit {first} --add-login TÀI_KHOẢN_HỆ_ĐIỀU_HÀNH`, rồi xem lại bằng {see}."
            ),
            format!(
                "warning: account {first} has no operating-system login bound, so nobody can act as it yet (auth.mode is peer). Bind one with `phananh staff edit {first} --add-login LOGIN`, then check with {see}"
            ),
        ));
    }
    const NAMED: usize = 10;
    let names = accounts
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let more = accounts.len().saturating_sub(NAMED);
    let (more_vi, more_en) = if more > 0 {
        (
            format!(
                " và {} tài khoản khác",
                crate::i18n::grouped(more, Lang::Vi)
            ),
            format!(" and {} more", crate::i18n::grouped(more, Lang::En)),
        )
    } else {
        (String::new(), String::new())
    };
    let n = accounts.len();
    Some(Localized::new(
        format!(
            "Cảnh báo: {} tài khoản chưa gắn tài khoản hệ điều hành nào nên chưa ai dùng được (auth.mode là peer): {names}{more_vi}. Gắn cho từng người bằng `phananh staff edit {first} --add-login TÀI_KHOẢN_HỆ_ĐIỀU_HÀNH`{file_vi}, rồi xem lại bằng {see}.",
            crate::i18n::grouped(n, Lang::Vi)
        ),
        format!(
            "warning: {} accounts have no operating-system login bound, so nobody can act as them yet (auth.mode is peer): {names}{more_en}. Bind one to each with `phananh staff edit {first} --add-login LOGIN`{file_en}, then check with {see}",
            crate::i18n::grouped(n, Lang::En)
        ),
    ))
}

/// What `staff add` did to the account `user`: added it, changed some of its parts, bound
/// logins to it, or nothing.
pub fn staff_saved(user: &str, saved: &Imported) -> Localized {
    match saved.changed.first() {
        _ if !saved.new.is_empty() => Localized::new(
            format!("Đã thêm tài khoản {user}."),
            format!("account {user} added"),
        ),
        Some((_, what)) => Localized::new(
            format!("Đã sửa tài khoản {user}: {}.", old_to_new(what, Lang::Vi)),
            format!("account {user} changed: {}", old_to_new(what, Lang::En)),
        ),
        None if saved.bound.is_empty() => Localized::new(
            format!("Tài khoản {user} đã đúng như vậy; không có gì thay đổi."),
            format!("account {user} is already as given; nothing changed"),
        ),
        None => Localized::new(
            format!(
                "Tài khoản {user} đã đúng như vậy; đã gắn thêm tài khoản hệ điều hành: {}.",
                saved.bound.join(", ")
            ),
            format!(
                "account {user} is already as given; logins bound: {}",
                saved.bound.join(", ")
            ),
        ),
    }
}

/// The logins `added` to and `removed` from the account `user`.
pub fn staff_edited(user: &str, added: &[String], removed: &[String]) -> Localized {
    // Said as sentences: "đã gắn [root], đã gỡ []" was a programmer's lists, the empty one
    // included.
    let (added, removed) = (added.join(", "), removed.join(", "));
    let (vi, en) = match (added.is_empty(), removed.is_empty()) {
        (false, true) => (
            format!("đã gắn tài khoản hệ điều hành {added}"),
            format!("bound the operating-system login {added}"),
        ),
        (true, false) => (
            format!("đã gỡ tài khoản hệ điều hành {removed}"),
            format!("unbound the operating-system login {removed}"),
        ),
        (false, false) => (
            format!("đã gắn tài khoản hệ điều hành {added} và gỡ {removed}"),
            format!("bound the operating-system login {added} and unbound {removed}"),
        ),
        (true, true) => (
            "không có gì thay đổi".to_owned(),
            "nothing changed".to_owned(),
        ),
    };
    Localized::new(
        format!("Tài khoản {user}: {vi}."),
        format!("account {user}: {en}"),
    )
}

/// The account `user` disabled.
pub fn staff_disabled(user: &str) -> Localized {
    Localized::new(
        format!("Đã khóa tài khoản {user}."),
        format!("account {user} disabled"),
    )
}

/// The account `user` enabled again, or (`was_disabled` false) left as it was.
pub fn staff_enabled(user: &str, was_disabled: bool) -> Localized {
    if was_disabled {
        Localized::new(
            format!("Đã mở khóa tài khoản {user}."),
            format!("account {user} enabled again"),
        )
    } else {
        Localized::new(
            format!("Tài khoản {user} không bị khóa; không có gì thay đổi."),
            format!("account {user} is not disabled; nothing changed"),
        )
    }
}

/// A route saved: its field goes to its agency in its commune, or in every commune when it
/// names none.
pub fn routed(route: &Route, replaced: &[String]) -> Localized {
    let (field, commune, agency) = (&route.field, &route.commune, &route.agency);
    if !replaced.is_empty() {
        let (where_vi, where_en) = super::routing::route_place(route);
        let before = replaced.join(", ");
        Localized::new(
            format!("Đã sửa bảng phân phối: lĩnh vực {field} {where_vi}: {before} → {agency}."),
            format!("field {field} {where_en} rerouted: {before} → {agency}"),
        )
    } else if commune.is_empty() {
        Localized::new(
            format!("Đã thêm vào bảng phân phối: lĩnh vực {field} → {agency}, mọi xã, phường."),
            format!("field {field} now routes to {agency} for every commune"),
        )
    } else {
        Localized::new(
            format!("Đã thêm vào bảng phân phối: lĩnh vực {field} ở {commune} → {agency}."),
            format!("field {field} in {commune} now routes to {agency}"),
        )
    }
}

/// A file of `count` service codes imported.
pub fn services_imported(count: usize) -> Localized {
    Localized::new(
        format!(
            "Đã nạp {count} mã dịch vụ.",
            count = crate::i18n::grouped(count, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} imported",
            count_en(count, "service code", "service codes")
        ),
    )
}

/// A reference CSV that could not be read.
pub fn unreadable_csv(path: &Path, e: &ReadError) -> Localized {
    Localized::new(
        format!(
            "Không đọc được {} (cần tệp CSV UTF-8): {}",
            path.display(),
            e.vi()
        ),
        format!(
            "cannot read {} (a UTF-8 CSV file is needed): {e}",
            path.display()
        ),
    )
}

/// The file `name` lacks the column `missing` of `columns`.
pub fn missing_column(name: &str, missing: &str, columns: &[&str]) -> Localized {
    Localized::new(
        format!(
            "{name}: thiếu cột {missing}; cần các cột {}.",
            columns.join(",")
        ),
        format!(
            "{name}: no {missing} column; the columns are {}",
            columns.join(",")
        ),
    )
}

/// A column (`typed`) that is a slip of the one the file lacks (`meant`): nothing loaded.
pub fn mistyped_column(name: &str, typed: &str, meant: &str, columns: &[&str]) -> Localized {
    Localized::new(
        format!(
            "{name}: không có cột {typed}; có phải {meant}? Các cột là {}. Không nạp gì; sửa tên cột rồi nạp lại.",
            columns.join(",")
        ),
        format!(
            "{name}: there is no {typed} column; did you mean {meant}? The columns are {}. Nothing was loaded; fix the column's name and load again",
            columns.join(",")
        ),
    )
}

/// The CSV reader's own words (a byte that is not UTF-8, an I/O error), with the file's
/// name in the reader's language.
pub fn csv_unreadable(name: &str, e: &impl Display) -> Localized {
    Localized::new(
        format!("{name}: không đọc được tệp CSV ({e})"),
        format!("{name}: {e}"),
    )
}

/// A row with `found` cells under a header of `expected` columns.
pub fn cells_miscounted(name: &str, line: u64, found: usize, expected: usize) -> Localized {
    Localized::new(
        format!(
            "{name}:{line}: dòng có {found} ô nhưng dòng tiêu đề có {expected} cột (thiếu hay thừa dấu phẩy, hoặc một ô có dấu phẩy mà không đặt trong ngoặc kép)"
        ),
        format!("{name}:{line}: expected {expected} fields, found {found}"),
    )
}

/// A required cell left empty.
pub fn empty_cell(name: &str, line: u64, column: &str) -> Localized {
    Localized::new(
        format!("{name}:{line}: cột {column} để trống"),
        format!("{name}:{line}: {column} is empty"),
    )
}

/// The refusal of a whole import: each problem on its line, then the closing line.
pub fn nothing_loaded(problems: &[Localized]) -> Localized {
    let join =
        |pick: fn(&Localized) -> &str| problems.iter().map(pick).collect::<Vec<_>>().join("\n");
    Localized::new(
        format!(
            "{}\nKhông nạp gì; sửa các dòng trên rồi nạp lại.",
            join(|p| &p.vi)
        ),
        format!(
            "{}\nnothing was loaded; fix the lines above and try again",
            join(|p| &p.en)
        ),
    )
}

/// A key on a second line of one file.
pub fn duplicate_key(line: u64, key: &str, earlier: u64) -> Localized {
    Localized::new(
        format!("dòng {line}: mã “{key}” đã có ở dòng {earlier}; mỗi mã chỉ một dòng"),
        format!("line {line}: \"{key}\" is already on line {earlier}; one line per key"),
    )
}

/// A code that is a stored code but for case.
pub fn code_in_another_case(line: u64, typed: &str, stored: &str) -> Localized {
    let (at, at_en) = at(line);
    Localized::new(
        format!(
            "{at}mã “{typed}” là mã “{stored}” đã có (mã không phân biệt chữ hoa, chữ thường): ghi “{stored}” để sửa dòng ấy, hoặc đặt mã khác"
        ),
        format!(
            "{at_en}\"{typed}\" is the code \"{stored}\" already there (codes ignore case): write \"{stored}\" to change that row, or choose another code"
        ),
    )
}

/// An agency's level that is none of the three.
pub fn bad_level(line: u64, level: &str) -> Localized {
    let (at, at_en) = at(line);
    Localized::new(
        format!(
            "{at}cấp “{level}” phải là province, district hoặc commune (hay tỉnh; huyện, quận, thị xã, thành phố; xã, phường, thị trấn)"
        ),
        format!(
            "{at_en}level \"{level}\" must be province, district or commune (or tỉnh; huyện, quận, thị xã, thành phố; xã, phường, thị trấn)"
        ),
    )
}

/// An agency's first or last day in operation (`column`: `from` or `until`) that is not
/// a date.
pub fn bad_active_day(line: u64, column: &str, typed: &str) -> Localized {
    let (at, at_en) = at(line);
    let (vi, en) = if column == "from" {
        ("ngày bắt đầu hoạt động", "first day in operation")
    } else {
        ("ngày cuối hoạt động", "last day in operation")
    };
    Localized::new(
        format!("{at}{vi} “{typed}” không phải một ngày (YYYY-MM-DD hoặc DD/MM/YYYY)"),
        format!("{at_en}{en} \"{typed}\" is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
    )
}

/// An agency whose last day in operation comes before its first.
pub fn active_days_reversed(line: u64, from: &str, until: &str) -> Localized {
    let (at, at_en) = at(line);
    Localized::new(
        format!("{at}ngày cuối hoạt động {until} trước ngày bắt đầu hoạt động {from}"),
        format!("{at_en}last day in operation {until} is before the first, {from}"),
    )
}

/// An agency's parent that is neither in the file nor in the database.
pub fn no_parent(line: u64, parent: &str) -> Localized {
    let (at, at_en) = at(line);
    Localized::new(
        format!("{at}cơ quan cấp trên “{parent}” không có (xem `phananh agency list`)"),
        format!("{at_en}parent \"{parent}\" is not an agency"),
    )
}

/// A problem worded elsewhere (`vi`, `en`), placed on its line.
pub fn on_line(line: u64, (vi, en): (&str, &str)) -> Localized {
    let (at, at_en) = at(line);
    Localized::new(format!("{at}{vi}"), format!("{at_en}{en}"))
}

/// "dòng N: " / "line N: " before a problem of a file's line N; nothing for line 0, the one
/// row an `add` typed, which has no line (as `output::services::problem` says it).
fn at(line: u64) -> (String, String) {
    match line {
        0 => (String::new(), String::new()),
        _ => (format!("dòng {line}: "), format!("line {line}: ")),
    }
}

/// The refusal of the one row an `add` typed, for its `problems`, in one line: the file
/// import's closing line ("sửa các dòng trên rồi nạp lại") spoke of lines and a file the
/// admin never wrote.
pub fn typed_refused(problems: &[Localized]) -> Localized {
    super::services::refused(problems)
}

/// A role that is none of the five.
pub fn bad_role(line: u64, role: &str) -> Localized {
    let (at, at_en) = at(line);
    Localized::new(
        format!("{at}vai trò “{role}” phải là admin, reception, handler, leader hoặc auditor"),
        format!("{at_en}role \"{role}\" must be admin, reception, handler, leader or auditor"),
    )
}

/// A handler's row without an agency.
pub fn handler_needs_agency(line: u64) -> Localized {
    let (at, at_en) = at(line);
    Localized::new(
        format!("{at}tài khoản handler cần một cơ quan"),
        format!("{at_en}a handler needs an agency"),
    )
}

/// An account's agency that is not in the database.
pub fn no_agency(line: u64, agency: &str) -> Localized {
    let (at, at_en) = at(line);
    Localized::new(
        format!("{at}cơ quan “{agency}” không có (xem `phananh agency list`)"),
        format!("{at_en}agency \"{agency}\" does not exist (see `phananh agency list`)"),
    )
}

/// An account named as phananh names what it does by itself in the log.
pub fn reserved_username(username: &str) -> Localized {
    Localized::new(
        format!(
            "tên tài khoản “{username}” là tên phananh dùng cho những việc nó tự làm trong nhật ký; hãy chọn tên khác"
        ),
        format!(
            "the account name \"{username}\" is the name phananh gives what it does by itself in the log; choose another"
        ),
    )
}

/// An account name outside the letters an account may have (`identity::username_ok`),
/// shown escaped so that what it hides is seen.
pub fn bad_username(username: &str) -> Localized {
    let shown = username.escape_debug();
    Localized::new(
        format!(
            "tên tài khoản “{shown}” chỉ được gồm chữ cái không dấu, chữ số, '.', '_', '-' (bắt đầu bằng chữ cái hoặc chữ số): tên khác có thể in ra giống hệt một tài khoản đã có"
        ),
        format!(
            "the account name \"{shown}\" may hold only ASCII letters, digits, '.', '_' and '-', beginning with a letter or digit: another name can print exactly like an existing account"
        ),
    )
}

/// A change to the accounts that would leave none active with the admin role.
pub fn no_admin_left() -> Localized {
    Localized::new(
        "Bị từ chối: sau thay đổi này sẽ không còn tài khoản quản trị (admin) nào đang hoạt động, và không ai thêm lại được; không thay đổi gì. Hãy giữ vai trò admin cho ít nhất một tài khoản.",
        "refused: after this change no active account would have the admin role, and nobody could add one back; nothing was changed. Keep the admin role on at least one account",
    )
}

impl Listing for Field {
    const KEYS: &'static [&'static str] = &["code", "name", "keywords"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Mã", "Lĩnh vực", "Từ khóa"],
            vec!["Code", "Name", "Keywords"],
        )
    }
    fn cells(&self, _lang: Lang) -> Vec<String> {
        vec![
            self.code.clone(),
            self.name.clone(),
            self.keywords.join(", "),
        ]
    }

    fn none_yet() -> Option<Localized> {
        Some(Localized::new(
            "Chưa có lĩnh vực nào. Thêm từng lĩnh vực bằng `phananh field add MÃ --name TÊN`, hoặc cả tệp bằng `phananh field import TỆP`.",
            "no field yet; add one with `phananh field add CODE --name NAME`, or a whole file with `phananh field import FILE`",
        ))
    }
}

/// Fields as CSV rows: keywords joined, since CSV has no lists.
#[derive(Serialize)]
struct FieldRow<'a> {
    code: &'a str,
    name: &'a str,
    keywords: String,
}

/// An agency's stored level as `agency list` and `audit log` word it in `lang` (English
/// keeps the stored word; an unknown one reads as stored).
pub fn level_label(level: &str, lang: Lang) -> &str {
    match (lang, level) {
        (Lang::Vi, "province") => "tỉnh",
        (Lang::Vi, "district") => "huyện (trước 7/2025)",
        (Lang::Vi, "commune") => "xã/phường",
        (_, other) => other,
    }
}

/// A stored `YYYY-MM-DD` day as `lang` writes dates (as stored if it is not one).
fn day_text(day: &str, lang: Lang) -> String {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|d| d.format(lang.pick("%d/%m/%Y", "%Y-%m-%d")).to_string())
        .unwrap_or_else(|_| day.to_owned())
}

impl Agency {
    /// The level, and the days in operation when the directory has them: "huyện, đến
    /// 30/06/2025", "tỉnh, từ 01/07/2026".
    fn level_and_days(&self, lang: Lang) -> String {
        let level = match (lang, self.level.as_str()) {
            // The last day says "before July 2025" itself.
            (Lang::Vi, "district") if self.active_until.is_some() => "huyện",
            _ => level_label(&self.level, lang),
        };
        let from = self.active_from.as_deref().map(|d| day_text(d, lang));
        let until = self.active_until.as_deref().map(|d| day_text(d, lang));
        match (from, until) {
            (None, None) => level.to_owned(),
            (Some(from), None) => format!("{level}, {} {from}", lang.pick("từ", "from")),
            (None, Some(until)) => {
                format!("{level}, {} {until}", lang.pick("đến", "until"))
            }
            (Some(from), Some(until)) => format!("{level}, {from}–{until}"),
        }
    }
}

impl Listing for Agency {
    const KEYS: &'static [&'static str] = &[
        "code",
        "name",
        "level",
        "parent",
        "active_from",
        "active_until",
    ];

    // The table keeps its four columns (a fifth and sixth squeezed the names to a word a
    // line at 80 columns): the days in operation are said in the level's cell.
    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Mã", "Cơ quan", "Cấp", "Trực thuộc"],
            vec!["Code", "Name", "Level", "Parent"],
        )
    }

    fn excel_heads(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Mã",
                "Cơ quan",
                "Cấp",
                "Trực thuộc",
                "Hoạt động từ ngày",
                "Hoạt động đến hết ngày",
            ],
            vec![
                "Code",
                "Name",
                "Level",
                "Parent",
                "In operation from",
                "In operation until",
            ],
        )
    }

    // The days stay `YYYY-MM-DD` in the CSV for Excel, as the calendar's do: Excel reads
    // them as dates whatever the machine's convention.
    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        (key == "level").then(|| level_label(&self.level, lang).to_owned())
    }
    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            self.code.clone(),
            self.name.clone(),
            self.level_and_days(lang),
            self.parent.clone().unwrap_or_default(),
        ]
    }

    fn none_yet() -> Option<Localized> {
        Some(Localized::new(
            "Chưa có cơ quan nào. Thêm từng cơ quan bằng `phananh agency add MÃ --name TÊN --level CẤP`, hoặc cả tệp bằng `phananh agency import TỆP`.",
            "no agency yet; add one with `phananh agency add CODE --name NAME --level LEVEL`, or a whole file with `phananh agency import FILE`",
        ))
    }
}

impl Staff {
    /// The account's role as words (an unknown one as stored).
    fn role_words(&self, lang: Lang) -> String {
        Role::parse(&self.role).map_or_else(|| self.role.clone(), |r| r.text(lang).into_owned())
    }
}

impl Listing for Staff {
    const KEYS: &'static [&'static str] = &["username", "name", "role", "agency", "active"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Tài khoản", "Họ tên", "Vai trò", "Cơ quan", "Hoạt động"],
            vec!["Username", "Name", "Role", "Agency", "Active"],
        )
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        (key == "role").then(|| self.role_words(lang))
    }
    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            self.username.clone(),
            self.name.clone(),
            self.role_words(lang),
            self.agency.clone().unwrap_or_default(),
            lang.yes_no(self.active).to_owned(),
        ]
    }
}

impl Listing for LoginBinding {
    const KEYS: &'static [&'static str] = &["username", "login"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Tài khoản", crate::output::directory::OS_LOGIN.0],
            vec!["Username", crate::output::directory::OS_LOGIN.1],
        )
    }
    fn cells(&self, _lang: Lang) -> Vec<String> {
        vec![self.username.clone(), self.login.clone()]
    }
}

/// The fields as `field list` shows them; as CSV, keywords joined into one cell.
pub fn write_fields(
    out: &mut dyn Write,
    fields: &[Field],
    format: Format,
    lang: Lang,
) -> Result<()> {
    if format == Format::Csv {
        let mut w = super::SafeCsv::new(out).speaking(lang);
        // Written here, not by the first row: a list with no field has its header alone,
        // as every other listing's CSV with no row has it.
        w.head::<Field>(lang)?;
        for f in fields {
            w.serialize(&FieldRow {
                code: &f.code,
                name: &f.name,
                keywords: f.keywords.join(", "),
            })?;
        }
        w.flush()?;
        return Ok(());
    }
    render(out, fields, format, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A route for every commune says so; the service codes count in English.
    #[test]
    fn a_route_and_service_codes_read_in_each_language() {
        let route = Route {
            field: "GT".into(),
            commune: String::new(),
            agency: "SXD".into(),
        };
        assert_eq!(
            routed(&route, &[]).vi,
            "Đã thêm vào bảng phân phối: lĩnh vực GT → SXD, mọi xã, phường."
        );
        assert_eq!(
            routed(&route, &[]).en,
            "field GT now routes to SXD for every commune"
        );
        let added = Imported {
            new: vec!["pothole".into()],
            ..Imported::default()
        };
        assert_eq!(
            saved(Noun::Service, "pothole", &added).vi,
            "Đã thêm mã dịch vụ pothole."
        );
        assert_eq!(services_imported(1).en, "1 service code imported");
        assert_eq!(services_imported(3).vi, "Đã nạp 3 mã dịch vụ.");
    }

    /// The lines of the reference tables no integration test reads whole, in each language.
    #[test]
    fn the_saved_lines_read_in_each_language() {
        let added = Imported {
            new: vec!["GT".into()],
            ..Imported::default()
        };
        assert_eq!(field_saved("GT", &added).vi, "Đã thêm lĩnh vực GT.");
        let level = Imported {
            changed: vec![(
                "SXD".into(),
                vec![Change {
                    part: "level",
                    before: "province".into(),
                    after: "commune".into(),
                }],
            )],
            ..Imported::default()
        };
        assert_eq!(
            agency_saved("SXD", &level).en,
            "agency SXD changed: level province → commune"
        );
        assert_eq!(
            agency_saved("SXD", &level).vi,
            "Đã sửa cơ quan SXD: cấp tỉnh → xã/phường."
        );
        assert_eq!(
            agency_saved("SXD", &Imported::default()).en,
            "agency SXD is already as given; nothing changed"
        );
        assert_eq!(staff_disabled("an").vi, "Đã khóa tài khoản an.");
        assert_eq!(staff_enabled("an", true).en, "account an enabled again");
        let edited = staff_edited("an", &["an (u1)".into()], &[]);
        assert_eq!(
            edited.vi,
            "Tài khoản an: đã gắn tài khoản hệ điều hành an (u1)."
        );
        assert_eq!(
            edited.en,
            "account an: bound the operating-system login an (u1)"
        );
        let added = Imported {
            new: vec!["an".into()],
            ..Imported::default()
        };
        assert_eq!(staff_saved("an", &added).vi, "Đã thêm tài khoản an.");
        let one = imported(&added, Rows::Accounts);
        assert_eq!(
            one.en,
            "1 account imported: 1 new, 0 changed, 0 unchanged\nnew: an"
        );
        assert_eq!(
            one.vi,
            "Đã nạp 1 tài khoản: 1 mới, 0 thay đổi, 0 giữ nguyên.\nMới: an."
        );
    }
}
