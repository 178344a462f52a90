//! Issue 17, point 1: nothing a leader or an auditor can print lets them recover a
//! reporter's name or phone. The test plays the attack the issue describes: it collects
//! everything those roles can print about a report (its masked view, its audit log with
//! the seals, listings, public exports, periodic reports in every format — the HTML
//! document and the Excel workbook included —, the scores and their workbook, the reveals
//! log), then tries every
//! name and phone that fits the masks they were shown — common Vietnamese family, middle and
//! given names, and phones matching the masked one (a bounded list holding the true answer)
//! — against every hash they saw,
//! computed as the row digest and event seal were computed when identities were in clear,
//! and a few other derivations, and against the texts.

use phananh::domain::audit::EventRecord;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::common::*;

const NAME: &str = "Phạm Ngọc Hân";
const PHONE: &str = "0398765498";

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Phan", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Phùng", "Phương",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Ngọc", "Minh", "Hữu", "Đức", "Thanh", "Quốc", "Kim", "Hoàng", "Ngân", "Nguyên",
    "Như", "Gia", "Nghĩa", "Ngô",
];
/// Given names: common ones, the household-order names by which many in Cà Mau are known
/// (Hai, Ba, Tư, Năm, Sáu, Bảy, Tám, Chín, Mười, Út, Bé), and common names beginning with
/// the same letters, as an attacker's list would hold them.
const GIVEN: &[&str] = &[
    "An", "Bình", "Hân", "Hà", "Hải", "Hùng", "Hương", "Hoa", "Hạnh", "Huy", "Hậu", "Hiếu", "Hòa",
    "Hằng", "Hưng", "Hào", "Hảo", "Hồng", "Lan", "Mai", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy",
    "Tám", "Chín", "Mười", "Út", "Bé", "Anh", "Ánh", "Linh", "Loan", "Minh", "Tâm", "Thảo", "Nga",
    "Nhung", "Sơn", "Sương", "Cúc", "Cường", "Uyên", "Uy",
];

/// The household-order given names, short enough that a mask keeping their first letters
/// and length spelled them.
const HOUSEHOLD: &[&str] = &[
    "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Út", "Bé",
];

/// A letter without its marks, case kept, Đ as D.
fn bare(letter: char) -> char {
    match letter {
        'Đ' => 'D',
        'đ' => 'd',
        _ => letter.to_string().nfd().next().unwrap(),
    }
}

/// The mask `show` prints for a word before the given name: a third of its letters without
/// their marks, then up to three stars.
fn mask_word(word: &str) -> String {
    let length = word.chars().count();
    let kept = length.div_ceil(3);
    word.chars()
        .take(kept)
        .map(bare)
        .chain(std::iter::repeat_n('*', (length - kept).min(3)))
        .collect()
}

/// The mask `show` prints for the given name: its first letter without marks, case kept.
fn mask_given(word: &str) -> String {
    bare(word.chars().next().unwrap()).to_string()
}

/// Every name from the lists whose mask is `mask`.
fn names_fitting(mask: &str) -> Vec<String> {
    let words: Vec<&str> = mask.split(' ').collect();
    assert_eq!(words.len(), 3, "{mask}");
    let fits = |list: &[&str], i: usize| -> Vec<String> {
        list.iter()
            .filter(|w| {
                let mask = if i == 2 { mask_given(w) } else { mask_word(w) };
                mask == words[i]
            })
            .map(|w| (*w).to_owned())
            .collect()
    };
    let mut names = Vec::new();
    for f in fits(FAMILY, 0) {
        for m in fits(MIDDLE, 1) {
            for g in fits(GIVEN, 2) {
                names.push(format!("{f} {m} {g}"));
            }
        }
    }
    names
}

/// Phones fitting a mask like `03******98`: `count` of them, the true one among them.
fn phones_fitting(mask: &str, count: u32) -> Vec<String> {
    let (head, tail) = (&mask[..2], &mask[mask.len() - 2..]);
    let stars = mask.len() - 4;
    let truth: u32 = PHONE[2..PHONE.len() - 2].parse().unwrap();
    let start = truth.saturating_sub(count / 2);
    (start..start + count)
        .map(|middle| format!("{head}{middle:0stars$}{tail}"))
        .collect()
}

fn sha_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The row digest as phananh computed it while identities were in clear: SHA-256 of the
/// report's canonical JSON, the name and phone in it, from what `show` prints.
fn clear_row_digest(shown: &Value, name: &str, phone: &str) -> String {
    let row = json!({
        "id": shown["id"],
        "external_id": shown["external_id"],
        "submitted_at": shown["submitted_at"],
        "occurred_at": shown["occurred_at"],
        "content": shown["content"],
        "media": shown["media"],
        "latitude": shown["latitude"],
        "longitude": shown["longitude"],
        "address": shown["address"],
        "commune": shown["commune"],
        "reporter_name": name,
        "reporter_phone": phone,
        "confidential": shown["confidential"],
        "consent": shown["consent"],
        "urgent": shown["urgent"],
        "category_hint": shown["category_hint"],
        "status": shown["status"],
        "state_secret": shown["state_secret"],
        "field": shown["field"],
        "agency": shown["agency"],
        "round": shown["round"],
        "returns": shown["returns"],
        "send_backs": shown["send_backs"],
        "reject_reasons": shown["reject_reasons"],
        "result_text": shown["result"],
        "rating": shown["rating"],
        "duplicate_of": shown["duplicate_of"],
    });
    sha_hex(serde_json::to_string(&row).unwrap().as_bytes())
}

/// What a role without the right to personal data can print about report `id`.
struct Seen {
    texts: String,
    shown: Value,
    log: Vec<Value>,
    hashes: std::collections::BTreeSet<String>,
    /// The seals a report's event may be linked to as the attack tries them: every digest
    /// printed but those of the events about no report (`audit log` without a report) that
    /// no event of the report follows, hundreds of seals of accounts and settings that would
    /// multiply the guesses' work by as many; they are still matched against every guess
    /// (`hashes`).
    links: std::collections::BTreeSet<String>,
    /// Every run of 12 hexadecimal digits or more printed: a digest cut short (a
    /// version's, a file's) is tested as the start of each digest a guess gives.
    prefixes: Vec<String>,
    /// Their first 12 digits, so that most guesses are turned away by one look-up.
    starts: std::collections::HashSet<String>,
}

impl Seen {
    /// Whether `digest` (64 hexadecimal digits), or its start cut at 12 digits or more,
    /// was printed.
    fn holds(&self, digest: &str) -> bool {
        self.hashes.contains(digest)
            || (self.starts.contains(&digest[..PREFIX])
                && self.prefixes.iter().any(|p| digest.starts_with(p.as_str())))
    }

    /// Counts `run` as printed.
    fn plant(&mut self, run: &str) {
        self.starts.insert(run[..PREFIX].to_owned());
        self.prefixes.push(run.to_owned());
    }
}

/// The shortest run of hexadecimal digits taken for a digest cut short.
const PREFIX: usize = 12;

/// Every part of the workbook at `path` as text (its XML: sheets, shared strings, document
/// properties), read as an attacker unzipping it would.
fn workbook_text(path: &std::path::Path) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).expect("the workbook");
    let mut zip = zip::ZipArchive::new(file).expect("an xlsx workbook (a zip)");
    let mut text = String::new();
    for i in 0..zip.len() {
        zip.by_index(i)
            .expect("a part of the workbook")
            .read_to_string(&mut text)
            .expect("a part in UTF-8");
    }
    text
}

fn everything_printed(env: &TestEnv, id: &str) -> Seen {
    let mut texts = String::new();
    let mut keep = |run: &Run| {
        let run = run.success();
        texts.push_str(&run.stdout);
        texts.push_str(&run.stderr);
    };
    let mut shown = Value::Null;
    let mut log = Vec::new();
    // What the report and score commands wrote to files, and the events about no report.
    let mut files = String::new();
    let mut unlinked = Vec::new();
    for role in [LEADER, AUDITOR] {
        let show = env.run_as(role, &["show", id, "--format", "json"]);
        keep(&show);
        shown = show.json();
        let audit = env.run_as(role, &["audit", "log", id, "--format", "json"]);
        keep(&audit);
        log = array(&audit.json()).clone();
        keep(&env.run_as(role, &["show", id]));
        let no_report = env.run_as(role, &["audit", "log", "--format", "json"]);
        files.push_str(&no_report.success().stdout);
        unlinked = array(&no_report.json()).clone();
        keep(&env.run_as(role, &["list", "--format", "json"]));
        keep(&env.run_as(role, &["list", "--overdue", "--ever", "--format", "json"]));
        keep(&env.run_as(role, &["export", "open311"]));
        keep(&env.run_as(role, &["--format", "xml", "export", "open311"]));
        keep(&env.run_as(role, &["export", "csv", "--public"]));
        for format in ["json", "csv", "html"] {
            keep(&env.run_as(
                role,
                &[
                    "report", "monthly", "--period", "2026-10", "--format", format,
                ],
            ));
        }
        for format in ["json", "csv"] {
            keep(&env.run_as(role, &["score", "--year", "2026", "--format", format]));
        }
        keep(&env.run_as(role, &["score", "--year", "2026", "--explain"]));
        for (file, args) in [
            ("bao-cao", &["report", "monthly", "--period", "2026-10"][..]),
            ("diem", &["score", "--year", "2026"]),
        ] {
            let out = env.dir().join(format!("{file}-{role}.xlsx"));
            let mut all = args.to_vec();
            // Written again each time the test collects what is printed.
            all.extend(["--out", out.to_str().unwrap(), "--force"]);
            keep(&env.run_as(role, &all));
            files.push_str(&workbook_text(&out));
        }
        let html = env.dir().join(format!("bao-cao-{role}.html"));
        keep(&env.run_as(
            role,
            &[
                "report",
                "monthly",
                "--period",
                "2026-10",
                "--out",
                html.to_str().unwrap(),
                "--force",
            ],
        ));
        files.push_str(&std::fs::read_to_string(&html).unwrap());
        keep(&env.run_as(role, &["audit", "verify"]));
    }
    for format in ["json", "csv", "table"] {
        keep(&env.run_as(AUDITOR, &["audit", "reveals", "--format", format]));
        keep(&env.run_as(
            AUDITOR,
            &["audit", "reveals", "--report", id, "--format", format],
        ));
    }
    let digests = |text: &str| -> std::collections::BTreeSet<String> {
        text.split(|c: char| !c.is_ascii_hexdigit())
            .filter(|w| w.len() == 64)
            .map(str::to_lowercase)
            .collect()
    };
    let mut links = digests(&texts);
    // Of the events about no report, those a report's event follows in the chain.
    let follows = |event: &Value| {
        let next = event["id"].as_i64().map(|i| i + 1);
        log.iter().any(|e| e["id"].as_i64() == next)
    };
    links.extend(
        unlinked
            .iter()
            .filter(|e| follows(e))
            .filter_map(|e| e["hash"].as_str().map(str::to_lowercase)),
    );
    texts.push_str(&files);
    let runs = || {
        texts
            .split(|c: char| !c.is_ascii_hexdigit())
            .map(str::to_lowercase)
    };
    let hashes = digests(&texts);
    let mut seen = Seen {
        texts: String::new(),
        shown,
        log,
        hashes,
        links,
        prefixes: Vec::new(),
        starts: Default::default(),
    };
    for run in runs().filter(|w| w.len() >= PREFIX) {
        seen.plant(&run);
    }
    seen.texts = texts;
    seen
}

/// The masks printed anywhere in `texts`: words ending in stars after their first letters
/// ("Ph**"), and numbers with stars between their first and last digits ("03******98"); a
/// star after a date ("04/10*", a week cut short) is a footnote's.
fn masks_in(texts: &str) -> std::collections::BTreeSet<String> {
    regex::Regex::new(r"\p{L}+\*+|\p{N}+\*{2,}\p{N}+")
        .unwrap()
        .find_iter(texts)
        .map(|m| m.as_str().to_owned())
        .collect()
}

/// The seal of a logged event with `report_hash` in it, linked to `prev`.
fn seal(event: &Value, report_id: i64, report_hash: &str, prev: &str) -> String {
    let mut record = record(event, report_id, prev);
    record.report_hash = Some(report_hash.to_owned());
    record.seal()
}

/// A logged event as the chain seals it, linked to `prev`, its row digest left to fill in.
fn record(event: &Value, report_id: i64, prev: &str) -> EventRecord {
    let text = |k: &str| event[k].as_str().map(str::to_owned);
    EventRecord {
        id: event["id"].as_i64().unwrap(),
        report_id: Some(report_id),
        at: text("at").unwrap(),
        actor: text("actor").unwrap(),
        action: text("action").unwrap(),
        from_status: text("from"),
        to_status: text("to"),
        payload: text("payload").unwrap_or_default(),
        report_hash: None,
        prev_hash: prev.to_owned(),
        login: text("login").filter(|l| !l.is_empty()),
        recorded_at: text("recorded_at").filter(|l| !l.is_empty()),
    }
}

/// Every event shown, linked to every seal it may follow, each built once: from one guess
/// to the next only the row digest changes, and rebuilding the records from the JSON for
/// each of the thousands of guesses was most of the attack's time.
struct Sealing(Vec<EventRecord>);

impl Sealing {
    fn new(log: &[Value], report_id: i64, prevs: &[String]) -> Sealing {
        Sealing(
            log.iter()
                .flat_map(|event| prevs.iter().map(move |prev| record(event, report_id, prev)))
                .collect(),
        )
    }

    /// Whether one of the events, sealed over the row digest `report_hash`, gives a seal
    /// in `hashes`.
    fn any_in(&mut self, report_hash: &str, seen: &Seen) -> bool {
        self.0.iter_mut().any(|record| {
            record.report_hash = Some(report_hash.to_owned());
            seen.holds(&record.seal())
        })
    }
}

/// A report from `NAME` brought through validation, classification and dispatch; returns
/// the world and the report's number.
fn the_report() -> (TestEnv, String) {
    static TEMPLATE: Template<String> = Template::new();
    TEMPLATE.copy_with(|| {
        the_report_saying(
            "Đèn đường trước chợ Phường 5 hỏng nhiều ngày, buổi tối rất tối, nhờ cơ quan chức năng sửa sớm.",
        )
    })
}

/// The same report, with `content` as the reporter wrote it.
fn the_report_saying(content: &str) -> (TestEnv, String) {
    the_report_from(NAME, content)
}

/// The same report, from `name`, with `content` as the reporter wrote it.
fn the_report_from(name: &str, content: &str) -> (TestEnv, String) {
    let env = TestEnv::seeded();
    let record = json!({
        "external_id": "CMG-2026-000778",
        "submitted_at": "2026-10-05T07:30:00+07:00",
        "occurred_at": "2026-10-05T07:00:00+07:00",
        "content": content,
        "media": ["https://example.vn/anh/den.jpg"],
        "latitude": 9.18,
        "longitude": 105.15,
        "address": "Chợ Phường 5",
        "commune": "Phường An Xuyên",
        "reporter_name": name,
        "reporter_phone": PHONE,
    });
    let id = env.ingest_validated("han.jsonl", &record).1.to_string();
    assert_eq!(env.status_of(&id), "accepted");
    env.run_as(RECEPTION, &["classify", &id, "--field", "GT"])
        .success();
    (env, id)
}

/// Events of the log shown with the seal of the event before them in the chain: what a
/// guess can be tested against.
fn linked(seen: &Seen) -> Vec<(&Value, &str)> {
    seen.log
        .windows(2)
        .filter(|w| w[1]["id"].as_i64() == w[0]["id"].as_i64().map(|i| i + 1))
        .filter_map(|w| Some((&w[1], w[0]["hash"].as_str()?)))
        .collect()
}

/// A database from before encryption, encrypted on its first opening: its old seals covered
/// the identity in clear, and leaders and auditors are not shown them.
#[test]
fn no_name_or_phone_is_recovered_from_a_database_encrypted_after_the_fact() {
    let env = TestEnv::empty();
    crate::identity::before_sealing(&env);
    env.run_as(ADMIN, &["audit", "verify"]).success();
    let seen = everything_printed(&env, "1");
    let names = names_fitting(seen.shown["reporter_name"].as_str().unwrap());
    let phones = phones_fitting(seen.shown["reporter_phone"].as_str().unwrap(), 400);
    assert!(names.contains(&NAME.to_owned()) && phones.contains(&PHONE.to_owned()));
    assert_eq!(attack(&seen, 1, &names, &phones), None);
    // The same guesses against the seal an account with the right to identities is shown
    // find the reporter: what is withheld is what the attack needs.
    let log = env
        .run_as(ADMIN, &["audit", "log", "1", "--format", "json"])
        .success()
        .json();
    let ingest = &array(&log)[0];
    assert_eq!(ingest["action"], "ingest");
    let hash = ingest["hash"].as_str().unwrap();
    let found = names.iter().find_map(|name| {
        phones.iter().find_map(|phone| {
            let digest = clear_row_digest(&seen.shown, name, phone);
            (seal(ingest, 1, &digest, &"0".repeat(64)) == hash)
                .then(|| (name.clone(), phone.clone()))
        })
    });
    assert_eq!(found, Some((NAME.to_owned(), PHONE.to_owned())));
}

/// Tries every candidate; returns the first identity that matches anything seen.
fn attack(seen: &Seen, id: i64, names: &[String], phones: &[String]) -> Option<(String, String)> {
    // The last event that sealed the row, and the event before it in the same log (the
    // chain links each event to the one before; here they follow each other).
    // Every event shown, with every seal it may be linked to: one seen, or the chain's
    // start (the first event's).
    let mut prevs: Vec<String> = seen.links.iter().cloned().collect();
    prevs.push(phananh::domain::audit::GENESIS.to_owned());
    let mut sealing = Sealing::new(&seen.log, id, &prevs);
    for name in names {
        for phone in phones {
            let digest = clear_row_digest(&seen.shown, name, phone);
            let derived = [
                digest.clone(),
                sha_hex(name.as_bytes()),
                sha_hex(phone.as_bytes()),
                sha_hex(format!("{name}{phone}").as_bytes()),
            ];
            if derived.iter().any(|d| seen.holds(d)) {
                return Some((name.clone(), phone.clone()));
            }
            if sealing.any_in(&digest, seen) {
                return Some((name.clone(), phone.clone()));
            }
        }
    }
    None
}

#[test]
fn no_name_or_phone_is_recovered_from_what_leaders_and_auditors_print() {
    let (env, id) = the_report();
    let seen = everything_printed(&env, &id);
    let mask_name = seen.shown["reporter_name"].as_str().unwrap().to_owned();
    let mask_phone = seen.shown["reporter_phone"].as_str().unwrap().to_owned();
    assert_eq!(
        (mask_name.as_str(), mask_phone.as_str()),
        ("Ph** Ng** H", "03******98")
    );
    let names = names_fitting(&mask_name);
    let phones = phones_fitting(&mask_phone, 400);
    assert!(names.contains(&NAME.to_owned()) && phones.contains(&PHONE.to_owned()));
    assert!(names.len() > 4, "{names:?}");
    // The texts: no form of the name, no phone.
    for form in [
        NAME.nfc().collect::<String>(),
        NAME.nfd().collect::<String>(),
        PHONE.to_owned(),
    ] {
        assert!(!seen.texts.contains(&form), "printed: {form}");
    }
    assert!(seen.hashes.len() >= 3, "the attack has hashes to test");
    assert!(
        linked(&seen).len() >= 2,
        "the log has linked events to test"
    );
    // No surface masks the identity less than `show` does: every mask printed is one of
    // its words, or its phone's.
    let allowed: std::collections::BTreeSet<String> = mask_name
        .split(' ')
        .map(str::to_owned)
        .chain([mask_phone.clone()])
        .collect();
    let masks = masks_in(&seen.texts);
    assert!(masks.contains(&mask_phone), "{masks:?}");
    assert!(masks.is_subset(&allowed), "{masks:?}");
    let mut seen = seen;
    assert_eq!(attack(&seen, id.parse().unwrap(), &names, &phones), None);
    // A digest of the identity cut to 12 digits, printed anywhere, would be found.
    seen.plant(&sha_hex(format!("{NAME}{PHONE}").as_bytes())[..PREFIX]);
    assert_eq!(
        attack(&seen, id.parse().unwrap(), &names, &phones),
        Some((NAME.to_owned(), PHONE.to_owned()))
    );
}

/// The row digest of an erased report as a leader could rebuild it from `show`, with
/// `content` for the text shown and `identity` for what stands in the identity's place.
fn erased_row_digest(shown: &Value, content: &str, identity: &str) -> String {
    let mut row: serde_json::Map<String, Value> = serde_json::from_str(
        &serde_json::to_string(&json!({
            "id": shown["id"], "external_id": shown["external_id"],
            "submitted_at": shown["submitted_at"], "occurred_at": shown["occurred_at"],
            "content": content, "media": shown["media"], "latitude": shown["latitude"],
            "longitude": shown["longitude"], "address": shown["address"],
            "commune": shown["commune"], "reporter_name": "", "reporter_phone": "",
            "confidential": shown["confidential"], "consent": shown["consent"],
            "urgent": shown["urgent"], "category_hint": shown["category_hint"],
            "status": shown["status"], "state_secret": shown["state_secret"],
            "field": shown["field"], "agency": shown["agency"], "round": shown["round"],
            "returns": shown["returns"], "send_backs": shown["send_backs"],
            "reject_reasons": shown["reject_reasons"], "result_text": shown["result"],
            "rating": shown["rating"], "duplicate_of": shown["duplicate_of"],
        }))
        .unwrap(),
    )
    .unwrap();
    row.insert("identity".into(), identity.into());
    sha_hex(serde_json::to_string(&row).unwrap().as_bytes())
}

/// An erased identity leaves the seals nothing secret to cover unless something takes its
/// place: a leader who saw the phone's mask before the erasure, and the content with the
/// phone the reporter typed into it hidden, tried every phone that fits against the seal of
/// each event after it and found the one typed (a reviewer, in 32 s of Python). The erased
/// row keeps random bytes nobody is shown, and the same attack finds nothing.
#[test]
fn no_phone_typed_into_the_content_is_recovered_after_the_identity_is_erased() {
    let (env, id) = the_report_saying(
        "Đèn đường trước chợ Phường 5 hỏng nhiều ngày, gọi tôi 0398 765 498 để chỉ chỗ.",
    );
    let mask = everything_printed(&env, &id).shown["reporter_phone"]
        .as_str()
        .unwrap()
        .to_owned();
    // Another report, whose step comes between the erasure and the next step of this one:
    // its log shows the seal this one's next event is linked to.
    let record = json!({
        "external_id": "CMG-2026-000779",
        "submitted_at": "2026-10-05T07:40:00+07:00",
        "occurred_at": "2026-10-05T07:10:00+07:00",
        "content": "Cống thoát nước trước trường học bị nghẹt, nước tràn ra đường khi mưa.",
        "media": ["https://example.vn/anh/cong.jpg"],
        "latitude": 9.18,
        "longitude": 105.15,
        "address": "Trường Tiểu học Phường 5",
        "commune": "Phường An Xuyên",
        "reporter_name": "Lê Văn Tâm",
        "reporter_phone": "0912345678",
    });
    let other = env.ingest_validated("other.jsonl", &record).1.to_string();
    env.run_as(ADMIN, &["erase", &id, "--reason", "người dân yêu cầu"])
        .success();
    env.run_as(RECEPTION, &["classify", &other, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &id, "--agency", "SXD"])
        .success();
    let mut seen = everything_printed(&env, &id);
    let other_log = env
        .run_as(LEADER, &["audit", "log", &other, "--format", "json"])
        .success()
        .json();
    for hash in array(&other_log)
        .iter()
        .filter_map(|e| e["hash"].as_str().map(str::to_owned))
    {
        seen.hashes.insert(hash.clone());
        seen.links.insert(hash);
    }
    let content = seen.shown["content"].as_str().unwrap().to_owned();
    assert!(
        content.contains("[đã ẩn]") && !content.contains("0398"),
        "{content}"
    );
    let spelled = |phone: &str| format!("{} {} {}", &phone[..4], &phone[4..7], &phone[7..]);
    let report_id: i64 = id.parse().unwrap();
    let prevs: Vec<String> = seen.links.iter().cloned().collect();
    let mut sealing = Sealing::new(&seen.log, report_id, &prevs);
    let mut matches = |identity: &str, phone: &str| {
        let digest = erased_row_digest(
            &seen.shown,
            &content.replace("[đã ẩn]", &spelled(phone)),
            identity,
        );
        sealing.any_in(&digest, &seen)
    };
    // The harness rebuilds the seal: with what only the file holds, the truth matches.
    let tombstone: Vec<u8> =
        env.column::<Vec<u8>>(&format!("SELECT identity FROM reports WHERE id = {id}"))[0].clone();
    let tombstone: String = if tombstone.is_empty() {
        "erased".to_owned()
    } else {
        tombstone.iter().map(|b| format!("{b:02x}")).collect()
    };
    assert!(
        matches(&tombstone, PHONE),
        "the attack's harness rebuilds the seals"
    );
    // What a leader can know does not.
    let found: Vec<String> = phones_fitting(&mask, 400)
        .into_iter()
        .filter(|phone| matches("erased", phone) || matches("", phone))
        .collect();
    assert_eq!(found, Vec::<String>::new());
}

/// How a name field arrives from the app besides plainly: with a word without a letter, an
/// emoji, a title in brackets or a character that prints nothing after the given name, or
/// written given name first. Each put the given name back as an ordinary word ("Ph** T** Ú*
/// *" for "Phạm Thị Út ."), spelled by its first letters and length.
const FORMS: &[&str] = &[
    "Phạm Thị {}",
    "Phạm Thị {} .",
    "Phạm Thị {} -",
    "Phạm Thị {} …",
    "Phạm Thị {} 🙂",
    "Phạm Thị {} ✓",
    "Phạm Thị {} _",
    "Phạm Thị {} (bà)",
    "Phạm Thị {} \u{200B}",
    "Phạm Thị {} \u{200E}",
    "Phạm Thị {} \u{FEFF}",
    "Phạm Thị {} \u{00AD}",
    "{}, Phạm Thị",
];

/// Every reporter named "Phạm Thị G", for each given name G of the list and each way of
/// writing it in `FORMS`, as a leader and an auditor list them: the mask must fit at least 3
/// given names of the list written the same way (k-anonymity, k = 3), as the masks
/// themselves group them. The masks keeping first letters and length gave "Ú*", "Mư**",
/// "B*", each one name: with the commune beside it, a ward leader knew who complained.
#[test]
fn every_given_name_is_masked_as_at_least_three_given_names() {
    assert!(HOUSEHOLD.iter().all(|h| GIVEN.contains(h)));
    let env = TestEnv::seeded();
    let written = |form: usize, given: &str| FORMS[form].replace("{}", given);
    let records: Vec<String> = (0..FORMS.len())
        .flat_map(|form| {
            GIVEN
                .iter()
                .enumerate()
                .map(move |(i, given)| (form, i, given))
        })
        .map(|(form, i, given)| {
            let n = form * GIVEN.len() + i;
            json!({
                "external_id": format!("CMG-2026-{:06}", 1000 + n),
                "submitted_at": "2026-10-05T07:30:00+07:00",
                "occurred_at": "2026-10-05T07:00:00+07:00",
                "content": format!(
                    "Đèn đường số {n} trước chợ hỏng nhiều ngày, buổi tối rất tối, nhờ sửa sớm."
                ),
                "media": [format!("https://example.vn/anh/den-{n}.jpg")],
                "latitude": 9.18 + 0.0001 * n as f64,
                "longitude": 105.15,
                "address": format!("Khóm {n}"),
                "commune": "Phường An Xuyên",
                "reporter_name": written(form, given),
                "reporter_phone": format!("0398765{n:03}"),
            })
            .to_string()
        })
        .collect();
    let file = env.write_file("ten.jsonl", &(records.join("\n") + "\n"));
    env.run_as(RECEPTION, &["ingest", "--validate", file.to_str().unwrap()])
        .success();
    for role in [LEADER, AUDITOR] {
        let listed = env.json_as(role, &["list"]);
        // (form, given name) → the mask shown.
        let shown: Vec<(usize, usize, String)> = array(&listed)
            .iter()
            .map(|row| {
                let external = row["external_id"].as_str().unwrap();
                let n: usize = external[external.len() - 4..].parse::<usize>().unwrap() - 1000;
                (
                    n / GIVEN.len(),
                    n % GIVEN.len(),
                    row["reporter_name"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(shown.len(), FORMS.len() * GIVEN.len(), "as {role}");
        let mut fitting: std::collections::BTreeMap<(usize, &str), Vec<&str>> = Default::default();
        for (form, given, mask) in &shown {
            fitting
                .entry((*form, mask.as_str()))
                .or_default()
                .push(GIVEN[*given]);
        }
        for (form, given, mask) in &shown {
            let of = &fitting[&(*form, mask.as_str())];
            let name = written(*form, GIVEN[*given]);
            assert!(
                of.len() >= 3,
                "as {role}: {name:?} shown as {mask}, which only {of:?} fit"
            );
            // What follows the given name changes nothing shown.
            if FORMS[*form].starts_with("Phạm Thị {} ") {
                let plain = shown.iter().find(|(f, g, _)| *f == 0 && g == given);
                assert_eq!(Some(mask), plain.map(|(_, _, m)| m), "as {role}: {name:?}");
            }
            if *form == 0 {
                // The attacker's model of the mask is the mask: the true name fits.
                assert!(
                    names_fitting(mask).contains(&name),
                    "as {role}: {mask} for {name}"
                );
            }
        }
    }
}

/// A reporter known by a household-order name, "Phạm Thị Út", through everything a leader
/// or an auditor prints: the mask fits at least three given names, nothing printed tells
/// them apart (no hash a guess matches, no surface masking less), and the name is in no text.
#[test]
fn a_household_given_name_is_not_narrowed_to_one_by_what_leaders_and_auditors_print() {
    let name = "Phạm Thị Út";
    let (env, id) = the_report_from(
        name,
        "Đèn đường trước chợ Phường 5 hỏng nhiều ngày, buổi tối rất tối, nhờ cơ quan chức năng sửa sớm.",
    );
    let seen = everything_printed(&env, &id);
    let mask_name = seen.shown["reporter_name"].as_str().unwrap().to_owned();
    let mask_phone = seen.shown["reporter_phone"].as_str().unwrap().to_owned();
    assert_eq!(mask_name, "Ph** T** U");
    let names = names_fitting(&mask_name);
    assert!(names.contains(&name.to_owned()), "{names:?}");
    let givens: std::collections::BTreeSet<&str> = names
        .iter()
        .map(|n| n.rsplit(' ').next().unwrap())
        .collect();
    assert!(givens.len() >= 3, "{givens:?}");
    for form in [
        name.nfc().collect::<String>(),
        name.nfd().collect::<String>(),
    ] {
        assert!(!seen.texts.contains(&form), "printed: {form}");
    }
    for form in [
        "Út".nfc().collect::<String>(),
        "Út".nfd().collect::<String>(),
    ] {
        assert!(!seen.texts.contains(&form), "printed: {form}");
    }
    let allowed: std::collections::BTreeSet<String> = mask_name
        .split(' ')
        .map(str::to_owned)
        .chain([mask_phone.clone()])
        .collect();
    let masks = masks_in(&seen.texts);
    assert!(masks.is_subset(&allowed), "{masks:?}");
    let phones = phones_fitting(&mask_phone, 400);
    assert_eq!(attack(&seen, id.parse().unwrap(), &names, &phones), None);
}
