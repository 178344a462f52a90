//! The yearly score (Đ13.7, Đ14) as Home Affairs receives it: its columns declared once, in
//! the order of `docs/rules.md §5`, for the CSV (the document itself, the same bytes for
//! the same data), the terminal's table, and JSON (the rows as they serialise); and
//! `--explain`, the formula in words with the weights in force.

use std::io::Write;

use anyhow::Result;

use crate::domain::score::{ScoreRow, Weights};
use crate::i18n::Lang;
use crate::output::{Format, SafeCsv, new_table};

/// A column: its CSV name (also the English header) and Vietnamese header, and its cell.
struct Column {
    key: &'static str,
    vi: &'static str,
    cell: fn(&ScoreRow) -> String,
}

fn two_places(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}")).unwrap_or_default()
}

const COLUMNS: [Column; 14] = [
    Column {
        key: "agency",
        vi: "Mã",
        cell: |r| r.agency.clone(),
    },
    Column {
        key: "name",
        vi: "Cơ quan",
        cell: |r| r.name.clone(),
    },
    Column {
        key: "assigned",
        vi: "Được giao",
        cell: |r| r.assigned.to_string(),
    },
    Column {
        key: "replied",
        vi: "Đã trả lời",
        cell: |r| r.replied.to_string(),
    },
    Column {
        key: "on_time",
        vi: "Đúng hạn",
        cell: |r| r.on_time.to_string(),
    },
    Column {
        key: "late",
        vi: "Trễ hạn",
        cell: |r| r.late.to_string(),
    },
    Column {
        key: "returns",
        vi: "Trả lại",
        cell: |r| r.returns.to_string(),
    },
    Column {
        key: "late_returns",
        vi: "Trả lại trễ",
        cell: |r| r.late_returns.to_string(),
    },
    Column {
        key: "open_overdue",
        vi: "Quá hạn đang mở",
        cell: |r| r.open_overdue.to_string(),
    },
    Column {
        key: "ratings",
        vi: "Lượt đánh giá",
        cell: |r| r.ratings.to_string(),
    },
    Column {
        key: "average_rating",
        vi: "Điểm TB",
        cell: |r| two_places(r.average_rating),
    },
    Column {
        key: "satisfied_share",
        vi: "Tỷ lệ hài lòng",
        cell: |r| two_places(r.satisfied_share),
    },
    Column {
        key: "score",
        vi: "Điểm",
        cell: |r| two_places(r.score),
    },
    Column {
        key: "rank",
        vi: "Hạng",
        cell: |r| r.rank.map(|n| n.to_string()).unwrap_or_default(),
    },
];

fn cells(row: &ScoreRow) -> impl Iterator<Item = String> + '_ {
    COLUMNS.iter().map(move |c| (c.cell)(row))
}

/// Writes the ranked rows: a table on a terminal; a file is for Home Affairs, so CSV unless
/// JSON was asked for.
pub fn write(
    out: &mut dyn Write,
    rows: &[ScoreRow],
    format: Format,
    to_file: bool,
    lang: Lang,
) -> Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)?;
        }
        Format::Table if !to_file => print_table(out, rows, lang)?,
        Format::Table
        | Format::Csv
        | Format::Html
        | Format::Xml
        | Format::Open311Json
        | Format::Open311Xml => write_csv(out, rows)?,
    }
    Ok(())
}

fn write_csv(out: &mut dyn Write, rows: &[ScoreRow]) -> Result<()> {
    let mut w = SafeCsv::new(out);
    w.record(COLUMNS.iter().map(|c| c.key))?;
    for row in rows {
        w.record(cells(row))?;
    }
    w.flush()?;
    Ok(())
}

fn print_table(out: &mut dyn Write, rows: &[ScoreRow], l: Lang) -> Result<()> {
    let mut t = new_table();
    t.set_header(
        COLUMNS
            .iter()
            .map(|c| l.pick(c.vi, c.key))
            .collect::<Vec<_>>(),
    );
    for row in rows {
        t.add_row(cells(row).collect::<Vec<_>>());
    }
    crate::output::write_table(out, &t)?;
    Ok(())
}

/// `score --explain`: the formula in words, with the weights in force.
pub fn explain(w: &Weights, l: Lang) -> String {
    l.pick(format!(
            "Điểm thi đua (0–100) của mỗi cơ quan trong năm, tính trên các phản ánh nhận trong năm:\n\
             \n  Điểm = 100 × (a·T + b·R + c·S) ÷ (a + b + c)\n\
             \n  T = số trả lời đúng hạn ÷ (số đã trả lời + số đang xử lý quá hạn)   (a = score.weight_on_time = {})\
             \n  R = 1 − số lần trả lại trễ hạn ÷ số lần được giao                      (b = score.weight_returns = {})\
             \n  S = (điểm đánh giá trung bình − 1) ÷ 4                                 (c = score.weight_satisfaction = {})\n\
             \nKhông có đánh giá nào thì bỏ S và trọng số c; chưa có trả lời và không có gì quá hạn thì bỏ T và a.\
             \nCơ quan không được giao phản ánh nào thì không có điểm (để trống, không phải 0 hay 100).\
             \nXếp hạng: điểm cao trước; bằng điểm thì nhiều trả lời đúng hạn hơn, rồi nhiều lần được giao hơn, rồi theo mã cơ quan.\
             \nTrọng số là thiết lập: `phananh settings set score.weight_on_time 0.6`.",
            w.on_time, w.returns, w.satisfaction
        ), format!(
            "Each agency's yearly emulation score (0–100), over the reports received in the year:\n\
             \n  score = 100 × (a·T + b·R + c·S) ÷ (a + b + c)\n\
             \n  T = replies on time ÷ (replies + processing clocks open past due)   (a = score.weight_on_time = {})\
             \n  R = 1 − late returns ÷ assignments                                   (b = score.weight_returns = {})\
             \n  S = (average rating − 1) ÷ 4                                         (c = score.weight_satisfaction = {})\n\
             \nWith no rating, S and c are left out; with no reply and nothing overdue, T and a are left out.\
             \nAn agency with nothing assigned gets no score (empty, neither 0 nor 100).\
             \nRanks: higher score first; ties go to more replies on time, then more assignments, then agency code.\
             \nThe weights are settings: `phananh settings set score.weight_on_time 0.6`.",
            w.on_time, w.returns, w.satisfaction
        ))
}
