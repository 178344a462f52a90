//! A result the public reads and the reason for an accountable act must say something
//!: an invisible character, ".", "-", "N/A", "không", "x" or "ok" is
//! refused by every command that records one, with the same expectation in its message,
//! and nothing is written; a real short answer ("Đã vá ổ gà") passes.

use crate::common::*;

const NOTHING: [&str; 8] = ["\u{200B}", ".", "-", "...", "không", "N/A", "x", "ok"];

#[test]
fn a_result_or_a_workflow_reason_that_says_nothing_is_refused() {
    let env = TestEnv::assigned_to_sxd();
    for nothing in NOTHING {
        let before = env.fingerprint();
        // "-" as a result is refused as standard input, which `--text` does not read, with
        // the option that does (`a_result_that_only_names_a_file_is_refused_and_recorded_from_one`).
        let (said_vi, said_en) = match nothing {
            "-" => ("`--text-file TỆP`", "`--text-file FILE`"),
            _ => ("ít nhất 3 chữ cái", "at least 3 letters or digits"),
        };
        let refused = env.run_as(HANDLER_SXD, &["reply", "5", "--text", nothing]);
        refused.failure().one_line_error().stderr_has(said_vi);
        if nothing != "-" {
            refused.stderr_has("kết quả mà người dân sẽ đọc");
        }
        env.run_as(HANDLER_SXD, &["return", "5", "--reason", nothing])
            .failure()
            .one_line_error()
            .stderr_has("Cần ghi lý do");
        env.run_as(
            HANDLER_SXD,
            &["--lang", "en", "reply", "5", "--text", nothing],
        )
        .failure()
        .stderr_has(said_en);
        env.assert_unchanged(&before);
    }
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá ổ gà"])
        .success();
    for nothing in NOTHING {
        let before = env.fingerprint();
        env.run_as(
            RECEPTION,
            &["verify", "5", "--send-back", "--reason", nothing],
        )
        .failure()
        .stderr_has("Cần ghi lý do");
        env.assert_unchanged(&before);
    }
    assert_eq!(env.show("5")["result"], "Đã vá ổ gà");
}

#[test]
fn the_portals_direct_answer_that_says_nothing_is_refused() {
    let env = TestEnv::validated();
    for nothing in NOTHING {
        let before = env.fingerprint();
        let said = match nothing {
            "-" => "`--text-file TỆP`",
            _ => "ít nhất 3 chữ cái",
        };
        env.run_as(RECEPTION, &["answer", "5", "--text", nothing])
            .failure()
            .stderr_has(said);
        env.assert_unchanged(&before);
    }
    assert_eq!(env.status_of("5"), "accepted");
}

#[test]
fn a_reveal_export_erasure_or_key_reset_needs_a_reason_that_says_something() {
    let env = TestEnv::validated();
    for nothing in NOTHING {
        let before = env.fingerprint();
        for (user, args) in [
            (
                RECEPTION,
                vec!["show", "5", "--reveal", "--reason", nothing],
            ),
            (
                RECEPTION,
                vec!["export", "csv", "--reason", nothing, "--out", "full.csv"],
            ),
            (ADMIN, vec!["erase", "5", "--reason", nothing]),
            (ADMIN, vec!["key", "reset", "--reason", nothing, "--yes"]),
        ] {
            let run = env.run_as(user, &args);
            run.failure()
                .one_line_error()
                .stderr_has("--reason")
                .stderr_has("ít nhất 3 chữ cái");
            assert!(run.stdout.is_empty(), "{run}");
        }
        env.assert_unchanged(&before);
        assert!(!env.dir().join("full.csv").exists());
    }
    env.run_as(
        RECEPTION,
        &["--lang", "en", "show", "5", "--reveal", "--reason", "-"],
    )
    .failure()
    .stderr_has("at least 3 letters or digits");
    env.run_as(
        RECEPTION,
        &["show", "5", "--reveal", "--reason", "Gọi lại xác minh"],
    )
    .success();
}

/// A reason that is only the reporter's phone or name, or any name, is kept in the log as
/// "[đã ẩn]": the inspector answering the citizen would read no reason at all. Judged on
/// the text as it will be recorded, it is refused by every command that hides names and
/// phones in its `--reason`, nothing written and nothing shown, the name and phone never
/// quoted back; the same words inside a real reason pass and are recorded hidden.
#[test]
fn a_reason_that_is_only_a_name_or_a_phone_is_refused_as_it_would_be_hidden() {
    let env = TestEnv::validated();
    let (_, name, phone) = env
        .identities()
        .into_iter()
        .find(|(id, _, _)| *id == 5)
        .expect("report 5");
    let secrets = Secrets::new([name.clone(), phone.clone()]);
    let both = format!("{name} {phone}");
    let before = env.fingerprint();
    for (user, args) in [
        (RECEPTION, vec!["show", "5", "--reveal", "--reason", &phone]),
        (RECEPTION, vec!["show", "5", "--reveal", "--reason", &name]),
        (ADMIN, vec!["list", "--phone", &phone, "--reason", &phone]),
        (ADMIN, vec!["list", "--phone", &phone, "--reason", &both]),
        (ADMIN, vec!["erase", "5", "--reason", &both]),
        (ADMIN, vec!["erase", "5", "--reason", &name]),
        (
            RECEPTION,
            vec![
                "export",
                "csv",
                "--reason",
                "Nguyễn Văn An",
                "--out",
                "full.csv",
            ],
        ),
        (ADMIN, vec!["key", "reset", "--reason", &phone, "--yes"]),
    ] {
        let run = env.run_as(user, &args);
        run.failure()
            .one_line_error()
            .stderr_has("chỉ gồm họ tên hoặc số điện thoại")
            .stderr_has("[đã ẩn]")
            .stderr_has("Trả lời đơn yêu cầu")
            .never_shows_any(&secrets);
        assert!(run.stdout.is_empty(), "{run}");
    }
    env.run_as(
        ADMIN,
        &["--lang", "en", "erase", "5", "--reason", phone.as_str()],
    )
    .failure()
    .stderr_has("only a name or a phone number")
    .never_shows_any(&secrets);
    env.assert_unchanged(&before);
    assert!(!env.dir().join("full.csv").exists());
    let reason = format!("Gọi lại {name} theo đơn");
    env.run_as(RECEPTION, &["show", "5", "--reveal", "--reason", &reason])
        .success();
    let logged = env.column::<String>(
        "select json_extract(payload, '$.reason') from events where action = 'reveal'",
    );
    assert_eq!(logged, ["Gọi lại [đã ẩn] theo đơn"]);
}

/// `reply --text @traloi.txt` and `reply --text traloi.docx` recorded the file's name as the
/// agency's result, which was then approved and published to the citizen; `--text -` was
/// refused without saying how to give a file. Each is refused, naming `--text-file`, and
/// nothing is written; `--text-file` records the file's text, line breaks kept.
#[test]
fn a_result_that_only_names_a_file_is_refused_and_recorded_from_one() {
    let env = TestEnv::assigned_to_sxd();
    for (typed, said) in [
        ("@traloi.txt", "“traloi.txt” trông như tên một tệp"),
        ("traloi.docx", "`--text-file traloi.docx` thay cho `--text`"),
        ("C:\\TaiLieu\\traloi.pdf", "`--text-file"),
        ("-", "`--text-file -` đọc đầu vào chuẩn"),
    ] {
        let before = env.fingerprint();
        env.run_as(HANDLER_SXD, &["reply", "5", "--text", typed])
            .code(1)
            .one_line_error()
            .stderr_has(said);
        env.run_as(
            HANDLER_SXD,
            &["--lang", "en", "reply", "5", "--text", typed],
        )
        .code(1)
        .stderr_has("`--text-file");
        env.assert_unchanged(&before);
    }
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["answer", "6", "--text", "@traloi.txt"])
        .code(1)
        .stderr_has("`--text-file traloi.txt`");
    env.assert_unchanged(&before);
    // A Word answer saved as plain text: its mark, CRLF and Word's manual line break.
    let answer = "\u{feff}Kết quả kiểm tra:\r\n- Đã vá 3 ổ gà.\u{b}- Đã cắm biển cảnh báo.\r\n";
    env.write_file("traloi.txt", answer);
    env.run_as(HANDLER_SXD, &["reply", "5", "--text-file", "traloi.txt"])
        .success();
    assert_eq!(
        env.show("5")["result"],
        "Kết quả kiểm tra:\n- Đã vá 3 ổ gà.\n- Đã cắm biển cảnh báo."
    );
}

/// An officer at an SSH prompt wanting two lines typed `reply --text "…khóm 4.\nĐã lắp
/// biển…"`: the backslash and the "n" were stored, to be published as they are, and a
/// reply cannot be sent twice. It is refused, nothing written, saying how to break a line;
/// `$'…\n…'` (a real line break) is recorded with the break, and a path with a backslash
/// stays a result.
#[test]
fn a_line_break_typed_as_backslash_n_is_refused_and_a_real_one_recorded() {
    let env = TestEnv::assigned_to_sxd();
    let before = env.fingerprint();
    env.run_as(
        HANDLER_SXD,
        &[
            "reply",
            "5",
            "--text",
            "Phường đã thu gom rác tại bãi đất trống khóm 4.\\nĐã lắp biển cấm đổ rác.",
        ],
    )
    .code(1)
    .one_line_error()
    .stderr_has("“\\n” gõ thành hai ký tự")
    .stderr_has("`--text-file TỆP`");
    env.assert_unchanged(&before);
    env.run_as(
        HANDLER_SXD,
        &[
            "reply",
            "5",
            "--text",
            "Phường đã thu gom rác tại bãi đất trống khóm 4.\nĐã lắp biển cấm đổ rác.",
        ],
    )
    .success();
    assert_eq!(
        env.show("5")["result"],
        "Phường đã thu gom rác tại bãi đất trống khóm 4.\nĐã lắp biển cấm đổ rác."
    );
    env.run_as(
        RECEPTION,
        &[
            "answer",
            "6",
            "--text",
            "Biên bản kiểm tra lưu tại C:\\new\\bienban-6.docx, đã gửi người dân.",
        ],
    )
    .success();
}

/// `--text-file` takes plain UTF-8 text only: a Word or PDF document, text in another
/// encoding, or a file past the bound is refused saying how to save one, and nothing is
/// written. `-` reads standard input; `--text` and `--text-file` are one or the other.
#[test]
fn a_result_file_must_be_plain_utf8_text_of_bounded_size() {
    let env = TestEnv::assigned_to_sxd();
    let dir = env.dir().to_owned();
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.join(name), bytes).unwrap();
    };
    write(
        "traloi.docx",
        b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
    );
    write("traloi.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00");
    write("traloi.pdf", b"%PDF-1.7\n%\xe2\xe3");
    // "Đã vá" in Windows-1258.
    write("traloi-1258.txt", b"\xd0\xe3 v\xe1 \xf4 g\xe0");
    write("lon.txt", "Đã vá ổ gà. ".repeat(30_000).as_bytes());
    for (file, said) in [
        ("traloi.docx", "là tài liệu Word (.docx)"),
        ("traloi.doc", "là tài liệu Word đời cũ (.doc)"),
        ("traloi.pdf", "là tệp PDF"),
        ("traloi-1258.txt", "không phải văn bản UTF-8"),
    ] {
        let before = env.fingerprint();
        env.run_as(HANDLER_SXD, &["reply", "5", "--text-file", file])
            .code(1)
            .one_line_error()
            .stderr_has(said)
            .stderr_has("Văn bản thuần (Plain Text, .txt), mã hóa UTF-8");
        env.assert_unchanged(&before);
    }
    let before = env.fingerprint();
    env.run_as(HANDLER_SXD, &["reply", "5", "--text-file", "lon.txt"])
        .code(1)
        .stderr_has("lớn hơn 256 KiB");
    env.run_as(HANDLER_SXD, &["reply", "5", "--text-file", "khong-co.txt"])
        .code(1)
        .stderr_has("Không đọc được tệp --text-file khong-co.txt");
    env.run_as(
        HANDLER_SXD,
        &["reply", "5", "--text", "Đã vá", "--text-file", "lon.txt"],
    )
    .code(2);
    env.run_as(HANDLER_SXD, &["reply", "5"]).code(2);
    env.assert_unchanged(&before);
    // Standard input.
    use std::io::Write as _;
    let mut child = env
        .std_command()
        .args(["--as", HANDLER_SXD, "reply", "5", "--text-file", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Đã vá ổ gà trước số 12.\n".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(env.show("5")["result"], "Đã vá ổ gà trước số 12.");
}

/// `return --reason` and `verify --send-back --reason` took no file where `reply` takes
/// `--text-file`: a long send-back written in Word had to be pasted onto the command line.
/// `--reason-file` reads a reason as `--text-file` reads a result (plain UTF-8 text only,
/// `-` standard input, one or the other of the two), for return, send-back and erase.
#[test]
fn a_reason_is_read_from_a_file_as_a_result_is() {
    let env = TestEnv::assigned_to_sxd();
    let dir = env.dir().to_owned();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    env.write_file(
        "lydo.txt",
        "Thuộc thẩm quyền UBND phường An Xuyên:\n- đường nội bộ khu dân cư.\n",
    );
    std::fs::write(
        dir.join("lydo.docx"),
        b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
    )
    .unwrap();
    env.write_file("lon.txt", &"Thiếu ảnh. ".repeat(30_000));
    let before = env.fingerprint();
    for (file, said) in [
        ("lydo.docx", "Tệp --reason-file"),
        ("lon.txt", "lớn hơn 256 KiB"),
        ("khong-co.txt", "Không đọc được tệp --reason-file"),
    ] {
        env.run_as(HANDLER_SXD, &["return", "5", "--reason-file", &path(file)])
            .code(1)
            .one_line_error()
            .stderr_has(said);
    }
    env.run_as(
        HANDLER_SXD,
        &[
            "return",
            "5",
            "--reason",
            "x",
            "--reason-file",
            &path("lydo.txt"),
        ],
    )
    .code(2);
    env.assert_unchanged(&before);

    env.run_as(
        HANDLER_SXD,
        &["return", "5", "--reason-file", &path("lydo.txt")],
    )
    .success();
    assert_eq!(
        env.show("5")["last_return_reason"],
        "Thuộc thẩm quyền UBND phường An Xuyên:\n- đường nội bộ khu dân cư."
    );

    // Back to SXD, answered, and sent back with a reason read from standard input.
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá."])
        .success();
    env.run_as(RECEPTION, &["verify", "5", "--send-back"])
        .code(2);
    use std::io::Write as _;
    let mut child = env
        .std_command()
        .args([
            "--as",
            RECEPTION,
            "verify",
            "5",
            "--send-back",
            "--reason-file",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Đề nghị bổ sung đường dẫn ảnh sau xử lý.\n".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        env.show("5")["last_send_back_reason"],
        "Đề nghị bổ sung đường dẫn ảnh sau xử lý."
    );

    env.write_file(
        "don.txt",
        "Người phản ánh yêu cầu xóa (đơn ngày 05/10/2026)\n",
    );
    env.run_as(ADMIN, &["erase", "3", "--reason-file", &path("don.txt")])
        .success();
    let logged: Vec<String> = env.column("SELECT payload FROM events WHERE action = 'erase'");
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert!(
        logged[0].contains("Người phản ánh yêu cầu xóa (đơn ngày 05/10/2026)"),
        "{logged:?}"
    );
}

/// The reason a reveal, a lookup, an export with identities, a key reset or a forced restore
/// records, read from `--reason-file` as `return` reads one: the file's text (its last line
/// break aside) is what the log keeps and `audit reveals` lists. Every one of them took only
/// `--reason TEXT`, so the request letter that justifies a reveal had to be pasted onto the
/// command line.
const REQUEST: &str = "Trả lời đơn yêu cầu ngày 03/12/2026\nvề dữ liệu đang lưu giữ.";

/// The reason `audit reveals` lists last.
fn last_reveal_reason(env: &TestEnv) -> serde_json::Value {
    let listed = env
        .run_as(AUDITOR, &["--format", "json", "audit", "reveals"])
        .success()
        .json();
    array(&listed).last().expect("a reveal listed")["reason"].clone()
}

/// `REQUEST` in a file of `env`'s folder, as an editor saves it (a line break at the end).
fn request_file(env: &TestEnv) -> String {
    env.write_file("don.txt", &format!("{REQUEST}\n"))
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn show_reveal_reads_its_reason_from_a_file() {
    let env = TestEnv::validated();
    let file = request_file(&env);
    env.run_as(ADMIN, &["show", "5", "--reveal", "--reason-file", &file])
        .success();
    assert_eq!(last_reveal_reason(&env), REQUEST);
}

#[test]
fn list_phone_reads_its_reason_from_a_file() {
    let env = TestEnv::validated();
    let file = request_file(&env);
    env.run_as(
        ADMIN,
        &["list", "--phone", "+84 932.863.480", "--reason-file", &file],
    )
    .success();
    assert_eq!(last_reveal_reason(&env), REQUEST);
}

#[test]
fn the_full_export_reads_its_reason_from_a_file() {
    let env = TestEnv::validated();
    let file = request_file(&env);
    let out = env.dir().join("toan-bo.csv");
    env.run_as(
        ADMIN,
        &[
            "export",
            "csv",
            "--reason-file",
            &file,
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .success();
    assert_eq!(last_reveal_reason(&env), REQUEST);
}

#[test]
fn export_subject_reads_its_reason_from_a_file() {
    let env = TestEnv::validated();
    let file = request_file(&env);
    let out = env.dir().join("yeu-cau.csv");
    // Neither given: refused in its own words, which name both ways, and nothing logged.
    let before = env.fingerprint();
    env.run_as(ADMIN, &["export", "subject", "--phone", "+84 932.863.480"])
        .code(1)
        .one_line_error()
        .stderr_has("`--reason-file TỆP`");
    env.assert_unchanged(&before);
    env.run_as(
        ADMIN,
        &[
            "export",
            "subject",
            "--phone",
            "+84 932.863.480",
            "--reason-file",
            &file,
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .success();
    assert_eq!(last_reveal_reason(&env), REQUEST);
}

#[test]
fn key_reset_reads_its_reason_from_a_file() {
    let env = TestEnv::validated();
    let file = request_file(&env);
    std::fs::remove_file(env.key()).unwrap();
    env.run_as(ADMIN, &["key", "reset", "--reason-file", &file, "--yes"])
        .success();
    let logged: Vec<String> = env.column(
        "SELECT DISTINCT json_extract(payload, '$.reason') FROM events WHERE action = 'erase'",
    );
    assert_eq!(logged, [REQUEST]);
    assert_eq!(last_reveal_reason(&env), REQUEST);
}

#[test]
fn a_forced_restore_reads_its_reason_from_a_file() {
    let env = TestEnv::validated();
    let file = request_file(&env);
    // Another database's backup: a restore of it replaces this chain, so it is forced.
    let other = TestEnv::empty();
    other.run(&["init", "--auth", "trust"]).success();
    let foreign = env.dir().join("other.sqlite");
    other
        .run_as(ADMIN, &["backup", "--out", foreign.to_str().unwrap()])
        .success();
    env.run_as(
        ADMIN,
        &[
            "restore",
            foreign.to_str().unwrap(),
            "--force",
            "--reason-file",
            &file,
        ],
    )
    .success();
    let logged: Vec<String> = env.column(
        "SELECT json_extract(payload, '$.forced_reason') FROM events
          WHERE action = 'restore' ORDER BY id DESC LIMIT 1",
    );
    assert_eq!(logged, [REQUEST]);
}

/// A reason typed and a reason file together are refused as bad usage, by every command that
/// takes both, and nothing is read, logged or changed.
#[test]
fn a_reason_typed_and_a_reason_file_together_are_refused() {
    let env = TestEnv::assigned_to_sxd();
    let file = request_file(&env);
    let out = env.dir().join("ra.csv");
    let out = out.to_str().unwrap();
    let before = env.fingerprint();
    let both = ["--reason", "Đơn yêu cầu", "--reason-file", &file];
    let commands: [&[&str]; 9] = [
        &["return", "5"],
        &["verify", "5", "--send-back"],
        &["erase", "5"],
        &["show", "5", "--reveal"],
        &["list", "--phone", "+84 932.863.480"],
        &["export", "csv", "--out", out],
        &[
            "export",
            "subject",
            "--phone",
            "+84 932.863.480",
            "--out",
            out,
        ],
        &["key", "reset", "--yes"],
        &["restore", out, "--force"],
    ];
    for command in commands {
        let args = [command, &both[..]].concat();
        env.run_as(ADMIN, &args).code(2).stderr_has("'--reason <");
    }
    env.assert_unchanged(&before);
    assert!(!std::path::Path::new(out).exists());
}

/// A clerk pastes the citizen's whole letter as the reason of a reveal: refused as the
/// identity steps refuse it (same limit, same message), nothing shown, no reveal logged;
/// the refusal is on record as a refused reveal is, without the letter. A reason of four
/// short lines is refused too.
#[test]
fn a_reveal_whose_reason_is_a_letter_is_refused_as_the_identity_steps_are() {
    let env = TestEnv::validated();
    let letter = env.write_file(
        "don.txt",
        "ĐƠN ĐỀ NGHỊ\n\
         Tôi tên: Phan Ngọc Hoa, sinh ngày 12/05/1985, CCCD số 096185001234.\n\
         Nơi ở: số 75 đường Trần Phú, khóm 2, phường An Xuyên.\n\
         Đề nghị cơ quan gọi lại cho tôi về đoạn đường hư.\n\
         Người làm đơn\n",
    );
    let before = env.fingerprint();
    env.run_as(
        RECEPTION,
        &[
            "show",
            "5",
            "--reveal",
            "--reason-file",
            letter.to_str().unwrap(),
        ],
    )
    .code(1)
    .stderr_has("Lý do dài quá (hơn 300 ký tự hoặc hơn 3 dòng)")
    .stderr_has("Ví dụ `show --reveal --reason")
    .never_shows("Phan Ngọc Hoa")
    .never_shows("0394676598")
    .never_shows("12/05/1985");
    let refused = env.assert_only_refusal(&before, RECEPTION);
    assert_eq!(refused["report_id"], "5");
    assert!(
        refused["payload"].contains("reveal_personal_data"),
        "{refused:?}"
    );
    for secret in ["12/05/1985", "Trần Phú", "096185001234"] {
        assert!(!refused["payload"].contains(secret), "{refused:?}");
    }

    let before = env.fingerprint();
    env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "show",
            "5",
            "--reveal",
            "--reason",
            "Gọi lại\nxác minh\nvị trí\nđoạn đường",
        ],
    )
    .code(1)
    .stderr_has("the reason is too long (over 300 characters or 3 lines)")
    .never_shows("Phan Ngọc Hoa");
    env.assert_only_refusal(&before, RECEPTION);
    env.run_as(
        RECEPTION,
        &[
            "show",
            "5",
            "--reveal",
            "--reason",
            "Gọi lại xác minh vị trí",
        ],
    )
    .success()
    .stdout_has("Phan Ngọc Hoa");
}
