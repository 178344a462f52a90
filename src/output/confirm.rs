//! What a final step that cannot be undone shows and asks on a terminal before it is taken
//! (`duplicate ID --of ID2`, `mark ID --state-secret`): the reports it acts on, side by side
//! within 80 columns, a warning when a merge crosses communes, the question, and what is
//! said when the answer is no. Off a terminal, or with `--yes`, nothing here is shown
//! (`cli::workflow`). Built from what `app::workflow::Opened::preview` read; the reporter's
//! name and phone are never among it.

use console::{measure_text_width, pad_str, truncate_str};

use super::triage::{desk_text, width};
use super::{printable, when};
use crate::domain::report::Status;
use crate::domain::routing::same_commune;
use crate::domain::time::Timestamp;
use crate::i18n::{Bilingual, Lang, Localized};

/// A report as the question before a final step shows it: who it is, when and where it was
/// sent, where it stands, and the first line of what it says (its identity items hidden,
/// `app::workflow`); never the reporter's name or phone.
#[derive(Debug, Clone)]
pub struct Glance {
    pub id: i64,
    pub external_id: String,
    pub submitted_at: Timestamp,
    pub commune: String,
    pub field: Option<String>,
    pub status: Status,
    pub first_line: String,
}

/// The widest the glance is laid out in, whatever the terminal: it must read on the
/// narrowest desk screen.
const MOST: u16 = 80;

/// A glance's values, in the order of the rows' labels: a dash for what it lacks.
fn values(g: &Glance, l: Lang) -> [String; 7] {
    let or_dash = |text: &str| {
        let text = text.trim();
        if text.is_empty() { "—" } else { text }.to_owned()
    };
    [
        g.id.to_string(),
        g.external_id.clone(),
        when(&crate::domain::time::format(&g.submitted_at), l),
        or_dash(&g.commune),
        or_dash(g.field.as_deref().unwrap_or_default()),
        g.status.text(l).into_owned(),
        or_dash(&g.first_line),
    ]
}

/// The rows of one or two glances, a label then each report's value, every row within
/// `columns` (each value cut with "…" to its column).
fn rows(heads: &[&str], shown: &[&Glance], columns: u16, l: Lang) -> Vec<String> {
    let labels = [
        l.pick("Số", "Number"),
        l.pick("Mã ứng dụng", "App id"),
        l.pick("Gửi lúc", "Sent"),
        l.pick("Xã, phường", "Commune"),
        l.pick("Lĩnh vực", "Field"),
        l.pick("Trạng thái", "Status"),
        l.pick("Nội dung", "Content"),
    ];
    let values: Vec<[String; 7]> = shown.iter().map(|g| values(g, l)).collect();
    let label = labels
        .iter()
        .map(|label| measure_text_width(label))
        .max()
        .unwrap_or(0)
        + 2;
    let room = usize::from(columns.min(MOST)).saturating_sub(1 + label);
    let gap = 2;
    let column = (room.saturating_sub(gap * (shown.len() - 1)) / shown.len()).max(8);
    let line = |first: &str, values: Vec<String>| {
        let cells: Vec<String> = values
            .iter()
            .map(|v| {
                let v = printable(v).replace(['\t', '\n', '\r'], " ");
                pad_str(
                    &truncate_str(&v, column, "…"),
                    column,
                    console::Alignment::Left,
                    None,
                )
                .into_owned()
            })
            .collect();
        format!(
            "{}{}",
            pad_str(first, label, console::Alignment::Left, None),
            cells.join(&" ".repeat(gap))
        )
        .trim_end()
        .to_owned()
    };
    let mut out = Vec::new();
    if !heads.is_empty() {
        out.push(line("", heads.iter().map(|h| (*h).to_owned()).collect()));
    }
    for (row, name) in labels.iter().enumerate() {
        out.push(line(name, values.iter().map(|v| v[row].clone()).collect()));
    }
    out
}

/// Prints the two reports of a merge side by side, then, when they name different communes,
/// a warning in capitals (a real duplicate is about the same place); returns the question.
pub fn before_merge(merged: &Glance, original: &Glance, l: Lang) -> String {
    let columns = width();
    let heads = [
        l.pick("Phản ánh được gộp", "Report merged"),
        l.pick("Phản ánh gốc", "Original report"),
    ];
    let mut text = vec![String::new()];
    text.extend(rows(&heads, &[merged, original], columns, l));
    text.push(desk_text(
        l.pick(
            "Phản ánh được gộp sẽ kết thúc; kết quả của nó theo phản ánh gốc.",
            "The merged report becomes final; its outcome follows the original's.",
        ),
        columns,
    ));
    let apart = same_commune(&merged.commune, &original.commune) == Some(false);
    if apart {
        let (a, b) = (printable(&merged.commune), printable(&original.commune));
        let (a, b) = (a.trim(), b.trim());
        text.push(desk_text(
            &l.pick(
                format!(
                    "⚠ KHÁC XÃ, PHƯỜNG: phản ánh {} ở {a}, phản ánh {} ở {b}. Phản ánh trùng là cùng một sự việc ở cùng một nơi: xem lại số phản ánh.",
                    merged.id, original.id
                ),
                format!(
                    "⚠ DIFFERENT COMMUNES: report {} is in {a}, report {} in {b}. A duplicate is the same problem at the same place: check the numbers.",
                    merged.id, original.id
                ),
            ),
            columns,
        ));
    }
    eprintln!("{}", text.join("\n"));
    let question = l.pick(
        format!(
            "Gộp phản ánh {} vào phản ánh {}? Không thể hoàn tác.",
            merged.id, original.id
        ),
        format!(
            "Merge report {} into report {}? This cannot be undone.",
            merged.id, original.id
        ),
    );
    if apart {
        // Too long then for one row with its keys: `output::prompt` writes it above them.
        format!(
            "{} {question}",
            l.pick("KHÁC XÃ, PHƯỜNG!", "OTHER COMMUNE!")
        )
    } else {
        question
    }
}

/// Prints the one report a step is about to act on, and under it what the step does to it,
/// wrapped to the terminal.
fn print_one(report: &Glance, what_it_does: &str, l: Lang) {
    let columns = width();
    let mut text = vec![String::new()];
    text.extend(rows(&[], &[report], columns, l));
    text.push(desk_text(what_it_does, columns));
    eprintln!("{}", text.join("\n"));
}

/// Prints the report about to be marked state-secret; returns the question.
pub fn before_state_secret(report: &Glance, l: Lang) -> String {
    print_one(
        report,
        l.pick(
            "Phản ánh đánh dấu bí mật nhà nước không bao giờ được công khai (khoản 3 Điều 9).",
            "A report marked state-secret is never made public (Art. 9.3).",
        ),
        l,
    );
    l.pick(
        format!(
            "Đánh dấu bí mật nhà nước cho phản ánh {}? Không thể hoàn tác.",
            report.id
        ),
        format!(
            "Mark report {} as a state secret? This cannot be undone.",
            report.id
        ),
    )
}

/// Prints the report whose result is about to be taken out of public view; returns the
/// question. The reason is not repeated: the operator just typed it.
pub fn before_unpublish(report: &Glance, l: Lang) -> String {
    print_one(
        report,
        l.pick(
            "Kết quả sẽ không còn trong dữ liệu công khai (export open311, export csv --public); chỉ người phản ánh nhận kết quả (khoản 2 Điều 9). Không có lệnh công khai lại.",
            "The result leaves the public views (export open311, export csv --public) and becomes the reporter's only (Art. 9.2). No command publishes it again.",
        ),
        l,
    );
    l.pick(
        format!(
            "Gỡ kết quả của phản ánh {} khỏi công khai? Không thể hoàn tác.",
            report.id
        ),
        format!(
            "Take report {}'s result out of public view? This cannot be undone.",
            report.id
        ),
    )
}

/// The answer was not yes: nothing was written.
pub fn not_unpublished(id: i64) -> Localized {
    Localized::new(
        format!(
            "Không gỡ kết quả của phản ánh {id} khỏi công khai: chưa ghi gì. Muốn gỡ thì chạy lại lệnh và trả lời c."
        ),
        format!(
            "report {id}'s result was not taken out of public view: nothing was written. To take it out, run the command again and answer y"
        ),
    )
}

/// The answer was not yes: nothing was written (exit 1, as any step not taken).
pub fn not_merged(id: i64, of: i64) -> Localized {
    Localized::new(
        format!(
            "Không gộp phản ánh {id} vào phản ánh {of}: chưa ghi gì. Muốn gộp thì chạy lại lệnh và trả lời c."
        ),
        format!(
            "report {id} was not merged into report {of}: nothing was written. To merge it, run the command again and answer y"
        ),
    )
}

/// The answer was not yes: nothing was written.
pub fn not_marked(id: i64) -> Localized {
    Localized::new(
        format!(
            "Không đánh dấu bí mật nhà nước cho phản ánh {id}: chưa ghi gì. Muốn đánh dấu thì chạy lại lệnh và trả lời c."
        ),
        format!(
            "report {id} was not marked state-secret: nothing was written. To mark it, run the command again and answer y"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glance(id: i64, commune: &str, first_line: &str) -> Glance {
        Glance {
            id,
            external_id: format!("CMG-2026-{id:06}"),
            submitted_at: crate::domain::time::stored("2026-08-05T13:53:50+07:00").unwrap(),
            commune: commune.to_owned(),
            field: None,
            status: Status::Accepted,
            first_line: first_line.to_owned(),
        }
    }

    #[test]
    fn two_glances_fit_80_columns_whatever_their_content() {
        let long = "Bờ kè kênh Bình Minh đoạn qua khóm 8 vừa sạt lở khoảng 80 mét, kéo theo một phần căn nhà xuống sông";
        let a = glance(120, "Phường An Xuyên", long);
        let b = glance(
            12,
            "Xã Trần Phán của tỉnh Cà Mau, một tên rất dài cho một xã",
            long,
        );
        for l in [Lang::Vi, Lang::En] {
            for columns in [80, 200] {
                let shown = rows(&["a", "b"], &[&a, &b], columns, l);
                assert_eq!(shown.len(), 8);
                for row in &shown {
                    assert!(measure_text_width(row) < 80, "{row}");
                }
                assert!(shown[7].contains("Bờ kè kênh") && shown[7].contains('…'));
                assert!(
                    shown[2].contains("CMG-2026-000120") && shown[2].contains("CMG-2026-000012")
                );
            }
        }
        // One report takes the whole width.
        let one = rows(&[], &[&a], 80, Lang::Vi);
        assert!(one.iter().all(|row| measure_text_width(row) < 80));
        assert!(one[6].contains("khoảng 80 mét"), "{}", one[6]);
    }

    #[test]
    fn control_characters_in_a_report_never_reach_the_terminal() {
        let a = glance(1, "Phường\u{1b}[2J An Xuyên", "Nội dung\u{202e} đảo chiều");
        let shown = rows(&[], &[&a], 80, Lang::Vi).join("\n");
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{shown:?}"
        );
    }
}
