#!/usr/bin/env python3
"""Generate the shipped example reports of phananh (synthetic, Cà Mau, Aug–Oct 2026).

    python3 examples/gen_reports.py > examples/reports.csv
    python3 examples/gen_reports.py --jsonl-sample > examples/reports-sample.jsonl

Deterministic (fixed seeds, standard library only): running it again reproduces the
files byte for byte. Every row is well-formed CSV (15 columns, parseable times); about
10% of the rows are deliberately *incomplete* (one defect each, see INCOMPLETE_KINDS) so
that `validate` has something to reject. People, phone numbers and media URLs are made
up; coordinates are approximate commune centres with jitter, inside the province.
Commune names are the province's 64 commune-level units since 1 July 2025 (Resolution
1655/NQ-UBTVQH15; examples/README.md, "Sources"), copied into COMMUNES below.
"""

import csv
import io
import json
import random
import sys
import unicodedata
from datetime import datetime, timedelta, timezone

SEED = 20260801
SAMPLE_SEED = 20261001
N_ROWS = 340

TZ = timezone(timedelta(hours=7))
UTC = timezone.utc

HEADER = [
    "external_id", "submitted_at", "occurred_at", "content", "media", "latitude",
    "longitude", "address", "commune", "reporter_name", "reporter_phone", "confidential",
    "consent", "urgent", "category_hint",
]

# ---------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------

# name, approx. centre lat, lon, kind (urban|town|rural), coastal, local roads, rivers/canals
COMMUNES = [
    ("Phường An Xuyên", 9.1850, 105.1500, "urban", False,
     ["đường Ngô Quyền", "đường Phan Ngọc Hiển", "đường Lý Bôn", "đường Quang Trung",
      "đường Phan Đình Phùng", "đường Nguyễn Trãi", "đường Hùng Vương", "đường Lê Lợi",
      "đường Đề Thám", "đường Tạ Uyên"],
     ["sông Gành Hào", "kênh Rạch Rập"]),
    ("Phường Lý Văn Lâm", 9.1600, 105.1250, "urban", False,
     ["đường Nguyễn Tất Thành", "đường Lý Văn Lâm", "đường Lạc Long Quân", "đường Mậu Thân",
      "Quốc lộ 1A"],
     ["kênh xáng Cà Mau – Bạc Liêu", "sông Tắc Thủ"]),
    ("Phường Tân Thành", 9.1700, 105.1800, "urban", False,
     ["đường Lý Thường Kiệt", "đường Trần Hưng Đạo", "đường 3 Tháng 2", "đường Nguyễn Công Trứ",
      "đường Huỳnh Thúc Kháng", "đường Phan Bội Châu", "đường Tôn Đức Thắng"],
     ["sông Gành Hào", "kênh Quản Lộ – Phụng Hiệp"]),
    ("Phường Hòa Thành", 9.1250, 105.2000, "urban", False,
     ["Quốc lộ 1A", "đường Cà Mau – Đầm Dơi", "đường Lý Thường Kiệt"],
     ["sông Gành Hào", "kênh Hòa Thành"]),
    ("Xã Tân Thuận", 8.9600, 105.3300, "rural", True, ["đường Cà Mau – Đầm Dơi"], ["sông Đầm Dơi"]),
    ("Xã Tân Tiến", 8.9100, 105.2700, "rural", False, [], ["sông Đầm Dơi"]),
    ("Xã Tạ An Khương", 9.0500, 105.2300, "rural", False, [], ["sông Gành Hào"]),
    ("Xã Trần Phán", 9.0500, 105.1500, "rural", False, ["đường Cà Mau – Đầm Dơi"], ["sông Gành Hào"]),
    ("Xã Thanh Tùng", 8.9300, 105.2000, "rural", False, [], ["sông Đầm Dơi"]),
    ("Xã Đầm Dơi", 8.9950, 105.1950, "town", False, ["đường Cà Mau – Đầm Dơi"], ["sông Đầm Dơi"]),
    ("Xã Quách Phẩm", 8.8800, 105.2500, "rural", False, [], ["sông Đầm Dơi"]),
    ("Xã U Minh", 9.2900, 104.9800, "town", False, ["đường Cà Mau – U Minh"], ["kênh Chắc Băng"]),
    ("Xã Nguyễn Phích", 9.3500, 104.9500, "rural", False, [], ["kênh Chắc Băng"]),
    ("Xã Khánh Lâm", 9.3300, 104.8500, "rural", True, [], ["kênh Mười Ngàn"]),
    ("Xã Khánh An", 9.2400, 105.0300, "rural", False, ["đường Cà Mau – U Minh"], ["sông Tắc Thủ"]),
    ("Xã Phan Ngọc Hiển", 8.6800, 105.0200, "town", True, [], ["sông Rạch Gốc"]),
    ("Xã Đất Mũi", 8.6400, 104.7800, "rural", True, ["đường Hồ Chí Minh"], ["kênh Đất Mũi"]),
    ("Xã Tân Ân", 8.7000, 104.9300, "rural", True, ["đường Hồ Chí Minh"], ["sông Cửa Lớn"]),
    ("Xã Khánh Bình", 9.1300, 104.8800, "rural", True, [], ["sông Ông Đốc"]),
    ("Xã Đá Bạc", 9.1600, 104.8300, "rural", True, [], ["kênh Đá Bạc"]),
    ("Xã Khánh Hưng", 9.0000, 104.9000, "rural", False, [], ["sông Ông Đốc"]),
    ("Xã Sông Đốc", 9.0400, 104.8300, "town", True, ["đường Sông Đốc – Trần Văn Thời"], ["sông Ông Đốc"]),
    ("Xã Trần Văn Thời", 9.0800, 104.9700, "town", False, ["đường Cà Mau – Trần Văn Thời"], ["sông Ông Đốc"]),
    ("Xã Thới Bình", 9.3500, 105.0900, "town", False, ["Quốc lộ 63"], ["sông Trẹm"]),
    ("Xã Trí Phải", 9.4100, 105.1800, "rural", False, ["Quốc lộ 63"], ["sông Trẹm"]),
    ("Xã Tân Lộc", 9.3000, 105.1600, "rural", False, ["Quốc lộ 63"], ["kênh Quản Lộ – Phụng Hiệp"]),
    ("Xã Hồ Thị Kỷ", 9.2700, 105.1200, "rural", False, ["Quốc lộ 63"], ["kênh Quản Lộ – Phụng Hiệp"]),
    ("Xã Biển Bạch", 9.4200, 105.0300, "rural", False, [], ["sông Trẹm"]),
    ("Xã Đất Mới", 8.8000, 104.9500, "rural", False, ["Quốc lộ 1A"], ["sông Bảy Háp"]),
    ("Xã Năm Căn", 8.7600, 104.9900, "town", False, ["Quốc lộ 1A", "đường Hồ Chí Minh"], ["sông Cửa Lớn"]),
    ("Xã Tam Giang", 8.7700, 105.1000, "rural", True, [], ["sông Cửa Lớn"]),
    ("Xã Cái Đôi Vàm", 8.8600, 104.8200, "town", True, [], ["sông Cái Đôi"]),
    ("Xã Nguyễn Việt Khái", 8.8000, 104.8200, "rural", True, [], ["sông Cái Đôi"]),
    ("Xã Phú Tân", 8.9000, 104.8800, "rural", False, [], ["sông Bảy Háp"]),
    ("Xã Phú Mỹ", 8.9400, 104.8500, "rural", False, [], ["sông Bảy Háp"]),
    ("Xã Lương Thế Trân", 9.0200, 105.0600, "rural", False, ["Quốc lộ 1A"], ["kênh Lương Thế Trân"]),
    ("Xã Tân Hưng", 8.9600, 105.0800, "rural", False, ["Quốc lộ 1A"], ["sông Bảy Háp"]),
    ("Xã Hưng Mỹ", 8.9800, 104.9800, "rural", False, [], ["sông Bảy Háp"]),
    ("Xã Cái Nước", 8.9400, 105.0100, "town", False, ["Quốc lộ 1A"], ["sông Cái Nước"]),
    ("Phường Bạc Liêu", 9.2850, 105.7250, "urban", False,
     ["đường Trần Phú", "đường Hoàng Văn Thụ", "đường Võ Thị Sáu", "đường Hai Bà Trưng",
      "đường Trần Huỳnh", "đường Bà Triệu", "đường Lê Duẩn"],
     ["kênh xáng Bạc Liêu – Cà Mau", "sông Bạc Liêu"]),
    ("Phường Vĩnh Trạch", 9.2550, 105.7800, "urban", False,
     ["đường Cao Văn Lầu", "đường Võ Văn Kiệt"], ["sông Bạc Liêu"]),
    ("Phường Hiệp Thành", 9.2250, 105.7450, "urban", True,
     ["đường Cao Văn Lầu", "đường Võ Văn Kiệt"], ["kênh Nhà Mát"]),
    ("Phường Giá Rai", 9.2400, 105.4550, "urban", False,
     ["Quốc lộ 1A", "đường Giá Rai – Gành Hào"], ["kênh xáng Bạc Liêu – Cà Mau"]),
    ("Phường Láng Tròn", 9.2700, 105.5300, "urban", False, ["Quốc lộ 1A"], ["kênh xáng Bạc Liêu – Cà Mau"]),
    ("Xã Phong Thạnh", 9.2000, 105.4000, "rural", False, ["Quốc lộ 1A"], ["kênh xáng Bạc Liêu – Cà Mau"]),
    ("Xã Hồng Dân", 9.5400, 105.4200, "town", False, [], ["kênh Quản Lộ – Phụng Hiệp"]),
    ("Xã Vĩnh Lộc", 9.5600, 105.3300, "rural", False, [], ["kênh Ngan Dừa"]),
    ("Xã Ninh Thạnh Lợi", 9.5000, 105.3000, "rural", False, [], ["kênh Ngan Dừa"]),
    ("Xã Ninh Quới", 9.4800, 105.5000, "rural", False, ["tuyến Quản Lộ – Phụng Hiệp"], ["kênh Quản Lộ – Phụng Hiệp"]),
    ("Xã Gành Hào", 9.0300, 105.4200, "town", True, ["đường Giá Rai – Gành Hào"], ["sông Gành Hào"]),
    ("Xã Định Thành", 9.1200, 105.3500, "rural", False, ["đường Giá Rai – Gành Hào"], ["sông Gành Hào"]),
    ("Xã An Trạch", 9.1500, 105.4200, "rural", False, [], ["sông Gành Hào"]),
    ("Xã Long Điền", 9.0800, 105.4700, "rural", True, [], ["kênh Long Điền"]),
    ("Xã Đông Hải", 9.1000, 105.5000, "rural", False, [], ["kênh Long Điền"]),
    ("Xã Hòa Bình", 9.2800, 105.6300, "town", False, ["Quốc lộ 1A"], ["kênh xáng Bạc Liêu – Cà Mau"]),
    ("Xã Vĩnh Mỹ", 9.2000, 105.6000, "rural", True, [], ["kênh Vĩnh Mỹ"]),
    ("Xã Vĩnh Hậu", 9.1700, 105.6500, "rural", True, [], ["kênh Vĩnh Hậu"]),
    ("Xã Phước Long", 9.4300, 105.4600, "town", False, [], ["kênh Quản Lộ – Phụng Hiệp"]),
    ("Xã Vĩnh Phước", 9.3900, 105.5000, "rural", False, [], ["kênh Quản Lộ – Phụng Hiệp"]),
    ("Xã Phong Hiệp", 9.4500, 105.3800, "rural", False, [], ["kênh Quản Lộ – Phụng Hiệp"]),
    ("Xã Vĩnh Thanh", 9.3700, 105.4300, "rural", False, [], ["kênh Quản Lộ – Phụng Hiệp"]),
    ("Xã Vĩnh Lợi", 9.3300, 105.7000, "rural", False, ["Quốc lộ 1A"], ["kênh xáng Bạc Liêu – Cà Mau"]),
    ("Xã Hưng Hội", 9.3600, 105.6500, "rural", False, [], ["kênh xáng Bạc Liêu – Cà Mau"]),
    ("Xã Châu Thới", 9.3800, 105.7200, "rural", False, ["Quốc lộ 1A"], ["kênh xáng Bạc Liêu – Cà Mau"]),
]

# the city wards of Cà Mau and Bạc Liêu get more reports (more people, more phones)
COMMUNE_WEIGHT = {
    "Phường An Xuyên": 14, "Phường Lý Văn Lâm": 10, "Phường Tân Thành": 12,
    "Phường Hòa Thành": 6, "Phường Bạc Liêu": 12, "Phường Vĩnh Trạch": 4,
    "Phường Hiệp Thành": 4, "Phường Giá Rai": 5, "Phường Láng Tròn": 3,
    "Xã Sông Đốc": 4, "Xã Năm Căn": 4, "Xã Cái Nước": 3, "Xã Đầm Dơi": 3,
    "Xã Thới Bình": 3, "Xã Trần Văn Thời": 3, "Xã U Minh": 3,
}

HAMLET_NAMES = [
    "Tân Hưng", "Bình Minh", "Xóm Mới", "Kinh Tế", "Cây Dương", "Tân Phong", "Rạch Lùm",
    "Hòa Lợi", "Thạnh Điền", "Nhà Thờ", "Bà Điều", "Chống Mỹ", "Mương Điều", "Tân Long",
    "Cái Keo", "Kinh Ngang", "Thuận Hòa", "Vàm Xáng", "Cà Lớn", "Tân Điền", "Lung Lá",
    "Xẻo Đước", "Công Nghiệp", "Bờ Cảng", "Hiệp Hòa", "Tân Thành A", "Năm Đảm", "Cái Cám",
    "Ông Muộn", "Thống Nhất", "Đồng Tâm", "Phú Hiệp", "Rạch Chèo", "Kinh Tư", "Sào Lưới",
]

RURAL_LANDMARKS = [
    "gần chợ xã", "đối diện cây xăng", "ngay ngã ba", "gần bến đò", "cạnh chùa",
    "gần trụ sở ấp", "đối diện đình thần", "cạnh tiệm tạp hóa", "gần trường tiểu học",
    "ngay đầu cầu sắt", "gần nhà thờ",
]
URBAN_LANDMARKS = [
    "gần chợ", "đối diện cây xăng", "ngay ngã tư", "gần vòng xoay", "cạnh quán cà phê",
    "gần trường tiểu học", "đối diện ngân hàng", "gần khu dân cư mới", "trước tiệm vàng",
    "gần bưu điện", "cạnh siêu thị mini", "gần nhà thiếu nhi",
]

# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------

SURNAMES = (["Nguyễn"] * 10 + ["Trần"] * 5 + ["Lê"] * 5 + ["Phạm"] * 3 + ["Huỳnh"] * 3 +
            ["Võ"] * 3 + ["Phan"] * 2 + ["Trương", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
            "Lý", "Tô", "Lâm", "Quách", "Châu", "Mai", "Thái", "Danh", "Thạch", "Sơn", "Kim",
            "Diệp", "Lưu", "Tạ"])
MIDDLE_M = ["Văn", "Văn", "Văn", "Minh", "Hoàng", "Thanh", "Quốc", "Hữu", "Công", "Đức",
            "Chí", "Tấn", "Thành", "Phước"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Kim", "Mỹ", "Bích", "Thanh", "Hồng",
            "Thị Kim", "Thị Mỹ", "Thị Ngọc"]
GIVEN_M = ["Hùng", "Dũng", "Tài", "Phúc", "Lộc", "Khoa", "Sang", "Nhân", "Tâm", "Hải",
           "Toàn", "Nghĩa", "Thắng", "Bình", "Long", "Phong", "Hiếu", "Tùng", "Trí", "Vũ",
           "Tuấn", "Hậu", "Em", "Út", "Cường", "Thuận", "Lợi", "Nhựt", "Khánh", "Duy"]
GIVEN_F = ["Lan", "Hoa", "Hồng", "Mai", "Linh", "Trang", "Thảo", "Nhung", "Loan", "Diễm",
           "Yến", "Phượng", "Hạnh", "Ngân", "Thúy", "Vy", "Hương", "Tuyết", "Nga", "Hằng",
           "Đào", "Xuân", "Cúc", "Huyền", "Trinh", "Nhi"]

MOBILE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "052", "056",
                   "058", "070", "076", "077", "078", "079", "081", "082", "083", "084",
                   "085", "086", "088", "089", "090", "091", "093", "094", "096", "097",
                   "098", "099"]

INVALID_PHONES = ["12345", "0123456789", "0412345678", "091234567890", "0290 383 123",
                  "0123 456 789"]

# ---------------------------------------------------------------------------
# Report texts. Slots: {road} {Road} {near} {area} {place} {canal} {since} {n} {m} {k}
# {h} {street2} {req}. Field code first; the texts are what people type into the app.
# ---------------------------------------------------------------------------

SINCE = [
    "từ tối hôm qua", "từ sáng nay", "mấy ngày nay", "đã gần một tuần", "hơn nửa tháng nay",
    "từ đầu tháng đến nay", "từ khoảng {h} giờ sáng nay", "từ chiều hôm qua", "đã ba ngày nay",
    "cả tháng nay",
]

REQUESTS = [
    "Đề nghị cơ quan chức năng sớm kiểm tra, xử lý.",
    "Kính đề nghị chính quyền địa phương quan tâm giải quyết.",
    "Mong các ngành chức năng sớm khắc phục để bà con yên tâm.",
    "Rất mong được xem xét, xử lý dứt điểm.",
    "Đề nghị kiểm tra và có biện pháp xử lý kịp thời.",
    "Bà con đã báo nhiều lần nhưng chưa thấy ai xuống xem.",
    "Mong sớm được giải quyết, xin cám ơn.",
    "Đề nghị địa phương xuống kiểm tra thực tế.",
]

OPENERS = [
    "", "", "", "", "", "Kính gửi Cổng thông tin. ", "Tôi xin phản ánh sự việc như sau: ",
    "Xin chào! ", "Tôi là người dân sống ở {commune_lc}. ",
]

TEMPLATES = {
    "GT": [
        "{Road} đoạn {near} xuất hiện nhiều ổ gà lớn, có chỗ sâu gần {k}0 cm. Trời mưa nước đọng che mất ổ gà nên đã có mấy người đi xe máy bị té. {req}",
        "{Road} đoạn qua {place} bị bong tróc mặt đường, sụt lún nặng {since}. Xe tải chạy qua bụi bay mù mịt, người dân đi lại rất nguy hiểm. {req}",
        "Đèn giao thông tại ngã tư {road} – {street2} bị hư {since}, các hướng chạy lộn xộn, giờ tan tầm kẹt xe kéo dài. {req}",
        "Biển báo tải trọng ở đầu cầu trên {road} bị ngã, xe quá tải vẫn chạy qua làm mặt cầu rung lắc mạnh. {req}",
        "Xe tải đậu trên {road} {near} suốt đêm, lấn chiếm lòng đường, không có đèn cảnh báo, rất dễ gây tai nạn giao thông. {req}",
        "Lộ bê tông {place} bị bể nhiều đoạn, có chỗ sụt lún xuống kênh, xe máy đi ngang rất nguy hiểm, các em đi học phải dắt bộ. {req}",
        "Gờ giảm tốc trên {road} {near} làm quá cao, nhiều người đi xe máy bị văng, ban đêm không có sơn phản quang. {req}",
        "Đoạn {road} {near} đường hư nặng, ổ gà nối tiếp ổ gà, nước mưa đọng thành vũng. Mới tuần trước có một vụ tai nạn giao thông ở đây. {req}",
        "Lan can cầu bắc qua {canal} đoạn {place} bị gãy {m} nhịp, trẻ nhỏ đi ngang rất dễ té xuống sông. {req}",
    ],
    "MT": [
        "Rác thải sinh hoạt bị đổ ven {canal} đoạn {place} ngày càng nhiều, bốc mùi hôi thối nồng nặc, ruồi muỗi bu đầy. {req}",
        "Một cơ sở chế biến thủy sản ở {area} thường xuyên xả thải ra {canal}, nước kênh đen kịt, mùi hôi bay vào nhà dân. {req}",
        "Xe thu gom rác không đến {place} {since}, rác ứ đọng trước cửa nhà, chó mèo bới tung ra đường. {req}",
        "Mỗi tối có người đốt rác và vỏ xe ở bãi đất trống {near}, khói bụi bay vào nhà, trẻ nhỏ bị ho liên tục. {req}",
        "Bãi rác tự phát {near} trên {road} ngày càng lớn, có cả xác động vật thối rữa, ô nhiễm nặng. {req}",
        "Trại nuôi heo ở {area} xả chất thải trực tiếp ra {canal}, mùi hôi nồng nặc nhất là vào buổi chiều. {req}",
        "Nước thải từ khu chợ {place} chảy tràn ra đường, bốc mùi hôi {since}. {req}",
    ],
    "TTDT": [
        "Vỉa hè {road} đoạn {near} bị các quán cà phê, quán nhậu lấn chiếm vỉa hè bày bàn ghế kín lối, người đi bộ phải đi xuống lòng đường. {req}",
        "Chợ tự phát họp ngay trên {road} mỗi sáng từ 5 giờ đến 8 giờ, hàng rong bày kín hai bên, xe cộ không qua được. {req}",
        "Nhiều băng rôn, quảng cáo sai quy định được treo, dán trên cột đèn và tường rào dọc {road}. {req}",
        "Hộ kinh doanh {near} trên {road} dựng mái che, bảng hiệu lấn ra gần hết vỉa hè. {req}",
        "Tình trạng buôn bán lấn chiếm vỉa hè và đậu xe trái phép {near} diễn ra {since}, giờ cao điểm rất dễ va quẹt. {req}",
    ],
    "HTDT": [
        "Đèn đường trên đoạn {road} {near} bị hư {since}, buổi tối tối om, người dân đi lại không an toàn. {req}",
        "Sau cơn mưa chiều nay, {road} đoạn {near} ngập nước sâu khoảng {k}0 cm, nước rút rất chậm do cống thoát nước bị nghẹt. {req}",
        "Nắp cống {near} trên {road} bị mất {since}, hố ga sâu hoắm, ban đêm rất nguy hiểm. {req}",
        "Hàng cây xanh dọc {road} có nhiều nhánh cây khô, mùa mưa giông có thể gãy nhánh rơi trúng người đi đường. {req}",
        "{Area} mỗi khi mưa lớn là ngập úng cả tuần, nước tràn vào nhà dân vì thoát nước không kịp. {req}",
        "Đèn chiếu sáng công cộng ở {place} chỉ sáng được vài bóng, đoạn còn lại tối om {since}. {req}",
    ],
    "DIEN": [
        "Khu vực {area} bị mất điện {since} mà không có thông báo trước, trời nóng người già trẻ nhỏ không ngủ được. {req}",
        "Điện chập chờn liên tục vào buổi tối ở {place}, điện yếu tới mức quạt không quay, nhiều thiết bị trong nhà bị hư. {req}",
        "Trụ điện {near} trên {road} bị nghiêng, dây điện võng thấp sát đầu người, xe tải đi qua rất dễ vướng. {req}",
        "Trạm biến áp ở {place} phát ra tiếng nổ lớn rồi cúp điện cả khu, đến giờ vẫn chưa có điện lại. {req}",
        "Tiền điện tháng này của gia đình tôi ở {area} tăng gần gấp đôi dù sử dụng như mọi tháng, nghi công tơ điện chạy sai. {req}",
        "Cột điện bằng bê tông ở {place} bị nứt chân, lộ cả cốt thép, sợ gặp gió lớn sẽ ngã. {req}",
    ],
    "CN": [
        "Nước máy ở {area} {since} bị đục, có mùi phèn, không dám dùng để nấu ăn. {req}",
        "Khu vực {place} bị mất nước {since}, không có thông báo lịch cúp nước, bà con phải đi mua nước bình. {req}",
        "Vỡ ống nước {near} trên {road}, nước chảy lênh láng ra đường {since} mà chưa thấy ai sửa. {req}",
        "Nước yếu vào giờ cao điểm ở {place}, nhà lầu không bơm lên được, nước sinh hoạt thiếu trầm trọng. {req}",
        "Đồng hồ nước nhà tôi ở {area} chạy nhanh bất thường, tiền nước tháng này tăng gấp ba. {req}",
        "Nước sạch cấp cho {place} có mùi lạ, nhiễm phèn nặng, giặt đồ bị ố vàng. {req}",
    ],
    "DD": [
        "Một hộ dân ở {area} tự ý rào lấn chiếm đất công ven {canal} để trồng cây và làm chuồng trại. {req}",
        "Gia đình tôi nộp đơn xin cấp giấy chứng nhận quyền sử dụng đất từ tháng {m} năm ngoái đến nay vẫn chưa được cấp sổ đỏ. {req}",
        "Hai hộ ở {place} tranh chấp ranh đất, đã đo đạc lại nhưng chưa được hòa giải dứt điểm, đôi bên xô xát nhiều lần. {req}",
        "Dự án mở rộng {road} đã thu hồi đất của nhiều hộ ở {place} nhưng đến nay chưa chi trả bồi thường. {req}",
        "Khu đất công {near} ở {area} bị người dân san lấp, cắm cọc chiếm dụng {since}. {req}",
    ],
    "XD": [
        "Tại {area} có công trình nhà ở đang xây dựng không phép, lấn ra hành lang bảo vệ {canal}. {req}",
        "Công trình xây dựng {near} trên {road} để vật liệu xây dựng tràn ra đường, giàn giáo không lưới bao che, cát đá rơi xuống người đi đường. {req}",
        "Nhà bên cạnh đào móng xây nhà mới làm nứt tường và lún nền nhà tôi ở {area}. {req}",
        "Có người đổ xà bần thành đống lớn {near} trên {road}, chiếm gần nửa đường. {req}",
        "Hộ dân ở {place} cơi nới thêm hai tầng, xây lấn sang phần đất hẻm chung, có dấu hiệu sai phép. {req}",
    ],
    "YT": [
        "{Area} {since} có nhiều ca sốt xuất huyết, riêng xóm tôi đã có {k} cháu nằm viện. Đề nghị ngành y tế phun thuốc diệt muỗi. {req}",
        "Thái độ nhân viên khoa cấp cứu {hospital} rất thiếu tôn trọng bệnh nhân, để người bệnh nằm chờ gần {k} tiếng. {req}",
        "Trạm y tế {commune_lc} thường xuyên đóng cửa vào buổi trưa, người dân đến khám chữa bệnh không có ai tiếp. {req}",
        "Nhà thuốc {near} trên {road} bán thuốc kháng sinh không cần toa của bác sĩ. {req}",
        "Nhiều trẻ nhỏ ở {place} bị tay chân miệng, đề nghị kiểm tra, khử khuẩn các nhóm trẻ gia đình. {req}",
        "Người có bảo hiểm y tế đến {hospital} vẫn bị yêu cầu mua thêm thuốc và vật tư bên ngoài. {req}",
    ],
    "GD": [
        "Phòng học điểm trường {place} xuống cấp nặng, trần bong tróc, mưa là dột, học sinh phải ngồi né chỗ nước nhỏ giọt. {req}",
        "Đầu năm học trường ở {area} thu nhiều khoản ngoài quy định, phụ huynh phản ánh có dấu hiệu lạm thu. {req}",
        "Giáo viên chủ nhiệm một lớp ở {commune_lc} gợi ý học sinh đi học thêm tại nhà, em nào không đi thì bị đối xử khác. {req}",
        "Nhà vệ sinh của trường học ở {place} hư hỏng, bốc mùi, các em không dám sử dụng. {req}",
        "Bữa ăn bán trú ở trường mầm non tại {area} rất ít thức ăn so với số tiền phụ huynh đóng. {req}",
    ],
    "ANTT": [
        "Quán karaoke {near} ở {area} hát đến 1–2 giờ sáng, loa mở rất lớn, ồn ào cả xóm không ai ngủ được. {req}",
        "Nhóm thanh niên tụ tập đua xe, nẹt pô trên {road} mỗi tối từ 22 giờ, rất nguy hiểm cho người đi đường. {req}",
        "Có dấu hiệu tụ tập cờ bạc ăn tiền tại một căn nhà ở {place}, thanh niên ra vào suốt đêm. {req}",
        "{since_cap} ở {place} liên tục xảy ra trộm cắp, nhiều nhà bị mất trộm xe máy, gà vịt. {req}",
        "Nghi có người sử dụng ma túy tại căn nhà bỏ hoang {near} ở {area}, thường thấy kim tiêm vứt bừa bãi. {req}",
        "Xảy ra cướp giật điện thoại trên {road} {near} vào tối qua, người dân rất lo lắng. {req}",
        "Nhà hàng xóm ở {place} mở loa kéo hát suốt ngày đêm, ồn ào không chịu nổi. {req}",
    ],
    "TL": [
        "Bờ kè {canal} đoạn qua {place} bị sạt lở, đất đã lấn sát móng nhiều căn nhà. {req}",
        "Triều cường dâng cao tràn bờ vào {area}, nước ngập lộ và ao vườn, bà con không kịp đắp bờ bao. {req}",
        "Cống thủy lợi ở {place} bị hư cửa, nước mặn tràn vào ruộng, nhiều hộ lo mất vụ. {req}",
        "Lục bình và rác bịt kín {canal} đoạn {place}, ghe xuồng không qua lại được. Đề nghị nạo vét kênh thủy lợi. {req}",
        "Đoạn bờ đê ở {place} bị lún nứt nhiều chỗ {since}, gặp con nước lớn rất dễ vỡ đê. {req}",
        "Đê biển đoạn qua {place} có nhiều chỗ bị sóng đánh lở chân, rừng phòng hộ phía ngoài bị chặt phá, mùa gió chướng rất dễ vỡ. {req}",
        "Kênh thủy lợi ở {area} bồi lắng nặng, mùa khô không còn nước, xâm nhập mặn ngày càng sâu. {req}",
    ],
    "ATTP": [
        "Quán ăn {near} trên {road} chế biến thức ăn mất vệ sinh, để thực phẩm sống dưới đất, ruồi bu đầy. {req}",
        "Cửa hàng tạp hóa ở {place} bán nhiều hàng hết hạn sử dụng, tôi mua sữa cho con về mới phát hiện. {req}",
        "Cơ sở giết mổ heo ở {area} hoạt động ban đêm, không có kiểm dịch, nghi bán thịt heo bệnh ra chợ. {req}",
        "Bánh mì, chả lụa bán ở chợ {commune_short} nghi có hàn the và phẩm màu, ăn vào thấy dai bất thường. {req}",
        "Xe bán thực phẩm không rõ nguồn gốc, giá rất rẻ, thường đỗ {near} ở {place} bán cho bà con. {req}",
    ],
    "VT": [
        "Cột viễn thông ở {place} bị nghiêng sau cơn giông, nằm sát nhà dân, nếu ngã sẽ rất nguy hiểm. {req}",
        "Sóng điện thoại ở {area} rất yếu, thường xuyên mất sóng, gọi cấp cứu cũng không được. {req}",
        "Dây cáp viễn thông, cáp quang giăng chằng chịt và võng thấp trên {road} {near}, xe cao đi qua hay bị vướng. {req}",
        "Mạng chập chờn, internet cáp quang ở {place} rớt liên tục {since}, báo tổng đài nhiều lần không xử lý. {req}",
        "Gần đây tôi nhận rất nhiều cuộc gọi lừa đảo và tin nhắn rác mạo danh ngân hàng, người già trong nhà suýt bị lừa. {req}",
        "Trạm phát sóng mới dựng cạnh nhà dân ở {place} không thấy treo giấy phép, bà con lo ảnh hưởng sức khỏe. {req}",
    ],
    "NNTS": [
        "Ao tôm của nhiều hộ ở {place} bị tôm chết hàng loạt {since}, nghi do nguồn nước từ {canal} bị ô nhiễm. {req}",
        "Có người dùng xung điện bắt cá trên {canal} đoạn {place} vào ban đêm, tận diệt cả cá con. {req}",
        "Đại lý {near} ở {area} bán phân bón giả, thuốc bảo vệ thực vật không nhãn mác cho bà con. {req}",
        "Tôm giống mua ở cơ sở trong {commune_lc} thả được mười ngày thì tôm chết gần hết, nghi con giống kém chất lượng. {req}",
        "Ghe cào khai thác thủy sản sát bờ ở vùng biển {place}, đánh bắt trái phép suốt đêm. {req}",
    ],
    "VHXH": [
        "Có người tâm thần đi lang thang trên {road} {since}, nhiều lần xông vào nhà dân, bà con rất sợ. {req}",
        "Nhiều trẻ em lang thang bán vé số, xin tiền ở các quán nhậu trên {road} đến khuya. {req}",
        "Tiệm game {near} ở {place} mở cửa thâu đêm, nhiều em nhỏ trốn học vào chơi. {req}",
        "Khu vui chơi trẻ em ở {area} có nhiều thiết bị gỉ sét, gãy hỏng, rất dễ gây tai nạn cho các cháu. {req}",
        "Một số điểm kinh doanh ăn uống ở khu du lịch chặt chém, tính giá cao gấp mấy lần bảng giá niêm yết. {req}",
        "Xóm tôi ở {place} có một gia đình thường xuyên xảy ra bạo lực gia đình, người vợ bị đánh nhiều lần. {req}",
    ],
    "KHAC": [
        "Tình trạng chó thả rông trên {road} {near} rất nhiều, đã có người đi đường bị chó cắn. {req}",
        "Trâu bò thả rông đi lang thang trên {road} vào buổi tối, xe máy tông phải rất nguy hiểm. {req}",
        "Tôi xin góp ý: nên bố trí thêm ghế ngồi và mái che tại bến xe buýt {near} trên {road} cho người già chờ xe. {req}",
        "Tôi muốn khen ngợi các anh ở {commune_lc} đã xử lý nhanh vụ việc tôi phản ánh tuần trước, đề nghị tuyên dương.",
        "Nhà {near} ở {place} nuôi chó dữ nhưng không rọ mõm, thả ra đường hù dọa người qua lại. {req}",
    ],
}

# Without any field keyword (so keyword suggestion has nothing to go on).
NO_KEYWORD_TEMPLATES = {
    "GT": ["Con đường trước nhà tôi ở {place} lởm chởm đá, bể nát hết rồi, chạy xe ban đêm rất dễ té. {req}"],
    "HTDT": ["Đoạn {road} {near} về đêm tối thui, không thấy gì hết, chị em đi làm ca về rất sợ. {req}"],
    "MT": ["Bịch ni lông, chai nhựa trôi đầy mặt {canal} đoạn {place}, nhìn rất mất mỹ quan. {req}"],
    "DIEN": ["Từ tối qua cả xóm ở {place} tối thui, quạt không chạy, tủ lạnh hư đồ ăn hết. {req}"],
    "CN": ["Vòi nhà tôi ở {area} mở ra chỉ chảy nhỏ giọt, có lúc không ra giọt nào. {req}"],
    "XD": ["Nhà bên cạnh ở {place} làm nhà ba tầng sát vách, gạch đá rơi xuống mái tôn nhà tôi. {req}"],
    "ANTT": ["Tối nào cũng có nhóm người lạ tới lui căn nhà cuối hẻm ở {place}, hành tung đáng ngờ. {req}"],
    "TL": ["Bờ sông chỗ {place} đất cứ lở dần mỗi ngày, cây dừa ngã xuống sông mấy cây rồi. {req}"],
    "KHAC": ["Xin hỏi thủ tục đăng ký tham gia ứng dụng và cách theo dõi phản ánh của tôi ở đâu ạ? Tôi ở {place}."],
}

URGENT_TEMPLATES = [
    ("HTDT", "Cây xanh lớn bật gốc ngã đổ chắn ngang {road} {near} sau cơn mưa giông, xe cộ không qua lại được. Đề nghị lực lượng chức năng đến xử lý khẩn cấp."),
    ("HTDT", "Cây đổ đè lên mái nhà dân ở {place}, trong nhà có người già và trẻ nhỏ. Đề nghị hỗ trợ gấp!"),
    ("DIEN", "Dây điện bị đứt rơi xuống {road} {near}, đang xẹt lửa, người dân không dám đi qua. Đề nghị điện lực ngắt điện và xử lý gấp."),
    ("DIEN", "Trụ điện ngã đè lên {road} ở {place} sau cơn giông, dây điện nằm dưới vũng nước. Rất nguy hiểm, đề nghị xử lý khẩn cấp!"),
    ("ANTT", "Đang xảy ra cháy nhà tại {area}, lửa bốc cao, gió lớn có nguy cơ lan sang các nhà bên cạnh. Đề nghị lực lượng chữa cháy đến gấp!"),
    ("ANTT", "Hỏa hoạn tại dãy ki ốt {near} trên {road}, khói đen bốc cao, người dân đang tự dập lửa. Cần hỗ trợ khẩn cấp."),
    ("TL", "Bờ kè {canal} đoạn qua {place} vừa sạt lở khoảng {m}0 mét, kéo theo một phần căn nhà xuống sông, nhiều hộ lân cận rất nguy hiểm. Đề nghị di dời khẩn cấp."),
    ("TL", "Đê biển đoạn {place} bị sóng đánh sạt lở nghiêm trọng, nước biển đang tràn vào khu dân cư và ao tôm. Đề nghị gia cố khẩn cấp."),
    ("ATTP", "Khoảng {k}0 người dự đám tiệc tại {place} bị đau bụng, nôn ói, nghi ngộ độc thực phẩm, đang được đưa đi bệnh viện. Đề nghị ngành chức năng vào cuộc ngay."),
    ("ATTP", "Nhiều học sinh bị nôn ói, tiêu chảy sau bữa ăn bán trú trưa nay tại trường ở {area}, nghi ngộ độc thực phẩm. Đề nghị kiểm tra khẩn cấp."),
    ("GT", "Xe tải lật chắn ngang {road} {near}, hàng hóa đổ tràn mặt đường, có người bị thương, kẹt xe kéo dài. Đề nghị lực lượng chức năng đến phân luồng gấp."),
]

SEA_WORDS = ("Đê biển", "đê biển", "vùng biển")

CONFIDENTIAL_HINTS = ("ma túy", "cờ bạc", "bạo lực gia đình", "xây dựng không phép", "giết mổ",
                      "tranh chấp", "lừa đảo", "hàng xóm", "sai phép")

HOSPITALS = {
    "ca_mau": ["Bệnh viện Đa khoa tỉnh Cà Mau", "Bệnh viện Sản - Nhi Cà Mau"],
    "bac_lieu": ["Bệnh viện Đa khoa Bạc Liêu", "Bệnh viện Sản - Nhi Bạc Liêu"],
}

UNACCENTED_VI = [
    ("HTDT", "Duong bi ngap nuoc qua troi, xe may khong chay duoc, nuoc vo ca vo nha. De nghi xa xem xet khai thong cong thoat nuoc giup ba con."),
    ("DIEN", "Khu vuc nha toi mat dien tu 7 gio sang toi gio chua co lai, troi nong qua nguoi gia con nit chiu khong noi. Mong dien luc kiem tra som giup."),
    ("MT", "Rac thai do ven kenh gan cho boc mui hoi thoi, ruoi nhang bu day, ba con rat buc xuc. De nghi dia phuong cho xe thu gom rac toi lay."),
    ("ANTT", "Quan karaoke ke ben nha toi hat toi 1 gio sang, on ao khong ai ngu duoc. Xin cong an xuong kiem tra giup, cam on."),
    ("CN", "Nuoc may nha toi may bua nay duc ngau, co mui phen, khong dam nau an. Mong cong ty cap nuoc kiem tra lai duong ong giup."),
]

FOREIGN = [
    "The street light in front of my house has been broken for a week. It is very dark at night, please fix it soon.",
    "There is a lot of garbage along the canal near the market and it smells terrible. Could someone collect it please?",
    "Water supply has been cut since this morning and nobody told us. When will it be restored? Thank you.",
    "我家门口的路灯坏了好几天了，晚上很黑，很不安全，请尽快修理。",
    "这条路上有很多坑洼，下雨后积水，骑摩托车很危险，请有关部门处理。",
    "ផ្លូវនៅភូមិខ្ញុំខូចខាតខ្លាំង ពេលភ្លៀងទឹកដក់ពេញផ្លូវ សូមជួយជួសជុល។",
    "ភ្លើងអគ្គិសនីដាច់តាំងពីយប់មិញ ហើយមិនទាន់មានវិញទេ សូមជួយពិនិត្យ។",
    "CLICK HERE TO WIN a free iPhone 17!!! Limited offer, visit http://win-prize-now.example/claim and enter your bank card today",
]

# kind -> number of rows; every incomplete row has exactly one defect
INCOMPLETE_KINDS = [
    ("empty_content", 4),
    ("empty_media", 4),
    ("empty_occurred", 3),
    ("no_location", 4),
    ("empty_name", 3),
    ("empty_phone", 3),
    ("invalid_phone", 5),
    ("foreign", len(FOREIGN)),
]
SPECIAL_VALID_KINDS = [("unaccented", len(UNACCENTED_VI)), ("nfd", 5), ("urgent", 17),
                       ("utc_time", 2)]

NATIONAL_DAY_START = datetime(2026, 8, 29, tzinfo=TZ)  # 29/8–2/9/2026, days off
NATIONAL_DAY_DAYS = 5
PERIOD_START = datetime(2026, 8, 1, tzinfo=TZ)
PERIOD_DAYS = 92  # 1/8–31/10/2026

HOUR_WEIGHTS = [2, 1.5, 1.5, 1.5, 1.5, 2, 3, 8, 8, 8, 8, 8, 5, 8, 8, 8, 8, 8, 6, 6, 6, 6, 3, 3]


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def lc_commune(name):
    """'Phường An Xuyên' -> 'phường An Xuyên' for running text."""
    return name[:1].lower() + name[1:]


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        prng = random.Random(seed + 1)
        self.hamlets = {}
        for c in COMMUNES:
            self.hamlets[c[0]] = prng.sample(HAMLET_NAMES, 5)
        self.people = [self._person(prng) for _ in range(220)]

    # -- people ------------------------------------------------------------
    def _person(self, r):
        female = r.random() < 0.5
        sur = r.choice(SURNAMES)
        if female:
            name = f"{sur} {r.choice(MIDDLE_F)} {r.choice(GIVEN_F)}"
        else:
            name = f"{sur} {r.choice(MIDDLE_M)} {r.choice(GIVEN_M)}"
        if r.random() < 0.07:
            area = r.choice(["290", "290", "291"])
            digits = "0" + area + "3" + r.choice("86") + "".join(r.choice("0123456789") for _ in range(5))
            return name, digits, True
        digits = r.choice(MOBILE_PREFIXES) + "".join(r.choice("0123456789") for _ in range(7))
        return name, digits, False

    def fmt_phone(self, digits, fixed):
        r = self.rng.random()
        if fixed:  # 0290 3831 234 (11 digits)
            a, b, c = digits[:4], digits[4:8], digits[8:]
            if r < 0.45:
                return f"{a} {b} {c}"
            if r < 0.7:
                return digits
            if r < 0.85:
                return f"{a}.{b}.{c}"
            return f"+84 {a[1:]} {b} {c}"
        n = digits
        if r < 0.45:
            return n
        if r < 0.57:
            return f"{n[:3]} {n[3:6]} {n[6:]}"
        if r < 0.67:
            return f"{n[:4]}.{n[4:7]}.{n[7:]}"
        if r < 0.75:
            return f"{n[:4]} {n[4:7]} {n[7:]}"
        if r < 0.79:
            return f"{n[:4]}-{n[4:7]}-{n[7:]}"
        if r < 0.88:
            return "+84" + n[1:]
        if r < 0.95:
            return f"84 {n[1:4]} {n[4:7]} {n[7:]}"
        return f"+84 {n[1:4]} {n[4:7]} {n[7:]}"

    # -- places ------------------------------------------------------------
    def pick_commune(self):
        weights = [COMMUNE_WEIGHT.get(c[0], 1.5) for c in COMMUNES]
        return self.rng.choices(COMMUNES, weights=weights)[0]

    def place_slots(self, com):
        r = self.rng
        name, lat, lon, kind, coastal, roads, canals = com
        ham = r.choice(self.hamlets[name])
        khom = r.randint(1, 12)
        lc = lc_commune(name)
        short = name.split(" ", 1)[1]
        if kind == "urban" or (kind == "town" and r.random() < 0.5):
            place = f"khóm {khom}"
            area = f"khóm {khom}, {lc}"
            near = r.choice(URBAN_LANDMARKS)
        else:
            place = f"ấp {ham}"
            area = f"ấp {ham}, {lc}"
            near = r.choice(RURAL_LANDMARKS)
        if roads and (kind == "urban" or r.random() < 0.6):
            road = r.choice(roads)
        elif place.startswith("khóm"):
            road = r.choice([f"tuyến đường nội ô {place}", f"hẻm chính {place}"])
        else:
            road = r.choice([f"lộ bê tông ấp {ham}", f"tuyến lộ ấp {ham}", f"đường liên ấp {ham}"])
        others = [x for x in roads if x != road]
        street2 = r.choice(others) if others else f"đường vào ấp {ham}"
        water_words = ("Kinh", "Rạch", "Xẻo", "Vàm", "Mương", "Lung", "Bờ")
        canal = r.choice(canals + ([] if ham.startswith(water_words) else [f"kênh {ham}"]))
        # address
        num = r.randint(1, 320)
        if kind == "urban" or place.startswith("khóm"):
            road_cap = cap(road)
            form = r.random()
            if road.startswith("đường") and form < 0.45:
                address = f"Số {num} {road}, {place}"
            elif road.startswith("đường") and form < 0.6:
                address = f"Hẻm {r.randint(1, 60)} {road}, {place}"
            elif form < 0.8:
                address = f"{road_cap}, {near}" if place in road else f"{road_cap}, {near}, {place}"
            elif place in road:
                address = f"Số {num} {road}"
            else:
                address = f"Số {num}/{r.randint(1, 40)} {road}, {place}"
        else:
            form = r.random()
            if form < 0.4:
                address = f"Ấp {ham}, {near}"
            elif form < 0.75:
                address = cap(road) if ham in road else f"{cap(road)}, ấp {ham}"
            else:
                address = f"Số {num}, ấp {ham}"
        if r.random() < 0.25:
            address += f", {lc}"
        if hospital_region(name) == "bac_lieu":
            hospital = r.choice(HOSPITALS["bac_lieu"])
        else:
            hospital = r.choice(HOSPITALS["ca_mau"])
        return {
            "road": road, "Road": cap(road), "near": near, "area": area, "Area": cap(area),
            "place": place, "canal": canal, "street2": street2, "commune_lc": lc,
            "commune_short": short, "hospital": hospital, "address": address,
            "coastal": coastal,
        }

    def coords(self, com):
        r = self.rng
        lat = min(9.595, max(8.605, com[1] + r.uniform(-0.015, 0.015)))
        lon = min(105.795, max(104.705, com[2] + r.uniform(-0.015, 0.015)))
        d = r.choice([4, 5, 5, 6, 6, 6])
        return f"{lat:.{d}f}", f"{lon:.{d}f}", lat, lon

    # -- texts ---------------------------------------------------------------
    def fill(self, tpl, slots):
        r = self.rng
        since = r.choice(SINCE).format(h=r.randint(5, 10))
        vals = dict(slots)
        vals.update({
            "since": since, "since_cap": cap(since), "req": r.choice(REQUESTS),
            "n": r.randint(2, 9), "m": r.randint(2, 9), "k": r.randint(2, 5),
            "h": r.randint(5, 10),
        })
        text = tpl.format(**vals)
        # "lộ bê tông ấp X đoạn qua ấp X" -> "lộ bê tông ấp X"
        for road in (slots["road"], slots["Road"]):
            for joint in (" đoạn qua ", " đoạn "):
                text = text.replace(road + joint + slots["place"], road)
        return text

    def content(self, field, slots, urgent=False):
        r = self.rng
        for _ in range(20):
            if urgent:
                field, tpl = r.choice(URGENT_TEMPLATES)
                text = self.fill(tpl, slots)
            elif field in NO_KEYWORD_TEMPLATES and r.random() < 0.2:
                text = self.fill(r.choice(NO_KEYWORD_TEMPLATES[field]), slots)
            else:
                text = self.fill(r.choice(TEMPLATES[field]), slots)
                opener = r.choice(OPENERS).format(commune_lc=slots["commune_lc"])
                if opener.startswith("Tôi là") and slots["commune_lc"] in text:
                    opener = ""  # the text names the commune already
                if opener and len(opener) + len(text) <= 400:
                    text = opener + text
            if not slots["coastal"] and any(w in text for w in SEA_WORDS):
                continue
            if 80 <= len(text) <= 400:
                return field, text
        raise RuntimeError("could not make a text of the right length")

    def media(self, when, n=None):
        r = self.rng
        if n is None:
            n = r.choices([1, 2, 3], weights=[55, 30, 15])[0]
        out = []
        for _ in range(n):
            ext = r.choices(["jpg", "mp4", "jpeg", "png"], weights=[80, 12, 4, 4])[0]
            out.append(f"https://camau-g.camau.gov.vn/media/{when:%Y/%m}/{r.getrandbits(64):016x}.{ext}")
        return out

    def fmt_bool(self, v):
        r = self.rng.random()
        if r < 0.8:
            return "1" if v else "0"
        if r < 0.92:
            return "true" if v else "false"
        return "có" if v else "không"

    # -- times ---------------------------------------------------------------
    def submitted(self, holiday=False):
        r = self.rng
        while True:
            if holiday:
                day = NATIONAL_DAY_START + timedelta(days=r.randrange(NATIONAL_DAY_DAYS))
            else:
                day = PERIOD_START + timedelta(days=r.randrange(PERIOD_DAYS))
                if day.weekday() >= 5 and r.random() < 0.3:
                    continue  # a little less on weekends
            hour = r.choices(range(24), weights=HOUR_WEIGHTS)[0]
            return day.replace(hour=hour, minute=r.randrange(60), second=r.randrange(60))


def hospital_region(commune_name):
    """Communes listed from Phường Bạc Liêu on were in the former Bạc Liêu province."""
    names = [c[0] for c in COMMUNES]
    first_bac_lieu = names.index("Phường Bạc Liêu")
    return "bac_lieu" if names.index(commune_name) >= first_bac_lieu else "ca_mau"


def fmt_time(dt, kind):
    if kind == "rfc3339":
        return dt.isoformat()
    if kind == "utc":
        return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if kind == "iso_space":
        return dt.strftime("%Y-%m-%d %H:%M")
    if kind == "iso_space_s":
        return dt.strftime("%Y-%m-%d %H:%M:%S")
    if kind == "dmy":
        return dt.strftime("%d/%m/%Y %H:%M:%S")
    if kind == "dmy_m":
        return dt.strftime("%d/%m/%Y %H:%M")
    raise ValueError(kind)


def truncate_for(kind, dt):
    """Formats without seconds carry minute precision; keep the instant consistent."""
    if kind in ("iso_space", "dmy_m"):
        return dt.replace(second=0)
    return dt


FIELD_WEIGHTS = {
    "GT": 16, "HTDT": 12, "MT": 12, "TTDT": 7, "DIEN": 9, "CN": 7, "DD": 4, "XD": 5, "YT": 4,
    "GD": 3, "ANTT": 7, "TL": 6, "ATTP": 3, "VT": 3, "NNTS": 3, "VHXH": 3, "KHAC": 3,
}


# urban wards see few shrimp ponds and sluice gates; rural communes few pavements
URBAN_FIELD_FACTOR = {"NNTS": 0.1, "TL": 0.4, "TTDT": 1.6, "HTDT": 1.3}
RURAL_FIELD_FACTOR = {"TTDT": 0.3, "HTDT": 0.6, "NNTS": 2.0, "TL": 1.8}


def build_rows(gen, n_rows, kinds, holiday_rows, period=None, id_fmt="CMG-2026-{:06d}", first_id=101):
    r = gen.rng
    fields = list(FIELD_WEIGHTS)
    fweights = [FIELD_WEIGHTS[f] for f in fields]
    foreign = list(FOREIGN)
    unaccented = list(UNACCENTED_VI)
    invalid_phones = list(INVALID_PHONES)
    records = []
    for i in range(n_rows):
        kind = kinds[i]
        com = gen.pick_commune()
        slots = gen.place_slots(com)
        if period is not None:
            start, days = period
            day = start + timedelta(days=r.randrange(days))
            hour = r.choices(range(24), weights=HOUR_WEIGHTS)[0]
            sub = day.replace(hour=hour, minute=r.randrange(60), second=r.randrange(60))
        else:
            sub = gen.submitted(holiday=i < holiday_rows)
        fmt = r.choices(["rfc3339", "iso_space", "iso_space_s", "dmy"], weights=[85, 8, 2, 5])[0]
        if kind == "utc_time":
            fmt = "utc"
        sub = truncate_for(fmt, sub)
        delay = timedelta(minutes=r.choice([r.randint(3, 59), r.randint(30, 300), r.randint(60, 2880)]))
        occ_fmt = fmt if r.random() < 0.8 else r.choice(["rfc3339", "iso_space", "dmy", "dmy_m"])
        occ = truncate_for(occ_fmt, sub - delay)

        kw = URBAN_FIELD_FACTOR if com[3] == "urban" else RURAL_FIELD_FACTOR
        field = r.choices(fields, weights=[w * kw.get(f, 1.0) for f, w in zip(fields, fweights)])[0]
        urgent = kind == "urgent"
        if kind == "unaccented":
            field, text = unaccented.pop(0)
        elif kind == "foreign":
            text = foreign.pop(0)
            field = None
        else:
            field, text = gen.content(field, slots, urgent=urgent)
        if kind == "nfd":
            text = unicodedata.normalize("NFD", text)

        person = r.choice(gen.people)
        name = person[0]
        phone = gen.fmt_phone(person[1], person[2])

        lat_s, lon_s, _, _ = gen.coords(com)
        address = slots["address"]
        commune = com[0]
        loc = r.random()
        if loc < 0.68:
            pass
        elif loc < 0.82:
            lat_s = lon_s = ""
        elif loc < 0.94:
            address = ""
        else:
            address = ""
            commune = ""
        if commune and r.random() < 0.08:
            commune = ""
        if kind == "nfd":
            name = unicodedata.normalize("NFD", name)
            address = unicodedata.normalize("NFD", address)
            if i % 2 == 0:
                commune = unicodedata.normalize("NFD", commune)

        media = gen.media(sub)
        lower = text.lower()
        conf_p = 0.45 if any(h in lower for h in CONFIDENTIAL_HINTS) else 0.05
        confidential = r.random() < conf_p
        consent = r.random() < 0.6
        hint = ""
        if field and r.random() < 0.15:
            hint = field if r.random() < 0.85 else r.choice(fields)

        if kind == "empty_content":
            text = ""
        elif kind == "empty_media":
            media = []
        elif kind == "empty_occurred":
            occ_fmt = None
        elif kind == "no_location":
            lat_s = lon_s = address = commune = ""
        elif kind == "empty_name":
            name = ""
        elif kind == "empty_phone":
            phone = ""
        elif kind == "invalid_phone":
            phone = invalid_phones.pop(0)

        records.append({
            "_sub": sub, "_seq": i, "_kind": kind, "_field": field,
            "submitted_at": fmt_time(sub, fmt),
            "occurred_at": fmt_time(occ, occ_fmt) if occ_fmt else "",
            "content": text, "media": media, "latitude": lat_s, "longitude": lon_s,
            "address": address, "commune": commune, "reporter_name": name,
            "reporter_phone": phone, "confidential": confidential, "consent": consent,
            "urgent": urgent, "category_hint": hint,
        })
    records.sort(key=lambda x: (x["_sub"], x["_seq"]))
    seq = first_id
    for rec in records:
        rec["external_id"] = id_fmt.format(seq)
        seq += r.choice([1, 1, 1, 2, 3])
    return records


def make_kinds(rng, n_rows):
    kinds = []
    for k, c in INCOMPLETE_KINDS + SPECIAL_VALID_KINDS:
        kinds += [k] * c
    kinds += ["normal"] * (n_rows - len(kinds))
    rng.shuffle(kinds)
    return kinds


def write_csv(gen, records):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for rec in records:
        row = dict(rec)
        row["media"] = "|".join(rec["media"])
        for b in ("confidential", "consent", "urgent"):
            row[b] = gen.fmt_bool(rec[b])
        w.writerow([row[h] for h in HEADER])
    return buf.getvalue()


def write_jsonl(gen, records):
    lines = []
    for i, rec in enumerate(records):
        obj = {}
        for h in HEADER:
            v = rec[h]
            if h in ("latitude", "longitude"):
                if v == "":
                    continue
                v = float(v) if i % 3 != 2 else v  # most as numbers, some as strings
            if h == "category_hint" and v == "":
                continue
            obj[h] = v
        lines.append(json.dumps(obj, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main(argv):
    if "--jsonl-sample" in argv:
        gen = Gen(SAMPLE_SEED)
        kinds = ["normal"] * 20
        kinds[7] = "urgent"
        records = build_rows(gen, 20, kinds, 0,
                             period=(datetime(2026, 10, 1, tzinfo=TZ), 31),
                             id_fmt="CMG-JL-{:06d}", first_id=1)
        out = write_jsonl(gen, records)
    else:
        gen = Gen(SEED)
        kinds = make_kinds(gen.rng, N_ROWS)
        records = build_rows(gen, N_ROWS, kinds, holiday_rows=14)
        out = write_csv(gen, records)
    sys.stdout.buffer.write(out.encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv[1:])
