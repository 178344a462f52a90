//! `settings show|set`: the [choice] readings of the regulation that docs/rules.md (Settings)
//! leaves to the province, each with its default and what it means. Checking a value and
//! storing it with its event are `app::settings`'s; this lists and says what was set.

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;

use crate::app::Context;
use crate::app::settings::{self, KNOWN};
use crate::domain::access::Operation;
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::output::{Listing, render};

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Every setting with its value, default and meaning.
    #[command(after_help = "Example:\n  phananh --as admin settings show --lang en")]
    Show,
    /// Change a setting (admin only); `settings show` lists the keys.
    #[command(
        after_help = "Example:\n  phananh --as admin settings set deadline.off_hours day_off"
    )]
    Set {
        /// The setting's key (see `phananh settings show`).
        key: String,
        /// The new value.
        value: String,
        /// Confirm a retention period (privacy.erase_after_days) under which the next sweep
        /// would erase identities; without it such a value is refused, saying how many.
        #[arg(long)]
        yes: bool,
    },
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
        lang.pick(
            vec!["Khóa", "Giá trị", "Mặc định", "Ý nghĩa"],
            vec!["Key", "Value", "Default", "Meaning"],
        )
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
    let conn = match cmd {
        SettingsCommand::Show => ctx.open_read()?,
        SettingsCommand::Set { .. } => ctx.open()?,
    };
    let actor = ctx.actor(&conn)?;
    match cmd {
        SettingsCommand::Show => {
            ctx.authorize(&conn, &actor, Operation::Read, None)?;
            let rows = KNOWN
                .iter()
                .map(|k| {
                    Ok(SettingRow {
                        key: k.key.to_owned(),
                        value: settings::text(&conn, k.key)?,
                        default: k.default.to_owned(),
                        meaning: k.text(ctx.lang).into_owned(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            render(&mut std::io::stdout().lock(), &rows, ctx.format, ctx.lang)?;
            // A row deleted with `sqlite3` shows as its default, and one changed as the new
            // value: both as if set, unless said (the sweep acts on them).
            let keys: Vec<&str> = KNOWN.iter().map(|k| k.key).collect();
            for problem in crate::app::audit::unvouched_setting_rows(&conn, &keys)? {
                let notice = crate::output::settings::unvouched_row(&problem);
                ctx.status(&notice.vi, &notice.en);
            }
        }
        SettingsCommand::Set { key, value, yes } => {
            ctx.authorize(&conn, &actor, Operation::ManageReference, None)?;
            let changed = crate::app::configure::set(ctx, &conn, &actor, &key, &value, yes)?;
            let notice = crate::output::settings::set(&changed.key, &changed.stored);
            ctx.status(&notice.vi, &notice.en);
            if let Some(notice) = changed.replaced_notice() {
                ctx.status(&notice.vi, &notice.en);
            }
            if let Some(retention) = &changed.retention {
                let said = retention.said();
                ctx.status(&said.vi, &said.en);
            }
            if let Some(notice) = crate::output::deadlines::made_overdue(&changed.made_overdue) {
                ctx.status(&notice.vi, &notice.en);
            }
            if let Some(notice) = crate::output::deadlines::cleared(
                &changed.cleared_overdue,
                crate::output::deadlines::ClearedBy::Operator,
            ) {
                ctx.status(&notice.vi, &notice.en);
            }
        }
    }
    Ok(crate::exit::OK)
}
