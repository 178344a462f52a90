//! The comparison with the same period one year earlier (`report … --compare`, docs/rules.md
//! §5): its rows and columns, declared once and read by the terminal's table, the HTML
//! document, JSON and CSV. The totals only, the stages' deadlines and the satisfaction:
//! the agencies and communes were merged and renamed on 1 July 2025, and a row of one year
//! is no row of the other.

use serde_json::{Map, Value, json};

use super::{Column, Earlier, count, exact_cell, figure, rate_cell, text};
use crate::domain::compare::{self, Change};
use crate::domain::deadline::Stage;
use crate::domain::exact::{Ratio, fixed};
use crate::domain::periodic::{PeriodReport, StageStats};
use crate::i18n::{Bilingual, Lang};

/// What a compared figure counts, as the unit column names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Reports,
    /// A stage's clock rounds (section 2 counts rounds, docs/rules.md §5).
    Rounds,
    Ratings,
    Percent,
    /// The average rating, on the scale of 1 to 5.
    Points,
}

impl Unit {
    pub fn words(self, l: Lang) -> &'static str {
        match self {
            Unit::Reports => l.pick("phản ánh", "reports"),
            Unit::Rounds => l.pick("lượt", "rounds"),
            Unit::Ratings => l.pick("lượt", "ratings"),
            Unit::Percent => "%",
            Unit::Points => l.pick("điểm", "points"),
        }
    }
}

/// A figure of either period.
#[derive(Debug, Clone, Copy)]
enum Figure {
    Count(u64),
    Rate(Option<Ratio>),
    Average(Option<Ratio>),
}

impl Figure {
    fn cell(self, l: Lang) -> super::Cell {
        match self {
            Figure::Count(n) => count(n, l),
            Figure::Rate(r) => rate_cell(r, l),
            Figure::Average(r) => exact_cell(r, l),
        }
    }

    fn json(self) -> Value {
        match self {
            Figure::Count(n) => json!(n),
            Figure::Rate(r) | Figure::Average(r) => json!(r),
        }
    }

    fn change_from(self, before: Figure) -> Change {
        match (self, before) {
            (Figure::Count(now), Figure::Count(before)) => compare::of_counts(now, before),
            (Figure::Rate(now), Figure::Rate(before)) => compare::of_rates(now, before),
            (Figure::Average(now), Figure::Average(before)) => compare::of_averages(now, before),
            _ => Change::Unknown,
        }
    }
}

/// One figure compared: where JSON keeps it (its section, its stage), its words and unit,
/// its value now and a year earlier, and the change.
pub struct Compared {
    pub section: &'static str,
    pub stage: Option<Stage>,
    pub key: &'static str,
    label: String,
    pub unit: Unit,
    now: Figure,
    before: Figure,
    change: Change,
}

/// The figures compared, in the order the report prints them.
pub fn rows(now: &PeriodReport, before: &PeriodReport, l: Lang) -> Vec<Compared> {
    let mut rows = Vec::new();
    let mut push = |section, stage, key, label: String, unit, now: Figure, before: Figure| {
        rows.push(Compared {
            section,
            stage,
            key,
            label,
            unit,
            change: now.change_from(before),
            now,
            before,
        })
    };
    let (t, e) = (&now.totals, &before.totals);
    for (key, vi, en, n, b) in [
        (
            "received",
            "Tổng số phản ánh nhận được",
            "Reports received",
            t.received,
            e.received,
        ),
        ("accepted", "Tiếp nhận", "Accepted", t.accepted, e.accepted),
        (
            "answered",
            "Đã phản hồi kết quả",
            "Answered",
            t.answered,
            e.answered,
        ),
    ] {
        let (n, b) = (Figure::Count(n), Figure::Count(b));
        push(
            "totals",
            None,
            key,
            l.pick(vi, en).to_owned(),
            Unit::Reports,
            n,
            b,
        );
    }
    for stats in now.stages.iter().filter(|s| s.stage.is_some()) {
        let earlier = before
            .stages
            .iter()
            .find(|s| s.stage == stats.stage)
            .cloned()
            .unwrap_or_default();
        let name = stats
            .stage
            .map(|s| s.text(l).into_owned())
            .unwrap_or_default();
        let of = |what: (&str, &str)| format!("{name}: {}", l.pick(what.0, what.1));
        let figures = |s: &StageStats| {
            [
                Figure::Count(s.on_time),
                Figure::Count(s.late),
                Figure::Rate(s.on_time_rate),
            ]
        };
        let words = [
            ("on_time", ("đúng hạn", "on time"), Unit::Rounds),
            ("late", ("trễ hạn", "late"), Unit::Rounds),
            (
                "on_time_rate",
                ("tỷ lệ đúng hạn", "on-time rate"),
                Unit::Percent,
            ),
        ];
        for ((key, what, unit), (n, b)) in words
            .into_iter()
            .zip(figures(stats).into_iter().zip(figures(&earlier)))
        {
            push("stages", stats.stage, key, of(what), unit, n, b);
        }
    }
    let (s, e) = (&now.satisfaction, &before.satisfaction);
    for (key, vi, en, unit, n, b) in [
        (
            "ratings",
            "Lượt đánh giá",
            "Ratings",
            Unit::Ratings,
            Figure::Count(s.ratings),
            Figure::Count(e.ratings),
        ),
        (
            "average",
            "Điểm đánh giá trung bình (1–5)",
            "Average rating (1–5)",
            Unit::Points,
            Figure::Average(s.average),
            Figure::Average(e.average),
        ),
        (
            "satisfied_share",
            "Tỷ lệ hài lòng (4–5)",
            "Satisfied share (4–5)",
            Unit::Percent,
            Figure::Rate(s.satisfied_share),
            Figure::Rate(e.satisfied_share),
        ),
    ] {
        push(
            "satisfaction",
            None,
            key,
            l.pick(vi, en).to_owned(),
            unit,
            n,
            b,
        );
    }
    rows
}

/// A change in words: "tăng 1.370 (114,2%)", "giảm 3 (3,0%)", "tăng 2,1 điểm %", "không
/// đổi"; a count that was 0 a year earlier rises by no share ("tăng 5", never "∞ %").
pub fn change_words(change: Change, unit: Unit, l: Lang) -> String {
    let (word, amount) = match change {
        Change::Unknown => return "—".to_owned(),
        Change::Same => return l.pick("không đổi", "unchanged").to_owned(),
        Change::Up(a) => (l.pick("tăng", "up"), a),
        Change::Down(a) => (l.pick("giảm", "down"), a),
    };
    let separator = l.pick(',', '.');
    match unit {
        Unit::Percent => format!(
            "{word} {} {}",
            fixed(amount.scaled, amount.places, separator),
            l.pick("điểm %", "points")
        ),
        Unit::Points => format!(
            "{word} {} {}",
            fixed(amount.scaled, amount.places, separator),
            l.pick("điểm", "points")
        ),
        Unit::Reports | Unit::Rounds | Unit::Ratings => {
            let by = super::grouped(u64::try_from(amount.scaled).unwrap_or(u64::MAX), l);
            match amount.share {
                Some(share) => format!("{word} {by} ({})", super::percent(Some(share), l)),
                None => format!("{word} {by}"),
            }
        }
    }
}

/// The change as JSON: a count's `by` (signed) and `share` of the earlier count (signed,
/// null from 0); a rate's or an average's `points` (signed, between the printed figures);
/// null when there is nothing to compare.
fn change_json(change: Change, unit: Unit, before: Figure) -> Value {
    let (sign, amount): (i32, _) = match change {
        Change::Unknown => return Value::Null,
        Change::Same => (0, None),
        Change::Up(a) => (1, Some(a)),
        Change::Down(a) => (-1, Some(a)),
    };
    let scaled = amount.map_or(0, |a| a.scaled * i128::from(sign));
    let places = amount.map_or(0, |a| a.places);
    match unit {
        Unit::Percent | Unit::Points => {
            json!({ "points": scaled as f64 / 10_f64.powi(places as i32) })
        }
        _ => json!({
            "by": scaled,
            "share": match amount {
                Some(a) => a.share.map(|s| s.to_f64() * f64::from(sign)),
                None => unchanged_share(before).map(|_| 0.0),
            },
        }),
    }
}

/// The columns of the comparison: each row says its unit, as its figures mix reports,
/// rounds, ratings, points and percentages.
pub const COMPARED: &[Column<Compared>] = &[
    Column::<Compared>::new("Chỉ tiêu", "Item", |c, _| text(c.label.clone())),
    Column::<Compared>::new("Đơn vị tính", "Unit", |c, l| text(c.unit.words(l))),
    Column::<Compared>::new("Kỳ này", "This period", |c, l| c.now.cell(l)),
    Column::<Compared>::new(
        "Cùng kỳ năm trước",
        "Same period last year",
        |c, l| c.before.cell(l),
    ),
    Column::<Compared>::new("Tăng/giảm", "Change", |c, l| {
        figure(change_words(c.change, c.unit, l), None)
    }),
];

/// The heading of the comparison, with the period it compares with.
pub fn heading(earlier: &Earlier, l: Lang) -> String {
    let what = l.pick(
        "So với cùng kỳ năm trước",
        "Compared with the same period last year",
    );
    match &earlier.period {
        Some(period) => format!("{what}: {}", period.text(l)),
        None => what.to_owned(),
    }
}

/// What the comparison leaves out and how it is counted; or, when the year before holds no
/// report, that there is nothing to compare with.
pub fn note(earlier: &Earlier, l: Lang) -> String {
    if earlier.counted().is_none() {
        return no_data(l).to_owned();
    }
    l.pick(
        "Số liệu cùng kỳ được tính bằng cùng cách và tại cùng thời điểm tính số liệu của báo cáo này. Chỉ so sánh số tổng: các cơ quan và đơn vị hành chính cấp xã đã sắp xếp lại từ ngày 01/7/2025, nên không so sánh theo cơ quan, theo xã, phường. Tỷ lệ tăng, giảm tính bằng điểm phần trăm.",
        "The same period's figures are counted the same way, as of the same moment as this report. Totals only: agencies and communes were reorganised on 1 July 2025, so nothing is compared per agency or commune. Rates change in percentage points.",
    )
    .to_owned()
}

/// Said where the comparison would be when the year before holds no report (a period
/// before the log began): no "tăng ∞%".
pub fn no_data(l: Lang) -> &'static str {
    l.pick(
        "Không có số liệu cùng kỳ: kỳ này năm trước không có phản ánh nào trong sổ.",
        "No figures for the same period last year: the log holds no report received then.",
    )
}

/// The comparison as JSON: the period compared with, its figures under the report's own
/// keys (`totals`, `stages`, `satisfaction`), and `change` under the same keys.
pub fn json(now: &PeriodReport, earlier: &Earlier, l: Lang) -> Value {
    let period = earlier
        .period
        .as_ref()
        .map(|p| json!({ "kind": p.kind, "from": p.from, "to": p.to, "label": p.text(l) }));
    let Some(before) = earlier.counted() else {
        return json!({ "period": period, "counted": false, "note": no_data(l) });
    };
    let mut figures = Map::new();
    let mut change = Map::new();
    for row in rows(now, before, l) {
        for (into, value) in [
            (&mut figures, row.before.json()),
            (&mut change, change_json(row.change, row.unit, row.before)),
        ] {
            match row.stage {
                None => {
                    let section = into
                        .entry(row.section)
                        .or_insert_with(|| Value::Object(Map::new()));
                    section[row.key] = value;
                }
                Some(stage) => {
                    let list = into
                        .entry(row.section)
                        .or_insert_with(|| Value::Array(Vec::new()));
                    let Value::Array(list) = list else { continue };
                    let code = json!(stage);
                    let at = match list.iter().position(|s| s["stage"] == code) {
                        Some(at) => at,
                        None => {
                            list.push(json!({ "stage": code }));
                            list.len() - 1
                        }
                    };
                    list[at][row.key] = value;
                }
            }
        }
    }
    let mut object = Map::new();
    object.insert("period".into(), period.unwrap_or(Value::Null));
    object.insert("counted".into(), json!(true));
    object.insert("as_of".into(), json!(before.as_of));
    object.extend(figures);
    object.insert("change".into(), Value::Object(change));
    Value::Object(object)
}

/// One line of the comparison in the CSV: its item (the figure's key, or its words for
/// Excel), its metric and its value.
pub struct Line {
    pub item: String,
    pub metric: &'static str,
    pub value: crate::output::CsvCell,
}

/// The comparison's lines in the CSV, under the report's own one table: the period compared
/// with, then for each figure its value a year earlier (`before`), its change (`change`: a
/// count's signed difference, a rate's or an average's points) and a count's change as a
/// signed share of the earlier count (`change_share`); or the line saying there is nothing
/// to compare with. The item is the figure's key for scripts (`received`,
/// `dispatch.on_time`), its words for Excel (`excel`).
pub fn csv_lines(now: &PeriodReport, earlier: &Earlier, excel: bool, l: Lang) -> Vec<Line> {
    use crate::output::CsvCell;
    let mut lines = Vec::new();
    if let Some(period) = &earlier.period {
        lines.push(Line {
            item: String::new(),
            metric: "period",
            value: CsvCell::Text(period.text(l).into_owned()),
        });
    }
    let Some(before) = earlier.counted() else {
        lines.push(Line {
            item: String::new(),
            metric: "note",
            value: CsvCell::Text(no_data(l).to_owned()),
        });
        return lines;
    };
    for row in rows(now, before, l) {
        let item = match (excel, row.stage) {
            (true, _) => row.label.clone(),
            (false, Some(stage)) => format!("{}.{}", crate::output::scalar(&json!(stage)), row.key),
            (false, None) => row.key.to_owned(),
        };
        let earlier_value = match row.before {
            Figure::Count(n) => CsvCell::Number(n.to_string()),
            Figure::Rate(r) => shown(r, 3).map_or(CsvCell::Text(String::new()), CsvCell::Share),
            Figure::Average(r) => shown(r, 2).map_or(CsvCell::Text(String::new()), CsvCell::Number),
        };
        let (sign, amount) = match row.change {
            Change::Unknown => (0, None),
            Change::Same => (0, Some(None)),
            Change::Up(a) => (1, Some(Some(a))),
            Change::Down(a) => (-1, Some(Some(a))),
        };
        let change = match amount {
            None => CsvCell::Text(String::new()),
            Some(None) => CsvCell::Number("0".to_owned()),
            Some(Some(a)) => CsvCell::Number(fixed(a.scaled * sign, a.places, '.')),
        };
        lines.push(Line {
            item: item.clone(),
            metric: "before",
            value: earlier_value,
        });
        lines.push(Line {
            item: item.clone(),
            metric: "change",
            value: change,
        });
        if matches!(row.before, Figure::Count(_)) {
            let share = match row.change {
                Change::Same => unchanged_share(row.before),
                Change::Up(a) | Change::Down(a) => a.share.and_then(|s| {
                    s.round_half_up(3)
                        .ok()
                        .map(|scaled| fixed(scaled * sign, 3, '.'))
                }),
                Change::Unknown => None,
            };
            lines.push(Line {
                item,
                metric: "change_share",
                value: share.map_or(CsvCell::Text(String::new()), CsvCell::Share),
            });
        }
    }
    lines
}

/// The share of an unchanged count: none of a count that was 0 (0 ÷ 0), else 0.
fn unchanged_share(before: Figure) -> Option<String> {
    matches!(before, Figure::Count(n) if n > 0).then(|| "0.000".to_owned())
}

/// A rate or an average rounded once, half up, as the CSV writes the report's own.
fn shown(value: Option<Ratio>, places: u32) -> Option<String> {
    value
        .and_then(|r| r.round_half_up(places).ok())
        .map(|scaled| fixed(scaled, places, '.'))
}
