-- phananh schema: migration 12 — the days an agency was in operation.
--
-- A score or report of a past period listed every agency of the reference data: the nine
-- district-level committees abolished on 1 July 2025 in a 2026 file, an agency set up in
-- July in the first half-year's, each read as "no case in the period". `active_from` and
-- `active_until` (first and last day, `YYYY-MM-DD`, both inclusive; NULL: no bound) let a
-- period leave out the agencies not in operation in any part of it and mark those in
-- operation for only part of it (docs/rules.md §5). Both NULL on the rows already there:
-- the audit chain sealed them without these columns, and a NULL at the end of a row is
-- left out of its digest (`storage::sealed`), so their seals still hold.
ALTER TABLE agencies ADD COLUMN active_from TEXT
    CHECK (active_from IS NULL OR active_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE agencies ADD COLUMN active_until TEXT
    CHECK (active_until IS NULL OR (active_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
        AND (active_from IS NULL OR active_from <= active_until)));
