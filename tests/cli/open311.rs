//! Open311 GeoReport v2 in full: `export open311` as the standard's JSON and XML, `service
//! list` as its service list, checked field by field against the shapes of the standard's
//! samples (`tests/fixtures/open311/`); its query parameters and 90-day default window;
//! service code and name from one service; fields without a value left out. And ingest of
//! what other systems send: no name or phone (judged by `validate.open311_identity`), the
//! family name first, and a hint for a `.json` file that is really a GeoReport response.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::{Value, json};

use crate::common::*;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/open311")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ext(id: &str) -> String {
    format!("ext:{id}")
}

/// The validated examples with the example service codes, one GT report published through
/// SXD and one street-light report assigned to it.
fn world() -> (TestEnv, String, String) {
    static TEMPLATE: Template<(String, String)> = Template::new();
    let (env, (published, assigned)) = TEMPLATE.copy_with(|| {
        let env = TestEnv::validated();
        env.run_as(
            ADMIN,
            &["service", "import", &example_str("service-codes.csv")],
        )
        .success();
        let picked: Vec<String> = env.column(
            "SELECT external_id FROM reports WHERE status = 'accepted' AND confidential = 0
              ORDER BY id LIMIT 2",
        );
        let (published, assigned) = (picked[0].clone(), picked[1].clone());
        let p = ext(&published);
        let a = ext(&assigned);
        for (user, args) in [
            (RECEPTION, vec!["classify", &p, "--field", "GT"]),
            (RECEPTION, vec!["assign", &p, "--agency", "SXD"]),
            (HANDLER_SXD, vec!["reply", &p, "--text", "Đã vá mặt đường."]),
            (RECEPTION, vec!["verify", &p, "--approve"]),
            (RECEPTION, vec!["publish", &p]),
            (RECEPTION, vec!["classify", &a, "--field", "HTDT"]),
            (RECEPTION, vec!["assign", &a, "--agency", "SXD"]),
        ] {
            env.run_as(user, &args).success();
        }
        (env, (published, assigned))
    });
    (env, published, assigned)
}

/// The element names of each child of the root, as a document lists them.
fn xml_records(text: &str, root: &str, record: &str) -> Vec<Vec<(String, String)>> {
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(doc.root_element().tag_name().name(), root, "{text}");
    doc.root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|n| {
            assert_eq!(n.tag_name().name(), record, "{text}");
            n.children()
                .filter(|c| c.is_element())
                .map(|c| {
                    assert!(
                        c.children().all(|x| x.is_text()),
                        "{} is not flat",
                        c.tag_name().name()
                    );
                    (
                        c.tag_name().name().to_owned(),
                        c.text().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .collect()
}

/// Checks that every name of `ours` is one of the sample's and that they come in the
/// sample's order.
#[track_caller]
fn in_sample_order(ours: &[String], sample: &[String], what: &str) {
    let mut last = None;
    for name in ours {
        let at = sample
            .iter()
            .position(|s| s == name)
            .unwrap_or_else(|| panic!("{what}: {name} is not a field of the standard"));
        assert!(
            last.is_none_or(|l| l < at),
            "{what}: {name} is out of the standard's order {ours:?}"
        );
        last = Some(at);
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Each key of `ours` is the sample's, with the sample's type (a sample's `null` stands for
/// text; the standard types ids as strings, which its sample writes as numbers).
#[track_caller]
fn same_types(ours: &Value, sample: &Value, what: &str) {
    let sample = sample.as_object().unwrap();
    for (key, value) in ours.as_object().unwrap() {
        let Some(expected) = sample.get(key) else {
            panic!("{what}: {key} is not a field of the standard");
        };
        let expected = match (key.as_str(), kind(expected)) {
            ("service_request_id", _) | (_, "null") => "string",
            (_, k) => k,
        };
        assert_eq!(kind(value), expected, "{what}: {key} = {value}");
        assert!(
            value != &json!(""),
            "{what}: {key} is empty instead of absent"
        );
    }
}

#[test]
fn the_json_export_has_the_shape_of_the_standards_requests_json() {
    let (env, published, _) = world();
    let ours = env.run_as(LEADER, &["export", "open311"]).success().json();
    let sample: Value = serde_json::from_str(&fixture("requests.json")).unwrap();
    let sample_keys: Vec<String> = sample[0].as_object().unwrap().keys().cloned().collect();
    assert!(array(&ours).len() > 250, "{}", array(&ours).len());
    for request in array(&ours) {
        same_types(request, &sample[0], "requests.json");
        let keys: Vec<String> = request.as_object().unwrap().keys().cloned().collect();
        in_sample_order(&keys, &sample_keys, "requests.json");
        for required in [
            "service_request_id",
            "status",
            "requested_datetime",
            "description",
        ] {
            assert!(request.get(required).is_some(), "{required}: {request:#}");
        }
        assert!(request.get("service_notice").is_none(), "{request:#}");
    }
    let closed = array(&ours)
        .iter()
        .find(|r| r["service_request_id"] == published)
        .unwrap();
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["status_notes"], "Đã vá mặt đường.");
}

#[test]
fn the_xml_export_has_the_shape_of_the_standards_requests_xml_and_the_jsons_values() {
    let (env, _, _) = world();
    let xml = env
        .run_as(LEADER, &["--format", "xml", "export", "open311"])
        .success()
        .stdout
        .clone();
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_requests>"),
        "{}",
        &xml[..200]
    );
    let sample = xml_records(&fixture("requests.xml"), "service_requests", "request");
    let sample_names: Vec<String> = sample[0].iter().map(|(n, _)| n.clone()).collect();
    let ours = xml_records(&xml, "service_requests", "request");
    let json = env.run_as(LEADER, &["export", "open311"]).success().json();
    assert_eq!(ours.len(), array(&json).len());
    for (request, from_json) in ours.iter().zip(array(&json)) {
        let names: Vec<String> = request.iter().map(|(n, _)| n.clone()).collect();
        in_sample_order(&names, &sample_names, "requests.xml");
        let object = from_json.as_object().unwrap();
        assert_eq!(
            names,
            object.keys().cloned().collect::<Vec<_>>(),
            "the XML carries the JSON's fields"
        );
        for (name, text) in request {
            assert!(!text.is_empty(), "empty <{name}> instead of absent");
            let expected = match &object[name] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(text, &expected, "<{name}>");
        }
    }
}

#[test]
fn the_service_list_has_the_shape_of_the_standards_services_list() {
    let (env, _, _) = world();
    let json = env
        .run_as(RECEPTION, &["--format", "open311-json", "service", "list"])
        .success()
        .json();
    let sample: Value = serde_json::from_str(&fixture("services.json")).unwrap();
    let sample_keys: Vec<String> = sample[0].as_object().unwrap().keys().cloned().collect();
    for service in array(&json) {
        same_types(service, &sample[0], "services.json");
        let keys: Vec<String> = service.as_object().unwrap().keys().cloned().collect();
        in_sample_order(&keys, &sample_keys, "services.json");
        for required in ["service_code", "service_name", "metadata", "type"] {
            assert!(service.get(required).is_some(), "{required}: {service:#}");
        }
    }
    // Every service code, and every field without one under its own code.
    let codes: BTreeSet<String> = array(&json)
        .iter()
        .map(|s| s["service_code"].as_str().unwrap().to_owned())
        .collect();
    let imported: Vec<String> = env.column("SELECT service_code FROM service_codes");
    let uncoded: Vec<String> =
        env.column("SELECT code FROM fields WHERE code NOT IN (SELECT field FROM service_codes)");
    assert_eq!(
        codes,
        imported
            .iter()
            .chain(&uncoded)
            .cloned()
            .collect::<BTreeSet<_>>()
    );
    let xml = env
        .run_as(RECEPTION, &["--format", "open311-xml", "service", "list"])
        .success()
        .stdout
        .clone();
    let sample = xml_records(&fixture("services.xml"), "services", "service");
    let sample_names: Vec<String> = sample[0].iter().map(|(n, _)| n.clone()).collect();
    let ours = xml_records(&xml, "services", "service");
    assert_eq!(ours.len(), array(&json).len());
    for (service, from_json) in ours.iter().zip(array(&json)) {
        let names: Vec<String> = service.iter().map(|(n, _)| n.clone()).collect();
        in_sample_order(&names, &sample_names, "services.xml");
        for (name, text) in service {
            let expected = match &from_json[name] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(text, &expected, "<{name}>");
        }
    }
}

#[test]
fn service_code_and_service_name_always_name_one_listed_service() {
    let (env, published, assigned) = world();
    let list = env
        .run_as(RECEPTION, &["--format", "open311-json", "service", "list"])
        .success()
        .json();
    let names: BTreeMap<String, String> = array(&list)
        .iter()
        .map(|s| {
            (
                s["service_code"].as_str().unwrap().to_owned(),
                s["service_name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let requests = env.run_as(LEADER, &["export", "open311"]).success().json();
    let mut classified = 0;
    for request in array(&requests) {
        match (request.get("service_code"), request.get("service_name")) {
            (None, None) => {}
            (Some(code), Some(name)) => {
                classified += 1;
                assert_eq!(
                    names.get(code.as_str().unwrap()).map(String::as_str),
                    name.as_str(),
                    "{request:#}"
                );
            }
            _ => panic!("a code without its name, or the reverse: {request:#}"),
        }
    }
    assert_eq!(classified, 2);
    let by_id = |id: &str| {
        array(&requests)
            .iter()
            .find(|r| r["service_request_id"] == id)
            .unwrap()
            .clone()
    };
    let gt = by_id(&published);
    assert_eq!(gt["service_code"], "pothole");
    assert_eq!(gt["service_name"], "Ổ gà, hư hỏng mặt đường");
    assert_eq!(by_id(&assigned)["service_code"], "streetlight");
}

/// The ids of an `export open311` run with `args`.
fn exported(env: &TestEnv, args: &[&str]) -> BTreeSet<String> {
    let mut all = vec!["export", "open311"];
    all.extend_from_slice(args);
    let json = env.run_as(AUDITOR, &all).success().json();
    array(&json)
        .iter()
        .map(|r| r["service_request_id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_standards_query_parameters_and_default_window() {
    let (env, published, assigned) = world();
    let all = env.run_as(AUDITOR, &["export", "open311"]).success().json();
    let all = array(&all);
    let ids = |keep: &dyn Fn(&Value) -> bool| -> BTreeSet<String> {
        all.iter()
            .filter(|r| keep(r))
            .map(|r| r["service_request_id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        exported(&env, &["--status", "closed"]),
        BTreeSet::from([published.clone()])
    );
    let open = exported(&env, &["--status", "open"]);
    assert_eq!(open, ids(&|r| r["status"] == "open"));
    assert_eq!(open.len() + 1, all.len());
    assert_eq!(
        exported(&env, &["--service-code", "streetlight,pothole"]),
        BTreeSet::from([published.clone(), assigned.clone()])
    );
    assert!(exported(&env, &["--service-code", "noise"]).is_empty());
    // service_request_id overrides every other parameter, dates included.
    let both = format!("{published},{assigned}");
    assert_eq!(
        exported(
            &env,
            &["--id", &both, "--status", "closed", "--from", "2030-01-01"]
        ),
        BTreeSet::from([published.clone(), assigned.clone()])
    );
    // An end date alone: the 90 days before it, as the standard's default.
    let window = exported(&env, &["--to", "2026-10-31"]);
    let expected = ids(&|r| {
        let at = r["requested_datetime"].as_str().unwrap();
        ("2026-08-02".."2026-11-01").contains(&at)
    });
    assert_eq!(window, expected);
    assert!(
        window.len() < all.len(),
        "the window leaves out the first of August"
    );
    env.run_as(AUDITOR, &["export", "open311", "--status", "done"])
        .code(2);
}

#[test]
fn the_open311_formats_belong_to_their_commands() {
    let (env, _, _) = world();
    for (format, args) in [
        ("xml", vec!["list"]),
        ("xml", vec!["export", "csv", "--public"]),
        ("open311-json", vec!["export", "open311"]),
        ("open311-xml", vec!["list"]),
    ] {
        let mut all = vec!["--format", format];
        all.extend(args);
        env.run_as(RECEPTION, &all)
            .failure()
            .one_line_error()
            .stderr_has(&format!("--format {format}"));
    }
}

// ---------------------------------------------------------------------------------------
// ingest --input-format open311

/// A GeoReport response as another system sends it: complete but for the reporter, whom
/// the standard never carries.
fn anonymous_requests(prefix: &str) -> Value {
    json!([
        {
            "service_request_id": format!("{prefix}-1"),
            "status": "open",
            "service_code": "pothole",
            "description": "Ổ gà lớn trên đường Lý Thường Kiệt, xe máy đi qua rất nguy hiểm.",
            "requested_datetime": "2026-10-02T01:15:00Z",
            "address": "Đường Lý Thường Kiệt, phường An Xuyên",
            "lat": 9.1769,
            "long": 105.1524,
            "media_url": "https://example.org/media/1.jpg"
        },
        {
            "service_request_id": format!("{prefix}-2"),
            "status": "open",
            "service_code": "streetlight",
            "description": "Đèn đường trước trường học không sáng mấy hôm nay.",
            "requested_datetime": "2026-10-02T02:00:00Z",
            "address_string": "Trường THCS Nguyễn Du",
            "media_url": "https://example.org/media/2.jpg"
        }
    ])
}

fn write(env: &TestEnv, name: &str, value: &Value) -> String {
    let path = env.dir().join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn requests_without_name_or_phone_are_kept_with_their_origin_and_judged_by_the_setting() {
    let env = TestEnv::seeded();
    env.run_as(
        ADMIN,
        &["service", "import", &example_str("service-codes.csv")],
    )
    .success();
    // In one pass (ingest --validate) and in two (ingest, then validate).
    let one = write(&env, "one.json", &anonymous_requests("ONE"));
    env.run_as(
        RECEPTION,
        &["ingest", "--input-format", "open311", "--validate", &one],
    )
    .success();
    let two = write(&env, "two.json", &anonymous_requests("TWO"));
    env.run_as(RECEPTION, &["ingest", "--input-format", "open311", &two])
        .success();
    env.run_as(RECEPTION, &["validate"]).success();
    for id in ["ONE-1", "ONE-2", "TWO-1", "TWO-2"] {
        assert_eq!(env.status_of(&ext(id)), "accepted", "{id}");
    }
    let origins: Vec<String> = env.column(
        "SELECT json_extract(e.payload, '$.origin') FROM events e
           JOIN reports r ON r.id = e.report_id
          WHERE e.action = 'ingest' ORDER BY e.id",
    );
    assert_eq!(origins, ["open311"; 4]);
    // The app's own reports carry no origin and still need a name and phone.
    let csv = env.dir().join("app.csv");
    std::fs::write(
        &csv,
        "external_id,submitted_at,occurred_at,content,media,address,reporter_name,reporter_phone,confidential\n\
         APP-1,2026-10-02 08:00,2026-10-02 07:30,Ổ gà lớn trên đường Lý Thường Kiệt.,a.jpg,Đường Lý Thường Kiệt,,,\n",
    )
    .unwrap();
    env.run_as(RECEPTION, &["ingest", "--validate", csv.to_str().unwrap()])
        .success();
    assert_eq!(env.status_of("ext:APP-1"), "rejected");
    let app_origin: Vec<Option<String>> = env.column(
        "SELECT json_extract(e.payload, '$.origin') FROM events e
           JOIN reports r ON r.id = e.report_id
          WHERE e.action = 'ingest' AND r.external_id = 'APP-1'",
    );
    assert_eq!(app_origin, [None::<String>]);
    // The other reading of Art. 6.3: Open311 reports need the identity too.
    env.run_as(
        ADMIN,
        &["settings", "set", "validate.open311_identity", "required"],
    )
    .success();
    let three = write(&env, "three.json", &anonymous_requests("THREE"));
    env.run_as(
        RECEPTION,
        &["ingest", "--input-format", "open311", "--validate", &three],
    )
    .success();
    let show = env.show("ext:THREE-1");
    assert_eq!(show["status"], "rejected");
    assert_eq!(
        show["reject_reasons"],
        json!(["missing_name", "missing_phone"])
    );
    env.run_as(ADMIN, &["settings", "show"])
        .success()
        .stdout_has("validate.open311_identity");
}

#[test]
fn the_family_name_comes_first() {
    let env = TestEnv::seeded();
    let mut requests = anonymous_requests("NAME");
    requests[0]["first_name"] = json!("Văn An");
    requests[0]["last_name"] = json!("Nguyễn");
    requests[0]["phone"] = json!("0912 345 678");
    let file = write(&env, "named.json", &requests);
    env.run_as(RECEPTION, &["ingest", "--input-format", "open311", &file])
        .success();
    let id = env.id_of("NAME-1");
    let name: Vec<String> = env
        .identities()
        .into_iter()
        .filter(|(i, _, _)| *i == id)
        .map(|(_, name, _)| name)
        .collect();
    assert_eq!(name, ["Nguyễn Văn An"]);
}

#[test]
fn a_json_file_that_is_a_georeport_response_gets_a_hint() {
    let env = TestEnv::seeded();
    let file = write(&env, "requests.json", &anonymous_requests("HINT"));
    let vi = env.run_as(RECEPTION, &["ingest", &file]);
    vi.failure().stderr_has("--input-format open311");
    assert_eq!(
        vi.stderr.matches("--input-format open311").count(),
        1,
        "{vi}"
    );
    assert!(vi.stderr.contains("gợi ý"), "{vi}");
    env.run_as(RECEPTION, &["--lang", "en", "ingest", &file])
        .failure()
        .stderr_has("hint: this file looks like an Open311");
    // Our own JSON is not mistaken for it.
    let own = write(
        &env,
        "own.json",
        &json!([{ "external_id": "OWN-1", "submitted_at": "2026-10-02 08:00",
                   "service_request_id": "x" }]),
    );
    let run = env.run_as(RECEPTION, &["ingest", &own]);
    assert!(!run.stderr.contains("--input-format open311"), "{run}");
}
