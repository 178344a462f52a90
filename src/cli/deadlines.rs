//! The deadline machinery as the commands see it: the calendar and limits in force in a
//! database (shipped schedules, the operator's days, settings), and recomputing open clocks
//! after any of them changes.

use anyhow::{Context as _, Result};
use rusqlite::Connection;

use super::settings;
use crate::domain::calendar::{
    ANNOUNCED, Calendar, CalendarInputs, NationalDayExtra, WorkingHours, parse_schedule,
};
use crate::domain::deadline::Policy;
use crate::storage::clocks;

/// The calendar and limits in force.
pub struct Deadlines {
    pub calendar: Calendar,
    pub policy: Policy,
}

impl Deadlines {
    pub fn load(conn: &Connection) -> Result<Deadlines> {
        let inputs = CalendarInputs {
            // Checked whole by a unit test; a failure here is a broken build, not bad input.
            announced: parse_schedule(ANNOUNCED)
                .map_err(|e| anyhow::anyhow!("the shipped schedule is unreadable: {e:?}"))?,
            overrides: clocks::calendar_days(conn)?,
            hours: WorkingHours::parse(&settings::text(conn, "calendar.working_hours")?)
                .context("calendar.working_hours holds an unreadable value")?,
            national_day_extra: NationalDayExtra::parse(&settings::text(
                conn,
                "calendar.national_day_extra",
            )?)
            .context("calendar.national_day_extra holds an unknown value")?,
        };
        Ok(Deadlines {
            calendar: Calendar::new(&inputs),
            policy: settings::policy(conn)?,
        })
    }

    pub fn keeper<'c>(&'c self, conn: &'c Connection) -> Result<clocks::Keeper<'c>> {
        clocks::Keeper::new(conn, &self.calendar, &self.policy)
    }
}

/// Recomputes every open clock under what is now in force, inside the caller's transaction.
/// Returns how many deadlines changed.
pub fn recompute_open(conn: &Connection) -> Result<u64> {
    let deadlines = Deadlines::load(conn)?;
    clocks::recompute(conn, &deadlines.calendar, &deadlines.policy)
}
