#!/usr/bin/env python3
"""Write the small *malformed-input* example files of phananh into examples/bad/.

    python3 examples/gen_bad.py

Each file holds mostly good reports (external ids BAD-...) and a few rows that `ingest`
must report as malformed (file, line/record number, reason) while loading the rest:

  wrong-columns.csv  BAD-COL-003 has 12 fields, BAD-COL-006 has 17 (unquoted commas)
  bad-time.csv       BAD-TIME-003 "32/13/2026 25:00", BAD-TIME-005 "hôm qua",
                     BAD-TIME-007 "2026-02-30T10:00:00+07:00" (no such day)
  bad-utf8.csv       BAD-UTF8-004: reporter_name in Latin-1 bytes (invalid UTF-8)
  truncated.csv      the last row (BAD-TRUNC-006) opens a quote in content, file ends
  reports.jsonl      line 4 (BAD-JL-004) is not valid JSON (missing closing brace)
  reports.json       a JSON array of 5 good reports (BAD-JSON-001..005)

Deterministic, standard library only: running it again rewrites identical bytes.
"""

import csv
import io
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "bad")

HEADER = [
    "external_id", "submitted_at", "occurred_at", "content", "media", "latitude",
    "longitude", "address", "commune", "reporter_name", "reporter_phone", "confidential",
    "consent", "urgent", "category_hint",
]

MEDIA = "https://camau-g.camau.gov.vn/media/2026/10/{}.jpg"

# Ten good reports; files take from them in turn and give them their own ids and times.
BASE = [
    dict(content="Đường Lý Thường Kiệt đoạn gần chợ có nhiều ổ gà lớn, trời mưa nước đọng, xe máy đi ngang rất dễ té. Đề nghị sớm sửa chữa.",
         media=["b1a2c3d4e5f60001", "b1a2c3d4e5f60002"], latitude="9.171204", longitude="105.178530",
         address="Số 45 đường Lý Thường Kiệt, khóm 5", commune="Phường Tân Thành",
         reporter_name="Nguyễn Văn Hùng", reporter_phone="0912345678", category_hint="GT"),
    dict(content="Khu vực khóm 3 bị mất điện từ 19 giờ tối qua đến giờ chưa có điện lại, trời nóng người già trẻ nhỏ không ngủ được.",
         media=["b1a2c3d4e5f60003"], latitude="9.185511", longitude="105.150262",
         address="Hẻm 12 đường Ngô Quyền, khóm 3", commune="Phường An Xuyên",
         reporter_name="Trần Thị Mỹ Linh", reporter_phone="091 234 5679", category_hint=""),
    dict(content="Rác thải sinh hoạt đổ ven kênh xáng Bạc Liêu – Cà Mau ngày càng nhiều, bốc mùi hôi thối, ruồi muỗi bu đầy. Mong địa phương cho xe thu gom rác.",
         media=["b1a2c3d4e5f60004", "b1a2c3d4e5f60005", "b1a2c3d4e5f60006"], latitude="9.287034", longitude="105.722918",
         address="Đường Trần Phú, khóm 7", commune="Phường Bạc Liêu",
         reporter_name="Lê Hoàng Phúc", reporter_phone="+84918765432", category_hint=""),
    dict(content="Nước máy ở khóm 2 mấy ngày nay bị đục, có mùi phèn, không dám dùng để nấu ăn. Đề nghị công ty cấp nước kiểm tra đường ống.",
         media=["b1a2c3d4e5f60007"], latitude="", longitude="",
         address="Số 8 đường Nguyễn Tất Thành, khóm 2", commune="Phường Lý Văn Lâm",
         reporter_name="Phạm Thị Thu Hà", reporter_phone="0290 3831 234", category_hint="CN"),
    dict(content="Quán karaoke cạnh nhà tôi ở ấp Xóm Mới hát đến 1 giờ sáng, loa mở rất lớn, ồn ào cả xóm không ai ngủ được. Đề nghị công an xã kiểm tra.",
         media=["b1a2c3d4e5f60008"], latitude="9.040712", longitude="104.832155",
         address="Ấp Xóm Mới", commune="Xã Sông Đốc",
         reporter_name="Huỳnh Văn Tâm", reporter_phone="0987.654.321", category_hint=""),
    dict(content="Bờ kè sông Gành Hào đoạn qua ấp Tân Hưng bị sạt lở, đất đã lấn sát móng nhà dân. Đề nghị địa phương khảo sát, gia cố.",
         media=["b1a2c3d4e5f60009", "b1a2c3d4e5f60010"], latitude="9.031190", longitude="105.418844",
         address="", commune="Xã Gành Hào",
         reporter_name="Võ Thị Ngọc Hân", reporter_phone="84 939 111 222", category_hint="TL"),
    dict(content="Cây xanh trên đường Hùng Vương có nhiều nhánh khô sắp gãy, mùa mưa giông rất nguy hiểm cho người đi đường. Đề nghị cắt tỉa sớm.",
         media=["b1a2c3d4e5f60011"], latitude="9.180344", longitude="105.146020",
         address="Đường Hùng Vương, gần bưu điện, khóm 1", commune="Phường An Xuyên",
         reporter_name="Đặng Minh Trí", reporter_phone="0369 888 777", category_hint=""),
    dict(content="Xe thu gom rác không đến ấp Kinh Tế đã gần một tuần, rác ứ đọng trước cửa nhà bốc mùi. Mong sớm được giải quyết.",
         media=["b1a2c3d4e5f60012"], latitude="8.760354", longitude="104.991207",
         address="Số 21, ấp Kinh Tế", commune="Xã Năm Căn",
         reporter_name="Bùi Thị Diễm", reporter_phone="0291 3822 456", category_hint=""),
    dict(content="Đèn đường trên đường Trần Hưng Đạo đoạn gần ngã tư bị hư đã ba ngày, buổi tối tối om, người dân đi lại không an toàn.",
         media=["b1a2c3d4e5f60013"], latitude="9.168821", longitude="105.170043",
         address="Đường Trần Hưng Đạo, khóm 4", commune="Phường Tân Thành",
         reporter_name="Ngô Thanh Sang", reporter_phone="0707 123 456", category_hint="HTDT"),
    dict(content="Dây điện bị đứt rơi xuống đường Cao Văn Lầu sau cơn giông, đang xẹt lửa, người dân không dám đi qua. Đề nghị điện lực xử lý gấp.",
         media=["b1a2c3d4e5f60014", "b1a2c3d4e5f60015"], latitude="9.257310", longitude="105.779964",
         address="Đường Cao Văn Lầu, khóm 2", commune="Phường Vĩnh Trạch",
         reporter_name="Châu Thị Kim Loan", reporter_phone="0823-456-789", category_hint="DIEN"),
]


def good(i, prefix, n, day, hour, minute, confidential=False, consent=True, urgent=False):
    b = BASE[i % len(BASE)]
    rec = dict(b)
    rec["external_id"] = f"{prefix}-{n:03d}"
    rec["submitted_at"] = f"2026-10-{day:02d}T{hour:02d}:{minute:02d}:00+07:00"
    occ_min = minute - 20 if minute >= 20 else minute + 40
    occ_hour = hour if minute >= 20 else hour - 1
    rec["occurred_at"] = f"2026-10-{day:02d}T{occ_hour:02d}:{occ_min:02d}:00+07:00"
    rec["media"] = [MEDIA.format(m) for m in b["media"]]
    rec["confidential"] = confidential
    rec["consent"] = consent
    rec["urgent"] = urgent or b["category_hint"] == "DIEN"
    return rec


def csv_row(rec):
    out = []
    for h in HEADER:
        v = rec[h]
        if h == "media":
            v = "|".join(v)
        elif isinstance(v, bool):
            v = "1" if v else "0"
        out.append(v)
    return out


def csv_text(rows):
    """rows: list of records (dict) or raw strings (written verbatim, no newline added)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for r in rows:
        if isinstance(r, str):
            buf.write(r)
        else:
            w.writerow(csv_row(r))
    return buf.getvalue()


def json_obj(rec):
    obj = {}
    for h in HEADER:
        v = rec[h]
        if h in ("latitude", "longitude"):
            if v == "":
                continue
            v = float(v)
        if h == "category_hint" and v == "":
            continue
        obj[h] = v
    return obj


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def wrong_columns():
    rows = []
    for n in range(1, 8):
        rec = good(n, "BAD-COL", n, 3, 7 + n, 5 * n)
        if n == 3:  # the app cut the row short: 12 fields
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerow(csv_row(rec)[:12])
            rows.append(buf.getvalue())
        elif n == 6:  # content with two commas written without quotes: 17 fields
            f = csv_row(rec)
            f[3] = "@CONTENT@"
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerow(f)
            rows.append(buf.getvalue().replace(
                "@CONTENT@", "Đường bị ngập, xe không đi được, đề nghị khơi thông cống"))
        else:
            rows.append(rec)
    write("wrong-columns.csv", csv_text(rows))


def bad_time():
    bad = {3: "32/13/2026 25:00", 5: "hôm qua", 7: "2026-02-30T10:00:00+07:00"}
    rows = []
    for n in range(1, 9):
        rec = good(n + 2, "BAD-TIME", n, 6, 8 + n, 7 * n % 60)
        if n in bad:
            rec["submitted_at"] = bad[n]
        rows.append(rec)
    write("bad-time.csv", csv_text(rows))


def bad_utf8():
    rows = []
    for n in range(1, 7):
        rows.append(good(n + 4, "BAD-UTF8", n, 8, 9 + n, 11 * n % 60))
    text = csv_text(rows)
    data = text.encode("utf-8")
    name = rows[3]["reporter_name"].encode("utf-8")
    assert data.count(name) == 1
    # written by a Windows tool in Latin-1: "Nguyén Vãn Hùng" (é, ã, ù as single bytes)
    data = data.replace(name, b"Nguy\xe9n V\xe3n H\xf9ng")
    write("bad-utf8.csv", data)


def truncated():
    rows = [good(n + 1, "BAD-TRUNC", n, 12, 8 + n, 3 * n) for n in range(1, 6)]
    last = good(6, "BAD-TRUNC", 6, 12, 15, 40)
    f = csv_row(last)
    head = ",".join(f[:3])
    # the upload stopped in the middle of the quoted content: the quote never closes
    rows.append(head + ',"Đường Hai Bà Trưng đoạn gần chợ bị ngập nặng sau cơn mưa, xe không đi đư')
    write("truncated.csv", csv_text(rows))


def jsonl():
    lines = []
    for n in range(1, 8):
        rec = good(n + 3, "BAD-JL", n, 15, 7 + n, 9 * n % 60, consent=n % 2 == 0)
        line = json.dumps(json_obj(rec), ensure_ascii=False)
        if n == 4:  # a syntax error: the closing brace is lost
            line = line[:-1]
        lines.append(line)
    write("reports.jsonl", "\n".join(lines) + "\n")


def json_array():
    recs = [json_obj(good(n + 5, "BAD-JSON", n, 18, 8 + n, 13 * n % 60, confidential=n == 2))
            for n in range(1, 6)]
    write("reports.json", json.dumps(recs, ensure_ascii=False, indent=2) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    wrong_columns()
    bad_time()
    bad_utf8()
    truncated()
    jsonl()
    json_array()


if __name__ == "__main__":
    main()
