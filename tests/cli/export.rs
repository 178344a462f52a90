//! `export` and Open311 ingest: to be written.

use crate::common::*;
