//! `settings show|set`: the [choice] readings of the regulation that SPEC.md leaves to the
//! province, each with its default and what it means. Only known keys with valid values are
//! stored, and every change is an event.

use anyhow::{Result, bail};
use clap::Subcommand;
use rusqlite::Connection;
use serde::Serialize;

use super::{Context, immediate};
use crate::Localized;
use crate::domain::access::Operation;
use crate::domain::validate::LanguageThresholds;
use crate::output::{Lang, Listing, render};
use crate::storage::{events, settings};

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Every setting with its value, default and meaning.
    Show,
    /// Change a setting (admin only); `settings show` lists the keys.
    Set { key: String, value: String },
}

/// A setting the tool knows: its key, default, allowed range and meaning.
pub struct Known {
    pub key: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    pub meaning_vi: &'static str,
    pub meaning_en: &'static str,
}

pub const KNOWN: &[Known] = &[
    Known {
        key: "validate.min_syllable_share",
        default: 0.6,
        min: 0.0,
        max: 1.0,
        meaning_vi: "Đ6.1 [lựa chọn]: tỷ lệ tối thiểu các từ có dạng âm tiết tiếng Việt",
        meaning_en: "Đ6.1 [choice]: least share of words shaped like Vietnamese syllables",
    },
    Known {
        key: "validate.min_marked_or_common_share",
        default: 0.3,
        min: 0.0,
        max: 1.0,
        meaning_vi: "Đ6.1 [lựa chọn]: tỷ lệ tối thiểu các từ có dấu tiếng Việt hoặc là từ thông dụng",
        meaning_en: "Đ6.1 [choice]: least share of words with Vietnamese diacritics or common Vietnamese words",
    },
    Known {
        key: "validate.max_foreign_letter_share",
        default: 0.2,
        min: 0.0,
        max: 1.0,
        meaning_vi: "Đ6.1 [lựa chọn]: tỷ lệ tối đa chữ cái thuộc hệ chữ khác (Hán, Khmer, …)",
        meaning_en: "Đ6.1 [choice]: largest share of letters from other scripts (Chinese, Khmer, …)",
    },
    Known {
        key: "classify.auto_min_score",
        default: 1.0,
        min: 1.0,
        max: 100.0,
        meaning_vi: "Điểm từ khóa tối thiểu để `classify --suggest --apply` tự phân loại",
        meaning_en: "Least keyword score for `classify --suggest --apply` to classify on its own",
    },
];

/// The value in force: stored, else the default.
pub fn value(conn: &Connection, key: &str) -> Result<f64> {
    let known = KNOWN
        .iter()
        .find(|k| k.key == key)
        .ok_or_else(|| anyhow::anyhow!("unknown setting {key}"))?;
    Ok(settings::get(conn, key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(known.default))
}

/// The language heuristic's thresholds as configured.
pub fn language_thresholds(conn: &Connection) -> Result<LanguageThresholds> {
    Ok(LanguageThresholds {
        min_syllable_share: value(conn, "validate.min_syllable_share")?,
        min_marked_or_common_share: value(conn, "validate.min_marked_or_common_share")?,
        max_foreign_letter_share: value(conn, "validate.max_foreign_letter_share")?,
        ..LanguageThresholds::default()
    })
}

#[derive(Debug, Serialize)]
pub struct SettingRow {
    pub key: String,
    pub value: String,
    pub default: String,
    pub meaning: String,
}

impl Listing for SettingRow {
    const KEYS: &'static [&'static str] = &["key", "value", "default", "meaning"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        match lang {
            Lang::Vi => vec!["Khóa", "Giá trị", "Mặc định", "Ý nghĩa"],
            Lang::En => vec!["Key", "Value", "Default", "Meaning"],
        }
    }
    fn cells(&self, _lang: Lang) -> Vec<String> {
        vec![
            self.key.clone(),
            self.value.clone(),
            self.default.clone(),
            self.meaning.clone(),
        ]
    }
}

pub fn cmd_settings(ctx: &Context, cmd: SettingsCommand) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    match cmd {
        SettingsCommand::Show => {
            ctx.authorize(&conn, &actor, Operation::Read, None)?;
            let rows = KNOWN
                .iter()
                .map(|k| {
                    Ok(SettingRow {
                        key: k.key.to_owned(),
                        value: value(&conn, k.key)?.to_string(),
                        default: k.default.to_string(),
                        meaning: ctx.t(k.meaning_vi, k.meaning_en).to_owned(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            render(&mut std::io::stdout().lock(), &rows, ctx.format, ctx.lang)?;
        }
        SettingsCommand::Set { key, value } => {
            ctx.authorize(&conn, &actor, Operation::ManageReference, None)?;
            let Some(known) = KNOWN.iter().find(|k| k.key == key) else {
                bail!(Localized::new(
                    format!("Không có thiết lập \"{key}\"; xem `phananh settings show`."),
                    format!("there is no setting \"{key}\"; see `phananh settings show`"),
                ));
            };
            let parsed: Option<f64> = value.trim().parse().ok();
            let Some(number) = parsed.filter(|v| (known.min..=known.max).contains(v)) else {
                bail!(Localized::new(
                    format!(
                        "{key} phải là số từ {} đến {}, không phải \"{value}\".",
                        known.min, known.max
                    ),
                    format!(
                        "{key} must be a number from {} to {}, not \"{value}\"",
                        known.min, known.max
                    ),
                ));
            };
            let tx = immediate(&conn)?;
            let before = settings::get(&tx, &key)?;
            settings::set(&tx, &key, &number.to_string())?;
            events::append(
                &tx,
                events::NewEvent {
                    report_id: None,
                    at: &ctx.now_text(),
                    actor: &actor.username,
                    action: "settings_set",
                    from_status: None,
                    to_status: None,
                    payload: serde_json::json!({ "key": key, "from": before, "to": number })
                        .to_string(),
                    report_hash: None,
                },
            )?;
            tx.commit()?;
            ctx.status(
                &format!("Đã đặt {key} = {number}."),
                &format!("{key} set to {number}"),
            );
        }
    }
    Ok(crate::exit::OK)
}
