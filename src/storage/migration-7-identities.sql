-- phananh schema: migration 7 — reporters' identities sealed at rest (SECURITY.md,
-- "Identity at rest"; Law 91/2025/QH15's protection measures, Đ6.5).
--
-- Each report's name and phone are encrypted under a key of the report's own
-- (`identity`: nonce, ciphertext, tag), and that key is wrapped by the master key kept in
-- the key file outside the database (`identity_key`). `reporter_name` and `reporter_phone`
-- are then empty. `identity` NULL: still in clear (a database from before this migration,
-- until it is opened with its key); an empty blob: erased (`erase`), nothing left.
ALTER TABLE reports ADD COLUMN identity BLOB;
ALTER TABLE reports ADD COLUMN identity_key BLOB;

-- The reports still in clear: empty once every identity is sealed, so that finding none
-- costs nothing on every open.
CREATE INDEX reports_in_clear ON reports (id) WHERE identity IS NULL;

-- Which master key wraps the reports' keys: a hash of it (`domain::vault::MasterKey::id`),
-- so that a wrong key file is named as such. One row once the first key is made.
-- `clear_until`: in a database whose identities were once stored in clear, the last event
-- written before they were all encrypted (its seals and those before cover clear rows).
CREATE TABLE vault (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    key_id      TEXT NOT NULL,
    clear_until INTEGER
) STRICT;
