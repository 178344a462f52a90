//! Signed checkpoints an outside tool can check (issue 16, point 4): `audit keygen` writes a
//! minisign key pair, `audit checkpoint` signs the head of a chain that verifies, and `audit
//! verify --checkpoint FILE --pubkey KEY.pub` fails unless the signature holds and the chain
//! still holds the signed event with its hash. The two attacks the file alone cannot show —
//! the newest events cut off, and a chain rewritten consistently — are played and caught.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use crate::common::*;

fn keygen(env: &TestEnv, name: &str) -> (PathBuf, PathBuf) {
    let key = env.dir().join(name);
    // What to do with each key, in words: "ở nơi khác máy này" was no Vietnamese.
    env.run(&["audit", "keygen", "--out", key.to_str().unwrap()])
        .success()
        .stderr_has("Đã tạo khóa ký ")
        .stderr_has("hãy gửi khóa công khai cho nơi nhận điểm kiểm tra");
    let public = env.dir().join(format!("{name}.pub"));
    (key, public)
}

fn checkpoint(env: &TestEnv, key: &Path, name: &str) -> PathBuf {
    let out = env.dir().join(name);
    sign(env, key, &out).success();
    out
}

/// `audit checkpoint` of `env`'s head with `key` into `out`, as the auditor.
fn sign(env: &TestEnv, key: &Path, out: &Path) -> Run {
    sign_in(env, &[], key, out)
}

/// As `sign`, with the global options `lang` (`["--lang", "en"]`) before the command.
fn sign_in(env: &TestEnv, lang: &[&str], key: &Path, out: &Path) -> Run {
    let command = [
        "audit",
        "checkpoint",
        "--key",
        key.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    env.run_as(AUDITOR, &[lang, &command[..]].concat())
}

fn verify_with(env: &TestEnv, checkpoints: &[&Path], keys: &[&Path]) -> Run {
    verify_in(env, "en", checkpoints, keys)
}

/// `audit verify` of `checkpoints` with `keys`, as the auditor, in `lang`.
fn verify_in(env: &TestEnv, lang: &str, checkpoints: &[&Path], keys: &[&Path]) -> Run {
    let mut args = vec!["--lang", lang, "audit", "verify"];
    for c in checkpoints {
        args.extend(["--checkpoint", c.to_str().unwrap()]);
    }
    for k in keys {
        args.extend(["--pubkey", k.to_str().unwrap()]);
    }
    env.run_as(AUDITOR, &args)
}

/// The `minisign` command-line tool (Debian package `minisign`; `.ci/run` installs it).
fn minisign() -> Process {
    let found = Process::new("minisign").arg("-v").output();
    assert!(
        found.is_ok(),
        "the minisign command is needed by this test: apt-get install minisign"
    );
    Process::new("minisign")
}

#[test]
fn a_checkpoint_is_signed_in_minisigns_own_format_and_verifies() {
    let env = TestEnv::validated();
    let (key, public) = keygen(&env, "audit.key");
    assert_eq!(
        std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(
        std::fs::read_to_string(&public)
            .unwrap()
            .starts_with("untrusted comment: ")
    );
    // An existing key is never overwritten.
    env.run(&["audit", "keygen", "--out", key.to_str().unwrap()])
        .failure()
        .one_line_error()
        .stderr_has("audit.key")
        .stderr_has("đã tồn tại");

    let file = checkpoint(&env, &key, "head.json");
    // A second checkpoint under the same name is refused, saying what to do instead.
    sign(&env, &key, &file)
        .failure()
        .one_line_error()
        .stderr_has("không bị ghi đè")
        .stderr_has("hãy đặt tên khác");
    let head: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let (id, hash): (i64, String) = env
        .read_only()
        .query_row(
            "SELECT id, lower(hex(hash)) FROM events ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(head["event"], id);
    assert_eq!(head["hash"], hash);
    assert_eq!(head["events"], env.count("SELECT count(*) FROM events"));
    assert_eq!(head["reports"], 340);
    assert_eq!(head["at"], NOW);

    verify_with(&env, &[&file], &[&public])
        .success()
        .stderr_has("audit chain intact");

    // The standard tool agrees: the signature is minisign's, over the file's bytes.
    let checked = minisign()
        .args(["-V", "-m"])
        .arg(&file)
        .arg("-p")
        .arg(&public)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "minisign -V: {}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let said = String::from_utf8_lossy(&checked.stdout);
    assert!(said.contains(&format!("event {id} hash {hash}")), "{said}");

    // A byte changed in the checkpoint breaks the signature, for minisign and for phananh.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace(&format!("\"event\":{id}"), "\"event\":1"),
    )
    .unwrap();
    assert!(
        !minisign()
            .args(["-V", "-q", "-m"])
            .arg(&file)
            .arg("-p")
            .arg(&public)
            .status()
            .unwrap()
            .success()
    );
    verify_with(&env, &[&file], &[&public])
        .failure()
        .one_line_error()
        .stderr_has("does not hold");
}

#[test]
fn a_checkpoint_signed_by_another_key_proves_nothing() {
    let env = TestEnv::validated();
    let (key, _) = keygen(&env, "audit.key");
    let (_, other) = keygen(&env, "other.key");
    let file = checkpoint(&env, &key, "head.json");
    verify_with(&env, &[&file], &[&other])
        .failure()
        .one_line_error()
        .stderr_has("does not hold");
    // A checkpoint needs a key to be checked with.
    verify_with(&env, &[&file], &[]).code(2);
}

#[test]
fn cutting_off_the_newest_events_is_caught_by_a_checkpoint() {
    let env = TestEnv::validated();
    let (key, public) = keygen(&env, "audit.key");
    // The newest events: reveals of a reporter's identity, which leave the row as it was.
    env.run_as(
        RECEPTION,
        &["show", "5", "--reveal", "--reason", "gọi lại xác minh"],
    )
    .success();
    env.run_as(
        RECEPTION,
        &["show", "6", "--reveal", "--reason", "gọi lại xác minh"],
    )
    .success();
    let file = checkpoint(&env, &key, "head.json");
    let checked = verify_with(&env, &[&file], &[&public]);
    checked.success();
    assert!(
        !checked.stderr.contains("--checkpoint"),
        "{}",
        checked.stderr
    );

    let last: i64 = env.count("SELECT max(id) FROM events");
    env.tamper_without_triggers(
        &["events_are_append_only_delete"],
        &format!("DELETE FROM events WHERE id >= {}", last - 1),
    );
    // The file alone cannot tell: every seal and link still holds, and verify says so
    // rather than passing the cut chain as whole: without a checkpoint
    // it names the last event it saw, which an operator can compare with one kept before.
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .success()
        .stderr_has(&format!(
            "without a signed checkpoint kept elsewhere (--checkpoint), events deleted from the end of the log cannot be seen: the last event here is {}",
            last - 2
        ));
    // The Vietnamese points to the guide's nightly checkpoint, not an English document.
    env.run_as(AUDITOR, &["audit", "verify"])
        .success()
        .stderr_has("không phát hiện được nếu các sự kiện mới nhất bị xóa khỏi cuối nhật ký")
        .stderr_has("mục 6 của docs/huong-dan.md")
        .never_shows("SECURITY.md");
    verify_with(&env, &[&file], &[&public])
        .code(5)
        .one_line_error()
        .stderr_matches(&format!(
            r"checkpoint .*head\.json \(signed 2026-10-05T08:00:00\+07:00\): event {last} \(hash [0-9a-f]{{64}}\) is not in the log, which ends at event {}: the newest events were cut off",
            last - 2
        ));
    verify_in(&env, "vi", &[&file], &[&public])
        .code(5)
        .stderr_matches(&format!(
            r"không còn sự kiện {last} \(mã băm [0-9a-f]{{64}}\) trong nhật ký, vốn kết thúc ở sự kiện {}: các sự kiện mới nhất đã bị cắt",
            last - 2
        ));
}

/// A checkpoint that holds is named as what it is: when it was signed, the key its
/// signature holds under (minisign's key ID, as the `.pub` file's comment says it), the
/// events it covers and those written after it, in both languages.
#[test]
fn a_checkpoint_that_holds_says_what_it_covers_and_what_came_after() {
    let env = TestEnv::validated();
    let (key, public) = keygen(&env, "audit.key");
    let (_, other) = keygen(&env, "other.key");
    let file = checkpoint(&env, &key, "head.json");
    let signed: i64 = env.count("SELECT count(*) FROM events");
    let head: i64 = env.count("SELECT max(id) FROM events");
    let key_id = std::fs::read_to_string(&public).unwrap();
    let key_id = key_id
        .lines()
        .next()
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(key_id.len(), 16, "{key_id}");
    for id in ["5", "6"] {
        env.run_as(
            RECEPTION,
            &["show", id, "--reveal", "--reason", "gọi lại xác minh"],
        )
        .success();
    }
    let after = env.count("SELECT count(*) FROM events") - signed;
    assert_eq!(after, 2);
    // Under a thousand: the count reads alike in both languages' grouping.
    assert!(signed < 1000, "{signed}");
    let english = verify_with(&env, &[&file], &[&other, &public]);
    english.success().stderr_matches(&format!(
        r"checkpoint .*head\.json \(signed 2026-10-05T08:00:00\+07:00, public key .*audit\.key\.pub, key ID {key_id}\) holds: the log's first {} events match it, up to event {head} \(hash [0-9a-f]{{16}}…\); 2 events came after it",
        signed,
    ));
    verify_in(&env, "vi", &[&file], &[&public])
        .success()
        .stderr_matches(&format!(
            r"Khớp điểm kiểm tra .*head\.json \(ký lúc 2026-10-05T08:00:00\+07:00, khóa công khai .*audit\.key\.pub, mã khóa {key_id}\): {} sự kiện đầu của nhật ký đúng như đã ký, đến sự kiện {head} \(mã băm [0-9a-f]{{16}}…\); sau đó có thêm 2 sự kiện\.",
            signed,
        ));
}

#[test]
fn a_chain_rewritten_consistently_is_caught_by_a_checkpoint() {
    let env = TestEnv::validated();
    let (key, public) = keygen(&env, "audit.key");
    let older = env.snapshot();
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    let early = checkpoint(&env, &key, "early.json");
    env.run_as(
        RECEPTION,
        &["show", "6", "--reveal", "--reason", "gọi lại xác minh"],
    )
    .success();
    let late = checkpoint(&env, &key, "late.json");
    verify_with(&env, &[&early, &late], &[&public]).success();
    let signed: i64 = env.count("SELECT max(id) FROM events");

    // Someone with the file puts an older copy back and writes another history over it,
    // every event sealed by phananh itself: a chain that verifies, as long as the old one.
    put_back(&env, &older);
    env.run_as(RECEPTION, &["classify", "5", "--field", "XD"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "PCCM"])
        .success();
    for id in ["7", "8", "9"] {
        env.run_as(
            RECEPTION,
            &["show", id, "--reveal", "--reason", "gọi lại xác minh"],
        )
        .success();
    }
    assert!(env.count("SELECT max(id) FROM events") >= signed);
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    verify_with(&env, &[&early, &late], &[&public])
        .code(5)
        .one_line_error()
        .stderr_matches(
            r"checkpoint .*early\.json \(signed [^)]+\): event \d+ has hash [0-9a-f]{64} here, where the checkpoint signed [0-9a-f]{64}: the log was rewritten at or before that event",
        );
}

#[test]
fn no_checkpoint_is_signed_for_a_broken_chain() {
    let env = TestEnv::validated();
    let (key, _) = keygen(&env, "audit.key");
    env.writable()
        .execute(
            "UPDATE staff SET role = 'admin' WHERE username = ?1",
            [HANDLER_SXD],
        )
        .unwrap();
    let out = env.dir().join("head.json");
    sign_in(&env, &["--lang", "en"], &key, &out)
        .code(5)
        .one_line_error()
        .stderr_has("no checkpoint is signed");
    assert!(!out.exists());
    assert!(!env.dir().join("head.json.minisig").exists());
}

/// The README's nightly line (`audit checkpoint --quiet … && tar … | ssh …`) on a chain
/// edited behind the tool's back: the one on call reads why once on stderr (cron mails it),
/// nothing goes to stdout, and the exit status is 5, "audit or integrity failure", as
/// `backup` and `audit verify` end on the same chain — not 1, which a wrapper script
/// cannot tell from a checkpoint file already there or a mistyped key path. Without the
/// fix it ended with 1.
#[test]
fn the_nightly_checkpoint_of_a_broken_chain_ends_with_the_integrity_status() {
    let env = TestEnv::validated();
    let (key, _) = keygen(&env, "audit.key");
    env.tamper_without_triggers(
        &["events_are_append_only_update"],
        "UPDATE events SET actor = 'tiepnhan.khang' WHERE id = 3",
    );
    for (lang, said) in [
        ("vi", "Không ký điểm kiểm tra cho một chuỗi hỏng"),
        ("en", "no checkpoint is signed for a broken chain"),
    ] {
        let out = env.dir().join(format!("head-{lang}.json"));
        let run = env.run_as(
            AUDITOR,
            &[
                "--lang",
                lang,
                "audit",
                "checkpoint",
                "--quiet",
                "--key",
                key.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        );
        run.code(5).one_line_error().stderr_has(said);
        assert!(run.stdout.is_empty(), "{run}");
        assert!(!out.exists());
    }
    // A checkpoint file already there is a refusal of its own, still 1.
    let fresh = TestEnv::validated();
    let (key, _) = keygen(&fresh, "audit.key");
    let out = checkpoint(&fresh, &key, "head.json");
    sign(&fresh, &key, &out).failure();
}

/// The nightly checkpoint from cron: `--quiet` prints nothing when it succeeds.
#[test]
fn a_quiet_checkpoint_says_nothing_and_still_verifies() {
    let env = TestEnv::validated();
    let (key, public) = keygen(&env, "audit.key");
    let out = env.dir().join("nightly.json");
    let run = env.run_as(
        AUDITOR,
        &[
            "audit",
            "checkpoint",
            "--quiet",
            "--key",
            key.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    run.success();
    assert!(run.stdout.is_empty() && run.stderr.is_empty(), "{run}");
    verify_with(&env, &[&out], &[&public]).success();
}

/// A FIFO planted where `audit verify` reads a public key or a
/// checkpoint, or where `audit checkpoint` reads its secret key, made the command wait for a
/// writer for ever. Each is refused at once now, saying what stands there.
#[test]
fn a_fifo_where_a_key_or_a_checkpoint_is_read_is_refused_at_once() {
    let env = TestEnv::validated();
    let (key, public) = keygen(&env, "audit.key");
    let signed = checkpoint(&env, &key, "head.json");
    let fifo = env.dir().join("planted");
    mkfifo(&fifo);
    let (fifo, signed, public) = (
        fifo.to_str().unwrap(),
        signed.to_str().unwrap(),
        public.to_str().unwrap(),
    );
    let out = env.dir().join("next.json");
    let out = out.to_str().unwrap();
    let verify = |checkpoint: &str, pubkey: &str| {
        run_bounded(
            env.command(),
            &[
                "--as",
                AUDITOR,
                "--lang",
                "en",
                "audit",
                "verify",
                "--checkpoint",
                checkpoint,
                "--pubkey",
                pubkey,
            ],
            HANG_BOUND,
        )
    };
    let said = format!(
        "it is a named pipe (FIFO), not a regular file. Nothing was changed; see what it is (`ls -l {fifo}`), move it away"
    );
    verify(signed, fifo).failure().stderr_has(&said);
    verify(fifo, public).failure().stderr_has(&said);
    run_bounded(
        env.command(),
        &[
            "--as",
            AUDITOR,
            "audit",
            "checkpoint",
            "--key",
            fifo,
            "--out",
            out,
        ],
        HANG_BOUND,
    )
    .failure()
    .stderr_has("ở đó là một ống có tên (FIFO), không phải một tệp thường");
    assert!(!std::path::Path::new(out).exists());
    verify(signed, public).success();
}

/// A file far larger than any checkpoint given as one is refused before it is held, its
/// limit said as a reference table's is ("8 MiB"), not as "8192 KiB".
#[test]
fn an_oversized_checkpoint_is_refused_saying_its_limit_in_mib() {
    let env = TestEnv::validated();
    let (_key, public) = keygen(&env, "audit.key");
    let big = env.dir().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(9 << 20)
        .unwrap();
    verify_with(&env, &[&big], &[&public])
        .failure()
        .stderr_has(&format!(
            "cannot read the checkpoint {}: larger than 8 MiB",
            big.display()
        ))
        .never_shows("lớn hơn");
}

/// A log emptied with `sqlite3` (every event deleted, the triggers put back) was read by
/// `audit verify` as one from before sealing, and `audit checkpoint` refused it in English
/// whatever `--lang` said. It is refused as a broken chain (exit 5, as `audit verify` ends
/// on it: `forged_events::a_log_emptied_with_sqlite3_is_named_by_audit_verify`), in the
/// reader's language, saying why an honest database never has an empty log; nothing is
/// written.
#[test]
fn a_checkpoint_of_an_emptied_log_is_refused_in_the_readers_language() {
    let env = TestEnv::seeded();
    env.tamper_without_triggers(&["events_are_append_only_delete"], "DELETE FROM events");
    let (key, _public) = keygen(&env, "audit.key");
    let out = env.dir().join("head.json");
    sign_in(&env, &["--lang", "vi"], &key, &out)
        .code(5)
        .one_line_error()
        .stderr_has("nhật ký trống, trong khi `init` luôn ghi sự kiện đầu tiên")
        .stderr_has("đã bị xóa ngoài phananh")
        .never_shows("the log is empty");
    sign_in(&env, &["--lang", "en"], &key, &out)
        .code(5)
        .one_line_error()
        .stderr_has("the log is empty, and `init` writes the first event of every database")
        .stderr_has("deleted outside phananh")
        .never_shows("Nhật ký");
    assert!(!out.exists());
}

/// A checkpoint whose signature another key made is refused with a reason in the reader's
/// language: the Vietnamese message carried an English one.
#[test]
fn a_checkpoint_signed_by_another_key_is_refused_in_the_readers_language() {
    let env = TestEnv::validated();
    let (key, _) = keygen(&env, "audit.key");
    let (_, other) = keygen(&env, "other.key");
    let file = checkpoint(&env, &key, "head.json");
    verify_in(&env, "vi", &[&file], &[&other])
        .failure()
        .stderr_has("không do các khóa công khai đã cho ký trên nội dung này")
        .never_shows("it was not made by");
}

/// Each refusal of `audit keygen`, `audit checkpoint` and `audit verify --checkpoint`, whole
/// and on one line, in Vietnamese and in English: what stands in the way, named by its path
/// as given, and what to do instead. The library's own reason (minisign's, the system's)
/// stays as it says it, but for a file that is no secret key the Vietnamese refusal names
/// what such a file usually is: minisign's "failed to fill whole buffer" inside it read as
/// English left in by mistake.
#[test]
fn each_refusal_of_the_signed_checkpoints_is_worded_whole_in_both_languages() {
    let env = TestEnv::validated();
    keygen(&env, "audit.key");
    keygen(&env, "other.key");
    sign(&env, Path::new("audit.key"), Path::new("head.json")).success();
    let dir = env.dir();
    std::fs::write(dir.join("bad.pub"), b"\xff\xfe").unwrap();
    std::fs::copy(dir.join("head.json"), dir.join("junk.json")).unwrap();
    std::fs::write(dir.join("junk.json.minisig"), "junk\n").unwrap();
    std::fs::write(dir.join("other.json"), "{\"a\":1}\n").unwrap();
    let signed = minisign()
        .args(["-S", "-s", "audit.key", "-m", "other.json"])
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(signed.status.success(), "{signed:?}");
    mkfifo(&dir.join("planted"));
    std::fs::create_dir(dir.join("folder")).unwrap();
    fn checkpoint<'a>(key: &'a str, out: &'a str) -> Vec<&'a str> {
        vec!["audit", "checkpoint", "--key", key, "--out", out]
    }
    fn verify<'a>(file: &'a str, key: &'a str) -> Vec<&'a str> {
        vec!["audit", "verify", "--checkpoint", file, "--pubkey", key]
    }
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            vec!["audit", "keygen", "--out", "audit.key"],
            "audit.key đã tồn tại và không bị ghi đè; hãy chọn tên khác cho --out.",
            "audit.key already exists and was not overwritten; choose another name for --out",
        ),
        (
            checkpoint("audit.key", "head.json"),
            "head.json đã tồn tại và không bị ghi đè (một điểm kiểm tra đã ký không bao giờ bị thay); hãy đặt tên khác, ví dụ có cả giờ: head-$(date +%F-%H%M).json.",
            "head.json already exists and was not overwritten (a signed checkpoint is never replaced); choose another name, with the time in it for example: head-$(date +%F-%H%M).json",
        ),
        (
            checkpoint("audit.key.pub", "next.json"),
            "audit.key.pub không phải là khóa bí mật minisign không mật khẩu (có thể là khóa công khai, khóa có mật khẩu hoặc một tệp khác); hãy tạo bằng `phananh audit keygen`.",
            "audit.key.pub is not a minisign secret key without a passphrase (failed to fill whole buffer); make one with `phananh audit keygen`",
        ),
        (
            checkpoint("no.key", "next.json"),
            "Không đọc được khóa bí mật no.key: không có tệp này",
            "cannot read the secret key no.key: No such file or directory (os error 2)",
        ),
        (
            checkpoint("planted", "next.json"),
            "Không đọc khóa bí mật planted: ở đó là một ống có tên (FIFO), không phải một tệp thường. Không có gì thay đổi; hãy xem đó là gì (`ls -l planted`), chuyển nó đi chỗ khác (`mv planted planted.moved`) rồi chạy lại, hoặc chỉ đúng tệp.",
            "did not read the secret key planted: it is a named pipe (FIFO), not a regular file. Nothing was changed; see what it is (`ls -l planted`), move it away (`mv planted planted.moved`) and run again, or name the right file",
        ),
        (
            verify("folder", "audit.key.pub"),
            "Không đọc điểm kiểm tra folder: ở đó là một thư mục, không phải một tệp thường. Không có gì thay đổi; hãy xem đó là gì (`ls -la folder`), chuyển nó đi chỗ khác (`mv folder folder.moved`) rồi chạy lại, hoặc chỉ đúng tệp.",
            "did not read the checkpoint folder: it is a folder, not a regular file. Nothing was changed; see what it is (`ls -la folder`), move it away (`mv folder folder.moved`) and run again, or name the right file",
        ),
        (
            verify("head.json", "bad.pub"),
            "Không đọc được khóa công khai bad.pub: tệp không phải văn bản UTF-8 (byte thứ 1 không đọc được)",
            "cannot read the public key bad.pub: invalid utf-8 sequence of 1 bytes from index 0",
        ),
        (
            verify("head.json", "audit.key"),
            "audit.key không phải là khóa công khai minisign (có thể là khóa bí mật, tệp chữ ký hoặc một tệp khác).",
            "audit.key is not a minisign public key (Base64 conversion failed - was an actual public key given?)",
        ),
        (
            verify("junk.json", "audit.key.pub"),
            "Chữ ký của điểm kiểm tra junk.json không hợp lệ (tệp .minisig không phải một chữ ký minisign); không thể dựa vào nó. Hãy dùng đúng tệp .minisig và khóa công khai.",
            "the signature of checkpoint junk.json does not hold (Missing signature); it proves nothing. Use its .minisig file and the right public key",
        ),
        (
            verify("head.json", "other.key.pub"),
            "Chữ ký của điểm kiểm tra head.json không hợp lệ (không do các khóa công khai đã cho ký trên nội dung này); không thể dựa vào nó. Hãy dùng đúng tệp .minisig và khóa công khai.",
            "the signature of checkpoint head.json does not hold (it was not made by the given public keys over this content); it proves nothing. Use its .minisig file and the right public key",
        ),
        (
            verify("other.json", "audit.key.pub"),
            "Chữ ký của điểm kiểm tra other.json không hợp lệ (một tệp đã ký nhưng không phải điểm kiểm tra của phananh); không thể dựa vào nó. Hãy dùng đúng tệp .minisig và khóa công khai.",
            "the signature of checkpoint other.json does not hold (a signed file that is not a phananh checkpoint); it proves nothing. Use its .minisig file and the right public key",
        ),
    ];
    for (args, vi, en) in &cases {
        for (lang, said) in [("vi", vi), ("en", en)] {
            let run = env.run_as(AUDITOR, &[&["--lang", lang][..], args].concat());
            run.failure();
            assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
        }
    }
    // A broken chain: the break is the chain check's to word, the refusal around it is this.
    env.tamper_without_triggers(
        &["events_are_append_only_update"],
        "UPDATE events SET actor = 'tiepnhan.khang' WHERE id = 3",
    );
    for (lang, before, after) in [
        (
            "vi",
            "phananh: Chuỗi nhật ký bị phá vỡ: ",
            ". Không ký điểm kiểm tra cho một chuỗi hỏng.\n",
        ),
        (
            "en",
            "phananh: audit chain broken: ",
            "; no checkpoint is signed for a broken chain\n",
        ),
    ] {
        let run = env.run_as(
            AUDITOR,
            &[&["--lang", lang][..], &checkpoint("audit.key", "next.json")].concat(),
        );
        run.code(5).one_line_error();
        assert!(
            run.stderr.starts_with(before) && run.stderr.ends_with(after),
            "{run}"
        );
    }
}

/// `chmod 666 audit.key`, and reception signed a checkpoint with it silently: any account
/// could read the key and sign a forged head, or write its own key in its place. A signing
/// key readable or writable by the group or others is refused (exit 1), as the identity key
/// is, saying to `chmod 600` it and to make a new one if it may have been read; nothing is
/// written. Mode 0600 and 0400 sign.
#[test]
fn a_signing_key_other_accounts_may_read_or_write_is_refused() {
    let env = TestEnv::validated();
    let (key, _) = keygen(&env, "audit.key");
    for mode in [0o666, 0o644, 0o640, 0o620, 0o604, 0o602] {
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(mode)).unwrap();
        let out = env.dir().join("h.json");
        let shown = key.display().to_string();
        env.run_as(
            RECEPTION,
            &[
                "audit",
                "checkpoint",
                "--quiet",
                "--key",
                &shown,
                "--out",
                out.to_str().unwrap(),
            ],
        )
        .code(1)
        .one_line_error()
        .stderr_has(&format!("Tệp khóa ký {shown} có quyền {mode:04o}"))
        .stderr_has(&format!("Hãy chạy `chmod 600 {shown}`"))
        .stderr_has("`phananh audit keygen`");
        sign_in(&env, &["--lang", "en"], &key, &out)
            .code(1)
            .stderr_has(&format!("the signing key {shown} has mode {mode:04o}"))
            .stderr_has(&format!("run `chmod 600 {shown}`"))
            .stderr_has("make a new one with `phananh audit keygen`");
        assert!(!out.exists(), "{mode:o}");
        assert!(!env.dir().join("h.json.minisig").exists(), "{mode:o}");
    }
    for (mode, name) in [(0o600, "a.json"), (0o400, "b.json")] {
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(mode)).unwrap();
        checkpoint(&env, &key, name);
    }
}

/// `audit verify --checkpoint` of a backup made before the head was signed (last night's
/// backup against tonight's head) said "audit chain broken … the newest events were cut
/// off, or the chain was rewritten; restore the file from a backup", exit 5, though the
/// copy differs from the signed chain in nothing but its end. A backup that ends before the
/// signed head is now said to be older, exit 1, naming its last event and when the head was
/// signed, and that a backup made after that must be checked; a backup made after it
/// verifies, and one whose chain holds another event under the signed number is still
/// broken (exit 5), even after `sqlite3` puts it back in a backup's journal mode.
#[test]
fn a_backup_older_than_the_signed_head_is_told_apart_from_a_broken_chain() {
    let env = TestEnv::validated();
    let (key, public) = keygen(&env, "audit.key");
    let before = env.dir().join("before.sqlite");
    env.run_as(RECEPTION, &["backup", "--out", before.to_str().unwrap()])
        .success();
    let copied: i64 = rusqlite::Connection::open(&before)
        .unwrap()
        .query_row("SELECT max(id) FROM events", [], |r| r.get(0))
        .unwrap();
    let forked = std::fs::read(&before).unwrap();
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    let head = checkpoint(&env, &key, "head.json");
    let signed: i64 = env.count("SELECT max(id) FROM events");
    assert!(signed > copied + 1);
    let verify_copy = |copy: &Path, lang: &str| {
        env.run_as(
            AUDITOR,
            &[
                "--db",
                copy.to_str().unwrap(),
                "--lang",
                lang,
                "audit",
                "verify",
                "--checkpoint",
                head.to_str().unwrap(),
                "--pubkey",
                public.to_str().unwrap(),
            ],
        )
    };
    let bytes = std::fs::read(&before).unwrap();
    verify_copy(&before, "vi")
        .code(1)
        .one_line_error()
        .stderr_has(&format!(
            "Bản sao này dừng ở sự kiện {copied}, trước đầu chuỗi đã ký ở {} (sự kiện {signed}, ký lúc 05/10/2026\u{a0}08:00)",
            head.display()
        ))
        .stderr_has("Hãy kiểm bằng một bản sao lưu làm sau lúc ký.")
        .never_shows("bị phá vỡ");
    verify_copy(&before, "en")
        .code(1)
        .stderr_has(&format!(
            "this copy ends at event {copied}, before the head signed in"
        ))
        .stderr_has("check a backup made after it")
        .never_shows("broken");
    assert_eq!(
        std::fs::read(&before).unwrap(),
        bytes,
        "the copy was written to"
    );

    let after = env.dir().join("after.sqlite");
    env.run_as(RECEPTION, &["backup", "--out", after.to_str().unwrap()])
        .success();
    verify_copy(&after, "en").success();

    // The older copy, continued with another history, and put back in a backup's mode.
    let rewritten = env.dir().join("rewritten.sqlite");
    std::fs::write(&rewritten, &forked).unwrap();
    std::fs::set_permissions(&rewritten, std::fs::Permissions::from_mode(0o600)).unwrap();
    for field in ["XD", "GT"] {
        env.run_as(
            RECEPTION,
            &[
                "--db",
                rewritten.to_str().unwrap(),
                "classify",
                "5",
                "--field",
                field,
            ],
        )
        .success();
    }
    let conn = rusqlite::Connection::open(&rewritten).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    drop(conn);
    verify_copy(&rewritten, "en")
        .code(5)
        .one_line_error()
        .stderr_matches(&format!(
            r"checkpoint .*head\.json \(signed [^)]*\): event {signed} has hash [0-9a-f]{{64}} here, where the checkpoint signed [0-9a-f]{{64}}: the log was rewritten at or before that event"
        ));
}

/// Runs phananh on `env` with the system clock, as the person `login` names (`SUDO_USER`,
/// which a root caller's phananh takes for who runs it), with `db` for its database.
fn by_login(env: &TestEnv, login: &str, db: &Path, args: &[&str]) -> Run {
    let mut cmd = env.command();
    cmd.env_remove("PHANANH_NOW")
        .env("SUDO_USER", login)
        .env("PHANANH_DB", db);
    Run::of(cmd, args)
}

/// The receiving office of the README's nightly checkpoint checks it, as documented, on a
/// copy of a `peer` database under its own login, which is bound to no account there: it
/// was refused ("login office is bound to no account"), the refusal appended to the
/// evidence copy as a `refused` event. On a backup, checking checkpoints now needs no
/// account. The attacker's side: run so, it opens no key (the key file beside the copy is
/// left unopened, and said so), shows no reporter's name or phone, writes nothing to the
/// copy nor beside it; every other command on the copy is still refused to that login,
/// printed and not written into it; and on the database in use the same check still needs
/// an account, and its refusal is still logged.
#[test]
fn an_office_with_no_account_checks_a_backups_checkpoints_and_opens_nothing_personal() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::validated();
    let live = env.db().to_owned();
    let secrets = Secrets::new(
        env.identities()
            .into_iter()
            .flat_map(|(_, name, phone)| [name, phone])
            .filter(|s| !s.is_empty()),
    );
    let (key, public) = keygen(&env, "audit.key");
    // The service's database in peer mode, its admin bound to the login `boss`.
    by_login(
        &env,
        "boss",
        &live,
        &["--as", ADMIN, "staff", "edit", ADMIN, "--add-login", "boss"],
    )
    .success();
    by_login(
        &env,
        "boss",
        &live,
        &["--as", ADMIN, "settings", "set", "auth.mode", "peer"],
    )
    .success();
    let head = env.dir().join("head.json");
    let (key_arg, head_arg) = (key.to_str().unwrap(), head.to_str().unwrap());
    by_login(
        &env,
        "boss",
        &live,
        &[
            "--as",
            ADMIN,
            "audit",
            "checkpoint",
            "--key",
            key_arg,
            "--out",
            head_arg,
        ],
    )
    .success();
    let office = env.dir().join("office");
    std::fs::create_dir(&office).unwrap();
    let copy = office.join("copy.sqlite");
    by_login(
        &env,
        "boss",
        &live,
        &["--as", ADMIN, "backup", "--out", copy.to_str().unwrap()],
    )
    .success();
    // The identity key beside the copy, as a careless hand would leave it.
    let copy_key = office.join("copy.sqlite.key");
    std::fs::copy(env.key(), &copy_key).unwrap();
    std::fs::set_permissions(&copy_key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let bytes = std::fs::read(&copy).unwrap();
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(&office)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let files = listing();
    let check = |lang: &str, extra: &[&str]| {
        let args = [
            &["--lang", lang][..],
            extra,
            &[
                "audit",
                "verify",
                "--checkpoint",
                head_arg,
                "--pubkey",
                public.to_str().unwrap(),
            ],
        ]
        .concat();
        by_login(&env, "office", &copy, &args)
    };
    check("vi", &[])
        .success()
        .stderr_has("Chuỗi nhật ký nguyên vẹn")
        .stderr_has("bản sao lưu được kiểm mà không cần tài khoản nên không mở tệp khóa nào")
        .never_shows_any(&secrets);
    // An account named that the login is not bound to changes nothing.
    check("en", &["--as", ADMIN])
        .success()
        .stderr_has("the backup was checked without an account, so no key file was opened")
        .never_shows_any(&secrets);
    let json = check("en", &["--format", "json"]).success().json();
    assert_eq!(
        json["identity_keys_checked"],
        serde_json::Value::Null,
        "{json}"
    );
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        bytes,
        "the copy was written to"
    );
    assert_eq!(listing(), files, "a file was made beside the copy");

    // Nothing else opens to that login on the copy; each refusal is said, not appended.
    for args in [
        &["list"][..],
        &["show", "5"],
        &["audit", "log"],
        &["audit", "verify"],
        &["--as", ADMIN, "audit", "verify"],
    ] {
        by_login(&env, "office", &copy, args)
            .code(1)
            .one_line_error()
            .stderr_has("Bị từ chối: Tài khoản hệ điều hành office ")
            .stderr_has(
                "Tệp là một bản sao lưu nên lần bị từ chối này không được ghi vào nhật ký của nó.",
            )
            .never_shows("cần ghi")
            .never_shows_any(&secrets);
    }
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        bytes,
        "a refusal was written into the copy"
    );
    assert_eq!(listing(), files);
    // What writes to the file it acts on (a reveal, a full export) is refused too, showing
    // no identity.
    for args in [
        &["show", "5", "--reveal", "--reason", "gọi lại xác minh"][..],
        &["export", "csv", "--reason", "kiểm tra nội bộ"],
    ] {
        by_login(&env, "office", &copy, args)
            .code(1)
            .one_line_error()
            .stderr_has("Bị từ chối: Tài khoản hệ điều hành office chưa được gắn với tài khoản nào")
            .never_shows_any(&secrets);
    }

    // The database in use: an account is needed, and the refusal is on record.
    let before = env.fingerprint();
    let args = [
        "audit",
        "verify",
        "--checkpoint",
        head_arg,
        "--pubkey",
        public.to_str().unwrap(),
    ];
    by_login(&env, "office", &live, &args)
        .code(1)
        .one_line_error()
        .stderr_has("Bị từ chối: Tài khoản hệ điều hành office chưa được gắn với tài khoản nào");
    // Filed under the login itself, bound to no account.
    env.assert_only_refusal(&before, "@office");
    by_login(&env, "boss", &live, &[&["--as", ADMIN][..], &args].concat()).success();
}

/// A read refused on a file this account cannot write (the tester's backup owned by
/// `nobody`, mode 0400, in a folder it may not write) printed "cannot write …: this
/// command needs to write, so nothing was changed; the commands that read (list, show, …)
/// still work" about `list` itself, the real answer lost. The refusal is said, with why it
/// could not be logged; on a writable backup it is said and not written into it; on the
/// database in use it is still logged.
#[test]
fn a_refused_read_says_the_refusal_where_it_cannot_or_should_not_be_logged() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::validated();
    let args = ["--as", HANDLER_SXD, "list", "--agency", "SYT"];
    let refusal = "Bị từ chối xem phản ánh: Cán bộ xử lý chỉ xem được phản ánh giao cho SXD; bỏ `--agency SYT`";
    // The database in use: said and logged, as before.
    let before = env.fingerprint();
    let live = env.run(&args);
    live.code(1).one_line_error().stderr_has(refusal);
    env.assert_only_refusal(&before, HANDLER_SXD);

    // A backup, writable: said, not written into.
    let copy = env.dir().join("copy.sqlite");
    env.run_as(RECEPTION, &["backup", "--out", copy.to_str().unwrap()])
        .success();
    let bytes = std::fs::read(&copy).unwrap();
    let on_copy = [&["--db", copy.to_str().unwrap()][..], &args].concat();
    env.run(&on_copy)
        .code(1)
        .one_line_error()
        .stderr_has(refusal)
        .stderr_has(
            "Tệp là một bản sao lưu nên lần bị từ chối này không được ghi vào nhật ký của nó.",
        );
    env.run(&[&["--lang", "en"][..], &on_copy].concat())
        .code(1)
        .stderr_has("the file is a backup, so this refusal is not written into its log");
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);

    // The database itself, read-only to the account that runs the command.
    let said = if running_as_root() {
        std::os::unix::fs::chown(env.db(), Some(65534), Some(65534)).unwrap();
        std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o400)).unwrap();
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let run = as_nobody(&env, env.dir(), &args);
        std::os::unix::fs::chown(env.db(), Some(0), Some(0)).unwrap();
        std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o600)).unwrap();
        run
    } else {
        std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o400)).unwrap();
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o500)).unwrap();
        let run = env.run(&args);
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
        std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o600)).unwrap();
        run
    };
    let before = env.fingerprint();
    said.code(1)
        .one_line_error()
        .stderr_has(refusal)
        .stderr_has(
            "Không ghi được lần bị từ chối này vào nhật ký: tệp, thư mục chứa nó hoặc ổ đĩa chỉ cho đọc.",
        )
        .never_shows("cần ghi");
    env.assert_unchanged(&before);
}

/// `audit verify --format json` listed the counts it checked but not the signed
/// checkpoints it found the chain to hold, which the messages on standard error name: a
/// script archiving the nightly check could not tell a run with a checkpoint from one
/// without. Each held checkpoint is listed (file, when signed, key, head, events after),
/// the fields before it kept; none when none was given, none when the chain broke.
#[test]
fn audit_verify_as_json_lists_the_checkpoints_it_found_held() {
    let env = TestEnv::validated();
    let (key, public) = keygen(&env, "audit.key");
    let file = checkpoint(&env, &key, "head.json");
    let signed: i64 = env.count("SELECT count(*) FROM events");
    let head: i64 = env.count("SELECT max(id) FROM events");
    let hash: String = env
        .column("SELECT lower(hex(hash)) FROM events ORDER BY id DESC LIMIT 1")
        .remove(0);
    env.run_as(
        RECEPTION,
        &["show", "5", "--reveal", "--reason", "gọi lại xác minh"],
    )
    .success();
    let run = env.run_as(
        AUDITOR,
        &[
            "--format",
            "json",
            "audit",
            "verify",
            "--checkpoint",
            file.to_str().unwrap(),
            "--pubkey",
            public.to_str().unwrap(),
        ],
    );
    let json = run.success().json();
    for kept in ["ok", "events_checked", "reports_checked", "first_problem"] {
        assert!(json.get(kept).is_some(), "{kept}: {json}");
    }
    let listed = array(&json["checkpoints"]);
    assert_eq!(listed.len(), 1, "{json}");
    let held = &listed[0];
    assert_eq!(held["file"], file.to_str().unwrap());
    assert_eq!(held["public_key"], public.to_str().unwrap());
    assert_eq!(held["signed_at"], NOW);
    assert_eq!(held["event"], head);
    assert_eq!(held["hash"], hash.as_str());
    assert_eq!(held["events"], signed);
    assert_eq!(held["events_after"], 1);
    assert_eq!(held["key_id"].as_str().unwrap().len(), 16, "{held}");
    let without = env.json_as(AUDITOR, &["audit", "verify"]);
    assert_eq!(without["checkpoints"], serde_json::json!([]), "{without}");
}

/// `audit verify` of a backup made by an older phananh upgraded that backup in place (its
/// bytes changed, the upgrade's events appended, a key made beside it) and then, against a
/// checkpoint signed on the live database after its own upgrade, took the upgrade's events
/// for the signed ones: "the log was rewritten", exit 5, where the backup only ends
/// sooner. The check now runs on an upgraded scratch copy, removed after, and judges the
/// backup as it was made: older than the signed head (exit 1), the backup untouched.
#[test]
fn an_older_backup_is_checked_on_a_scratch_copy_and_told_older_than_a_signed_head() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::empty();
    crate::identity::before_sealing(&env);
    let folder = env.dir().join("backups");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    let old = folder.join("old.sqlite");
    std::fs::copy(env.db(), &old).unwrap();
    crate::identity::in_backup_form(&old);
    let bytes = std::fs::read(&old).unwrap();
    // The live database is upgraded, goes on, and its head is signed.
    let (key, public) = keygen(&env, "audit.key");
    env.run_as(ADMIN, &["settings", "set", "csv.style", "excel"])
        .success();
    let head = checkpoint(&env, &key, "head.json");
    let on_old = |args: &[&str]| {
        env.run(&[&["--lang", "en", "--db", old.to_str().unwrap()][..], args].concat())
    };
    on_old(&[
        "audit",
        "verify",
        "--checkpoint",
        head.to_str().unwrap(),
        "--pubkey",
        public.to_str().unwrap(),
    ])
    .code(1)
    .stderr_has("was made by an older phananh (schema version 6)")
    .stderr_has("this copy ends at event 1, before the head signed in")
    .never_shows("rewritten");
    on_old(&["--as", AUDITOR, "audit", "verify"])
        .success()
        .stderr_has("nothing is written to the backup")
        .stderr_has("audit chain intact");
    assert_eq!(
        std::fs::read(&old).unwrap(),
        bytes,
        "the backup is untouched"
    );
    let left: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["old.sqlite"], "nothing made beside the backup");
}

/// Every checkpoint signed between a backup and an ordinary restore of it failed as
/// "the chain was rewritten", with advice to restore a backup: the opposite of what
/// happened. The restore event records the head it replaced and the events it left out
/// (each with its hash), and verify now says the checkpoint belongs to what a restore
/// replaced, when and by whom, and what was left out. Still exit 5: the restore event is
/// in the chain the checkpoint guards. A checkpoint signed before the backup still holds.
#[test]
fn a_checkpoint_a_recorded_restore_replaced_is_said_as_such() {
    let env = TestEnv::assigned_to_sxd();
    let (key, public) = keygen(&env, "audit.key");
    let before_backup = checkpoint(&env, &key, "before.json");
    let copy = env.dir().join("copy.sqlite");
    env.run_as(ADMIN, &["backup", "--out", copy.to_str().unwrap()])
        .success();
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá ổ gà."])
        .success();
    let nightly = checkpoint(&env, &key, "nightly.json");
    // Another step after the checkpoint: its head is then one of the events left out.
    env.run_as(RECEPTION, &["classify", "6", "--field", "GT"])
        .success();
    let head_after = checkpoint(&env, &key, "head.json");
    env.run_as(ADMIN, &["restore", copy.to_str().unwrap()])
        .success();
    let restore_event = env.count("SELECT max(id) FROM events");

    for signed in [&nightly, &head_after] {
        verify_with(&env, &[signed], &[&public])
            .code(5)
            .stderr_has(&format!(
                "belongs to the part of the log a restore replaced at 2026-10-05 08:00 (event {restore_event}, {ADMIN})"
            ))
            .stderr_has("Replied")
            .never_shows("was rewritten")
            .never_shows("chain rewritten")
            .never_shows("restore the file from a backup");
    }
    verify_in(&env, "vi", &[&nightly], &[&public])
        .code(5)
        .stderr_has("thuộc phần nhật ký bị thay khi khôi phục từ bản sao lưu lúc 05/10/2026 08:00");
    verify_with(&env, &[&before_backup], &[&public]).success();
}

/// The same rewrite dressed as a restore: a `restore` event appended with its hashes made
/// to fit, naming the signed head as the one it replaced. verify said the checkpoint
/// "belongs to the part of the log a restore replaced … no sign of a rewritten log if that
/// restore was real". A restore leaves the events it replaced out of the file and numbers
/// its own after them; here the signed event is still in the file, under another hash, so
/// the log is said rewritten.
#[test]
fn a_rewrite_dressed_as_a_restore_is_said_rewritten() {
    let env = TestEnv::validated();
    let (key, public) = keygen(&env, "audit.key");
    let older = env.snapshot();
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    let signed = checkpoint(&env, &key, "signed.json");
    let head: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&signed).unwrap()).unwrap();
    put_back(&env, &older);
    for id in ["5", "6"] {
        env.run_as(RECEPTION, &["classify", id, "--field", "XD"])
            .success();
    }
    let event = head["event"].as_i64().unwrap();
    assert!(env.count(&format!("SELECT count(*) FROM events WHERE id = {event}")) == 1);
    let claim = serde_json::json!({
        "head_event": event - 3,
        "replaced_head_event": event,
        "replaced_head_hash": head["hash"],
        "numbered_after": event,
        "in_chain": true,
        "left_out": [],
    });
    env.writable()
        .execute(
            "INSERT INTO events (id, at, actor, action, payload, prev_hash, hash, login,
                                 recorded_at)
             SELECT max(id) + 1, '2026-10-05T08:00:00+07:00', 'admin', 'restore', ?1,
                    randomblob(32), randomblob(32), 'root', '2026-10-05T08:00:00+07:00'
               FROM events",
            [claim.to_string()],
        )
        .unwrap();
    env.rewrite_log(|_| false);
    verify_with(&env, &[&signed], &[&public])
        .code(5)
        .stderr_has(&format!(
            "event {event} has hash {} here, where the checkpoint signed {}: the log was rewritten at or before that event",
            env.read_only()
                .query_row(
                    "SELECT lower(hex(hash)) FROM events WHERE id = ?1",
                    [event],
                    |r| r.get::<_, String>(0)
                )
                .unwrap(),
            head["hash"].as_str().unwrap()
        ))
        .never_shows("a restore replaced");
}

/// Puts the bytes of an older copy back as the database, its side files gone with it, as
/// someone with the file does before writing another history over it.
fn put_back(env: &TestEnv, older: &[u8]) {
    std::fs::write(env.db(), older).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", env.db().display()));
    }
}
