//! `--help` teaches: every command, at every level, shows at least one real example; shell
//! completions and the manual page come from the same definitions.

use std::sync::OnceLock;

use crate::common::*;

/// The subcommands a help text lists under "Commands:" ("Lệnh:" in Vietnamese).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:") && !l.starts_with("Lệnh:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A description too long for the width goes on under itself, further in.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_command_shows_an_example_in_its_help() {
    // The pages `every_help` read (each run exited 0), the top page first.
    let pages = help_pages(None);
    let (path, top) = &pages[0];
    assert!(path.is_empty(), "{path}");
    assert!(subcommands(top).len() > 25, "{top}");
    let mut missing = Vec::new();
    let mut seen = 0;
    for (path, help) in &pages[1..] {
        seen += 1;
        if subcommands(help).is_empty() {
            let shows = help.lines().any(|l| l.trim_start().starts_with("phananh "));
            if !(help.contains("Example") || help.contains("Ví dụ")) || !shows {
                missing.push(path.clone());
            }
        }
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

/// Every help page, by command path, in `lang` (`None`: the default, Vietnamese).
fn every_help(env: &TestEnv, lang: Option<&str>) -> Vec<(String, String)> {
    every_help_at(env, lang, None)
}

/// `every_help` as read on a terminal `columns` wide (`None`: piped).
fn every_help_at(
    env: &TestEnv,
    lang: Option<&str>,
    columns: Option<&str>,
) -> Vec<(String, String)> {
    let run = |path: &[String]| {
        let mut args: Vec<&str> = Vec::new();
        if let Some(lang) = lang {
            args.extend(["--lang", lang]);
        }
        args.extend(path.iter().map(String::as_str));
        args.push("--help");
        let mut command = env.command();
        if let Some(columns) = columns {
            command.env("COLUMNS", columns);
        }
        Run::of(command, &args).success().stdout.clone()
    };
    let mut out = Vec::new();
    let mut queue: Vec<Vec<String>> = vec![Vec::new()];
    while let Some(path) = queue.pop() {
        let help = run(&path);
        for child in subcommands(&help) {
            let mut p = path.clone();
            p.push(child);
            queue.push(p);
        }
        out.push((path.join(" "), help));
    }
    assert!(out.len() > 40, "{}", out.len());
    out
}

/// `every_help` in Vietnamese (`None`) or English (`Some("en")`), read once per test binary
/// run: two tests look at the Vietnamese pages.
fn help_pages(lang: Option<&'static str>) -> &'static Vec<(String, String)> {
    static VI: OnceLock<Vec<(String, String)>> = OnceLock::new();
    static EN: OnceLock<Vec<(String, String)>> = OnceLock::new();
    let pages = match lang {
        None => &VI,
        Some("en") => &EN,
        Some(other) => panic!("no help pages kept for {other}"),
    };
    pages.get_or_init(|| every_help(&TestEnv::empty(), lang))
}

/// Letters only Vietnamese uses (lower case), as in the languages test.
const VIETNAMESE: &str = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõã";

fn has_vietnamese(text: &str) -> bool {
    text.to_lowercase().chars().any(|c| VIETNAMESE.contains(c))
}

/// English function words: two of them and no Vietnamese letter make a sentence English.
const ENGLISH: [&str; 16] = [
    "the", "of", "to", "is", "and", "for", "with", "this", "that", "from", "are", "its", "when",
    "each", "every", "only",
];

/// The prose of a help page: examples (command lines), quoted text and the option column
/// left out, as they read the same in both languages.
fn prose(help: &str) -> Vec<String> {
    unwrapped(help)
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.starts_with("phananh ") && !l.starts_with("*/") && !l.starts_with("0 2 "))
        .map(|l| {
            let l = if l.starts_with('-') {
                // "--db <PATH>  The database file…": the option itself is not prose.
                l.split_once("  ")
                    .map(|(_, rest)| rest.trim())
                    .unwrap_or("")
            } else {
                l
            };
            let mut out = String::new();
            let mut quoted = false;
            for c in l.chars() {
                if c == '"' {
                    quoted = !quoted;
                } else if !quoted {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

/// The lines of a help page as written, before it was wrapped to the screen: a line
/// indented further than the first line of what it follows continues it (an option's
/// description, beside or under the option, or an example's after its `\`), as does a
/// line of a paragraph at the margin; so a sentence is judged whole whatever the width. A
/// heading ("Examples:"), an option, an example or its comment starts a line of its own.
fn unwrapped(help: &str) -> Vec<String> {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut lines: Vec<String> = Vec::new();
    let mut previous: Option<&str> = None;
    // Where the line being joined started: `--help` puts an option's text under it, its
    // lines all at the same depth.
    let mut first_at = 0;
    for line in help.lines() {
        let continues = previous.is_some_and(|before| {
            let (before_at, at) = (indent(before), indent(line));
            let starts = |marks: &[&str]| marks.iter().any(|m| line.trim_start().starts_with(m));
            !line.trim().is_empty()
                && !before.ends_with(':')
                && !starts(&["-", "phananh ", "# "])
                && (at > first_at || (at == 0 && before_at == 0))
        });
        match lines.last_mut() {
            Some(last) if continues => {
                // An option with its text under it (`--help`) joined as `-h` writes it beside,
                // two spaces apart, so that `prose` tells the two apart.
                let bare_option = last.trim_start().starts_with('-') && !last.trim().contains("  ");
                last.push_str(if bare_option { "  " } else { " " });
                last.push_str(line.trim());
            }
            _ => {
                first_at = indent(line);
                lines.push(line.to_owned());
            }
        }
        previous = if line.trim().is_empty() {
            None
        } else {
            Some(line)
        };
    }
    lines
}

fn english_sentences(help: &str) -> Vec<String> {
    prose(help)
        .iter()
        .flat_map(|l| {
            l.split(['.', ';', ':', '(', ')'])
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|sentence| {
            let words: Vec<String> = sentence
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .map(str::to_lowercase)
                .collect();
            let english = ENGLISH
                .iter()
                .filter(|w| words.iter().any(|x| x == *w))
                .count();
            english >= 2 && !has_vietnamese(sentence)
        })
        .collect()
}

/// Lines of an English text that carry Vietnamese beyond the names English may quote (the
/// province, the Decision, articles such as "Đ7.2", the gloss "lĩnh vực"), examples, quoted
/// text and default values.
fn vietnamese_lines(text: &str) -> Vec<String> {
    prose(text)
        .into_iter()
        .map(|line| {
            let line = line
                .replace("Cà Mau", "")
                .replace("QĐ-UBND", "")
                .replace("lĩnh vực", "")
                .replace('Đ', "");
            match line.find("[default:") {
                Some(at) => line[..at].to_owned(),
                None => line,
            }
        })
        .filter(|line| has_vietnamese(line))
        .collect()
}

#[test]
fn help_is_vietnamese_by_default_and_english_on_request() {
    let env = TestEnv::empty();
    let vi = env.run(&["--help"]).success().stdout.clone();
    for heading in [
        "Cách dùng: phananh [TÙY_CHỌN] <LỆNH>",
        "Lệnh:",
        "Tùy chọn:",
        "Ví dụ:",
    ] {
        assert!(vi.contains(heading), "{heading} missing:\n{vi}");
    }
    for english in [
        "Usage:",
        "Options:",
        "Commands:",
        "Print help",
        "[default:",
        "[env:",
    ] {
        assert!(
            !vi.contains(english),
            "{english} in the Vietnamese help:\n{vi}"
        );
    }
    let en = env
        .run(&["--lang", "en", "--help"])
        .success()
        .stdout
        .clone();
    for heading in [
        "Usage: phananh [OPTIONS] <COMMAND>",
        "Commands:",
        "Options:",
    ] {
        assert!(en.contains(heading), "{heading} missing:\n{en}");
    }
    let mut cmd = env.command();
    cmd.env("PHANANH_LANG", "en");
    let via_env = Run::of(cmd, &["--help"]);
    // The same page, but for the environment clap shows the value of.
    assert_eq!(
        via_env
            .success()
            .stdout
            .replace("[env: PHANANH_LANG=en]", "[env: PHANANH_LANG=]"),
        en
    );
    // Piped help is wrapped too: each text is looked for whole, across its lines.
    let monthly = unwrapped(&env.run(&["report", "monthly", "--help"]).success().stdout).join("\n");
    assert!(
        monthly.contains("Cách dùng: phananh report monthly"),
        "{monthly}"
    );
    assert!(monthly.contains("Kỳ báo cáo"), "{monthly}");
    assert!(
        monthly.contains("[biến môi trường: PHANANH_DB]"),
        "{monthly}"
    );
}

/// The help of option `--name` on a help page, on one line: from its name to the next option
/// or heading.
fn paragraph_of(help: &str, name: &str) -> String {
    let start = help.find(&format!("      --{name}")).expect(name);
    let mut lines = help[start + name.len() + 8..].lines();
    let mut text = lines.next().unwrap_or_default().to_owned();
    for line in lines.take_while(|l| l.starts_with("  ") && !l.trim().starts_with('-')) {
        text.push(' ');
        text.push_str(line);
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `--out` of the five periodic reports is one option: the same words on each page, in
/// either language (`report range` once had a shorter text of its own, which left out
/// the HTML document), and `--force` without it the same usage error.
#[test]
fn every_periodic_report_words_out_alike_and_force_needs_it() {
    let subcommands = ["monthly", "quarterly", "half-year", "annual", "range"];
    for lang in [None, Some("en")] {
        let pages = help_pages(lang);
        let words: Vec<String> = subcommands
            .iter()
            .map(|sub| {
                let path = format!("report {sub}");
                let (_, help) = pages.iter().find(|(p, _)| *p == path).expect(&path);
                paragraph_of(help, "out")
            })
            .collect();
        assert!(words[0].contains(".html"), "{lang:?}: {}", words[0]);
        for (sub, text) in subcommands.iter().zip(&words) {
            assert_eq!(text, &words[0], "{lang:?}: report {sub}");
        }
    }
    let env = TestEnv::empty();
    for sub in subcommands {
        env.run(&["report", sub, "--force"])
            .code(2)
            .stderr_has("thiếu đối số bắt buộc: --out <TỆP>");
    }
}

/// `list --overdue` lists only open clocks past due, in either language's help; reports that
/// were late and stopped are `--ever`'s, which says so itself.
#[test]
fn list_overdue_is_described_as_it_works_in_both_languages() {
    let env = TestEnv::empty();
    let option = |lang: &str, name: &str| -> String {
        let run = env.run(&["--lang", lang, "list", "--help"]);
        paragraph_of(&run.success().stdout, name)
    };
    let vi = option("vi", "overdue");
    assert!(vi.contains("có thời hạn đang tính đã quá"), "{vi}");
    assert!(
        !vi.contains("dừng"),
        "--overdue lists no stopped clock: {vi}"
    );
    let en = option("en", "overdue");
    assert!(en.contains("open clock past its deadline now"), "{en}");
    assert!(option("vi", "ever").contains("kể cả đã xong"));
}

/// A deadline is "thời hạn" to a civil servant; the help said "đồng hồ" (a clock, an
/// engineer's picture): "ai giữ đồng hồ", "cho đồng hồ bắt đầu lúc đã cho", and `--now` was
/// "Đồng hồ của công cụ".
#[test]
fn the_vietnamese_help_says_thoi_han_for_a_deadline_not_a_clock() {
    for (path, help) in help_pages(None) {
        assert!(!help.to_lowercase().contains("đồng hồ"), "{path}: {help}");
    }
    let page = |path: &str| {
        let (_, help) = help_pages(None)
            .iter()
            .find(|(p, _)| p == path)
            .expect(path);
        help
    };
    assert!(paragraph_of(page(""), "now").contains("Thời điểm coi là hiện tại (RFC 3339)"));
    assert!(paragraph_of(page("calendar deadline"), "start").contains("Lúc bắt đầu tính hạn"));
    assert!(paragraph_of(page("list"), "overdue").contains("ai chịu thời hạn"));
}

/// The Vietnamese help called the audit log "nhật ký kiểm toán" ("kiểm toán" is the State
/// Audit Office's word) and `restore` checked a backup's "kiểm toán": it is the "nhật ký hệ
/// thống", checked by "kiểm tra nhật ký".
#[test]
fn the_vietnamese_help_calls_the_audit_log_the_system_log() {
    for (path, help) in help_pages(None) {
        let text = unwrapped(help).join("\n").to_lowercase();
        assert!(!text.contains("kiểm toán"), "{path}: {help}");
    }
    let page = |path: &str| {
        let (_, help) = help_pages(None)
            .iter()
            .find(|(p, _)| p == path)
            .expect(path);
        unwrapped(help).join("\n")
    };
    assert!(page("audit").contains("Nhật ký hệ thống: sự kiện của một phản ánh"));
    assert!(page("restore").contains("kiểm tra toàn vẹn và kiểm tra nhật ký"));
}

#[test]
fn every_help_page_speaks_one_language() {
    let mut english_in_vi = Vec::new();
    for (path, help) in help_pages(None) {
        assert!(
            has_vietnamese(help),
            "`{path}` --help has no Vietnamese:\n{help}"
        );
        for sentence in english_sentences(help) {
            english_in_vi.push(format!("`{path}`: {sentence}"));
        }
    }
    assert!(english_in_vi.is_empty(), "{english_in_vi:#?}");
    let mut vietnamese_in_en = Vec::new();
    for (path, help) in help_pages(Some("en")) {
        for line in vietnamese_lines(help) {
            vietnamese_in_en.push(format!("`{path}`: {line}"));
        }
    }
    assert!(vietnamese_in_en.is_empty(), "{vietnamese_in_en:#?}");
}

/// The Vietnamese help wrote "[TÙY_CHỌN]" and "<LỆNH>" but every value in English:
/// "--text <TEXT>", "--as <USER>", "--db <PATH>", "<ID>" — 45 English words on pages
/// whose messages say "TỆP", "TÊN", "SỐ". The values are named in Vietnamese, in the
/// help and in a usage error; English keeps its own.
#[test]
fn vietnamese_help_names_the_values_in_vietnamese() {
    let english = regex::Regex::new(r"<[A-Z][A-Z_.a-z]*>").unwrap();
    let mut left = std::collections::BTreeSet::new();
    for (path, help) in help_pages(None) {
        for found in english.find_iter(help) {
            left.insert(format!("`{path}`: {}", found.as_str()));
        }
    }
    assert!(left.is_empty(), "{left:#?}");
    let (_, answer) = help_pages(None)
        .iter()
        .find(|(path, _)| path == "answer")
        .expect("answer's help");
    assert!(answer.contains("--text <NỘI_DUNG>"), "{answer}");
    assert!(answer.contains("<SỐ>"), "{answer}");
    let (_, answer_en) = help_pages(Some("en"))
        .iter()
        .find(|(path, _)| path == "answer")
        .expect("answer's help");
    assert!(answer_en.contains("--text <TEXT>"), "{answer_en}");
    let env = TestEnv::empty();
    env.run(&["answer", "7"])
        .code(2)
        .stderr_has("--text <NỘI_DUNG>")
        .never_shows("<TEXT>");
}

/// An optional argument is shown in brackets (`[IDS]...` of `validate`, `classify`,
/// `erase`; `[ID]` of `audit log`): its name in Vietnamese too, in every help page and in
/// the usage line of a usage error, as `<SỐ>` is.
#[test]
fn optional_arguments_are_named_in_vietnamese_too() {
    let english = regex::Regex::new(r"\[[A-Z][A-Z_.a-z]*\]").unwrap();
    let mut left = std::collections::BTreeSet::new();
    for (path, help) in help_pages(None) {
        for found in english.find_iter(help) {
            left.insert(format!("`{path}`: {}", found.as_str()));
        }
    }
    assert!(left.is_empty(), "{left:#?}");
    let env = TestEnv::empty();
    for (args, usage) in [
        (
            vec!["audit", "log", "--report", "3"],
            "phananh audit log [TÙY_CHỌN] [SỐ]",
        ),
        (
            vec!["validate", "--bogus"],
            "phananh validate [TÙY_CHỌN] [SỐ]...",
        ),
        (vec!["erase", "--bogus"], "[SỐ]..."),
    ] {
        let run = env.run(&args);
        run.code(2).stderr_has(usage);
        assert!(!english.is_match(&run.stderr), "{}", run.stderr);
    }
}

#[test]
fn usage_errors_are_vietnamese_by_default() {
    let env = TestEnv::empty();
    for args in [
        vec!["list", "--bogus"],
        vec!["frobnicate"],
        vec!["report"],
        vec!["report", "monthly"],
        vec!["assign"],
        vec!["--format", "yaml", "list"],
        vec!["list", "--from", "yesterday"],
        vec!["list", "--status", "open"],
        vec!["list", "--limit", "many"],
        vec![
            "calendar",
            "deadline",
            "--stage",
            "lunch",
            "--start",
            "2026-10-05 08:00",
        ],
        vec!["assign", "1", "--agency", "SXD", "--auto"],
    ] {
        let what = args.join(" ");
        let vi = env.run(&args);
        vi.code(2);
        assert!(
            vi.stderr.starts_with("lỗi: ") || vi.stderr.contains("Cách dùng:"),
            "`{what}`:\n{vi}"
        );
        assert!(has_vietnamese(&vi.stderr), "`{what}`:\n{vi}");
        assert!(english_sentences(&vi.stderr).is_empty(), "`{what}`:\n{vi}");
        for english in ["error:", "Usage:", "For more information"] {
            assert!(!vi.stderr.contains(english), "`{what}`:\n{vi}");
        }
        let en_args = in_english(&args);
        let en = env.run(&en_args);
        en.code(2);
        assert!(
            vietnamese_lines(&en.stderr).is_empty(),
            "`{what}` in English:\n{en}"
        );
    }
    // The typed value and the reason, both named.
    env.run(&["list", "--from", "yesterday"])
        .code(2)
        .stderr_has("'yesterday'")
        .stderr_has("YYYY-MM-DD");
    env.run(&["list", "--bogus"])
        .code(2)
        .stderr_has("'--bogus'");
}

/// `calendar deadline --stage dispath` listed the four stages and left the
/// operator to spot the typo, where a misspelt status or agency code is answered with the
/// one it most likely means. A stage is guessed the same way.
#[test]
fn a_misspelt_stage_is_answered_with_the_stage_it_most_likely_means() {
    let env = TestEnv::empty();
    let deadline = |lang: &str, stage: &str| {
        env.run(&[
            "--lang",
            lang,
            "calendar",
            "deadline",
            "--stage",
            stage,
            "--start",
            "2026-10-05 08:00",
        ])
    };
    deadline("vi", "dispath")
        .code(2)
        .stderr_has("Phân phối (dispatch), Chuyển trả (return), Xử lý (process)")
        .stderr_has("gợi ý: có phải ý bạn là 'dispatch'?");
    deadline("en", "proces")
        .code(2)
        .stderr_has("a similar value exists: 'process'");
    // Nothing near: no guess.
    deadline("vi", "xyz")
        .code(2)
        .stderr_has("Phân phối (dispatch), Chuyển trả (return), Xử lý (process)")
        .never_shows("gợi ý");
}

/// `verify 6 --send-back` without its reason was answered with the usage line "phananh
/// verify --reason <LÝ_DO> <--approve|--send-back> <SỐ>": a choice offered again that had
/// been made. The choice typed is named; one not yet made is still offered (the reason is
/// typed or read from a file, `--reason-file`).
#[test]
fn a_usage_line_names_the_choice_that_was_typed() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["verify", "6", "--send-back"])
        .code(2)
        .stderr_has(
            "Cách dùng: phananh verify --send-back <--reason <LÝ_DO>|--reason-file <TỆP>> <SỐ>\n",
        );
    env.run_as(RECEPTION, &["--lang", "en", "verify", "6", "--send-back"])
        .code(2)
        .stderr_has(
            "Usage: phananh verify --send-back <--reason <REASON>|--reason-file <FILE>> <ID>\n",
        );
    env.run_as(RECEPTION, &["verify", "6"])
        .code(2)
        .stderr_has("<--approve|--send-back>");
}

/// `list` and `export open311` with --from after --to failed with exit 1 (a failure of the
/// run, not of the command line) and "hãy đổi lại", where `report range` says the same
/// mistake is a usage error (exit 2) and gives the command line to type. All three say it
/// alike now, and change nothing.
#[test]
fn ends_of_a_period_typed_the_wrong_way_round_are_a_usage_error_everywhere() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    for args in [
        &["list", "--from", "10/10/2026", "--to", "2026-10-01"][..],
        &[
            "export",
            "open311",
            "--from",
            "2026-10-10",
            "--to",
            "2026-10-01",
        ][..],
    ] {
        env.run_as(RECEPTION, args)
            .code(2)
            .one_line_error()
            .stderr_has("--from 2026-10-10 ở sau --to 2026-10-01")
            .stderr_has("Hãy đổi chỗ hai ngày: --from 2026-10-01 --to 2026-10-10.");
        env.run_as(RECEPTION, &in_english(args))
            .code(2)
            .stderr_has("Swap them: --from 2026-10-01 --to 2026-10-10");
    }
    env.assert_unchanged(&before);
}

/// A misspelt status was answered with the list of statuses and no
/// guess (clap guesses for commands), a date written right but not in the calendar was sent
/// back to the format it used, and `list --ever` showed a usage line without `--ever`.
#[test]
fn usage_errors_guess_the_status_say_the_day_does_not_exist_and_keep_what_was_typed() {
    let env = TestEnv::empty();
    env.run(&["list", "--status", "asigned"])
        .code(2)
        .stderr_has("gợi ý: có phải ý bạn là 'assigned'?");
    env.run(&["--lang", "en", "list", "--status", "replied,asigned"])
        .code(2)
        .stderr_has("a similar value exists: 'assigned'");
    env.run(&["list", "--from", "31/11/2026"])
        .code(2)
        .stderr_has("'31/11/2026'")
        .stderr_has("không có ngày này: tháng 11/2026 có 30 ngày")
        .never_shows("dùng YYYY-MM-DD");
    env.run(&["--lang", "en", "list", "--to", "2026-11-31"])
        .code(2)
        .stderr_has("no such day: November 2026 has 30 days")
        .never_shows("use YYYY-MM-DD");
    env.run(&["list", "--due", "29/02/2026"])
        .code(2)
        .stderr_has("tháng 2/2026 có 28 ngày");
    env.run(&[
        "erase",
        "--closed-before",
        "2026-13-01",
        "--reason",
        "hết hạn",
    ])
    .code(2)
    .stderr_has("không có tháng 13");
    env.run(&["list", "--ever"])
        .code(2)
        .stderr_has("Cách dùng: phananh list --overdue --ever");
    env.run(&["--lang", "en", "list", "--ever"])
        .code(2)
        .stderr_has("Usage: phananh list --overdue --ever");
}

/// The pages `man --out` writes in `lang`, having said where, in that language.
fn man_pages(env: &TestEnv, lang: &str) -> std::path::PathBuf {
    let dir = env.dir().join(format!("man-{lang}"));
    let said = match lang {
        "vi" => format!(" trang man vào {}.", dir.display()),
        _ => format!(" manual pages written to {}", dir.display()),
    };
    env.run(&["--lang", lang, "man", "--out", dir.to_str().unwrap()])
        .success()
        .stderr_has(&said);
    dir
}

#[test]
fn man_writes_a_page_per_command_with_working_references() {
    let env = TestEnv::empty();
    let reference = regex::Regex::new(r"(?m)^\.BR (\S+) \(1\),?$").unwrap();
    let listed_page = regex::Regex::new(r"(phananh(?:\\-[a-z0-9]+)+)\(1\)").unwrap();
    for lang in ["en", "vi"] {
        let dir = man_pages(&env, lang);
        let mut pages: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        pages.sort();
        for page in [
            "phananh.1",
            "phananh-init.1",
            "phananh-report.1",
            "phananh-report-monthly.1",
            "phananh-calendar-deadline.1",
            "phananh-export-open311.1",
            "phananh-service-list.1",
        ] {
            assert!(pages.iter().any(|p| p == page), "{page} missing: {pages:?}");
        }
        assert!(pages.len() > 50, "{}", pages.len());
        assert!(!pages.iter().any(|p| p.contains("help")), "{pages:?}");
        let (environment, exit_status, examples, see_also) = match lang {
            "en" => (
                ".SH ENVIRONMENT",
                ".SH EXIT STATUS",
                ".SH EXAMPLES",
                ".SH SEE ALSO",
            ),
            _ => (
                ".SH MÔI TRƯỜNG",
                ".SH TRẠNG THÁI THOÁT",
                ".SH VÍ DỤ",
                ".SH XEM THÊM",
            ),
        };
        for page in &pages {
            let text = std::fs::read_to_string(dir.join(page)).unwrap();
            for section in [environment, exit_status, see_also] {
                assert!(text.contains(section), "{page} lacks {section}");
            }
            if page != "phananh.1" {
                assert!(text.contains(examples), "{page} lacks {examples}");
            }
            for code in [
                "\n.B 0\n", "\n.B 1\n", "\n.B 2\n", "\n.B 3\n", "\n.B 4\n", "\n.B 5\n",
            ] {
                assert!(text.contains(code), "{page} lacks exit status {code:?}");
            }
            for var in ["PHANANH_DB", "PHANANH_USER", "PHANANH_NOW", "PHANANH_LANG"] {
                assert!(text.contains(var), "{page} lacks {var}");
            }
            let mut references = 0;
            for found in reference.captures_iter(&text) {
                references += 1;
                let target = found[1].replace("\\-", "-");
                assert!(
                    pages.contains(&format!("{target}.1")),
                    "{page} refers to {target}(1), which was not written"
                );
            }
            assert!(references > 0, "{page} refers to nothing");
            // Every subcommand it lists has its own page.
            for listed in listed_page.captures_iter(&text) {
                let target = listed[1].replace("\\-", "-");
                assert!(pages.contains(&format!("{target}.1")), "{page}: {target}");
            }
        }
        let monthly = std::fs::read_to_string(dir.join("phananh-report-monthly.1")).unwrap();
        assert!(monthly.contains("\\-\\-period"), "{monthly}");
        assert!(
            monthly.contains("phananh report monthly"),
            "the synopsis names the command as typed:\n{monthly}"
        );
        let top = std::fs::read_to_string(dir.join("phananh.1")).unwrap();
        assert!(!top.contains("phananh \\- phananh"), "{top}");
        // mandoc finds nothing to complain about, and man renders every page.
        let lint = std::process::Command::new("mandoc")
            .args(["-Tlint", "-W", "warning"])
            .args(pages.iter().map(|p| dir.join(p)))
            .output()
            .expect("mandoc (Debian package mandoc; .ci/run installs it)");
        assert!(
            lint.status.success() && lint.stdout.is_empty(),
            "mandoc -Tlint ({lang}):\n{}{}",
            String::from_utf8_lossy(&lint.stdout),
            String::from_utf8_lossy(&lint.stderr)
        );
        for page in ["phananh.1", "phananh-report-monthly.1"] {
            let shown = std::process::Command::new("man")
                .arg("-l")
                .arg(dir.join(page))
                .env("MANPAGER", "cat")
                .env("MANWIDTH", "100")
                .output()
                .expect("man");
            let text = String::from_utf8_lossy(&shown.stdout);
            assert!(shown.status.success(), "man -l {page}: {text}");
            assert!(text.contains("PHANANH_LANG"), "man -l {page}:\n{text}");
        }
    }
}

#[test]
fn bash_completion_completes_values() {
    let env = TestEnv::seeded();
    let script = env.dir().join("phananh.bash");
    let text = env.run(&["completions", "bash"]).success().stdout.clone();
    std::fs::write(&script, &text).unwrap();
    let bin = bin();
    let path = format!("{}:/usr/bin:/bin", bin.parent().unwrap().to_str().unwrap());
    let complete = |words: &str| -> Vec<String> {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source {}; COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); \
                 _phananh_values phananh \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                script.display()
            ))
            .env_clear()
            .env("PATH", &path)
            .env("PHANANH_DB", env.db())
            .env("PHANANH_NOW", NOW)
            .output()
            .expect("bash");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let statuses = complete("phananh list --status ''");
    assert!(statuses.contains(&"assigned".to_owned()), "{statuses:?}");
    assert_eq!(statuses.len(), 10, "{statuses:?}");
    // Each command's --period is offered only the periods it takes: `report monthly`
    // was offered quarters, half-years and years too, each refused once typed.
    let periods = complete("phananh report monthly --period ''");
    assert!(periods.contains(&"2026-10".to_owned()), "{periods:?}");
    assert_eq!(periods.len(), 12, "{periods:?}");
    let quarters = complete("phananh report quarterly --period ''");
    assert_eq!(quarters, ["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1"]);
    let halves = complete("phananh report half-year --period ''");
    assert_eq!(halves, ["2026-H2", "2026-H1"]);
    let years = complete("phananh report annual --period ''");
    assert_eq!(years, ["2026", "2025"]);
    let scored = complete("phananh score --period ''");
    assert!(scored.contains(&"2026-Q4".to_owned()), "{scored:?}");
    assert!(scored.contains(&"2026-H2".to_owned()), "{scored:?}");
    assert!(scored.contains(&"2026".to_owned()), "{scored:?}");
    assert!(
        !scored
            .iter()
            .any(|p| p.len() == 7 && !p.contains(['Q', 'H'])),
        "{scored:?}"
    );
    let agencies = complete("phananh assign 1 --agency ''");
    assert!(agencies.contains(&"SXD".to_owned()), "{agencies:?}");
    assert_eq!(agencies.len(), EXAMPLE_AGENCIES, "{agencies:?}");
    let stages = complete("phananh calendar deadline --stage ''");
    assert_eq!(stages, ["dispatch", "return", "process", "publish"]);
    // Subcommands are still clap's.
    let commands = complete("phananh rep");
    assert!(commands.iter().any(|c| c == "report"), "{commands:?}");
    // zsh and fish: the fixed values in the script itself; fish asks phananh for the rest.
    let zsh = env.run(&["completions", "zsh"]).success().stdout.clone();
    assert!(zsh.contains("closed_private"), "zsh lacks the statuses");
    let fish = env.run(&["completions", "fish"]).success().stdout.clone();
    assert!(fish.contains("phananh complete-values agencies"), "{fish}");
    assert!(
        fish.contains(
            "__fish_seen_subcommand_from monthly' -l period -x -a '(phananh complete-values months"
        ),
        "{fish}"
    );
}

/// Help is wrapped to the terminal it is read on: at 80 columns no line of any command's
/// page runs past the edge (where the terminal would cut a word), in either language, the
/// usage line too, which clap writes as given (`calendar deadline`'s Vietnamese one ran to
/// 87 columns); with no terminal it is laid out at its widest
/// (`piped_help_is_wrapped_as_on_the_widest_screen`).
#[test]
fn help_fits_an_80_column_terminal() {
    let env = TestEnv::empty();
    let mut long = Vec::new();
    for lang in ["vi", "en"] {
        for (path, help) in every_help_at(&env, Some(lang), Some("80")) {
            long.extend(
                help.lines()
                    .filter(|line| line.chars().count() > 80)
                    .map(|line| format!("{lang} {path:?}: {line}")),
            );
            if path == "calendar deadline" && lang == "vi" {
                // Broken under the program's name, the options whole.
                assert!(
                    help.contains(
                        "Cách dùng: phananh calendar deadline [TÙY_CHỌN] --stage <GIAI_ĐOẠN>\n           --start <THỜI_ĐIỂM>\n"
                    ),
                    "{help}"
                );
            }
        }
    }
    assert!(long.is_empty(), "{long:#?}");
    let wide = env.run(&["list", "--help"]).success().stdout.clone();
    assert!(wide.lines().any(|line| line.chars().count() > 80), "{wide}");
    let piped = env
        .run(&["calendar", "deadline", "--help"])
        .success()
        .stdout
        .clone();
    assert!(
        piped.contains(
            "Cách dùng: phananh calendar deadline [TÙY_CHỌN] --stage <GIAI_ĐOẠN> --start <THỜI_ĐIỂM>\n"
        ),
        "{piped}"
    );
}

/// `sweep --help` in `lang` on a terminal 80 columns wide.
fn sweep_help_at_80_columns(env: &TestEnv, lang: &str) -> Run {
    let mut narrow = env.command();
    narrow.env("COLUMNS", "80");
    let run = Run::of(narrow, &["--lang", lang, "sweep", "--help"]);
    run.success();
    run
}

/// The crontab line of `sweep --help` was wrapped at 80 columns (and at
/// 100), its log file on a line of its own: copied from the terminal, it was two lines, and
/// cron has no continuation line. At 80 columns it is one line, in both languages, and the
/// file it appends to is set on a line before it.
#[test]
fn the_crontab_line_of_sweep_help_stays_whole_at_80_columns() {
    let env = TestEnv::empty();
    for lang in ["vi", "en"] {
        let run = sweep_help_at_80_columns(&env, lang);
        let lines: Vec<&str> = run.stdout.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim_start().starts_with("*/10 * * * *"))
            .unwrap_or_else(|| panic!("{run}"));
        assert_eq!(
            lines[at],
            "  */10 * * * * phananh --format csv sweep --no-headers --fail-on-breach >> $CSV",
            "{lang}\n{run}"
        );
        // What follows is the next part of the page, not the rest of the line.
        assert!(lines[at + 1].trim().is_empty(), "{lang}\n{run}");
        assert!(
            lines[..at].contains(&"  CSV=/var/log/phananh/sweep.csv"),
            "{run}"
        );
    }
}

/// The crontab job of `sweep --help` is one job whichever language the help is read in:
/// copied from either, it sets the same variables and runs the same line.
#[test]
fn the_crontab_of_sweep_help_is_the_same_job_in_both_languages() {
    let env = TestEnv::empty();
    let job = [
        "  PATH=/usr/local/bin:/usr/bin:/bin",
        "  PHANANH_DB=/srv/phananh/phananh.sqlite",
        "  PHANANH_USER=cron.tiepnhan",
        "  MAILTO=quantri@example.vn",
        "  CSV=/var/log/phananh/sweep.csv",
        "  */10 * * * * phananh --format csv sweep --no-headers --fail-on-breach >> $CSV",
        "",
    ];
    for lang in ["vi", "en"] {
        let run = sweep_help_at_80_columns(&env, lang);
        let lines: Vec<&str> = run.stdout.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("  PATH="))
            .unwrap_or_else(|| panic!("{run}"));
        assert_eq!(lines[at..at + job.len()], job, "{lang}\n{run}");
        assert!(lines[at - 1].starts_with("  # "), "{lang}\n{run}");
    }
}

/// Help piped or redirected with no `COLUMNS` (`| less`, `> help.txt`, a
/// mail) was not wrapped at all, an option a line of 400 characters; it is wrapped at the
/// widest help is on a screen, 100 columns, in both languages, words whole.
#[test]
fn piped_help_is_wrapped_as_on_the_widest_screen() {
    let mut long = Vec::new();
    for lang in [None, Some("en")] {
        for (path, help) in help_pages(lang) {
            long.extend(
                help.lines()
                    .filter(|line| line.chars().count() > 100)
                    .map(|line| format!("{lang:?} `{path}`: {line}")),
            );
        }
    }
    assert!(long.is_empty(), "{long:#?}");
    // Wrapped between words: a Vietnamese option's text reads whole once its lines are
    // joined again.
    let list = help_pages(None)
        .iter()
        .find(|(path, _)| path == "list")
        .map(|(_, help)| unwrapped(help).join("\n"))
        .unwrap();
    assert!(
        list.contains(
            "Chỉ phản ánh có nội dung, địa chỉ, xã, phường hoặc mã ứng dụng chứa chữ này"
        ),
        "{list}"
    );
}

/// Every Vietnamese help page said "-h: tóm tắt, --help: đầy đủ" and printed
/// the same page for both, while English `--help` is the long page that says which command
/// each `--format` value is for. Wherever English `-h` and `--help` differ, the Vietnamese
/// ones differ too, and the long one explains the values in Vietnamese.
#[test]
fn vietnamese_help_has_a_long_form_wherever_english_has_one() {
    let env = TestEnv::empty();
    let english = help_pages(Some("en"));
    let vietnamese = help_pages(None);
    let short = |lang: &str, path: &str| {
        let mut args = vec!["--lang", lang];
        args.extend(path.split_whitespace());
        args.push("-h");
        env.run(&args).success().stdout.clone()
    };
    let differs: Vec<&String> = english
        .iter()
        .filter(|(path, long)| short("en", path) != *long)
        .map(|(path, _)| path)
        .collect();
    assert!(differs.iter().any(|p| *p == "list"), "{differs:?}");
    let same = std::sync::Mutex::new(Vec::new());
    each_in_parallel(&differs, |path| {
        let long = &vietnamese.iter().find(|(p, _)| p == *path).unwrap().1;
        if short("vi", path) == *long {
            same.lock().unwrap().push((*path).clone());
        }
    });
    let same = same.into_inner().unwrap();
    assert!(
        same.is_empty(),
        "Vietnamese -h and --help are the same page for: {same:?}"
    );
    let list = &vietnamese.iter().find(|(p, _)| p == "list").unwrap().1;
    let list = unwrapped(list).join("\n");
    for said in ["Giá trị:", "In trợ giúp (xem bản tóm tắt với '-h')"] {
        assert!(list.contains(said), "{said} missing:\n{list}");
    }
    // The formats other commands print are explained where they are all offered, at the
    // root; `list` offers only its own (`each_commands_help_offers_its_own_options_first_and_only_the_formats_it_prints`).
    let root = &vietnamese.iter().find(|(p, _)| p.is_empty()).unwrap().1;
    let root = unwrapped(root).join("\n");
    for said in [
        "html:",
        "cho `report`",
        "cho `export open311`",
        "cho `service list`",
    ] {
        assert!(root.contains(said), "{said} missing:\n{root}");
    }
    assert!(!list.contains("--help: đầy đủ"), "{list}");
    let list_short = short("vi", "list");
    assert!(
        list_short.contains("In trợ giúp (xem đầy đủ hơn với '--help')"),
        "{list_short}"
    );
    assert!(!list_short.contains("Giá trị:"), "{list_short}");
}

/// The words of a shell command line: split at spaces, with '…' and "…" kept as one word
/// (their quotes removed). None for a line the shell would do more with (a pipe, a
/// redirection, a substitution, a list of commands, a continued line).
fn shell_words(line: &str) -> Option<Vec<String>> {
    if ["|", ">", "<", "$(", "`", ";", "&&", "\\"]
        .iter()
        .any(|mark| line.contains(mark))
    {
        return None;
    }
    let (mut words, mut word, mut quote) = (Vec::new(), String::new(), None);
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (None, ' ') => {
                if started || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            (None, c) => word.push(c),
        }
    }
    if started || !word.is_empty() {
        words.push(word);
    }
    Some(words)
}

/// The main help's example "phananh --as tiepnhan.lan classify --suggest
/// --apply  phân loại theo từ khóa" carried its comment without the "#": an operator who
/// copied it was told "\"phân\" không phải số phản ánh" (clap itself took the words for
/// report numbers). Every example of every help page, in both languages, is a command line
/// phananh parses, and whatever is set off after it by two spaces or more (outside quotes),
/// as a comment beside a command is, starts with "#".
#[test]
fn every_example_in_the_help_is_a_command_phananh_parses() {
    use clap::Parser;
    let mut refused = Vec::new();
    let mut tried = 0;
    for lang in [None, Some("en")] {
        for (path, help) in help_pages(lang) {
            for line in unwrapped(help) {
                let line = line.trim();
                // The program's name, not the first word of the top page's title.
                let Some(words) = line
                    .strip_prefix("phananh ")
                    .filter(|rest| rest.starts_with('-') || rest.starts_with(char::is_lowercase))
                    .and_then(|_| shell_words(line))
                else {
                    continue;
                };
                tried += 1;
                if let Some(beside) = set_off(line)
                    && !beside.starts_with('#')
                {
                    refused.push(format!("{path:?}: {line}\n  a comment without #: {beside}"));
                } else if let Err(e) = phananh::cli::Cli::try_parse_from(&words) {
                    refused.push(format!("{path:?}: {line}\n  {}", e.kind()));
                }
            }
        }
    }
    assert!(tried > 100, "{tried}");
    assert!(refused.is_empty(), "{}", refused.join("\n"));
}

/// `calendar add-workday --help` showed `calendar add-workday 2027-02-20 --name "làm bù cho
/// 12/2/2027"`, which a fresh database refuses: 12/2/2027 stays a working day until that
/// day off is entered. An operator copies an example as it stands: every example of the
/// calendar's pages, in both languages, is run on a fresh database (`init`), in the order
/// `calendar --help` lists its commands and each page its lines, as one reading the pages in
/// turn would (an example of `remove` takes back what an earlier one entered; the file of
/// `import` is given), and none may be refused.
#[test]
fn every_calendar_example_in_the_help_is_accepted_on_a_fresh_database() {
    for lang in [None, Some("en")] {
        let env = TestEnv::empty();
        env.run(&["init", "--auth", "trust"]).success();
        env.write_file(
            "lich-nghi-2027.csv",
            "date,type,occasion,source\n\
             2027-02-12,off,Tết Nguyên đán (hoán đổi với T7 20/2),Thông báo thử\n\
             2027-02-20,work,làm bù cho 12/2/2027,Thông báo thử\n",
        );
        let pages = help_pages(lang);
        let page = |path: &str| {
            &pages
                .iter()
                .find(|(p, _)| p == path)
                .unwrap_or_else(|| panic!("no help page {path}"))
                .1
        };
        let mut ran = 0;
        for command in subcommands(page("calendar")) {
            let path = format!("calendar {command}");
            for example in examples(page(&path)) {
                let words = shell_words(&example)
                    .unwrap_or_else(|| panic!("`{path}`: not a plain command: {example}"));
                assert_eq!(words[0], "phananh", "{example}");
                let mut args: Vec<&str> = lang.map(|l| vec!["--lang", l]).unwrap_or_default();
                args.extend(words[1..].iter().map(String::as_str));
                let run = env.run(&args);
                assert_eq!(
                    run.code,
                    Some(0),
                    "`{path}` --help ({lang:?}) shows `{example}`, refused on a fresh database:\n{}",
                    run.stderr
                );
                ran += 1;
            }
        }
        assert!(ran >= 8, "{ran}");
    }
}

/// The command lines of a help page's examples (after its "Examples:" or "Ví dụ:"), a line
/// continued with `\` joined to the next.
fn examples(help: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut continued = false;
    for line in help
        .lines()
        .skip_while(|l| !(l.starts_with("Example") || l.starts_with("Ví dụ")))
        .skip(1)
    {
        let line = line.trim();
        let (text, goes_on) = match line.strip_suffix('\\') {
            Some(text) => (text.trim_end(), true),
            None => (line, false),
        };
        match out.last_mut() {
            Some(last) if continued => {
                last.push(' ');
                last.push_str(text);
            }
            _ if text.starts_with("phananh ") => out.push(text.to_owned()),
            _ => {}
        }
        continued = goes_on && (continued || text.starts_with("phananh "));
    }
    out
}

/// What follows the first run of two spaces or more outside quotes in `line`, if any.
fn set_off(line: &str) -> Option<&str> {
    let mut quote = None;
    let mut spaces = 0;
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, ' ') => {
                spaces += 1;
                continue;
            }
            (None, '"' | '\'') => quote = Some(c),
            (None, _) if spaces >= 2 => return Some(&line[at..]),
            (None, _) => {}
        }
        spaces = 0;
    }
    None
}

/// The words the manual page adds to clap's in each language, word for word: its manual's
/// name, its section headings, its environment and its exit statuses (docs/rules.md §7).
#[test]
fn the_manual_page_words_its_own_sections_in_each_language() {
    let env = TestEnv::empty();
    let expected = [
        (
            "vi",
            "\"Hướng dẫn sử dụng phananh\"",
            &[
                ".SH TÊN",
                ".SH TÓM TẮT",
                ".SH MÔ TẢ",
                ".SH \"TÙY CHỌN\"",
                ".SH LỆNH",
                ".SH MÔI TRƯỜNG",
                ".SH TRẠNG THÁI THOÁT",
                ".SH VÍ DỤ",
                ".SH XEM THÊM",
            ],
            r".SH MÔI TRƯỜNG
.TP
.B PHANANH_DB
Tệp cơ sở dữ liệu, như \-\-db (mặc định phananh.sqlite).
.TP
.B PHANANH_USER
Tài khoản thao tác, như \-\-as.
.TP
.B PHANANH_NOW
Thời điểm coi là hiện tại (RFC 3339), như \-\-now.
.TP
.B PHANANH_KEY_FILE
Tệp khóa mở danh tính người phản ánh, như \-\-key\-file (mặc định: tệp cơ sở dữ liệu thêm .key).
.TP
.B PHANANH_LANG
Ngôn ngữ: vi (mặc định) hoặc en, như \-\-lang.
.SH TRẠNG THÁI THOÁT
.TP
.B 0
Thành công.
.TP
.B 1
Thao tác bị từ chối hoặc dữ liệu vào không hợp lệ; cơ sở dữ liệu giữ nguyên.
.TP
.B 2
Cách dùng sai (đối số, tùy chọn).
.TP
.B 3
sweep \-\-fail\-on\-breach tìm thấy hạn mới bị quá.
.TP
.B 4
Cơ sở dữ liệu vẫn bận sau thời gian chờ.
.TP
.B 5
Kiểm tra nhật ký hoặc kiểm tra toàn vẹn phát hiện sai lệch.
.SH VÍ DỤ
",
        ),
        (
            "en",
            "\"phananh manual\"",
            &[
                ".SH NAME",
                ".SH SYNOPSIS",
                ".SH DESCRIPTION",
                ".SH OPTIONS",
                ".SH SUBCOMMANDS",
                ".SH ENVIRONMENT",
                ".SH EXIT STATUS",
                ".SH EXAMPLES",
                ".SH SEE ALSO",
            ],
            r".SH ENVIRONMENT
.TP
.B PHANANH_DB
The database file, as \-\-db (default phananh.sqlite).
.TP
.B PHANANH_USER
The acting account, as \-\-as.
.TP
.B PHANANH_NOW
The tool's clock (RFC 3339), as \-\-now.
.TP
.B PHANANH_KEY_FILE
The key file of reporters' identities, as \-\-key\-file (default: the database file plus .key).
.TP
.B PHANANH_LANG
The language: vi (the default) or en, as \-\-lang.
.SH EXIT STATUS
.TP
.B 0
Success.
.TP
.B 1
A refused action or bad input; the database is left as it was.
.TP
.B 2
Bad usage (arguments, options).
.TP
.B 3
sweep \-\-fail\-on\-breach found a new breach.
.TP
.B 4
The database was still busy after the wait.
.TP
.B 5
An audit or integrity check failed.
.SH EXAMPLES
",
        ),
    ];
    for (lang, manual, sections, environment_and_exit) in expected {
        let run = env.run(&["--lang", lang, "man"]);
        let page = &run.success().stdout;
        let title = page.lines().find(|l| l.starts_with(".TH ")).unwrap();
        assert!(title.ends_with(manual), "{title}");
        let headings: Vec<&str> = page.lines().filter(|l| l.starts_with(".SH ")).collect();
        assert_eq!(headings, sections, "{lang}");
        assert!(page.contains(environment_and_exit), "{lang}:\n{page}");
    }
}

/// `assign 3 3` (the number typed twice) was answered "không có tùy chọn '3' ở đây", where
/// nothing typed is an option, and in English "unexpected argument '3' found … try
/// '--help'", leaving the operator to work out what was wrong and where the help is. Both
/// now say the word is extra and what to do, and name the command's own help.
#[test]
fn a_word_past_what_a_command_takes_is_called_extra_and_its_help_is_named() {
    let env = TestEnv::empty();
    env.run(&["assign", "3", "3"])
        .code(2)
        .stderr_has("lỗi: thừa đối số '3': lệnh này không nhận thêm giá trị nào ở đó")
        .stderr_has("Xem hướng dẫn: `phananh assign --help`.")
        .never_shows("tùy chọn '3'");
    env.run(&["--lang", "en", "assign", "3", "3"])
        .code(2)
        .stderr_has("error: unexpected extra argument '3': the command takes no more values")
        .stderr_has("For more information, try `phananh assign --help`.")
        .never_shows("try '--help'");
    env.run(&["--lang", "en", "list", "extra"])
        .code(2)
        .stderr_has("unexpected extra argument 'extra'")
        .stderr_has("try `phananh list --help`");
    // The help named is of the command typed, as far as it is one: not of a command word
    // after a mistyped one, nor of an option's value.
    for (args, help) in [
        (&["user", "list"][..], "`phananh --help`"),
        (&["--as", "report", "lst"], "`phananh --help`"),
        (
            &["--db", "list", "report", "monthy"],
            "`phananh report --help`",
        ),
        (&["--db=x", "assign", "3", "3"], "`phananh assign --help`"),
    ] {
        env.run(args)
            .code(2)
            .stderr_has(&format!("Xem hướng dẫn: {help}."));
        env.run(&[&["--lang", "en"][..], args].concat())
            .code(2)
            .stderr_has(&format!("For more information, try {help}."));
    }
    // An unknown option is still called one.
    env.run(&["list", "--bogus"])
        .code(2)
        .stderr_has("không có tùy chọn '--bogus' ở đây");
}

/// The options of the help page `help` under `heading` (up to the next heading), by name.
fn options_under(help: &str, heading: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| l.is_empty() || l.starts_with(' '))
        // An option's line is indented less than its description's, which may start with
        // an option it names where it is wrapped.
        .filter(|l| l.len() - l.trim_start().len() <= 6)
        .filter_map(|l| {
            let l = l.trim_start();
            let l = l.strip_prefix("-h, ").unwrap_or(l);
            l.starts_with("--")
                .then(|| l.split([' ', ',']).next().unwrap().to_owned())
        })
        .collect()
}

/// A command's own options come first, the ones every command takes after them under their
/// own heading, in both languages; `--format` offers only what the command prints, and a
/// format it hides is still answered with the command that prints it (exit 1, not a list
/// of values).
#[test]
fn each_commands_help_offers_its_own_options_first_and_only_the_formats_it_prints() {
    let env = TestEnv::validated();
    let globals = [
        "--db",
        "--as",
        "--now",
        "--format",
        "--key-file",
        "--lang",
        "--csv",
    ];
    for (lang, own, common) in [
        ("en", "Options:", "Global options:"),
        ("vi", "Tùy chọn:", "Tùy chọn chung:"),
    ] {
        let help = env.run(&["--lang", lang, "duplicate", "--help"]);
        let help = &help.success().stdout;
        assert_eq!(
            options_under(help, own),
            ["--of", "--yes", "--help"],
            "{help}"
        );
        assert_eq!(options_under(help, common), globals, "{help}");
        assert!(
            help.find(own).unwrap() < help.find(common).unwrap(),
            "{help}"
        );
        // At the root they are its own options.
        let root = env.run(&["--lang", lang, "--help"]);
        let root = &root.success().stdout;
        assert!(!root.contains(common), "{root}");
        assert!(options_under(root, own).starts_with(&globals.map(String::from)));
    }
    let offered = |lang: &str, path: &[&str]| {
        let mut args = vec!["--lang", lang];
        args.extend(path);
        args.push("-h");
        let help = env.run(&args).success().stdout.clone();
        let line = help
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("--format"))
            .take_while(|l| !l.trim_start().starts_with("--key-file"))
            .collect::<Vec<_>>()
            .join(" ");
        let (_, list) = line
            .rsplit_once(if lang == "en" {
                "[possible values: "
            } else {
                "[giá trị: "
            })
            .unwrap_or_else(|| panic!("{help}"));
        list.split(']')
            .next()
            .unwrap()
            .split(',')
            .map(|v| v.split_whitespace().collect::<String>())
            .collect::<Vec<_>>()
    };
    for (path, formats) in [
        (&["duplicate"][..], &["table", "csv", "json"][..]),
        (&["list"], &["table", "csv", "json"]),
        (&["report", "monthly"], &["table", "csv", "json", "html"]),
        (&["export", "open311"], &["table", "json", "xml"]),
        (&["export", "csv"], &["table", "csv"]),
        (
            &["service", "list"],
            &["table", "csv", "json", "open311-json", "open311-xml"],
        ),
    ] {
        for lang in ["en", "vi"] {
            assert_eq!(offered(lang, path), formats, "{lang} {path:?}");
        }
    }
    let refused = env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "duplicate",
            "44",
            "--of",
            "41",
            "--format",
            "html",
        ],
    );
    assert_eq!(refused.code, Some(1), "{refused}");
    assert!(refused.stderr.contains("only for `report`"), "{refused}");
}

/// `completions bash --format html` printed the script where `--help` lists only table,
/// csv and json: the formats a command takes were decided in two places (its help's list
/// and a gate run after the completions were already printed). The one list refuses it,
/// before anything is printed; the exports still name the export that has the form.
#[test]
fn a_command_refuses_a_format_its_help_does_not_list() {
    let env = TestEnv::empty();
    env.run(&["--lang", "en", "completions", "bash", "--help"])
        .success()
        .stdout_has("[possible values: table, csv, json]");
    let run = env.run(&["--lang", "en", "--format", "html", "completions", "bash"]);
    run.failure()
        .stderr_has("--format html is only for `report`");
    assert_eq!(run.stdout, "", "{run}");
    env.run(&["--lang", "en", "--format", "html", "man", "--out", "trang"])
        .failure();
    assert!(!env.dir().join("trang").exists());
    let env = TestEnv::validated();
    env.run_as(
        RECEPTION,
        &["--lang", "en", "--format", "csv", "export", "open311"],
    )
    .failure()
    .stderr_has("use `phananh export csv --public`");
}

/// A page's examples are the same command lines in both languages: the Vietnamese `ingest`
/// page had an Open311 example the English one lacked, and the two `sweep` pages showed
/// `sweep --dry-run` and `sweep --all --dry-run` under the same comment.
#[test]
fn every_page_shows_the_same_examples_in_both_languages() {
    let english = help_pages(Some("en"));
    let mut differ = Vec::new();
    for (path, vietnamese) in help_pages(None) {
        let (_, en) = english
            .iter()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("no English help page {path}"));
        if examples(vietnamese) != examples(en) {
            differ.push(format!(
                "{path}:\n  vi {:?}\n  en {:?}",
                examples(vietnamese),
                examples(en)
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// A reader of one language was told less than a reader of the other: the English `erase`
/// left out that earlier backups still hold the encrypted identity, `unpublish` read "it
/// becomes the reporter's only", `identity` did not say it records a withdrawal of consent,
/// `key rotate` and `identity correct` left out what the Vietnamese says, `erase
/// --closed-before` its date forms; the Vietnamese `sweep --quiet` did not say the
/// reminders are still recorded, nor `init --auth` that peer mode times steps by the system
/// clock. Each page now says it in both.
#[test]
fn each_language_says_what_the_other_says_of_these_commands() {
    let page = |lang: Option<&'static str>, path: &str| -> String {
        help_pages(lang)
            .iter()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("no help page {path}"))
            .1
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (lang, path, said) in [
        (
            Some("en"),
            "erase",
            "Backups made before still hold the encrypted identity",
        ),
        (Some("en"), "erase", "--closed-before"),
        (Some("en"), "erase", "(YYYY-MM-DD or DD/MM/YYYY)"),
        (
            Some("en"),
            "unpublish",
            "from then on only the reporter receives it",
        ),
        (
            Some("en"),
            "identity",
            "or record that the reporter withdrew (or gave) consent",
        ),
        (
            Some("en"),
            "key rotate",
            "is finished or rolled back by the next one",
        ),
        (
            Some("en"),
            "identity correct",
            "An erased identity, or one the key does not open, cannot be corrected",
        ),
        (None, "sweep", "lời nhắc vẫn được ghi"),
        (None, "init", "thao tác được ghi theo giờ hệ thống của máy"),
    ] {
        let text = page(lang, path);
        assert!(
            text.contains(said),
            "{path} ({lang:?}) lacks {said:?}:\n{text}"
        );
    }
}
