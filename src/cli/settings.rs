//! `settings show|set`: the \[choice\] readings of the regulation that docs/rules.md (Settings)
//! leaves to the province, each with its default and what it means. Checking a value and
//! storing it with its event are `app::configure`'s, the table `output::settings`'s; this
//! hands over and says what was set.

use anyhow::Result;
use clap::Subcommand;

use crate::app::{Context, configure};
use crate::output::render;

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
        /// would erase identities, a switch of auth.mode from peer to trust, or a change of a
        /// limit the Decision sets (deadline.*.working_hours, deadline.*.day_off_hours, with
        /// --reason); without it such a value is refused, saying what it would do.
        #[arg(long)]
        yes: bool,
        /// Why a limit the Decision sets changes, citing the amending text (kept in the
        /// audit log; the reports and scores of a period with the change name it).
        #[arg(long)]
        reason: Option<String>,
        /// The reason read from a plain-text UTF-8 file (`-`: standard input), as
        /// --text-file reads a reply.
        #[arg(long, value_name = "FILE", conflicts_with = "reason")]
        reason_file: Option<std::path::PathBuf>,
    },
}

pub fn cmd_settings(ctx: &Context, cmd: SettingsCommand) -> Result<u8> {
    match cmd {
        SettingsCommand::Show => {
            let shown = configure::show(ctx)?;
            render(
                &mut std::io::stdout().lock(),
                &shown.rows,
                ctx.format,
                ctx.lang,
            )?;
            // A row deleted with `sqlite3` shows as its default, and one changed as the new
            // value: both as if set, unless said (the sweep acts on them). Said, and exit 5
            // as the reference lists do: a script or a leader reading the status alone was
            // told all was well
            // (`forged_events::settings_show_over_a_row_edited_with_sqlite3_names_it_and_fails`).
            for problem in &shown.unvouched {
                let notice = crate::output::settings::unvouched_row(problem);
                ctx.status(&notice.vi, &notice.en);
            }
            crate::output::reference::vouched(shown.unvouched.into_iter().next())?;
        }
        SettingsCommand::Set {
            key,
            value,
            yes,
            reason,
            reason_file,
        } => {
            let reason = super::reason_given(ctx, &reason, &reason_file)?;
            let changed = configure::change(ctx, &key, &value, yes, &reason)?;
            let notice = crate::output::settings::set(&changed.key, &changed.stored);
            ctx.status(&notice.vi, &notice.en);
            if let Some(notice) = changed.replaced_notice() {
                ctx.status(&notice.vi, &notice.en);
            }
            if let Some(notice) =
                crate::output::settings::still_the_portal(&changed.still_the_portal)
            {
                ctx.status(&notice.vi, &notice.en);
            }
            let unbound = crate::output::reference::unbound(
                &changed.unbound,
                crate::output::reference::Binding::Edit,
            );
            if let Some(notice) = unbound {
                ctx.status(&notice.vi, &notice.en);
            }
            if let Some(retention) = &changed.retention {
                let said = retention.said();
                ctx.status(&said.vi, &said.en);
            }
            if let Some(notice) = crate::output::deadlines::kept_overdue(&changed.kept_overdue) {
                ctx.status(&notice.vi, &notice.en);
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
