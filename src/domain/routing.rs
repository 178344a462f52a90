//! The routing table (Đ7.1.b): which agency a report goes to, from its field and the commune
//! it names. A line for the field and that commune wins over the field's line for every
//! commune; communes match whatever the case and diacritics ("phuong an xuyen").

use serde::Serialize;

use super::text::fold;

/// One line of the table; `commune` empty means every commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    pub field: String,
    pub commune: String,
    pub agency: String,
}

/// The agency for a report of `field` in `commune`, if the table has one.
pub fn pick<'r>(routes: &'r [Route], field: &str, commune: &str) -> Option<&'r Route> {
    let commune = fold(commune.trim());
    let of_field = routes.iter().filter(|r| r.field == field);
    of_field
        .clone()
        .find(|r| !r.commune.is_empty() && fold(r.commune.trim()) == commune)
        .or_else(|| of_field.clone().find(|r| r.commune.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(field: &str, commune: &str, agency: &str) -> Route {
        Route {
            field: field.into(),
            commune: commune.into(),
            agency: agency.into(),
        }
    }

    #[test]
    fn the_commune_line_wins_over_the_field_line() {
        let table = vec![
            route("TTDT", "", "SXD"),
            route("TTDT", "Phường An Xuyên", "32002"),
            route("GT", "", "SXD"),
        ];
        let agency = |f: &str, c: &str| pick(&table, f, c).map(|r| r.agency.as_str());
        assert_eq!(agency("TTDT", "Phường An Xuyên"), Some("32002"));
        assert_eq!(agency("TTDT", "phuong an xuyen"), Some("32002"));
        assert_eq!(agency("TTDT", "Phường Tân Thành"), Some("SXD"));
        assert_eq!(agency("TTDT", ""), Some("SXD"));
        assert_eq!(agency("GT", "Phường An Xuyên"), Some("SXD"));
        assert_eq!(agency("YT", "Phường An Xuyên"), None);
    }
}
