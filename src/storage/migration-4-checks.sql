-- phananh schema: migration 4 — the same CHECK constraints, written so they cost nothing.
--
-- SQLite evaluates `x IN (list of more than two constants)` by building a temporary b-tree of
-- the list, and a CHECK runs that once for every row it checks: two temporary b-trees per
-- ingested report, about 5% of an ingest's instructions under callgrind. An OR chain of
-- equalities accepts and refuses exactly the same values (NULL included) with plain
-- comparisons.
--
-- The constraints change only in the stored CREATE TABLE text, so this is the procedure the
-- SQLite documentation gives for changes that leave the stored rows valid ("Making Other
-- Kinds Of Table Schema Changes", ALTER TABLE): edit `sqlite_schema` and bump the schema
-- cookie, instead of rebuilding two tables of a million rows. Every database was built from
-- the texts in schema.sql and migration 2, so `replace` finds them; a test checks it.

PRAGMA writable_schema = ON;

UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (status IN (
                       ''received'', ''rejected'', ''accepted'', ''assigned'', ''returned'', ''replied'',
                       ''verified'', ''published'', ''closed_private'', ''duplicate''))',
    'CHECK (
                       status = ''received'' OR status = ''rejected'' OR status = ''accepted''
                       OR status = ''assigned'' OR status = ''returned'' OR status = ''replied''
                       OR status = ''verified'' OR status = ''published''
                       OR status = ''closed_private'' OR status = ''duplicate'')')
WHERE type = 'table' AND name = 'reports';

UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (stage IN (''dispatch'', ''return'', ''process'', ''publish''))',
    'CHECK (stage = ''dispatch'' OR stage = ''return'' OR stage = ''process'' OR stage = ''publish'')')
WHERE type = 'table' AND name = 'clocks';

-- Any schema change bumps the cookie, so every other connection reloads the schema before its
-- next statement; RESET makes this one reload it now.
CREATE TABLE migration_4_cookie (x);
DROP TABLE migration_4_cookie;
PRAGMA writable_schema = RESET;
