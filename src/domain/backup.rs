//! What a backup and a restore did, as their messages name it (`output::backup`): done by
//! `app::backup`, said by `cli::backup`. Records only, and the reading of what a restore's
//! event lists as not made again ([`LostSteps`]); the one rule here is which event a
//! restore's notice must explain (`Untrusted::unconfirmed_by_next`).

use std::path::PathBuf;

use crate::domain::audit::{ChainBreak, EventRecord};
use crate::domain::event::EventKind;
use crate::domain::identity::AuthMode;

/// The payload of a `restore` event, read once for the lists of the steps of the replaced
/// log it could not make again (`corrections_not_reapplied`, `takedowns_not_reapplied`, …):
/// the history and the audit log still name each of them, and the reports they were about.
pub struct LostSteps(serde_json::Value);

impl LostSteps {
    /// None for any other event than a restore.
    pub fn of(record: &EventRecord) -> Option<LostSteps> {
        (record.action == EventKind::Restore.as_str())
            .then(|| LostSteps(serde_json::from_str(&record.payload).unwrap_or_default()))
    }

    /// The entries listed under `key`. An older restore kept the replaced event's number
    /// alone: nothing to list.
    pub fn entries<'a>(
        &'a self,
        key: &str,
    ) -> impl Iterator<Item = &'a serde_json::Value> + use<'a> {
        self.0
            .get(key)
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter(|entry| entry.is_object())
    }
}

/// The text under `key` of an entry [`LostSteps::entries`] gives.
pub fn entry_text(entry: &serde_json::Value, key: &str) -> Option<String> {
    entry
        .get(key)
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
}

/// A backup taken: where it is (made absolute), its pages and bytes.
#[derive(Debug)]
pub struct BackedUp {
    pub path: PathBuf,
    pub pages: i64,
    pub bytes: u64,
    /// What `audit verify` names first in the copy, for which `restore` would refuse it. The
    /// copy is kept all the same: it is the evidence of the database as it stood.
    pub broken: Option<ChainBreak>,
}

/// An event of the replaced database the restore left out, named by what it did: who,
/// when, what, about which report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub id: i64,
    /// Its hash: a checkpoint signed on it is known, once the restore is done, by it.
    pub hash: String,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub to_status: Option<String>,
    pub report: Option<i64>,
}

/// The events of the replaced database after the part the restored file keeps that the
/// restore made again, by kind: not work for the admin to redo, so counted apart from the
/// events left out (an upgrade's hundreds of identity encryptions buried the one reply to
/// redo).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MadeAgain {
    /// Identities encrypted again by bringing the backup up to date (`seal_identity`).
    pub identities: i64,
    /// Reveals and full exports written again.
    pub reveals: i64,
    /// Erasures made again, or written again about no report.
    pub erasures: i64,
    /// Withdrawals of consent made again.
    pub withdrawals: i64,
    /// Other events bringing the backup up to date made again (`seal_tables`).
    pub upgrade: i64,
}

impl MadeAgain {
    pub fn total(&self) -> i64 {
        self.identities + self.reveals + self.erasures + self.withdrawals + self.upgrade
    }
}

/// What a restore made again of one event of the replaced log (`MadeAgain`'s kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Again {
    Erasure,
    /// A reveal or a full export.
    Reveal,
    Withdrawal,
}

/// The withdrawals of consent a restore makes again: of each report, the last step of
/// consent the replaced log took after the backup, when it is a withdrawal (a consent given
/// since is said, not made again: `withdrawals_lost`' kin). `steps` are (event, report,
/// withdrawn), in the log's order; returns the withdrawals' events.
pub fn withdrawals_to_make_again(steps: &[(i64, i64, bool)]) -> Vec<i64> {
    let mut last = std::collections::BTreeMap::new();
    for &(event, report, withdrawn) in steps {
        let entry = last.entry(report).or_insert((event, withdrawn));
        if event >= entry.0 {
            *entry = (event, withdrawn);
        }
    }
    let mut events: Vec<i64> = last
        .into_values()
        .filter(|&(_, withdrawn)| withdrawn)
        .map(|(event, _)| event)
        .collect();
    events.sort_unstable();
    events
}

/// The events a restore left out that are no work to redo: a sweep's reminders (of a
/// deadline, or of a year without its days off announced: the next sweep reminds again of
/// what the restored file still holds open, and may mail a breach again), its adoptions of
/// a new calendar (the next sweep adopts it again), backups (the file made stands on its
/// own) and refusals (nothing was done). Every restore of last night's backup left out at
/// least that backup's own event, and the admin was told to redo it. The parts of a long
/// event's list (`list_part`) go with their event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RedoneByItself {
    pub reminders: i64,
    pub adoptions: i64,
    pub backups: i64,
    pub refusals: i64,
    /// The parts of those events' lists (`list_part`), which go with them.
    pub parts: i64,
    /// The last event counted here, so that its parts, right after it, go with it.
    last_counted: bool,
}

impl RedoneByItself {
    pub fn total(&self) -> i64 {
        self.reminders + self.adoptions + self.backups + self.refusals + self.parts
    }

    /// Counts `action`, a left-out event's (in the log's order), when it is one of these;
    /// whether it was.
    pub fn count(&mut self, action: &str) -> bool {
        use super::event::EventKind;
        let counted = match EventKind::parse(action) {
            Some(EventKind::Remind | EventKind::CalendarReminder) => {
                self.reminders += 1;
                true
            }
            Some(EventKind::CalendarAdopt) => {
                self.adoptions += 1;
                true
            }
            Some(EventKind::Backup) => {
                self.backups += 1;
                true
            }
            Some(EventKind::Refused) => {
                self.refusals += 1;
                true
            }
            // Part of the event it follows.
            Some(EventKind::ListPart) if self.last_counted => {
                self.parts += 1;
                true
            }
            _ => false,
        };
        self.last_counted = counted;
        counted
    }
}

/// A takedown (`unpublish`) a restore put back from before: the event of the replaced log,
/// the report, and whether the restored copy holds it published, so public again now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TakedownLost {
    pub event: i64,
    pub report: i64,
    pub public_again: bool,
}

/// A restore done: the database replaced, the backup it came from (made absolute), the
/// pages copied and the events whose chain was checked.
#[derive(Debug)]
pub struct Restored {
    pub db: PathBuf,
    pub path: PathBuf,
    pub pages: i64,
    pub events_checked: i64,
    /// The backup's head was not in the chain, and `--force` replaced it anyway.
    pub forced: bool,
    /// The events of the replaced database that came after `kept_up_to` (all of them when
    /// None) and that the restore did not make again: no longer in the file, for the admin
    /// to redo.
    pub discarded: i64,
    /// Those the restore made again, counted apart.
    pub made_again: MadeAgain,
    /// Of `discarded`, those nobody redoes by hand, counted apart.
    pub redone_by_itself: RedoneByItself,
    /// The first of the others, to redo (up to `app::backup::LEFT_OUT_NAMED`), oldest
    /// first, for the done line to name: the replaced file is gone once the restore is done.
    pub left_out: Vec<LeftOut>,
    /// The backup's last event.
    pub backup_head: Option<i64>,
    /// The last event the replaced chain and the restored file hold alike (same number and
    /// hash), after which the events left out came: the backup's last event when it is of
    /// this chain; where the two forked when it is of another (`--force`); None when they
    /// share nothing.
    pub kept_up_to: Option<i64>,
    /// Another session (the sqlite3 shell) still reads the replaced pages, which stay in
    /// the file until the WAL is next copied into it.
    pub lingering: bool,
    /// Reports of the restored copy whose identity the live database had erased since:
    /// erased again.
    pub reerased: Vec<i64>,
    /// Erasures of the live log not made again, because the report the event sealed does
    /// not carry, in the backup, the app id the erasure is about.
    pub not_reerased: Vec<NotReapplied>,
    /// Reports erased again whose public texts now hide names by their shape only: no key
    /// opened their identity in the backup, and the live erasure's places do not fit them.
    pub shape_only: Vec<i64>,
    /// Erasures of the live log whose report the backup lacks, written again about no
    /// report: the event and the app id it is about.
    pub without_report: Vec<(i64, Option<String>)>,
    /// Erasures of the live log not made again because `audit verify` judges their account
    /// could not write them: the event, the report it erased (None when the log holds no
    /// such erasure about a report), and what verify says of it.
    pub unauthorised: Vec<(i64, Option<i64>, ChainBreak)>,
    /// What of the live log was not made again because it comes at or after the first event
    /// that does not hold in the chain (`audit::first_untrusted`), if there is one.
    pub untrusted: Option<Untrusted>,
    /// Reveals and full exports of the live log made after the backup, written again in
    /// the restored copy.
    pub carried: usize,
    /// Erasures a restore had written about no report (their report lacking), written again
    /// the same way: counted apart from the reveals and full exports, which they are not.
    pub carried_erasures: usize,
    /// How accounts are authenticated before and after, when the backup's `auth.mode`
    /// differs from the live one's: back to `trust` anyone who can run phananh on the file
    /// acts as any account, which nobody must learn by surprise.
    pub mode_changed: Option<(AuthMode, AuthMode)>,
    /// The settings whose value in force the restore changed, but `auth.mode` (said by
    /// `mode_changed`): key, value before, value after. A change made after the backup is
    /// rolled back with it, and a retention period (`privacy.erase_after_days`) back to 0
    /// keeps every identity for good from then on, which nobody must learn by surprise.
    pub settings_rolled_back: Vec<(String, String, String)>,
    /// The key the restored identities are sealed under when it is lost, as the replaced
    /// database's was, with no `key reset` yet: the command that lets the desk work again.
    pub key_still_lost: Option<String>,
    /// Identity corrections (`identity correct`) the replaced log made after the backup:
    /// each event and the report it corrected. The log holds no value, so none can be made
    /// again: the restored copy holds those identities as they were before, and the admin
    /// corrects them again.
    pub corrections_lost: Vec<(i64, i64)>,
    /// Reports corrected after the backup that the backup lacks: gone with the restore,
    /// to be corrected again once ingested again.
    pub corrections_absent: Vec<i64>,
    /// Withdrawals of consent (`identity consent --withdraw`) the replaced log recorded
    /// after the backup, not made again (as corrections are not): each event and its
    /// report, whose consent the restored copy holds as before.
    pub withdrawals_lost: Vec<(i64, i64)>,
    /// Consents given later (`identity consent --give`) the replaced log recorded after the
    /// backup, not made again, as withdrawals are not: each event and its report.
    pub consents_lost: Vec<(i64, i64)>,
    /// Takedowns (`unpublish`) the replaced log recorded after the backup, not made again
    /// (docs/rules.md §7): each event, its report, and whether the restored copy holds that
    /// report published (taken down again now) or before publication (once published).
    pub takedowns_lost: Vec<TakedownLost>,
    /// What `audit verify` found in the database the restore replaced, and where that file
    /// was kept as evidence; None when it verified.
    pub replaced: Option<ReplacedEvidence>,
}

/// The database a restore replaced, found edited outside phananh (or unreadable to the
/// check): what the check named, and the copy kept beside the database. The restored chain
/// verifies, so without this the edit the restore was run for left no trace.
#[derive(Debug, Clone)]
pub struct ReplacedEvidence {
    /// What the check named, in its order: every row, then the first clock or break.
    pub found: Vec<ChainBreak>,
    /// The check itself could not run through the file, and why.
    pub unchecked: Option<String>,
    /// The replaced file, kept as it stood (mode 0600).
    pub kept: PathBuf,
}

/// What a restore left out of the live log it replaced, from the first event that does not
/// hold in its chain on: an event appended with `sqlite3` (its hashes made up) that says
/// the admin erased an identity or a colleague revealed one, and what phananh itself
/// recorded after such an event, under the setting or role it may have vouched for
/// (`forged_events::a_restore_does_not_make_real_an_erasure_or_a_reveal_appended_with_sqlite3`,
/// `forged_events::a_restore_makes_nothing_again_that_was_written_after_a_forged_event`).
/// Made again, they would be in a chain that verifies.
#[derive(Debug, Clone)]
pub struct Untrusted {
    /// The first event not to trust, and what is wrong there.
    pub from: i64,
    pub problem: ChainBreak,
    /// The erasures not made again: each event and the report it names.
    pub erasures: Vec<(i64, i64)>,
    /// The reveals and full exports not written again: their events.
    pub accountability: Vec<i64>,
}

impl Untrusted {
    /// Whether `from` is left out only because the event after it, the one `audit verify`
    /// names, does not hold: an event appended after `from` cannot confirm it.
    pub fn unconfirmed_by_next(&self) -> bool {
        let named = match self.problem {
            ChainBreak::EventAltered { id } | ChainBreak::Unlinked { id, .. } => id,
            _ => self.from,
        };
        named != self.from
    }
}

/// An erasure of the live log a restore did not make again, and why: the report its event
/// sealed holds, in the backup, another app id than the erasure is about (or none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotReapplied {
    pub event: i64,
    pub report_id: i64,
    /// The app id the erasure is about (sealed in its event, else the live row's).
    pub claimed: Option<String>,
    /// What the backup's report of that number carries.
    pub in_backup: Option<String>,
}

/// A restore the log records over a file its own check found edited outside phananh
/// (`app::backup`): the edit is no longer in the file, the restored chain verifies, and the
/// inspector must still learn of it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RestoreOverEdits {
    /// The restore event.
    pub event: i64,
    pub at: String,
    pub by: String,
    /// The restore that left this one out, when this one was itself in a file a later
    /// restore replaced (its number is then the replaced file's).
    pub left_out_by: Option<i64>,
    pub found_count: u64,
    /// What the check named, in each language.
    pub found_vi: Vec<String>,
    pub found_en: Vec<String>,
    pub unchecked: Option<String>,
    /// Where the replaced file was kept.
    pub kept: Option<String>,
}

/// A signed checkpoint whose head a restore the log records replaced: the head is one the
/// restore left out (its number and hash), or the head of the file it replaced. Said as
/// such rather than as a rewritten chain (`audit verify --checkpoint`); still not held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplacedByRestore {
    /// The restore event, when and by whom.
    pub event: i64,
    pub at: String,
    pub by: String,
    /// The last event of the backup it put back: what comes after it is the restore's.
    pub backup_head: Option<i64>,
    /// The events it recorded as left out, counted, and the first of them named: event,
    /// time, account, action.
    pub left_out_count: u64,
    pub left_out: Vec<(i64, String, String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_restore_left_out_that_needs_no_redoing_is_counted_with_its_parts() {
        let mut by_itself = RedoneByItself::default();
        let counted: Vec<bool> = [
            "remind",
            "backup",
            "calendar_adopt",
            "list_part",
            "list_part",
            "classify",
            "list_part",
            "refused",
            "calendar_reminder",
        ]
        .iter()
        .map(|action| by_itself.count(action))
        .collect();
        assert_eq!(
            counted,
            [true, true, true, true, true, false, false, true, true]
        );
        assert_eq!(
            (
                by_itself.reminders,
                by_itself.adoptions,
                by_itself.backups,
                by_itself.refusals,
                by_itself.parts
            ),
            (2, 1, 1, 1, 2)
        );
        assert_eq!(by_itself.total(), 7);
    }
}
