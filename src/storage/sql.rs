//! How the domain's stored enums cross into SQLite: each is written as its name and read
//! back through its parser, so an unknown name in the file is an error naming the column's
//! value, never a silent default. The domain compiles without rusqlite; these impls live
//! here.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::deadline::Stage;
use crate::domain::event::EventKind;
use crate::domain::report::Status;

/// An enum stored by name: `as_str` to write, `parse` to read.
macro_rules! stored_by_name {
    ($($ty:ty),*) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let name = value.as_str()?;
                <$ty>::parse(name).ok_or_else(|| {
                    FromSqlError::Other(
                        format!("\"{name}\" is not a known {}", stringify!($ty)).into(),
                    )
                })
            }
        }
    )*};
}

stored_by_name!(EventKind, Status, Stage);

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;

    fn round_trip<T: ToSql + FromSql + PartialEq + std::fmt::Debug>(value: T, name: &str) {
        let conn = Connection::open_in_memory().unwrap();
        let (stored, back): (String, T) = conn
            .query_row("SELECT ?1, ?1", [&value], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!((stored.as_str(), &back), (name, &value));
    }

    #[test]
    fn every_stored_enum_is_written_as_its_name_and_read_back() {
        for kind in EventKind::ALL {
            round_trip(kind, kind.as_str());
        }
        for status in Status::ALL {
            round_trip(status, status.as_str());
        }
        for stage in Stage::ALL {
            round_trip(stage, stage.as_str());
        }
    }

    #[test]
    fn an_unknown_name_is_an_error_that_quotes_it() {
        let conn = Connection::open_in_memory().unwrap();
        let err = conn
            .query_row("SELECT 'approve'", [], |r| r.get::<_, EventKind>(0))
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("\"approve\" is not a known EventKind"),
            "{err}"
        );
    }
}
