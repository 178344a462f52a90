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

/// Desk finding 14.3: the shipped calendar's notes are English prose; the Vietnamese table
/// cites their document numbers, CSV keeps the notes whole.
#[test]
fn the_vietnamese_calendar_cites_document_numbers_not_english_notes() {
    let env = TestEnv::seeded();
    let run = env.run_as(ADMIN, &["calendar", "show", "2026"]);
    run.success()
        .stdout_has("12729/VPCP-KGVX")
        .never_shows("dispatch")
        .never_shows("Labour Code")
        .never_shows("PM approval");
    env.run_as(ADMIN, &["--format", "csv", "calendar", "show", "2026"])
        .success()
        .stdout_has("VPCP dispatch 12729/VPCP-KGVX (25/12/2025)");
    env.run_as(ADMIN, &["--lang", "en", "calendar", "show", "2026"])
        .success()
        .stdout_has("VPCP dispatch");
}
