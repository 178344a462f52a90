//! What the desk reads, worded in its language and without stutters (desk findings 14 and
//! 15): OS errors, usage hints, refusals, confirmations and English counts.

use crate::common::*;

#[test]
fn a_missing_input_file_is_named_in_vietnamese() {
    let env = TestEnv::seeded();
    env.run_as(RECEPTION, &["ingest", "khong-co.csv"])
        .failure()
        .one_line_error()
        .stderr_has("Không mở được khong-co.csv: không có tệp này")
        .never_shows("os error");
    env.run_as(RECEPTION, &["--lang", "en", "ingest", "khong-co.csv"])
        .failure()
        .stderr_has("cannot open khong-co.csv: No such file or directory");
    env.run_as(ADMIN, &["field", "import", "khong-co.csv"])
        .failure()
        .stderr_has("không có tệp này")
        .never_shows("os error");
}
