//! Open311 GeoReport v2 (<https://wiki.open311.org/GeoReport_v2>), the open standard many
//! cities use to exchange service requests. Owns the standard's field names, how one request
//! of a `GET requests.json` response becomes the ingest columns of a report (docs/rules.md §6), which
//! reports the public may see and what of them: the public view never carries the reporter's
//! identity (Đ6.5) nor anything confidential or state-secret (Đ9.2, Đ9.3). No I/O, no SQL:
//! `storage::open311` loads, `cli::ingest` and `cli::export` read and write.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::intake::{Column, Malformed, RawRecord, parse_record};
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
/// `lat`/`long`, `address` (else `address_string`), `first_name` + `last_name` → reporter's
/// name, `phone`, and the field `service_code` means as the category hint (the code itself
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
    let name = [value_of("first_name"), value_of("last_name")]
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
        "reporter_name" => "first_name/last_name",
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
        other @ Malformed::IdTooLong(_) => other,
    }
}

/// Whether the public may see a report at all: not refused at reception, not merged into
/// another, not confidential (Đ9.2), not state-secret (Đ9.3) — nor answered privately, which
/// only those two lead to. Reports still in progress are public: the citizen's request is,
/// only its result waits for verification (Đ9.1).
pub fn is_public(report: &Report) -> bool {
    !matches!(
        report.status,
        Status::Rejected | Status::Duplicate | Status::ClosedPrivate
    ) && !report.is_private()
}

/// What the public view needs beyond the report row, looked up by `storage::open311`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// The name of the report's field.
    pub field_name: Option<String>,
    /// The operator's service code for the report's field, if one exists.
    pub service_code: Option<String>,
    /// The name of the assigned agency.
    pub agency_name: Option<String>,
    /// The time of the report's latest workflow event.
    pub updated_at: Option<String>,
    /// The deadline of the report's current open duty clock.
    pub expected_at: Option<String>,
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
    pub service_notice: String,
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

/// The public view of a report, or None when the public may not see it (`is_public`).
/// Status is `closed` once the result is published (Đ9.1, Đ9.4), with the result as
/// `status_notes`; `open` before. The service code is the operator's code for the field when
/// one exists, else the field code; the address adds the commune when the address does not
/// name it already.
pub fn public_request(report: &Report, facts: &Facts) -> Option<ServiceRequest> {
    if !is_public(report) {
        return None;
    }
    let published = report.status == Status::Published;
    let present = |text: &str| (!text.trim().is_empty()).then(|| text.to_owned());
    let address = match (report.address.trim(), report.commune.trim()) {
        ("", "") => None,
        (address, "") => Some(address.to_owned()),
        ("", commune) => Some(commune.to_owned()),
        (address, commune) if address.contains(commune) => Some(address.to_owned()),
        (address, commune) => Some(format!("{address}, {commune}")),
    };
    Some(ServiceRequest {
        service_request_id: report.external_id.clone(),
        status: if published { "closed" } else { "open" },
        status_notes: if published {
            present(&report.result_text)
        } else {
            None
        },
        service_name: report.field.as_ref().and(facts.field_name.clone()),
        service_code: report
            .field
            .as_ref()
            .map(|field| facts.service_code.clone().unwrap_or_else(|| field.clone())),
        description: report.content.clone(),
        agency_responsible: report.agency.as_ref().and(facts.agency_name.clone()),
        service_notice: String::new(),
        requested_datetime: crate::domain::time::format(&report.submitted_at),
        updated_datetime: facts.updated_at.clone(),
        expected_datetime: facts.expected_at.clone(),
        address,
        lat: report.latitude,
        long: report.longitude,
        media_url: report.media.first().cloned(),
    })
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
            ("first_name", "Nguyễn"),
            ("last_name", "Văn An"),
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

    #[test]
    fn the_public_sees_no_refused_merged_confidential_or_secret_report() {
        for status in Status::ALL {
            let visible = public_request(&report(status), &Facts::default()).is_some();
            let expected = !matches!(
                status,
                Status::Rejected | Status::Duplicate | Status::ClosedPrivate
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
            agency_name: Some("Sở Xây dựng".into()),
            updated_at: Some("2026-10-02T09:00:00+07:00".into()),
            expected_at: None,
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
        let plain = public_request(&report(Status::Assigned), &Facts::default()).unwrap();
        assert_eq!(plain.service_code.as_deref(), Some("HTDT"));
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
}
