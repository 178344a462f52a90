//! What goes public at acceptance (docs/rules.md §6): a report's content is in the public
//! feed from `validate` (or `ingest --validate`) on, so third parties named in it and words for someone's health
//! are warned of there, not only at `verify --approve` days later.

use crate::common::*;

/// The head line of a reports CSV, every column in its place.
const REPORTS_HEAD: &str = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";

/// The inspection's report (find-dpo, dpo2): a neighbour named, his daughter named without
/// a form of address, and her disease.
const NEIGHBOURS: &str = "CMG-2026-900010,2026-10-05T08:00:00+07:00,2026-10-05T07:00:00+07:00,\"Hộ ông Trần Văn Tám (số nhà 45, SĐT nhà bên 0913 222 333) xây nhà lấn chiếm hành lang kênh, con ông là Trần Thị Kiều bị bệnh lao vẫn bán hàng ăn ở chợ.\",https://x/9.jpg,9.17,105.15,\"Số 47 đường Phan Ngọc Hiển\",Phường An Xuyên,Võ Thị Kim Xuyến,0912 345 678,CONFIDENTIAL,0,0,";

fn ingest(env: &TestEnv, confidential: &str) {
    let file = env.write_file(
        "in.csv",
        &format!(
            "{REPORTS_HEAD}\n{}\n",
            NEIGHBOURS.replace("CONFIDENTIAL", confidential)
        ),
    );
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
}

#[test]
fn validate_warns_of_third_parties_and_health_in_a_content_public_from_then_on() {
    let env = TestEnv::seeded();
    ingest(&env, "0");
    let id = env.id_of("CMG-2026-900010").to_string();
    let validated = env.run_as(RECEPTION, &["validate", &id]);
    validated
        .success()
        .stderr_has(&format!(
            "phản ánh {id} vừa tiếp nhận đã có trên kênh công khai"
        ))
        .stderr_has("“ông Trần Văn Tám”")
        .stderr_has("“Trần Thị Kiều”")
        .stderr_has("từ về sức khỏe của một người: “bệnh lao”")
        .stderr_has("phananh chưa có lệnh giữ kín nội dung một phản ánh đã nạp")
        .never_shows("Kim Xuyến")
        .never_shows("0912 345 678");
    // What the warning says is so: the feed carries the text now.
    env.run_as(AUDITOR, &["export", "open311", "--id", "CMG-2026-900010"])
        .success()
        .stdout_has("bị bệnh lao");
}

#[test]
fn validate_warns_in_english_and_not_of_a_confidential_report() {
    let env = TestEnv::seeded();
    ingest(&env, "0");
    env.run_as(RECEPTION, &["--lang", "en", "validate"])
        .success()
        .stderr_has("just accepted, is in the public feed")
        .stderr_has("«ông Trần Văn Tám»")
        .stderr_has("words for someone's health: «bệnh lao»")
        .stderr_has("no command to keep a loaded report's content out of public views");

    let env = TestEnv::seeded();
    ingest(&env, "1");
    let validated = env.run_as(RECEPTION, &["validate"]);
    validated
        .success()
        .never_shows("Trần Văn Tám")
        .never_shows("bệnh lao");
}

/// The inspection's walk to `verify --approve` (dpo2): the warning called "sắp công khai"
/// (about to be public) a content public since its acceptance, and said nothing of the
/// disease.
#[test]
fn verify_says_the_content_is_public_since_acceptance_not_about_to_be() {
    let env = TestEnv::seeded();
    ingest(&env, "0");
    let id = env.id_of("CMG-2026-900010").to_string();
    env.run_as(RECEPTION, &["validate", &id]).success();
    env.run_as(RECEPTION, &["classify", &id, "--field", "TTDT"])
        .success();
    env.run_as(RECEPTION, &["assign", &id, "--agency", "SXD"])
        .success();
    env.run_as(
        HANDLER_SXD,
        &[
            "reply",
            &id,
            "--text",
            "Đã làm việc với ông Trần Văn Tám và bà Lê Thị Hoa, lập biên bản.",
        ],
    )
    .success();
    let approved = env.run_as(RECEPTION, &["verify", &id, "--approve"]);
    approved
        .success()
        .stderr_has(
            "trong nội dung, địa chỉ (đang công khai từ khi tiếp nhận ngày 05/10/2026): họ tên người khác: “ông Trần Văn Tám”",
        )
        .stderr_has("trong kết quả (sắp công khai): họ tên người khác: “bà Lê Thị Hoa”")
        .stderr_has("từ về sức khỏe của một người: “bệnh lao”")
        .never_shows("văn bản sắp công khai")
        .never_shows("Kim Xuyến");
    env.run_as(RECEPTION, &["--lang", "en", "publish", &id])
        .success()
        .stderr_has("in the content or address (public since it was accepted on 2026-10-05)")
        .stderr_has("in the result (to be made public): other people: «bà Lê Thị Hoa»");
}

/// The inspection's report from the reporter's own home (find-dpo, dpo3).
const AT_HOME: &str = "CMG-2026-900020,2026-10-05T08:00:00+07:00,2026-10-05T07:00:00+07:00,\"Ống nước bể ngay trước cửa nhà tôi, nước chảy lênh láng ba ngày nay.\",https://camau-g.camau.gov.vn/media/2026/10/a1b2c3d4e5f60718.jpg,9.176543,105.152345,\"Số 5 hẻm 10 đường Lý Văn Lâm (nhà tôi)\",Phường An Xuyên,Lâm Thị Bé Ba,0977 111 222,0,0,0,";

/// The address "Số 5 hẻm 10 … (nhà tôi)" was published with its coordinates to six
/// decimals: beside the auditor's mask of the name, that is the person (Đ6.5).
#[test]
fn a_report_from_the_reporters_home_goes_public_without_the_house_number_and_the_exact_point() {
    let env = TestEnv::seeded();
    let file = env.write_file("home.csv", &format!("{REPORTS_HEAD}\n{AT_HOME}\n"));
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    let id = env.id_of("CMG-2026-900020").to_string();
    env.run_as(RECEPTION, &["validate", &id])
        .success()
        .stderr_has("nơi xảy ra là nhà của người phản ánh")
        .stderr_has("tọa độ làm tròn 3 chữ số thập phân")
        .never_shows("Bé Ba");
    for public in [
        env.run_as(AUDITOR, &["export", "open311", "--id", "CMG-2026-900020"]),
        env.run_as(AUDITOR, &["export", "csv", "--public"]),
    ] {
        public
            .success()
            .stdout_has("hẻm 10 đường Lý Văn Lâm (nhà tôi)")
            .stdout_has("9.177")
            .stdout_has("105.152")
            .never_shows("Số 5 hẻm 10")
            .never_shows("9.176543")
            .never_shows("105.152345");
    }
    // Internal views keep where it is: the agency must find the pipe.
    env.run_as(RECEPTION, &["show", &id])
        .success()
        .stdout_has("Số 5 hẻm 10 đường Lý Văn Lâm")
        .stdout_has("9.176543");
    // Another report of the same street, not from home, keeps its number and point.
    let other = AT_HOME
        .replace("900020", "900021")
        .replace("trước cửa nhà tôi", "trước chợ")
        .replace(" (nhà tôi)", "");
    let file = env.write_file("street.csv", &format!("{REPORTS_HEAD}\n{other}\n"));
    env.run_as(RECEPTION, &["ingest", "--validate", file.to_str().unwrap()])
        .success();
    env.run_as(AUDITOR, &["export", "open311", "--id", "CMG-2026-900021"])
        .success()
        .stdout_has("Số 5 hẻm 10 đường Lý Văn Lâm")
        .stdout_has("9.176543");
}

/// A report of the reporter Lâm Thị Bé Ba (0977 111 222), app id `ext`, saying `content`;
/// `media` empty leaves it one the check rejects (Đ6.1), `confidential` "1" one never public.
fn sent(ext: &str, content: &str, media: &str, confidential: &str) -> String {
    format!(
        "{ext},2026-10-05T08:00:00+07:00,2026-10-05T07:00:00+07:00,\"{content}\",{media},9.176543,105.152345,\"Số 5 hẻm 10 đường Lý Văn Lâm\",Phường An Xuyên,Lâm Thị Bé Ba,0977 111 222,{confidential},0,0,"
    )
}

const PHOTO: &str = "https://camau-g.camau.gov.vn/media/2026/10/a1b2c3d4e5f60718.jpg";

/// A neighbour named after a form of address, a disease, the reporter's home, a plain
/// report, and two that never go public from this load: one confidential, one rejected.
fn a_morning_file(env: &TestEnv) -> std::path::PathBuf {
    let named = "Hộ ông Nguyễn Văn Bình đổ rác ra lòng đường hẻm 10, bốc mùi suốt tuần nay.";
    let rows = [
        sent("CMG-2026-900031", named, PHOTO, "0"),
        sent(
            "CMG-2026-900032",
            "Người bán hàng ăn ở đầu hẻm bị bệnh lao mà vẫn bán mỗi sáng, bà con rất lo.",
            PHOTO,
            "0",
        ),
        sent(
            "CMG-2026-900033",
            "Ống nước bể ngay trước nhà tôi, nước chảy lênh láng ba ngày nay.",
            PHOTO,
            "0",
        ),
        sent(
            "CMG-2026-900034",
            "Đèn đường ở đầu hẻm 10 bị hỏng hơn một tuần, buổi tối rất tối và nguy hiểm.",
            PHOTO,
            "0",
        ),
        sent(
            "CMG-2026-900035",
            "Hộ ông Nguyễn Văn Bình có người bị bệnh lao, xin giữ kín giúp gia đình tôi.",
            PHOTO,
            "1",
        ),
        sent("CMG-2026-900036", named, "", "0"),
    ];
    env.write_file(
        "morning.csv",
        &format!("{REPORTS_HEAD}\n{}\n", rows.join("\n")),
    )
}

/// The warning `validate` gives for a report it accepts, in `lang`.
fn warned_of(id: i64, lang: &str) -> String {
    match lang {
        "en" => format!("report {id}, just accepted, is in the public feed"),
        _ => format!("phản ánh {id} vừa tiếp nhận đã có trên kênh công khai"),
    }
}

/// [`warned_of`] with the rest of its first sentence, up to `what` the content gives away.
fn warned_that(id: i64, lang: &str, what: &str) -> String {
    let public = "(`export open311`, `export csv --public`)";
    match lang {
        "en" => format!(
            "{} {public} with its content as written (phananh hides only the reporter's own name and phone), and that content names {what}",
            warned_of(id, lang)
        ),
        _ => format!(
            "{} {public}, nội dung nguyên văn (phananh chỉ tự ẩn họ tên, số điện thoại của người phản ánh), và nội dung ấy nêu {what}",
            warned_of(id, lang)
        ),
    }
}

/// `ingest --validate` accepts and so makes public in one pass: it once said nothing of what
/// the content gave away, which `validate` warns of (docs/rules.md §6). Only the reports it
/// stores as accepted and public are warned of, each with what was found, in Vietnamese and
/// in English, never with the reporter's own name or phone.
#[test]
fn ingest_validate_warns_of_what_each_report_it_accepts_makes_public() {
    let env = TestEnv::seeded();
    let file = a_morning_file(&env);
    let file = file.to_str().unwrap();
    let loaded = env.run_as(RECEPTION, &["ingest", "--validate", file]);
    loaded.success();
    let id = |ext: &str| env.id_of(&format!("CMG-2026-9000{ext}"));
    assert_eq!(env.status_of(&id("36").to_string()), "rejected");
    assert_eq!(env.status_of(&id("35").to_string()), "accepted");
    loaded
        .stderr_has(&warned_that(
            id("31"),
            "vi",
            "họ tên người khác: “ông Nguyễn Văn Bình”",
        ))
        .stderr_has(&warned_that(
            id("32"),
            "vi",
            "từ về sức khỏe của một người: “bệnh lao”",
        ))
        .stderr_has(&warned_that(
            id("33"),
            "vi",
            "nơi xảy ra là nhà của người phản ánh",
        ))
        .stderr_has("phananh chưa có lệnh giữ kín nội dung một phản ánh đã nạp")
        .never_shows("Bé Ba")
        .never_shows("0977 111 222")
        .never_shows("0977111222");
    for quiet in ["34", "35", "36"] {
        loaded.never_shows(&warned_of(id(quiet), "vi"));
    }
    // Read again, the reports are those stored already: nothing is accepted, nor warned of.
    env.run_as(RECEPTION, &["ingest", "--validate", file])
        .success()
        .never_shows("vừa tiếp nhận đã có trên kênh công khai");

    let env = TestEnv::seeded();
    let file = a_morning_file(&env);
    let loaded = env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "ingest",
            "--validate",
            file.to_str().unwrap(),
        ],
    );
    let id = |ext: &str| env.id_of(&format!("CMG-2026-9000{ext}"));
    loaded
        .success()
        .stderr_has(&warned_that(
            id("31"),
            "en",
            "other people: «ông Nguyễn Văn Bình»",
        ))
        .stderr_has(&warned_that(
            id("32"),
            "en",
            "words for someone's health: «bệnh lao»",
        ))
        .stderr_has(&warned_that(
            id("33"),
            "en",
            "the place is the reporter's own home",
        ))
        .never_shows("Bé Ba")
        .never_shows("0977 111 222")
        .never_shows("vừa tiếp nhận");
    for quiet in ["34", "35", "36"] {
        loaded.never_shows(&warned_of(id(quiet), "en"));
    }
}

/// The warnings are notices on stderr, as the possible repeats are: in JSON and CSV too,
/// and never in the summary a script reads on stdout, which would carry the names found.
#[test]
fn ingest_validate_warns_on_stderr_beside_a_json_or_csv_summary() {
    for format in ["json", "csv"] {
        let env = TestEnv::seeded();
        let file = a_morning_file(&env);
        let loaded = env.run_as(
            RECEPTION,
            &[
                "--format",
                format,
                "ingest",
                "--validate",
                file.to_str().unwrap(),
            ],
        );
        loaded
            .success()
            .stderr_has(&warned_of(env.id_of("CMG-2026-900031"), "vi"))
            .stderr_has("“ông Nguyễn Văn Bình”");
        assert!(
            !loaded.stdout.contains("Nguyễn Văn Bình") && !loaded.stdout.contains("bệnh lao"),
            "{}",
            loaded.stdout
        );
        if format == "json" {
            assert_eq!(loaded.json()[0]["accepted"], 5, "{}", loaded.stdout);
        }
    }
}

/// Plain `ingest` accepts nothing, so it makes nothing public and warns of nothing.
#[test]
fn ingest_without_validate_warns_of_nothing_going_public() {
    let env = TestEnv::seeded();
    let file = a_morning_file(&env);
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success()
        .never_shows("kênh công khai")
        .never_shows("Nguyễn Văn Bình")
        .never_shows("bệnh lao");
    assert_eq!(
        env.status_of(&env.id_of("CMG-2026-900031").to_string()),
        "received"
    );
}

/// A backfill may accept thousands: the first ten of the run are named, across its files,
/// and the rest counted, as `validate` does.
#[test]
fn ingest_validate_names_ten_reports_going_public_and_counts_the_rest() {
    let env = TestEnv::seeded();
    let named = |n: usize| {
        sent(
            &format!("CMG-2026-9001{n:02}"),
            "Hộ ông Nguyễn Văn Bình đổ rác ra lòng đường hẻm 10, bốc mùi suốt tuần nay.",
            PHOTO,
            "0",
        )
    };
    let file = |name: &str, range: std::ops::Range<usize>| {
        let rows: Vec<String> = range.map(named).collect();
        env.write_file(name, &format!("{REPORTS_HEAD}\n{}\n", rows.join("\n")))
    };
    let (first, second) = (file("a.csv", 0..7), file("b.csv", 7..12));
    let loaded = env.run_as(
        RECEPTION,
        &[
            "ingest",
            "--validate",
            first.to_str().unwrap(),
            second.to_str().unwrap(),
        ],
    );
    loaded.success().stderr_has(
        "… và 2 phản ánh vừa tiếp nhận nữa có nội dung công khai nêu họ tên người khác, sức khỏe của ai đó hoặc nhà người phản ánh",
    );
    let ids: Vec<i64> = (0..12)
        .map(|n| env.id_of(&format!("CMG-2026-9001{n:02}")))
        .collect();
    for &id in &ids[..10] {
        loaded.stderr_has(&warned_of(id, "vi"));
    }
    for &id in &ids[10..] {
        loaded.never_shows(&warned_of(id, "vi"));
    }
    assert_eq!(
        loaded
            .stderr
            .matches("vừa tiếp nhận đã có trên kênh công khai")
            .count(),
        10,
        "{}",
        loaded.stderr
    );
}
