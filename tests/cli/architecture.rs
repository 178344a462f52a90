//! The shape issue 15 gave the code, held by reading the sources: SQL only in
//! `src/storage/`, no command file of `src/cli/` using another command's, each layer using
//! only the layers below it (the domain none: it is pure), and the examples using the
//! library's application API, not its command layer. Test modules are left out: a test may
//! read a table to check what a use case wrote.
//!
//! The sources are read with a small Rust lexer (comments, strings, raw strings, character
//! literals and lifetimes), enough to tell code from text and to find where a
//! `#[cfg(test)] mod … { … }` ends; it is checked on its own below.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What the lexer leaves of a file: its code with every string literal's text and every
/// comment blanked (so a `{` in a message is not a brace), and the string literals apart.
struct Source {
    path: String,
    code: String,
    strings: Vec<(usize, String)>,
}

fn lex(path: String, text: &str) -> Source {
    let bytes = text.as_bytes();
    let mut code = String::with_capacity(text.len());
    let mut strings = Vec::new();
    let mut i = 0;
    let breaks: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    let line_of = |at: usize| breaks.partition_point(|&b| b < at) + 1;
    while i < bytes.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map_or(text.len(), |n| i + n);
            code.push_str(&" ".repeat(end - i));
            i = end;
        } else if rest.starts_with("/*") {
            let (mut depth, mut j) = (0usize, i);
            while j < bytes.len() {
                if text[j..].starts_with("/*") {
                    depth += 1;
                    j += 2;
                } else if text[j..].starts_with("*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            code.push_str(&blank(&text[i..j]));
            i = j;
        } else if let Some((open, hashes)) = raw_string_start(rest) {
            let close = format!("\"{}", "#".repeat(hashes));
            let body = i + open;
            let end = text[body..]
                .find(&close)
                .map_or(text.len(), |n| body + n + close.len());
            strings.push((line_of(i), text[body..end - close.len()].to_owned()));
            code.push_str(&blank(&text[i..end]));
            i = end;
        } else if rest.starts_with('"') || rest.starts_with("b\"") {
            let body = i + rest.find('"').expect("a quote") + 1;
            let mut j = body;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            strings.push((line_of(i), text[body..j.min(text.len())].to_owned()));
            let end = (j + 1).min(text.len());
            code.push_str(&blank(&text[i..end]));
            i = end;
        } else if rest.starts_with('\'') {
            // A character literal ('x', '\n', '\u{1F600}', '"') or a lifetime ('a).
            let len = char_literal_len(rest);
            code.push_str(&blank(&text[i..i + len]));
            i += len;
        } else {
            let c = rest.chars().next().expect("not at the end");
            // An identifier is copied whole, so that a raw string is looked for only where
            // a token starts.
            if c.is_alphanumeric() || c == '_' {
                let len = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let word = &rest[..len];
                code.push_str(word);
                i += len;
            } else {
                code.push(c);
                i += c.len_utf8();
            }
        }
    }
    Source {
        path,
        code,
        strings,
    }
}

/// Spaces for `text`, keeping its line breaks so that lines still count.
fn blank(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect()
}

/// `r"`, `r#"`, `br##"` at the very start of `rest`: the bytes up to the text and the hashes.
fn raw_string_start(rest: &str) -> Option<(usize, usize)> {
    let prefix = if rest.starts_with("br") {
        2
    } else if rest.starts_with('r') {
        1
    } else {
        return None;
    };
    let hashes = rest[prefix..].bytes().take_while(|&b| b == b'#').count();
    (rest[prefix + hashes..].starts_with('"')).then_some((prefix + hashes + 1, hashes))
}

/// The length of the character literal or lifetime at the start of `rest`.
fn char_literal_len(rest: &str) -> usize {
    let mut chars = rest.char_indices().skip(1);
    match chars.next() {
        Some((_, '\\')) => rest[2..].find('\'').map_or(rest.len(), |n| n + 3),
        Some((at, c)) => {
            let after = at + c.len_utf8();
            if rest[after..].starts_with('\'') {
                after + 1
            } else {
                // A lifetime or a label: only the quote is taken.
                1
            }
        }
        None => 1,
    }
}

/// The code of `source` outside its test modules (`#[cfg(test)]` then `mod name {…}`).
fn outside_tests(source: &Source) -> (String, Vec<(usize, String)>) {
    let code = &source.code;
    let mut kept = String::with_capacity(code.len());
    let mut removed: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(found) = code[at..].find("#[cfg(test)]") {
        let start = at + found;
        let after = code[start + "#[cfg(test)]".len()..].trim_start();
        let gap = code.len() - after.len();
        if !(after.starts_with("mod ") || after.starts_with("pub mod ")) {
            kept.push_str(&code[at..gap]);
            at = gap;
            continue;
        }
        let Some(open) = code[gap..].find('{').map(|n| gap + n) else {
            break;
        };
        let mut depth = 0usize;
        let mut end = code.len();
        for (n, b) in code[open..].bytes().enumerate() {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + n + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        kept.push_str(&code[at..start]);
        kept.push_str(&blank(&code[start..end]));
        removed.push((start, end));
        at = end;
    }
    kept.push_str(&code[at..]);
    let breaks: Vec<usize> = code.match_indices('\n').map(|(at, _)| at).collect();
    let line_at = |offset: usize| breaks.partition_point(|&b| b < offset) + 1;
    let removed_lines: Vec<(usize, usize)> = removed
        .iter()
        .map(|&(s, e)| (line_at(s), line_at(e)))
        .collect();
    let strings = source
        .strings
        .iter()
        .filter(|(line, _)| !removed_lines.iter().any(|&(s, e)| (s..=e).contains(line)))
        .cloned()
        .collect();
    (kept, strings)
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a source directory") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The library's sources, lexed once for the tests below.
fn library() -> &'static [Source] {
    static SOURCES: std::sync::OnceLock<Vec<Source>> = std::sync::OnceLock::new();
    SOURCES.get_or_init(|| sources("src"))
}

fn sources(under: &str) -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    rust_files(&root.join(under))
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            let shown = path
                .strip_prefix(root)
                .expect("under the manifest")
                .display()
                .to_string();
            lex(shown, &text)
        })
        .collect()
}

/// The words a statement SQLite runs starts with. A string literal that starts with one in
/// capitals and goes on is taken for SQL (messages are Vietnamese or lower-case English; a
/// lone "DELETE" is the journal mode a backup is set to, not a statement).
const SQL_VERBS: [&str; 16] = [
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "CREATE",
    "DROP",
    "ALTER",
    "PRAGMA",
    "WITH",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "SAVEPOINT",
    "RELEASE",
    "VACUUM",
    "ATTACH",
];

fn is_sql(text: &str) -> bool {
    let text = text.trim_start();
    SQL_VERBS.iter().any(|verb| {
        text.strip_prefix(verb)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
    })
}

/// `path: line: what`, for each SQL string outside `src/storage/` and outside tests.
fn sql_outside_storage(sources: &[Source]) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources {
        if source.path.starts_with("src/storage/") {
            continue;
        }
        let (_, strings) = outside_tests(source);
        for (line, text) in strings {
            if is_sql(&text) {
                let first = text
                    .split_whitespace()
                    .take(4)
                    .collect::<Vec<_>>()
                    .join(" ");
                found.push(format!("{}:{line}: \"{first} …\"", source.path));
            }
        }
    }
    found
}

/// The modules `src/cli/mod.rs` declares: one per command, plus the Vietnamese help.
fn command_modules(sources: &[Source]) -> BTreeSet<String> {
    let cli = sources
        .iter()
        .find(|s| s.path == "src/cli/mod.rs")
        .expect("src/cli/mod.rs");
    cli.code
        .lines()
        .filter_map(|line| line.trim().strip_prefix("mod "))
        .filter_map(|rest| rest.strip_suffix(';'))
        .filter(|name| *name != "help_vi")
        .map(str::to_owned)
        .collect()
}

/// The command module a source file of `src/cli/` is ("backup" for src/cli/backup.rs).
fn command_of(source: &Source) -> Option<&str> {
    source
        .path
        .strip_prefix("src/cli/")
        .and_then(|p| p.strip_suffix(".rs"))
}

/// `path: module`, for each command file that names another command's module.
fn commands_using_commands(sources: &[Source]) -> Vec<String> {
    let commands = command_modules(sources);
    let mut found = Vec::new();
    for source in sources {
        let Some(own) = command_of(source) else {
            continue;
        };
        if own == "mod" {
            continue;
        }
        let (code, _) = outside_tests(source);
        for other in &commands {
            if other == own {
                continue;
            }
            let named = [format!("super::{other}"), format!("cli::{other}")];
            if named.iter().any(|path| {
                code.match_indices(path.as_str()).any(|(at, _)| {
                    !code[at + path.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                })
            }) {
                found.push(format!("{}: {other}", source.path));
            }
        }
    }
    found
}

/// `path: what`, for each use of a layer a module may not use. Each layer uses the ones
/// below it: cli → app → output → storage → domain (output writes its files through
/// storage's private files); the domain, pure, nothing with I/O.
fn layers_crossed(sources: &[Source]) -> Vec<String> {
    let rules: [(&str, &[&str]); 4] = [
        (
            "src/domain/",
            &[
                "crate::app",
                "crate::storage",
                "crate::cli",
                "crate::output",
                "rusqlite",
                "std::fs",
                "std::process",
                "std::env",
                "std::net",
                "std::thread",
                "Utc::now",
                "Local::now",
                "SystemTime",
                "Instant::now",
            ],
        ),
        (
            "src/storage/",
            &["crate::app", "crate::cli", "crate::output"],
        ),
        ("src/app/", &["crate::cli"]),
        ("src/output/", &["crate::app", "crate::cli"]),
    ];
    let mut found = Vec::new();
    for source in sources {
        let Some((_, banned)) = rules.iter().find(|(dir, _)| source.path.starts_with(dir)) else {
            continue;
        };
        let (code, _) = outside_tests(source);
        for what in *banned {
            if code.contains(what) {
                found.push(format!("{}: {what}", source.path));
            }
        }
    }
    found
}

/// `(command, line)`, for each place a command file words a notice itself (`ctx.status`
/// given a literal or a `format!`, or a line printed with `output::say` past it) instead of
/// handing what its use case did to `src/output/`. (An error a command's own parsing
/// words, a value parser's, is the command's.)
fn notices_worded_in_commands(sources: &[Source]) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for source in sources {
        let Some(own) = command_of(source) else {
            continue;
        };
        if own == "help_vi" {
            continue;
        }
        let (code, _) = outside_tests(source);
        let line_at = |at: usize| code[..at].matches('\n').count() + 1;
        for (at, call) in code.match_indices("ctx.status(") {
            let argument = code[at + call.len()..].trim_start();
            // A string literal is blanked, so the argument reads as nothing before its comma.
            if argument.starts_with(',')
                || argument.starts_with("&format!")
                || argument.starts_with("format!")
            {
                found.push((own.to_owned(), line_at(at)));
            }
        }
        // `ctx.status` is how a command says what `src/output/` worded; a line it hands to
        // `output::say` itself was worded on the spot.
        for (at, _) in code.match_indices("output::say(") {
            found.push((own.to_owned(), line_at(at)));
        }
    }
    found.sort();
    found
}

/// Whether `text` reads as words for a person: a letter outside ASCII (every Vietnamese
/// sentence has one: "đ", "ư", a tone mark).
fn is_wording(text: &str) -> bool {
    text.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
}

/// `path:line`, for each place a file of `src/app/` words what a user reads: a `Localized`
/// built on the spot, or a string literal in Vietnamese (`lang.pick("…", "…")`, a status
/// line, an error). The use cases return what they did or a typed refusal; the words for it
/// are `src/output/`'s (or a domain value's `Bilingual` impl).
fn wording_in_app(sources: &[Source]) -> Vec<String> {
    wording_under(sources, "src/app/", &[])
}

/// `path:line`, for each place a command file of `src/cli/` words what a user reads (a
/// prompt, a menu, a choice, an error), as [`wording_in_app`] finds them in the use cases:
/// the command hands values to `src/output/`, which words them. `src/cli/help_vi.rs` is
/// left out: it is the Vietnamese `--help` of the command tree, written beside the clap
/// definition it translates, part of the command line's own definition rather than a
/// result to word.
fn wording_in_commands(sources: &[Source]) -> Vec<String> {
    wording_under(sources, "src/cli/", &["src/cli/help_vi.rs"])
}

/// The lines of each clap attribute (`#[command(…)]`, `#[arg(…)]`) in `code`: the command
/// line's own definition (its help, whose examples type Vietnamese values as an operator
/// would: `--name "Ngày Văn hóa Việt Nam"`), which clap reads where the command is defined.
fn clap_attributes(code: &str) -> Vec<std::ops::RangeInclusive<usize>> {
    let line_at = |at: usize| code[..at].matches('\n').count() + 1;
    let mut spans = Vec::new();
    for opening in ["#[command(", "#[arg("] {
        for (start, _) in code.match_indices(opening) {
            let mut depth = 0usize;
            for (n, b) in code[start + 1..].bytes().enumerate() {
                match b {
                    b'[' => depth += 1,
                    b']' => {
                        depth -= 1;
                        if depth == 0 {
                            spans.push(line_at(start)..=line_at(start + 1 + n));
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    spans
}

fn wording_under(sources: &[Source], under: &str, left_out: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources {
        if !source.path.starts_with(under) || left_out.contains(&source.path.as_str()) {
            continue;
        }
        let (code, strings) = outside_tests(source);
        let line_at = |at: usize| code[..at].matches('\n').count() + 1;
        let mut lines: BTreeSet<usize> = code
            .match_indices("Localized::new(")
            .map(|(at, _)| line_at(at))
            .collect();
        let definition = clap_attributes(&code);
        lines.extend(
            strings
                .iter()
                .filter(|(line, text)| {
                    is_wording(text) && !definition.iter().any(|span| span.contains(line))
                })
                .map(|(line, _)| *line),
        );
        found.extend(
            lines
                .into_iter()
                .map(|line| format!("{}:{line}", source.path)),
        );
    }
    found
}

#[test]
fn sql_is_written_only_in_storage() {
    let found = sql_outside_storage(library());
    assert!(
        found.is_empty(),
        "SQL outside src/storage/ (README: all SQL is in storage):\n{}",
        found.join("\n")
    );
}

#[test]
fn no_command_file_uses_another_commands_file() {
    assert!(command_modules(library()).len() > 15);
    let found = commands_using_commands(library());
    assert!(
        found.is_empty(),
        "a command file names another command's module (move what they share to src/app/ or src/output/):\n{}",
        found.join("\n")
    );
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let found = layers_crossed(library());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn commands_leave_their_notices_wording_to_output() {
    let found: Vec<String> = notices_worded_in_commands(library())
        .into_iter()
        .map(|(command, line)| format!("src/cli/{command}.rs:{line}"))
        .collect();
    assert!(
        found.is_empty(),
        "a command file words a notice itself (put the wording in src/output/, as output::backup does):\n{}",
        found.join("\n")
    );
}

/// The check above finds no notice worded in the commands only if it would find one: each
/// way a command words a notice itself is found, on its line (a status line given its
/// text, or printed past `ctx.status`), and handing over a notice `src/output/` worded is
/// not.
#[test]
fn a_notice_worded_in_a_command_is_found() {
    let file = r#"
fn done(ctx: &Context, n: u64) {
    ctx.status("Đã xong.", "done");
    ctx.status(&format!("{n} dòng"), &format!("{n} lines"));
    ctx.status(
        &format!("{n} mới"),
        "new",
    );
    let notice = crate::output::ingest::malformed(n);
    ctx.status(&notice.vi, &notice.en);
    crate::output::say(&ctx.lang.pick("xong", "done"));
}
#[cfg(test)]
mod tests {
    fn t(ctx: &Context) { ctx.status("thử", "test"); }
}
"#;
    let command = lex("src/cli/example.rs".to_owned(), file);
    let found = notices_worded_in_commands(&[command]);
    let expected: Vec<(String, usize)> = [3, 4, 5, 11]
        .into_iter()
        .map(|line| ("example".to_owned(), line))
        .collect();
    assert_eq!(found, expected);
    // Outside src/cli/ the wording is where it belongs.
    let output = lex("src/output/example.rs".to_owned(), file);
    assert!(notices_worded_in_commands(&[output]).is_empty());
}

#[test]
fn use_cases_leave_their_wording_to_output() {
    let found = wording_in_app(library());
    assert!(
        found.is_empty(),
        "a use case words what a user reads (return what it did or a typed error, and word it in src/output/, as output::erase does):\n{}",
        found.join("\n")
    );
}

/// The check above finds wording in a use case only if it would find it: a `Localized`
/// built there, a Vietnamese literal picked or formatted, each on its line; a `Localized`
/// handed over from `src/output/`, an English key or a test's text is not.
#[test]
fn wording_in_a_use_case_is_found() {
    let file = r#"
fn run(ctx: &Context, n: u64) -> Result<()> {
    ctx.status(&crate::output::ingest::malformed(n));
    let key = "report_id";
    if n == 0 {
        bail!(Localized::new(
            format!("{n} dòng"),
            "lines",
        ));
    }
    let said = ctx.lang.pick("xong", "done");
    ctx.say(ctx.lang.pick("Đã xong.", "done"));
    Ok(())
}
#[cfg(test)]
mod tests {
    fn t() { let _ = Localized::new("thử", "test"); }
}
"#;
    let app = lex("src/app/example.rs".to_owned(), file);
    assert_eq!(
        wording_in_app(&[app]),
        [
            "src/app/example.rs:6",
            "src/app/example.rs:7",
            "src/app/example.rs:12"
        ]
    );
    let output = lex("src/output/example.rs".to_owned(), file);
    assert!(wording_in_app(&[output]).is_empty());
}

/// `path:line`, for each place a file of `src/storage/` words what a user reads, as
/// [`wording_in_app`] finds them in the use cases: storage returns what it found (values,
/// typed errors carrying them) and `src/output/` words it.
fn wording_in_storage(sources: &[Source]) -> Vec<String> {
    wording_under(sources, "src/storage/", &[])
}

/// The files of `src/storage/` that still word what a user reads, each to move its wording to
/// `src/output/`: a list that may only shrink (a file newly wording something fails the
/// check, and so does one listed that no longer does, so that it comes off).
const STORAGE_STILL_WORDING: [&str; 3] = [
    "src/storage/diagnose.rs",
    "src/storage/private.rs",
    "src/storage/queue.rs",
];

/// Fails on anything in `found` not `listed` (newly breaking the rule), and on anything
/// `listed` no longer `found` (to take off the list, which only shrinks).
fn held_to_its_list<T: Ord + std::fmt::Debug>(
    found: &BTreeSet<T>,
    listed: &BTreeSet<T>,
    shown: impl Fn(&T) -> String,
    rule: &str,
    list: &str,
) {
    let newly: Vec<String> = found.difference(listed).map(shown).collect();
    assert!(newly.is_empty(), "{rule}:\n{}", newly.join("\n"));
    let moved: Vec<&T> = listed.difference(found).collect();
    assert!(
        moved.is_empty(),
        "no longer breaking the rule, so off {list}: {moved:?}"
    );
}

#[test]
fn storage_words_nothing() {
    let found = wording_in_storage(library());
    let files: BTreeSet<&str> = found
        .iter()
        .filter_map(|at| at.rsplit_once(':').map(|(file, _)| file))
        .collect();
    let listed: BTreeSet<&str> = STORAGE_STILL_WORDING.into_iter().collect();
    let lines_in = |file: &&str| {
        found
            .iter()
            .filter(|at| at.rsplit_once(':').is_some_and(|(f, _)| f == *file))
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    };
    held_to_its_list(
        &files,
        &listed,
        lines_in,
        "storage words what a user reads (return what it found, a value or a typed error carrying it, and word it in src/output/)",
        "STORAGE_STILL_WORDING",
    );
}

/// The check above finds wording in storage only if it would find it: a `Localized` built
/// there, a Vietnamese literal in an error or a helper's text, each on its line; an English
/// error for a log, SQL, a test's text and the same file under `src/output/` are not.
#[test]
fn wording_in_storage_is_found() {
    let file = r#"
pub fn open(conn: &Connection, version: i64) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > version {
        bail!(crate::i18n::Localized::new(
            format!("phiên bản {found}"),
            format!("version {found}"),
        ));
    }
    let kind = "một thư mục";
    anyhow::ensure!(found >= 0, "negative schema version {found}");
    Ok(())
}
#[cfg(test)]
mod tests {
    fn t() { let _ = Localized::new("thử", "test"); }
}
"#;
    let storage = lex("src/storage/example.rs".to_owned(), file);
    assert_eq!(
        wording_in_storage(&[storage]),
        [
            "src/storage/example.rs:5",
            "src/storage/example.rs:6",
            "src/storage/example.rs:10"
        ]
    );
    let output = lex("src/output/example.rs".to_owned(), file);
    assert!(wording_in_storage(&[output]).is_empty());
}

#[test]
fn commands_word_nothing() {
    let found = wording_in_commands(library());
    assert!(
        found.is_empty(),
        "a command words what a user reads (hand the values to src/output/ and let it word them, as output::triage does for the desk):\n{}",
        found.join("\n")
    );
}

/// The check above finds wording in a command only if it would find it: a `Localized`
/// built there, a Vietnamese literal picked, formatted or in an attribute other than clap's,
/// each on its line; a line handed over from `src/output/`, an English key, a test's text,
/// a clap attribute's (the command line's definition) and the Vietnamese `--help` are not.
#[test]
fn wording_in_a_command_is_found() {
    let file = r#"
fn cmd(ctx: &Context, n: u64) -> Result<u8> {
    let asked = crate::output::triage::prompt_id(ctx.lang);
    let key = "report_id";
    if n == 0 {
        bail!(Localized::new(
            format!("{n} dòng"),
            "lines",
        ));
    }
    let choice = ctx.lang.pick("Chọn", "Choose");
    Ok(0)
}
#[cfg(test)]
mod tests {
    fn t() { let _ = Localized::new("thử", "test"); }
}
#[derive(Args)]
#[command(
    after_help = "Example:\n  phananh service add pothole --name \"Ổ gà\""
)]
pub struct AddArgs {
    #[arg(long, value_name = "TÊN", help = "Tên")]
    pub name: String,
}
/// An error attribute is no definition of the command line.
#[derive(Debug, thiserror::Error)]
#[error("không được")]
pub struct Refused;
"#;
    let command = lex("src/cli/example.rs".to_owned(), file);
    assert_eq!(
        wording_in_commands(&[command]),
        [
            "src/cli/example.rs:6",
            "src/cli/example.rs:7",
            "src/cli/example.rs:11",
            "src/cli/example.rs:28"
        ]
    );
    let help = lex("src/cli/help_vi.rs".to_owned(), file);
    assert!(wording_in_commands(&[help]).is_empty());
    let output = lex("src/output/example.rs".to_owned(), file);
    assert!(wording_in_commands(&[output]).is_empty());
}

/// What a command file may leave to the layers below it: reading the database or files
/// (`src/app/`, through storage), drawing a table and printing (`src/output/`, whose
/// writers strip control characters, wrap at the terminal and keep clear of a progress
/// bar). `(file, what)` for each of the marks of doing it itself.
fn commands_doing_below(sources: &[Source]) -> Vec<(String, &'static str)> {
    const MARKS: [(&str, &str); 11] = [
        ("eprintln!", "print"),
        ("eprint!", "print"),
        ("println!", "print"),
        ("print!", "print"),
        ("crate::storage", "storage"),
        ("rusqlite", "storage"),
        ("std::fs", "storage"),
        ("fn headers(", "table"),
        ("write_fitted", "table"),
        ("comfy_table", "table"),
        ("Cell::new(", "table"),
    ];
    let mut found = BTreeSet::new();
    for source in sources {
        let Some(own) = command_of(source) else {
            continue;
        };
        let (code, _) = outside_tests(source);
        for (mark, what) in MARKS {
            if code.contains(mark) {
                found.insert((own.to_owned(), what));
            }
        }
    }
    found.into_iter().collect()
}

/// No command file reads the database or files itself, draws a table or prints: each did
/// once, on a list that could only shrink, until the last moved below.
#[test]
fn commands_leave_storage_and_tables_to_the_layers_below() {
    let found: Vec<String> = commands_doing_below(library())
        .into_iter()
        .map(|(file, what)| format!("src/cli/{file}.rs: {what}"))
        .collect();
    assert!(
        found.is_empty(),
        "a command file reads the database or files, draws a table or prints, itself (put it in a use case of src/app/, or the table or the line in src/output/, as cli::demo does):\n{}",
        found.join("\n")
    );
}

/// The check above finds a command reading storage or files, drawing a table or printing,
/// only if it would: each mark in a planted command file, and none in its test module nor outside
/// `src/cli/`.
#[test]
fn a_command_doing_the_work_below_it_is_found() {
    let file = r#"
use crate::storage::reports;
fn cmd(ctx: &Context) -> Result<u8> {
    let text = std::fs::read_to_string("x")?;
    eprintln!("{}", ctx.lang.pick("xong", "done"));
    let headers = vec![ctx.lang.pick("Bước", "Step")];
    crate::output::write_fitted(&mut out, headers, rows, (&[], &[]), ctx.lang)?;
    Ok(0)
}
#[cfg(test)]
mod tests {
    fn t() { let _ = comfy_table::Table::new(); }
}
"#;
    let command = lex("src/cli/example.rs".to_owned(), file);
    assert_eq!(
        commands_doing_below(&[command]),
        [
            ("example".to_owned(), "print"),
            ("example".to_owned(), "storage"),
            ("example".to_owned(), "table")
        ]
    );
    let app = lex("src/app/example.rs".to_owned(), file);
    assert!(commands_doing_below(&[app]).is_empty());
    let clean = lex(
        "src/cli/example.rs".to_owned(),
        "fn cmd(ctx: &Context) -> Result<u8> { let d = crate::app::demo::run(ctx)?; crate::output::demo::print(&mut out, &d, ctx.lang)?; Ok(0) }",
    );
    assert!(commands_doing_below(&[clean]).is_empty());
}

#[test]
fn the_examples_use_the_library_not_its_command_layer() {
    for source in sources("examples") {
        assert!(
            !source.code.contains("phananh::cli"),
            "{} uses phananh::cli",
            source.path
        );
    }
}

/// The test files of `tests/cli/` (one module each) and their text.
fn test_modules() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    rust_files(&root.join("tests/cli"))
        .into_iter()
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_owned();
            let text = std::fs::read_to_string(&path).expect("a readable test file");
            Some((name, text))
        })
        .filter(|(name, _)| name != "main" && name != "common")
        .collect()
}

/// `` `module::test_name` `` in `text` where `module` is a test file and the name reads as a
/// test's (a sentence: three underscores at least, so that `output::sweep` is left alone),
/// for each such name the module does not define.
fn tests_cited_but_missing(text: &str, modules: &[(String, String)]) -> Vec<String> {
    let mut missing = Vec::new();
    for quoted in text.split('`').skip(1).step_by(2) {
        let Some((module, name)) = quoted.split_once("::") else {
            continue;
        };
        let is_word = |w: &str| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        if !is_word(module) || !is_word(name) || name.matches('_').count() < 3 {
            continue;
        }
        if let Some((_, source)) = modules.iter().find(|(m, _)| m == module)
            && !source.contains(&format!("fn {name}("))
        {
            missing.push(quoted.to_owned());
        }
    }
    missing
}

/// A comment or a document that cites the test playing an attack or a rule cites one that
/// exists, and none cites a review round a reader of the repository cannot look up.
#[test]
fn every_test_the_sources_and_documents_cite_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let modules = test_modules();
    let mut files = rust_files(&root.join("src"));
    files.extend(
        [
            "README.md",
            "SECURITY.md",
            "docs/rules.md",
            "docs/testing.md",
        ]
        .iter()
        .map(|f| root.join(f)),
    );
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable file");
        let shown = file
            .strip_prefix(root)
            .expect("under the manifest")
            .display();
        for missing in tests_cited_but_missing(&text, &modules) {
            found.push(format!("{shown}: `{missing}` is no test"));
        }
        if file.starts_with(root.join("src")) && text.to_lowercase().contains("insider review") {
            found.push(format!(
                "{shown}: cites an insider review (cite SECURITY.md, docs/rules.md or the test)"
            ));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    let cited = "`sealed::no_step_seals_a_report_row_edited_behind_the_tools_back`, \
        `sealed::no_such_test_of_a_row_at_all`, `output::sweep`";
    assert_eq!(
        tests_cited_but_missing(cited, &modules),
        ["sealed::no_such_test_of_a_row_at_all"]
    );
}

/// The labels of review rounds ("Desk5 finding 3", "Review insider, round 6, point 7",
/// "(probe office3 finding 2)") found in `text`, a comment's line breaks read as spaces: a
/// reader who has only the repository cannot look any of them up. A comment says what the
/// code defends against, and cites the Decision, a document in the repository or a test.
fn review_labels(text: &str) -> Vec<String> {
    // Compiled once for the hundreds of files scanned. The word boundaries are ASCII ones:
    // Unicode's, on text with Vietnamese in it, kept the regex off its fast engines, and
    // most of the scan's time in the unoptimised test binary went to the slow one. Every
    // label starts and ends with an ASCII letter, so each place a Unicode boundary matched
    // still matches (an ASCII boundary is also found beside a Vietnamese letter): the check
    // finds at least what it found.
    static LINE_BREAK: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\n[ \t]*(//[/!]?|#|\*)?[ \t]*").unwrap());
    static LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
        r"(?i)(?-u:\b)(?:(?:desk|office|usage|insider|probe|review(?:er)?)[0-9]*,?(?: (?:insider|office))?,? (?:round [0-9]+,? )?(?:point|finding)s? [0-9]|(?:insider|review|reviewer|office|desk)(?:'s)?,? round [0-9]|(?:round|review) (?:[a-z]+)?[0-9]+,? (?:points?|findings?) [0-9]|finding [0-9]+ in(?-u:\b)|insider review [0-9])",
        )
        .unwrap()
    });
    let joined = LINE_BREAK.replace_all(text, " ");
    LABEL
        .find_iter(&joined)
        .map(|m| m.as_str().to_owned())
        .collect()
}

#[test]
fn no_source_test_or_document_cites_a_review_round() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = ["src", "tests", "examples", "crates", "bench"]
        .iter()
        .flat_map(|dir| rust_files(&root.join(dir)))
        .filter(|file| !file.ends_with("tests/cli/architecture.rs"))
        .collect();
    for dir in ["docs", "bench"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("a folder of the repository") {
            let file = entry.expect("a readable folder").path();
            if file.extension().is_some_and(|e| e == "md" || e == "sh") {
                files.push(file);
            }
        }
    }
    files.extend(
        ["README.md", "SECURITY.md", "BENCHMARKS.md"]
            .iter()
            .map(|f| root.join(f)),
    );
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable file");
        for label in review_labels(&text) {
            found.push(format!(
                "{}: \"{label}\"",
                file.strip_prefix(root)
                    .expect("under the manifest")
                    .display()
            ));
        }
    }
    assert!(
        found.is_empty(),
        "review rounds cited (say what the code defends against instead):\n{}",
        found.join("\n")
    );
}

/// The check above finds the labels as they were written, also across a comment's lines,
/// and passes what the repository may cite (an issue's point, an article, a test).
#[test]
fn a_review_round_cited_is_found() {
    let planted = "
    /// Desk5 finding 3: an example is a command line to copy.
    // The breach is said on stderr (probe
    // desk3 finding 1: one line).
    /// Review insider, round 6, point 7 (N4): a name.
    /// Insider7, finding 6: a stock phrase.
    /// Office review round 5, point 6: the weeks.
    /// The insider's round 6, finding 14: an account.
    /// taken back (insider
    /// review 9, point 1: one UPDATE).
    /// Finding 12 in a restore's refusal.
    /// Review redact4, points 2 to 8, each case.
    /// naming the row (insider review
    /// 12): it sealed.
    //! without stutters (desk findings 14 and 15).
    ";
    assert_eq!(
        review_labels(planted).len(),
        11,
        "{:?}",
        review_labels(planted)
    );
    let clean = "
    /// Issue 18, point 4: memory flat on any input. Đ8.1.c, point 2 of the Decision.
    /// `sealed::one_edited_report_in_the_queue_is_left_out_and_every_other_is_validated`.
    /// The result of round 3 is the report's own again (Đ9.1); sent back (round 2).
    /// The desk reads it; an office worker finds the point 5 of the list.
    ";
    assert_eq!(review_labels(clean), Vec::<String>::new());
}

/// The checks above are only as good as the lexer: each case here is one it must read as
/// a compiler does.
#[test]
fn the_lexer_tells_code_from_text_and_finds_the_test_modules() {
    let file = r##"
use crate::storage::reports; // "SELECT in a comment" is no statement
/* a block /* nested */ "UPDATE x" */
fn a<'a>(x: &'a str) -> char {
    let _ = "SELECT id FROM reports";
    let _ = r#"DELETE FROM "quoted" x"#;
    let _ = b"INSERT bytes";
    let _ = "a brace { in a message and an escaped \" quote";
    let _ = 'x'; let _ = '\''; let _ = '{';
    let _ = "Chọn SELECT? no: lower-case words first";
    let _ = "DELETE";
    '}'
}
#[cfg(test)]
mod tests {
    fn t() { let _ = "UPDATE reports SET x = 1"; let _ = "}"; }
}
fn after() { let _ = "PRAGMA user_version"; let _ = super::show::x; }
"##;
    let source = lex("src/app/example.rs".to_owned(), file);
    let (code, strings) = outside_tests(&source);
    let texts: Vec<&str> = strings.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "SELECT id FROM reports",
            "DELETE FROM \"quoted\" x",
            "INSERT bytes",
            "a brace { in a message and an escaped \\\" quote",
            "Chọn SELECT? no: lower-case words first",
            "DELETE",
            "PRAGMA user_version",
        ]
    );
    let sql: Vec<&str> = texts.iter().copied().filter(|t| is_sql(t)).collect();
    assert_eq!(sql.len(), 4, "{sql:?}");
    assert!(code.contains("fn after()"));
    assert!(!code.contains("fn t()"));
    assert!(!code.contains("in a comment"));
    assert!(code.contains("crate::storage::reports"));
    // The strings' lines are the file's: the SELECT is on line 5.
    assert_eq!(strings[0].0, 5);
    let found = sql_outside_storage(&[source]);
    assert_eq!(found.len(), 4, "{found:?}");
}
