-- phananh schema: migration 3 — routing and Open311 service codes.

-- Which agency a field goes to (Đ7.1.b), optionally for one commune (the commune as reports
-- name it; '' for every commune). The most specific line wins.
CREATE TABLE routes (
    field   TEXT NOT NULL REFERENCES fields (code),
    commune TEXT NOT NULL DEFAULT '',
    agency  TEXT NOT NULL REFERENCES agencies (code),
    PRIMARY KEY (field, commune)
) STRICT;

-- Open311 GeoReport v2 `service_code`s and the field each one means here.
CREATE TABLE service_codes (
    service_code TEXT PRIMARY KEY,
    field        TEXT NOT NULL REFERENCES fields (code),
    name         TEXT NOT NULL DEFAULT ''
) STRICT;
