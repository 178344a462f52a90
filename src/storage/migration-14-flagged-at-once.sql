-- phananh schema: migration 14 — an urgent report's clock flagged at once.
--
-- The sweep reminded of a clock when it came due soon and when it was overdue; an urgent
-- report's was flagged for the agency's leader only 30 minutes before its deadline, four
-- working hours after it was assigned. Đ7.2 asks the portal to contact that leader at once
-- ("chủ động liên hệ ngay"), and since this version the first sweep after an urgent
-- report's clock starts records a `remind` event at the threshold `at_once`, kept as the
-- clock's third mark (docs/rules.md §4). An older phananh would take that reminder for the
-- due-soon one, and is refused the file by its version.
ALTER TABLE clocks ADD COLUMN reminded_at_once INTEGER REFERENCES events (id);
