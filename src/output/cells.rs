//! A listing row's CSV cells straight from its `Serialize`, without building a JSON value per
//! row: each field of a flat struct becomes the text `scalar` would make of it (a string as
//! it is, nothing for null, anything else as compact JSON), marked as a number when it is
//! one (the Excel style writes those with a decimal comma). Building and searching one JSON
//! map per row was a fifth of a first sweep's own time. Whatever is not a plain field value
//! (a list, a nested object) still goes through `serde_json`, so every cell reads exactly as
//! before.

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeStruct, Serializer};

use super::CsvCell;

/// The row's fields in declaration order, each with its cell; `None` when the row is not a
/// struct (the caller then takes the JSON road).
pub fn fields<T: Serialize + ?Sized>(row: &T) -> Option<Vec<(&'static str, CsvCell)>> {
    row.serialize(Row(Vec::new())).ok()
}

#[derive(Debug)]
pub struct NotFlat;

impl std::fmt::Display for NotFlat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a flat row")
    }
}

impl std::error::Error for NotFlat {}

impl ser::Error for NotFlat {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotFlat
    }
}

struct Row(Vec<(&'static str, CsvCell)>);

impl SerializeStruct for Row {
    type Ok = Vec<(&'static str, CsvCell)>;
    type Error = NotFlat;

    fn serialize_field<V: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), NotFlat> {
        let cell = match value.serialize(Cell) {
            Ok(cell) => cell,
            Err(NotFlat) => CsvCell::of(&serde_json::to_value(value).map_err(|_| NotFlat)?),
        };
        self.0.push((key, cell.keyed(key)));
        Ok(())
    }

    fn end(self) -> Result<Self::Ok, NotFlat> {
        Ok(self.0)
    }
}

/// Methods that refuse what they are given: a row is a struct, and a cell is a plain value
/// (anything else takes the JSON road).
macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, NotFlat> {
            Err(NotFlat)
        })*
    };
}

/// Bytes, sequences, maps and the variants with fields: neither a row nor a cell.
macro_rules! refuse_compound {
    () => {
        refuse! {
            serialize_bytes(&[u8]) -> Self::Ok;
            serialize_seq(Option<usize>) -> Self::SerializeSeq;
            serialize_tuple(usize) -> Self::SerializeTuple;
            serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
            serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
            serialize_map(Option<usize>) -> Self::SerializeMap;
            serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
        }
        // Generic, so `refuse!` cannot write it.
        fn serialize_newtype_variant<V: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &V,
        ) -> Result<Self::Ok, NotFlat> {
            Err(NotFlat)
        }
    };
}

impl Serializer for Row {
    type Ok = Vec<(&'static str, CsvCell)>;
    type Error = NotFlat;
    type SerializeSeq = Impossible<Self::Ok, NotFlat>;
    type SerializeTuple = Impossible<Self::Ok, NotFlat>;
    type SerializeTupleStruct = Impossible<Self::Ok, NotFlat>;
    type SerializeTupleVariant = Impossible<Self::Ok, NotFlat>;
    type SerializeMap = Impossible<Self::Ok, NotFlat>;
    type SerializeStruct = Row;
    type SerializeStructVariant = Impossible<Self::Ok, NotFlat>;

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Row, NotFlat> {
        Ok(Row(Vec::with_capacity(len)))
    }

    refuse! {
        serialize_bool(bool) -> Self::Ok;
        serialize_i8(i8) -> Self::Ok;
        serialize_i16(i16) -> Self::Ok;
        serialize_i32(i32) -> Self::Ok;
        serialize_i64(i64) -> Self::Ok;
        serialize_u8(u8) -> Self::Ok;
        serialize_u16(u16) -> Self::Ok;
        serialize_u32(u32) -> Self::Ok;
        serialize_u64(u64) -> Self::Ok;
        serialize_f32(f32) -> Self::Ok;
        serialize_f64(f64) -> Self::Ok;
        serialize_char(char) -> Self::Ok;
        serialize_str(&str) -> Self::Ok;
        serialize_none() -> Self::Ok;
        serialize_unit() -> Self::Ok;
        serialize_unit_struct(&'static str) -> Self::Ok;
        serialize_unit_variant(&'static str, u32, &'static str) -> Self::Ok;
    }
    refuse_compound!();

    fn serialize_some<V: Serialize + ?Sized>(self, _: &V) -> Result<Self::Ok, NotFlat> {
        Err(NotFlat)
    }

    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &V,
    ) -> Result<Self::Ok, NotFlat> {
        Err(NotFlat)
    }
}

/// One field's value as its cell. Numbers and booleans take `serde_json`'s own text (a
/// scalar value is built without allocating); strings are copied once.
struct Cell;

fn json<V: Serialize>(value: V) -> Result<CsvCell, NotFlat> {
    Ok(CsvCell::of(
        &serde_json::to_value(value).map_err(|_| NotFlat)?,
    ))
}

fn text(text: String) -> Result<CsvCell, NotFlat> {
    Ok(CsvCell::Text(text))
}

impl Serializer for Cell {
    type Ok = CsvCell;
    type Error = NotFlat;
    type SerializeSeq = Impossible<CsvCell, NotFlat>;
    type SerializeTuple = Impossible<CsvCell, NotFlat>;
    type SerializeTupleStruct = Impossible<CsvCell, NotFlat>;
    type SerializeTupleVariant = Impossible<CsvCell, NotFlat>;
    type SerializeMap = Impossible<CsvCell, NotFlat>;
    type SerializeStruct = Impossible<CsvCell, NotFlat>;
    type SerializeStructVariant = Impossible<CsvCell, NotFlat>;

    fn serialize_bool(self, v: bool) -> Result<CsvCell, NotFlat> {
        json(v)
    }
    fn serialize_i8(self, v: i8) -> Result<CsvCell, NotFlat> {
        json(v)
    }
    fn serialize_i16(self, v: i16) -> Result<CsvCell, NotFlat> {
        json(v)
    }
    fn serialize_i32(self, v: i32) -> Result<CsvCell, NotFlat> {
        json(v)
    }
    fn serialize_i64(self, v: i64) -> Result<CsvCell, NotFlat> {
        json(v)
    }
    fn serialize_u8(self, v: u8) -> Result<CsvCell, NotFlat> {
        json(v)
    }
    fn serialize_u16(self, v: u16) -> Result<CsvCell, NotFlat> {
        json(v)
    }
    fn serialize_u32(self, v: u32) -> Result<CsvCell, NotFlat> {
        json(v)
    }
    fn serialize_u64(self, v: u64) -> Result<CsvCell, NotFlat> {
        json(v)
    }
    fn serialize_f32(self, v: f32) -> Result<CsvCell, NotFlat> {
        json(v)
    }
    fn serialize_f64(self, v: f64) -> Result<CsvCell, NotFlat> {
        json(v)
    }
    fn serialize_char(self, v: char) -> Result<CsvCell, NotFlat> {
        text(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<CsvCell, NotFlat> {
        text(v.to_owned())
    }
    fn serialize_none(self) -> Result<CsvCell, NotFlat> {
        text(String::new())
    }
    fn serialize_some<V: Serialize + ?Sized>(self, value: &V) -> Result<CsvCell, NotFlat> {
        value.serialize(Cell)
    }
    fn serialize_unit(self) -> Result<CsvCell, NotFlat> {
        text(String::new())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<CsvCell, NotFlat> {
        text(String::new())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<CsvCell, NotFlat> {
        text(variant.to_owned())
    }
    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<CsvCell, NotFlat> {
        value.serialize(Cell)
    }
    refuse! {
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
    }
    refuse_compound!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Serialize, Clone, Copy, Debug)]
    #[serde(rename_all = "snake_case")]
    enum Stage {
        Dispatch,
        ClosedPrivate,
    }

    #[derive(Serialize, Debug)]
    struct Inner {
        a: u8,
    }

    #[derive(Serialize, Debug)]
    struct Wrapped(i64);

    #[derive(Serialize, Debug)]
    struct Every {
        text: String,
        id: i64,
        count: u64,
        ratio: f64,
        small: f32,
        yes: bool,
        missing: Option<String>,
        present: Option<i64>,
        stage: Stage,
        list: Vec<String>,
        nested: Inner,
        wrapped: Wrapped,
        letter: char,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        #[serde(rename = "renamed_key")]
        renamed: &'static str,
    }

    /// The JSON road these cells replace: the row as a JSON object, each value through
    /// `scalar`, a number marked as one.
    fn through_json<T: Serialize>(row: &T) -> Vec<(String, CsvCell)> {
        let serde_json::Value::Object(map) = serde_json::to_value(row).unwrap() else {
            panic!("not an object");
        };
        map.iter()
            .map(|(k, v)| (k.clone(), CsvCell::of(v)))
            .collect()
    }

    fn direct<T: Serialize>(row: &T) -> Vec<(String, CsvCell)> {
        fields(row)
            .expect("a struct")
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect()
    }

    proptest! {
        #[test]
        fn cells_read_as_the_json_road_made_them(
            text in ".*",
            id in any::<i64>(),
            count in any::<u64>(),
            ratio in any::<f64>(),
            small in any::<f32>(),
            yes in any::<bool>(),
            missing in proptest::option::of(".*"),
            present in proptest::option::of(any::<i64>()),
            closed in any::<bool>(),
            list in proptest::collection::vec(".*", 0..3),
            letter in any::<char>(),
            skipped in proptest::option::of(any::<u8>()),
        ) {
            let row = Every {
                text,
                id,
                count,
                ratio,
                small,
                yes,
                missing,
                present,
                stage: if closed { Stage::ClosedPrivate } else { Stage::Dispatch },
                list,
                nested: Inner { a: 7 },
                wrapped: Wrapped(id),
                letter,
                skipped,
                renamed: "r",
            };
            prop_assert_eq!(direct(&row), through_json(&row));
        }
    }

    #[test]
    fn what_is_not_a_struct_takes_the_json_road() {
        assert!(fields(&vec![1, 2]).is_none());
        assert!(fields(&std::collections::BTreeMap::from([("a", 1)])).is_none());
        assert!(fields(&"text").is_none());
    }
}
