-- phananh schema: migration 9 — the reports merged into another (`duplicate ID --of ID2`),
-- by the report they were merged into.
--
-- A report's texts may name the reporters merged into it, whom its result answers too, and
-- every view without identity rights hides them (`redact::Merged`): `show`, `audit log` of
-- one report, `verify --approve` and `publish` ask for the reports merged into one report,
-- listings and exports for all of them. Without an index each such look read the whole
-- reports table (some 2 KB a report); this one holds only the merged reports, few, and
-- costs an ingest nothing (a new report is merged into none).
CREATE INDEX reports_merged ON reports (duplicate_of) WHERE duplicate_of IS NOT NULL;
