-- Benchmark only: a plausible workflow history for every ingested report, written in bulk
-- by SQL so that reports and scores can be measured on 1,000,000 reports today. Nine in ten
-- reports go accepted → classified → assigned → replied → verified → published (six in ten
-- of those rated), six in a hundred are rejected, the rest stay assigned and open. Times
-- follow the submission by fixed, report-dependent delays; deadlines are approximated in
-- clock hours. The events are NOT hash-chained (`audit verify` fails on this file): the
-- workflow-history generator of issue 6 will produce a sealed one through the real code.
.bail on
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TEMP TABLE fcode AS SELECT row_number() OVER (ORDER BY code) - 1 AS n, code FROM fields;
CREATE TEMP TABLE acode AS
  SELECT row_number() OVER (ORDER BY code) - 1 AS n, code FROM agencies WHERE level <> 'district';
CREATE TEMP TABLE plan AS
SELECT r.id,
       substr(r.submitted_at, 1, 19) AS t0,
       CASE WHEN r.id % 100 < 90 THEN 'done' WHEN r.id % 100 < 96 THEN 'rejected' ELSE 'open' END AS fate,
       (SELECT code FROM fcode WHERE n = r.id % (SELECT count(*) FROM fcode)) AS field,
       (SELECT code FROM acode WHERE n = r.id % 30) AS agency,
       60 + (r.id % 37) * 7 AS dispatch_min,          -- assigned 1–5 h after submission
       30 + (r.id % 53) * 5 AS reply_min,             -- replied 0.5–4.8 h after assignment
       30 + (r.id % 29) * 4 AS publish_min            -- published 0.5–2.4 h after the reply
  FROM reports r;
CREATE UNIQUE INDEX temp.plan_by_id ON plan (id);
CREATE TEMP TABLE steps (report_id INTEGER, seq INTEGER, action TEXT, to_status TEXT, at TEXT, payload TEXT);
INSERT INTO steps
SELECT id, 1, CASE fate WHEN 'rejected' THEN 'reject' ELSE 'accept' END,
       CASE fate WHEN 'rejected' THEN 'rejected' ELSE 'accepted' END,
       strftime('%Y-%m-%dT%H:%M:%S', t0, '+30 minutes') || '+07:00',
       CASE fate WHEN 'rejected' THEN '{"reasons":["missing_media"]}' ELSE '{}' END
  FROM plan;
INSERT INTO steps SELECT id, 2, 'classify', 'accepted',
       strftime('%Y-%m-%dT%H:%M:%S', t0, '+40 minutes') || '+07:00', json_object('field', field)
  FROM plan WHERE fate <> 'rejected';
INSERT INTO steps SELECT id, 3, 'assign', 'assigned',
       strftime('%Y-%m-%dT%H:%M:%S', t0, '+' || dispatch_min || ' minutes') || '+07:00',
       json_object('agency', agency, 'urgent', json('false'))
  FROM plan WHERE fate <> 'rejected';
INSERT INTO steps SELECT id, 4, 'reply', 'replied',
       strftime('%Y-%m-%dT%H:%M:%S', t0, '+' || (dispatch_min + reply_min) || ' minutes') || '+07:00',
       '{"text":"Đã xử lý xong."}'
  FROM plan WHERE fate = 'done';
INSERT INTO steps SELECT id, 5, 'verify_approve', 'verified',
       strftime('%Y-%m-%dT%H:%M:%S', t0, '+' || (dispatch_min + reply_min + 20) || ' minutes') || '+07:00', '{}'
  FROM plan WHERE fate = 'done';
INSERT INTO steps SELECT id, 6, 'publish', 'published',
       strftime('%Y-%m-%dT%H:%M:%S', t0, '+' || (dispatch_min + reply_min + publish_min) || ' minutes') || '+07:00', '{}'
  FROM plan WHERE fate = 'done';
INSERT INTO steps SELECT id, 7, 'rate', 'published',
       strftime('%Y-%m-%dT%H:%M:%S', t0, '+3 days') || '+07:00', json_object('score', 1 + id % 5)
  FROM plan WHERE fate = 'done' AND id % 10 < 6;
INSERT INTO events (report_id, at, actor, action, from_status, to_status, payload, prev_hash, hash)
SELECT report_id, at, 'bench', action, NULL, to_status, payload, '', '' FROM steps ORDER BY seq, report_id;
UPDATE reports SET status = CASE (SELECT fate FROM plan WHERE plan.id = reports.id)
    WHEN 'done' THEN 'published' WHEN 'rejected' THEN 'rejected' ELSE 'assigned' END,
  field = (SELECT CASE WHEN fate <> 'rejected' THEN field END FROM plan WHERE plan.id = reports.id),
  agency = (SELECT CASE WHEN fate <> 'rejected' THEN agency END FROM plan WHERE plan.id = reports.id);
CREATE TEMP TABLE ev AS SELECT report_id, action, id, at FROM events WHERE actor = 'bench';
CREATE INDEX temp.ev_by ON ev (report_id, action);
-- Dispatch stops at the assignment (or the rejection).
UPDATE clocks SET (stop_event, stopped_at, breached) = (
    SELECT id, at, at > clocks.due_at FROM ev
     WHERE ev.report_id = clocks.report_id AND ev.action IN ('assign', 'reject'))
 WHERE stage = 'dispatch'
   AND EXISTS (SELECT 1 FROM ev WHERE ev.report_id = clocks.report_id
                                  AND ev.action IN ('assign', 'reject'));
-- Return window and processing from the assignment; publication from the reply.
INSERT INTO clocks (report_id, stage, round, agency, started_at, rule, limit_seconds, due_at,
                    calendar_version, start_event, stopped_at, stop_event, breached)
SELECT p.id, s.stage, 1, p.agency, a.at, 'clock_hours', s.hours * 3600,
       strftime('%Y-%m-%dT%H:%M:%S', substr(a.at, 1, 19), '+' || s.hours || ' hours') || '+07:00',
       'bench', a.id, rp.at, rp.id,
       CASE WHEN rp.at IS NULL THEN NULL WHEN s.stage = 'return' THEN 0
            ELSE rp.at > strftime('%Y-%m-%dT%H:%M:%S', substr(a.at, 1, 19), '+' || s.hours || ' hours') || '+07:00' END
  FROM plan p
  JOIN ev a ON a.report_id = p.id AND a.action = 'assign'
  LEFT JOIN ev rp ON rp.report_id = p.id AND rp.action = 'reply'
  JOIN (SELECT 'return' AS stage, 1 AS hours UNION ALL SELECT 'process', 4) s;
INSERT INTO clocks (report_id, stage, round, agency, started_at, rule, limit_seconds, due_at,
                    calendar_version, start_event, stopped_at, stop_event, breached)
SELECT p.id, 'publish', 1, NULL, rp.at, 'clock_hours', 7200,
       strftime('%Y-%m-%dT%H:%M:%S', substr(rp.at, 1, 19), '+2 hours') || '+07:00',
       'bench', rp.id, pb.at, pb.id,
       pb.at > strftime('%Y-%m-%dT%H:%M:%S', substr(rp.at, 1, 19), '+2 hours') || '+07:00'
  FROM plan p
  JOIN ev rp ON rp.report_id = p.id AND rp.action = 'reply'
  JOIN ev pb ON pb.report_id = p.id AND pb.action = 'publish';
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
