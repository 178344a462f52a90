-- phananh schema: migration 6 — who acted as the operating system says, and when by the
-- system clock (docs/rules.md §7).
--
-- Every event written from now on records the login that ran the command and the system
-- clock at the moment it was written, both inside its seal. Events written before have
-- neither (NULL): their seals never covered them and still verify.
ALTER TABLE events ADD COLUMN login TEXT;
ALTER TABLE events ADD COLUMN recorded_at TEXT;

-- Which operating-system logins may act as which account (the model is PostgreSQL's
-- pg_ident map): in `peer` mode (setting auth.mode) `--as` may only name an account bound
-- to the caller's login. Every change is a `staff_add`, `login_add` or `login_remove` event.
CREATE TABLE staff_logins (
    username TEXT NOT NULL REFERENCES staff (username),
    login    TEXT NOT NULL CHECK (login <> ''),
    PRIMARY KEY (username, login)
) STRICT;

CREATE INDEX staff_logins_by_login ON staff_logins (login);
