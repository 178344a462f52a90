//! What `audit late` prints: each late step of a period, as the periodic report's late list
//! (section 6.1) counts it, with the account whose event stopped the clock, or "chưa ai xử
//! lý" for a step still open past its deadline; and its refusal of a period it cannot read.

use serde::Serialize;

use super::Listing;
use crate::domain::deadline::{Distance, Rule, Stage};
use crate::domain::periodic::Case;
use crate::i18n::{Bilingual, Lang, Localized};

/// One late step and who made it late.
#[derive(Debug, Serialize)]
pub struct LateStep {
    pub report_id: i64,
    pub external_id: String,
    pub stage: Option<Stage>,
    pub round: Option<i64>,
    /// The agency the clock ran against; none for the portal's own stages.
    pub agency: Option<String>,
    pub due_at: Option<String>,
    /// When the clock stopped; none for a step still open.
    pub done_at: Option<String>,
    pub overrun_minutes: Option<i64>,
    pub overrun_counted_minutes: Option<i64>,
    pub overrun_rule: Option<Rule>,
    /// The account whose event stopped the clock, and that event; none while it is open.
    pub stopped_by: Option<String>,
    pub stop_event: Option<i64>,
    /// Working seconds in a working day of the report's calendar: what a working-time
    /// overrun is said in days of (`duration::overrun`).
    #[serde(skip)]
    pub working_day: u32,
}

impl LateStep {
    /// The case of the report's late list, and the event that stopped its clock (id, time,
    /// account), if one did.
    pub fn of(case: &Case, by: Option<(i64, String, String)>, working_day: u32) -> LateStep {
        let (stop_event, stopped_by) = match by {
            Some((event, _, account)) => (Some(event), Some(account)),
            None => (None, None),
        };
        LateStep {
            report_id: case.report_id,
            external_id: case.external_id.clone(),
            stage: case.stage,
            round: case.round,
            agency: case.agency.clone().filter(|a| !a.is_empty()),
            due_at: case.due_at.clone(),
            done_at: case.done_at.clone(),
            overrun_minutes: case.overrun_minutes,
            overrun_counted_minutes: case.overrun_counted_minutes,
            overrun_rule: case.overrun_rule,
            stopped_by,
            stop_event,
            working_day,
        }
    }

    /// How late, in the words the report uses: working time for a clock counted in working
    /// hours, clock time otherwise (docs/rules.md §3).
    fn overrun(&self, lang: Lang) -> String {
        match (self.overrun_counted_minutes, self.overrun_rule) {
            (Some(minutes), Some(rule)) => super::duration::overrun(
                Distance {
                    seconds: minutes * 60,
                    past: true,
                    rule,
                    working_day: self.working_day,
                },
                lang,
            ),
            _ => self
                .overrun_minutes
                .map(|m| super::duration::signed(m, lang))
                .unwrap_or_default(),
        }
    }

    fn account(&self, lang: Lang) -> String {
        self.stopped_by
            .clone()
            .unwrap_or_else(|| lang.pick("chưa ai xử lý", "nobody yet").to_owned())
    }
}

impl Listing for LateStep {
    const KEYS: &'static [&'static str] = &[
        "report_id",
        "external_id",
        "stage",
        "round",
        "agency",
        "due_at",
        "done_at",
        "overrun_minutes",
        "overrun_counted_minutes",
        "overrun_rule",
        "stopped_by",
        "stop_event",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Phản ánh",
                "Mã ứng dụng",
                "Bước",
                "Lượt",
                "Cơ quan",
                "Hạn",
                "Xong lúc",
                "Trễ",
                "Tài khoản",
                "Sự kiện",
            ],
            vec![
                "Report", "App id", "Stage", "Round", "Agency", "Due", "Done at", "Late by",
                "Account", "Event",
            ],
        )
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let when = |t: &Option<String>| {
            t.as_deref()
                .map(|t| super::layout::when(t, lang))
                .unwrap_or_default()
        };
        vec![
            self.report_id.to_string(),
            self.external_id.clone(),
            self.stage
                .map(|s| s.text(lang).into_owned())
                .unwrap_or_default(),
            self.round.map(|r| r.to_string()).unwrap_or_default(),
            self.agency
                .clone()
                .unwrap_or_else(|| super::portal_desk_short(lang)),
            when(&self.due_at),
            when(&self.done_at),
            self.overrun(lang),
            self.account(lang),
            self.stop_event.map(|e| e.to_string()).unwrap_or_default(),
        ]
    }

    fn excel_heads(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Phản ánh",
                "Mã ứng dụng",
                "Bước",
                "Lượt",
                "Cơ quan",
                "Hạn",
                "Xong lúc",
                "Trễ (phút)",
                "Trễ (phút tính hạn)",
                "Cách tính",
                "Tài khoản",
                "Sự kiện",
            ],
            vec![
                "Report",
                "App id",
                "Stage",
                "Round",
                "Agency",
                "Due",
                "Done at",
                "Late (minutes)",
                "Late (counted minutes)",
                "Counted in",
                "Account",
                "Event",
            ],
        )
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        match key {
            "stage" => self.stage.map(|s| s.text(lang).into_owned()),
            "stopped_by" => Some(self.account(lang)),
            _ => None,
        }
    }

    /// The app id, the event and the round go first on a narrow screen.
    fn drop_order() -> Vec<usize> {
        vec![1, 9, 3, 6]
    }
}

/// No late step in the period, said as such.
pub fn none(period: &str) -> Localized {
    Localized::new(
        format!("Không có bước nào trễ hạn trong kỳ {period}."),
        format!("No late step in {period}."),
    )
}

/// A period `audit late` cannot read.
pub fn invalid_period(text: &str) -> Localized {
    Localized::new(
        format!(
            "Kỳ {text:?} không hợp lệ: dùng 2026-07 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng) hoặc 2026 (năm), như lệnh `report`."
        ),
        format!(
            "the period {text:?} is not valid: use 2026-07 (month), 2026-Q3 (quarter), 2026-H1 (half-year) or 2026 (year), as `report` does"
        ),
    )
}
