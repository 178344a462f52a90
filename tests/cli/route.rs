//! The routing table (`route add|list`) and `assign --auto` (Đ7.1.b).

use crate::common::*;

#[test]
fn assign_auto_follows_the_most_specific_route() {
    let env = TestEnv::validated();
    // Two accepted reports in Phường An Xuyên (32002) and elsewhere, both urban order.
    let in_an_xuyen: Vec<i64> = env.column(
        "SELECT id FROM reports WHERE status = 'accepted' AND commune = 'Phường An Xuyên' ORDER BY id LIMIT 1",
    );
    let elsewhere: Vec<i64> = env.column(
        "SELECT id FROM reports WHERE status = 'accepted' AND commune <> 'Phường An Xuyên' AND commune <> '' ORDER BY id LIMIT 1",
    );
    let (a, b) = (in_an_xuyen[0].to_string(), elsewhere[0].to_string());
    for id in [&a, &b] {
        env.run_as(RECEPTION, &["classify", id, "--field", "TTDT"])
            .success();
    }
    // No route yet: the error says how to add one.
    env.run_as(RECEPTION, &["assign", &a, "--auto"])
        .failure()
        .one_line_error()
        .stderr_has("route add --field TTDT");
    let before = env.fingerprint();
    env.run_as(
        RECEPTION,
        &["route", "add", "--field", "TTDT", "--agency", "SXD"],
    )
    .failure()
    .one_line_error();
    env.assert_only_refusal(&before, RECEPTION);
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "TTDT", "--agency", "SXD"],
    )
    .success();
    env.run_as(
        ADMIN,
        &[
            "route",
            "add",
            "--field",
            "TTDT",
            "--commune",
            "phuong an xuyen",
            "--agency",
            "32002",
        ],
    )
    .success();
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "NOPE", "--agency", "SXD"],
    )
    .failure()
    .one_line_error()
    .stderr_has("field list");
    env.run_as(RECEPTION, &["assign", &a, "--auto"]).success();
    env.run_as(RECEPTION, &["assign", &b, "--auto"]).success();
    assert_eq!(env.show(&a)["agency"], "32002");
    assert_eq!(env.show(&b)["agency"], "SXD");
    let listed = env
        .run_as(LEADER, &["route", "list", "--format", "json"])
        .success()
        .json();
    assert_eq!(array(&listed).len(), 2);
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'route_add'"),
        2
    );
    // --agency and --auto do not go together; one of them is needed.
    env.run_as(RECEPTION, &["assign", &a, "--auto", "--agency", "SXD"])
        .code(2);
    env.run_as(RECEPTION, &["assign", &a]).code(2);
}

#[test]
fn a_report_without_a_field_is_not_routed() {
    let env = TestEnv::validated();
    env.run_as(ADMIN, &["route", "add", "--field", "GT", "--agency", "SXD"])
        .success();
    let id: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'accepted' ORDER BY id LIMIT 1");
    env.run_as(RECEPTION, &["assign", &id[0].to_string(), "--auto"])
        .failure()
        .one_line_error()
        .stderr_has("classify");
}
