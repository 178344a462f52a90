//! The report (phản ánh) as the rules see it: its statuses (docs/rules.md §2) and every stored
//! attribute. Owns the mapping of statuses to their JSON names and Vietnamese labels and the
//! canonical digest of a report row that the audit chain seals. No I/O.

use std::borrow::Cow;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::text::fold;
use crate::domain::time::Timestamp;
use crate::domain::vault::Stored;
use crate::i18n::Bilingual;

/// The widest a latitude and a longitude go, in degrees.
pub const LATITUDE: f64 = 90.0;
pub const LONGITUDE: f64 = 180.0;

/// Whether `value` is a coordinate within `limit` degrees ([`LATITUDE`], [`LONGITUDE`]):
/// finite and on the globe. `ingest` stores no other, the reception check takes no other for
/// a place, and a stored row holding another is one phananh cannot have written (an
/// infinity is written `null` in the JSON a row's seal covers, as no coordinate is).
pub fn on_the_globe(value: f64, limit: f64) -> bool {
    value.is_finite() && value.abs() <= limit
}

/// Where a report stands (docs/rules.md §2). JSON names are part of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Received,
    Rejected,
    Accepted,
    Assigned,
    Returned,
    Replied,
    Verified,
    Published,
    ClosedPrivate,
    Duplicate,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Received,
        Status::Rejected,
        Status::Accepted,
        Status::Assigned,
        Status::Returned,
        Status::Replied,
        Status::Verified,
        Status::Published,
        Status::ClosedPrivate,
        Status::Duplicate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Rejected => "rejected",
            Status::Accepted => "accepted",
            Status::Assigned => "assigned",
            Status::Returned => "returned",
            Status::Replied => "replied",
            Status::Verified => "verified",
            Status::Published => "published",
            Status::ClosedPrivate => "closed_private",
            Status::Duplicate => "duplicate",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// A status as an operator types it: its name, or the label the tables show it by in
    /// either language, case and diacritics ignored ("Đang xử lý", "dang xu ly", "Being
    /// handled"). A label holding a comma ("Đã chuyển trả, chờ phân phối lại") reaches here in its
    /// parts when an option splits its values at commas, so each part is taken too. A text
    /// that reads as more than one status is none of them: never a guess.
    pub fn typed(text: &str) -> Option<Status> {
        let typed = fold(text);
        let mut meant = Status::ALL
            .into_iter()
            .filter(|status| status.spellings().contains(&typed));
        match (meant.next(), meant.next()) {
            (Some(status), None) => Some(status),
            _ => None,
        }
    }

    /// What `typed` takes for this status, folded: the name, each label whole and each
    /// part of a label between commas, a label it was shown by before or is shown by
    /// elsewhere (`also_typed`) included.
    fn spellings(self) -> Vec<String> {
        let labels: Vec<Cow<'static, str>> = [self.vi(), self.en()]
            .into_iter()
            .chain(self.also_typed().iter().map(|label| Cow::Borrowed(*label)))
            .collect();
        let parts = labels.iter().flat_map(|label| label.split(','));
        std::iter::once(self.as_str())
            .chain(labels.iter().map(|label| label.as_ref()))
            .chain(parts)
            .map(fold)
            .filter(|spelling| !spelling.is_empty())
            .collect()
    }

    /// Labels this status was shown by before, still taken when typed so an officer's habit
    /// or a script's filter keeps working, and the words other outputs show it by.
    fn also_typed(self) -> &'static [&'static str] {
        match self {
            Status::Received => &["Mới tiếp nhận"],
            // A handler's `list` labels a report the portal sent back "Đang xử lý lại" (Đ9.1):
            // typed back from the table, it is the status those reports have.
            Status::Assigned => &["Đang xử lý lại", "Being reworked"],
            // The Decision's word for the agency's return is "chuyển trả" (Đ8.1.b); "trả
            // lại" also read as the portal's send-back.
            // The guide and officers say it short: `list --status "chuyển trả"`.
            Status::Returned => &["Trả lại, chờ phân phối lại", "Chuyển trả"],
            // "Kiểm duyệt" is the word for censorship; the Decision says the portal checks
            // the result (kiểm tra, Đ9.1).
            Status::Replied => &["Chờ kiểm duyệt"],
            _ => &[],
        }
    }

    /// Final statuses take no further workflow step (a rating is not a step).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Rejected | Status::Published | Status::ClosedPrivate | Status::Duplicate
        )
    }
}

impl Bilingual for Status {
    /// The label officials see (docs/rules.md §2 table).
    fn vi(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                // Not "Mới tiếp nhận": "tiếp nhận" is what a report gets after the check
                // (Đ7.1.a, the opposite of "từ chối tiếp nhận"), and the periodic report
                // already says "Chờ kiểm tra".
                Status::Received => "Chờ kiểm tra",
                Status::Rejected => "Từ chối tiếp nhận",
                Status::Accepted => "Chờ phân phối",
                Status::Assigned => "Đang xử lý",
                Status::Returned => "Đã chuyển trả, chờ phân phối lại",
                Status::Replied => "Chờ duyệt",
                Status::Verified => "Chờ công khai",
                Status::Published => "Đã công khai",
                Status::ClosedPrivate => "Đã phản hồi riêng",
                Status::Duplicate => "Trùng lặp",
            }
        })
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                Status::Received => "Awaiting the check",
                Status::Rejected => "Rejected",
                Status::Accepted => "Awaiting dispatch",
                Status::Assigned => "Being handled",
                Status::Returned => "Returned, awaiting re-dispatch",
                Status::Replied => "Awaiting review",
                Status::Verified => "Awaiting publication",
                Status::Published => "Published",
                Status::ClosedPrivate => "Answered privately",
                Status::Duplicate => "Duplicate",
            }
        })
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Every stored attribute of a report, in the order of the `reports` table.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub id: i64,
    pub external_id: String,
    pub submitted_at: Timestamp,
    pub occurred_at: Option<Timestamp>,
    pub content: String,
    pub media: Vec<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub address: String,
    pub commune: String,
    /// The reporter's name and phone in clear, in memory: what the file said, or what the
    /// key opened (`identity` says which, if any). Stored only while `identity` is
    /// `Clear`; a sealed or erased report stores them empty.
    pub reporter_name: String,
    pub reporter_phone: String,
    pub confidential: bool,
    pub consent: bool,
    pub urgent: bool,
    pub category_hint: String,
    pub status: Status,
    pub state_secret: bool,
    pub field: Option<String>,
    pub agency: Option<String>,
    /// Processing round: 1 at the first assignment, +1 at every send-back (Đ9.1).
    pub round: u32,
    pub returns: u32,
    pub send_backs: u32,
    pub reject_reasons: Vec<String>,
    pub result_text: String,
    pub rating: Option<u8>,
    pub duplicate_of: Option<i64>,
    /// How the identity is stored (`domain::vault`).
    pub identity: Stored,
    /// The stored times not in the one form phananh writes, as stored: only an edit behind
    /// its back makes any. Sealed with the row, so that such a row's digest is never the one
    /// the log sealed: the instant is the same, but SQL compares the text (periods), and
    /// `01/10/2026 08:00` sorts before every period
    /// (`forged_events::a_report_or_score_with_a_submission_time_in_another_form_is_refused`).
    pub times_as_stored: Vec<String>,
}

impl Report {
    /// The bytes its texts hold, roughly (the fixed fields and the sealed identity, a few
    /// hundred bytes, left out): what a bulk use case's hand-over between threads weighs a
    /// report by, so that a page of the longest contents the reception check allows holds
    /// no more memory than a page of ordinary ones (`app::pipeline::Weighed`).
    pub fn text_bytes(&self) -> usize {
        let many = |texts: &[String]| texts.iter().map(String::len).sum::<usize>();
        self.external_id.len()
            + self.content.len()
            + many(&self.media)
            + self.address.len()
            + self.commune.len()
            + self.reporter_name.len()
            + self.reporter_phone.len()
            + self.category_hint.len()
            + self.field.as_ref().map_or(0, String::len)
            + self.agency.as_ref().map_or(0, String::len)
            + many(&self.reject_reasons)
            + self.result_text.len()
            + many(&self.times_as_stored)
    }
}

/// The canonical JSON the log seals: every stored column in table order, the identity as
/// stored. A report whose identity is in clear (a database from before sealing) is written
/// exactly as it always was, so that its old seals still verify; a sealed one carries empty
/// name and phone and, last, its sealed bytes; an erased one says so.
impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Report", 28)?;
        self.head_fields(&mut s)?;
        self.tail_fields(&mut s)?;
        s.end()
    }
}

/// The attributes of a report's canonical JSON up to the category hint, as an object of
/// their own: the citizen's, which a workflow step leaves as they are.
struct Head<'a>(&'a Report);

/// The attributes from `status` on, as an object of their own: those a step changes.
struct Tail<'a>(&'a Report);

impl Serialize for Head<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Report", 16)?;
        self.0.head_fields(&mut s)?;
        s.end()
    }
}

impl Serialize for Tail<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Report", 12)?;
        self.0.tail_fields(&mut s)?;
        s.end()
    }
}

impl Report {
    /// The canonical JSON's attributes up to the category hint ([`Head`]).
    fn head_fields<S: serde::ser::SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("id", &self.id)?;
        s.serialize_field("external_id", &self.external_id)?;
        s.serialize_field(
            "submitted_at",
            &crate::domain::time::format(&self.submitted_at),
        )?;
        s.serialize_field(
            "occurred_at",
            &self.occurred_at.as_ref().map(crate::domain::time::format),
        )?;
        s.serialize_field("content", &self.content)?;
        s.serialize_field("media", &self.media)?;
        s.serialize_field("latitude", &self.latitude)?;
        s.serialize_field("longitude", &self.longitude)?;
        s.serialize_field("address", &self.address)?;
        s.serialize_field("commune", &self.commune)?;
        s.serialize_field("reporter_name", self.stored_name())?;
        s.serialize_field("reporter_phone", self.stored_phone())?;
        s.serialize_field("confidential", &self.confidential)?;
        s.serialize_field("consent", &self.consent)?;
        s.serialize_field("urgent", &self.urgent)?;
        s.serialize_field("category_hint", &self.category_hint)
    }

    /// The canonical JSON's attributes from `status` on ([`Tail`]).
    fn tail_fields<S: serde::ser::SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("status", &self.status)?;
        s.serialize_field("state_secret", &self.state_secret)?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("agency", &self.agency)?;
        s.serialize_field("round", &self.round)?;
        s.serialize_field("returns", &self.returns)?;
        s.serialize_field("send_backs", &self.send_backs)?;
        s.serialize_field("reject_reasons", &self.reject_reasons)?;
        s.serialize_field("result_text", &self.result_text)?;
        s.serialize_field("rating", &self.rating)?;
        s.serialize_field("duplicate_of", &self.duplicate_of)?;
        match &self.identity {
            Stored::Clear => {}
            Stored::Sealed { identity, .. } => {
                s.serialize_field("identity", &hex(&identity.sealed))?;
            }
            Stored::Erased(None) => s.serialize_field("identity", "erased")?,
            Stored::Erased(Some(tombstone)) => {
                s.serialize_field("identity", &hex(tombstone.bytes()))?;
            }
        }
        if !self.times_as_stored.is_empty() {
            s.serialize_field("times_as_stored", &self.times_as_stored)?;
        }
        Ok(())
    }

    /// Whether `other`'s [`Head`] is written as this one's: each attribute equal where
    /// equal values are written alike (times are: `time::format` writes the instant, at
    /// +07:00), a coordinate bit for bit (`0.0 == -0.0`, but they are written apart).
    fn same_head(&self, other: &Report) -> bool {
        let bits = |x: Option<f64>| x.map(f64::to_bits);
        self.id == other.id
            && self.external_id == other.external_id
            && self.submitted_at == other.submitted_at
            && self.occurred_at == other.occurred_at
            && self.content == other.content
            && self.media == other.media
            && bits(self.latitude) == bits(other.latitude)
            && bits(self.longitude) == bits(other.longitude)
            && self.address == other.address
            && self.commune == other.commune
            && self.stored_name() == other.stored_name()
            && self.stored_phone() == other.stored_phone()
            && self.confidential == other.confidential
            && self.consent == other.consent
            && self.urgent == other.urgent
            && self.category_hint == other.category_hint
    }
}

impl Report {
    /// A freshly ingested report: `received`, no workflow attributes yet.
    pub fn received(external_id: String, submitted_at: Timestamp) -> Report {
        Report {
            id: 0,
            external_id,
            submitted_at,
            occurred_at: None,
            content: String::new(),
            media: Vec::new(),
            latitude: None,
            longitude: None,
            address: String::new(),
            commune: String::new(),
            reporter_name: String::new(),
            reporter_phone: String::new(),
            confidential: false,
            consent: false,
            urgent: false,
            category_hint: String::new(),
            status: Status::Received,
            state_secret: false,
            field: None,
            agency: None,
            round: 0,
            returns: 0,
            send_backs: 0,
            reject_reasons: Vec::new(),
            result_text: String::new(),
            rating: None,
            duplicate_of: None,
            identity: Stored::Clear,
            times_as_stored: Vec::new(),
        }
    }

    /// The name as the `reporter_name` column holds it: in clear only until sealed.
    pub fn stored_name(&self) -> &str {
        match self.identity {
            Stored::Clear => &self.reporter_name,
            _ => "",
        }
    }

    /// The phone as the `reporter_phone` column holds it.
    pub fn stored_phone(&self) -> &str {
        match self.identity {
            Stored::Clear => &self.reporter_phone,
            _ => "",
        }
    }

    /// Whether the reporter's identity was destroyed by `erase`.
    pub fn identity_erased(&self) -> bool {
        matches!(self.identity, Stored::Erased(_))
    }

    /// Whether the reporter's identity is sealed and was not opened: the key tried did not
    /// open it (`app::vault::Keys::opens_for_listing`), so the name and phone are empty.
    pub fn identity_unopened(&self) -> bool {
        matches!(self.identity, Stored::Sealed { opened: false, .. })
    }

    /// Content and result stay out of every public output (Đ9.2, Đ9.3).
    pub fn is_private(&self) -> bool {
        self.confidential || self.state_secret
    }

    /// SHA-256 over the canonical JSON of every attribute: the seal an event puts on the row
    /// it leaves behind. Field order is the struct's, so the digest is stable.
    pub fn digest(&self) -> String {
        json_digest(self)
    }

    /// The digests of a row before and after one step (`before.digest()`, `after.digest()`).
    /// A step changes the status and a few attributes after the citizen's text, so the JSON
    /// the two share up to there is written and hashed once: a validation seals both for
    /// every report.
    pub fn digests_of_step(before: &Report, after: &Report) -> (String, String) {
        if before.same_head(after) {
            let (head, [was, is]) = head_and_tails(before, after);
            let [was, is] = hashed_with_tails(Sha256::new(), &head, [&was, &is]);
            return (was, is);
        }
        let [first, second] =
            hashed_sharing_prefix(Sha256::new(), &json_of(before), &json_of(after));
        (first, second)
    }
}

/// A report's canonical JSON, written into a buffer sized once: growing from serde_json's
/// 128 bytes reallocated it four times.
fn json_of(report: &Report) -> Vec<u8> {
    let mut json = Vec::with_capacity(JSON_BESIDE_TEXT + report.content.len());
    serde_json::to_writer(&mut json, report).expect("our records always serialise");
    json
}

/// The canonical JSON of two reports whose heads are written alike ([`Report::same_head`]),
/// the head, with the citizen's text, written once: the head without its `}` and with the
/// comma that joins it to a tail, and each report's tail without its `{`. The head and a
/// tail are that report's whole JSON, since an object's attributes are joined by commas;
/// writing the text twice was a third of a step's two digests.
fn head_and_tails(first: &Report, second: &Report) -> (Vec<u8>, [Vec<u8>; 2]) {
    debug_assert!(first.same_head(second));
    let mut head = Vec::with_capacity(JSON_BESIDE_TEXT + first.content.len());
    serde_json::to_writer(&mut head, &Head(first)).expect("our records always serialise");
    head.pop();
    head.push(b',');
    let tails = [first, second].map(|report| {
        let mut tail = Vec::with_capacity(256);
        serde_json::to_writer(&mut tail, &Tail(report)).expect("our records always serialise");
        tail.remove(0);
        tail
    });
    (head, tails)
}

/// A report's canonical JSON written before its id is known, so that a bulk load can do the
/// writing on its reading thread and leave only the hashing to the storing one. The id is
/// the JSON's first attribute, so the text after it is final.
///
/// The reading thread may also guess the id (the next free one, counting the reports ahead
/// of it) and hash for that id at once. In a load into a table nobody else writes, every
/// guess holds and the storing thread, the bound of a load, hashes nothing; a wrong guess
/// (a report already stored, another writer between batches) only costs the hash again.
pub struct PendingDigest {
    /// The JSON as written for id 0, up to where it may differ from the other version of
    /// the same report written with it ([`PendingDigest::guessing_both`]), which holds the
    /// same head; alone, the whole JSON.
    head: std::sync::Arc<Vec<u8>>,
    /// The rest of the JSON: this version's own tail, or nothing.
    tail: Vec<u8>,
    guess: Option<(i64, String)>,
}

/// Bytes of a report's canonical JSON besides its text, with room to spare (about 400 in
/// the benchmark's reports).
const JSON_BESIDE_TEXT: usize = 1024;

/// How the JSON of a report not stored yet begins: the id, 0, which the hash replaces.
const UNSTORED: &[u8] = b"{\"id\":0";

impl PendingDigest {
    /// The bytes it holds: the report's JSON, which holds its texts again (a head shared
    /// by two versions counted in each).
    pub fn held_bytes(&self) -> usize {
        self.head.len() + self.tail.len() + self.guess.as_ref().map_or(0, |(_, hash)| hash.len())
    }

    /// For a report not stored yet (id 0).
    pub fn of(report: &Report) -> PendingDigest {
        debug_assert_eq!(
            report.id, 0,
            "a pending digest is for a report not stored yet"
        );
        let json = json_of(report);
        debug_assert!(json.starts_with(UNSTORED));
        PendingDigest {
            head: std::sync::Arc::new(json),
            tail: Vec::new(),
            guess: None,
        }
    }

    /// As `of`, with the digest already computed for `likely_id`.
    pub fn guessing(report: &Report, likely_id: i64) -> PendingDigest {
        let mut pending = PendingDigest::of(report);
        pending.guess = Some((likely_id, pending.hash(likely_id)));
        pending
    }

    /// As `guessing`, for two versions of one report (as received and as the reception
    /// check leaves it). Their JSON differs only from `status` on, after the citizen's text,
    /// so the text is written and hashed once for both: the two digests were a tenth of a
    /// bulk load's reading thread, and copying the head into each version's JSON, then
    /// finding again where the two part, about a third of what was left (`perf`).
    pub fn guessing_both(
        first: &Report,
        second: &Report,
        likely_id: i64,
    ) -> (PendingDigest, PendingDigest) {
        let begun = hashing_from(likely_id);
        let (mut first, mut second, [a, b]) = if first.same_head(second) {
            let (first, second) = PendingDigest::of_both(first, second);
            let hashes =
                hashed_with_tails(begun, first.after_id_in_head(), [&first.tail, &second.tail]);
            (first, second, hashes)
        } else {
            let (first, second) = (PendingDigest::of(first), PendingDigest::of(second));
            let hashes =
                hashed_sharing_prefix(begun, first.after_id_in_head(), second.after_id_in_head());
            (first, second, hashes)
        };
        first.guess = Some((likely_id, a));
        second.guess = Some((likely_id, b));
        (first, second)
    }

    /// `of` both reports, whose heads ([`Head`]) are written alike: the head, with the
    /// citizen's text, written once and held by both.
    fn of_both(first: &Report, second: &Report) -> (PendingDigest, PendingDigest) {
        debug_assert!(first.id == 0 && second.id == 0);
        let (head, [first, second]) = head_and_tails(first, second);
        debug_assert!(head.starts_with(UNSTORED));
        let head = std::sync::Arc::new(head);
        let pending = |tail| PendingDigest {
            head: std::sync::Arc::clone(&head),
            tail,
            guess: None,
        };
        (pending(first), pending(second))
    }

    /// The head after the id, 0.
    fn after_id_in_head(&self) -> &[u8] {
        &self.head[UNSTORED.len()..]
    }

    /// The digest the report has once stored as `id`: the same as `Report::digest`. The
    /// written JSON stays, so that its memory can be freed where it was allocated.
    pub fn with_id(&mut self, id: i64) -> String {
        match self.guess.take() {
            Some((guessed, digest)) if guessed == id => digest,
            _ => self.hash(id),
        }
    }

    fn hash(&self, id: i64) -> String {
        let mut hash = hashing_from(id);
        hash.update(self.after_id_in_head());
        hash.update(&self.tail);
        hex(&hash.finalize())
    }
}

/// The digests of `begun` continued with `head` then each of `tails`, in hex: the head
/// hashed once.
fn hashed_with_tails(mut begun: Sha256, head: &[u8], tails: [&[u8]; 2]) -> [String; 2] {
    begun.update(head);
    tails.map(|tail| {
        let mut hash = begun.clone();
        hash.update(tail);
        hex(&hash.finalize())
    })
}

/// The digests of `begun` continued with `a` and with `b`, in hex, hashing the whole
/// SHA-256 blocks they begin with in common once.
fn hashed_sharing_prefix(begun: Sha256, a: &[u8], b: &[u8]) -> [String; 2] {
    // Whole blocks, compared as slices (memcmp), not byte by byte.
    const BLOCK: usize = 64;
    let shared = a
        .chunks(BLOCK)
        .zip(b.chunks(BLOCK))
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len())
        .sum::<usize>();
    let mut prefix = begun;
    prefix.update(&a[..shared]);
    [a, b].map(|json| {
        let mut hash = prefix.clone();
        hash.update(&json[shared..]);
        hex(&hash.finalize())
    })
}

/// A digest begun with what comes before `after_id`: the JSON's first attribute, the id.
fn hashing_from(id: i64) -> Sha256 {
    let mut hash = Sha256::new();
    hash.update(b"{\"id\":");
    hash.update(id.to_string().as_bytes());
    hash
}

/// SHA-256 of a value's compact JSON, in lower-case hex.
pub fn json_digest<T: Serialize>(value: &T) -> String {
    hex(&json_digest_bytes(value))
}

/// SHA-256 of a value's compact JSON. The JSON is streamed into the hash rather than built
/// first: a bulk load seals two values per report, and the copy showed.
pub fn json_digest_bytes<T: Serialize>(value: &T) -> [u8; 32] {
    struct Hashing(Sha256);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(Sha256::new());
    serde_json::to_writer(&mut hashing, value).expect("our records always serialise");
    hashing.0.finalize().into()
}

/// Lower-case hex, the form hashes are sealed and printed in.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    text
}

/// The bytes `hex` wrote, or None if `text` is not an even number of hex digits. Every
/// stored event's three hashes pass through here, so it reads a table rather than branching
/// per digit.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    const INVALID: u8 = 0xff;
    const VALUES: [u8; 256] = {
        let mut table = [INVALID; 256];
        let mut i = 0;
        while i < 10 {
            table[b'0' as usize + i] = i as u8;
            i += 1;
        }
        let mut i = 0;
        while i < 6 {
            table[b'a' as usize + i] = 10 + i as u8;
            table[b'A' as usize + i] = 10 + i as u8;
            i += 1;
        }
        table
    };
    let text = text.as_bytes();
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len() / 2);
    let mut invalid = 0;
    for pair in text.chunks_exact(2) {
        let (high, low) = (VALUES[usize::from(pair[0])], VALUES[usize::from(pair[1])]);
        invalid |= high | low;
        bytes.push(high << 4 | low);
    }
    (invalid & 0xf0 == 0).then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name, label and part of a label reads as its own status: none is shared by
    /// two, which `typed` would refuse for both.
    #[test]
    fn each_status_is_read_from_its_name_and_labels_and_no_spelling_is_shared() {
        for status in Status::ALL {
            let spellings = status.spellings();
            assert!(spellings.len() >= 3, "{status}");
            for spelling in spellings {
                assert_eq!(Status::typed(&spelling), Some(status), "{spelling}");
            }
            assert_eq!(Status::typed(&status.vi().to_uppercase()), Some(status));
        }
        assert_eq!(Status::typed(" dang  XU ly "), Some(Status::Assigned));
        assert_eq!(Status::typed("chờ phân phối lại"), Some(Status::Returned));
        // As a handler's table and the guide word them.
        assert_eq!(Status::typed("Đang xử lý lại"), Some(Status::Assigned));
        assert_eq!(Status::typed("chuyển trả"), Some(Status::Returned));
        for nothing in ["", " ", "chờ", "cho phan", "assign", ","] {
            assert_eq!(Status::typed(nothing), None, "{nothing}");
        }
    }

    proptest::proptest! {
        #[test]
        fn unhex_reads_back_what_hex_wrote(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40)) {
            proptest::prop_assert_eq!(unhex(&hex(&bytes)), Some(bytes.clone()));
            proptest::prop_assert_eq!(unhex(&hex(&bytes).to_uppercase()), Some(bytes));
        }
    }

    #[test]
    fn unhex_refuses_what_is_not_pairs_of_hex_digits() {
        for text in ["a", "abc", "0g", "zz", "é0", " 00"] {
            assert_eq!(unhex(text), None, "{text:?}");
        }
        assert_eq!(unhex(""), Some(Vec::new()));
        assert_eq!(unhex("00ff7A"), Some(vec![0x00, 0xff, 0x7a]));
    }

    #[test]
    fn every_status_maps_to_its_json_name_and_back() {
        let names = [
            (Status::Received, "received"),
            (Status::Rejected, "rejected"),
            (Status::Accepted, "accepted"),
            (Status::Assigned, "assigned"),
            (Status::Returned, "returned"),
            (Status::Replied, "replied"),
            (Status::Verified, "verified"),
            (Status::Published, "published"),
            (Status::ClosedPrivate, "closed_private"),
            (Status::Duplicate, "duplicate"),
        ];
        assert_eq!(names.len(), Status::ALL.len());
        for (status, name) in names {
            assert_eq!(status.as_str(), name);
            assert_eq!(Status::parse(name), Some(status));
        }
        assert_eq!(Status::parse("open"), None);
    }

    #[test]
    fn vietnamese_labels_follow_the_spec() {
        assert_eq!(Status::Returned.vi(), "Đã chuyển trả, chờ phân phối lại");
        assert_eq!(Status::ClosedPrivate.vi(), "Đã phản hồi riêng");
    }

    #[test]
    fn hex_is_lower_case_two_digits_per_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }

    #[test]
    fn a_pending_digest_is_the_digest_of_the_stored_report() {
        let ts = crate::domain::time::parse("2026-08-03 09:15")
            .unwrap()
            .unwrap();
        let mut report = Report::received("CMG-\"1\"".into(), ts);
        report.content = "Đường ngập \\ nước\n".into();
        report.reject_reasons = vec!["blank".into()];
        for id in [1, 9, 10, 123_456_789, i64::MAX] {
            let mut pending = PendingDigest::of(&report);
            let mut right_guess = PendingDigest::guessing(&report, id);
            let mut wrong_guess = PendingDigest::guessing(&report, id - 1);
            report.id = id;
            assert_eq!(pending.with_id(id), report.digest());
            assert_eq!(right_guess.with_id(id), report.digest());
            assert_eq!(wrong_guess.with_id(id), report.digest());
            // Asked again (the guess is spent), the digest is written out again, the same.
            assert_eq!(right_guess.with_id(id), report.digest());
            report.id = 0;
        }
    }

    proptest::proptest! {
        /// The shared prefix may end anywhere: inside the first block, at a block boundary,
        /// after the text, or nowhere (identical reports).
        #[test]
        fn the_digests_of_a_step_are_each_rows_digest(
            content in "[a-zA-Zàáạảãăằắặẳẵđêềếệểễơờớợởỡưừứựửữ \"\\\n]{0,300}",
            other_content in proptest::option::of("[a-zđ ]{0,80}"),
            reasons in proptest::collection::vec("[a-z_]{1,12}", 0..3),
            accepted in proptest::bool::ANY,
            id in 1..i64::MAX,
        ) {
            let ts = crate::domain::time::parse("2026-08-03 09:15").unwrap().unwrap();
            let mut before = Report::received("CMG-1".into(), ts);
            before.id = id;
            before.content = content;
            let mut after = before.clone();
            after.status = if accepted { Status::Accepted } else { Status::Rejected };
            after.reject_reasons = reasons;
            if let Some(other) = other_content {
                after.content = other;
            }
            let (was, is) = Report::digests_of_step(&before, &after);
            proptest::prop_assert_eq!(was, before.digest());
            proptest::prop_assert_eq!(is, after.digest());
        }

        /// Written once for both, the head must be the one each row writes: any attribute
        /// of it may differ, also in ways `==` does not see: `-0.0` for `0.0`, written
        /// apart, and the same instant at another offset, written alike; and the
        /// identity's storage changes what the name and phone write.
        #[test]
        fn the_digests_of_a_step_are_each_rows_digest_whatever_differs(
            changes in proptest::collection::vec(0..13u8, 0..3),
            accepted in proptest::bool::ANY,
        ) {
            let ts = crate::domain::time::parse("2026-08-03 09:15").unwrap().unwrap();
            let mut before = Report::received("CMG-1".into(), ts);
            before.id = 7;
            before.content = "Đường \"ngập\"\n".into();
            before.latitude = Some(0.0);
            before.longitude = Some(105.15);
            before.occurred_at = Some(ts);
            before.reporter_name = "Nguyễn Văn Bình".into();
            before.reporter_phone = "0912345678".into();
            let mut after = before.clone();
            after.status = if accepted { Status::Accepted } else { Status::Rejected };
            for change in changes {
                match change {
                    0 => after.external_id.push('x'),
                    1 => after.submitted_at = ts.with_timezone(&chrono::Utc).fixed_offset(),
                    2 => after.occurred_at = None,
                    3 => after.content.push('.'),
                    4 => after.media.push("https://x/a.jpg".into()),
                    5 => after.latitude = Some(-0.0),
                    6 => after.longitude = None,
                    7 => after.address.push('9'),
                    8 => after.commune.push('9'),
                    9 => after.identity = Stored::Erased(None),
                    10 => after.reporter_phone.push('9'),
                    11 => after.consent = !after.consent,
                    _ => after.category_hint.push('G'),
                }
            }
            let (was, is) = Report::digests_of_step(&before, &after);
            proptest::prop_assert_eq!(was, before.digest());
            proptest::prop_assert_eq!(is, after.digest());
        }

        #[test]
        fn digests_guessed_together_are_each_reports_digest(
            content in "[a-zA-Zàáạảãăằắặẳẵđêềếệểễơờớợởỡưừứựửữ \"\\\n]{0,300}",
            other_content in proptest::option::of("[a-zđ ]{0,80}"),
            reasons in proptest::collection::vec("[a-z_]{1,12}", 0..3),
            accepted in proptest::bool::ANY,
            id in 1..i64::MAX,
            guessed_right in proptest::bool::ANY,
        ) {
            let ts = crate::domain::time::parse("2026-08-03 09:15").unwrap().unwrap();
            let mut first = Report::received("CMG-1".into(), ts);
            first.content = content;
            let mut second = first.clone();
            second.status = if accepted { Status::Accepted } else { Status::Rejected };
            second.reject_reasons = reasons;
            if let Some(other) = other_content {
                second.content = other;
            }
            let likely = if guessed_right { id } else { id - 1 };
            let (mut a, mut b) = PendingDigest::guessing_both(&first, &second, likely);
            first.id = id;
            second.id = id;
            proptest::prop_assert_eq!(a.with_id(id), first.digest());
            proptest::prop_assert_eq!(b.with_id(id), second.digest());
        }
    }

    /// The seals of every database from before encryption cover this exact text: a report
    /// in clear must still be written as the derived serialisation wrote it (written out by
    /// hand here), and a sealed one carries neither name nor phone.
    #[test]
    fn a_report_in_clear_is_written_as_before_and_a_sealed_one_without_its_identity() {
        let ts = crate::domain::time::parse("2026-08-03 09:15")
            .unwrap()
            .unwrap();
        let mut report = Report::received("CMG-1".into(), ts);
        report.id = 7;
        report.reporter_name = "Phạm Ngọc Hân".into();
        report.reporter_phone = "0398765498".into();
        report.media = vec!["a.jpg".into()];
        report.latitude = Some(9.18);
        report.reject_reasons = vec!["blank".into()];
        let before = r#"{"id":7,"external_id":"CMG-1","submitted_at":"2026-08-03T09:15:00+07:00","occurred_at":null,"content":"","media":["a.jpg"],"latitude":9.18,"longitude":null,"address":"","commune":"","reporter_name":"Phạm Ngọc Hân","reporter_phone":"0398765498","confidential":false,"consent":false,"urgent":false,"category_hint":"","status":"received","state_secret":false,"field":null,"agency":null,"round":0,"returns":0,"send_backs":0,"reject_reasons":["blank"],"result_text":"","rating":null,"duplicate_of":null}"#;
        assert_eq!(serde_json::to_string(&report).unwrap(), before);
        report.identity = Stored::Sealed {
            identity: crate::domain::vault::SealedIdentity {
                wrapped_key: vec![1; 72],
                sealed: vec![0xab, 0xcd],
            },
            opened: true,
        };
        let sealed = serde_json::to_string(&report).unwrap();
        assert!(
            !sealed.contains("Hân") && !sealed.contains("0398765498"),
            "{sealed}"
        );
        assert!(sealed.contains(r#""reporter_name":"","reporter_phone":"""#));
        assert!(
            sealed.ends_with(r#""duplicate_of":null,"identity":"abcd"}"#),
            "{sealed}"
        );
        report.identity = Stored::Erased(None);
        assert!(
            serde_json::to_string(&report)
                .unwrap()
                .ends_with(r#""identity":"erased"}"#)
        );
    }

    #[test]
    fn digest_changes_with_any_attribute() {
        let ts = crate::domain::time::parse("2026-08-03 09:15")
            .unwrap()
            .unwrap();
        let a = Report::received("CMG-1".into(), ts);
        let mut b = a.clone();
        assert_eq!(a.digest(), b.digest());
        b.reporter_phone = "0912345678".into();
        assert_ne!(a.digest(), b.digest());
        assert_eq!(a.digest().len(), 64);
    }
}
