//! `backup` and `restore`: to be written.

use crate::common::*;
