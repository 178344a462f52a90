//! What the commands of the reference tables say when done (`cli::reference`, `cli::route`
//! and `cli::services` print it): a field, an agency, an account, a route or a service code
//! saved, and what an import changed, row by row. Built from what `app::directory`,
//! `app::routing` and `app::services` did; nothing here reads the database.

use crate::domain::routing::Route;
use crate::i18n::{Localized, count_en};

/// A route saved: its field goes to its agency in its commune, or in every commune when it
/// names none.
pub fn routed(route: &Route) -> Localized {
    let (field, commune, agency) = (&route.field, &route.commune, &route.agency);
    if commune.is_empty() {
        Localized::new(
            format!("Đã định tuyến lĩnh vực {field} → {agency} cho mọi xã, phường."),
            format!("field {field} now routes to {agency} for every commune"),
        )
    } else {
        Localized::new(
            format!("Đã định tuyến lĩnh vực {field} ở {commune} → {agency}."),
            format!("field {field} in {commune} now routes to {agency}"),
        )
    }
}

/// A service code saved.
pub fn service_saved(code: &str) -> Localized {
    Localized::new(
        format!("Đã lưu mã dịch vụ {code}."),
        format!("service code {code} saved"),
    )
}

/// A file of `count` service codes imported.
pub fn services_imported(count: usize) -> Localized {
    Localized::new(
        format!("Đã nạp {count} mã dịch vụ."),
        format!(
            "{} imported",
            count_en(count, "service code", "service codes")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A route for every commune says so; the service codes count in English.
    #[test]
    fn a_route_and_service_codes_read_in_each_language() {
        let route = Route {
            field: "GT".into(),
            commune: String::new(),
            agency: "SXD".into(),
        };
        assert_eq!(
            routed(&route).vi,
            "Đã định tuyến lĩnh vực GT → SXD cho mọi xã, phường."
        );
        assert_eq!(
            routed(&route).en,
            "field GT now routes to SXD for every commune"
        );
        assert_eq!(service_saved("pothole").vi, "Đã lưu mã dịch vụ pothole.");
        assert_eq!(services_imported(1).en, "1 service code imported");
        assert_eq!(services_imported(3).vi, "Đã nạp 3 mã dịch vụ.");
    }
}
