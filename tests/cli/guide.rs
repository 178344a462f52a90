//! The walkthroughs of the README and of the operator's guide (docs/huong-dan.md) work when
//! followed literally: their `sh walkthrough` blocks are run, exactly as written, one after
//! the other, by bash on a fresh directory with `phananh` on the PATH (as `cargo install`
//! leaves it), and end with a published report. The README keeps its two set-up commands.
//! The guide's cron lines, which cannot run as written (server paths, a service account), run
//! with those replaced, on the `peer` database `init` makes. What the documents say of the
//! tool holds: the commands docs/rules.md lists are the binary's, the files and items they
//! name are in the repository, the binary they run on a server is installed where they call
//! it, and the code cites only articles the Decision has and documents the repository holds.

use std::path::{Path, PathBuf};

use crate::common::*;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The blocks fenced as ```` ```sh walkthrough ````, in order.
fn walkthrough(document: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(document).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match &mut current {
            None if line.trim_end() == "```sh walkthrough" => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_end() == "```" => blocks.extend(current.take()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    assert!(
        current.is_none(),
        "{}: a block is not closed",
        document.display()
    );
    blocks
}

/// Runs the document's walkthrough on a fresh home directory; returns the last block's
/// standard output.
fn follow(document: &str) -> String {
    let blocks = walkthrough(&repository().join(document));
    assert!(blocks.len() >= 4, "{document}: {} blocks", blocks.len());
    let home = tempfile::Builder::new()
        .prefix("phananh-guide-")
        .tempdir()
        .unwrap();
    // The examples are where a clone has them, beside the commands.
    std::os::unix::fs::symlink(repository().join("examples"), home.path().join("examples"))
        .unwrap();
    let bin = bin();
    let path = format!("{}:/usr/bin:/bin", bin.parent().unwrap().display());
    let mut last = String::new();
    // One shell for the whole walkthrough, as a person keeps one terminal: what a block
    // exports stays for the next. Each block's output is told apart by a marker line.
    let mut script = String::from("set -euo pipefail\n");
    for (i, block) in blocks.iter().enumerate() {
        script.push_str(&format!("echo '--- block {i}'\n{block}"));
    }
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .env_clear()
        .env("PATH", &path)
        .env("HOME", home.path())
        .env("PHANANH_NOW", NOW)
        .current_dir(home.path())
        .output()
        .expect("bash");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "{document}: the walkthrough fails when followed literally\n--- script\n{script}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    if let Some((_, tail)) = stdout.rsplit_once(&format!("--- block {}\n", blocks.len() - 1)) {
        last = tail.to_owned();
    }
    // The database is where the walkthrough said, in the folder it made.
    assert!(home.path().join("phananh/phananh.sqlite").exists());
    last
}

#[test]
fn the_guides_walkthrough_ends_with_a_published_report() {
    let last = follow("docs/huong-dan.md");
    assert!(last.contains("CMG-2026-000105"), "{last}");
    assert!(last.contains("Đã công khai"), "{last}");
}

#[test]
fn the_readmes_walkthrough_ends_with_a_published_report() {
    let last = follow("README.md");
    assert!(last.contains("CMG-2026-000105"), "{last}");
}

#[test]
fn the_readme_is_short_english_and_points_to_the_guide() {
    let readme = std::fs::read_to_string(repository().join("README.md")).unwrap();
    assert!(readme.len() < 16_000, "{} bytes", readme.len());
    assert!(readme.contains("docs/huong-dan.md"));
    // Exactly two set-up commands.
    let setup = readme
        .split("## Set-up")
        .nth(1)
        .and_then(|rest| rest.split("```sh\n").nth(1))
        .and_then(|block| block.split("```").next())
        .expect("a Set-up section with a sh block");
    let commands: Vec<&str> = setup
        .lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(commands, ["cargo run --release -- demo", "tests/run"]);
    // CI runs that same test command, and the command is `cargo test` once the programs some
    // tests drive are present.
    let ci = std::fs::read_to_string(repository().join(".ci/run")).unwrap();
    assert!(ci.lines().any(|l| l.starts_with("tests/run --locked")));
    let run = std::fs::read_to_string(repository().join("tests/run")).unwrap();
    assert!(run.lines().any(|l| l == r#"exec cargo test "$@""#));
    // Every file it names is in the repository.
    let named =
        regex::Regex::new(r"`((?:docs|examples|src|bench|tests)/[^`\s]+|[A-Z]+\.md)`").unwrap();
    for found in named.captures_iter(&readme) {
        let path = repository().join(&found[1]);
        assert!(
            path.exists(),
            "README names {}, which is not in the repository",
            &found[1]
        );
    }
    assert!(!readme.contains("SPEC.md"));
    let guide = std::fs::read_to_string(repository().join("docs/huong-dan.md")).unwrap();
    for found in named.captures_iter(&guide) {
        let path = repository().join(&found[1]);
        assert!(
            path.exists(),
            "the guide names {}, which is not in the repository",
            &found[1]
        );
    }
}

/// The guide's cron section (§6) works on a `peer` database, the kind `init` makes: its
/// `sh` block makes the log folder, binds the cron account to the login whose crontab runs
/// the lines (without `--login` every cron line is refused) and writes the header line
/// once, as that login; each sweep with nothing new appends nothing (without
/// `--no-headers` each run appends a header) and says nothing on stderr, which cron mails
/// (to the `MAILTO` the block sets). The cron lines run with cron's own `PATH`
/// (`/usr/bin:/bin`), so they must name phananh by its full path. The server's paths become
/// a temporary directory's, `/usr/local/bin/phananh` the binary under test, and the
/// service account `phananh` the login running the tests, which also made the database
/// and so owns it as on the server (`sudo -u phananh` and `-o phananh -g phananh` are
/// dropped: the test is that account already; the README's `pa` is phananh with `--db` the
/// server's database). The nightly checkpoint signs the head with the key the block made and
/// hands the head and its signature to the receiving office (here a file) without a word.
#[test]
fn the_guides_cron_lines_work_on_a_peer_database() {
    let guide = std::fs::read_to_string(repository().join("docs/huong-dan.md")).unwrap();
    let section = guide
        .split("\n## 6. ")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the guide's §6");
    let block = |fence: &str| -> Vec<String> {
        section
            .split(&format!("```{fence}\n"))
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .unwrap_or_else(|| panic!("§6 has a ```{fence} block"))
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let setup: Vec<String> = block("sh")
        .into_iter()
        .filter(|l| !l.starts_with("crontab "))
        .collect();
    assert!(
        setup.iter().any(|l| l.contains("staff add cron.tiepnhan")),
        "{setup:?}"
    );
    // Through the README's `pa` (sudo as the service account): the database is that
    // account's, in a folder only it may enter, so a bare `phananh` from the admin's login
    // could not open it.
    assert!(
        setup
            .iter()
            .filter(|l| l.contains("staff add"))
            .all(|l| l.starts_with("pa ")),
        "§6 adds the cron account through `pa`: {setup:?}"
    );
    assert!(
        setup
            .iter()
            .any(|l| l.starts_with("install -d") && l.contains("/var/log/phananh")),
        "§6 makes the log folder: {setup:?}"
    );
    // The header line, written once before cron runs, as the service account.
    assert!(
        setup
            .iter()
            .any(|l| l.starts_with("sudo -u phananh ") && l.contains("sweep --dry-run | head -1")),
        "§6 writes the header line once, as the service account: {setup:?}"
    );
    let lines = block("cron");
    assert!(
        lines.iter().any(|l| l.starts_with("MAILTO=")),
        "§6 says where cron mails: {lines:?}"
    );
    // A cron line is its five schedule fields, then the command.
    let cron: Vec<String> = lines
        .iter()
        .filter(|l| l.starts_with(|c: char| c == '*' || c.is_ascii_digit()))
        .map(|l| l.split_whitespace().skip(5).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        cron.len(),
        3,
        "the sweep, the backup and the checkpoint lines: {cron:?}"
    );

    let home = tempfile::Builder::new()
        .prefix("phananh-cron-")
        .tempdir()
        .unwrap();
    let dir = home.path();
    for sub in ["srv/phananh", "srv/backup"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let me = my_login();
    let binary = bin();
    let db = dir.join("srv/phananh/phananh.sqlite");
    let localize = |line: &str| {
        // The README's `pa`: phananh on the service account's database.
        let line = match line.strip_prefix("pa ") {
            Some(rest) => format!("/usr/local/bin/phananh --db /srv/phananh/phananh.sqlite {rest}"),
            None => line.to_owned(),
        };
        line.replace("/usr/local/bin/phananh", binary.to_str().unwrap())
            .replace("/srv/", &format!("{}/srv/", dir.display()))
            .replace("/var/log/phananh", &format!("{}/log", dir.display()))
            .replace("/etc/phananh", &format!("{}/etc/phananh", dir.display()))
            // The receiving office is a file beside the checkpoints.
            .replace("ssh -q audit@so-noi-vu.example", "cat > sent.tar")
            .replace("--login phananh", &format!("--login {me}"))
            .replace("install -d -o phananh -g phananh ", "install -d ")
            .replace("sudo -u phananh ", "")
    };
    let path = format!("{}:/usr/bin:/bin", bin().parent().unwrap().display());
    // Runs `line` with `PATH`; its stderr.
    let bash = |line: &str, path: &str| -> String {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("set -euo pipefail\n{line}"))
            .env_clear()
            .env("PATH", path)
            .env("HOME", dir)
            .env("PHANANH_DB", &db)
            .current_dir(dir)
            .output()
            .expect("bash");
        assert!(
            out.status.success(),
            "{line}\n--- stdout\n{}\n--- stderr\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    bash("phananh init --admin admin", &path);
    for line in &setup {
        bash(&localize(line), &path);
    }
    // Two quiet runs (nothing due on a new database), then the nightly backup, with
    // cron's PATH: nothing reaches cron's mail. In December the day's first sweep says once
    // that next year has no announced days off yet (the shipped calendar ends this year):
    // that line, and only on the first run of the day. The database runs on the system's
    // clock (peer mode), so the month is today's in Vietnam.
    let cron_path = "/usr/bin:/bin";
    let today = chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap());
    let first = bash(&localize(&cron[0]), cron_path);
    if chrono::Datelike::month(&today) == 12 {
        let next = chrono::Datelike::year(&today) + 1;
        assert_eq!(first.lines().count(), 1, "{first}");
        assert!(
            first.starts_with(&format!("Nhắc: năm {next} chưa có lịch nghỉ")),
            "{first}"
        );
    } else {
        assert_eq!(first, "");
    }
    assert_eq!(bash(&localize(&cron[0]), cron_path), "");
    assert_eq!(bash(&localize(&cron[1]), cron_path), "");
    assert_eq!(bash(&localize(&cron[2]), cron_path), "");
    let signed: Vec<_> = std::fs::read_dir(dir.join("srv/checkpoints"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("head-"))
        .collect();
    assert_eq!(signed.len(), 2, "the head and its signature: {signed:?}");
    assert!(
        std::fs::metadata(dir.join("srv/checkpoints/sent.tar"))
            .unwrap()
            .len()
            > 0
    );
    let csv = std::fs::read_to_string(dir.join("log/sweep.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1, "one header line, once:\n{csv}");
    assert!(csv.starts_with("report_id,"), "{csv}");
    let backups: Vec<_> = std::fs::read_dir(dir.join("srv/backup"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        backups.len() == 1 && backups[0].starts_with("phananh-"),
        "{backups:?}"
    );
}

/// Every kind of report the README's "Reports and scores" names (`report a|b|c`) is a
/// subcommand of `report`.
#[test]
fn the_readmes_report_kinds_are_commands() {
    let readme = std::fs::read_to_string(repository().join("README.md")).unwrap();
    let section = readme
        .split("## Reports and scores")
        .nth(1)
        .expect("a Reports and scores section");
    let kinds = regex::Regex::new(r"`report ([a-z|-]+) ")
        .unwrap()
        .captures(section)
        .expect("`report a|b|c …`")[1]
        .to_owned();
    let env = TestEnv::empty();
    for kind in kinds.split('|') {
        env.run(&["report", kind, "--help"]).success();
    }
}

/// The nightly backup line is the same wherever it is given (README, the guide's §6,
/// SECURITY.md), its rotation included: a deployment copying the README's kept every
/// backup for ever; and the rotation takes the copy a killed backup leaves.
#[test]
fn the_nightly_backup_line_is_the_same_in_the_readme_the_guide_and_security() {
    let line_of = |file: &str| -> String {
        let text = std::fs::read_to_string(repository().join(file)).unwrap();
        let lines: Vec<String> = text
            .lines()
            .filter(|l| l.starts_with("30 2 ") && l.contains(" backup "))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(lines.len(), 1, "{file}: one nightly backup line: {lines:?}");
        lines[0].clone()
    };
    let readme = line_of("README.md");
    assert!(readme.contains("-mtime +14 -delete"), "{readme}");
    assert_eq!(readme, line_of("docs/huong-dan.md"));
    assert_eq!(readme, line_of("SECURITY.md"));
    // The rotation takes a killed backup's copy too (`OUT.partial`, every reporter's
    // identity in it): it matched only finished backups, and the partial ones piled up.
    let pattern = readme
        .split("-name '")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("no -name '…' in {readme}"));
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "phananh-2026-12-01.sqlite",
        "phananh-2026-12-02.sqlite.partial",
    ] {
        std::fs::write(dir.path().join(name), b"").unwrap();
    }
    std::fs::write(dir.path().join("phananh.sqlite.key"), b"").unwrap();
    let found = std::process::Command::new("find")
        .arg(dir.path())
        .args(["-name", pattern])
        .output()
        .unwrap();
    let mut found: Vec<String> = String::from_utf8(found.stdout)
        .unwrap()
        .lines()
        .map(|l| l.rsplit('/').next().unwrap().to_owned())
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            "phananh-2026-12-01.sqlite",
            "phananh-2026-12-02.sqlite.partial"
        ]
    );
}

/// The nightly signed checkpoint (README, "Cron, and the signed head sent off the
/// machine") is in the Vietnamese guide's §6 too, the same line, with what its exit status 5
/// means: the operators read the guide, which named neither `audit keygen` nor `audit
/// checkpoint`, so a deployment set up from it sent no head off the machine.
#[test]
fn the_nightly_checkpoint_line_is_the_same_in_the_readme_and_the_guide() {
    let line_of = |file: &str| -> Vec<String> {
        std::fs::read_to_string(repository().join(file))
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("15 2 ") && l.contains(" audit checkpoint "))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let readme = line_of("README.md");
    assert_eq!(
        readme.len(),
        1,
        "README: one nightly checkpoint line: {readme:?}"
    );
    assert_eq!(line_of("docs/huong-dan.md"), readme);
    let guide = std::fs::read_to_string(repository().join("docs/huong-dan.md")).unwrap();
    assert!(guide.contains("audit keygen --out /etc/phananh/audit.key"));
}

/// The commands docs/rules.md §6 lists ("the names are part of the interface") are the
/// binary's, every one of them: it listed `staff add|list|import|disable` and `audit
/// log|verify` while the binary also had `staff enable|edit|logins`, `audit
/// keygen|checkpoint|reveals`, `erase` and `key rotate|reset`.
#[test]
fn the_commands_of_the_rules_are_the_binarys() {
    let rules = std::fs::read_to_string(repository().join("docs/rules.md")).unwrap();
    let listed = rules
        .split("**Commands**")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("docs/rules.md §6 lists the commands");
    // Each `command …` span: its first word, and the `|`-separated words after it.
    let spans: Vec<Vec<String>> = regex::Regex::new(r"`([^`]+)`")
        .unwrap()
        .captures_iter(listed)
        .map(|c| c[1].split_whitespace().map(str::to_owned).collect())
        .collect();
    let env = TestEnv::empty();
    // The names a `--help` lists under its commands heading, `help` aside.
    let commands_of = |args: &[&str]| -> Vec<String> {
        let mut all = in_english(args);
        all.push("--help");
        let help = env.run(&all).success().stdout.clone();
        help.split("Commands:\n")
            .nth(1)
            .map(|rest| {
                rest.lines()
                    .take_while(|l| !l.trim().is_empty())
                    .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
                    .filter_map(|l| l.split_whitespace().next())
                    .filter(|name| *name != "help")
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let top = commands_of(&[]);
    assert!(top.len() > 20, "{top:?}");
    for command in &top {
        let named: Vec<&Vec<String>> = spans
            .iter()
            .filter(|s| s.first() == Some(command))
            .collect();
        assert!(
            !named.is_empty(),
            "docs/rules.md §6 does not list `{command}`"
        );
        let subcommands = commands_of(&[command]);
        if subcommands.is_empty() {
            continue;
        }
        let listed: Vec<String> = named
            .iter()
            .filter_map(|s| s.get(1))
            .flat_map(|words| words.split('|').map(str::to_owned))
            .collect();
        let mut wanted = subcommands.clone();
        wanted.sort();
        let mut said = listed.clone();
        said.sort();
        assert_eq!(
            said, wanted,
            "docs/rules.md §6 lists `{command}` with other subcommands than the binary's"
        );
    }
    for span in &spans {
        assert!(
            top.contains(&span[0]),
            "docs/rules.md §6 lists `{}`, which the binary does not have",
            span.join(" ")
        );
    }
}

/// Every file the README, the guide, docs/rules.md, SECURITY.md, docs/testing.md and the
/// processing record (docs/xu-ly-du-lieu-ca-nhan.md) name in code spans is in the repository, and every item named after a file and `::` is defined
/// in that file: docs/rules.md sent readers to a file validate.rs in `src/domain/`, which is
/// a folder now, and to `src/cli/settings.rs` for the settings, which are in
/// `src/app/settings.rs`.
#[test]
fn the_files_and_items_the_documents_name_are_in_the_repository() {
    let named =
        regex::Regex::new(r"`((?:docs|examples|src|bench|tests)/[^`\s:]+)(?:::(\w+))?`").unwrap();
    for document in [
        "README.md",
        "docs/huong-dan.md",
        "docs/rules.md",
        "SECURITY.md",
        "docs/testing.md",
        "docs/xu-ly-du-lieu-ca-nhan.md",
    ] {
        let text = std::fs::read_to_string(repository().join(document)).unwrap();
        for found in named.captures_iter(&text) {
            let path = repository().join(&found[1]);
            assert!(
                path.exists(),
                "{document} names {}, which is not in the repository",
                &found[1]
            );
            if let Some(item) = found.get(2) {
                let source = std::fs::read_to_string(&path).unwrap();
                let defined = regex::Regex::new(&format!(
                    r"(?m)^\s*(?:pub(?:\([a-z]+\))? )?(?:fn|const|static|struct|enum|mod|type) {}\b",
                    item.as_str()
                ))
                .unwrap();
                assert!(
                    defined.is_match(&source),
                    "{document} names {}::{}, which that file does not define",
                    &found[1],
                    item.as_str()
                );
            }
        }
    }
}

/// The README, the guide and SECURITY.md call phananh on a server as
/// `/usr/local/bin/phananh` (cron, sudo), so each says how it gets there; and no line runs `sudo phananh`, which sudo's
/// `secure_path` does not find in `~/.cargo/bin`, where `cargo install` puts it: the guide's
/// §1 wrote the manual pages with `sudo phananh man`.
#[test]
fn the_binary_the_documents_run_on_a_server_is_installed_where_they_call_it() {
    for document in ["README.md", "docs/huong-dan.md", "SECURITY.md"] {
        let text = std::fs::read_to_string(repository().join(document)).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim_start).collect();
        if text.contains("/usr/local/bin/phananh") {
            assert!(
                lines.iter().any(|l| l.contains("install ")
                    && l.split_whitespace().last() == Some("/usr/local/bin/phananh")),
                "{document} calls /usr/local/bin/phananh without installing it there"
            );
        }
        for line in &lines {
            assert!(
                !line.contains("sudo phananh "),
                "{document}: sudo does not find phananh in ~/.cargo/bin: {line}"
            );
        }
    }
}

/// The code cites the Decision by articles, clauses and points its text has
/// (docs/regulation/; "Đ7.2", "Art. 8.1.b", "khoản 3 Điều 6", from the smallest unit up as
/// Vietnamese cites; Labour Code articles, 111 and up, aside), and no document outside the repository: comments cited SPEC §5, STYLE.md and
/// a research folder that a clone does not have. The comments of migration 2 keep their
/// "SPEC §n", which SQLite copies into every database's schema (docs/rules.md, "How to read
/// this file"; docs/schema.sql is that schema). Held for every source, script and document
/// of the repository, not only `src/` and `tests/cli/`: the generator of the examples cited
/// the list of communes at `shared/data/…`, in `examples/`, which the scan did not read.
#[test]
fn the_code_cites_articles_the_decision_has_and_documents_the_repository_holds() {
    let text =
        std::fs::read_to_string(repository().join("docs/regulation/qd-17-2022-ubnd-ca-mau.vi.txt"))
            .unwrap();
    // Articles 4 to 17 by their headings, each with its clauses and their points (the
    // transcription lost the headings of Articles 1–3).
    let mut articles: std::collections::BTreeMap<u32, std::collections::BTreeMap<u32, String>> =
        Default::default();
    let heading = regex::Regex::new(r"^Điều (\d+)\. ").unwrap();
    let clause = regex::Regex::new(r"^(\d+)\. ").unwrap();
    let point = regex::Regex::new(r"^([a-zđ])\) ").unwrap();
    let (mut article, mut current) = (None, None);
    for line in text.lines() {
        if let Some(c) = heading.captures(line) {
            let n: u32 = c[1].parse().unwrap();
            if n >= 4 {
                article = Some(n);
                articles.insert(n, Default::default());
                current = None;
            }
        } else if let Some(n) = article {
            if let Some(c) = clause.captures(line) {
                let k: u32 = c[1].parse().unwrap();
                articles.get_mut(&n).unwrap().insert(k, String::new());
                current = Some(k);
            } else if let (Some(k), Some(c)) = (current, point.captures(line)) {
                articles
                    .get_mut(&n)
                    .unwrap()
                    .get_mut(&k)
                    .unwrap()
                    .push_str(&c[1]);
            }
        }
    }
    assert_eq!(articles.len(), 14, "{articles:?}");
    let citation = regex::Regex::new(
        r"(?:Đ|Art\. ?|Article )(\d+)(?:\.(\d+))?(?:\.([a-zđ])\b)?|(?:điểm ([a-zđ]) )?(?:khoản (\d+) )?Điều (\d+)",
    )
    .unwrap();
    // Vietnamese cites from the smallest unit up: "Điều 6 khoản 3" reads the wrong way round.
    let backwards = regex::Regex::new(r"Điều \d+ (?:khoản|điểm) ").unwrap();
    let outside = regex::Regex::new(r"\bSPEC\b|\bSTYLE\.md|\bshared/").unwrap();
    let mut files = Vec::new();
    let mut folders: Vec<_> = ["src", "tests", "examples", "bench", "crates", "docs"]
        .iter()
        .map(|f| repository().join(f))
        .collect();
    let read = ["rs", "sql", "py", "sh", "md"];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if name != "target" && name != "bench-data" && !name.starts_with('.') {
                    folders.push(path);
                }
            } else if path
                .extension()
                .is_some_and(|e| read.iter().any(|r| e == *r))
                || name == "run"
            {
                files.push(path);
            }
        }
    }
    for document in ["README.md", "SECURITY.md", "BENCHMARKS.md"] {
        files.push(repository().join(document));
    }
    let mut wrong = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(repository())
            .unwrap()
            .display()
            .to_string();
        let source = std::fs::read_to_string(path).unwrap();
        for (i, line) in source.lines().enumerate() {
            let at = format!("{name}:{}", i + 1);
            // This test names what it looks for; migration 2's comments, the schema that
            // copies them and the rules that explain them keep "SPEC §n".
            let kept = name == "tests/cli/guide.rs";
            let spec_kept = name.ends_with("migration-2-clocks.sql")
                || name == "docs/schema.sql"
                || name == "docs/rules.md";
            if let Some(word) = outside
                .find(line)
                .filter(|w| !(kept || (spec_kept && w.as_str() == "SPEC")))
            {
                let word = word.as_str();
                wrong.push(format!("{at}: cites {word}, outside the repository"));
            }
            if !name.starts_with("src/") {
                continue;
            }
            if let Some(c) = backwards.find(line) {
                wrong.push(format!(
                    "{at}: {} cites the article before its clause",
                    c.as_str()
                ));
            }
            for c in citation.captures_iter(line) {
                let number = |i: usize| c.get(i).map(|m| m.as_str().parse::<u32>().unwrap());
                let (a, k, p) = match number(1) {
                    Some(a) => (a, number(2), c.get(3)),
                    None => (number(6).unwrap(), number(5), c.get(4)),
                };
                if a >= 100 || (1..4).contains(&a) {
                    continue;
                }
                let exists = articles.get(&a).is_some_and(|clauses| match k {
                    None => p.is_none(),
                    Some(k) => clauses
                        .get(&k)
                        .is_some_and(|points| p.is_none_or(|p| points.contains(p.as_str()))),
                });
                if !exists {
                    wrong.push(format!("{at}: {} is not in the Decision", &c[0]));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The README's exit status 1 names a missing folder as such, and the guide's §10 lets the
/// key live elsewhere (`--key-file`): every file a command writes, in a folder that does not
/// exist, is refused naming the folder and the `mkdir` that makes it, in the language asked
/// for, with nothing made. `init --key-file` in a missing folder left a database with no
/// admin behind it, which `init` then refused as already made; `audit keygen`, `audit
/// checkpoint` and `ingest --errors` said the system's English ("No such file or
/// directory (os error 2)") and, for the first two, to choose another name.
#[test]
fn every_file_a_command_writes_in_a_missing_folder_is_named_and_nothing_is_made() {
    let said = |run: &Run, folder: &Path, file: &Path, lang: &str| {
        let (folder, file) = (folder.display(), file.display());
        let words = if lang == "en" {
            format!("the folder {folder} does not exist, so {file} cannot be")
        } else {
            format!("Thư mục {folder} không tồn tại nên không")
        };
        run.failure()
            .one_line_error()
            .stderr_has(&words)
            .stderr_has(&format!("mkdir -p -m 700 {folder}"))
            .never_shows("os error");
    };
    for lang in ["vi", "en"] {
        // The key of a new database.
        let env = TestEnv::empty();
        let folder = env.dir().join("khoa");
        let key = folder.join("phananh.key");
        let run = env.run(&[
            "--lang",
            lang,
            "--key-file",
            key.to_str().unwrap(),
            "init",
            "--auth",
            "trust",
        ]);
        said(&run, &folder, &key, lang);
        assert!(!env.db().exists(), "init made the database:\n{run}");
        // Made as the message says, the same command makes the database and its admin.
        std::fs::create_dir(&folder).unwrap();
        env.run(&[
            "--key-file",
            key.to_str().unwrap(),
            "init",
            "--auth",
            "trust",
        ])
        .success();
        env.run_as(
            ADMIN,
            &["--key-file", key.to_str().unwrap(), "staff", "list"],
        )
        .success()
        .stdout_has(ADMIN);

        // A checkpoint's key pair, a checkpoint, the list of an ingest's bad rows.
        let env = TestEnv::validated();
        let folder = env.dir().join("chua-co");
        let secret = folder.join("audit.key");
        let run = env.run_as(
            ADMIN,
            &[
                "--lang",
                lang,
                "audit",
                "keygen",
                "--out",
                secret.to_str().unwrap(),
            ],
        );
        said(&run, &folder, &secret, lang);
        let key = env.dir().join("audit.key");
        env.run_as(ADMIN, &["audit", "keygen", "--out", key.to_str().unwrap()])
            .success();
        let head = folder.join("head.json");
        let run = env.run_as(
            ADMIN,
            &[
                "--lang",
                lang,
                "audit",
                "checkpoint",
                "--key",
                key.to_str().unwrap(),
                "--out",
                head.to_str().unwrap(),
            ],
        );
        said(&run, &folder, &head, lang);
        let reports = env.count("SELECT count(*) FROM reports");
        let errors = folder.join("loi.csv");
        let run = env.run_as(
            RECEPTION,
            &[
                "--lang",
                lang,
                "ingest",
                &example_str("bad/bad-time.csv"),
                "--errors",
                errors.to_str().unwrap(),
            ],
        );
        said(&run, &folder, &errors, lang);
        assert_eq!(env.count("SELECT count(*) FROM reports"), reports);
        assert!(!folder.exists());
    }
}

/// The guide called the operating system's login "tên đăng nhập" (what `--help` calls the
/// staff account) and "tài khoản đăng nhập máy", where the messages, listings and audit
/// heads say "tài khoản hệ điều hành": three words for one thing read as three things.
#[test]
fn the_guide_names_the_os_login_as_the_tool_does() {
    let guide = std::fs::read_to_string(repository().join("docs/huong-dan.md")).unwrap();
    let lower = guide.to_lowercase();
    for other in [
        "đăng nhập máy",
        "dưới tên đăng nhập",
        "tên đăng nhập hệ điều hành",
    ] {
        assert!(!lower.contains(other), "the guide says \"{other}\"");
    }
    assert!(lower.contains("tài khoản hệ điều hành"));
}
