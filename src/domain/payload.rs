//! Reading one attribute of an event's JSON payload without building the rest. A change of
//! settings or calendar lists every reminded open clock it moved (two lists of some 70,000
//! entries each over a large backlog, megabytes of JSON); read as `serde_json::Value` trees
//! where the walk needed one small attribute of it, such a payload took `audit verify` from
//! 14 to 106 MB (`memory::audit_verify_of_a_large_log_runs_in_flat_memory`).

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

/// The values of every attribute named `key` of the JSON object `payload`, in order, each
/// read by a seed made afresh by `seed`; every other attribute is skipped unbuilt. None when
/// `payload` is not one whole JSON object, or a value does not read. An attribute given
/// twice is read twice: a caller that reads the object as `serde_json` builds it takes the
/// last.
pub fn each_under<'de, S: DeserializeSeed<'de>>(
    payload: &'de str,
    key: &str,
    seed: impl FnMut() -> S,
) -> Option<Vec<S::Value>> {
    let mut json = serde_json::Deserializer::from_str(payload);
    let found = serde::Deserializer::deserialize_map(&mut json, Under { key, seed }).ok()?;
    json.end().ok()?;
    Some(found)
}

/// The last value under `key` of the JSON object `payload`, as `serde_json` reads it whole
/// and gets the attribute.
pub fn last_under(payload: &str, key: &str) -> Option<serde_json::Value> {
    each_under(
        payload,
        key,
        || std::marker::PhantomData::<serde_json::Value>,
    )?
    .pop()
}

struct Under<'k, F> {
    key: &'k str,
    seed: F,
}

impl<'de, S: DeserializeSeed<'de>, F: FnMut() -> S> Visitor<'de> for Under<'_, F> {
    type Value = Vec<S::Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = Vec::new();
        while let Some(name) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if name == self.key {
                found.push(map.next_value_seed((self.seed)())?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attribute as `serde_json` gives it from the whole tree, on objects and on what
    /// is none.
    #[test]
    fn the_last_value_under_a_key_is_the_one_the_whole_tree_holds() {
        for payload in [
            r#"{"sealed":{"rows":[1,2]},"cleared":[[9,"overdue"]]}"#,
            r#"{"a":{"sealed":1},"sealed":"x\"y","b":[{"sealed":2}]}"#,
            r#"{"sealed":1,"sealed":[2,3]}"#,
            r#"{"other":1}"#,
            r#"[{"sealed":1}]"#,
            r#""sealed""#,
            r#"{"sealed":1} and more"#,
            r#"{"sealed":1"#,
            r#"{"s\u0065aled":[4]}"#,
            "",
        ] {
            let whole = serde_json::from_str::<serde_json::Value>(payload)
                .ok()
                .and_then(|v| v.get("sealed").cloned());
            assert_eq!(last_under(payload, "sealed"), whole, "{payload}");
        }
    }
}
