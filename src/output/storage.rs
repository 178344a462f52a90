//! The words for what storage found that stops a command ([`Refusal`]): storage returns
//! the data, this words it in both languages, and `crate::exit` prints the one asked for.

use std::borrow::Cow;

use crate::i18n::{Bilingual, Lang};
use crate::storage::refusal::Refusal;

impl Bilingual for Refusal {
    fn vi(&self) -> Cow<'static, str> {
        worded(self, Lang::Vi).into()
    }

    fn en(&self) -> Cow<'static, str> {
        worded(self, Lang::En).into()
    }
}

/// English, as an error's `Display` is (for logs and `anyhow` chains).
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

fn worded(refusal: &Refusal, lang: Lang) -> String {
    match refusal {
        Refusal::EditedBehind { report, unheld } => {
            let rows = super::journal::left_out_rows(&[*report], unheld);
            let close = super::journal::edited_close();
            let (what_vi, what_en) = super::journal::not_to_seal(&[*report], unheld);
            lang.pick(
                format!(
                    "{}. Bước này không được ghi, {what_vi}. {}",
                    rows.vi, close.vi
                ),
                format!(
                    "{}. This step was not recorded, {what_en}. {}",
                    rows.en, close.en
                ),
            )
        }
    }
}
