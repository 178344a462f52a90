#!/usr/bin/env python3
"""The peer of perf-anchors.md: Python sqlite3, executemany, WAL, a light validation."""
import csv
import sqlite3
import sys

src, db = sys.argv[1], sys.argv[2]
conn = sqlite3.connect(db)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("CREATE TABLE reports (external_id TEXT PRIMARY KEY, submitted_at TEXT, occurred_at TEXT,"
             " content TEXT, media TEXT, latitude REAL, longitude REAL, address TEXT, commune TEXT,"
             " reporter_name TEXT, reporter_phone TEXT, confidential INT, consent INT, urgent INT,"
             " category_hint TEXT)")
with open(src, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    next(reader)
    rows = (r for r in reader if len(r) == 15 and r[0] and r[1])
    conn.executemany("INSERT OR IGNORE INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
conn.commit()
