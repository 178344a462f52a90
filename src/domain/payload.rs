//! Reading one attribute of an event's JSON payload without building the rest, and writing a
//! payload's long lists straight into its text ([`ObjectText`]). A change of settings or
//! calendar lists every reminded open clock it moved (two lists of some 70,000 entries each
//! over a large backlog, megabytes of JSON); read as `serde_json::Value` trees where the walk
//! needed one small attribute of it, such a payload took `audit verify` from 14 to 106 MB
//! (`memory::audit_verify_of_a_large_log_runs_in_flat_memory`).

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

/// The entries of the list that is the last value under `key` of the JSON object
/// `payload`, each read as a small JSON value and handed to `add` at once, then dropped:
/// the list is never built whole, so a change listing every late clock of a province costs
/// what `add` keeps of an entry. None when `payload` is not one whole JSON object, has no
/// `key`, or its last value there is not a list (which lists nothing).
pub fn last_list_under<A: Default>(
    payload: &str,
    key: &str,
    add: impl Fn(&mut A, serde_json::Value),
) -> Option<A> {
    each_under(payload, key, || Listed {
        add: &add,
        into: std::marker::PhantomData,
    })?
    .pop()?
}

/// Reads one value for [`last_list_under`]: a list an entry at a time into `A`, anything
/// else read past as nothing.
struct Listed<'f, A, F> {
    add: &'f F,
    into: std::marker::PhantomData<A>,
}

impl<'de, A: Default, F: Fn(&mut A, serde_json::Value)> DeserializeSeed<'de> for Listed<'_, A, F> {
    type Value = Option<A>;

    fn deserialize<D: serde::Deserializer<'de>>(self, json: D) -> Result<Self::Value, D::Error> {
        json.deserialize_any(self)
    }
}

impl<'de, A: Default, F: Fn(&mut A, serde_json::Value)> Visitor<'de> for Listed<'_, A, F> {
    type Value = Option<A>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<S: serde::de::SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut into = A::default();
        while let Some(entry) = seq.next_element::<serde_json::Value>()? {
            (self.add)(&mut into, entry);
        }
        Ok(Some(into))
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
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

/// A JSON object written as text a member at a time, byte for byte as `serde_json` writes
/// the `serde_json::Value` object with the same members in the same order (compact, in
/// insertion order): a list is written an entry at a time from an iterator, so the text is
/// the only whole copy of it. Built as a tree of values first, then written, the lists of a
/// change over a province's backlog took `settings set` to 99 MB and `calendar
/// add-holiday` to 201 MB
/// (`memory::a_change_of_the_limits_or_the_calendar_over_a_large_backlog_runs_in_flat_memory`).
pub struct ObjectText {
    sink: Sink,
}

/// Where an [`ObjectText`] goes: counted only, or written.
struct Sink {
    text: Vec<u8>,
    counting: bool,
    len: usize,
}

impl std::io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.len += bytes.len();
        if !self.counting {
            self.text.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl ObjectText {
    /// The text of the object `fill` writes. It is written twice, first counted, then into
    /// room made for exactly its bytes: grown as it is written, a text of megabytes is
    /// moved to twice its room at each step, each room left behind counted as resident
    /// beside the next, and SQLite's two copies of it as it is stored.
    pub fn written(
        fill: impl Fn(&mut ObjectText) -> serde_json::Result<()>,
    ) -> serde_json::Result<String> {
        let mut counted = ObjectText::started(Vec::new(), true);
        fill(&mut counted)?;
        let mut text = ObjectText::started(Vec::with_capacity(counted.sink.len + 1), false);
        fill(&mut text)?;
        text.sink.text.push(b'}');
        Ok(String::from_utf8(text.sink.text).expect("serde_json writes UTF-8"))
    }

    fn started(mut text: Vec<u8>, counting: bool) -> ObjectText {
        text.push(b'{');
        ObjectText {
            sink: Sink {
                text,
                counting,
                len: 1,
            },
        }
    }

    /// The object's members so far followed by `object`'s, in its order (a small head).
    pub fn members(&mut self, object: &serde_json::Value) -> serde_json::Result<()> {
        let Some(map) = object.as_object() else {
            return Err(serde::ser::Error::custom(
                "the payload is not a JSON object",
            ));
        };
        for (key, value) in map {
            self.member(key, value)?;
        }
        Ok(())
    }

    /// One member, `key` with `value`.
    pub fn member<T: serde::Serialize + ?Sized>(
        &mut self,
        key: &str,
        value: &T,
    ) -> serde_json::Result<()> {
        self.key(key)?;
        serde_json::to_writer(&mut self.sink, value)
    }

    /// One member, `key` with the list of `entries`, each written as it is yielded.
    pub fn list<T: serde::Serialize>(
        &mut self,
        key: &str,
        entries: impl IntoIterator<Item = T>,
    ) -> serde_json::Result<()> {
        self.key(key)?;
        self.raw(b"[")?;
        for (i, entry) in entries.into_iter().enumerate() {
            if i > 0 {
                self.raw(b",")?;
            }
            serde_json::to_writer(&mut self.sink, &entry)?;
        }
        self.raw(b"]")
    }

    fn key(&mut self, key: &str) -> serde_json::Result<()> {
        if self.sink.len > 1 {
            self.raw(b",")?;
        }
        serde_json::to_writer(&mut self.sink, key)?;
        self.raw(b":")
    }

    fn raw(&mut self, bytes: &[u8]) -> serde_json::Result<()> {
        std::io::Write::write_all(&mut self.sink, bytes).map_err(serde_json::Error::io)
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

    /// The entries of the last list under a key, a list's and nothing else's, as the whole
    /// tree holds them.
    #[test]
    fn the_last_list_under_a_key_is_read_an_entry_at_a_time_as_the_whole_tree_holds_it() {
        let numbers = |payload| {
            last_list_under(payload, "kept", |all: &mut Vec<i64>, entry| {
                all.extend(entry.as_i64());
            })
        };
        assert_eq!(
            numbers(r#"{"a":[9],"kept":[1,"x",2,[3]]}"#),
            Some(vec![1, 2])
        );
        assert_eq!(numbers(r#"{"kept":[1],"kept":[2,3]}"#), Some(vec![2, 3]));
        assert_eq!(numbers(r#"{"kept":[]}"#), Some(vec![]));
        for nothing in [
            r#"{"kept":[1],"kept":{"x":[2]}}"#,
            r#"{"kept":7}"#,
            r#"{"kept":"[1]"}"#,
            r#"{"kept":null}"#,
            r#"{"other":[1]}"#,
            r#"[{"kept":[1]}]"#,
            r#"{"kept":[1]"#,
            r#"{"kept":[1]} and more"#,
            "",
        ] {
            assert_eq!(numbers(nothing), None, "{nothing}");
        }
    }

    /// Written a member and an entry at a time, a payload is the text `serde_json` writes of
    /// the same object built whole: the sealed form older logs and `audit verify` read.
    #[test]
    fn an_object_written_a_member_at_a_time_is_the_one_serde_json_writes() {
        let head = serde_json::json!({"key": "a\"b", "from": null, "n": 3, "ids": [1, 2]});
        let text = ObjectText::written(|text| {
            text.members(&head)?;
            text.list("pairs", [(1, "overdue"), (2, "due_soon")])?;
            text.list("none", std::iter::empty::<i64>())?;
            text.member("tạm", &serde_json::json!({"x": [true]}))
        })
        .unwrap();
        let mut whole = head.clone();
        whole["pairs"] = serde_json::json!([[1, "overdue"], [2, "due_soon"]]);
        whole["none"] = serde_json::json!([]);
        whole["tạm"] = serde_json::json!({"x": [true]});
        assert_eq!(text, whole.to_string());
        assert_eq!(text.capacity(), text.len(), "written into room made for it");
        assert_eq!(ObjectText::written(|_| Ok(())).unwrap(), "{}");
    }
}
