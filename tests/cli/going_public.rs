//! What goes public at acceptance (docs/rules.md §6): a report's content is in the public
//! feed from `validate` on, so third parties named in it and words for someone's health
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
