//! `--help` teaches: every command, at every level, shows at least one real example; shell
//! completions and the manual page come from the same definitions.

use crate::common::*;

/// The subcommands a help text lists under "Commands:".
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_command_shows_an_example_in_its_help() {
    let env = TestEnv::empty();
    let top = env.run(&["--help"]).success().stdout.clone();
    let mut missing = Vec::new();
    let mut seen = 0;
    let mut queue: Vec<Vec<String>> = subcommands(&top).into_iter().map(|c| vec![c]).collect();
    assert!(queue.len() > 25, "{top}");
    while let Some(path) = queue.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = env.run(&args).success().stdout.clone();
        seen += 1;
        let children = subcommands(&help);
        if children.is_empty() {
            let shows = help.lines().any(|l| l.trim_start().starts_with("phananh "));
            if !help.contains("Example") || !shows {
                missing.push(path.join(" "));
            }
        }
        queue.extend(children.into_iter().map(|c| {
            let mut p = path.clone();
            p.push(c);
            p
        }));
    }
    assert!(seen > 40, "{seen}");
    assert!(missing.is_empty(), "no example in --help of: {missing:?}");
}

#[test]
fn completions_and_the_manual_page_cover_every_command() {
    let env = TestEnv::empty();
    for shell in ["bash", "zsh", "fish"] {
        let script = env.run(&["completions", shell]).success().stdout.clone();
        for command in ["assign", "sweep", "calendar", "report", "score", "backup"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    let man = env.run(&["man"]).success().stdout.clone();
    assert!(
        man.starts_with(".ie") || man.contains(".TH phananh 1"),
        "{}",
        &man[..200]
    );
    for page in [
        "phananh\\-assign",
        "phananh\\-sweep",
        "phananh\\-report",
        "phananh\\-score",
    ] {
        assert!(man.contains(page), "{page}");
    }
    env.run(&["completions", "powershell"]).code(2);
}
