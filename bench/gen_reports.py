#!/usr/bin/env python3
"""Benchmark data for `phananh ingest`: N reports in the ingest CSV format (SPEC §6), content
about 400 bytes of Vietnamese text, about 7% incomplete, deterministic for a given N.

    python3 bench/gen_reports.py 1000000 > bench-data/reports-1m.csv
"""
import random
import sys

SUBJECTS = [
    "Đường Lý Thường Kiệt", "Quốc lộ 1A đoạn qua phường Tân Thành", "Hẻm 12 đường Nguyễn Tất Thành",
    "Khu dân cư khóm 5", "Chợ phường An Xuyên", "Tuyến kênh Xáng Phụng Hiệp", "Cầu Gành Hào",
]
PROBLEMS = [
    "có nhiều ổ gà lớn, xe máy đi qua rất nguy hiểm nhất là vào ban đêm",
    "bị ngập nước sau cơn mưa chiều qua, nước ngập sâu hơn nửa bánh xe",
    "rác thải đổ bừa bãi ven kênh bốc mùi hôi thối ảnh hưởng sức khỏe người dân",
    "đèn đường bị hư đã hơn hai tuần nhưng chưa được sửa chữa",
    "nước máy có màu đục và mùi lạ, người dân không dám sử dụng để nấu ăn",
    "các hộ kinh doanh lấn chiếm vỉa hè, người đi bộ phải đi xuống lòng đường",
]
TAILS = [
    "Kính đề nghị cơ quan chức năng kiểm tra và xử lý sớm để bảo đảm an toàn cho người dân.",
    "Người dân trong khu vực đã nhiều lần phản ánh nhưng tình trạng vẫn chưa được khắc phục.",
    "Mong các cơ quan có thẩm quyền quan tâm, sớm có biện pháp giải quyết dứt điểm.",
]
HEADER = ("external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,"
          "commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(17)
    out = sys.stdout
    out.write(HEADER + "\n")
    for i in range(n):
        day = 1 + i * 90 // n
        month, dom = (8 + (day - 1) // 30, 1 + (day - 1) % 30)
        hh, mm = rng.randrange(24), rng.randrange(60)
        submitted = f"2026-{month:02d}-{dom:02d}T{hh:02d}:{mm:02d}:00+07:00"
        occurred = f"2026-{month:02d}-{dom:02d}T{max(hh - 1, 0):02d}:{mm:02d}:00+07:00"
        content = " ".join([rng.choice(SUBJECTS), rng.choice(PROBLEMS) + ".",
                            rng.choice(TAILS), rng.choice(TAILS), rng.choice(PROBLEMS) + "."])
        media = f"https://camau-g.camau.gov.vn/media/{i:08x}.jpg"
        phone = f"09{rng.randrange(10**8):08d}"
        name = "Nguyễn Văn An"
        roll = rng.random()
        if roll < 0.02:
            media = ""
        elif roll < 0.04:
            phone = "12345"
        elif roll < 0.055:
            content = "The road in front of my house is flooded again, please fix it soon."
        elif roll < 0.068:
            name = ""
        out.write(f'BENCH-{i:08d},{submitted},{occurred},"{content}",{media},9.{rng.randrange(10**4):04d},'
                  f'105.{rng.randrange(10**4):04d},"Số {i % 300} đường Phan Ngọc Hiển",Phường An Xuyên,'
                  f'{name},{phone},0,1,{1 if rng.random() < 0.05 else 0},\n')


if __name__ == "__main__":
    main()
