//! The tables the audit chain seals row by row (docs/rules.md §2; `domain::tables`): which
//! they are, their keys and columns, and reading their rows as the digests a change event
//! seals and `audit verify` compares. A new table that decides who may act or what is
//! counted is one entry in [`TABLES`], and each change to it names the rows it wrote
//! (`app::Context::note_rows`).

use std::collections::BTreeMap;

use anyhow::Result;
use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde_json::Value;

use crate::domain::report::hex;
use crate::domain::tables::{Image, SealedRow, row_digest};

/// One sealed table: its name, the columns of its primary key, and every column (the key's
/// first), in the order the digest covers them.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    key: &'static [&'static str],
    columns: &'static [&'static str],
    /// How many of the last columns were added after rows of the table were first sealed:
    /// NULLs at the end of a row among them are left out of its digest, so a row sealed
    /// before they existed still matches its seal.
    added: usize,
}

/// Every table that decides who may act or what is counted, in the order `audit verify`
/// checks them. Clocks are not here: they are rebuilt from the log and the calendar.
pub const TABLES: &[Table] = &[
    Table {
        name: "staff",
        key: &["username"],
        columns: &["username", "name", "role", "agency", "active"],
        added: 0,
    },
    Table {
        name: "staff_logins",
        key: &["username", "login"],
        columns: &["username", "login"],
        added: 0,
    },
    Table {
        name: "agencies",
        key: &["code"],
        columns: &[
            "code",
            "name",
            "level",
            "parent",
            "active_from",
            "active_until",
        ],
        added: 2,
    },
    Table {
        name: "fields",
        key: &["code"],
        columns: &["code", "name", "keywords"],
        added: 0,
    },
    Table {
        name: "routes",
        key: &["field", "commune"],
        columns: &["field", "commune", "agency"],
        added: 0,
    },
    Table {
        name: "service_codes",
        key: &["service_code"],
        columns: &["service_code", "field", "name"],
        added: 0,
    },
    Table {
        name: "settings",
        key: &["key"],
        columns: &["key", "value"],
        added: 0,
    },
    Table {
        name: "calendar_days",
        key: &["date"],
        columns: &["date", "entry", "name", "source"],
        added: 0,
    },
];

/// Whether the database has a table `name` (a backup from an older schema may lack one
/// until it is migrated).
pub fn exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [name],
        |r| r.get(0),
    )?)
}

/// The digest of a row of `table` read as `values`: trailing NULLs of the columns added
/// later are left out (`Table::added`).
fn digest_of(table: &Table, mut values: Vec<Value>) -> String {
    let first_added = table.columns.len() - table.added;
    while values.len() > first_added && values.last() == Some(&Value::Null) {
        values.pop();
    }
    row_digest(&values)
}

/// The table named `name`, if it is sealed.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

fn json_of(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(format!("x'{}'", hex(b))),
    }
}

/// A key value as text: text as it is, anything else as its JSON.
fn key_of(value: ValueRef<'_>) -> String {
    match json_of(value) {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// Every row of `table`: key → digest.
pub fn rows(conn: &Connection, table: &Table) -> Result<BTreeMap<Vec<String>, String>> {
    let sql = format!("SELECT {} FROM {}", table.columns.join(", "), table.name);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut all = BTreeMap::new();
    while let Some(row) = rows.next()? {
        let values = (0..table.columns.len())
            .map(|i| row.get_ref(i).map(json_of))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let key = (0..table.key.len())
            .map(|i| row.get_ref(i).map(key_of))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        all.insert(key, digest_of(table, values));
    }
    Ok(all)
}

/// The digest of the row of `table` with `key`, or None when there is none.
fn row(conn: &Connection, table: &Table, key: &[String]) -> Result<Option<String>> {
    let matches: Vec<String> = table
        .key
        .iter()
        .enumerate()
        .map(|(i, column)| format!("{column} = ?{}", i + 1))
        .collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE {}",
        table.columns.join(", "),
        table.name,
        matches.join(" AND ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(key))?;
    let Some(found) = rows.next()? else {
        return Ok(None);
    };
    let values = (0..table.columns.len())
        .map(|i| found.get_ref(i).map(json_of))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(digest_of(table, values)))
}

/// The digest of the row of `table` with `key` as it now stands, or None when there is none.
pub fn current(conn: &Connection, table: &Table, key: &[String]) -> Result<Option<String>> {
    row(conn, table, key)
}

/// The last event that sealed the row of `table` with `key`, with the digest it sealed
/// (None: removed); None when no event sealed it (a database from before sealing). Walks
/// the change events newest first: for a command about to change one row, not for a bulk
/// import.
pub fn last_sealed(
    conn: &Connection,
    table: &Table,
    key: &[String],
) -> Result<Option<(i64, Option<String>)>> {
    // Only changes to the sealed tables carry an image, and they are about no report.
    let mut stmt = conn.prepare(
        "SELECT id, payload FROM events
         WHERE report_id IS NULL AND instr(payload, '\"sealed\"') > 0 ORDER BY id DESC",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let payload: String = r.get(1)?;
        if let Some(digest) = Image::of_payload(&payload)
            .and_then(|image| image.sealed(table.name, key).map(|d| d.map(str::to_owned)))
        {
            return Ok(Some((r.get(0)?, digest)));
        }
    }
    Ok(None)
}

/// What a change seals: every row of the `whole` tables, then the rows `touched` as they
/// now are (a row gone is sealed as removed). Read inside the change's transaction, after
/// the change.
pub fn image(
    conn: &Connection,
    whole: &[&'static Table],
    touched: &[(&'static Table, Vec<String>)],
) -> Result<Image> {
    let mut image = Image::default();
    for table in whole {
        image.whole.push(table.name.to_owned());
        for (key, digest) in rows(conn, table)? {
            image.rows.push(SealedRow {
                table: table.name.to_owned(),
                key,
                digest: Some(digest),
            });
        }
    }
    for (table, key) in touched {
        image.rows.push(SealedRow {
            table: table.name.to_owned(),
            key: key.clone(),
            digest: row(conn, table, key)?,
        });
    }
    Ok(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sealed_table_and_column_exists_and_the_key_comes_first() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::storage::migrations::migrate(&mut conn).unwrap();
        for table in TABLES {
            assert_eq!(
                table.columns[..table.key.len()],
                *table.key,
                "{}",
                table.name
            );
            let declared: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    table.name
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            // Every column is covered: a column left out could be edited unseen.
            let mut covered: Vec<String> = table.columns.iter().map(|c| (*c).to_owned()).collect();
            let mut declared_sorted = declared.clone();
            covered.sort();
            declared_sorted.sort();
            assert_eq!(covered, declared_sorted, "{}", table.name);
        }
    }

    #[test]
    fn a_touched_row_is_sealed_as_it_stands_and_a_missing_one_as_removed() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::storage::migrations::migrate(&mut conn).unwrap();
        conn.execute("INSERT INTO settings (key, value) VALUES ('a', '1')", [])
            .unwrap();
        let settings = table("settings").unwrap();
        let image = image(
            &conn,
            &[],
            &[(settings, vec!["a".into()]), (settings, vec!["b".into()])],
        )
        .unwrap();
        assert_eq!(
            image.rows[0].digest.as_deref(),
            Some(row_digest(&[Value::from("a"), Value::from("1")]).as_str())
        );
        assert_eq!(image.rows[1].digest, None);
        let whole = super::image(&conn, &[settings], &[]).unwrap();
        assert_eq!(whole.whole, ["settings"]);
        assert_eq!(whole.rows.len(), 1);
        assert_eq!(rows(&conn, settings).unwrap().len(), 1);
    }

    /// The agencies' days in operation came after their rows were sealed (migration 12): a
    /// row without them digests as it did before, so every seal of a database in the field
    /// still holds; a row with them does not.
    #[test]
    fn a_row_without_the_columns_added_later_keeps_its_old_digest() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::storage::migrations::migrate(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO agencies (code, name, level, parent) VALUES ('SXD', 'Sở Xây dựng', 'province', NULL)",
            [],
        )
        .unwrap();
        let agencies = table("agencies").unwrap();
        let key = vec!["SXD".to_owned()];
        let before = row_digest(&[
            Value::from("SXD"),
            Value::from("Sở Xây dựng"),
            Value::from("province"),
            Value::Null,
        ]);
        assert_eq!(
            current(&conn, agencies, &key).unwrap(),
            Some(before.clone())
        );
        assert_eq!(rows(&conn, agencies).unwrap()[&key], before);
        conn.execute(
            "UPDATE agencies SET active_until = '2025-06-30' WHERE code = 'SXD'",
            [],
        )
        .unwrap();
        assert_ne!(current(&conn, agencies, &key).unwrap(), Some(before));
    }
}
