//! The emulation score (Đ13.7, Đ14) as Home Affairs receives it: its columns declared once,
//! in the order of `docs/rules.md §5`, for the CSV (UTF-8 with a byte-order mark in either
//! `CsvStyle`, headers in the chosen language, and on every line what tells two files apart:
//! the period, the "as of" moment, the calendar version and the rules), the Excel workbook
//! (`xlsx`), the terminal's table, and JSON (the rows as they serialise, each with what the
//! CSV's lines carry); and `--explain`, the rule in words with the settings in force. Every
//! figure is rounded once, half up, in the domain.

use std::io::Write;

use anyhow::Result;

use super::xlsx::{Book, Kind};
use crate::domain::exact::{Ratio, fixed};
use crate::domain::score::{
    BASES, RoundedTie, Rules, ScoreRow, ScoreSheet, Unranked, rounded_ties,
};
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::i18n::grouped;
use crate::output::{CsvCell, Format, SafeCsv, write_fitted_counts, write_paragraph};

/// A column: its JSON name, its headers (Vietnamese, English), how a workbook shows it, and
/// its value: a number (None for an empty cell) or text.
struct Column {
    /// The row's JSON field this column writes out (a test ties the two together).
    #[cfg_attr(not(test), allow(dead_code))]
    key: &'static str,
    vi: &'static str,
    en: &'static str,
    kind: Kind,
    value: fn(&ScoreRow) -> Value,
}

enum Value {
    Text(String),
    Number(Option<f64>),
}

fn count(n: u64) -> Value {
    Value::Number(Some(n as f64))
}

const COLUMNS: [Column; 15] = [
    Column {
        key: "agency",
        vi: "Mã cơ quan",
        en: "Agency code",
        kind: Kind::Text,
        value: |r| Value::Text(r.agency.clone()),
    },
    Column {
        key: "name",
        vi: "Cơ quan",
        en: "Agency",
        kind: Kind::Text,
        value: |r| Value::Text(r.name.clone()),
    },
    Column {
        key: "assigned",
        vi: "Vụ việc được giao",
        en: "Cases assigned",
        kind: Kind::Count,
        value: |r| count(r.assigned),
    },
    Column {
        key: "replied",
        vi: "Đã trả lời",
        en: "Replied",
        kind: Kind::Count,
        value: |r| count(r.replied),
    },
    Column {
        key: "on_time",
        // Of the replied cases: "on time" alone read as every case not late, open ones too.
        vi: "Trả lời đúng hạn",
        en: "Replied on time",
        kind: Kind::Count,
        value: |r| count(r.on_time),
    },
    Column {
        key: "late",
        // A replied case whose rework is past due now is counted here, not as overdue.
        vi: "Trả lời trễ hạn",
        en: "Replied late",
        kind: Kind::Count,
        value: |r| count(r.late),
    },
    // Returns within an assignment's return window only (Đ8.1.b): a return during rework
    // is judged in T, where the periodic report's agency table counts it as a return; an
    // officer comparing the two files read "Chuyển trả" 1 here beside 2 there.
    Column {
        key: "returns",
        vi: "Chuyển trả (lượt đầu)",
        en: "Returned (first round)",
        kind: Kind::Count,
        value: |r| count(r.returns),
    },
    Column {
        key: "late_returns",
        vi: "Chuyển trả trễ (lượt đầu)",
        en: "Returned late (first round)",
        kind: Kind::Count,
        value: |r| count(r.late_returns),
    },
    Column {
        key: "sent_back",
        vi: "Bị yêu cầu xử lý lại",
        en: "Sent back",
        kind: Kind::Count,
        value: |r| count(r.sent_back),
    },
    Column {
        key: "open_overdue",
        // Cases with no reply yet: "Đang quá hạn" (overdue now) read 0 beside a replied
        // case whose rework was overdue now, counted late.
        vi: "Quá hạn chưa trả lời",
        en: "Overdue without reply",
        kind: Kind::Count,
        value: |r| count(r.open_overdue),
    },
    Column {
        key: "ratings",
        vi: "Lượt đánh giá",
        en: "Ratings",
        kind: Kind::Count,
        value: |r| count(r.ratings),
    },
    Column {
        key: "average_rating",
        vi: "Điểm đánh giá trung bình",
        en: "Average rating",
        kind: Kind::Decimal,
        value: |r| Value::Number(r.average_rating),
    },
    Column {
        key: "satisfied_share",
        vi: "Tỷ lệ hài lòng",
        en: "Satisfied share",
        kind: Kind::Percent,
        value: |r| Value::Number(r.satisfied_share),
    },
    Column {
        key: "score",
        vi: "Điểm",
        en: "Score",
        kind: Kind::Decimal,
        value: |r| Value::Number(r.score),
    },
    Column {
        key: "rank",
        vi: "Xếp hạng",
        en: "Rank",
        kind: Kind::Count,
        value: |r| Value::Number(r.rank.map(|n| n as f64)),
    },
];

/// A cell as text: numbers with a point (the file is data; Excel users take the workbook).
fn cell(column: &Column, row: &ScoreRow) -> String {
    csv_cell(column, row).text().to_owned()
}

/// A cell of the CSV: a number as one (the Excel style gives it a decimal comma), text as
/// text; "no score" an empty cell.
fn csv_cell(column: &Column, row: &ScoreRow) -> CsvCell {
    match (column.value)(row) {
        Value::Text(t) => CsvCell::Text(t),
        Value::Number(None) => CsvCell::Text(String::new()),
        Value::Number(Some(n)) if matches!(column.kind, Kind::Decimal) => {
            CsvCell::Number(format!("{n:.2}"))
        }
        // A share, rounded to a tenth of a percent: three decimals of the fraction.
        Value::Number(Some(n)) if matches!(column.kind, Kind::Percent) => {
            CsvCell::Share(format!("{n:.3}"))
        }
        Value::Number(Some(n)) => CsvCell::Number(format!("{n}")),
    }
}

/// A cell on screen: as in the file, with the reader's decimal comma in Vietnamese
/// (`88,17`), through the formatters the periodic report prints its rates and averages
/// with, a figure with nothing to compute it from included: "—" there, where this table
/// left a blank beside it (the file keeps its empty cell).
fn shown(column: &Column, row: &ScoreRow, l: Lang) -> String {
    match (column.kind, (column.value)(row)) {
        (Kind::Decimal, Value::Number(n)) => super::decimal(n, l),
        // The domain rounded it to thousandths: read back exactly, a tenth of a percent
        // prints it as it is.
        (Kind::Percent, Value::Number(n)) => super::percent(
            n.and_then(|n| Ratio::new((n * 1000.0).round() as i128, 1000)),
            l,
        ),
        (Kind::Count, Value::Number(Some(n))) if n >= 0.0 => super::grouped(n as u64, l),
        _ => cell(column, row),
    }
}

/// The columns that say which file this is, repeated on every line of the CSV.
fn about_heads(l: Lang) -> [&'static str; 4] {
    l.pick(
        [
            "Kỳ",
            "Số liệu tính đến",
            "Phiên bản lịch",
            "Quy tắc chấm điểm",
        ],
        ["Period", "As of", "Calendar version", "Scoring rules"],
    )
}

/// The period as its name, marked while it runs: a file of a running period must not read
/// as the final ranking.
fn period_label(sheet: &ScoreSheet, l: Lang) -> String {
    let name = sheet.period.text(l);
    if sheet.running {
        format!("{name} {}", l.pick("(chưa kết thúc)", "(not ended)"))
    } else {
        name.into_owned()
    }
}

/// The sentence that says the period scored has not ended, as the periodic report says it;
/// None once it has.
fn still_running(sheet: &ScoreSheet, l: Lang) -> Option<String> {
    sheet.running.then(|| {
        let at = super::as_of_in(&sheet.as_of, l);
        l.pick(
            format!("Kỳ chấm điểm chưa kết thúc: số liệu đến {at}; điểm và thứ hạng còn thay đổi."),
            format!(
                "The period has not ended: figures up to {at}; scores and ranks may still change."
            ),
        )
    })
}

/// The cells of `about_heads`: the rules as letters in the standard file, which scripts
/// have read all along; in words for the person who opens the Excel style (`for_excel`).
/// The moment as the periodic report's CSV writes it, in either style: RFC 3339 to the
/// second for scripts, so that a script joins the two files on one format; day first to the
/// second in the Excel style, a date and time to Excel (docs/rules.md §5).
fn about_cells(sheet: &ScoreSheet, l: Lang, for_excel: bool) -> [CsvCell; 4] {
    [
        CsvCell::Text(period_label(sheet, l)),
        CsvCell::Moment(sheet.as_of.clone()),
        CsvCell::Text(sheet.calendar_versions.join(" ")),
        CsvCell::Text({
            let rules = if for_excel {
                format!("{} {}", rules_words(&sheet.rules, l), bases_words(l))
            } else {
                rules_line(&sheet.rules, l)
            };
            match limit_changes_line(sheet, l) {
                Some(changes) if rules.ends_with('.') => format!("{rules} {changes}"),
                Some(changes) => format!("{rules}. {changes}"),
                None => rules,
            }
        }),
    ]
}

/// The changes of a limit the Decision sets made in the period, in one sentence, for the
/// rules a file states: the on-time rate rests on the limits as they stood at each moment.
fn limit_changes_line(sheet: &ScoreSheet, l: Lang) -> Option<String> {
    if sheet.limit_changes.is_empty() {
        return None;
    }
    let each: Vec<String> = sheet
        .limit_changes
        .iter()
        .map(|change| super::limit_change_said(change, l))
        .collect();
    Some(format!(
        "{} {}.",
        l.pick(
            "Thời hạn do Quyết định quy định đã đổi trong kỳ:",
            "Limits the Decision sets changed during the period:"
        ),
        each.join("; ")
    ))
}

/// A weight as its reader writes a number: `0,6` in Vietnamese, `0.6` in English (the
/// setting's own value, typed after `settings set`, keeps its point).
fn weight(r: Ratio, l: Lang) -> String {
    // Settings hold at most six decimals; trailing zeros dropped.
    let scaled = r.round_half_up(6).unwrap_or(0);
    let mark = l.pick(',', '.');
    let text = fixed(scaled, 6, mark);
    text.trim_end_matches('0').trim_end_matches(mark).to_owned()
}

/// The rules as the standard CSV has always written them (`a=0,6 b=0,1 d=0,1 c=0,3; xếp
/// hạng từ 10 vụ việc`): a contract with the scripts that read it. A person reads
/// `rules_words`.
fn rules_line(rules: &Rules, l: Lang) -> String {
    let w = &rules.weights;
    format!(
        "a={} b={} d={} c={}; {} {}",
        weight(w.on_time, l),
        weight(w.returns, l),
        weight(w.send_backs, l),
        weight(w.satisfaction, l),
        l.pick("xếp hạng từ", "ranked from"),
        l.pick(
            format!("{} vụ việc", crate::i18n::grouped(rules.min_cases, l)),
            crate::i18n::count_en(rules.min_cases, "case", "cases")
        ),
    )
}

/// The weights as a person reads them: each named by what it rewards, in the words of the
/// columns it is computed from (`a` is "Trả lời đúng hạn"; `b` costs "Chuyển trả trễ"; `d`
/// costs "Bị yêu cầu xử lý lại"; `c` weighs the average rating, not the satisfied share).
fn weights_words(rules: &Rules, l: Lang) -> String {
    let w = &rules.weights;
    let (a, b, d, c) = (
        weight(w.on_time, l),
        weight(w.returns, l),
        weight(w.send_backs, l),
        weight(w.satisfaction, l),
    );
    l.pick(
        format!(
            "Trọng số: trả lời đúng hạn {a}; không chuyển trả trễ {b}; không bị yêu cầu xử lý lại {d}; điểm đánh giá trung bình {c}"
        ),
        format!(
            "Weights: replied on time {a}; no late return {b}; not sent back {d}; average rating {c}"
        ),
    )
}

/// What `score.min_cases` counts, said with it: "từ 10 vụ việc" alone read as cases
/// assigned, beside an agency with 10 assigned, 9 judged and no rank.
fn threshold_words(rules: &Rules, l: Lang) -> String {
    let n = rules.min_cases;
    l.pick(
        format!(
            "Xếp hạng khi có từ {} vụ việc đã trả lời hoặc quá hạn",
            grouped(n, l)
        ),
        format!(
            "Ranked from {} replied or overdue",
            crate::i18n::count_en(n, "case", "cases")
        ),
    )
}

/// The rules in words: the table's, the Excel style's and the workbook's.
fn rules_words(rules: &Rules, l: Lang) -> String {
    format!(
        "{}. {}.",
        weights_words(rules, l),
        threshold_words(rules, l)
    )
}

/// The clause each weighed part follows, and that the weights are the province's: the
/// Excel style's rules cell, which Home Affairs attaches to its decision. Quyết định
/// 17/2022/QĐ-UBND sets no formula and no weight (Đ14 only asks Sở Nội vụ to add the
/// results to the emulation criteria): a reader must not take 0,6 for the Decision's.
fn bases_words(l: Lang) -> String {
    let [t, r, k, s] = BASES.map(|(vi, en)| l.pick(vi, en));
    l.pick(
        format!(
            "Căn cứ (Quy định ban hành kèm theo Quyết định 17/2022/QĐ-UBND): trả lời đúng hạn ({t}); không chuyển trả trễ ({r}); không bị yêu cầu xử lý lại ({k}); điểm đánh giá trung bình ({s}). {}",
            settings_not_decision(l)
        ),
        format!(
            "Basis (the Regulation issued with Decision No. 17/2022/QD-UBND): replied on time ({t}); no late return ({r}); not sent back ({k}); average rating ({s}). {}",
            settings_not_decision(l)
        ),
    )
}

/// That the weights and the threshold are the province's settings, not the Decision's.
fn settings_not_decision(l: Lang) -> &'static str {
    l.pick(
        "Trọng số và ngưỡng xếp hạng do tỉnh thiết lập, không do Quyết định 17/2022/QĐ-UBND quy định: Điều 14 chỉ giao Sở Nội vụ bổ sung kết quả xử lý phản ánh hiện trường vào tiêu chí đánh giá thi đua hằng năm.",
        "The weights and the ranking threshold are the province's settings, not set by Decision No. 17/2022/QD-UBND: its Article 14 only asks Home Affairs to add the results of handling on-the-spot reports to the yearly emulation criteria.",
    )
}

/// Why a row has no rank, in a cell of its own (the Excel style's and the workbook's
/// "Ghi chú").
fn unranked_note(why: Unranked, l: Lang) -> String {
    match why {
        Unranked::TooFew { .. } | Unranked::NothingJudged => format!(
            "{}: {}",
            l.pick("Không xếp hạng", "Not ranked"),
            unranked_reason(why, l)
        ),
        Unranked::NoCases => l
            .pick("Không có vụ việc trong kỳ", "No case in the period")
            .to_owned(),
    }
}

/// How much of the period the row's agency was in operation, when not all of it
/// (`super::operation_note`).
fn part_note(row: &ScoreRow, l: Lang) -> Option<String> {
    super::operation_note(row.in_operation_from, row.in_operation_until, l)
}

/// A sentence's first letter in capitals ("Thành lập từ …" as a cell of its own).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The reason alone, after the agency's name under the table.
fn unranked_reason(why: Unranked, l: Lang) -> String {
    match why {
        Unranked::TooFew { judged, least } => l.pick(
            format!(
                "{} vụ việc đã trả lời hoặc quá hạn, dưới {}",
                grouped(judged, l),
                grouped(least, l)
            ),
            format!(
                "{} replied or overdue, fewer than {}",
                crate::i18n::count_en(judged, "case", "cases"),
                grouped(least, l)
            ),
        ),
        Unranked::NothingJudged => l
            .pick(
                "không có điểm, chưa có vụ việc đã trả lời hoặc quá hạn",
                "no score, no case replied or overdue yet",
            )
            .to_owned(),
        Unranked::NoCases => l
            .pick("không có vụ việc trong kỳ", "no case in the period")
            .to_owned(),
    }
}

/// The note under the table: each agency scored or assigned but not ranked, with why, and
/// how many had no case at all (most communes in a year: named one by one they would bury
/// the others), and, when the table leaves their rows out (`drawn_all` false), where they
/// are.
fn unranked_lines(sheet: &ScoreSheet, drawn_all: bool, l: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let mut idle = 0u64;
    for row in &sheet.rows {
        match row.unranked(&sheet.rules) {
            None => {}
            Some(Unranked::NoCases) => idle += 1,
            Some(why) => lines.push(format!("- {}: {}.", row.name, unranked_reason(why, l))),
        }
    }
    if idle > 0 && drawn_all {
        lines.push(l.pick(
            format!("- {} cơ quan không có vụ việc trong kỳ.", grouped(idle, l)),
            format!(
                "- {} had no case in the period.",
                crate::i18n::count_en(idle, "agency", "agencies")
            ),
        ));
    } else if idle > 0 {
        lines.push(l.pick(
            format!(
                "- {} cơ quan không có vụ việc trong kỳ, không in ở bảng này (thêm --all để in); tệp --out và --format csv, json có đủ.",
                grouped(idle, l)
            ),
            format!(
                "- {} had no case in the period, not drawn in this table (add --all to draw them); files (--out, --format csv or json) list them all.",
                crate::i18n::count_en(idle, "agency", "agencies")
            ),
        ));
    }
    if !lines.is_empty() {
        lines.insert(0, l.pick("Không xếp hạng:", "Not ranked:").to_owned());
    }
    lines
}

/// The lines under the table about the agencies in operation for only part of the period
/// (each named, with its days) and those in operation on no day of it (counted: they are
/// in no table or file of the period), docs/rules.md §5.
fn operation_lines(sheet: &ScoreSheet, l: Lang) -> Vec<String> {
    let mut lines: Vec<String> = sheet
        .rows
        .iter()
        .filter_map(|row| Some(format!("- {}: {}.", row.name, part_note(row, l)?)))
        .collect();
    if !lines.is_empty() {
        lines.insert(
            0,
            l.pick(
                "Hoạt động một phần kỳ (số liệu chỉ của những ngày hoạt động):",
                "In operation for part of the period (figures of those days only):",
            )
            .to_owned(),
        );
    }
    if sheet.not_in_operation > 0 {
        lines.push(l.pick(
            format!(
                "{} cơ quan không hoạt động ngày nào trong kỳ (đã giải thể trước kỳ hoặc thành lập sau kỳ, như các đơn vị cấp huyện từ 01/7/2025), không có trong bảng và các tệp của kỳ.",
                grouped(sheet.not_in_operation, l)
            ),
            format!(
                "{} in operation on no day of the period (dissolved before it or set up after it, as the district-level units from 1 July 2025), in no table or file of the period.",
                crate::i18n::count_en(sheet.not_in_operation, "agency", "agencies")
            ),
        ));
    }
    lines
}

/// What decided the ranks of a group printed with one score: the unrounded score, then,
/// where it was equal, the cases replied on time, then the assignments.
fn decided_by(tie: &RoundedTie, l: Lang) -> String {
    let mut by = Vec::new();
    if tie.by_exact {
        by.push(l.pick("điểm chưa làm tròn", "the unrounded score"));
    }
    if tie.by_on_time {
        by.push(l.pick("số vụ việc trả lời đúng hạn", "cases replied on time"));
    }
    if tie.by_assigned {
        by.push(l.pick("số vụ việc được giao", "cases assigned"));
    }
    let then = by.join(l.pick(", rồi ", ", then "));
    if tie.by_exact {
        format!("{} {then}", l.pick("xếp theo", "ranked by"))
    } else {
        // No two of them differ in it: the unrounded score is said equal once, not printed
        // on every row.
        l.pick(
            format!("bằng cả điểm chưa làm tròn, xếp theo {then}"),
            format!("equal unrounded scores, ranked by {then}"),
        )
    }
}

/// The group's rows, each as `label` names it, with its rank and what decided it:
/// "Sở Y tế (hạng 9) 84,772; Công an tỉnh (hạng 10) 84,770".
fn tie_list(rows: &[ScoreRow], tie: &RoundedTie, label: fn(&ScoreRow) -> &str, l: Lang) -> String {
    tie.rows
        .iter()
        .map(|&i| {
            let row = &rows[i];
            let mut figures = Vec::new();
            if tie.by_exact {
                figures.extend(
                    row.exact
                        .and_then(|r| r.round_half_up(tie.places).ok())
                        .map(|scaled| fixed(scaled, tie.places, l.pick(',', '.'))),
                );
            }
            if tie.by_on_time {
                figures.push(l.pick(
                    format!("{} đúng hạn", grouped(row.on_time, l)),
                    format!("{} on time", grouped(row.on_time, l)),
                ));
            }
            if tie.by_assigned {
                figures.push(l.pick(
                    format!("{} được giao", grouped(row.assigned, l)),
                    format!("{} assigned", grouped(row.assigned, l)),
                ));
            }
            format!(
                "{} ({} {}) {}",
                label(row),
                l.pick("hạng", "rank"),
                row.rank.unwrap_or_default(),
                figures.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The printed score the group shares.
fn tie_score(rows: &[ScoreRow], tie: &RoundedTie, l: Lang) -> String {
    super::decimal(rows[tie.rows[0]].score, l)
}

/// The "Ghi chú" of each row of a group printed with one score and ranked apart, by codes
/// (the row's first cell): "Cùng điểm 84,77, khác hạng — xếp theo điểm chưa làm tròn:
/// SYT (hạng 9) 84,772; CAT (hạng 10) 84,770".
fn tie_note(rows: &[ScoreRow], tie: &RoundedTie, l: Lang) -> String {
    l.pick(
        format!(
            "Cùng điểm {}, khác hạng — {}: {}",
            tie_score(rows, tie, l),
            decided_by(tie, l),
            tie_list(rows, tie, |r| &r.agency, l)
        ),
        format!(
            "Same score {}, different ranks — {}: {}",
            tie_score(rows, tie, l),
            decided_by(tie, l),
            tie_list(rows, tie, |r| &r.agency, l)
        ),
    )
}

/// The last cell of each row of the CSV for Excel and the workbook: why it has no rank, or
/// why it has another rank than a row printed with the same score; empty otherwise.
fn notes(sheet: &ScoreSheet, l: Lang) -> Vec<String> {
    let mut notes: Vec<String> = sheet
        .rows
        .iter()
        .map(|row| {
            row.unranked(&sheet.rules)
                .map(|why| unranked_note(why, l))
                .unwrap_or_default()
        })
        .collect();
    for tie in rounded_ties(&sheet.rows) {
        let note = tie_note(&sheet.rows, &tie, l);
        for &i in &tie.rows {
            notes[i] = note.clone();
        }
    }
    // The days in operation come first: they say what the figures after them cover.
    for (row, note) in sheet.rows.iter().zip(&mut notes) {
        if let Some(part) = part_note(row, l) {
            *note = if note.is_empty() {
                capitalised(&part)
            } else {
                format!("{}; {note}", capitalised(&part))
            };
        }
    }
    notes
}

/// The note under the table for the groups printed with one score and ranked apart, by
/// the agencies' names: two rows read "84,77" and ranks 9 and 10 with no reason given.
fn tie_lines(sheet: &ScoreSheet, l: Lang) -> Vec<String> {
    let ties = rounded_ties(&sheet.rows);
    let mut lines: Vec<String> = ties
        .iter()
        .map(|tie| {
            format!(
                "- {} — {}: {}.",
                tie_score(&sheet.rows, tie, l),
                decided_by(tie, l),
                tie_list(&sheet.rows, tie, |r| &r.name, l)
            )
        })
        .collect();
    if !lines.is_empty() {
        lines.insert(
            0,
            l.pick("Cùng điểm, khác hạng:", "Same score, different ranks:")
                .to_owned(),
        );
    }
    lines
}

/// The calendar versions deadlines were judged under, for the one who verifies the
/// figures: under the table, not in the title a leader reads.
fn calendar_line(sheet: &ScoreSheet, l: Lang) -> String {
    format!(
        "{}: {}.",
        l.pick("Phiên bản lịch làm việc", "Working calendar version"),
        sheet.calendar_versions.join(", ")
    )
}

/// Writes the ranked rows: a table on a terminal (the agencies with no case in the period
/// only with `all`); a file is for Home Affairs, so CSV unless JSON was asked for (a
/// workbook is `write_xlsx`), every agency in it.
pub fn write(
    out: &mut dyn Write,
    sheet: &ScoreSheet,
    format: Format,
    to_file: bool,
    all: bool,
    lang: Lang,
) -> Result<()> {
    match format {
        Format::Json => {
            // Each row says whether its period is still running, as the report's "period"
            // does: a script that reads one row alone must not take it as final. And, as
            // each line of the CSV does, what tells two files apart: the period, the
            // moment, the calendar versions and the rules, in the report JSON's keys and
            // forms. docs/rules.md §5 gives the JSON as its rows: these keys are added to
            // each, where an envelope would break every script that reads the array.
            let about = json_about(sheet, lang);
            let rows: Vec<serde_json::Value> = sheet
                .rows
                .iter()
                .map(|row| {
                    let mut value = serde_json::to_value(row)?;
                    if let Some(object) = value.as_object_mut() {
                        object.insert("running".into(), sheet.running.into());
                        object.extend(about.clone());
                        // Added after the others, so a script reading them in order still
                        // does: the days of the period the agency was in operation, when
                        // not all of it (docs/rules.md §5).
                        object.insert(
                            "in_operation_from".into(),
                            serde_json::to_value(row.in_operation_from)?,
                        );
                        object.insert(
                            "in_operation_until".into(),
                            serde_json::to_value(row.in_operation_until)?,
                        );
                        // The exact sum the average was rounded from, as the report's
                        // agency rows give it, for scripts that compute on.
                        object.insert("rating_sum".into(), row.rating_sum.into());
                    }
                    Ok(value)
                })
                .collect::<Result<_, serde_json::Error>>()?;
            crate::output::write_json(out, &rows)?;
            writeln!(out)?;
        }
        Format::Table if !to_file => print_table(out, sheet, all, lang)?,
        Format::Table
        | Format::Csv
        | Format::Html
        | Format::Xml
        | Format::Open311Json
        | Format::Open311Xml => write_csv(out, sheet, lang)?,
    }
    Ok(())
}

/// The keys each JSON row carries about its file, as `report --format json` writes them:
/// `period` (kind, days, name, running), `as_of`, `calendar_version`, `calendar_versions`,
/// and `settings`, the score's settings in force as `settings set` takes them.
fn json_about(sheet: &ScoreSheet, l: Lang) -> serde_json::Map<String, serde_json::Value> {
    let w = &sheet.rules.weights;
    let mut settings = serde_json::Map::new();
    for ((_, key), value) in
        WEIGHTS
            .iter()
            .zip([w.on_time, w.returns, w.send_backs, w.satisfaction])
    {
        settings.insert((*key).into(), weight(value, Lang::En).into());
    }
    settings.insert(
        "score.min_cases".into(),
        sheet.rules.min_cases.to_string().into(),
    );
    let period = serde_json::json!({
        "kind": sheet.period.kind,
        "from": sheet.period.from,
        "to": sheet.period.to,
        "label": sheet.period.text(l),
        "running": sheet.running,
    });
    [
        ("period", period),
        ("as_of", sheet.as_of.clone().into()),
        ("calendar_version", sheet.calendar_version.clone().into()),
        ("calendar_versions", sheet.calendar_versions.clone().into()),
        ("settings", settings.into()),
    ]
    .into_iter()
    .chain(
        (!sheet.limit_changes.is_empty())
            .then(|| ("limit_changes", serde_json::json!(sheet.limit_changes))),
    )
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// UTF-8 with a byte-order mark in either style, so that Excel on Windows reads "Sở Y tế"
/// as written.
fn write_csv(out: &mut dyn Write, sheet: &ScoreSheet, l: Lang) -> Result<()> {
    let mut w = SafeCsv::with_bom(out);
    // The Excel style is read by a person: a last column says why a row has no rank. The
    // standard file keeps its columns, which scripts read by position.
    let for_excel = w.for_excel();
    let note_head = for_excel.then(|| l.pick("Ghi chú", "Note"));
    w.record(
        COLUMNS
            .iter()
            .map(|c| l.pick(c.vi, c.en))
            .chain(about_heads(l))
            .chain(note_head),
    )?;
    let about = about_cells(sheet, l, for_excel);
    let notes = notes(sheet, l);
    for (row, note) in sheet.rows.iter().zip(notes) {
        let note = for_excel.then_some(CsvCell::Text(note));
        w.cells(
            COLUMNS
                .iter()
                .map(|c| csv_cell(c, row))
                .chain(about.iter().cloned())
                .chain(note),
        )?;
    }
    w.flush()?;
    Ok(())
}

/// Columns a narrow screen leaves out, least needed first: the counts behind the score go
/// before the agency, its score and its rank.
const SPARE: [usize; 12] = [10, 7, 6, 3, 9, 8, 12, 11, 0, 5, 4, 2];

/// The table a terminal shows: the agencies with no case in the period (71 of them for a
/// year after the communes' merger, the abolished district committees among them) are left
/// out unless `all`, where their rows of zeros buried the ranked ones; the line under the
/// table counts them and says where they are.
fn print_table(out: &mut dyn Write, sheet: &ScoreSheet, all: bool, l: Lang) -> Result<()> {
    write_paragraph(out, &heading(sheet, l))?;
    write_paragraph(out, &rules_words(&sheet.rules, l))?;
    if let Some(running) = still_running(sheet, l) {
        write_paragraph(out, &running)?;
    }
    let headers = COLUMNS
        .iter()
        .map(|c| l.pick(c.vi, c.en).to_owned())
        .collect();
    let rows = sheet
        .rows
        .iter()
        .filter(|row| all || !matches!(row.unranked(&sheet.rules), Some(Unranked::NoCases)))
        .map(|row| COLUMNS.iter().map(|c| shown(c, row, l)).collect())
        .collect();
    // The counts' headers wrap a word a line ("Trả / lời / trễ / hạn") over short numbers:
    // weighed by their widest word, they keep the late cases beside those on time at 80
    // columns, as the shorter "Trễ hạn" was kept.
    write_fitted_counts(out, headers, rows, (&SPARE, &[]), &COUNTS, l)?;
    for line in tie_lines(sheet, l)
        .into_iter()
        .chain(unranked_lines(sheet, all, l))
        .chain(operation_lines(sheet, l))
    {
        write_paragraph(out, &line)?;
    }
    if let Some(changes) = limit_changes_line(sheet, l) {
        write_paragraph(out, &changes)?;
    }
    write_paragraph(out, &calendar_line(sheet, l))
}

/// The columns of whole counts (`Kind::Count`).
const COUNTS: [usize; 10] = [2, 3, 4, 5, 6, 7, 8, 9, 10, 14];

/// The title a leader reads: what, which period, as of when. The rules follow in words,
/// the calendar versions under the table.
fn heading(sheet: &ScoreSheet, l: Lang) -> String {
    format!(
        "{} — {}; {} {}",
        l.pick("ĐIỂM THI ĐUA", "EMULATION SCORES"),
        sheet.period.text(l),
        l.pick("số liệu tính đến", "figures as of"),
        crate::output::layout::when_exact(&sheet.as_of, l),
    )
}

/// The workbook: the scores, numbers as numbers with display formats Excel shows in the
/// reader's own convention (`88,13` on a Vietnamese Windows), then a sheet that says what
/// they are: period, moment, weights, calendar versions and the rule in words.
pub fn write_xlsx(sheet: &ScoreSheet, l: Lang) -> Result<Vec<u8>> {
    let printed = format!(
        "{} — {}; {} {}",
        l.pick("Điểm thi đua", "Emulation scores"),
        period_label(sheet, l),
        l.pick("số liệu tính đến", "figures as of"),
        super::as_of_in(&sheet.as_of, l)
    );
    let mut book = Book::new(&sheet.as_of, &printed, l)?;
    // After the columns, why a row has no rank, as the Excel style's CSV says it.
    let rows: Vec<Vec<(Kind, Value)>> = sheet
        .rows
        .iter()
        .zip(notes(sheet, l))
        .map(|(row, note)| {
            COLUMNS
                .iter()
                .map(|c| (c.kind, (c.value)(row)))
                .chain([(Kind::Text, Value::Text(note))])
                .collect()
        })
        .collect();
    book.table(
        l.pick("Điểm thi đua", "Scores"),
        None,
        &COLUMNS
            .iter()
            .map(|c| l.pick(c.vi, c.en))
            .chain([l.pick("Ghi chú", "Note")])
            .collect::<Vec<_>>(),
        rows.into_iter().map(|cells| {
            cells
                .into_iter()
                .map(|(kind, v)| match v {
                    Value::Text(t) => super::xlsx::Cell::Text(t),
                    Value::Number(n) => super::xlsx::Cell::Number(kind, n),
                })
                .collect()
        }),
    )?;
    // The agency's code and name beside its score on every printed page.
    book.repeat_columns(2)?;
    let number = |r: Ratio| super::xlsx::Cell::Number(Kind::Weight, Some(r.to_f64()));
    let text = |s: String| super::xlsx::Cell::Text(s);
    let mut about = vec![
        vec![
            text(l.pick("Kỳ", "Period").to_owned()),
            text(match still_running(sheet, l) {
                Some(running) => format!("{} — {running}", sheet.period.text(l)),
                None => sheet.period.text(l).into_owned(),
            }),
        ],
        vec![
            text(l.pick("Từ ngày", "From").to_owned()),
            super::xlsx::Cell::day(sheet.period.from),
        ],
        vec![
            text(l.pick("Đến ngày", "To").to_owned()),
            super::xlsx::Cell::day(sheet.period.to),
        ],
        vec![
            text(l.pick("Số liệu tính đến", "As of").to_owned()),
            super::xlsx::Cell::instant(&sheet.as_of, l),
        ],
        vec![
            text(
                l.pick(
                    "Số vụ việc đã trả lời hoặc quá hạn tối thiểu để được xếp hạng",
                    "Least cases replied or overdue for a rank",
                )
                .to_owned(),
            ),
            super::xlsx::Cell::Number(Kind::Count, Some(sheet.rules.min_cases as f64)),
        ],
        vec![
            text(
                l.pick(
                    "Phiên bản lịch làm việc tại thời điểm tính",
                    "Working calendar version at the moment",
                )
                .to_owned(),
            ),
            text(sheet.calendar_version.clone()),
        ],
        vec![
            text(
                l.pick(
                    "Mọi phiên bản lịch đã dùng để tính hạn",
                    "Every calendar version deadlines were judged under",
                )
                .to_owned(),
            ),
            text(sheet.calendar_versions.join(", ")),
        ],
    ];
    // Each weight labelled in the words its line of the formula below names it by
    // (`setting_words`), its letter kept: "Trọng số trả lời đúng hạn (a)" above
    // "(a: trọng số tỷ lệ xử lý đúng hạn …)" read as two things.
    let weights = in_reading_order(&sheet.rules.weights, l)
        .into_iter()
        .map(|(letter, key, value)| vec![text(weight_label(letter, key, l)), number(value)]);
    // After the period, its two days and its moment.
    let after = about.split_off(4);
    about.extend(weights);
    about.extend(after);
    let formula = rule_in_words(&sheet.rules, l)
        .lines()
        .map(|line| vec![text(String::new()), text(line.to_owned())])
        .collect::<Vec<_>>();
    book.table(
        l.pick("Thông tin", "About"),
        None,
        &[l.pick("Mục", "Item"), l.pick("Giá trị", "Value")],
        about.into_iter().chain(formula),
    )?;
    book.finish()
}

/// The weights' settings, each with its letter in the formula.
const WEIGHTS: [(char, &str); 4] = [
    ('a', "score.weight_on_time"),
    ('b', "score.weight_returns"),
    ('d', "score.weight_send_backs"),
    ('c', "score.weight_satisfaction"),
];

/// The weights (`WEIGHTS`) with their values, in the order `lang` reads them: English in the
/// settings' order, the formula's "a·T + b·R + d·K + c·S"; Vietnamese by letter, a, b, c, d,
/// as its formula writes them ("a·T + b·R + c·S + d·K"), since letters out of their order
/// read as a typo to the Home Affairs officer.
fn in_reading_order(
    w: &crate::domain::score::Weights,
    l: Lang,
) -> Vec<(char, &'static str, Ratio)> {
    let mut weights: Vec<_> = [w.on_time, w.returns, w.send_backs, w.satisfaction]
        .into_iter()
        .zip(WEIGHTS)
        .map(|(value, (letter, key))| (letter, key, value))
        .collect();
    if l == Lang::Vi {
        weights.sort_by_key(|(letter, _, _)| *letter);
    }
    weights
}

/// The words of the setting `key`, as the periodic report's footer says a setting
/// (`super::setting_for_reader`, from `output::settings::MEANINGS`), lower-cased to follow a
/// letter: a setting's key is no word Home Affairs reads.
fn setting_words(key: &str, l: Lang) -> String {
    let (vi, en) = crate::output::settings::meaning(key);
    let (said, _) = super::setting_for_reader(l.pick(vi, en), "", l);
    let mut letters = said.chars();
    letters
        .next()
        .map(|first| first.to_lowercase().chain(letters).collect())
        .unwrap_or_default()
}

/// A weight's label on the workbook's "Thông tin" sheet: the words of its line in the
/// formula (`weight_line`), capitalised, then its letter.
fn weight_label(letter: char, key: &str, l: Lang) -> String {
    let words = setting_words(key, l);
    let mut letters = words.chars();
    let capital: String = letters
        .next()
        .map(|first| first.to_uppercase().chain(letters).collect())
        .unwrap_or_default();
    format!("{capital} ({letter})")
}

/// `text` cut into lines of at most 80 characters between words, the first after `first`,
/// the others after `then` (the column the first line's text starts at).
fn hanging(first: &str, then: &str, text: &str) -> String {
    let mut lines = Vec::new();
    let mut line = first.to_owned();
    let mut empty = true;
    for word in text.split(' ') {
        if !empty && line.chars().count() + 1 + word.chars().count() > 80 {
            lines.push(std::mem::replace(&mut line, then.to_owned()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    lines.push(line);
    lines.join("\n")
}

/// A weight's line under its term: its letter, what it weighs in words and its value.
fn weight_line(letter: char, key: &str, value: &str, l: Lang) -> String {
    hanging(
        "      ",
        "       ",
        &format!("({letter}: {} = {value})", setting_words(key, l)),
    )
}

/// `score --explain`: the rule in words, with the settings in force, in lines that fit an
/// 80-column terminal (Home Affairs reads it there): each weight on a line of its own under
/// its term, where a long line wrapped it to the start of the next term's; then, for the one
/// who changes them, the settings' keys, which `settings set` takes.
pub fn explain(rules: &Rules, l: Lang) -> String {
    let keys = l.pick(
        "Các trọng số và ngưỡng xếp hạng là thiết lập, đổi bằng `phananh settings set`:",
        "The weights and the ranking threshold are settings (`phananh settings set`):",
    );
    let mut lines = vec![rule_in_words(rules, l), keys.to_owned()];
    for (letter, key, _) in in_reading_order(&rules.weights, l) {
        lines.push(format!("  {letter}: {key}"));
    }
    lines.push(format!(
        "  {}: score.min_cases",
        l.pick("ngưỡng xếp hạng", "ranking threshold")
    ));
    lines.push(
        l.pick(
            "ví dụ `phananh settings set score.weight_on_time 0.6`.",
            "for instance `phananh settings set score.weight_on_time 0.6`.",
        )
        .to_owned(),
    );
    lines.join("\n")
}

/// The rule in words with the settings in force, each said in words: `explain` without the
/// keys, as the workbook's "About" sheet prints it for a reader who changes no setting.
fn rule_in_words(rules: &Rules, l: Lang) -> String {
    let w = &rules.weights;
    let [a, b, d, c] = [w.on_time, w.returns, w.send_backs, w.satisfaction]
        .map(|r| weight(r, l))
        .into_iter()
        .zip(WEIGHTS)
        .map(|(value, (letter, key))| weight_line(letter, key, &value, l))
        .collect::<Vec<_>>()
        .try_into()
        .expect("four weights");
    let n = rules.min_cases;
    let n_en = crate::i18n::count_en(n, "case", "cases");
    let [bt, br, bk, bs] = BASES.map(|(vi, en)| l.pick(vi, en));
    let decision = hanging("", "", settings_not_decision(l));
    l.pick(
        format!(
            "Điểm thi đua (0–100) của mỗi cơ quan trong kỳ (năm, 6 tháng, quý), tính trên\
             \ncác phản ánh nhận trong kỳ.\
             \nĐơn vị tính là vụ việc: một phản ánh được giao cho một cơ quan, dù phải xử lý\
             \nlại bao nhiêu lần.\
             \n\
             \n  Điểm = 100 × (a·T + b·R + c·S + d·K) ÷ (a + b + c + d)\
             \n\
             \n  T = số vụ việc trả lời đúng hạn\
             \n      ÷ (số vụ việc đã trả lời + số vụ việc chưa trả lời mà quá hạn)\
             \n{a}\
             \n      một lần trả lời trễ, hay một lượt xử lý lại quá hạn, làm vụ việc trễ hạn;\
             \n      vụ việc đã trả lời vẫn được tính khi bị yêu cầu xử lý lại hay bị\
             \n      chuyển trả sau đó; vụ việc chưa trả lời bị gộp vào phản ánh khác khi\
             \n      đã quá hạn vẫn được tính là quá hạn\
             \n      căn cứ: {bt} (thời hạn xử lý phản ánh)\
             \n  R = 1 − số lần chuyển trả trễ hạn ÷ số lần được giao\
             \n{b}\
             \n      chỉ tính lần chuyển trả ở lượt đầu (trong thời hạn chuyển trả tính từ\
             \n      lúc giao); lần chuyển trả khi đang xử lý lại được tính ở T, còn báo cáo\
             \n      định kỳ đếm cả lần ấy là một lượt chuyển trả\
             \n      căn cứ: {br} (thời hạn chuyển trả phản ánh)\
             \n  S = (điểm đánh giá trung bình − 1) ÷ 4\
             \n{c}\
             \n      căn cứ: {bs} (người phản ánh đánh giá kết quả xử lý)\
             \n  K = 1 − số vụ việc bị yêu cầu xử lý lại ÷ số vụ việc đã trả lời\
             \n{d}\
             \n      căn cứ: {bk} (Cổng kiểm tra kết quả trước khi công khai)\
             \n\
             \nKhông có đánh giá nào thì bỏ S và trọng số c; chưa có trả lời nào thì bỏ K\
             \nvà d.\
             \nCơ quan chưa trả lời và không có vụ việc quá hạn thì không có điểm (để trống,\
             \nkhông phải 0 hay 100).\
             \nTính chính xác bằng phân số; chỉ làm tròn một lần, đến hai chữ số thập phân,\
             \ntheo quy tắc làm tròn lên từ 5.\
             \nXếp hạng theo điểm chính xác (không theo điểm đã làm tròn): điểm cao trước;\
             \nbằng điểm thì nhiều vụ việc đúng hạn hơn, rồi nhiều vụ việc được giao hơn.\
             \nCác cơ quan bằng nhau cả ba kết quả ấy thì đồng hạng, hạng sau bỏ qua số chỗ\
             \ncác cơ quan ấy chiếm (1, 2, 2, 2, 2, 6); mã cơ quan chỉ dùng để sắp thứ tự\
             \ncác dòng đồng hạng, không quyết định hạng.\
             \nCơ quan có dưới {n} vụ việc đã trả lời hoặc quá hạn (ngưỡng xếp hạng) vẫn có\
             \nđiểm nhưng không được xếp hạng, để cơ quan chỉ có vài vụ việc không được xếp\
             \ntrên cơ quan xử lý nhiều vụ việc trong cả kỳ.\
             \nCác điều, khoản trên là của Quy định ban hành kèm Quyết định 17/2022/QĐ-UBND.\
             \n{decision}"
        ),
        format!(
            "Each agency's emulation score (0–100) for a period (year, half-year, quarter),\
             \nover the reports received in it.\
             \nThe unit is the case: one report assigned to one agency, however many rounds of\
             \nrework it took.\
             \n\
             \n  score = 100 × (a·T + b·R + d·K + c·S) ÷ (a + b + d + c)\
             \n\
             \n  T = cases replied on time ÷ (cases replied + cases overdue without reply)\
             \n{a}\
             \n      a late reply, or a rework round past its deadline, makes the case late;\
             \n      a replied case stays counted when it is sent back or returned afterwards;\
             \n      a case with no reply merged into another report past its deadline stays\
             \n      counted overdue\
             \n      basis: {bt} (the deadline to handle a report)\
             \n  R = 1 − late returns ÷ assignments\
             \n{b}\
             \n      only returns in the first round (the return window from the assignment);\
             \n      a return during rework counts in T, where the periodic report counts it\
             \n      as a return\
             \n      basis: {br} (the deadline to return a report)\
             \n  K = 1 − cases sent back for rework ÷ cases replied\
             \n{d}\
             \n      basis: {bk} (the portal checks a result before publishing it)\
             \n  S = (average rating − 1) ÷ 4\
             \n{c}\
             \n      basis: {bs} (the sender rates the result)\
             \n\
             \nWith no rating, S and c are left out; with no reply yet, K and d.\
             \nAn agency with nothing replied and nothing overdue gets no score (empty,\
             \nneither 0 nor 100).\
             \nComputed exactly, in fractions; rounded once, to two decimals, half up.\
             \nRanks come from the exact score (not the rounded one): higher first; ties go\
             \nto more cases on time, then more assignments.\
             \nAgencies equal in all three share a rank, and the next rank skips the places\
             \nthey fill (1, 2, 2, 2, 2, 6); the agency code only orders the rows of a shared\
             \nrank, it never decides one.\
             \nAn agency with fewer than {n_en} replied or overdue (the ranking threshold)\
             \nkeeps its score but is not ranked, so that a few lucky cases cannot outrank a\
             \nyear of work.\
             \nThe articles are the Regulation's, issued with Decision No. 17/2022/QD-UBND.\
             \n{decision}"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::periodic::CaseCounts;
    use crate::domain::score::rank;

    /// The score's table and the periodic report's wrote a share each with a formatter of
    /// its own, and one with nothing to share (no rating yet) blank on one, "—" on the
    /// other. The score's screen now writes it as the report writes a rate.
    #[test]
    fn a_share_on_screen_reads_as_the_periodic_report_writes_a_rate() {
        let rated = CaseCounts {
            agency: "SXD".into(),
            assigned: 3,
            replied: 3,
            on_time: 3,
            ratings: 3,
            rating_sum: 11,
            satisfied: 2,
            ..CaseCounts::default()
        };
        let unrated = CaseCounts {
            agency: "SYT".into(),
            assigned: 1,
            replied: 1,
            on_time: 1,
            ..CaseCounts::default()
        };
        let rows = rank(
            &[(rated, "Sở Xây dựng".into()), (unrated, "Sở Y tế".into())],
            &Rules::default(),
        )
        .unwrap();
        let row = |agency: &str| rows.iter().find(|r| r.agency == agency).unwrap();
        let column = |key: &str| COLUMNS.iter().find(|c| c.key == key).unwrap();
        let (share, average) = (column("satisfied_share"), column("average_rating"));
        assert_eq!(shown(share, row("SXD"), Lang::Vi), "66,7%");
        assert_eq!(shown(share, row("SXD"), Lang::En), "66.7%");
        for l in [Lang::Vi, Lang::En] {
            let report = crate::output::report::percent;
            assert_eq!(shown(share, row("SXD"), l), report(Ratio::new(2, 3), l));
            assert_eq!(shown(share, row("SYT"), l), report(None, l));
            assert_eq!(shown(share, row("SYT"), l), "—");
            assert_eq!(shown(average, row("SYT"), l), "—");
        }
    }

    /// Y3: two agencies printed 84,77 and ranked 9 and 10 are told apart by the decimals
    /// of their unrounded scores, under the table and in their "Ghi chú".
    #[test]
    fn a_rounded_tie_prints_the_decimals_that_tell_the_scores_apart() {
        let on_time = |agency: &str, cases: u64, on_time: u64| CaseCounts {
            agency: agency.into(),
            assigned: cases,
            replied: cases,
            on_time,
            ..CaseCounts::default()
        };
        let rules = Rules {
            weights: crate::domain::score::Weights {
                on_time: Ratio::ONE,
                returns: Ratio::ZERO,
                send_backs: Ratio::ZERO,
                satisfaction: Ratio::ZERO,
            },
            min_cases: 1,
        };
        let rows = rank(
            &[
                (on_time("CAT", 1_000_000, 847_716), "Công an tỉnh".into()),
                (on_time("SYT", 1_000_000, 847_724), "Sở Y tế".into()),
            ],
            &rules,
        )
        .unwrap();
        let ties = rounded_ties(&rows);
        assert_eq!(
            tie_note(&rows, &ties[0], Lang::Vi),
            "Cùng điểm 84,77, khác hạng — xếp theo điểm chưa làm tròn: SYT (hạng 1) 84,7724; CAT (hạng 2) 84,7716"
        );
        assert_eq!(
            tie_note(&rows, &ties[0], Lang::En),
            "Same score 84.77, different ranks — ranked by the unrounded score: SYT (rank 1) 84.7724; CAT (rank 2) 84.7716"
        );
    }

    #[test]
    fn every_column_is_a_field_of_the_json_row() {
        let counts = CaseCounts {
            agency: "SXD".into(),
            assigned: 3,
            replied: 3,
            on_time: 2,
            ratings: 2,
            rating_sum: 9,
            satisfied: 2,
            ..CaseCounts::default()
        };
        let rows = rank(&[(counts, "Sở Xây dựng".into())], &Rules::default()).unwrap();
        let json = serde_json::to_value(&rows[0]).unwrap();
        for column in &COLUMNS {
            assert!(json.get(column.key).is_some(), "{}", column.key);
            // The file's cell is the JSON's value, written out.
            let want = match &json[column.key] {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            let got = cell(column, &rows[0]);
            if matches!(column.kind, Kind::Decimal | Kind::Percent) && !want.is_empty() {
                assert_eq!(got.parse::<f64>().unwrap(), want.parse::<f64>().unwrap());
            } else {
                assert_eq!(got, want, "{}", column.key);
            }
        }
    }
}
