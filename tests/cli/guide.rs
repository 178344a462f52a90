//! The walkthroughs of the README and of the operator's guide (docs/huong-dan.md) work when
//! followed literally: their `sh walkthrough` blocks are run, exactly as written, one after
//! the other, by bash on a fresh directory with `phananh` on the PATH (as `cargo install`
//! leaves it), and end with a published report. The README keeps its two set-up commands.

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
