//! What the log says of an edited report row, column by column: `audit verify` found the
//! row's digest is not the one its latest event sealed, and an inspector's minutes need
//! what changed and since when. The workflow columns are rebuilt from the report's events
//! (each step's status and payload, as `domain::workflow` applies them); the citizen's own
//! columns (content, address, identity…) the log holds only inside the row's digest. The
//! rebuilt columns put into the file's row and hashed again tell whether anything else
//! changed. No I/O; no value of the reporter's identity is ever carried.

use serde::Serialize;

use crate::domain::audit::EventRecord;
use crate::domain::report::{Report, Status};

/// A column the log gives a value of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Status,
    Field,
    Agency,
    Round,
    Returns,
    SendBacks,
    RejectReasons,
    ResultText,
    Rating,
    DuplicateOf,
    StateSecret,
}

/// A column's value as a finding may print it. A typed text (the result) is carried by its
/// length only: it may name the reporter or a third person, and the finding is copied into
/// minutes that circulate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Status(Option<Status>),
    Code(Option<String>),
    Count(u32),
    Codes(Vec<String>),
    Text {
        chars: usize,
        /// The event whose text the log holds (None: the file's).
        #[serde(skip_serializing_if = "Option::is_none")]
        event: Option<i64>,
    },
    Rating(Option<u8>),
    Report(Option<i64>),
    Flag(bool),
}

/// One column whose value in the file is not the one the log leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnEdit {
    pub column: Column,
    pub journal: Value,
    pub file: Value,
}

/// The columns the log does not hold a value of, as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Others {
    /// With the rebuilt columns put back, the row hashes to the sealed digest: nothing else
    /// changed.
    AsLogged,
    /// It still does not: at least one column the log holds no value of changed too (which
    /// one the digest cannot tell).
    Differ,
}

/// The event after which the row was edited: the latest that sealed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Since {
    pub event: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
}

impl Since {
    pub fn of(record: &EventRecord) -> Since {
        Since {
            event: record.id,
            at: record.at.clone(),
            actor: record.actor.clone(),
            action: record.action.clone(),
        }
    }
}

/// What the log tells of one edited report row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowEdit {
    pub report_id: i64,
    pub since: Option<Since>,
    pub columns: Vec<ColumnEdit>,
    pub other_columns: Others,
    /// The file holds a name or phone in clear beside an identity sealed or erased, where
    /// phananh stores none: the reporter's identity columns were written outside it. Never
    /// the values.
    pub identity_differs: bool,
}

/// What the log tells of one thing `audit verify` found changed outside phananh.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    ReportRow(RowEdit),
    Clock(ClockFinding),
    TableRow(TableRowFinding),
}

/// A row of a sealed table (accounts, settings, calendar…) changed or deleted, and the
/// event that sealed it as the log has it: the change was made after it. The log holds the
/// row's digest, so which column changed is not told.
#[derive(Debug, Serialize)]
pub struct TableRowFinding {
    pub table: String,
    pub key: Vec<String>,
    pub removed: bool,
    pub since: Option<Since>,
}

/// A clock found moved, and the event that started it (its row was changed after it).
#[derive(Debug, Serialize)]
pub struct ClockFinding {
    #[serde(flatten)]
    pub edit: crate::domain::audit::ClockEdit,
    pub since: Option<Since>,
}

/// The workflow columns as the report's events, in log order, leave them.
#[derive(Debug, Clone, Default, PartialEq)]
struct Logged {
    status: Option<Status>,
    field: Option<String>,
    agency: Option<String>,
    round: u32,
    returns: u32,
    send_backs: u32,
    reject_reasons: Vec<String>,
    result_text: String,
    result_event: Option<i64>,
    rating: Option<u8>,
    duplicate_of: Option<i64>,
    state_secret: bool,
}

impl Logged {
    /// Each step as `domain::workflow::apply` made it, read from what the event recorded
    /// (`app::workflow`'s payload of each action).
    fn of(events: &[EventRecord]) -> Logged {
        let mut logged = Logged::default();
        for event in events {
            let payload: serde_json::Value =
                serde_json::from_str(&event.payload).unwrap_or_default();
            let text = || payload["text"].as_str().unwrap_or_default().to_owned();
            match event.action.as_str() {
                "reject" => {
                    logged.reject_reasons = payload["reasons"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|r| r.as_str().map(str::to_owned))
                        .collect();
                }
                "classify" => logged.field = payload["field"].as_str().map(str::to_owned),
                "assign" => {
                    logged.agency = payload["agency"].as_str().map(str::to_owned);
                    logged.round += 1;
                }
                "answer" => {
                    logged.agency = None;
                    logged.result_text = text();
                    logged.result_event = Some(event.id);
                }
                "reply" => {
                    logged.result_text = text();
                    logged.result_event = Some(event.id);
                }
                "return" => logged.returns += 1,
                "verify_send_back" => {
                    logged.send_backs += 1;
                    logged.round += 1;
                }
                "rate" => {
                    logged.rating = payload["score"].as_u64().and_then(|s| u8::try_from(s).ok())
                }
                "duplicate" => logged.duplicate_of = payload["of"].as_i64(),
                "mark_state_secret" => logged.state_secret = true,
                _ => {}
            }
            if let Some(status) = event.to_status.as_deref().and_then(Status::parse) {
                logged.status = Some(status);
            }
        }
        logged
    }

    /// `file` with every column the log gives put back to the log's value.
    fn onto(&self, file: &Report) -> Report {
        let mut row = file.clone();
        if let Some(status) = self.status {
            row.status = status;
        }
        row.field.clone_from(&self.field);
        row.agency.clone_from(&self.agency);
        row.round = self.round;
        row.returns = self.returns;
        row.send_backs = self.send_backs;
        row.reject_reasons.clone_from(&self.reject_reasons);
        row.result_text.clone_from(&self.result_text);
        row.rating = self.rating;
        row.duplicate_of = self.duplicate_of;
        row.state_secret = self.state_secret;
        row
    }
}

/// What the log tells of report row `file`, found not to be the row `events` (the report's
/// own, in log order) last sealed as `sealed`.
pub fn explain_row(file: &Report, events: &[EventRecord], sealed: Option<&str>) -> RowEdit {
    let logged = Logged::of(events);
    let since = events
        .iter()
        .rev()
        .find(|e| e.report_hash.is_some())
        .map(Since::of);
    let mut columns = Vec::new();
    let differs = |columns: &mut Vec<ColumnEdit>, column, journal: Value, now: Value| {
        if journal != now {
            columns.push(ColumnEdit {
                column,
                journal,
                file: now,
            });
        }
    };
    differs(
        &mut columns,
        Column::Status,
        Value::Status(logged.status),
        Value::Status(Some(file.status)),
    );
    differs(
        &mut columns,
        Column::Field,
        Value::Code(logged.field.clone()),
        Value::Code(file.field.clone()),
    );
    differs(
        &mut columns,
        Column::Agency,
        Value::Code(logged.agency.clone()),
        Value::Code(file.agency.clone()),
    );
    differs(
        &mut columns,
        Column::Round,
        Value::Count(logged.round),
        Value::Count(file.round),
    );
    differs(
        &mut columns,
        Column::Returns,
        Value::Count(logged.returns),
        Value::Count(file.returns),
    );
    differs(
        &mut columns,
        Column::SendBacks,
        Value::Count(logged.send_backs),
        Value::Count(file.send_backs),
    );
    differs(
        &mut columns,
        Column::RejectReasons,
        Value::Codes(logged.reject_reasons.clone()),
        Value::Codes(file.reject_reasons.clone()),
    );
    if logged.result_text != file.result_text {
        columns.push(ColumnEdit {
            column: Column::ResultText,
            journal: Value::Text {
                chars: logged.result_text.chars().count(),
                event: logged.result_event,
            },
            file: Value::Text {
                chars: file.result_text.chars().count(),
                event: None,
            },
        });
    }
    differs(
        &mut columns,
        Column::Rating,
        Value::Rating(logged.rating),
        Value::Rating(file.rating),
    );
    differs(
        &mut columns,
        Column::DuplicateOf,
        Value::Report(logged.duplicate_of),
        Value::Report(file.duplicate_of),
    );
    differs(
        &mut columns,
        Column::StateSecret,
        Value::Flag(logged.state_secret),
        Value::Flag(file.state_secret),
    );
    let rebuilt = logged.onto(file);
    let other_columns = if sealed == Some(rebuilt.digest().as_str()) {
        Others::AsLogged
    } else {
        Others::Differ
    };
    RowEdit {
        report_id: file.id,
        since,
        columns,
        other_columns,
        identity_differs: identity_written_beside_seal(file),
    }
}

/// Whether the row holds a name or phone in clear beside an identity sealed or erased:
/// phananh empties both columns when it seals or erases (`Report::stored_name`), and the
/// row's digest does not cover them then, so only this tells such an edit.
pub fn identity_written_beside_seal(row: &Report) -> bool {
    !matches!(row.identity, crate::domain::vault::Stored::Clear)
        && (!row.reporter_name.is_empty() || !row.reporter_phone.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: i64, action: &str, to: &str, payload: &str) -> EventRecord {
        EventRecord {
            report_id: Some(5),
            at: format!("2026-10-05T08:0{id}:00+07:00"),
            to_status: Some(to.into()),
            report_hash: Some("x".into()),
            ..EventRecord::for_test(id, "tiepnhan.lan", action, payload)
        }
    }

    fn steps() -> Vec<EventRecord> {
        vec![
            event(1, "ingest", "received", "{}"),
            event(2, "accept", "accepted", "{}"),
            event(3, "classify", "accepted", r#"{"field":"GT"}"#),
            event(
                4,
                "assign",
                "assigned",
                r#"{"agency":"SXD","urgent":false}"#,
            ),
            event(5, "reply", "replied", r#"{"text":"Đã vá."}"#),
            event(
                6,
                "verify_send_back",
                "assigned",
                r#"{"reason":"thiếu ảnh"}"#,
            ),
        ]
    }

    /// The row the steps leave, as `domain::workflow::apply` makes it.
    fn as_logged() -> Report {
        let mut row = Report::received(
            "A-1".into(),
            crate::domain::time::stored("2026-10-01T08:00:00+07:00").unwrap(),
        );
        row.id = 5;
        row.status = Status::Assigned;
        row.field = Some("GT".into());
        row.agency = Some("SXD".into());
        row.round = 2;
        row.send_backs = 1;
        row.result_text = "Đã vá.".into();
        row
    }

    #[test]
    fn a_row_as_the_steps_left_it_names_no_column() {
        let row = as_logged();
        let found = explain_row(&row, &steps(), Some(&row.digest()));
        assert!(found.columns.is_empty(), "{found:?}");
        assert_eq!(found.other_columns, Others::AsLogged);
        assert_eq!(found.since.unwrap().event, 6);
    }

    #[test]
    fn each_edited_workflow_column_is_named_and_the_rest_confirmed_by_the_seal() {
        let sealed = as_logged().digest();
        let mut row = as_logged();
        row.status = Status::Published;
        row.agency = Some("SYT".into());
        row.result_text = "Xong.".into();
        let found = explain_row(&row, &steps(), Some(&sealed));
        let named: Vec<Column> = found.columns.iter().map(|c| c.column).collect();
        assert_eq!(named, [Column::Status, Column::Agency, Column::ResultText]);
        assert_eq!(
            found.columns[0].journal,
            Value::Status(Some(Status::Assigned))
        );
        assert_eq!(
            found.columns[2].journal,
            Value::Text {
                chars: 6,
                event: Some(5)
            }
        );
        assert_eq!(found.other_columns, Others::AsLogged);

        row.address = "elsewhere".into();
        let found = explain_row(&row, &steps(), Some(&sealed));
        assert_eq!(found.other_columns, Others::Differ);
    }
}
