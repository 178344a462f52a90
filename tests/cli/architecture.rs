//! The shape issue 15 gave the code, held by reading the sources: SQL only in
//! `src/storage/`, no command file of `src/cli/` using another command's, each layer using
//! only the layers below it (the domain none: it is pure), and the examples using the
//! library's application API, not its command layer. Test modules are left out: a test may
//! read a table to check what a use case wrote.
//!
//! The sources are read with a small Rust lexer (comments, strings, raw strings, character
//! literals and lifetimes), enough to tell code from text and to find where a
//! `#[cfg(test)] mod … { … }` ends; it is checked on its own below.
//!
//! The documents are held to the repository the same way: what the Markdown files and the
//! comments name is there (the files and folders, and the library's items cited by path),
//! the commands and options the documents show are the binary's (its clap definition, read
//! through the library), and the `PHANANH_…` variables and the settings they name are the
//! binary's.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What the lexer leaves of a file: its code with every string literal's text and every
/// comment blanked (so a `{` in a message is not a brace), and the string literals and the
/// comments apart, each with the line it starts on.
struct Source {
    path: String,
    code: String,
    strings: Vec<(usize, String)>,
    comments: Vec<(usize, String)>,
}

fn lex(path: String, text: &str) -> Source {
    let bytes = text.as_bytes();
    let mut code = String::with_capacity(text.len());
    let mut strings = Vec::new();
    let mut comments = Vec::new();
    let mut i = 0;
    let breaks: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    let line_of = |at: usize| breaks.partition_point(|&b| b < at) + 1;
    while i < bytes.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map_or(text.len(), |n| i + n);
            comments.push((line_of(i), text[i..end].to_owned()));
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
            comments.push((line_of(i), text[i..j].to_owned()));
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
        comments,
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

#[test]
fn storage_words_nothing() {
    let found = wording_in_storage(library());
    assert!(
        found.is_empty(),
        "storage words what a user reads (return what it found, a value or a typed error carrying it, and word it in src/output/, as output::storage does):\n{}",
        found.join("\n")
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
        r"(?i)(?-u:\b)(?:(?:desk|office|usage|insider|probe|review(?:er)?)[0-9]*,?(?: (?:insider|office))?,? (?:round [0-9]+,? )?(?:point|finding)s? [0-9]|(?:insider|review|reviewer|office|desk)(?:'s)?,? round [0-9]|(?:round|review) (?:[a-z]+)?[0-9]+,? (?:points?|findings?) [0-9]|finding [0-9]+ in(?-u:\b)|insider review [0-9]|issue \((?:desk|office|usage|insider|probe|review)[^)]*\))",
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
    /// Issue (desk2 11.4, desk 15.6): copies of one id.
    /// Issue (review): a citizen typed their name.
    ";
    assert_eq!(
        review_labels(planted).len(),
        13,
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

/// The folders whose files a reader may be sent to by a document or a comment.
const REPOSITORY_FOLDERS: [&str; 6] = ["src/", "docs/", "bench/", "tests/", "examples/", "crates/"];

/// The files under `dir` whose names end in one of `endings`, build output left out.
fn files_ending(dir: &Path, endings: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a folder of the repository") {
            let path = entry.expect("a directory entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if name != "target" && name != "bench-data" && !name.starts_with('.') {
                    stack.push(path);
                }
            } else if endings.iter().any(|e| name.ends_with(e)) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// A text a reader takes for a statement about the repository: a Markdown file whole, or a
/// run of comment lines of a Rust source or a shell script, with the line it starts on.
struct Prose {
    path: String,
    line: usize,
    text: String,
}

/// Every Markdown file of the repository, whole.
fn markdown() -> Vec<Prose> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = files_ending(root, &[".md"]);
    files.retain(|f| {
        f.strip_prefix(root)
            .is_ok_and(|p| p.components().count() == 1)
    });
    for folder in REPOSITORY_FOLDERS {
        files.extend(files_ending(&root.join(folder), &[".md"]));
    }
    files
        .into_iter()
        .map(|file| Prose {
            path: shown(&file),
            line: 1,
            text: std::fs::read_to_string(&file).expect("a readable document"),
        })
        .collect()
}

fn shown(file: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    file.strip_prefix(root)
        .expect("under the manifest")
        .display()
        .to_string()
}

/// The comments of the Rust sources (library, tests, examples, the cipher crate) and of the
/// shell scripts (the benchmarks, `tests/run`, `.ci/run`), consecutive comment lines joined
/// into one text so that a code span may run over a line break.
fn comments() -> Vec<Prose> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for folder in ["src", "tests", "examples", "crates"] {
        for source in sources(folder) {
            found.extend(joined(&source.path, comment_lines(&source)));
        }
    }
    let mut scripts = files_ending(&root.join("bench"), &[".sh"]);
    scripts.extend([root.join("tests/run"), root.join(".ci/run")]);
    for script in scripts {
        let text = std::fs::read_to_string(&script).expect("a readable script");
        let lines = text
            .lines()
            .enumerate()
            .filter_map(|(n, l)| {
                let l = l.trim_start();
                (l.starts_with('#') && !l.starts_with("#!"))
                    .then(|| (n + 1, l.trim_start_matches('#').to_owned()))
            })
            .collect();
        found.extend(joined(&shown(&script), lines));
    }
    found
}

/// The lines of the comments of `source`, numbered, without their comment marks.
fn comment_lines(source: &Source) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    for (line, comment) in &source.comments {
        for (n, text) in comment.lines().enumerate() {
            let text = text.trim_start();
            let text = ["//!", "///", "//", "/*", "*/", "*"]
                .iter()
                .find_map(|mark| text.strip_prefix(mark))
                .unwrap_or(text);
            lines.push((line + n, text.to_owned()));
        }
    }
    lines
}

/// `lines` (numbered) run together where they follow one another.
fn joined(path: &str, lines: Vec<(usize, String)>) -> Vec<Prose> {
    let mut found: Vec<Prose> = Vec::new();
    let mut last = 0;
    for (line, text) in lines {
        match found.last_mut() {
            Some(prose) if line == last + 1 => {
                prose.text.push('\n');
                prose.text.push_str(&text);
            }
            _ => found.push(Prose {
                path: path.to_owned(),
                line,
                text,
            }),
        }
        last = line;
    }
    found
}

/// A code span, its text captured. Each of the patterns here is compiled once: the checks
/// below run them over thousands of comments, and a debug build compiles slowly.
fn span() -> &'static regex::Regex {
    static SPAN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    SPAN.get_or_init(|| regex::Regex::new(r"`([^`]+)`").unwrap())
}

/// A path under one of [`REPOSITORY_FOLDERS`] written plainly, with what a pattern adds.
fn plain_path() -> &'static regex::Regex {
    static PLAIN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    PLAIN.get_or_init(|| {
        regex::Regex::new(
            r"(?m)(?:^|[^\w/.~$-])((?:src|docs|bench|tests|examples|crates)/[\w./*{},<>$-]*)",
        )
        .unwrap()
    })
}

/// The code spans of `text` (`` `…` ``), each with its line counted from the text's first.
/// A fence (```` ``` ````) opens no span: the lines of a fenced block are read as they are.
fn code_spans(text: &str) -> Vec<(usize, String)> {
    let text = text.replace("```", "   ");
    span()
        .captures_iter(&text)
        .map(|c| {
            let at = c.get(0).expect("the whole match").start();
            (text[..at].matches('\n').count(), c[1].to_owned())
        })
        .collect()
}

/// Whether `item` is declared in the Rust source `code` (comments and strings blanked): a
/// `fn`, a type, a `mod`, a constant, a trait, a `macro_rules!`, or a name it `use`s.
fn declares(code: &str, item: &str) -> bool {
    const KEYWORDS: [&str; 10] = [
        "fn",
        "struct",
        "enum",
        "union",
        "trait",
        "type",
        "mod",
        "const",
        "static",
        "macro_rules!",
    ];
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    words_at(code, item).any(|at| {
        let before = code[..at].trim_end();
        let keyword = before
            .rsplit(|c: char| !(is_ident(c) || c == '!'))
            .next()
            .unwrap_or("");
        let used = before
            .match_indices("use ")
            .any(|(u, _)| !before[..u].ends_with(is_ident) && !code[u..at].contains(';'));
        KEYWORDS.contains(&keyword) || used
    })
}

/// Where `name` stands in `code` as a whole word.
fn words_at<'a>(code: &'a str, name: &'a str) -> impl Iterator<Item = usize> + 'a {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(name)
        .map(|(at, _)| at)
        .filter(move |&at| {
            !code[..at].ends_with(is_ident) && !code[at + name.len()..].starts_with(is_ident)
        })
}

/// `(line, what)` for each path of the repository `text` names, in a code span or plainly,
/// that is not there: a file or folder under one of [`REPOSITORY_FOLDERS`] (a line number
/// after it, as in `src/exit.rs:12`, aside), or an item named after a source file in a code
/// span (`src/exit.rs::Failure`) that the file does not declare. A pattern (`*`, `{a,b}`,
/// `$VAR`, `<…>`) names no one file.
fn paths_missing(text: &str, root: &Path) -> Vec<(usize, String)> {
    let mut missing = Vec::new();
    for (first, span) in code_spans(text) {
        for (line, word) in span
            .lines()
            .enumerate()
            .flat_map(|(n, l)| l.split_whitespace().map(move |w| (first + n, w)))
        {
            let word = word
                .trim_start_matches(['[', '(', '"', '\''])
                .trim_end_matches([']', ')', '"', '\'', '.', ',', ';', ':', '\\']);
            if !REPOSITORY_FOLDERS.iter().any(|f| word.starts_with(f))
                || word.contains(['*', '{', '$', '<', '>'])
            {
                continue;
            }
            let (file, item) = match word.split_once("::") {
                Some((file, item)) => (file, Some(item)),
                None => (word, None),
            };
            let file = file.split(['#', ':']).next().unwrap_or(file);
            let path = root.join(file);
            if !path.exists() {
                missing.push((line, word.to_owned()));
            } else if let Some(item) = item.filter(|_| path.is_file()) {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let code = lex(file.to_owned(), &text).code;
                if !declares(&code, item) {
                    missing.push((line, word.to_owned()));
                }
            }
        }
    }
    // Outside code spans, a path written plainly ("docs/rules.md §6", "see bench/data.sh").
    let fenced = text.replace("```", "   ");
    let outside = span().replace_all(&fenced, |c: &regex::Captures| blank(&c[0]));
    for found in plain_path().captures_iter(&outside) {
        let word = found.get(1).expect("the path");
        let path = word.as_str().trim_end_matches(['.', ',', '-']);
        if path.contains(['*', '{', '<', '$']) {
            continue;
        }
        if !root.join(path).exists() {
            let line = outside[..word.start()].matches('\n').count();
            missing.push((line, path.to_owned()));
        }
    }
    missing.sort();
    missing
}

/// Every file, folder and item of a source file (`src/exit.rs::Failure`) a document or a
/// comment names, in a code span or plainly, is in the repository: a reader sent to a file
/// that was moved or removed learns nothing from the sentence that sent them.
#[test]
fn every_path_the_documents_and_comments_name_is_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let documents = markdown();
    for document in [
        "README.md",
        "SECURITY.md",
        "docs/huong-dan.md",
        "examples/README.md",
    ] {
        assert!(documents.iter().any(|d| d.path == document), "{document}");
    }
    for prose in documents.into_iter().chain(comments()) {
        for (line, path) in paths_missing(&prose.text, root) {
            found.push(format!("{}:{}: `{path}`", prose.path, prose.line + line));
        }
    }
    assert!(
        found.is_empty(),
        "paths named that are not in the repository (name where the thing is now, or describe what was removed without naming it as a path):\n{}",
        found.join("\n")
    );
}

/// The check above finds a file, a folder or an item that is not there, also in a span over
/// a line break, after a command's first word and written plainly, and passes what is
/// there, a line number, a pattern, a web address and a fenced block's opening.
#[test]
fn a_path_that_is_not_in_the_repository_is_found() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let planted = "
The exit statuses are in `src/exit.rs` (`src/exit.rs:12`, `src/exit.rs::Failure`), the
rules in `docs/rules.md`; the cipher in `crates/cipher/src/lib.rs`, all migrations in
`src/storage/migration-*.sql`, and `tests/run --test cli` runs the tests.
```sh
bench/ingest.sh 1000 3
```
A moved file: `src/domain/validate.rs`; a removed one: `bench/gen_reports.py`, and `python3
examples/gen.py`; an item that is not there: `src/exit.rs::NO_SUCH_STATUS`; a folder:
`docs/old/`. Plainly: see docs/rules.md §6 and docs/gone.md §2 (the migrations,
src/storage/migration-N-*.sql, and https://example.org/src/elsewhere.rs are no such path).
";
    let found: Vec<(usize, String)> = paths_missing(planted, root);
    assert_eq!(
        found,
        [
            (7, "bench/gen_reports.py".to_owned()),
            (7, "src/domain/validate.rs".to_owned()),
            (8, "examples/gen.py".to_owned()),
            (8, "src/exit.rs::NO_SUCH_STATUS".to_owned()),
            (9, "docs/gone.md".to_owned()),
            (9, "docs/old/".to_owned()),
        ]
    );
    // In a source, only the comments are read, their lines joined: a span may go on over
    // a line break, and a string is no statement to the reader.
    let source = lex(
        "src/example.rs".to_owned(),
        "/// The statuses (`src/exit.rs`, `src/no_such.rs`, the pair `src/exit.rs\n/// src/gone.rs`).\nfn f() { let _ = \"`src/in_a_string.rs`\"; }\n",
    );
    let comments = comment_lines(&source);
    let found: Vec<(usize, String)> = joined("src/example.rs", comments)
        .iter()
        .flat_map(|p| paths_missing(&p.text, root))
        .collect();
    assert_eq!(
        found,
        [
            (0, "src/no_such.rs".to_owned()),
            (1, "src/gone.rs".to_owned())
        ]
    );
}

/// A command of the binary: its options (`--name`, with whether it takes a value), the
/// global ones included, and its subcommands, aliases included.
#[derive(Default)]
struct Commands {
    options: std::collections::BTreeMap<String, bool>,
    subcommands: std::collections::BTreeMap<String, Commands>,
}

fn commands_of(command: &clap::Command) -> Commands {
    let mut commands = Commands::default();
    for arg in command.get_arguments() {
        let takes_value = arg.get_action().takes_values();
        let longs = arg
            .get_long()
            .into_iter()
            .chain(arg.get_all_aliases().unwrap_or_default());
        for long in longs {
            commands.options.insert(format!("--{long}"), takes_value);
        }
    }
    for sub in command.get_subcommands() {
        for name in std::iter::once(sub.get_name()).chain(sub.get_all_aliases()) {
            commands
                .subcommands
                .insert(name.to_owned(), commands_of(sub));
        }
    }
    commands
}

/// The binary's command tree, read from its definition as the binary parses it (global
/// options on every command, `--help` and `--version` where clap adds them).
fn the_binarys_commands() -> &'static Commands {
    static COMMANDS: std::sync::OnceLock<Commands> = std::sync::OnceLock::new();
    COMMANDS.get_or_init(|| {
        let mut command = phananh::cli::command(phananh::i18n::Lang::En);
        command.build();
        commands_of(&command)
    })
}

/// What `words` (a command line after `phananh`) asks of the binary that it does not have: a
/// subcommand that a command with subcommands lacks, or an option the command reached so far
/// does not take. `a|b` offers two words in one place (`report monthly|annual`), each of which
/// must be there, and so does `--a X | --b` two options; a placeholder (`ID`, `FILE`), a value, a pipe, a redirection or a comment
/// ends nothing but what it must. Words that start with no command are no command line.
fn unknown_words(words: &[&str], tree: &Commands) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut reached: Vec<(String, &Commands)> = vec![("phananh".to_owned(), tree)];
    let mut started = false;
    let mut words = words.iter().peekable();
    while let Some(raw) = words.next() {
        // `--agency A | --auto`: a choice between options, not a pipe.
        if *raw == "|" && words.peek().is_some_and(|w| w.starts_with("--")) {
            continue;
        }
        if ["|", "||", "&&", ";", "\\"].contains(raw) || raw.starts_with(['>', '<', '#', '2']) {
            break;
        }
        let word = raw
            .trim_start_matches(['[', '('])
            .trim_end_matches([']', ')', ',', ';', '.', ':']);
        if word == "--" {
            break;
        }
        if let Some(option) = word.strip_prefix("--").filter(|o| !o.is_empty()) {
            let name = format!("--{}", option.split('=').next().unwrap_or(option));
            let mut takes_value = false;
            for (path, command) in &reached {
                match command.options.get(&name) {
                    Some(value) => takes_value |= value,
                    None => unknown.push(format!("`{path}` has no {name}")),
                }
            }
            if takes_value && !option.contains('=') && !raw.ends_with([']', ')']) {
                words.next_if(|w| !w.starts_with('-'));
            }
        } else if word.starts_with('-') {
            // A short option (`-h`) or a negative number: not looked up.
        } else if reached.iter().all(|(_, c)| !c.subcommands.is_empty()) {
            let offered: Vec<&str> = word.split('|').collect();
            let is_name = |w: &str| {
                w.starts_with(|c: char| c.is_ascii_lowercase())
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            };
            if !started
                && !offered
                    .iter()
                    .all(|w| reached[0].1.subcommands.contains_key(*w))
            {
                break;
            }
            if !offered.iter().all(|w| is_name(w)) {
                break;
            }
            let mut next = Vec::new();
            for (path, command) in &reached {
                for w in &offered {
                    match command.subcommands.get(*w) {
                        Some(sub) => next.push((format!("{path} {w}"), sub)),
                        None => unknown.push(format!("`{path}` has no subcommand {w}")),
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            reached = next;
            started = true;
        } else if !started {
            break;
        }
    }
    // Options before no command at all (`-o phananh --x` of another program) are not ours.
    if !started {
        unknown.clear();
    }
    unknown.dedup();
    unknown
}

/// The command lines of a Markdown text, each with its line: the words after `phananh` in a
/// code span or on a line of a fenced block (a line ending in `\` goes on on the next), and a
/// code span whose first word is a command of the binary's (`sweep --fail-on-breach`).
fn command_lines(text: &str, tree: &Commands) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    let mut fenced = false;
    let mut carried: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            continue;
        }
        let (start, mut joined) = carried.take().unwrap_or((n, String::new()));
        joined.push_str(line);
        if let Some(cut) = joined.strip_suffix('\\') {
            carried = Some((start, format!("{cut} ")));
            continue;
        }
        let words: Vec<&str> = joined.split_whitespace().collect();
        found.extend(after_phananh(start, &words));
    }
    for (line, span) in code_spans(text) {
        let words: Vec<&str> = span.split_whitespace().collect();
        match words.first() {
            Some(first) if tree.subcommands.contains_key(*first) => {
                found.push((line, words.iter().map(|w| (*w).to_owned()).collect()));
            }
            _ => found.extend(after_phananh(line, &words)),
        }
    }
    found.sort();
    found
}

/// The words after each `phananh` (or a path to it) among `words`.
fn after_phananh(line: usize, words: &[&str]) -> Vec<(usize, Vec<String>)> {
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| **w == "phananh" || w.ends_with("/phananh"))
        .map(|(n, _)| {
            (
                line,
                words[n + 1..].iter().map(|w| (*w).to_owned()).collect(),
            )
        })
        .collect()
}

/// `(line, what)` for each command or option a command line of `text` names that the binary
/// does not have.
fn commands_unknown(text: &str, tree: &Commands) -> Vec<(usize, String)> {
    command_lines(text, tree)
        .into_iter()
        .flat_map(|(line, words)| {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            unknown_words(&words, tree)
                .into_iter()
                .map(move |what| (line + 1, what))
        })
        .collect()
}

/// Every command, subcommand and option the README, SECURITY.md and the documents of docs/
/// show (`phananh audit verify --checkpoint F`, `sweep --fail-on-breach`) is one the binary
/// takes: an operator copies them. The benchmarks' records (BENCHMARKS.md, bench/) are left
/// out: they say what was run on the revision measured.
#[test]
fn every_command_and_option_the_documents_show_is_the_binarys() {
    let tree = the_binarys_commands();
    let mut found = Vec::new();
    let mut read = 0;
    for prose in markdown() {
        if prose.path == "BENCHMARKS.md" || prose.path.starts_with("bench/") {
            continue;
        }
        read += command_lines(&prose.text, tree).len();
        for (line, what) in commands_unknown(&prose.text, tree) {
            found.push(format!("{}:{line}: {what}", prose.path));
        }
    }
    assert!(
        found.is_empty(),
        "commands or options shown that the binary does not take (see `phananh COMMAND --help`):\n{}",
        found.join("\n")
    );
    // The documents show hundreds: a reader that found few would pass them unread.
    assert!(read > 300, "{read} command lines read");
}

/// The check above finds an unknown subcommand and an option a command does not take, in a
/// code span and in a fenced block over a line break, after the global options, and for
/// each of the words offered as `a|b`; and passes what the binary takes, placeholders, values,
/// pipes and prose that says "phananh".
#[test]
fn a_command_or_option_the_binary_does_not_take_is_found() {
    let planted = "
Run `phananh --as lan audit verify --checkpoint head.json --pubkey audit.pub`, then
`sweep --fail-on-breach --quiet`; `report monthly|quarterly --period P`, `show ID`, `list`.
Whoever runs phananh on the file; the phananh key file; `phananh-demo.sqlite`.
```sh
phananh --db /srv/p.sqlite --as cron sweep --quiet | tee -a sweep.log
/usr/local/bin/phananh --as lan audit checkpoint --out head.json \\
  --key /etc/phananh/audit.key --sign
sudo -u phananh phananh audit frob
```
Stale: `sweep --breach-only`, `report monthly|range --period P`, `phananh staff remove x`,
`export csv --public --out F [--forced]`, `assign ID --agency A | --automatic`.
";
    let found = commands_unknown(planted, the_binarys_commands());
    assert_eq!(
        found,
        [
            (7, "`phananh audit checkpoint` has no --sign".to_owned()),
            (9, "`phananh audit` has no subcommand frob".to_owned()),
            (11, "`phananh report range` has no --period".to_owned()),
            (11, "`phananh staff` has no subcommand remove".to_owned()),
            (11, "`phananh sweep` has no --breach-only".to_owned()),
            (12, "`phananh assign` has no --automatic".to_owned()),
            (12, "`phananh export csv` has no --forced".to_owned()),
        ]
    );
}

/// The top-level modules of the library, as `src/lib.rs` declares them.
fn crate_modules() -> Vec<String> {
    let lib = library()
        .iter()
        .find(|s| s.path == "src/lib.rs")
        .expect("src/lib.rs");
    lib.code
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .filter_map(|l| l.strip_suffix(';'))
        .map(str::to_owned)
        .collect()
}

/// The lexed source of the module `segments` names (`["storage", "clocks"]`: the file
/// `src/storage/clocks.rs`, or `mod.rs` in a folder of that name).
fn module_source<'a>(sources: &'a [Source], segments: &[&str]) -> Option<&'a Source> {
    let base = format!("src/{}", segments.join("/"));
    let (file, folder) = (format!("{base}.rs"), format!("{base}/mod.rs"));
    sources.iter().find(|s| s.path == file || s.path == folder)
}

/// `(line, path)` for each code span of `text` that is a Rust path into the library
/// (`storage::clocks::duty_of`, `crate::app::report::clock_fault`, a call's `()` aside)
/// naming nothing there: the longest leading part that is a module's file must declare the
/// next name (a `fn`, a type, a `mod`, a constant, a trait, a macro or a `use`), and every
/// name after that (a method, a variant, a test of an inline test module) must be in the
/// file's code. A test cited as `module::test_name` is left to
/// `every_test_the_sources_and_documents_cite_exists`.
fn rust_paths_missing(
    text: &str,
    sources: &[Source],
    modules: &[String],
    tests: &[(String, String)],
) -> Vec<(usize, String)> {
    static PATH: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let path = PATH.get_or_init(|| {
        regex::Regex::new(r"^[a-z_][a-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)+$").unwrap()
    });
    let mut missing = Vec::new();
    for (line, span) in code_spans(text) {
        let cited = span.trim();
        let cited = cited
            .split('(')
            .next()
            .unwrap_or(cited)
            .trim_end_matches('!');
        let cited = cited
            .strip_prefix("crate::")
            .or_else(|| cited.strip_prefix("phananh::"))
            .unwrap_or(cited);
        if !path.is_match(cited) {
            continue;
        }
        let segments: Vec<&str> = cited.split("::").collect();
        if !modules.iter().any(|m| m == segments[0]) {
            continue;
        }
        if segments.len() == 2
            && segments[1].matches('_').count() >= 3
            && tests.iter().any(|(m, _)| m == segments[0])
        {
            continue;
        }
        let Some((depth, source)) = (1..=segments.len())
            .rev()
            .find_map(|k| module_source(sources, &segments[..k]).map(|s| (k, s)))
        else {
            missing.push((line, cited.to_owned()));
            continue;
        };
        let rest = &segments[depth..];
        let word = |name: &str| words_at(&source.code, name).next().is_some();
        let found = match rest.split_first() {
            None => true,
            Some((item, after)) => declares(&source.code, item) && after.iter().all(|n| word(n)),
        };
        if !found {
            missing.push((line, cited.to_owned()));
        }
    }
    missing
}

/// Every function, type, constant or module a document or a comment cites by its path in
/// the library (`storage::private::may_write`) is there: a reader looks it up by that path.
#[test]
fn every_item_the_documents_and_comments_cite_by_path_exists() {
    let modules = crate_modules();
    assert!(modules.len() >= 7, "{modules:?}");
    let tests = test_modules();
    let mut found = Vec::new();
    for prose in markdown().into_iter().chain(comments()) {
        for (line, path) in rust_paths_missing(&prose.text, library(), &modules, &tests) {
            found.push(format!("{}:{}: `{path}`", prose.path, prose.line + line));
        }
    }
    assert!(
        found.is_empty(),
        "paths into the library that name nothing there (cite where the item is now):\n{}",
        found.join("\n")
    );
}

/// The check above finds a function, a constant, a method and a module that are not where
/// the path says, and passes what is there (a module, a function behind `crate::`, a call,
/// a method, a variant, a unit test of an inline module), a test cited by its module, and
/// paths that are not the library's.
#[test]
fn a_path_into_the_library_that_names_nothing_is_found() {
    let planted = "
Here: `storage::clocks`, `crate::storage::private::may_write`, `app::report::clock_fault()`,
`domain::deadline::Stage::Dispatch`, `exit::Failure`, `cli::help_vi::VALUE_NAMES`,
`domain::clocks::tests::the_portal_holds_the_clocks_started_against_no_agency`, and
`sealed::no_step_seals_a_report_row_edited_behind_the_tools_back`, `std::fs::read`,
`output::sweep`, `cargo test --lib storage::schema`.
Gone: `cli::sweep::TABLE_ROWS`, `domain::intake::EARLIEST_SUBMISSION`,
`storage::nowhere::x`, `app::report::clock_fault::no_such_word_there`.
";
    let found = rust_paths_missing(planted, library(), &crate_modules(), &test_modules());
    assert_eq!(
        found,
        [
            (6, "cli::sweep::TABLE_ROWS".to_owned()),
            (6, "domain::intake::EARLIEST_SUBMISSION".to_owned()),
            (7, "storage::nowhere::x".to_owned()),
            (7, "app::report::clock_fault::no_such_word_there".to_owned()),
        ]
    );
}

/// The `PHANANH_…` variables a text names that no string of `read` (the sources' string
/// literals, where the code reads a variable or clap is told to) holds.
fn variables_unread(text: &str, read: &BTreeSet<String>) -> Vec<(usize, String)> {
    let named = regex::Regex::new(r"\bPHANANH_[A-Z0-9_]*[A-Z0-9]\b").unwrap();
    named
        .find_iter(text)
        .filter(|m| !read.contains(m.as_str()))
        .map(|m| {
            (
                text[..m.start()].matches('\n').count(),
                m.as_str().to_owned(),
            )
        })
        .collect()
}

/// The environment variables whose names are string literals of the library or the tests:
/// the ones the binary reads (`env = "PHANANH_DB"`, `std::env::var_os("PHANANH_FAULT")`)
/// and the ones the tests read of the machine they run on. This file's are left out: they
/// are the planted names below.
fn variables_read() -> BTreeSet<String> {
    let named = regex::Regex::new(r"^PHANANH_[A-Z0-9_]+$").unwrap();
    library()
        .iter()
        .chain(sources("tests").iter())
        .filter(|s| s.path != "tests/cli/architecture.rs")
        .flat_map(|s| s.strings.iter().map(|(_, t)| t.clone()))
        .filter(|t| named.is_match(t))
        .collect()
}

/// Every `PHANANH_…` variable the Markdown files name is one the code reads: an operator who
/// sets one the tool no longer reads changes nothing and is not told.
#[test]
fn every_variable_the_documents_name_is_read() {
    let read = variables_read();
    assert!(
        read.contains("PHANANH_DB") && read.contains("PHANANH_NOW"),
        "{read:?}"
    );
    let mut found = Vec::new();
    for prose in markdown() {
        for (line, name) in variables_unread(&prose.text, &read) {
            found.push(format!("{}:{}: {name}", prose.path, prose.line + line));
        }
    }
    assert!(
        found.is_empty(),
        "variables named that nothing reads:\n{}",
        found.join("\n")
    );
}

/// The check above finds a variable nothing reads, and passes the ones the code reads.
#[test]
fn a_variable_nothing_reads_is_found() {
    let planted = "Set `PHANANH_DB` and PHANANH_LANG=en;\nnot PHANANH_DATABASE, nor `PHANANH_TZ`.";
    assert_eq!(
        variables_unread(planted, &variables_read()),
        [
            (1, "PHANANH_DATABASE".to_owned()),
            (1, "PHANANH_TZ".to_owned())
        ]
    );
}

/// `(line, key)` for each setting a code span of `text` names that `known` lacks: a span
/// that is a dotted key in one of the settings' namespaces (`report.prolonged_returns`,
/// the first word of every known key; a Markdown file writes no field of the code's that
/// way), or the dotted key after `settings set`.
fn settings_unknown(text: &str, known: &[&str]) -> Vec<(usize, String)> {
    let namespaces: BTreeSet<&str> = known.iter().filter_map(|k| k.split('.').next()).collect();
    let is_key = |w: &str| {
        w.split_once('.').is_some_and(|(ns, rest)| {
            namespaces.contains(ns)
                && !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
        })
    };
    let mut unknown = Vec::new();
    for (line, span) in code_spans(text) {
        let words: Vec<&str> = span.split_whitespace().collect();
        let named = match words.iter().position(|w| *w == "set") {
            // A placeholder (`settings set KEY VALUE`) has no dot.
            Some(at) if at > 0 && words[at - 1] == "settings" => {
                words.get(at + 1).copied().filter(|w| w.contains('.'))
            }
            _ => (words.len() == 1 && is_key(words[0])).then(|| words[0]),
        };
        if let Some(key) = named.filter(|k| !known.contains(k)) {
            unknown.push((line, key.to_owned()));
        }
    }
    unknown
}

/// Every setting a Markdown file names (`privacy.erase_after_days`, `settings set
/// csv.style excel`) is one `settings show` lists: `settings set` refuses any other, and an
/// operator told to set it is left without the change the document promised.
#[test]
fn every_setting_the_documents_name_is_the_binarys() {
    let known: Vec<&str> = phananh::app::settings::KNOWN
        .iter()
        .map(|k| k.key)
        .collect();
    assert!(known.contains(&"csv.style"), "{known:?}");
    let mut found = Vec::new();
    let documents = markdown();
    // docs/rules.md lists every setting: a reader of spans that found none would pass.
    let all: String = documents.iter().map(|d| d.text.as_str()).collect();
    let named = known
        .iter()
        .filter(|k| all.contains(&format!("`{k}`")))
        .count();
    assert_eq!(named, known.len(), "settings no document names");
    for prose in documents {
        for (line, key) in settings_unknown(&prose.text, &known) {
            found.push(format!("{}:{}: {key}", prose.path, prose.line + line));
        }
    }
    assert!(
        found.is_empty(),
        "settings named that the binary does not have (`phananh settings show` lists them):\n{}",
        found.join("\n")
    );
}

/// The check above finds a setting that is not there, alone or after `settings set`, and
/// passes the known ones, a placeholder, a namespace alone, a pattern and a file's name.
#[test]
fn a_setting_the_binary_does_not_have_is_found() {
    let known = [
        "csv.style",
        "report.prolonged_returns",
        "privacy.erase_after_days",
    ];
    let planted = "
`csv.style`, `phananh --as admin settings set report.prolonged_returns 3`, `report.*`,
`examples/reports.csv`, `privacy`, `settings set KEY VALUE`.
Stale: `report.status`, `privacy.erase_after`, `phananh --as admin settings set csv.format excel`.
";
    assert_eq!(
        settings_unknown(planted, &known),
        [
            (3, "report.status".to_owned()),
            (3, "privacy.erase_after".to_owned()),
            (3, "csv.format".to_owned()),
        ]
    );
}
