//! The routing table (Đ7.1.b): which agency a report goes to, from its field and the commune
//! it names. A line for the field and that commune wins over the field's line for every
//! commune; communes match whatever the case and diacritics ("phuong an xuyen"). Also the
//! communes the province has, to tell a commune a report or a route names from one it does
//! not (a ward's code, "P. An Xuyên", a pre-merge "Phường 5").

use std::collections::HashMap;

use serde::Serialize;

use super::text::fold;

/// One line of the table; `commune` empty means every commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    pub field: String,
    pub commune: String,
    pub agency: String,
}

/// The other lines of `field` for the same commune as `commune`, spelled otherwise (typed
/// before routes took the agency list's spelling): a new line for that commune replaces
/// them too.
pub fn other_spellings<'r>(routes: &'r [Route], field: &str, commune: &str) -> Vec<&'r Route> {
    let folded = fold(commune.trim());
    routes
        .iter()
        .filter(|r| {
            r.field == field
                && r.commune != commune
                && !r.commune.is_empty()
                && fold(r.commune.trim()) == folded
        })
        .collect()
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

/// The communes the province has: the names of its commune-level agencies without the
/// "UBND " (people's committee) they are listed under, compared folded.
#[derive(Debug, Clone, Default)]
pub struct Communes(HashMap<String, String>);

impl Communes {
    /// From the names of the commune-level agencies ("UBND phường An Xuyên"). A commune is
    /// spelt with a capital on its own ("Phường An Xuyên"), as the app sends it; after
    /// "UBND" its kind takes none (Decree 30/2020/NĐ-CP, Appendix II).
    pub fn from_agency_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Communes {
        Communes(
            names
                .into_iter()
                .map(|name| {
                    let commune = commune_of(name);
                    let mut chars = commune.chars();
                    let spelt: String = chars
                        .next()
                        .map(|first| first.to_uppercase().chain(chars).collect())
                        .unwrap_or_default();
                    (fold(commune), spelt)
                })
                .collect(),
        )
    }

    /// No commune known (no commune-level agency loaded): nothing can be told unknown.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `commune` names one of them, whatever its case and diacritics.
    pub fn knows(&self, commune: &str) -> bool {
        self.0.contains_key(&fold(commune.trim()))
    }

    /// The commune as the agency list spells it, whatever the case and diacritics typed:
    /// a route stored under one spelling, so that a later line for the same commune
    /// replaces it instead of standing beside it.
    pub fn spelled(&self, commune: &str) -> Option<&str> {
        self.0.get(&fold(commune.trim())).map(String::as_str)
    }
}

/// The commune a commune-level agency is named after: its name without the "UBND "
/// (people's committee) it is listed under.
pub fn commune_of(agency_name: &str) -> &str {
    let name = agency_name.trim();
    match name.get(..5) {
        Some(head) if head.eq_ignore_ascii_case("UBND ") => &name[5..],
        _ => name,
    }
}

/// The words of an agency's name that say only what kind of body it is, not which one.
const KIND_WORDS: [&str; 3] = ["ubnd", "phuong", "xa"];

/// A name folded (`text::fold`) without `KIND_WORDS`: "UBND phường An Xuyên" and "an xuyen"
/// both read "an xuyen".
fn name_key(name: &str) -> String {
    fold(name)
        .split(|c: char| !crate::domain::text::is_alphanumeric(c))
        .filter(|w| !w.is_empty() && !KIND_WORDS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The agencies of `agencies` (code, name) whose name an operator typed where a code was
/// asked for (`assign 7 --agency "An Xuyên"`): operators know communes by name, not by the
/// five-digit code of `agency list`'s ninety rows. The name matches whatever the case and
/// diacritics and without "UBND", "phường", "xã"; when no name is matched whole, those that
/// hold the words typed in sequence ("Xây dựng": "Sở Xây dựng"). In the order given.
pub fn agencies_named<'a>(typed: &str, agencies: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let typed = name_key(typed);
    if typed.is_empty() {
        return Vec::new();
    }
    let keys: Vec<String> = agencies.iter().map(|(_, name)| name_key(name)).collect();
    let pick = |hit: &dyn Fn(&str) -> bool| -> Vec<(&'a str, &'a str)> {
        agencies
            .iter()
            .zip(&keys)
            .filter(|(_, key)| hit(key))
            .map(|(agency, _)| *agency)
            .collect()
    };
    let whole = pick(&|key| key == typed);
    if !whole.is_empty() {
        return whole;
    }
    pick(&|key| crate::domain::text::contains_folded(key, &typed))
}

/// Whether two reports name the same commune, whatever the case, diacritics and spacing
/// ("phuong an xuyen" is "Phường An Xuyên"): a report merged into another (`duplicate`) is
/// about the same place, so a merge across communes is likely a mistyped number. None when
/// either names none (a report placed by its coordinates alone): nothing to compare.
pub fn same_commune(a: &str, b: &str) -> Option<bool> {
    let (a, b) = (fold(a.trim()), fold(b.trim()));
    (!a.is_empty() && !b.is_empty()).then(|| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agency_is_found_by_its_name_without_its_kind_words() {
        let agencies = [
            ("32002", "UBND phường An Xuyên"),
            ("32010", "UBND xã An Xuyên"),
            ("32005", "UBND phường Tân Thành"),
            ("SXD", "Sở Xây dựng"),
        ];
        assert_eq!(
            agencies_named("tan thanh", &agencies),
            [("32005", "UBND phường Tân Thành")]
        );
        assert_eq!(
            agencies_named("Phường TÂN THÀNH", &agencies),
            [("32005", "UBND phường Tân Thành")]
        );
        assert_eq!(agencies_named("An Xuyên", &agencies).len(), 2);
        assert_eq!(
            agencies_named("xây dựng", &agencies),
            [("SXD", "Sở Xây dựng")]
        );
        assert!(agencies_named("UBND phường", &agencies).is_empty());
        assert!(agencies_named("Xuy", &agencies).is_empty());
        assert!(agencies_named("SXDD", &agencies).is_empty());
    }

    #[test]
    fn the_same_commune_whatever_its_spelling_and_none_when_one_is_missing() {
        assert_eq!(
            same_commune("Phường An Xuyên", " phuong  AN xuyen "),
            Some(true)
        );
        assert_eq!(same_commune("Phường An Xuyên", "Xã Trần Phán"), Some(false));
        assert_eq!(same_commune("Phường 5", "Phường 6"), Some(false));
        assert_eq!(same_commune("", "Xã Trần Phán"), None);
        assert_eq!(same_commune("Phường An Xuyên", "  "), None);
    }

    #[test]
    fn other_spellings_are_the_same_commune_of_the_same_field_only() {
        let table = [
            route("TTDT", "phuong an xuyen", "SXD"),
            route("TTDT", "Phường An Xuyên", "32002"),
            route("TTDT", "", "SXD"),
            route("GT", "PHƯỜNG AN XUYÊN", "SGT"),
            route("TTDT", "Phường Tân Thành", "32003"),
        ];
        let others = other_spellings(&table, "TTDT", "Phường An Xuyên");
        assert_eq!(others, [&table[0]]);
        let communes = Communes::from_agency_names(["UBND phường An Xuyên"]);
        assert_eq!(communes.spelled("phuong AN xuyen"), Some("Phường An Xuyên"));
        assert_eq!(communes.spelled("Phường 5"), None);
    }

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

    #[test]
    fn communes_are_the_commune_agencies_names_and_nothing_near_them() {
        let communes =
            Communes::from_agency_names(["UBND phường An Xuyên", "UBND xã Tân Thành", "Xã Đá Bạc"]);
        for known in [
            "Phường An Xuyên",
            "phuong an xuyen",
            " PHƯỜNG AN XUYÊN ",
            "Xã Đá Bạc",
        ] {
            assert!(communes.knows(known), "{known}");
        }
        for unknown in [
            "Phường 9",
            "Phường 5",
            "32002",
            "P. An Xuyên",
            "Phường An Xuyên, Cà Mau",
            "UBND Phường An Xuyên",
            "",
        ] {
            assert!(!communes.knows(unknown), "{unknown}");
        }
        assert!(Communes::default().is_empty());
    }
}
