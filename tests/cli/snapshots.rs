//! Snapshots of whole outputs, as a safety net for refactoring: a report's page (`show`, as
//! a table in both languages and as JSON), the periodic report as a terminal table, and the
//! skeleton of the HTML report (its elements, ids and classes, not its text or numbers).
//!
//! They run on the database `demo` plays (deterministic: the same every time) with the
//! clock pinned. A change in any of these outputs fails here; when it is intended, review
//! and accept it with `cargo insta review` (or `INSTA_UPDATE=always cargo test snapshots`)
//! and commit the files under `tests/cli/snapshots/`.

use crate::common::*;

/// The moment every snapshot is taken: after the month the demo plays (October 2026).
const AS_OF: &str = "2026-11-02T10:00:00+07:00";

/// The report of the demo with the longest history: returned once, sent back once,
/// published and rated (12 events).
const REPORT: &str = "13";

/// The database `demo` leaves (played once per test binary run, `TestEnv::demo`), with the
/// clock at `AS_OF`; the other modules that need it take it from here.
pub fn played() -> TestEnv {
    let mut env = TestEnv::demo();
    env.set_now(AS_OF);
    env
}

#[test]
fn show_a_report_with_a_full_history() {
    let env = played();
    let events = env.count("SELECT count(*) FROM events WHERE report_id = 13");
    assert_eq!(
        events, 12,
        "the demo no longer plays report 13 the same way"
    );
    insta::assert_snapshot!(
        "show_table_vi",
        env.run_as(ADMIN, &["show", REPORT]).success().stdout
    );
    insta::assert_snapshot!(
        "show_table_en",
        env.run_as(ADMIN, &["--lang", "en", "show", REPORT])
            .success()
            .stdout
    );
    insta::assert_snapshot!(
        "show_json",
        env.run_as(ADMIN, &["show", REPORT, "--format", "json"])
            .success()
            .stdout
    );
}

#[test]
fn the_monthly_report_as_a_terminal_table() {
    let env = played();
    insta::assert_snapshot!(
        "report_monthly_table",
        env.run_as(LEADER, &["report", "monthly", "--period", "2026-10"])
            .success()
            .stdout
    );
}

#[test]
fn the_skeleton_of_the_html_report() {
    let env = played();
    let out = env.dir().join("bao-cao.html");
    env.run_as(
        LEADER,
        &[
            "report",
            "monthly",
            "--period",
            "2026-10",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .success();
    let html = std::fs::read_to_string(&out).unwrap();
    insta::assert_snapshot!("report_html_skeleton", skeleton(&html));
}

/// One element of the HTML: its name, the attributes that give it structure, its children.
struct Element {
    name: String,
    id: Option<String>,
    class: Option<String>,
    lang: Option<String>,
    children: Vec<Element>,
}

/// Elements that never have a closing tag.
const VOID: [&str; 6] = ["meta", "br", "hr", "img", "input", "col"];

/// The HTML's elements as an indented tree (`name#id.class`), without text. Runs of
/// siblings with the same structure (table rows, chart bars) are written once, marked
/// `(repeated)`, so that the skeleton does not change with the numbers; an `svg` is written
/// as the set of element names it draws with.
fn skeleton(html: &str) -> String {
    let tag = regex::Regex::new(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>]*?))(/?)>").unwrap();
    let attr = |attrs: &str, name: &str| {
        regex::Regex::new(&format!(r#"\s{name}="([^"]*)""#))
            .unwrap()
            .captures(attrs)
            .map(|c| c[1].to_owned())
    };
    // A stack of open elements; the root holds the document's top-level elements.
    let mut stack = vec![Element {
        name: String::new(),
        id: None,
        class: None,
        lang: None,
        children: Vec::new(),
    }];
    for c in tag.captures_iter(html) {
        let name = c[2].to_ascii_lowercase();
        if &c[1] == "/" {
            let done = stack.pop().expect("an open element");
            assert_eq!(
                done.name, name,
                "the HTML closes {name} inside {}",
                done.name
            );
            stack.last_mut().unwrap().children.push(done);
            continue;
        }
        let element = Element {
            id: attr(&c[3], "id"),
            class: attr(&c[3], "class"),
            lang: attr(&c[3], "lang"),
            name,
            children: Vec::new(),
        };
        if &c[4] == "/" || VOID.contains(&element.name.as_str()) {
            stack.last_mut().unwrap().children.push(element);
        } else {
            stack.push(element);
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements in the HTML");
    let mut out = String::new();
    for child in &stack[0].children {
        write_element(child, 0, &mut out);
    }
    out
}

fn write_element(element: &Element, depth: usize, out: &mut String) {
    out.push_str(&"  ".repeat(depth));
    out.push_str(&element.name);
    if let Some(lang) = &element.lang {
        out.push_str(&format!("[lang={lang}]"));
    }
    if let Some(id) = &element.id {
        out.push_str(&format!("#{id}"));
    }
    if let Some(class) = &element.class {
        for c in class.split_whitespace() {
            out.push('.');
            out.push_str(c);
        }
    }
    if element.name == "svg" {
        let mut names: Vec<&str> = Vec::new();
        let mut todo: Vec<&Element> = element.children.iter().collect();
        while let Some(e) = todo.pop() {
            names.push(&e.name);
            todo.extend(&e.children);
        }
        names.sort_unstable();
        names.dedup();
        out.push_str(&format!(" draws [{}]\n", names.join(", ")));
        return;
    }
    out.push('\n');
    let mut previous: Option<String> = None;
    let mut repeated = false;
    for child in &element.children {
        let mut text = String::new();
        write_element(child, depth + 1, &mut text);
        if previous.as_deref() == Some(text.as_str()) {
            if !repeated {
                out.push_str(&"  ".repeat(depth + 1));
                out.push_str("(repeated)\n");
                repeated = true;
            }
            continue;
        }
        out.push_str(&text);
        previous = Some(text);
        repeated = false;
    }
}
