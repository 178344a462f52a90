//! Open311 GeoReport v2 (<https://wiki.open311.org/GeoReport_v2>), the open standard many
//! cities use to exchange service requests. Owns the standard's field names, how one request
//! of a `GET requests.json` response becomes the ingest columns of a report (docs/rules.md §6), which
//! reports the public may see and what of them: the public view never carries the reporter's
//! identity (Đ6.5) nor anything confidential or state-secret (Đ9.2, Đ9.3). No I/O, no SQL:
//! `storage::open311` loads, `cli::ingest` and `cli::export` read and write.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::domain::intake::{Column, Malformed, RawRecord, parse_record};
use crate::domain::redact::{Hidden, Kept, Redacted, Sought, redact_erased, redact_known};
use crate::domain::report::{Report, Status};

/// The fields of a service request in a GeoReport v2 response (`GET requests.json`). The
/// public view holds these and nothing else.
pub const RESPONSE_FIELDS: [&str; 17] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
];

/// Fields of a request submission (`POST requests.json`) that some systems copy into their
/// responses: read when useful (name, phone, address_string), else ignored without warning.
pub const SUBMISSION_FIELDS: [&str; 11] = [
    "address_string",
    "first_name",
    "last_name",
    "phone",
    "email",
    "device_id",
    "account_id",
    "token",
    "attribute",
    "jurisdiction_id",
    "api_key",
];

/// Whether `name` is a field of the standard (a response or a submission field).
pub fn is_known_field(name: &str) -> bool {
    RESPONSE_FIELDS.contains(&name) || SUBMISSION_FIELDS.contains(&name)
}

/// Which field (lĩnh vực) a `service_code` means: the operator's table (`service add`,
/// `service import`) first, exactly as spelt; else a code that is itself a field code (any
/// case) stands for that field, as our own `export open311` writes it when a field has no
/// service code.
#[derive(Debug, Clone, Default)]
pub struct ServiceMap {
    by_code: HashMap<String, String>,
    field_codes: Vec<String>,
}

impl ServiceMap {
    pub fn new(
        service_codes: impl IntoIterator<Item = (String, String)>,
        field_codes: impl IntoIterator<Item = String>,
    ) -> ServiceMap {
        ServiceMap {
            by_code: service_codes.into_iter().collect(),
            field_codes: field_codes.into_iter().collect(),
        }
    }

    pub fn field_of(&self, service_code: &str) -> Option<&str> {
        if let Some(field) = self.by_code.get(service_code) {
            return Some(field);
        }
        self.field_codes
            .iter()
            .find(|f| f.eq_ignore_ascii_case(service_code))
            .map(String::as_str)
    }
}

/// A request read from a GeoReport v2 file.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// The new report (`received`, id 0 until stored).
    pub report: Report,
    /// The request's `service_code`, when no field is known for it: kept as the category
    /// hint as it is, and worth a warning.
    pub unknown_service_code: Option<String>,
}

/// Reads one request, given its values by GeoReport field name as text (absent = empty):
/// `service_request_id` → external_id, `requested_datetime` → submitted and event time (the
/// standard has no separate event time), `description` → content, `media_url` → media,
/// `lat`/`long`, `address` (else `address_string`), `last_name` + `first_name` → reporter's
/// name in Vietnamese order (family name first), `phone`, and the field `service_code` means as the category hint (the code itself
/// when unknown). Everything else (status, notes, agency…) is the other system's workflow,
/// not ours: the report starts `received`. Errors name the GeoReport field.
pub fn read_request(
    value_of: &dyn Fn(&str) -> String,
    services: &ServiceMap,
) -> Result<Incoming, Malformed> {
    let requested = value_of("requested_datetime");
    let mut address = value_of("address");
    if address.trim().is_empty() {
        address = value_of("address_string");
    }
    // Vietnamese order: the family name (the standard's last_name) first, then the rest.
    let name = [value_of("last_name"), value_of("first_name")]
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let service_code = value_of("service_code").trim().to_owned();
    let (hint, unknown_service_code) = if service_code.is_empty() {
        (String::new(), None)
    } else {
        match services.field_of(&service_code) {
            Some(field) => (field.to_owned(), None),
            None => (service_code.clone(), Some(service_code)),
        }
    };
    let mut texts: [String; 15] = Default::default();
    texts[Column::ExternalId.index()] = value_of("service_request_id");
    texts[Column::SubmittedAt.index()] = requested.clone();
    texts[Column::OccurredAt.index()] = requested;
    texts[Column::Content.index()] = value_of("description");
    texts[Column::Media.index()] = value_of("media_url");
    texts[Column::Latitude.index()] = value_of("lat");
    texts[Column::Longitude.index()] = value_of("long");
    texts[Column::Address.index()] = address;
    texts[Column::ReporterName.index()] = name;
    texts[Column::ReporterPhone.index()] = value_of("phone");
    texts[Column::CategoryHint.index()] = hint;
    let raw: RawRecord<'_> = std::array::from_fn(|i| texts[i].as_str());
    let report = parse_record(&raw).map_err(in_georeport_terms)?;
    Ok(Incoming {
        report,
        unknown_service_code,
    })
}

/// The GeoReport field an ingest column was read from.
fn georeport_name(column: &'static str) -> &'static str {
    match column {
        "external_id" => "service_request_id",
        "submitted_at" | "occurred_at" => "requested_datetime",
        "content" => "description",
        "media" => "media_url",
        "latitude" => "lat",
        "longitude" => "long",
        "reporter_name" => "last_name/first_name",
        "reporter_phone" => "phone",
        "category_hint" => "service_code",
        other => other,
    }
}

/// The same reason, naming the field as the file does.
fn in_georeport_terms(e: Malformed) -> Malformed {
    match e {
        Malformed::Required(c) => Malformed::Required(georeport_name(c)),
        Malformed::Time { column, source } => Malformed::Time {
            column: georeport_name(column),
            source,
        },
        Malformed::Number { column, value } => Malformed::Number {
            column: georeport_name(column),
            value,
        },
        Malformed::OutOfRange {
            column,
            value,
            min,
            max,
        } => Malformed::OutOfRange {
            column: georeport_name(column),
            value,
            min,
            max,
        },
        Malformed::Boolean { column, value } => Malformed::Boolean {
            column: georeport_name(column),
            value,
        },
        Malformed::TooLong { column, limit } => Malformed::TooLong {
            column: georeport_name(column),
            limit,
        },
        Malformed::Nul(column) => Malformed::Nul(georeport_name(column)),
        Malformed::ImpossibleSubmission { column, value, why } => Malformed::ImpossibleSubmission {
            column: georeport_name(column),
            value,
            why,
        },
        Malformed::CoordinatesSwapped {
            latitude,
            longitude,
            ..
        } => Malformed::CoordinatesSwapped {
            columns: "lat, long",
            latitude,
            longitude,
        },
        other @ (Malformed::IdTooLong(_)
        | Malformed::IdInvisible { .. }
        | Malformed::IdExponent(_)
        | Malformed::LegacyFont { .. }
        | Malformed::IdNamesReporter) => other,
    }
}

/// Whether the public may see a report at all: checked and accepted at reception (Đ7.1.a:
/// a `received` report may still be rejected, and would vanish from the feed), not refused,
/// not merged into another, not confidential (Đ9.2), not state-secret (Đ9.3) — nor answered
/// privately, which only those two lead to. Reports in progress are public: the citizen's
/// request is, only its result waits for verification (Đ9.1).
pub fn is_public(report: &Report) -> bool {
    !matches!(
        report.status,
        Status::Received | Status::Rejected | Status::Duplicate | Status::ClosedPrivate
    ) && !report.is_private()
}

/// A report's texts as the public sees them, each with what was hidden from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicTexts {
    pub content: Redacted,
    /// The address as typed: a citizen may write "Nhà ông Phạm Quốc Việt, 0933 444 555".
    pub address: Redacted,
    /// The commune as the app sent it: a pick-list value, but free text to phananh (an
    /// unknown one is only warned of), so it may carry a name or a phone as the address may.
    pub commune: Redacted,
    /// None when there is no result yet.
    pub result: Option<Redacted>,
}

impl PublicTexts {
    /// Each text there is, content first, result last.
    fn each(self) -> impl Iterator<Item = Redacted> {
        [
            Some(self.content),
            Some(self.address),
            Some(self.commune),
            self.result,
        ]
        .into_iter()
        .flatten()
    }
}

/// What `erase` keeps of each public text's redaction while the reporter's name is known
/// (`redact::Kept`), in the `kept` member of its event's payload: after the erasure, the
/// public texts hide what they hid before.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptTexts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<Kept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Kept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<Kept>,
    /// The media links (1-based) that named the reporter (`media_naming_reporter`): once
    /// the name and phone are gone nothing finds them again, and the link still holds them.
    /// Positions only, nothing personal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<usize>,
}

impl KeptTexts {
    /// What to keep of `report`'s public texts, its name still known; None without one.
    pub fn of(report: &Report) -> Option<KeptTexts> {
        let name = &report.reporter_name;
        let kept = KeptTexts {
            content: Kept::of(&report.content, name),
            address: Kept::of(&report.address, name),
            result: Kept::of(&report.result_text, name),
            media: media_naming_reporter(report),
        };
        (kept != KeptTexts::default()).then_some(kept)
    }

    /// [`KeptTexts::of`] with what an `earlier` correction kept (`redact::Kept::of_with`):
    /// what `identity correct` keeps of the name it replaces, and `erase` of the name it
    /// destroys, so that neither shows a name a view hid before it.
    pub fn of_with(report: &Report, earlier: Option<&KeptTexts>) -> Option<KeptTexts> {
        let Some(earlier) = earlier else {
            return KeptTexts::of(report);
        };
        let name = &report.reporter_name;
        let mut media = media_naming_reporter(report);
        media.extend(earlier.media.iter().copied());
        media.sort_unstable();
        media.dedup();
        let kept = KeptTexts {
            content: Kept::of_with(&report.content, name, earlier.content.as_ref()),
            address: Kept::of_with(&report.address, name, earlier.address.as_ref()),
            result: Kept::of_with(&report.result_text, name, earlier.result.as_ref()),
            media,
        };
        (kept != KeptTexts::default()).then_some(kept)
    }

    /// Whether every place kept is of `report`'s text of the same kind (`Kept::fits`): a
    /// report of another chain under the same app id has other texts, and places kept for
    /// those hide nothing in its own.
    pub fn fits(&self, report: &Report) -> bool {
        let each = [
            (&self.content, &report.content),
            (&self.address, &report.address),
            (&self.result, &report.result_text),
        ];
        each.iter().any(|(kept, _)| kept.is_some())
            && each
                .iter()
                .all(|(kept, text)| kept.as_ref().is_none_or(|k| k.fits(text)))
    }

    /// Read back from an `erase` event's payload member; None when it holds none (an
    /// erasure made without the key or before places were kept) or is not this shape.
    pub fn parse(json: Option<&str>) -> Option<KeptTexts> {
        serde_json::from_str(json?).ok()
    }
}

/// What of a report's texts the public would see once it is published, and what was
/// hidden from them (`domain::redact`): the content, the address, and the result if there
/// is one. None when the report is never public (confidential, state-secret). An erased
/// reporter's name is hidden where `kept` (its erasure's) says it stood, else looked for by
/// its shape (`redact::redact_erased`).
pub fn public_texts(report: &Report, kept: Option<&KeptTexts>) -> Option<PublicTexts> {
    if report.is_private() {
        return None;
    }
    let erased = report.identity_erased();
    let sought = if erased {
        None
    } else {
        Sought::new(&report.reporter_name)
    };
    let hide = |text: &str, kept: Option<&Kept>| {
        if erased {
            redact_erased(text, kept)
        } else {
            redact_known(text, sought.as_ref(), kept)
        }
    };
    let content = hide(&report.content, kept.and_then(|k| k.content.as_ref()));
    let address = hide(&report.address, kept.and_then(|k| k.address.as_ref()));
    // An erasure keeps no places for the commune (one of the province's is no name):
    // after it, names are found in it by their shape.
    let commune = hide(&report.commune, None);
    let result = (!report.result_text.trim().is_empty())
        .then(|| hide(&report.result_text, kept.and_then(|k| k.result.as_ref())));
    let mut texts = PublicTexts {
        content,
        address,
        commune,
        result,
    };
    // A result that hid the reporter's own name among others told the public which of them
    // it was: a reply listing five names, published, showed four. Its every name then goes
    // by its shape as well, and the public learns only that the reporter is named. The
    // citizen's own texts are left as they were: no step writes them, and the shape would
    // take a street ("Trần Hưng Đạo") for a person.
    if let Some(result) = texts.result.as_mut()
        && !erased
        && result.hidden.name > 0
    {
        crate::domain::redact::shape_too(result);
    }
    Some(texts)
}

/// The items `public_texts` hides, all texts together, for the editor who approves or
/// publishes them: the reporter's own name and phone not as written but as what they are
/// (`OwnName`, `OwnPhone`), so that no warning, which a script may keep in a log, holds
/// them; the rest as written ("(0290) 3672 749", a hotline the editor may want to keep
/// out of the text).
pub fn items_in_public_texts(report: &Report, kept: Option<&KeptTexts>) -> Vec<Item> {
    let Some(texts) = public_texts(report, kept) else {
        return Vec::new();
    };
    let own_phone = crate::domain::redact::same_phone_digits(&report.reporter_phone);
    let erased = report.identity_erased();
    texts
        .each()
        .flat_map(|r| r.items)
        .map(|(kind, text)| match kind {
            // Before an erasure every name found is the reporter's own; after it, one may
            // still be (the texts keep it): a name is never shown as written.
            crate::domain::redact::Kind::Name if !erased => Item::OwnName,
            crate::domain::redact::Kind::Name => Item::Name,
            crate::domain::redact::Kind::Phone
                if !own_phone.is_empty()
                    && crate::domain::redact::same_phone_digits(&text) == own_phone =>
            {
                Item::OwnPhone
            }
            _ => Item::Written(text),
        })
        .collect()
}

/// An item a public text will hide, as an editor is told of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    OwnName,
    /// A name found after the reporter's was erased.
    Name,
    OwnPhone,
    Written(String),
}

/// The media links (1-based) that no public view carries and that a reader who may not see
/// the report's identity reads as [`crate::domain::redact::MARK`]: the feed lists a report
/// with its first link as soon as it passes validation, before any editor is warned, and a
/// link named after its sender gives the name and phone away whole. After an erasure, the
/// links its event kept (`KeptTexts::media`) and any link holding a phone number's digits
/// (an erasure that kept none: `--without-key`, `key reset`, an older phananh).
pub fn media_withheld(report: &Report, kept: Option<&KeptTexts>) -> Vec<usize> {
    if !report.identity_erased() {
        // A link named after the name or phone a correction replaced (`KeptTexts::media`).
        let mut withheld = media_naming_reporter(report);
        for number in kept.map(|k| k.media.as_slice()).unwrap_or_default() {
            if !withheld.contains(number) && *number <= report.media.len() {
                withheld.push(*number);
            }
        }
        withheld.sort_unstable();
        return withheld;
    }
    let kept = kept.map(|k| k.media.as_slice()).unwrap_or_default();
    report
        .media
        .iter()
        .enumerate()
        .map(|(index, link)| (index + 1, link))
        .filter(|(number, link)| kept.contains(number) || holds_a_phone(link))
        .map(|(number, _)| number)
        .collect()
}

/// Whether `link` holds groups of digits, one after another with a dot, a dash, an
/// underscore, a space or a plus between them, that read as a Vietnamese mobile or landline
/// number ("0912.345.678_2.jpg": the first three groups).
fn holds_a_phone(link: &str) -> bool {
    let is_phone = |digits: &str| {
        let national = crate::domain::redact::same_phone_digits(digits);
        let mobile = national.len() == 10
            && national.starts_with('0')
            && !national.starts_with("00")
            && !national.starts_with("02");
        mobile || (national.len() == 11 && national.starts_with("02"))
    };
    // Runs of groups: a group is a run of digits, a run ends where anything but one
    // separator follows a group.
    let mut runs: Vec<Vec<String>> = vec![vec![String::new()]];
    let mut after_separator = false;
    for c in link.chars() {
        let run = runs.last_mut().expect("one run at least");
        let group = run.last_mut().expect("one group at least");
        if c.is_ascii_digit() {
            if after_separator {
                run.push(c.to_string());
            } else {
                group.push(c);
            }
            after_separator = false;
        } else if !group.is_empty() && !after_separator && matches!(c, '.' | '-' | '_' | ' ' | '+')
        {
            after_separator = true;
        } else {
            runs.push(vec![String::new()]);
            after_separator = false;
        }
    }
    runs.iter().any(|groups| {
        (0..groups.len())
            .any(|first| (first..groups.len()).any(|last| is_phone(&groups[first..=last].concat())))
    })
}

/// The report's media as a reader who may not see its identity reads them: the links
/// `withheld` names replaced by [`crate::domain::redact::MARK`].
pub fn hide_media(media: &mut [String], withheld: &[usize]) {
    for number in withheld {
        if let Some(link) = media.get_mut(number - 1) {
            *link = crate::domain::redact::MARK.to_owned();
        }
    }
}

/// The media links (1-based, in the report's order) that carry the reporter's own phone or
/// name: upload services often name a file after its sender ("0792345678_nguyen-thi-my-
/// phuong_1.jpg"). Hiding part of a link would break it, so such a link is left out whole
/// (`media_withheld`); the editor who approves or publishes is told of it. The phone is
/// looked for by its digits in any spacing (the national form, or its last nine digits
/// after a country code); the name by at least two of its words folded (no marks, any case)
/// and run together, in order or given name first, since a single word ("phuong") is also
/// a ward's name in a path.
pub fn media_naming_reporter(report: &Report) -> Vec<usize> {
    let squeeze = |text: &str| -> String {
        crate::domain::text::fold(text)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect()
    };
    // The phone as `redact` knows the reporter's own (`0` for `84`, an old mobile as the
    // number it became).
    let phone = crate::domain::redact::same_phone_digits(&report.reporter_phone);
    // The number without its trunk zero, as written after +84.
    let subscriber = phone.strip_prefix('0').filter(|rest| rest.len() >= 8);
    let words: Vec<String> = report
        .reporter_name
        .split_whitespace()
        .map(squeeze)
        .filter(|w| !w.is_empty())
        .collect();
    let mut names = Vec::new();
    if words.len() >= 2 {
        names.push(words.concat());
        let (given, family) = (&words[words.len() - 1], &words[0]);
        names.push(format!("{family}{given}"));
        names.push(format!("{given}{family}"));
        // The middle and given names, as a woman in the South is called ("Mỹ Phượng").
        names.push(words[words.len() - 2..].concat());
    }
    report
        .media
        .iter()
        .enumerate()
        .filter(|(_, link)| {
            let link = squeeze(link);
            subscriber.is_some_and(|digits| link.contains(digits))
                || names
                    .iter()
                    .any(|name| name.len() >= 6 && link.contains(name.as_str()))
        })
        .map(|(index, _)| index + 1)
        .collect()
}

/// How many mentions of the reporters merged into the report (`redact::Merged`) its public
/// texts hide besides its own reporter's: for the editor's warning, which says a name was
/// hidden and never which.
pub fn merged_names_in_public_texts(
    report: &Report,
    kept: Option<&KeptTexts>,
    merged: &crate::domain::redact::Merged,
) -> usize {
    let Some(texts) = public_texts(report, kept) else {
        return 0;
    };
    texts.each().map(|own| merged.names_hidden(&own.text)).sum()
}

/// What a report's public texts give away that no public view hides, for the clerk who
/// accepts it (`validate`: the content is public from then on) and the editor who approves
/// or publishes it: other people named after a form of address (`redact::people_named`),
/// told apart by when they are public, and words for someone's health
/// (`exposure::health_words`, sensitive data under Law 91/2025/QH15). Empty for a report
/// never public.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exposure {
    /// Named in the content, the address or the commune: public from acceptance.
    pub people: Vec<String>,
    /// Named in the agency's result only: public once the report is published.
    pub people_in_result: Vec<String>,
    /// Health words found in any of the texts.
    pub health: Vec<&'static str>,
    /// The content or address sets the incident at the reporter's own home ("nhà tôi"):
    /// the public views give it a coarser location ([`public_request`]).
    pub home: bool,
}

impl Exposure {
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.people_in_result.is_empty()
            && self.health.is_empty()
            && !self.home
    }

    /// Every person named, each once, the texts public first.
    pub fn all_people(&self) -> Vec<String> {
        let mut all = self.people.clone();
        for named in &self.people_in_result {
            if !all.contains(named) {
                all.push(named.clone());
            }
        }
        all
    }
}

/// [`Exposure`] of `report`'s public texts as the public will read them, the merged
/// reporters' names hidden too.
pub fn exposure(
    report: &Report,
    kept: Option<&KeptTexts>,
    merged: &crate::domain::redact::Merged,
) -> Exposure {
    let Some(texts) = public_texts(report, kept) else {
        return Exposure::default();
    };
    let named = |text: &Redacted, into: &mut Vec<String>, besides: &[String]| {
        for one in crate::domain::redact::people_named(&merged.hide(&text.text)) {
            if !into.contains(&one) && !besides.contains(&one) {
                into.push(one);
            }
        }
    };
    let mut people = Vec::new();
    for text in [&texts.content, &texts.address, &texts.commune] {
        named(text, &mut people, &[]);
    }
    let mut people_in_result = Vec::new();
    if let Some(result) = &texts.result {
        named(result, &mut people_in_result, &people);
    }
    let health = crate::domain::exposure::health_words(
        [&texts.content, &texts.address, &texts.commune]
            .into_iter()
            .chain(texts.result.as_ref())
            .map(|t| t.text.as_str()),
    );
    Exposure {
        people,
        people_in_result,
        health,
        home: crate::domain::exposure::at_reporters_home(&report.content, &report.address),
    }
}

/// Whether a report's texts as written may give away something [`exposure`] warns of: a
/// cheap look, without the redaction, that lets `validate` pay for [`exposure`] only on the
/// few reports where it will find anything.
pub fn may_expose(report: &Report) -> bool {
    use crate::domain::exposure::{FoldedWords, at_reporters_home_in, health_in};
    // Never public: [`exposure`] finds nothing to warn of.
    if report.is_private() {
        return false;
    }
    let texts = [&report.content, &report.address, &report.commune];
    if texts.iter().any(|t| {
        crate::domain::redact::may_name_people(t)
            && !crate::domain::redact::people_named(t).is_empty()
    }) {
        return true;
    }
    // Each text's words read once, for both lists.
    let [content, address, commune] = texts.map(|t| FoldedWords::of(t));
    at_reporters_home_in(&content, &address) || !health_in(&[content, address, commune]).is_empty()
}

/// What a report just checked gives away from then on: its content is in the public feed
/// from its acceptance (docs/rules.md §6), so [`exposure`] of an accepted report, None when
/// there is nothing to warn of. `validate` and `ingest --validate` both ask here, on their
/// second thread, and pay for [`exposure`] only where [`may_expose`] finds something.
pub fn exposure_once_accepted(checked: &Report) -> Option<Exposure> {
    if checked.status != Status::Accepted || !may_expose(checked) {
        return None;
    }
    Some(exposure(checked, None, &Default::default())).filter(|e| !e.is_empty())
}

/// What `public_texts` hid, all texts together; None when nothing was.
pub fn hidden_in_public_texts(report: &Report, kept: Option<&KeptTexts>) -> Option<Hidden> {
    let texts = public_texts(report, kept)?;
    let hidden = texts
        .content
        .hidden
        .plus(texts.address.hidden)
        .plus(texts.commune.hidden)
        .plus(texts.result.map(|r| r.hidden).unwrap_or_default());
    (!hidden.is_empty()).then_some(hidden)
}

/// What the public view needs beyond the report row, looked up by `storage::open311`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// The name of the report's field.
    pub field_name: Option<String>,
    /// The operator's service code for the report's field, if one exists.
    pub service_code: Option<String>,
    /// That service code's own name (as `service add --name` gave it).
    pub service_code_name: Option<String>,
    /// The name of the assigned agency.
    pub agency_name: Option<String>,
    /// The time of the report's latest workflow event.
    pub updated_at: Option<String>,
    /// The deadline of the report's current open duty clock.
    pub expected_at: Option<String>,
    /// For an erased identity, what its erasure kept of the redaction.
    pub kept: Option<KeptTexts>,
    /// The clock `expected_at` is read from: the exports put the deadline the log gives in
    /// place of the row's where the two may differ honestly (`app::export`).
    pub expected_clock: Option<i64>,
    /// The calendar version that clock's row says its deadline was counted under.
    pub expected_version: Option<String>,
}

/// A report as a GeoReport v2 service request: the public view. Absent values are left
/// out of the JSON (CSV leaves the cell empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceRequest {
    pub service_request_id: String,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_code: Option<String>,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency_responsible: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_notice: Option<String>,
    pub requested_datetime: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_datetime: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_datetime: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub long: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_url: Option<String>,
}

impl ServiceRequest {
    /// The fields written, in order: the CSV header of `export csv --public`.
    pub const FIELDS: [&'static str; 15] = [
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "lat",
        "long",
        "media_url",
    ];
}

/// The service a classified report is published under: the operator's first service code
/// for its field with that code's own name (the field's name when the code has none), else
/// the field code and the field's name. Code and name always come from the same service,
/// and both are in the service list (`service_list`); an unclassified report has neither.
fn service_of(report: &Report, facts: &Facts) -> (Option<String>, Option<String>) {
    let Some(field) = report.field.as_ref() else {
        return (None, None);
    };
    let present = |v: &Option<String>| v.clone().filter(|t| !t.trim().is_empty());
    match &facts.service_code {
        Some(code) => (
            Some(code.clone()),
            present(&facts.service_code_name).or_else(|| present(&facts.field_name)),
        ),
        None => (Some(field.clone()), present(&facts.field_name)),
    }
}

/// The public view of a report, or None when the public may not see it (`is_public`).
/// Status is `closed` once the result is published (Đ9.1, Đ9.4), with the result as
/// `status_notes`; `open` before. The service is `service_of`'s; the address adds the
/// commune when the address does not name it already. Fields without a value are absent
/// (`service_notice`, which phananh has no text for, always is).
pub fn public_request(report: &Report, facts: &Facts) -> Option<ServiceRequest> {
    if !is_public(report) {
        return None;
    }
    let published = report.status == Status::Published;
    let (service_code, service_name) = service_of(report, facts);
    // Free text, the address too, may name the reporter or give a phone number (Đ6.5): the
    // public sees it with those replaced.
    let PublicTexts {
        content,
        address,
        commune,
        result,
    } = public_texts(report, facts.kept.as_ref())?;
    // The incident at the reporter's own home ("nhà tôi"): the house number and the exact
    // point would name the household, and so the reporter (Đ6.5); the public gets the
    // street and a point rounded to about 100 m (docs/rules.md §6 [choice]).
    let home = crate::domain::exposure::at_reporters_home(&report.content, &report.address);
    let address = if home {
        crate::domain::exposure::without_house_number(&address.text)
    } else {
        address.text
    };
    let coarse = |x: Option<f64>| {
        if home {
            x.map(crate::domain::exposure::coarse_coordinate)
        } else {
            x
        }
    };
    let address = match (address.trim(), commune.text.trim()) {
        ("", "") => None,
        (address, "") => Some(address.to_owned()),
        ("", commune) => Some(commune.to_owned()),
        (address, commune) if address.contains(commune) => Some(address.to_owned()),
        (address, commune) => Some(format!("{address}, {commune}")),
    };
    // The public reads the citizen's words, not what a control character or a bidirectional
    // override would make of them on the portal ("Xã\u{202e}NĂC MĂN" reads "XãNĂM CĂN").
    let shown = |text: String| crate::domain::text::printable(&text).into_owned();
    Some(ServiceRequest {
        service_request_id: report.external_id.clone(),
        status: if published { "closed" } else { "open" },
        status_notes: if published {
            result
                .map(|r| shown(r.text))
                .filter(|t| !t.trim().is_empty())
        } else {
            None
        },
        service_name,
        service_code,
        description: shown(content.text),
        // A returned report is no agency's (Đ8.1.b: it said the case was not its own) until
        // the portal dispatches it again; the row still names the agency that returned it.
        agency_responsible: report
            .agency
            .as_ref()
            .filter(|_| report.status != Status::Returned)
            .and(facts.agency_name.clone()),
        service_notice: None,
        requested_datetime: crate::domain::time::format(&report.submitted_at),
        updated_datetime: facts.updated_at.clone(),
        expected_datetime: facts.expected_at.clone(),
        address: address.map(shown),
        lat: coarse(report.latitude),
        long: coarse(report.longitude),
        media_url: {
            let withheld = media_withheld(report, facts.kept.as_ref());
            (1..)
                .zip(&report.media)
                .find(|(number, _)| !withheld.contains(number))
                .map(|(_, link)| link.clone())
        },
    })
}

/// The standard's query parameters of `GET requests` (docs/rules.md §6): several request
/// ids (which override every other parameter), service codes and statuses, each a list.
/// The dates are the storage filter's; this decides the rest on the public view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub ids: Vec<String>,
    pub service_codes: Vec<String>,
    pub statuses: Vec<String>,
}

impl Query {
    pub fn matches(&self, request: &ServiceRequest) -> bool {
        if !self.ids.is_empty() {
            return self.ids.contains(&request.service_request_id);
        }
        let code_ok = self.service_codes.is_empty()
            || request
                .service_code
                .as_ref()
                .is_some_and(|c| self.service_codes.contains(c));
        let status_ok =
            self.statuses.is_empty() || self.statuses.iter().any(|s| s == request.status);
        code_ok && status_ok
    }
}

/// The standard's default window: a `GET requests` with an end date and no start date covers
/// the 90 days before it.
pub const DEFAULT_WINDOW_DAYS: u64 = 90;

/// One service of the GeoReport v2 service list (`GET services`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    pub service_code: String,
    pub service_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// No service asks for extra attributes: phananh takes no requests over the API.
    pub metadata: bool,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keywords: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

impl Service {
    /// The fields in the standard's order (its `services.xml` sample).
    pub const FIELDS: [&'static str; 7] = [
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    ];
}

/// A field (lĩnh vực) as the service list needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldInfo {
    pub code: String,
    pub name: String,
    pub keywords: Vec<String>,
}

/// The service list: every operator's service code (its name, else its field's; grouped by
/// its field's name, with the field's keywords), then every field that has no code, under its
/// own code — so every `service_code` a request is published with is listed. `type` is
/// `realtime` [choice, fixed in the code]: a report gets its number as it is stored.
pub fn service_list(codes: &[(String, String, String)], fields: &[FieldInfo]) -> Vec<Service> {
    let present = |t: &str| (!t.trim().is_empty()).then(|| t.to_owned());
    let field = |code: &str| fields.iter().find(|f| f.code == code);
    let mut out = Vec::new();
    for (code, field_code, name) in codes {
        let f = field(field_code);
        let field_name = f.map(|f| f.name.clone()).unwrap_or_default();
        out.push(Service {
            service_code: code.clone(),
            service_name: present(name).unwrap_or_else(|| field_name.clone()),
            description: present(&field_name),
            metadata: false,
            kind: "realtime",
            keywords: f.and_then(|f| present(&f.keywords.join(", "))),
            group: present(&field_name),
        });
    }
    for f in fields {
        if codes.iter().any(|(_, field_code, _)| *field_code == f.code) {
            continue;
        }
        out.push(Service {
            service_code: f.code.clone(),
            service_name: f.name.clone(),
            description: present(&f.name),
            metadata: false,
            kind: "realtime",
            keywords: present(&f.keywords.join(", ")),
            group: present(&f.name),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time;

    fn values(pairs: &[(&str, &str)]) -> impl Fn(&str) -> String {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |key: &str| map.get(key).cloned().unwrap_or_default()
    }

    fn services() -> ServiceMap {
        ServiceMap::new(
            [("pothole".to_owned(), "GT".to_owned())],
            ["GT".to_owned(), "MT".to_owned()],
        )
    }

    fn request() -> Vec<(&'static str, &'static str)> {
        vec![
            ("service_request_id", "638344"),
            ("service_code", "pothole"),
            ("description", "Ổ gà lớn trước cổng chợ"),
            ("requested_datetime", "2026-10-01T01:15:00Z"),
            ("lat", "9.1769"),
            ("long", "105.1524"),
            ("address", "Đường Phan Ngọc Hiển"),
            ("media_url", "https://example.org/a.jpg"),
            ("first_name", "Văn An"),
            ("last_name", "Nguyễn"),
            ("phone", "0912 345 678"),
        ]
    }

    #[test]
    fn a_request_becomes_a_received_report() {
        let got = read_request(&values(&request()), &services()).unwrap();
        let r = got.report;
        assert_eq!(r.external_id, "638344");
        assert_eq!(time::format(&r.submitted_at), "2026-10-01T08:15:00+07:00");
        assert_eq!(r.occurred_at, Some(r.submitted_at));
        assert_eq!(r.content, "Ổ gà lớn trước cổng chợ");
        assert_eq!(r.media, vec!["https://example.org/a.jpg".to_owned()]);
        assert_eq!((r.latitude, r.longitude), (Some(9.1769), Some(105.1524)));
        assert_eq!(r.address, "Đường Phan Ngọc Hiển");
        assert_eq!(r.reporter_name, "Nguyễn Văn An");
        assert_eq!(r.reporter_phone, "0912345678");
        assert_eq!(r.category_hint, "GT");
        assert_eq!(r.status, Status::Received);
        assert_eq!(got.unknown_service_code, None);
    }

    #[test]
    fn service_codes_map_to_fields_or_stay_as_they_are() {
        let hint = |code: &str| {
            let mut pairs = request();
            pairs.retain(|(k, _)| *k != "service_code");
            pairs.push(("service_code", code));
            let got = read_request(&values(&pairs), &services()).unwrap();
            (got.report.category_hint, got.unknown_service_code)
        };
        assert_eq!(hint("pothole"), ("GT".into(), None));
        assert_eq!(hint("mt"), ("MT".into(), None));
        assert_eq!(
            hint("graffiti"),
            ("graffiti".into(), Some("graffiti".into()))
        );
        assert_eq!(hint(""), (String::new(), None));
    }

    #[test]
    fn address_string_stands_in_for_a_missing_address() {
        let mut pairs = request();
        pairs.retain(|(k, _)| *k != "address");
        pairs.push(("address_string", "Chợ Cà Mau"));
        let got = read_request(&values(&pairs), &services()).unwrap();
        assert_eq!(got.report.address, "Chợ Cà Mau");
    }

    #[test]
    fn errors_name_the_georeport_field() {
        let mut pairs = request();
        pairs.retain(|(k, _)| *k != "requested_datetime" && *k != "lat");
        pairs.push(("requested_datetime", "yesterday"));
        let e = read_request(&values(&pairs), &services()).unwrap_err();
        assert!(e.to_string().starts_with("requested_datetime:"), "{e}");
        let mut pairs = request();
        pairs.retain(|(k, _)| *k != "lat");
        pairs.push(("lat", "north"));
        let e = read_request(&values(&pairs), &services()).unwrap_err();
        assert!(e.to_string().starts_with("lat:"), "{e}");
        let mut pairs = request();
        pairs.retain(|(k, _)| *k != "service_request_id");
        let e = read_request(&values(&pairs), &services()).unwrap_err();
        assert_eq!(e, Malformed::Required("service_request_id"));
    }

    fn report(status: Status) -> Report {
        let mut r = Report::received(
            "CMG-1".into(),
            time::parse("2026-10-01 08:00").unwrap().unwrap(),
        );
        r.status = status;
        r.content = "Đèn đường không sáng".into();
        r.reporter_name = "Trần Thị Bé".into();
        r.reporter_phone = "0912345678".into();
        r.field = Some("HTDT".into());
        r.agency = Some("SXD".into());
        r.result_text = "Đã thay bóng đèn".into();
        r.media = vec!["a.jpg".into(), "b.jpg".into()];
        r.address = "Đường 3/2".into();
        r.commune = "Phường An Xuyên".into();
        r
    }

    proptest::proptest! {
        /// `validate` asks [`exposure`] only where [`may_expose`] says yes: the cheap look
        /// must never miss what the full one finds.
        #[test]
        fn may_expose_never_misses_what_exposure_finds(
            content in proptest::collection::vec(FRAGMENTS, 0..8),
            address in proptest::collection::vec(FRAGMENTS, 0..3),
            commune in proptest::collection::vec(FRAGMENTS, 0..2),
            name in "(Trần Thị Bé|Nguyễn Văn Bình|Lê Minh)",
            confidential in proptest::bool::ANY,
        ) {
            let mut r = report(Status::Accepted);
            r.result_text = String::new();
            r.content = content.join(" ");
            r.address = address.join(", ");
            r.commune = commune.join(" ");
            r.reporter_name = name;
            r.confidential = confidential;
            let found = exposure(&r, None, &Default::default());
            proptest::prop_assert!(found.is_empty() || may_expose(&r), "{found:?} in {r:?}");
        }
    }

    /// Pieces of texts that name people, health or the reporter's home, and some that only
    /// look like it.
    const FRAGMENTS: &str = "(ông Nguyễn Văn Bình|bà Trần Thị Bé|anh Lê Minh|ong Tran Van Hai|\
        con ông là Trần Thị Kiều|vợ là Lê Thị Hoa|bị bệnh lao|ung thư|UNG THU|nghiện ma túy|\
        HIV|mang thai|trước nhà tôi|nha em|nhà của mình|nhà chúng tôi|nhà chung cư|\
        đường Nguyễn Tất Thành|khóm 9|Phường An Xuyên|bà con|Cô|Anh|Là|lao động|\
        ổ gà lớn|đèn đường không sáng|\\.|,)";

    #[test]
    fn media_links_carrying_the_reporters_phone_or_name_are_found() {
        let mut r = report(Status::Replied);
        r.reporter_name = "Nguyễn Thị Mỹ Phượng".into();
        r.reporter_phone = "079 234 5678".into();
        r.media = vec![
            "https://app.camau.gov.vn/uploads/0792345678_1.jpg".into(),
            "https://x.vn/u/nguyen-thi-my-phuong/1.jpg".into(),
            "https://x.vn/phuong-an-xuyen/o-ga.jpg".into(),
            "https://x.vn/u/+84-79-234-5678.png".into(),
            "https://x.vn/u/PhuongNguyen.jpg".into(),
            "https://x.vn/u/my_phuong_2.jpg".into(),
            "https://x.vn/anh/2026/11/02/o-ga-lon.jpg".into(),
        ];
        assert_eq!(media_naming_reporter(&r), vec![1, 2, 4, 5, 6]);
        r.reporter_name.clear();
        r.reporter_phone.clear();
        assert_eq!(media_naming_reporter(&r), Vec::<usize>::new());
    }

    #[test]
    fn a_media_link_naming_the_reporter_is_withheld_before_and_after_an_erasure() {
        let mut r = report(Status::Assigned);
        r.reporter_name = "Nguyễn Văn Bình".into();
        r.reporter_phone = "0912345678".into();
        r.media = vec![
            "https://x.vn/u/nguyen-van-binh.jpg".into(),
            "https://x.vn/u/0912.345.678_2.jpg".into(),
            "https://x.vn/anh/2026/11/02/cay-nga.jpg".into(),
        ];
        assert_eq!(media_withheld(&r, None), vec![1, 2]);
        let public = public_request(&r, &Facts::default()).unwrap();
        assert_eq!(
            public.media_url.as_deref(),
            Some("https://x.vn/anh/2026/11/02/cay-nga.jpg")
        );
        let kept = KeptTexts::of(&r).unwrap();
        assert_eq!(kept.media, vec![1, 2]);
        let mut erased = r.clone();
        erased.reporter_name.clear();
        erased.reporter_phone.clear();
        erased.identity = crate::domain::vault::Stored::Erased(None);
        assert!(erased.identity_erased());
        // The places its erasure kept; without them, the phone by its digits only.
        assert_eq!(media_withheld(&erased, Some(&kept)), vec![1, 2]);
        assert_eq!(media_withheld(&erased, None), vec![2]);
        let mut media = r.media.clone();
        hide_media(&mut media, &[1, 2]);
        assert_eq!(
            media[..2],
            [crate::domain::redact::MARK, crate::domain::redact::MARK]
        );
        // Every link naming the reporter: the public view has none.
        r.media.truncate(2);
        assert_eq!(
            public_request(&r, &Facts::default()).unwrap().media_url,
            None
        );
    }

    #[test]
    fn the_public_sees_no_refused_merged_confidential_or_secret_report() {
        for status in Status::ALL {
            let visible = public_request(&report(status), &Facts::default()).is_some();
            let expected = !matches!(
                status,
                Status::Received | Status::Rejected | Status::Duplicate | Status::ClosedPrivate
            );
            assert_eq!(visible, expected, "{status}");
        }
        let mut confidential = report(Status::Published);
        confidential.confidential = true;
        assert!(public_request(&confidential, &Facts::default()).is_none());
        let mut secret = report(Status::Assigned);
        secret.state_secret = true;
        assert!(public_request(&secret, &Facts::default()).is_none());
    }

    #[test]
    fn closed_once_published_with_the_result_as_notes() {
        let facts = Facts {
            field_name: Some("Hạ tầng đô thị".into()),
            service_code: Some("streetlight".into()),
            service_code_name: Some("Đèn đường không sáng".into()),
            agency_name: Some("Sở Xây dựng".into()),
            updated_at: Some("2026-10-02T09:00:00+07:00".into()),
            expected_at: None,
            kept: None,
            expected_clock: None,
            expected_version: None,
        };
        let published = public_request(&report(Status::Published), &facts).unwrap();
        assert_eq!(published.status, "closed");
        assert_eq!(published.status_notes.as_deref(), Some("Đã thay bóng đèn"));
        assert_eq!(published.service_code.as_deref(), Some("streetlight"));
        assert_eq!(published.media_url.as_deref(), Some("a.jpg"));
        assert_eq!(
            published.address.as_deref(),
            Some("Đường 3/2, Phường An Xuyên")
        );
        let verified = public_request(&report(Status::Verified), &facts).unwrap();
        assert_eq!(verified.status, "open");
        assert_eq!(verified.status_notes, None);
        assert_eq!(
            published.service_name.as_deref(),
            Some("Đèn đường không sáng"),
            "the code's own name, not the field's"
        );
        let plain = public_request(&report(Status::Assigned), &Facts::default()).unwrap();
        assert_eq!(plain.service_code.as_deref(), Some("HTDT"));
    }

    #[test]
    fn code_and_name_always_come_from_one_service() {
        let field_only = Facts {
            field_name: Some("Hạ tầng đô thị".into()),
            ..Facts::default()
        };
        let r = public_request(&report(Status::Assigned), &field_only).unwrap();
        assert_eq!(
            (r.service_code.as_deref(), r.service_name.as_deref()),
            (Some("HTDT"), Some("Hạ tầng đô thị"))
        );
        let unnamed_code = Facts {
            service_code: Some("streetlight".into()),
            service_code_name: Some(String::new()),
            ..field_only.clone()
        };
        let r = public_request(&report(Status::Assigned), &unnamed_code).unwrap();
        assert_eq!(
            (r.service_code.as_deref(), r.service_name.as_deref()),
            (Some("streetlight"), Some("Hạ tầng đô thị"))
        );
        let mut unclassified = report(Status::Accepted);
        unclassified.field = None;
        let r = public_request(&unclassified, &unnamed_code).unwrap();
        assert_eq!((r.service_code, r.service_name), (None, None));
        let json =
            serde_json::to_value(public_request(&report(Status::Assigned), &field_only)).unwrap();
        assert!(json.get("service_notice").is_none(), "{json}");
    }

    #[test]
    fn the_query_parameters_of_get_requests() {
        let facts = Facts {
            field_name: Some("Hạ tầng đô thị".into()),
            ..Facts::default()
        };
        let open = public_request(&report(Status::Assigned), &facts).unwrap();
        let closed = public_request(&report(Status::Published), &facts).unwrap();
        let all = Query::default();
        assert!(all.matches(&open) && all.matches(&closed));
        let by_status = Query {
            statuses: vec!["closed".into()],
            ..Query::default()
        };
        assert!(!by_status.matches(&open) && by_status.matches(&closed));
        let by_code = Query {
            service_codes: vec!["GT".into(), "HTDT".into()],
            ..Query::default()
        };
        assert!(by_code.matches(&open));
        let other_code = Query {
            service_codes: vec!["GT".into()],
            ..Query::default()
        };
        assert!(!other_code.matches(&open));
        // service_request_id overrides every other parameter, as the standard says.
        let by_id = Query {
            ids: vec!["CMG-1".into()],
            service_codes: vec!["GT".into()],
            statuses: vec!["closed".into()],
        };
        assert!(by_id.matches(&open));
        let other_id = Query {
            ids: vec!["CMG-2".into()],
            ..Query::default()
        };
        assert!(!other_id.matches(&open));
    }

    #[test]
    fn every_published_code_is_in_the_service_list() {
        let fields = vec![
            FieldInfo {
                code: "GT".into(),
                name: "Giao thông".into(),
                keywords: vec!["ổ gà".into(), "kẹt xe".into()],
            },
            FieldInfo {
                code: "MT".into(),
                name: "Môi trường".into(),
                keywords: vec![],
            },
        ];
        let codes = vec![(
            "pothole".to_owned(),
            "GT".to_owned(),
            "Ổ gà, hư hỏng mặt đường".to_owned(),
        )];
        let list = service_list(&codes, &fields);
        let names: Vec<(&str, &str)> = list
            .iter()
            .map(|s| (s.service_code.as_str(), s.service_name.as_str()))
            .collect();
        assert_eq!(
            names,
            [("pothole", "Ổ gà, hư hỏng mặt đường"), ("MT", "Môi trường")]
        );
        assert_eq!(list[0].group.as_deref(), Some("Giao thông"));
        assert_eq!(list[0].keywords.as_deref(), Some("ổ gà, kẹt xe"));
        assert_eq!(list[1].keywords, None);
        let json = serde_json::to_value(&list[1]).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "service_code",
                "service_name",
                "description",
                "metadata",
                "type",
                "group"
            ]
        );
    }

    #[test]
    fn the_public_view_holds_only_georeport_fields_and_no_identity() {
        let facts = Facts {
            expected_at: Some("2026-10-02T09:00:00+07:00".into()),
            ..Facts::default()
        };
        let request = public_request(&report(Status::Assigned), &facts).unwrap();
        let json = serde_json::to_value(&request).unwrap();
        let object = json.as_object().unwrap();
        for key in object.keys() {
            assert!(RESPONSE_FIELDS.contains(&key.as_str()), "{key}");
        }
        for key in ServiceRequest::FIELDS {
            assert!(RESPONSE_FIELDS.contains(&key), "{key}");
        }
        let text = json.to_string();
        assert!(!text.contains("Trần Thị Bé") && !text.contains("0912345678"));
    }

    #[test]
    fn identity_written_in_content_or_result_is_hidden_from_the_public() {
        let mut r = report(Status::Published);
        r.reporter_name = "Nguyễn Văn Bình".into();
        r.content = "Tôi là Nguyễn Văn Bình, số điện thoại 0912 345 678".into();
        r.result_text = "Đã liên hệ ông Bình (0912345678)".into();
        let request = public_request(&r, &Facts::default()).unwrap();
        assert_eq!(request.description, "Tôi là [đã ẩn], số điện thoại [đã ẩn]");
        assert_eq!(
            request.status_notes.as_deref(),
            Some("Đã liên hệ ông [đã ẩn] ([đã ẩn])")
        );
        let hidden = hidden_in_public_texts(&r, None).unwrap();
        assert_eq!((hidden.name, hidden.phone), (2, 2));
        r.confidential = true;
        assert_eq!(hidden_in_public_texts(&r, None), None);
    }

    /// Issue: the address went public as typed, and the warning before publishing did not
    /// count what it held.
    #[test]
    fn identity_written_in_the_address_is_hidden_and_counted() {
        let mut r = report(Status::Published);
        r.reporter_name = "Phạm Quốc Việt".into();
        r.address = "Nhà ông Phạm Quốc Việt, 0933 444 555, Trần Hưng Đạo".into();
        let request = public_request(&r, &Facts::default()).unwrap();
        assert_eq!(
            request.address.as_deref(),
            Some("Nhà ông [đã ẩn], [đã ẩn], Trần Hưng Đạo, Phường An Xuyên")
        );
        let hidden = hidden_in_public_texts(&r, None).unwrap();
        assert_eq!((hidden.name, hidden.phone), (1, 1));
    }

    /// Issue: once `erase` emptied the name, the public texts showed the names they had
    /// hidden. The same report before and after shows none.
    #[test]
    fn kept_places_fit_the_texts_they_were_kept_for_and_no_others() {
        let mut r = report(Status::Published);
        r.reporter_name = "Nguyễn Thị Thủy".into();
        r.content = "Ổ gà lớn. Người viết: Thủy Nguyễn, khóm 3.".into();
        r.result_text = "Đã vá ổ gà.".into();
        let kept = KeptTexts::of(&r).unwrap();
        assert!(kept.fits(&r));
        // A backup taken before the reply: its result is not the one the places are for.
        let mut earlier = r.clone();
        earlier.result_text.clear();
        assert!(!kept.fits(&earlier));
        // Another chain's report under the same app id.
        let mut other = r.clone();
        other.content = "Ổ gà lớn, khóm 3 12. Người viết: Lộc Trần.".into();
        assert!(!kept.fits(&other));
        assert!(!KeptTexts::default().fits(&r), "no places fit nothing");
    }

    #[test]
    fn an_erased_identity_leaves_the_names_hidden() {
        let mut r = report(Status::Published);
        r.reporter_name = "Nguyễn Văn Bình".into();
        r.content = "Tôi là Nguyễn Văn Bình, số điện thoại 0912 345 678".into();
        r.address = "Nhà anh Bình, hẻm 5".into();
        r.result_text = "Đã liên hệ anh Bình (0912345678)".into();
        let before = public_request(&r, &Facts::default()).unwrap();
        r.reporter_name.clear();
        r.reporter_phone.clear();
        r.identity = crate::domain::vault::Stored::Erased(None);
        let after = public_request(&r, &Facts::default()).unwrap();
        for request in [&before, &after] {
            assert_eq!(request.description, "Tôi là [đã ẩn], số điện thoại [đã ẩn]");
            assert_eq!(
                request.status_notes.as_deref(),
                Some("Đã liên hệ anh [đã ẩn] ([đã ẩn])")
            );
            assert_eq!(
                request.address.as_deref(),
                Some("Nhà anh [đã ẩn], hẻm 5, Phường An Xuyên")
            );
        }
    }
}
