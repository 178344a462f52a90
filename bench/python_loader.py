#!/usr/bin/env python3
"""The peer of perf-anchors.md: what a provincial IT officer would write instead of phananh.

Python's sqlite3 with executemany in WAL mode, and the same reception check as
`phananh ingest --validate`, written the straightforward way: NFC, the times read, the
Đ6 requirements (content, media, time, place, name, phone) and a Vietnamese-language test
(share of words with Vietnamese diacritics or among common unaccented words). Each report
is stored once as accepted or rejected with its reasons. No audit log, no deadlines.

    python3 bench/python_loader.py REPORTS.csv OUT.sqlite
"""
import csv
import re
import sqlite3
import sys
import unicodedata
from datetime import datetime

PHONE = re.compile(r"^(?:\+?84|0)(?:[35789]\d{8}|2\d{9})$")
VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
COMMON = set("khong co duoc nguoi duong nha bi cua va o rat nuoc cho voi nhung nhieu trong tren "
             "duoi truoc sau nay mot cac nhu khi thi da dang roi lai ra vao len xuong di den tai "
             "lam xe phuong xa huyen tinh thanh pho ap cau cong rac ngap hu hong".split())
WORD = re.compile(r"[^\W\d_]+")


def read_time(text):
    text = text.strip()
    if not text:
        return None
    return datetime.fromisoformat(text)  # raises on a malformed time


def vietnamese(content):
    words = WORD.findall(content.lower())
    if len(words) < 3:
        return False
    hits = sum(1 for w in words if VIETNAMESE_LETTERS.intersection(w) or w in COMMON)
    return hits / len(words) >= 0.3


def check(row):
    """The row to store, or None for a malformed record."""
    if len(row) != 15 or not row[0]:
        return None
    row = [unicodedata.normalize("NFC", cell) for cell in row]
    try:
        submitted = read_time(row[1])
        occurred = read_time(row[2])
        lat = float(row[5]) if row[5].strip() else None
        lon = float(row[6]) if row[6].strip() else None
        flags = [{"": 0, "0": 0, "1": 1}[row[i].strip()] for i in (11, 12, 13)]
    except (ValueError, KeyError):
        return None
    if submitted is None:
        return None
    content, media, address, commune, name, phone = row[3], row[4], row[7], row[8], row[9], row[10]
    reasons = []
    if not content.strip():
        reasons.append("missing_content")
    if not media.strip():
        reasons.append("missing_media")
    if occurred is None:
        reasons.append("missing_time")
    if (lat is None or lon is None) and not address.strip() and not commune.strip():
        reasons.append("missing_location")
    if not name.strip():
        reasons.append("missing_name")
    digits = re.sub(r"[\s.\-()]", "", phone)
    if not digits:
        reasons.append("missing_phone")
    elif not PHONE.match(digits):
        reasons.append("invalid_phone")
    if content.strip() and not vietnamese(content):
        reasons.append("not_vietnamese")
    status = "rejected" if reasons else "accepted"
    return (row[0], submitted.isoformat(), occurred and occurred.isoformat(), content, media,
            lat, lon, address, commune, name, phone, *flags, row[14], status, ",".join(reasons))


def main(src, db):
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE reports (external_id TEXT PRIMARY KEY, submitted_at TEXT,"
                 " occurred_at TEXT, content TEXT, media TEXT, latitude REAL, longitude REAL,"
                 " address TEXT, commune TEXT, reporter_name TEXT, reporter_phone TEXT,"
                 " confidential INT, consent INT, urgent INT, category_hint TEXT,"
                 " status TEXT, reject_reasons TEXT)")
    with open(src, newline="", encoding="utf-8", errors="replace") as f:
        reader = csv.reader(f)
        next(reader)
        rows = (r for r in map(check, reader) if r is not None)
        conn.executemany("INSERT OR IGNORE INTO reports VALUES "
                         "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.commit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
