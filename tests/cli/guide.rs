//! The walkthroughs of the README and of the operator's guide (docs/huong-dan.md) work when
//! followed literally: their `sh walkthrough` blocks are run, exactly as written, one after
//! the other, by bash on a fresh directory with `phananh` on the PATH (as `cargo install`
//! leaves it), and end with a published report. The README keeps its two set-up commands.
//! The guide's cron lines, which cannot run as written (server paths, a service account), run
//! with those replaced, on the `peer` database `init` makes.

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
/// `sh` block binds the cron account to the login whose crontab runs the lines (without
/// `--login` every cron line is refused), the header line is written once, and each sweep
/// with nothing new appends nothing (without `--no-headers` each run appends a header).
/// The server's paths become a temporary directory's, and the service account `phananh` the
/// login running the tests, which also made the database and so owns it as on the server.
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
        .filter(|l| l.starts_with("phananh "))
        .collect();
    assert!(
        setup.iter().any(|l| l.contains("staff add cron.tiepnhan")),
        "{setup:?}"
    );
    // The header line, written once before cron runs.
    let header = section
        .split('`')
        .find(|code| code.contains("sweep --dry-run | head -1"))
        .expect("§6 says how to write the header line once")
        .to_owned();
    // A cron line is its five schedule fields, then the command.
    let cron: Vec<String> = block("cron")
        .iter()
        .map(|l| l.split_whitespace().skip(5).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(cron.len(), 2, "the sweep and the backup lines: {cron:?}");

    let home = tempfile::Builder::new()
        .prefix("phananh-cron-")
        .tempdir()
        .unwrap();
    let dir = home.path();
    for sub in ["srv/phananh", "srv/backup", "log"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let me = my_login();
    let localize = |line: &str| {
        line.replace("/srv/", &format!("{}/srv/", dir.display()))
            .replace("/var/log/phananh", &format!("{}/log", dir.display()))
            .replace("--login phananh", &format!("--login {me}"))
    };
    let db = dir.join("srv/phananh/phananh.sqlite");
    let path = format!("{}:/usr/bin:/bin", bin().parent().unwrap().display());
    let bash = |line: &str| {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("set -euo pipefail\n{line}"))
            .env_clear()
            .env("PATH", &path)
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
    };
    bash("phananh init --admin admin");
    for line in &setup {
        bash(&localize(line));
    }
    bash(&localize(&header));
    // Two quiet runs (nothing due on a new database), then the nightly backup.
    bash(&localize(&cron[0]));
    bash(&localize(&cron[0]));
    bash(&localize(&cron[1]));
    let csv = std::fs::read_to_string(dir.join("log/sweep.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1, "one header line, once:\n{csv}");
    assert!(csv.starts_with("report_id,"), "{csv}");
    assert_eq!(
        std::fs::read_to_string(dir.join("log/sweep.err")).unwrap(),
        ""
    );
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
