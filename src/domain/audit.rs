//! The audit chain (docs/rules.md §2 \[choice\]; Đ11): how an event is sealed and how a stored chain is
//! checked. Each event's hash covers the previous event's hash, its own attributes (the
//! login that wrote it and the system clock when it was written among them, docs/rules.md
//! §7) and the digest of the report row it left behind, so editing an event, deleting one in
//! the middle, or editing a report row behind the tool's back all show. No I/O: storage streams the
//! rows in and this module judges them.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::calendar::Calendar;
use crate::domain::clocks::{Replayed, Threshold, breached};
use crate::domain::deadline::{self, Limit, OffHours, Policy, Rule, Stage};
use crate::domain::event::EventKind;
use crate::domain::report::{hex, json_digest_bytes};
use crate::domain::tables::key_text;
use crate::domain::time::Timestamp;

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An event as stored, minus its own hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventRecord {
    pub id: i64,
    pub report_id: Option<i64>,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub payload: String,
    pub report_hash: Option<String>,
    pub prev_hash: String,
    /// The operating-system login that ran the command (docs/rules.md §7). Absent from
    /// events written before logins were recorded, whose seals cover no such attribute: left
    /// out of the canonical JSON when absent, so those seals still verify.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    /// The system clock when the event was written, whatever `--now` said; absent, and
    /// left out of the seal, as `login` is for older events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<String>,
}

impl EventRecord {
    /// An event by `actor` about no report, with no statuses, seals or login, for tests
    /// that read only its action and payload (what else they need set, they set).
    #[cfg(test)]
    pub fn for_test(id: i64, actor: &str, action: &str, payload: &str) -> EventRecord {
        EventRecord {
            id,
            report_id: None,
            at: String::new(),
            actor: actor.into(),
            action: action.into(),
            from_status: None,
            to_status: None,
            payload: payload.into(),
            report_hash: None,
            prev_hash: String::new(),
            login: None,
            recorded_at: None,
        }
    }

    /// The seal: SHA-256 of the canonical JSON of every attribute, `prev_hash` included,
    /// in hex.
    pub fn seal(&self) -> String {
        hex(&self.seal_bytes())
    }

    /// The seal's 32 bytes, as stored.
    pub fn seal_bytes(&self) -> [u8; 32] {
        json_digest_bytes(self)
    }
}

/// What `audit verify` found wrong first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error(
        "event {id}: its stored hash does not match its content: the event does not hold in the chain (appended, replaced or edited outside phananh)"
    )]
    EventAltered { id: i64 },
    #[error(
        "event {id}: it does not follow event {previous} (an event before it was removed or replaced, or this one was appended outside phananh)"
    )]
    Unlinked { id: i64, previous: i64 },
    #[error(
        "report {report_id}: the row differs from what event {event_id} recorded (edited outside phananh)"
    )]
    ReportAltered { report_id: i64, event_id: i64 },
    #[error("report {report_id}: no event records it (inserted outside phananh)")]
    ReportUnrecorded { report_id: i64 },
    #[error(
        "the log is empty, and `init` writes the first event of every database: its events were deleted outside phananh"
    )]
    LogEmptied,
    #[error(
        "report {report_id}: its encrypted identity has lost its key, and no erase event says why (removed outside phananh)"
    )]
    IdentityKeyMissing { report_id: i64 },
    #[error(
        "{}: {} under the key file, and no erase event says why (replaced outside phananh; if no backup has {}, erase {} with `phananh erase ID --reason TEXT`)",
        if .reports.len() == 1 { format!("report {}", crate::domain::text::ids_listed(.reports)) } else { format!("reports {}", crate::domain::text::ids_listed(.reports)) },
        if .reports.len() == 1 { "its own key does not open" } else { "their own keys do not open" },
        if .reports.len() == 1 { "it" } else { "them" },
        if .reports.len() == 1 { "it" } else { "each" }
    )]
    IdentityKeysUnopened { reports: Vec<i64> },
    #[error(
        "vault row (the key the reporters' identities are under): it names key {}, but event {event} recorded key {recorded} (changed outside phananh)",
        .found.as_deref().unwrap_or("none")
    )]
    VaultAltered {
        found: Option<String>,
        recorded: String,
        event: i64,
    },
    #[error(
        "{table} row {}: differs from what event {event} recorded (edited outside phananh)",
        key_text(.key)
    )]
    TableRowAltered {
        table: String,
        key: Vec<String>,
        event: i64,
    },
    #[error("{table} row {}: no event records it (inserted outside phananh)", key_text(.key))]
    TableRowUnrecorded { table: String, key: Vec<String> },
    #[error(
        "{table} row {}: event {event} recorded it, and it is gone (deleted outside phananh)",
        key_text(.key)
    )]
    TableRowRemoved {
        table: String,
        key: Vec<String>,
        event: i64,
    },
    #[error(
        "clock {clock} (report {report_id}, {stage} round {round}): its {what} differs from what the log and the calendar give (edited outside phananh)"
    )]
    ClockAltered {
        clock: i64,
        report_id: i64,
        stage: Stage,
        round: i64,
        what: &'static str,
    },
    #[error(
        "report {report_id}: the log starts its {stage} clock round {round}, which the clocks table lacks (deleted outside phananh)"
    )]
    ClockMissing {
        report_id: i64,
        stage: Stage,
        round: i64,
    },
    #[error(
        "clock {clock} (report {report_id}, {stage} round {round}): no event starts it (inserted outside phananh)"
    )]
    ClockUnrecorded {
        clock: i64,
        report_id: i64,
        stage: Stage,
        round: i64,
    },
    #[error(
        "event {id}: written by the OS login {login:?} as account {actor:?}, which the log never bound to that OS login (bound outside phananh for the act)"
    )]
    ActedUnbound {
        id: i64,
        actor: String,
        login: String,
    },
    #[error(
        "event {id}: written by account {actor:?}, which the log says had the role {}{} and could not {action} (changed outside phananh for the act)",
        role_words(.role, crate::i18n::Lang::En),
        if *.active { "" } else { ", was disabled," }
    )]
    ActedBeyondRole {
        id: i64,
        actor: String,
        role: String,
        active: bool,
        action: String,
    },
    #[error(
        "event {id}: written by account {actor:?}, which the log never made (made outside phananh for the act)"
    )]
    ActedAsNobody { id: i64, actor: String },
    #[error(
        "event {id}: written as account {actor:?}, whose account or OS login binding event {made_by} made, an event itself written without the right to (see that event)"
    )]
    ActedAsUnearned {
        id: i64,
        actor: String,
        made_by: i64,
    },
    #[error(
        "the file fails SQLite's integrity check ({0}): an index no longer holds its table's rows, rebuilt outside phananh or damaged on disk"
    )]
    FileInconsistent(String),
    #[error("the schema {}", schema_text_en(.kind, .name, *.change))]
    SchemaChanged {
        kind: String,
        name: String,
        change: SchemaChange,
    },
    #[error(
        "event {head}: it announces {count} parts of its lists, and part {part} does not follow it (removed or moved outside phananh)"
    )]
    PartMissing { head: i64, part: u64, count: u64 },
    #[error(
        "event {id}: it is not part {part} of event {head}'s lists, which belongs here, written with it (moved, replaced or appended outside phananh)"
    )]
    PartMisplaced { id: i64, head: i64, part: u64 },
    #[error(
        "event {id}: part {part} of event {head}'s lists differs from what event {head} sealed of it (edited outside phananh)"
    )]
    PartAltered { id: i64, head: i64, part: u64 },
    #[error(
        "event {id}: a part of a list that no event before it announced (appended outside phananh)"
    )]
    PartStray { id: i64 },
    #[error("{}", checkpoint_lost_en(.checkpoint, *.event, .hash, .at, .found.as_deref(), *.last))]
    CheckpointLost {
        checkpoint: String,
        /// The head it signed, and when.
        event: i64,
        hash: String,
        at: String,
        /// The hash the log has for that event, if it has the event.
        found: Option<String>,
        /// The log's last event.
        last: Option<i64>,
    },
}

impl ChainBreak {
    /// A stable name of what kind of thing was found, for a record read by programs (the
    /// restore event's `replaced_found`).
    pub fn code(&self) -> &'static str {
        match self {
            ChainBreak::EventAltered { .. } => "event_altered",
            ChainBreak::Unlinked { .. } => "event_unlinked",
            ChainBreak::ReportAltered { .. } => "report_altered",
            ChainBreak::ReportUnrecorded { .. } => "report_unrecorded",
            ChainBreak::LogEmptied => "log_emptied",
            ChainBreak::IdentityKeyMissing { .. } => "identity_key_missing",
            ChainBreak::IdentityKeysUnopened { .. } => "identity_keys_unopened",
            ChainBreak::VaultAltered { .. } => "vault_altered",
            ChainBreak::TableRowAltered { .. } => "table_row_altered",
            ChainBreak::TableRowUnrecorded { .. } => "table_row_unrecorded",
            ChainBreak::TableRowRemoved { .. } => "table_row_removed",
            ChainBreak::ClockAltered { .. } => "clock_altered",
            ChainBreak::ClockMissing { .. } => "clock_missing",
            ChainBreak::ClockUnrecorded { .. } => "clock_unrecorded",
            ChainBreak::ActedUnbound { .. } => "acted_unbound",
            ChainBreak::ActedBeyondRole { .. } => "acted_beyond_role",
            ChainBreak::ActedAsNobody { .. } => "acted_as_nobody",
            ChainBreak::ActedAsUnearned { .. } => "acted_as_unearned",
            ChainBreak::FileInconsistent(_) => "file_inconsistent",
            ChainBreak::SchemaChanged { .. } => "schema_changed",
            ChainBreak::CheckpointLost { .. } => "checkpoint_lost",
            ChainBreak::PartMissing { .. } => "part_missing",
            ChainBreak::PartMisplaced { .. } => "part_misplaced",
            ChainBreak::PartAltered { .. } => "part_altered",
            ChainBreak::PartStray { .. } => "part_stray",
        }
    }

    /// Whether this is `verify`'s judgement of who wrote an event (not of the chain): an
    /// account, a role or a binding the log never gave for the act.
    pub fn is_acting_without_right(&self) -> bool {
        self.acting_event().is_some()
    }

    /// The event whose writer had no right to write it, for a judgement of who wrote one.
    pub fn acting_event(&self) -> Option<i64> {
        match self {
            ChainBreak::ActedUnbound { id, .. }
            | ChainBreak::ActedBeyondRole { id, .. }
            | ChainBreak::ActedAsNobody { id, .. }
            | ChainBreak::ActedAsUnearned { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// The report the finding is about, if it is about one.
    pub fn report_id(&self) -> Option<i64> {
        match self {
            ChainBreak::ReportAltered { report_id, .. }
            | ChainBreak::ReportUnrecorded { report_id }
            | ChainBreak::IdentityKeyMissing { report_id }
            | ChainBreak::ClockAltered { report_id, .. }
            | ChainBreak::ClockMissing { report_id, .. }
            | ChainBreak::ClockUnrecorded { report_id, .. } => Some(*report_id),
            _ => None,
        }
    }
}

/// Why some clocks were not judged though the chain holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum Unchecked {
    /// The clocks of the reports whose rows were found edited: their replay starts from
    /// what the row says.
    RowsEdited { clocks: u64 },
    /// None: the calendar or the settings deadlines are counted from were edited, and every
    /// clock would read as moved.
    CalendarEdited,
}

/// The key the log says the reporters' identities are under: the latest named by `init`,
/// a first sealing (`seal_identity`), `key rotate`, `key reset` or a restore that fitted a
/// backup to the key in place. The `vault` row says the same, or was changed behind the
/// tool's back: it is outside every row's seal, and an id forged there made the real key
/// "not this database's" and `key reset` erase every identity it opened. None for a log
/// that never recorded one (a database made before the id was logged): not judged.
#[derive(Debug, Default)]
pub struct KeyRecord {
    latest: Option<(String, i64)>,
}

impl KeyRecord {
    /// The kinds of event that name the key, each with where its payload names it: what
    /// `observe` reads, and what a caller that reads only those events asks storage for.
    const NAMING: [(EventKind, &'static [&'static str]); 5] = [
        (EventKind::Init, &["key_id"]),
        (EventKind::SealIdentity, &["key_id"]),
        (EventKind::KeyRotate, &["to"]),
        (EventKind::KeyReset, &["to"]),
        (EventKind::Restore, &["key"]),
    ];

    /// The actions of the events that name the key (those `observe` reads).
    pub fn actions() -> [&'static str; 5] {
        Self::NAMING.map(|(kind, _)| kind.as_str())
    }

    /// The key id the log last recorded, if any.
    pub fn recorded(&self) -> Option<&str> {
        self.latest.as_ref().map(|(id, _)| id.as_str())
    }

    /// The event that last named the key, if any.
    pub fn event(&self) -> Option<i64> {
        self.latest.as_ref().map(|(_, event)| *event)
    }

    pub fn observe(&mut self, record: &EventRecord) {
        let Some(&(kind, path)) = Self::NAMING
            .iter()
            .find(|(kind, _)| kind.as_str() == record.action)
        else {
            return;
        };
        let Ok(payload) = serde_json::from_str::<serde_json::Value>(&record.payload) else {
            return;
        };
        let Some(mut value) = path.iter().try_fold(&payload, |v, k| v.get(k)) else {
            return;
        };
        if kind == EventKind::Restore {
            // `{"adopted": id}`, `{"lost": …, "adopted": id}` or `{"rewrapped_from": …, "to": id}`;
            // null when the backup's own record of its key held.
            match value.get("adopted").or_else(|| value.get("to")) {
                Some(id) => value = id,
                None => return,
            }
        }
        if let Some(id) = value.as_str() {
            self.latest = Some((id.to_owned(), record.id));
        }
    }

    /// What is wrong with the `vault` row naming `found`, if anything.
    pub fn check(&self, found: Option<&str>) -> Option<ChainBreak> {
        let (recorded, event) = self.latest.as_ref()?;
        (found != Some(recorded.as_str())).then(|| ChainBreak::VaultAltered {
            found: found.map(str::to_owned),
            recorded: recorded.clone(),
            event: *event,
        })
    }
}

/// The tamper message in Vietnamese too: an official reads it whole, not half in English.
/// A role as every other screen names it (`staff list`): its words in `lang`; one the
/// tool does not know, written into the log by hand, as stored.
fn role_words(role: &str, lang: crate::i18n::Lang) -> String {
    crate::domain::access::Role::parse(role).map_or_else(
        || role.to_owned(),
        |known| crate::i18n::Bilingual::text(&known, lang).into_owned(),
    )
}

impl crate::i18n::Bilingual for ChainBreak {
    fn vi(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Owned(match self {
            ChainBreak::EventAltered { id } => {
                format!(
                    "sự kiện {id}: mã băm đã lưu không khớp với nội dung, nên sự kiện không khớp với chuỗi nhật ký (được thêm, thay hoặc sửa ngoài phananh)"
                )
            }
            ChainBreak::Unlinked { id, previous } => format!(
                "sự kiện {id}: không nối tiếp sự kiện {previous} (một sự kiện trước nó đã bị xóa hoặc thay, hoặc chính nó được thêm ngoài phananh)"
            ),
            ChainBreak::ReportAltered {
                report_id,
                event_id,
            } => format!(
                "phản ánh {report_id}: dòng dữ liệu khác với bản sự kiện {event_id} đã ghi (bị sửa ngoài phananh)"
            ),
            ChainBreak::ReportUnrecorded { report_id } => format!(
                "phản ánh {report_id}: không sự kiện nào ghi nhận nó (bị chèn ngoài phananh)"
            ),
            ChainBreak::LogEmptied => "nhật ký trống, trong khi `init` luôn ghi sự kiện đầu tiên của mọi cơ sở dữ liệu: các sự kiện đã bị xóa ngoài phananh".to_owned(),
            ChainBreak::IdentityKeyMissing { report_id } => format!(
                "phản ánh {report_id}: danh tính đã mã hóa mất khóa riêng mà không có sự kiện xóa nào ghi lý do (bị xóa ngoài phananh)"
            ),
            ChainBreak::IdentityKeysUnopened { reports } => format!(
                "phản ánh {}: khóa riêng không mở được bằng tệp khóa mà không có sự kiện xóa nào ghi lý do (bị thay ngoài phananh; nếu không bản sao lưu nào còn giữ được, xóa từng danh tính bằng `phananh erase SỐ --reason \"LÝ DO\"`)",
                crate::domain::text::ids_listed(reports)
            ),
            ChainBreak::VaultAltered {
                found,
                recorded,
                event,
            } => format!(
                "dòng của bảng vault (khóa mã hóa danh tính người phản ánh): ghi khóa {}, nhưng sự kiện {event} đã ghi khóa {recorded} (bị sửa ngoài phananh)",
                found.as_deref().unwrap_or("không có")
            ),
            ChainBreak::TableRowAltered { table, key, event } => format!(
                "bảng {table}, dòng {}: khác với bản sự kiện {event} đã ghi (bị sửa ngoài phananh)",
                key_text(key)
            ),
            ChainBreak::TableRowUnrecorded { table, key } => format!(
                "bảng {table}, dòng {}: không sự kiện nào ghi nhận nó (bị chèn ngoài phananh)",
                key_text(key)
            ),
            ChainBreak::TableRowRemoved { table, key, event } => format!(
                "bảng {table}, dòng {}: sự kiện {event} đã ghi nhận nó, nay không còn (bị xóa ngoài phananh)",
                key_text(key)
            ),
            ChainBreak::ClockAltered {
                clock,
                report_id,
                stage,
                round,
                what,
            } => format!(
                "thời hạn {clock} (phản ánh {report_id}, bước {}, lượt {round}): {} khác với điều nhật ký và lịch cho ra (bị sửa ngoài phananh)",
                stage.vi(),
                clock_part_vi(what)
            ),
            ChainBreak::ClockMissing {
                report_id,
                stage,
                round,
            } => format!(
                "phản ánh {report_id}: nhật ký mở thời hạn bước {} lượt {round}, nhưng bảng thời hạn không có (bị xóa ngoài phananh)",
                stage.vi()
            ),
            ChainBreak::ClockUnrecorded {
                clock,
                report_id,
                stage,
                round,
            } => format!(
                "thời hạn {clock} (phản ánh {report_id}, bước {}, lượt {round}): không sự kiện nào mở nó (bị chèn ngoài phananh)",
                stage.vi()
            ),
            ChainBreak::ActedUnbound { id, actor, login } => format!(
                "sự kiện {id}: do tài khoản hệ điều hành {login:?} ghi dưới tài khoản {actor:?}, nhưng nhật ký chưa từng gắn tài khoản ấy với tài khoản hệ điều hành này (được gắn ngoài phananh để làm việc đó)"
            ),
            ChainBreak::ActedBeyondRole {
                id,
                actor,
                role,
                active,
                action,
            } => format!(
                "sự kiện {id}: do tài khoản {actor:?} ghi, nhưng theo nhật ký tài khoản ấy có vai trò {}{} nên không được làm \"{action}\" (bị sửa ngoài phananh để làm việc đó)",
                role_words(role, crate::i18n::Lang::Vi),
                if *active { "" } else { " và đang bị khóa" }
            ),
            ChainBreak::ActedAsNobody { id, actor } => format!(
                "sự kiện {id}: do tài khoản {actor:?} ghi, nhưng nhật ký chưa từng tạo tài khoản này (được tạo ngoài phananh để làm việc đó)"
            ),
            ChainBreak::ActedAsUnearned { id, actor, made_by } => format!(
                "sự kiện {id}: ghi dưới tài khoản {actor:?}; tài khoản này (hoặc việc gắn nó với tài khoản hệ điều hành) do sự kiện {made_by} tạo ra, mà sự kiện ấy được ghi khi không có quyền (xem sự kiện ấy)"
            ),
            ChainBreak::FileInconsistent(detail) => format!(
                "tệp không qua kiểm tra toàn vẹn của SQLite ({detail}): một chỉ mục không còn khớp với các dòng của bảng, do bị dựng lại ngoài phananh hoặc hỏng trên đĩa"
            ),
            ChainBreak::SchemaChanged { kind, name, change } => {
                format!("lược đồ {}", schema_text_vi(kind, name, *change))
            }
            ChainBreak::PartMissing { head, part, count } => format!(
                "sự kiện {head}: ghi danh sách của nó thành {count} phần, nhưng phần {part} không theo ngay sau nó (bị xóa hoặc dời chỗ ngoài phananh)"
            ),
            ChainBreak::PartMisplaced { id, head, part } => format!(
                "sự kiện {id}: không phải phần {part} của danh sách sự kiện {head}, phần phải nằm ở đây và được ghi cùng sự kiện ấy (bị dời, thay hoặc thêm ngoài phananh)"
            ),
            ChainBreak::PartAltered { id, head, part } => format!(
                "sự kiện {id}: phần {part} của danh sách sự kiện {head} khác với bản sự kiện {head} đã niêm phong (bị sửa ngoài phananh)"
            ),
            ChainBreak::PartStray { id } => format!(
                "sự kiện {id}: là một phần danh sách mà không sự kiện nào trước nó ghi là có (được thêm ngoài phananh)"
            ),
            ChainBreak::CheckpointLost {
                checkpoint,
                event,
                hash,
                at,
                found,
                last,
            } => match (found, last) {
                (Some(found), _) => format!(
                    "điểm kiểm tra {checkpoint} (ký lúc {at}): sự kiện {event} ở đây có mã băm {found}, khác mã băm {hash} đã ký: nhật ký đã bị viết lại ở sự kiện này hoặc trước nó"
                ),
                (None, Some(last)) if last < event => format!(
                    "điểm kiểm tra {checkpoint} (ký lúc {at}): không còn sự kiện {event} (mã băm {hash}) trong nhật ký, vốn kết thúc ở sự kiện {last}: các sự kiện mới nhất đã bị cắt, hoặc chuỗi đã bị viết lại"
                ),
                (None, _) => format!(
                    "điểm kiểm tra {checkpoint} (ký lúc {at}): không còn sự kiện {event} (mã băm {hash}) trong nhật ký: nó đã bị xóa, chuỗi đã bị viết lại"
                ),
            },
        })
    }

    fn en(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Owned(self.to_string())
    }
}

/// The file `audit verify --checkpoint` checks, as far as a signed head is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    /// A copy as `backup` writes it (SQLite's rollback journal; every command that writes
    /// switches the database to WAL, so no phananh command has written it since): it may
    /// simply have been made before the head was signed.
    BackupCopy,
    /// The database itself, or a copy of it as it stands (WAL): it was in use when the head
    /// was signed, so it must hold it.
    InUse,
}

/// How a chain stands against one signed head (`audit verify --checkpoint`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedHead {
    /// The chain holds the signed event with its hash.
    Held,
    /// The chain holds another event under that number, or none where it must: the newest
    /// events were cut off, or the chain was rewritten.
    Lost(ChainBreak),
    /// A backup copy whose last event (None: no event) comes before the signed one, and
    /// which holds no event of another hash there: made before the head was signed, it
    /// cannot show whether the chain still holds it. Not an integrity failure of its own;
    /// a copy made after the signing must be checked (or, if this one was, events were
    /// cut).
    CopyEndsBefore { last: Option<i64> },
}

/// Judges a file against the head signed in `checkpoint` (event `event` with `hash`):
/// `found` is the hash the file holds under that number, `last` its last event. A backup
/// made the night before tonight's head was told "the chain is broken, restore a backup"
/// (exit 5), though nothing in it differs from the signed chain: it only ends sooner. A
/// file in use that ends before the head lost its newest events, whatever it is.
pub fn signed_head(
    checkpoint: &str,
    (event, hash, at): (i64, &str, &str),
    found: Option<&str>,
    last: Option<i64>,
    checked: Checked,
) -> SignedHead {
    if found == Some(hash) {
        return SignedHead::Held;
    }
    let ends_before = found.is_none() && last.is_none_or(|last| last < event);
    if ends_before && checked == Checked::BackupCopy {
        return SignedHead::CopyEndsBefore { last };
    }
    SignedHead::Lost(ChainBreak::CheckpointLost {
        checkpoint: checkpoint.to_owned(),
        event,
        hash: hash.to_owned(),
        at: at.to_owned(),
        found: found.map(str::to_owned),
        last,
    })
}

/// One object of a database's schema as SQLite keeps it in `sqlite_schema`: a table, an
/// index, a trigger or a view, with the statement that made it (none for SQLite's own
/// automatic indexes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaObject {
    pub kind: String,
    pub name: String,
    pub sql: Option<String>,
}

/// How an object of a database's schema departs from what phananh's migrations made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaChange {
    /// In the file, not made by a migration: a trigger planted there runs inside phananh's
    /// own statements and can drop or rewrite what they write.
    Added,
    /// Made by a migration, then replaced by another definition.
    Altered,
    /// Made by a migration, and gone: an append-only trigger, say.
    Removed,
}

/// The first object in which `actual` departs from `expected` (what the migrations make),
/// if any. Added objects come first, then altered, then removed, because an added trigger is
/// the one that acts; within each, triggers, then views, tables and indexes.
pub fn schema_difference(expected: &[SchemaObject], actual: &[SchemaObject]) -> Option<ChainBreak> {
    let find = |objects: &'_ [SchemaObject], wanted: &SchemaObject| {
        objects
            .iter()
            .find(|o| o.kind == wanted.kind && o.name == wanted.name)
            .cloned()
    };
    let mut found: Vec<(SchemaChange, &SchemaObject)> = Vec::new();
    for object in actual {
        match find(expected, object) {
            None => found.push((SchemaChange::Added, object)),
            Some(made) if made.sql != object.sql => found.push((SchemaChange::Altered, object)),
            Some(_) => {}
        }
    }
    for object in expected {
        if find(actual, object).is_none() {
            found.push((SchemaChange::Removed, object));
        }
    }
    let rank = |kind: &str| match kind {
        "trigger" => 0,
        "view" => 1,
        "table" => 2,
        _ => 3,
    };
    let change_rank = |change: SchemaChange| match change {
        SchemaChange::Added => 0,
        SchemaChange::Altered => 1,
        SchemaChange::Removed => 2,
    };
    found
        .into_iter()
        .min_by_key(|(change, object)| {
            (
                change_rank(*change),
                rank(&object.kind),
                object.name.clone(),
            )
        })
        .map(|(change, object)| ChainBreak::SchemaChanged {
            kind: object.kind.clone(),
            name: object.name.clone(),
            change,
        })
}

/// A digest of a schema whatever the order its objects were listed in: SHA-256 over each
/// object's kind, name and statement, sorted by kind and name, in hex.
pub fn schema_digest(objects: &[SchemaObject]) -> String {
    use sha2::{Digest, Sha256};
    let mut sorted: Vec<&SchemaObject> = objects.iter().collect();
    sorted.sort_by(|a, b| (&a.kind, &a.name).cmp(&(&b.kind, &b.name)));
    let mut hasher = Sha256::new();
    for object in sorted {
        for part in [&object.kind, &object.name] {
            hasher.update(part.as_bytes());
            hasher.update([0]);
        }
        // A statement's absence (SQLite's automatic indexes) told apart from an empty one.
        match &object.sql {
            Some(sql) => {
                hasher.update([1]);
                hasher.update(sql.as_bytes());
            }
            None => hasher.update([0]),
        }
        hasher.update([0]);
    }
    crate::domain::report::hex(&hasher.finalize())
}

/// What a checkpoint the chain no longer holds found instead (`ChainBreak::CheckpointLost`):
/// its head with another hash (rewritten), or missing from a log that ends before it (cut
/// off) or around it (deleted).
fn checkpoint_lost_en(
    checkpoint: &str,
    event: i64,
    hash: &str,
    at: &str,
    found: Option<&str>,
    last: Option<i64>,
) -> String {
    match (found, last) {
        (Some(found), _) => format!(
            "checkpoint {checkpoint} (signed {at}): event {event} has hash {found} here, where the checkpoint signed {hash}: the log was rewritten at or before that event"
        ),
        (None, Some(last)) if last < event => format!(
            "checkpoint {checkpoint} (signed {at}): event {event} (hash {hash}) is not in the log, which ends at event {last}: the newest events were cut off, or the chain was rewritten"
        ),
        (None, _) => format!(
            "checkpoint {checkpoint} (signed {at}): event {event} (hash {hash}) is not in the log: it was deleted, the chain rewritten"
        ),
    }
}

fn schema_text_en(kind: &str, name: &str, change: SchemaChange) -> String {
    match change {
        SchemaChange::Added => format!(
            "holds a {kind} \"{name}\" that phananh's migrations did not make (planted outside phananh)"
        ),
        SchemaChange::Altered => format!(
            "{kind} \"{name}\" differs from what phananh's migrations made (altered outside phananh)"
        ),
        SchemaChange::Removed => format!(
            "lacks the {kind} \"{name}\" that phananh's migrations made (dropped outside phananh)"
        ),
    }
}

fn schema_text_vi(kind: &str, name: &str, change: SchemaChange) -> String {
    let kind = match kind {
        "table" => "bảng",
        "index" => "chỉ mục",
        // Trigger and view are what SQLite and its manuals call them in Vietnamese too.
        other => other,
    };
    match change {
        SchemaChange::Added => format!(
            "có {kind} \"{name}\" mà các bước nâng lược đồ của phananh không tạo ra (bị cài thêm ngoài phananh)"
        ),
        SchemaChange::Altered => format!(
            "có {kind} \"{name}\" khác với bản các bước nâng lược đồ của phananh đã tạo (bị sửa ngoài phananh)"
        ),
        SchemaChange::Removed => format!(
            "thiếu {kind} \"{name}\" mà các bước nâng lược đồ của phananh đã tạo (bị xóa ngoài phananh)"
        ),
    }
}

/// The part of a clock that differs (named by `clock_difference`), in Vietnamese.
fn clock_part_vi(what: &str) -> &'static str {
    match what {
        "start" => "thời điểm bắt đầu",
        "agency" => "cơ quan",
        "deadline" => "hạn",
        "stop" => "thời điểm dừng",
        "breached flag" => "dấu quá hạn",
        "reminder mark" => "dấu đã nhắc hạn",
        "calendar version" => "phiên bản lịch",
        _ => "một trường",
    }
}

/// Whether an open clock's calendar version is one it may carry: today's, or the one the
/// log last recorded as brought to every open clock (`init`, a calendar or deadline setting
/// change, a `calendar_adopt`). Every such change recomputes the open clocks, and a clock
/// started since carries today's, so another version was written behind the tool's back;
/// the next sweep would otherwise log the adoption of a schedule nobody shipped. A newer
/// phananh's schedule not adopted yet leaves clocks on the recorded version. Unknown
/// (`recorded` None: a log from before versions were recorded) is not judged.
pub fn open_clock_version_known(version: &str, today: &str, recorded: Option<&str>) -> bool {
    version == today || recorded.is_none_or(|r| r == version)
}

/// The number a restore's events were given after (its payload's `numbered_after`), if any.
fn numbered_after(payload: &str) -> Option<i64> {
    #[derive(serde::Deserialize)]
    struct Restore {
        numbered_after: Option<i64>,
    }
    serde_json::from_str::<Restore>(payload)
        .ok()?
        .numbered_after
}

/// Walks events in id order, checking each seal, link and number.
#[derive(Debug)]
pub struct ChainWalker {
    last_hash: String,
    last_id: i64,
    pub checked: u64,
    /// The parts of long lists the last head announced (`domain::parts`).
    parts: super::parts::PartsWalker,
    /// A gap in the events' numbers no restore has explained yet: the event after it
    /// (`Unlinked`, naming the one before).
    gap: Option<ChainBreak>,
}

impl Default for ChainWalker {
    fn default() -> Self {
        ChainWalker {
            last_hash: GENESIS.to_owned(),
            last_id: 0,
            checked: 0,
            parts: super::parts::PartsWalker::default(),
            gap: None,
        }
    }
}

impl ChainWalker {
    /// Checks the next stored event (`record` and the `hash` stored beside it).
    pub fn check(&mut self, record: &EventRecord, stored_hash: &str) -> Result<(), ChainBreak> {
        if record.seal() != stored_hash {
            return Err(ChainBreak::EventAltered { id: record.id });
        }
        if record.prev_hash != self.last_hash {
            return Err(ChainBreak::Unlinked {
                id: record.id,
                previous: self.last_id,
            });
        }
        // Numbers run on by one: an event deleted and the hashes after it computed again
        // (the seal holds no secret) left the log whole to the walk, "intact: 2,578
        // events" with ids running to 2,579. The one gap phananh makes is a restore's (the
        // events it writes are numbered after the replaced log's last: `restore`'s
        // `numbered_after`), explained by that restore's event after it.
        if record.id != self.last_id + 1 {
            if let Some(unexplained) = self.gap.take() {
                return Err(unexplained);
            }
            self.gap = Some(ChainBreak::Unlinked {
                id: record.id,
                previous: self.last_id,
            });
        }
        if let Some(ChainBreak::Unlinked { id, .. }) = self.gap
            && record.action == EventKind::Restore.as_str()
            && numbered_after(&record.payload) == Some(id - 1)
        {
            self.gap = None;
        }
        self.last_hash = stored_hash.to_owned();
        self.last_id = record.id;
        self.checked += 1;
        // After the seal and the link: an event that does not hold is named as such first.
        self.parts.check(record)
    }

    /// At the end of the walk: a gap in the numbers no restore explained, and the parts of
    /// long lists the last head announced and the log lacks (the newest events cut off).
    pub fn finish(&mut self) -> Result<(), ChainBreak> {
        if let Some(unexplained) = self.gap.take() {
            return Err(unexplained);
        }
        self.parts.finish()
    }
}

/// One event with what judging it at its place needs without walking the chain: the event
/// before it (its id and stored hash) and the event after it (whole, with its stored hash).
/// For a decision that rests on a few events of a long log (the sweep's settings, a
/// report's closing time) and runs too often to walk it all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub record: EventRecord,
    /// The hash stored beside it.
    pub hash: String,
    pub previous: Option<(i64, String)>,
    pub next: Option<(EventRecord, String)>,
}

impl Placed {
    /// Whether the event holds as `audit verify` judges it: its own hash recomputes from its
    /// content, it links to the event before it, and the event after it, if sealed, links to
    /// it. The last is what catches an edit sealed again in place; an event appended with
    /// `sqlite3` fails the first (its hash made up) or the second (its link made up). One
    /// forged with hashes that all fit passes: the chain carries no secret (signed
    /// checkpoints do).
    ///
    /// A next event whose own hash does not recompute says nothing of this one: its link is
    /// part of what does not hold, made up by whoever wrote it (an appended forgery's random
    /// bytes) or set to anything they liked. This event is then judged as the newest of the
    /// chain is, by its own seal and its link before, and the next is the one named.
    pub fn check(&self) -> Result<(), ChainBreak> {
        let id = self.record.id;
        if self.record.seal() != self.hash {
            return Err(ChainBreak::EventAltered { id });
        }
        let (previous, previous_hash) = self
            .previous
            .as_ref()
            .map_or((0, GENESIS), |(p, hash)| (*p, hash.as_str()));
        if self.record.prev_hash != previous_hash {
            return Err(ChainBreak::Unlinked { id, previous });
        }
        match &self.next {
            // The link is compared first: the next event's seal is worth computing only
            // when it does not link (the sweep judges every reminder mark it relies on).
            Some((next, next_hash)) if next.prev_hash != self.hash && next.seal() == *next_hash => {
                Err(ChainBreak::Unlinked {
                    id: next.id,
                    previous: id,
                })
            }
            _ => Ok(()),
        }
    }
}

/// The first event of a chain that [`Placed::check`] would not trust, walked in order (what
/// a restore makes again of the live log stops before it), and why. When a sealed event
/// does not link to the one before it, that one is the first not to trust, since the next
/// event's link is what would have shown an edit of it sealed again in place; when the
/// event that does not link is not sealed either, its link is no evidence, and it is the
/// first not to trust itself.
#[derive(Debug, Default)]
pub struct TrustWalker {
    last: Option<(i64, String)>,
    found: Option<(i64, ChainBreak)>,
}

impl TrustWalker {
    /// Takes in the next stored event; false once an untrusted one is found.
    pub fn step(&mut self, record: &EventRecord, stored_hash: &str) -> bool {
        if self.found.is_some() {
            return false;
        }
        let (previous, previous_hash) = self
            .last
            .as_ref()
            .map_or((0, GENESIS), |(p, hash)| (*p, hash.as_str()));
        let sealed = record.seal() == stored_hash;
        if !sealed {
            // Said as verify says it: of an event appended with made-up hashes, its own.
            self.found = Some((record.id, ChainBreak::EventAltered { id: record.id }));
        } else if record.prev_hash != previous_hash {
            let broken = ChainBreak::Unlinked {
                id: record.id,
                previous,
            };
            self.found = Some((if previous == 0 { record.id } else { previous }, broken));
        }
        self.last = Some((record.id, stored_hash.to_owned()));
        self.found.is_none()
    }

    /// The first event not to trust, and what is wrong there; None for a chain that holds.
    pub fn first_untrusted(self) -> Option<(i64, ChainBreak)> {
        self.found
    }
}

/// A clock row as stored, its times read (None when unreadable: only an edit behind the
/// tool's back makes them so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredClock {
    pub id: i64,
    pub stage: Stage,
    pub round: i64,
    pub agency: Option<String>,
    pub started_at: Option<Timestamp>,
    pub rule: Option<Rule>,
    pub limit_seconds: i64,
    pub due_at: Option<Timestamp>,
    pub calendar_version: String,
    pub start_event: Option<i64>,
    pub stopped_at: Option<Timestamp>,
    pub stop_event: Option<i64>,
    pub breached: Option<bool>,
    /// The stop time was stored but could not be read.
    pub stopped_unreadable: bool,
    /// The reminder events it is marked with, by threshold slot (`Threshold::slot`): due
    /// soon, overdue, at once.
    pub reminded: [Option<i64>; Threshold::COUNT],
}

/// The reminders the log records, clock by clock: each `remind` event names its clock and
/// threshold in its sealed payload, and the clock row keeps that event's id as its mark, so
/// the sweep reminds once per clock and threshold. A mark cleared behind the tool's back
/// makes the next sweep remind again; one set makes it stay silent about a late report.
/// `audit verify` gathers them one report at a time (the sweep records each reminder about
/// its clock's report), so that what it holds does not grow with the log; a reminder about
/// no report, which phananh never writes, still counts, gathered over the whole walk.
#[derive(Debug, Default)]
pub struct ReminderMarks(HashMap<(i64, usize), i64>);

impl ReminderMarks {
    /// Notes one `remind` event (its id and payload); events must come in id order.
    pub fn observe(&mut self, event: i64, payload: &str) {
        #[derive(serde::Deserialize)]
        struct Reminder {
            clock: i64,
            threshold: String,
        }
        if let Ok(r) = serde_json::from_str::<Reminder>(payload) {
            self.0
                .insert((r.clock, Threshold::read(&r.threshold).slot()), event);
        }
    }

    /// Forgets every reminder, to gather the next report's.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Checks one stored clock's marks: each must name the latest reminder of its clock and
    /// threshold that `self` or `unattached` records, unless a later change took that
    /// threshold back (`clearings`), and be empty when there is none.
    pub fn check(
        &self,
        unattached: &ReminderMarks,
        clearings: &MarkClearings,
        report_id: i64,
        clock: &StoredClock,
    ) -> Result<(), ChainBreak> {
        for (slot, stored) in clock.reminded.iter().enumerate() {
            let key = (clock.id, slot);
            let latest = self.0.get(&key).max(unattached.0.get(&key)).copied();
            let standing = latest.filter(|&event| !clearings.cleared_after(key, event));
            if standing != *stored {
                return Err(ChainBreak::ClockAltered {
                    clock: clock.id,
                    report_id,
                    stage: clock.stage,
                    round: clock.round,
                    what: "reminder mark",
                });
            }
        }
        Ok(())
    }
}

/// The changes that cleared reminder marks (recomputes that took a reminded threshold
/// back), each with the clocks it cleared at each threshold, for the sweep and `audit
/// verify` to judge the mark they find against: a reminder before a later clearing no
/// longer stands for that threshold.
///
/// One change may clear the marks of every reminded open clock (a limit raised over a
/// backlog of late clocks): each clearing is kept as two sorted lists of clock ids, 8 bytes a
/// mark, where a map of (clock, threshold) to its latest clearing took some 40, and the
/// payload is read a mark at a time rather than as one JSON tree (some 130 bytes a mark while
/// it was read).
#[derive(Debug, Default)]
pub struct MarkClearings(Vec<Clearing>);

/// One change's clearings: the change's event, and the clocks whose mark it cleared at each
/// threshold slot (`Threshold::slot`), sorted. No change clears a mark at once: the
/// leader was told, whatever the deadline became.
#[derive(Debug)]
struct Clearing {
    event: i64,
    clocks: [Vec<i64>; Threshold::COUNT],
}

impl MarkClearings {
    /// Notes one change event (its id and payload) listing the marks it cleared under `key`
    /// as `[clock, "overdue" | "due_soon"]`; events must come in id order. A payload that is
    /// not a JSON object, or whose `key` is not a list, clears nothing; so does an entry that
    /// is not a list beginning with a whole number and a text (read as `Threshold::read`
    /// reads it).
    pub fn observe(&mut self, event: i64, payload: &str, key: &str) {
        // Into the clocks at each threshold slot, 8 bytes a mark.
        let add = |clocks: &mut [Vec<i64>; Threshold::COUNT], mark: serde_json::Value| {
            if let (Some(clock), Some(threshold)) = (
                mark.get(0).and_then(serde_json::Value::as_i64),
                mark.get(1).and_then(serde_json::Value::as_str),
            ) {
                clocks[Threshold::read(threshold).slot()].push(clock);
            }
        };
        let Some(mut clocks) = crate::domain::payload::last_list_under(payload, key, add) else {
            return;
        };
        for list in &mut clocks {
            list.sort_unstable();
            list.dedup();
            list.shrink_to_fit();
        }
        if clocks.iter().any(|list| !list.is_empty()) {
            self.0.push(Clearing { event, clocks });
        }
    }

    /// Whether the reminder mark of `clock` at one threshold, naming the event `mark` (read
    /// with its neighbours), is one the log vouches for: a `remind` event whose sealed
    /// payload names this clock and threshold (as `audit verify` reads it, which does not
    /// ask for the report: the clock names it, and reminders from before they named their
    /// report carry none), holding at its place in the chain (`Placed::check`), and not
    /// taken back by a later change. Else the mark was set behind the tool's back (one `UPDATE clocks SET reminded_overdue = …` on a deadline just
    /// broken kept the breach out of `sweep --fail-on-breach`, exit 0, nobody mailed).
    pub fn vouches(&self, mark: Option<&Placed>, clock: i64, threshold: Threshold) -> bool {
        self.vouches_reminder(mark.and_then(MarkClearings::reminder_of), clock, threshold)
    }

    /// What a mark's event is worth to [`MarkClearings::vouches`], kept small so that a
    /// sweep can judge a page of marks as it streams their events: the clock, threshold
    /// and id of a `remind` event that holds at its place in the chain; None for any other
    /// event.
    pub fn reminder_of(placed: &Placed) -> Option<(i64, Threshold, i64)> {
        #[derive(serde::Deserialize)]
        struct Reminder {
            clock: i64,
            threshold: String,
        }
        let record = &placed.record;
        if record.action != EventKind::Remind.as_str() {
            return None;
        }
        let reminder = serde_json::from_str::<Reminder>(&record.payload).ok()?;
        placed.check().ok()?;
        Some((
            reminder.clock,
            Threshold::read(&reminder.threshold),
            record.id,
        ))
    }

    /// [`MarkClearings::vouches`] of the mark's event as [`MarkClearings::reminder_of`]
    /// read it.
    pub fn vouches_reminder(
        &self,
        reminder: Option<(i64, Threshold, i64)>,
        clock: i64,
        threshold: Threshold,
    ) -> bool {
        let Some((named, named_threshold, event)) = reminder else {
            return false;
        };
        named == clock
            && named_threshold == threshold
            && !self.cleared_after((clock, threshold.slot()), event)
    }

    /// Whether a change after `event` took back the mark of (clock, `Threshold::slot`).
    fn cleared_after(&self, (clock, slot): (i64, usize), event: i64) -> bool {
        self.0
            .iter()
            .rev()
            .take_while(|clearing| clearing.event > event)
            .any(|clearing| clearing.clocks[slot].binary_search(&clock).is_ok())
    }
}

/// The calendar and limits in force, against which open clocks and clocks computed under
/// the same calendar version are recomputed.
#[derive(Clone, Copy)]
pub struct InForce<'a> {
    pub calendar: &'a Calendar,
    pub policy: &'a Policy,
}

/// Checks one report's stored clocks (in (stage, round) order) against the clocks its log
/// replays to (`domain::clocks::replay`) and against the deadline calculus: which step
/// started and stopped each clock, its agency, its breached flag (recomputed from its
/// deadline and stop), and its deadline wherever it can be recomputed — always when it
/// counted clock hours; with the calendar in force when it was computed under it; with the
/// limits in force too while it is open (every change to them recomputes open clocks). A
/// stopped clock is recomputed with the limits in force just before its stop, and, computed
/// under an earlier calendar, under that calendar: `then` holds, for each stored clock, in
/// order, the calendar and limits in force just before its stop, rebuilt by the caller from
/// the logged calendar and settings changes (None where the clock is open or not stopped by
/// a step). The limit a stopped clock's row holds is not taken at its word: a late clock
/// given a longer limit, the deadline that limit gives and the on-time flag with `sqlite3`
/// agreed with itself, and verify passed it
/// (`forged_events::a_score_over_late_cases_given_a_longer_limit_with_sqlite3_is_refused`).
pub fn check_clocks(
    report_id: i64,
    replayed: &[Replayed],
    stored: &[StoredClock],
    now: &InForce<'_>,
    then: &[Option<InForce<'_>>],
    kept: &crate::domain::clocks::Kept,
) -> Result<(), ChainBreak> {
    check_clocks_explained(report_id, replayed, stored, now, then, kept).map_err(|found| found.0)
}

/// [`check_clocks`], with what the log gives and what the file holds of the part found
/// moved, when that part has a value (`audit verify`'s finding for the inspector's minutes).
pub fn check_clocks_explained(
    report_id: i64,
    replayed: &[Replayed],
    stored: &[StoredClock],
    now: &InForce<'_>,
    then: &[Option<InForce<'_>>],
    kept: &crate::domain::clocks::Kept,
) -> Result<(), Box<(ChainBreak, Option<ClockEdit>)>> {
    let mut expected = replayed.iter().peekable();
    let mut actual = stored.iter().enumerate().peekable();
    loop {
        let order = match (expected.peek(), actual.peek()) {
            (None, None) => return Ok(()),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(e), Some((_, a))) => (e.stage, e.round).cmp(&(a.stage, a.round)),
        };
        match order {
            std::cmp::Ordering::Less => {
                let e = expected.next().expect("peeked");
                return Err(Box::new((
                    ChainBreak::ClockMissing {
                        report_id,
                        stage: e.stage,
                        round: e.round,
                    },
                    None,
                )));
            }
            std::cmp::Ordering::Greater => {
                let (_, a) = actual.next().expect("peeked");
                return Err(Box::new((
                    ChainBreak::ClockUnrecorded {
                        clock: a.id,
                        report_id,
                        stage: a.stage,
                        round: a.round,
                    },
                    None,
                )));
            }
            std::cmp::Ordering::Equal => {
                let (e, (i, a)) = (
                    expected.next().expect("peeked"),
                    actual.next().expect("peeked"),
                );
                let then = then.get(i).copied().flatten();
                let kept = a
                    .due_at
                    .is_some_and(|due| kept.holds_at(report_id, a.stage, &due));
                if let Some((what, journal, file)) =
                    clock_difference(e, a, now, then.as_ref(), kept)
                {
                    let edit = ClockEdit {
                        clock: a.id,
                        report_id,
                        stage: a.stage,
                        round: a.round,
                        part: what,
                        journal,
                        file,
                        start_event: a.start_event.or(Some(e.start_event)),
                    };
                    return Err(Box::new((
                        ChainBreak::ClockAltered {
                            clock: a.id,
                            report_id,
                            stage: a.stage,
                            round: a.round,
                            what,
                        },
                        Some(edit),
                    )));
                }
            }
        }
    }
}

/// What differs first between a replayed clock and the stored one, named for the message,
/// with the value the log gives and the one stored, where the part has one.
fn clock_difference(
    e: &Replayed,
    a: &StoredClock,
    now: &InForce<'_>,
    then: Option<&InForce<'_>>,
    kept: bool,
) -> Option<(&'static str, ClockValue, ClockValue)> {
    let time = |t: Option<&Timestamp>| ClockValue::Time(t.map(crate::domain::time::format));
    if a.start_event != Some(e.start_event) || a.started_at != Some(e.started_at) {
        return Some((
            "start",
            time(Some(&e.started_at)),
            time(a.started_at.as_ref()),
        ));
    }
    if a.agency != e.agency {
        return Some((
            "agency",
            ClockValue::Code(e.agency.clone()),
            ClockValue::Code(a.agency.clone()),
        ));
    }
    let stop = e.stopped.map(|(at, event, _)| (at, event));
    if a.stopped_unreadable || a.stopped_at.zip(a.stop_event) != stop {
        return Some((
            "stop",
            time(e.stopped.as_ref().map(|(at, _, _)| at)),
            time(a.stopped_at.as_ref()),
        ));
    }
    let (Some(due), Some(rule)) = (a.due_at, a.rule) else {
        return Some(("deadline", ClockValue::Unknown, time(a.due_at.as_ref())));
    };
    let judged = e
        .stopped
        .map(|(at, _, kind)| breached(e.stage, kind, &due, &at));
    // The deadline before the flag judged against it: a deadline moved to hide a breach,
    // the flag left as it was, is the deadline's edit, and the flag read against the moved
    // deadline would have the finding say the log gives "on time". A deadline a change of
    // the limits kept because it had already passed stayed where the rule then in force put
    // it, as the change's event records (`clocks::Kept`): only its flag is judged.
    if !kept && let Some(moved) = deadline_difference(e, a, (due, rule), now, then) {
        return Some(moved);
    }
    if a.breached != judged {
        return Some((
            "breached flag",
            ClockValue::Flag(judged),
            ClockValue::Flag(a.breached),
        ));
    }
    None
}

/// The stored deadline `due` (given by `rule`) against the one the log and the calendar
/// give, when they give one.
fn deadline_difference(
    e: &Replayed,
    a: &StoredClock,
    (due, rule): (Timestamp, Rule),
    now: &InForce<'_>,
    then: Option<&InForce<'_>>,
) -> Option<(&'static str, ClockValue, ClockValue)> {
    let time = |t: &Timestamp| ClockValue::Time(Some(crate::domain::time::format(t)));
    let same_calendar = a.calendar_version == now.calendar.version();
    // The calendar a stopped clock was last computed under: the one in force when it was so
    // computed, rebuilt from the log; the version it names is not trusted (an edit could
    // name any), its deadline is recomputed under the calendar the log says was in force.
    let calendar = match then {
        Some(then) if e.stopped.is_some() && !same_calendar => Some(then.calendar),
        _ => same_calendar.then_some(now.calendar),
    };
    let recomputed = if e.stopped.is_none() && same_calendar {
        deadline::due(&e.started_at, e.stage, now.calendar, now.policy).ok()
    } else if e.stopped.is_some() && calendar.is_some() {
        // The limits a stopped clock was last given are the ones in force just before its
        // stop, which the log rebuilds as it rebuilds the calendar.
        let policy = then.map_or(now.policy, |then| then.policy);
        let calendar = calendar.expect("checked above");
        deadline::due(&e.started_at, e.stage, calendar, policy).ok()
    } else if rule == Rule::ClockHours || calendar.is_some() {
        // The limit the clock was given, counted by the rule it was given.
        let limit = Limit {
            working: a.limit_seconds,
            day_off: a.limit_seconds,
        };
        let off_hours = match rule {
            Rule::WorkingHours => OffHours::NextWindow,
            Rule::ClockHours => OffHours::DayOffRule,
        };
        let policy = Policy::new([limit; 4], off_hours);
        match rule {
            Rule::ClockHours => Some(deadline::Due {
                at: e.started_at + chrono::Duration::seconds(a.limit_seconds),
                rule,
                limit: a.limit_seconds,
            }),
            Rule::WorkingHours => {
                let calendar = calendar.expect("a working-hours clock is recomputed under one");
                deadline::due(&e.started_at, e.stage, calendar, &policy).ok()
            }
        }
    } else {
        return None;
    };
    match recomputed {
        Some(d) if d.at == due && d.rule == rule && d.limit == a.limit_seconds => None,
        Some(d) if d.at != due => Some(("deadline", time(&d.at), time(&due))),
        _ => Some(("deadline", ClockValue::Unknown, time(&due))),
    }
}

/// A part of a clock as a finding prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ClockValue {
    /// A time, as stored (None: none).
    Time(Option<String>),
    Code(Option<String>),
    /// Whether it was late (None: not stopped).
    Flag(Option<bool>),
    /// The log and the calendar give no value to set beside it.
    Unknown,
}

/// One clock found moved, with the value of the part that differs first as the log and the
/// calendar give it and as the file holds it, and the event that started the clock (the
/// row it wrote was changed after it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClockEdit {
    pub clock: i64,
    pub report_id: i64,
    pub stage: Stage,
    pub round: i64,
    pub part: &'static str,
    pub journal: ClockValue,
    pub file: ClockValue,
    #[serde(skip)]
    pub start_event: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The operating system's login is "tài khoản hệ điều hành" wherever a user reads it
    /// (`output::directory`); "tên đăng nhập" is what `--help` calls the staff account, and
    /// this break called the login so in its second half, reading as a third thing.
    #[test]
    fn a_step_by_an_unbound_login_names_it_as_the_os_account_throughout() {
        let said = ChainBreak::ActedUnbound {
            id: 7,
            actor: "xuly.sxd.hung".into(),
            login: "hung".into(),
        };
        let vi = crate::i18n::Bilingual::vi(&said).to_lowercase();
        assert_eq!(vi.matches("tài khoản hệ điều hành").count(), 2, "{vi}");
        assert!(!vi.contains("tên đăng nhập"), "{vi}");
        let en = said.to_string();
        assert_eq!(en.matches("OS login").count(), 2, "{en}");
    }

    /// A backup that simply ends before the signed head is told apart from a chain that
    /// lost it: only an event of another hash, or a file in use that ends sooner, is broken.
    #[test]
    fn a_backup_ending_before_the_signed_head_is_older_not_broken() {
        let judge = |found, last, checked| {
            signed_head(
                "head.json",
                (213, "aa", "06/12/2026 19:30"),
                found,
                last,
                checked,
            )
        };
        assert_eq!(
            judge(Some("aa"), Some(213), Checked::BackupCopy),
            SignedHead::Held
        );
        assert_eq!(
            judge(Some("aa"), Some(300), Checked::InUse),
            SignedHead::Held
        );
        // Yesterday's backup against tonight's head.
        assert_eq!(
            judge(None, Some(211), Checked::BackupCopy),
            SignedHead::CopyEndsBefore { last: Some(211) }
        );
        assert_eq!(
            judge(None, None, Checked::BackupCopy),
            SignedHead::CopyEndsBefore { last: None }
        );
        let lost = |found: Option<&str>, last| {
            SignedHead::Lost(ChainBreak::CheckpointLost {
                checkpoint: "head.json".into(),
                event: 213,
                hash: "aa".into(),
                at: "06/12/2026 19:30".into(),
                found: found.map(str::to_owned),
                last,
            })
        };
        // The event is there with another hash: rewritten, in a copy as in the file in use.
        assert_eq!(
            judge(Some("bb"), Some(213), Checked::BackupCopy),
            lost(Some("bb"), Some(213))
        );
        assert_eq!(
            judge(Some("bb"), Some(400), Checked::InUse),
            lost(Some("bb"), Some(400))
        );
        // The database in use ending before its own signed head: its newest events were cut.
        assert_eq!(
            judge(None, Some(211), Checked::InUse),
            lost(None, Some(211))
        );
        // No event 213 in a copy that goes past it: deleted from the middle.
        assert_eq!(
            judge(None, Some(250), Checked::BackupCopy),
            lost(None, Some(250))
        );
    }

    /// The seal of `event(1, GENESIS)` without login and system clock: SHA-256 of
    /// `{"id":1,"report_id":1,…,"prev_hash":"000…0"}`, computed apart from this code.
    const OLD_SEAL: &str = "3e4ea69ec223734af36f119042ac5cc94a898d88da300e2ac75028606b12ffcc";

    fn event(id: i64, prev: &str) -> EventRecord {
        EventRecord {
            id,
            report_id: Some(1),
            at: "2026-10-05T08:00:00+07:00".into(),
            actor: "tiepnhan.lan".into(),
            action: "accept".into(),
            from_status: Some("received".into()),
            to_status: Some("accepted".into()),
            payload: "{}".into(),
            report_hash: Some("ab".into()),
            prev_hash: prev.into(),
            login: Some("lan".into()),
            recorded_at: Some("2026-12-02T20:41:00+07:00".into()),
        }
    }

    fn chain(n: i64) -> Vec<(EventRecord, String)> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|id| {
                let e = event(id, &prev);
                prev = e.seal();
                (e, prev.clone())
            })
            .collect()
    }

    fn walk(events: &[(EventRecord, String)]) -> Result<u64, ChainBreak> {
        let mut walker = ChainWalker::default();
        for (e, h) in events {
            walker.check(e, h)?;
        }
        walker.finish()?;
        Ok(walker.checked)
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(walk(&chain(5)), Ok(5));
    }

    /// An event deleted and the hashes after it computed again (the seal holds no secret):
    /// every seal and link holds, and only the gap in the numbers tells. The gap a restore
    /// makes (its events numbered after the replaced log's last) is explained by the
    /// restore's event, which names where the numbers went on from.
    #[test]
    fn a_gap_in_the_numbers_is_named_unless_a_restore_explains_it() {
        // Events of these ids, each (id, a restore's numbered_after), linked afresh.
        let linked = |events: &[(i64, Option<i64>)]| -> Vec<(EventRecord, String)> {
            let mut prev = GENESIS.to_owned();
            events
                .iter()
                .map(|&(id, after)| {
                    let mut e = event(id, &prev);
                    if let Some(after) = after {
                        e.action = EventKind::Restore.as_str().into();
                        e.payload = format!(r#"{{"pages":3,"numbered_after":{after}}}"#);
                    }
                    prev = e.seal();
                    (e, prev.clone())
                })
                .collect()
        };
        assert_eq!(
            walk(&linked(&[(1, None), (2, None), (4, None), (5, None)])),
            Err(ChainBreak::Unlinked { id: 4, previous: 2 })
        );
        assert_eq!(
            walk(&linked(&[(1, None), (2, None), (10, Some(9)), (11, None)])),
            Ok(4)
        );
        assert_eq!(
            walk(&linked(&[(1, None), (2, None), (10, None), (11, Some(9))])),
            Ok(4),
            "the events the restore wrote before its own"
        );
        assert_eq!(
            walk(&linked(&[(1, None), (2, None), (10, None), (11, Some(8))])),
            Err(ChainBreak::Unlinked {
                id: 10,
                previous: 2
            }),
            "a restore that numbered after another event"
        );
        assert_eq!(
            walk(&linked(&[(1, None), (3, None), (10, None), (11, Some(9))])),
            Err(ChainBreak::Unlinked { id: 3, previous: 1 }),
            "a second gap before the first is explained"
        );
        assert_eq!(
            walk(&linked(&[(2, None), (3, None)])),
            Err(ChainBreak::Unlinked { id: 2, previous: 0 }),
            "the first event deleted"
        );
    }

    #[test]
    fn an_edited_event_is_named() {
        let mut c = chain(5);
        c[2].0.actor = "someone.else".into();
        assert_eq!(walk(&c), Err(ChainBreak::EventAltered { id: 3 }));
    }

    #[test]
    fn a_removed_event_is_noticed_at_the_next_one() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(walk(&c), Err(ChainBreak::Unlinked { id: 3, previous: 1 }));
    }

    #[test]
    fn the_login_and_the_system_clock_are_sealed() {
        let mut c = chain(3);
        c[1].0.login = Some("someone.else".into());
        assert_eq!(walk(&c), Err(ChainBreak::EventAltered { id: 2 }));
        let mut c = chain(3);
        c[2].0.recorded_at = Some("2026-11-02T09:30:00+07:00".into());
        assert_eq!(walk(&c), Err(ChainBreak::EventAltered { id: 3 }));
        let mut c = chain(3);
        c[0].0.recorded_at = None;
        assert_eq!(walk(&c), Err(ChainBreak::EventAltered { id: 1 }));
    }

    /// An event written before logins and the system clock were recorded is sealed over
    /// the JSON it had then: the seal below was computed by the code of that time.
    #[test]
    fn an_event_from_before_logins_keeps_its_seal() {
        let mut old = event(1, GENESIS);
        old.login = None;
        old.recorded_at = None;
        let json = serde_json::to_string(&old).unwrap();
        assert!(
            !json.contains("login") && !json.contains("recorded_at"),
            "{json}"
        );
        assert_eq!(old.seal(), OLD_SEAL);
    }

    #[test]
    fn a_role_beyond_its_rights_is_named_in_words_in_either_language() {
        use crate::i18n::Bilingual;
        let problem = ChainBreak::ActedBeyondRole {
            id: 7,
            actor: "tiepnhan.lan".into(),
            role: "reception".into(),
            active: true,
            action: "erase".into(),
        };
        assert!(
            problem
                .vi()
                .contains("có vai trò Tiếp nhận nên không được làm \"erase\""),
            "{}",
            problem.vi()
        );
        assert!(
            problem
                .en()
                .contains("had the role Reception and could not erase"),
            "{}",
            problem.en()
        );
    }

    #[test]
    fn a_resealed_edit_still_breaks_the_link_after_it() {
        let mut c = chain(4);
        c[1].0.payload = "{\"forged\":true}".into();
        c[1].1 = c[1].0.seal();
        assert_eq!(walk(&c), Err(ChainBreak::Unlinked { id: 3, previous: 2 }));
    }

    /// Event `i` of `c` (0-based) with its neighbours, as storage hands it over.
    fn placed(c: &[(EventRecord, String)], i: usize) -> Placed {
        Placed {
            record: c[i].0.clone(),
            hash: c[i].1.clone(),
            previous: i.checked_sub(1).map(|p| (c[p].0.id, c[p].1.clone())),
            next: c.get(i + 1).cloned(),
        }
    }

    /// A chain of four whose third event reminds of clock 9 of report 1 as overdue.
    fn with_reminder() -> Vec<(EventRecord, String)> {
        let mut prev = GENESIS.to_owned();
        (1..=4)
            .map(|id| {
                let mut e = event(id, &prev);
                if id == 3 {
                    e.action = "remind".into();
                    e.report_hash = None;
                    e.payload = r#"{"clock":9,"stage":"dispatch","round":1,"threshold":"overdue","due_at":"2026-10-05T10:00:00+07:00","agency":null,"urgent":false}"#.into();
                }
                prev = e.seal();
                (e, prev.clone())
            })
            .collect()
    }

    /// A clock's marks must name the latest reminder of each threshold, whether gathered
    /// with its report or over the whole walk, unless a later change took it back: the
    /// same answer `audit verify` gave when it kept every reminder of the log in one map.
    #[test]
    fn a_clock_is_marked_with_its_latest_reminder_not_taken_back() {
        let clock = |soon: Option<i64>, overdue: Option<i64>| StoredClock {
            id: 9,
            stage: Stage::Dispatch,
            round: 1,
            agency: None,
            started_at: None,
            rule: None,
            limit_seconds: 0,
            due_at: None,
            calendar_version: String::new(),
            start_event: None,
            stopped_at: None,
            stop_event: None,
            breached: None,
            stopped_unreadable: false,
            reminded: [soon, overdue, None],
        };
        let reminder = |threshold: &str| format!(r#"{{"clock":9,"threshold":"{threshold}"}}"#);
        let mut own = ReminderMarks::default();
        own.observe(3, &reminder("due_soon"));
        own.observe(5, &reminder("overdue"));
        own.observe(6, r#"{"clock":8,"threshold":"overdue"}"#);
        let none = ReminderMarks::default();
        let mut unattached = ReminderMarks::default();
        unattached.observe(7, &reminder("overdue"));
        let cleared = |event: i64| {
            let mut clearings = MarkClearings::default();
            let key = "cleared_reminders";
            clearings.observe(event, r#"{"cleared_reminders":[[9,"overdue"]]}"#, key);
            clearings
        };
        let (kept, after, before) = (MarkClearings::default(), cleared(6), cleared(4));
        let check =
            |own: &ReminderMarks, unattached, clearings, c| own.check(unattached, clearings, 1, &c);
        assert_eq!(check(&own, &none, &kept, clock(Some(3), Some(5))), Ok(()));
        assert!(
            check(&own, &none, &kept, clock(Some(3), None)).is_err(),
            "mark cleared"
        );
        assert!(
            check(&own, &none, &kept, clock(Some(3), Some(6))).is_err(),
            "another clock's"
        );
        assert!(
            check(&none, &none, &kept, clock(None, Some(5))).is_err(),
            "no reminder"
        );
        assert_eq!(
            check(&own, &unattached, &kept, clock(Some(3), Some(7))),
            Ok(()),
            "latest"
        );
        assert!(
            check(&own, &unattached, &kept, clock(Some(3), Some(5))).is_err(),
            "superseded"
        );
        assert_eq!(
            check(&own, &none, &after, clock(Some(3), None)),
            Ok(()),
            "taken back"
        );
        assert!(
            check(&own, &none, &after, clock(Some(3), Some(5))).is_err(),
            "taken back"
        );
        assert_eq!(
            check(&own, &none, &before, clock(Some(3), Some(5))),
            Ok(()),
            "reminded again"
        );
        // Flagged at once: its own column, not the due-soon one.
        let mut flagged = ReminderMarks::default();
        flagged.observe(8, &reminder("at_once"));
        let at_once = |mark| StoredClock {
            reminded: [None, None, mark],
            ..clock(None, None)
        };
        assert_eq!(check(&flagged, &none, &kept, at_once(Some(8))), Ok(()));
        assert!(
            check(&flagged, &none, &kept, clock(Some(8), None)).is_err(),
            "a flag at once taken for the due-soon reminder"
        );
        assert!(
            check(&own, &none, &kept, at_once(Some(3))).is_err(),
            "the due-soon reminder taken for a flag at once"
        );
        own.clear();
        assert_eq!(
            check(&own, &none, &kept, clock(None, None)),
            Ok(()),
            "the next report"
        );
    }

    /// The clearings answer as the map of (clock, threshold) to its latest clearing they
    /// replaced, read from the whole JSON tree, on payloads as phananh writes them and on
    /// odd ones (a key given twice, entries that are no marks, numbers past i64, another
    /// text as threshold, a payload that is no object or has text after it).
    #[test]
    fn clearings_answer_as_the_map_of_latest_clearings_did() {
        fn reference(changes: &[(i64, &str)]) -> HashMap<(i64, usize), i64> {
            let mut map = HashMap::new();
            for &(event, payload) in changes {
                let Ok(serde_json::Value::Object(object)) = serde_json::from_str(payload) else {
                    continue;
                };
                let Some(serde_json::Value::Array(cleared)) = object.get("cleared_reminders")
                else {
                    continue;
                };
                for mark in cleared {
                    if let (Some(clock), Some(threshold)) = (
                        mark.get(0).and_then(serde_json::Value::as_i64),
                        mark.get(1).and_then(serde_json::Value::as_str),
                    ) {
                        map.insert((clock, Threshold::read(threshold).slot()), event);
                    }
                }
            }
            map
        }
        let changes: &[(i64, &str)] = &[
            (
                3,
                r#"{"key":"x","cleared_reminders":[[9,"overdue"],[7,"due_soon"],[9,"overdue"]]}"#,
            ),
            (
                5,
                r#"{"cleared_reminders":[[7,"overdue",1],[8,"soon"],["9","overdue"],[true,"x"],{"0":4}]}"#,
            ),
            (
                6,
                r#"{"cleared_reminders":[[12,"overdue"]],"cleared_reminders":{"a":[[13,"overdue"]]}}"#,
            ),
            (
                7,
                r#"{"cleared_reminders":{"a":1},"cleared_reminders":[[14,"overdue"]]}"#,
            ),
            (
                8,
                r#"{"cleared_reminders":[[18446744073709551615,"overdue"],[-4,"overdue"],[1.5,"overdue"]]}"#,
            ),
            (9, r#"[[20,"overdue"]]"#),
            (10, r#"{"cleared_reminders":[[21,"overdue"]]} trailing"#),
            (
                11,
                r#"{"cleared_reminders":"[[22,\"overdue\"]]","other":[[23,"overdue"]]}"#,
            ),
            (
                12,
                r#"{"nested":{"cleared_reminders":[[24,"overdue"]]},"cleared_reminders":[]}"#,
            ),
            (
                13,
                r#"{"cleared_reminders":[[7,"due_soon"],[25,"overdue"]]"#,
            ),
            (
                14,
                r#"{"cleared_reminders":[[26,"overdue"]],"rest":[1,{"x":null}]}"#,
            ),
        ];
        let map = reference(changes);
        let mut clearings = MarkClearings::default();
        for &(event, payload) in changes {
            clearings.observe(event, payload, "cleared_reminders");
        }
        for clock in -5..30 {
            for slot in 0..Threshold::COUNT {
                for event in 0..16 {
                    let expected = map.get(&(clock, slot)).is_some_and(|&c| c > event);
                    assert_eq!(
                        clearings.cleared_after((clock, slot), event),
                        expected,
                        "clock {clock}, slot {slot}, reminder {event}"
                    );
                }
            }
        }
        assert!(map.len() >= 7, "the payloads clear marks: {map:?}");
    }

    /// The sweep trusts a reminder mark only when it names a `remind` event of that clock
    /// and threshold that holds in place and that no later change took back (at the user's
    /// end, `forged_events::a_reminder_mark_set_with_sqlite3_hides_no_breach`).
    #[test]
    fn a_reminder_mark_is_vouched_for_only_by_the_reminder_it_names() {
        let c = with_reminder();
        let none = MarkClearings::default();
        let mark = placed(&c, 2);
        assert!(none.vouches(Some(&mark), 9, Threshold::Overdue));
        assert!(
            !none.vouches(Some(&mark), 9, Threshold::DueSoon),
            "the due-soon threshold"
        );
        assert!(
            !none.vouches(Some(&mark), 8, Threshold::Overdue),
            "another clock"
        );
        assert!(
            !none.vouches(Some(&placed(&c, 1)), 9, Threshold::Overdue),
            "not a reminder"
        );
        assert!(!none.vouches(None, 9, Threshold::Overdue), "no such event");
        let mut forged = c.clone();
        forged[2].1 = "cd".repeat(32);
        assert!(
            !none.vouches(Some(&placed(&forged, 2)), 9, Threshold::Overdue),
            "made-up hash"
        );
        let mut cleared = MarkClearings::default();
        cleared.observe(
            4,
            r#"{"cleared_reminders":[[9,"overdue"]]}"#,
            "cleared_reminders",
        );
        assert!(
            !cleared.vouches(Some(&mark), 9, Threshold::Overdue),
            "taken back after"
        );
        let mut before = MarkClearings::default();
        before.observe(
            2,
            r#"{"cleared_reminders":[[9,"overdue"]]}"#,
            "cleared_reminders",
        );
        assert!(
            before.vouches(Some(&mark), 9, Threshold::Overdue),
            "reminded again after"
        );
    }

    fn first_untrusted(c: &[(EventRecord, String)]) -> Option<(i64, ChainBreak)> {
        let mut walker = TrustWalker::default();
        for (e, h) in c {
            walker.step(e, h);
        }
        walker.first_untrusted()
    }

    /// An event appended with `sqlite3`, its hashes made up, as `forged_events` appends one.
    fn forged_after(c: &mut Vec<(EventRecord, String)>) {
        let mut forged = event(c.len() as i64 + 1, &"ab".repeat(32));
        forged.action = "settings_set".into();
        c.push((forged, "cd".repeat(32)));
    }

    #[test]
    fn every_event_of_an_intact_chain_holds_in_place() {
        let c = chain(4);
        for i in 0..c.len() {
            assert_eq!(placed(&c, i).check(), Ok(()), "event {}", i + 1);
        }
        assert_eq!(first_untrusted(&c), None);
    }

    /// The honest event just before a forgery was held untrusted too, its "link after" made
    /// up by the forger, and the sweep and restore said "an event before it was removed or
    /// replaced" of the forgery. A link of an event whose own hash fails is no evidence
    /// either way: the forger could as well have copied the honest hash into it.
    #[test]
    fn an_appended_event_with_made_up_hashes_is_not_trusted_and_the_honest_one_before_it_is() {
        let mut c = chain(3);
        forged_after(&mut c);
        assert_eq!(
            placed(&c, 3).check(),
            Err(ChainBreak::EventAltered { id: 4 })
        );
        assert_eq!(placed(&c, 2).check(), Ok(()));
        assert_eq!(placed(&c, 1).check(), Ok(()));
        assert_eq!(
            first_untrusted(&c),
            Some((4, ChainBreak::EventAltered { id: 4 }))
        );
        // Its link pointed at the honest event instead: judged the same, both ways.
        let mut pointed = c.clone();
        pointed[3].0.prev_hash = pointed[2].1.clone();
        assert_eq!(placed(&pointed, 2).check(), Ok(()));
        assert_eq!(
            placed(&pointed, 3).check(),
            Err(ChainBreak::EventAltered { id: 4 })
        );
        assert_eq!(first_untrusted(&pointed), first_untrusted(&c));
        // What is appended after it by phananh itself links to it, and is past it.
        let mut after = event(5, &c[3].1);
        after.action = "erase".into();
        let seal = after.seal();
        c.push((after, seal));
        assert_eq!(placed(&c, 4).check(), Ok(()));
        assert_eq!(
            first_untrusted(&c).map(|(id, _)| id),
            Some(4),
            "nothing after the first untrusted event is trusted"
        );
    }

    /// A forgery whose own hash fits its content but whose link is made up: either it is
    /// forged, or the event before it was edited and sealed again after it was written. The
    /// chain cannot tell which, so the event before it is not trusted, named by the link.
    #[test]
    fn a_sealed_event_that_does_not_link_leaves_the_one_before_it_untrusted() {
        let mut c = chain(3);
        let mut forged = event(4, &"ab".repeat(32));
        forged.action = "settings_set".into();
        let seal = forged.seal();
        c.push((forged, seal));
        assert_eq!(
            placed(&c, 2).check(),
            Err(ChainBreak::Unlinked { id: 4, previous: 3 })
        );
        assert_eq!(
            placed(&c, 3).check(),
            Err(ChainBreak::Unlinked { id: 4, previous: 3 })
        );
        assert_eq!(
            first_untrusted(&c),
            Some((3, ChainBreak::Unlinked { id: 4, previous: 3 }))
        );
    }

    #[test]
    fn an_edit_sealed_again_in_place_is_caught_by_the_link_after_it() {
        let mut c = chain(4);
        c[1].0.payload = "{\"forged\":true}".into();
        c[1].1 = c[1].0.seal();
        assert_eq!(
            placed(&c, 1).check(),
            Err(ChainBreak::Unlinked { id: 3, previous: 2 })
        );
        assert_eq!(
            first_untrusted(&c),
            Some((2, ChainBreak::Unlinked { id: 3, previous: 2 }))
        );
    }

    proptest::proptest! {
        /// The walk stops at the first event that does not hold in place, whatever was
        /// damaged and how.
        #[test]
        fn the_walk_finds_the_first_event_that_does_not_hold_in_place(
            n in 1usize..8,
            damage in proptest::collection::vec((0usize..8, 0u8..3), 0..3),
        ) {
            let mut c = chain(n as i64);
            for (at, how) in damage {
                let i = at % n;
                match how {
                    0 => c[i].1 = "ee".repeat(32),
                    1 => c[i].0.prev_hash = "ff".repeat(32),
                    _ => {
                        c[i].0.actor = "someone.else".into();
                        c[i].1 = c[i].0.seal();
                    }
                }
            }
            let in_place = (0..n)
                .find(|&i| placed(&c, i).check().is_err())
                .map(|i| c[i].0.id);
            proptest::prop_assert_eq!(first_untrusted(&c).map(|(id, _)| id), in_place);
        }
    }

    fn object(kind: &str, name: &str, sql: &str) -> SchemaObject {
        SchemaObject {
            kind: kind.into(),
            name: name.into(),
            sql: Some(sql.into()),
        }
    }

    #[test]
    fn a_schema_as_the_migrations_made_it_has_no_difference_in_any_order() {
        let made = vec![
            object("table", "events", "CREATE TABLE events (id)"),
            object(
                "trigger",
                "events_are_append_only_delete",
                "CREATE TRIGGER a",
            ),
            SchemaObject {
                kind: "index".into(),
                name: "sqlite_autoindex_staff_1".into(),
                sql: None,
            },
        ];
        let mut shuffled = made.clone();
        shuffled.reverse();
        assert_eq!(schema_difference(&made, &shuffled), None);
    }

    #[test]
    fn a_planted_trigger_is_named_before_anything_else_changed() {
        let made = vec![
            object("table", "events", "CREATE TABLE events (id)"),
            object(
                "trigger",
                "events_are_append_only_delete",
                "CREATE TRIGGER a",
            ),
            object("index", "events_by_report", "CREATE INDEX e"),
        ];
        let mut file = vec![
            object("table", "events", "CREATE TABLE events (id, extra)"),
            object("view", "planted_view", "CREATE VIEW v"),
            object("trigger", "events_by_kind", "CREATE TRIGGER planted"),
        ];
        let named = |file: &[SchemaObject]| match schema_difference(&made, file) {
            Some(ChainBreak::SchemaChanged { kind, name, change }) => (kind, name, change),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            named(&file),
            (
                "trigger".into(),
                "events_by_kind".into(),
                SchemaChange::Added
            )
        );
        file.retain(|o| o.kind != "trigger" && o.kind != "view");
        assert_eq!(
            named(&file),
            ("table".into(), "events".into(), SchemaChange::Altered)
        );
        file[0].sql = made[0].sql.clone();
        assert_eq!(
            named(&file),
            (
                "trigger".into(),
                "events_are_append_only_delete".into(),
                SchemaChange::Removed
            )
        );
        let text = schema_difference(&made, &file).unwrap();
        assert!(
            text.to_string().contains("dropped outside phananh"),
            "{text}"
        );
        assert!(
            crate::i18n::Bilingual::vi(&text).contains("bị xóa ngoài phananh"),
            "{text}"
        );
    }
}
