//! The Vietnamese help. The argument structs' doc comments are the English help (`--lang
//! en`); this module owns the Vietnamese text of every command, argument and explained value
//! (`--format html`: what it is for, in `--help`), keyed by the command's path and the
//! argument's id, and lays it, with clap's own words ("Usage", "Options", "Commands", "Print
//! help", "[default: …]"), over the built `clap::Command` before the arguments are parsed. It also words clap's usage errors in Vietnamese. It
//! decides no behaviour: a missing entry leaves the English text, and the coverage test
//! below fails.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

/// A command's Vietnamese about (first paragraph: the short help; all of it: `--help`) and,
/// when its examples carry English words, its Vietnamese `after_help`; otherwise the English
/// examples are kept with their heading translated (commands and values read the same).
struct CommandText {
    path: &'static str,
    about: &'static str,
    after_help: Option<&'static str>,
}

const fn cmd(path: &'static str, about: &'static str) -> CommandText {
    CommandText {
        path,
        about,
        after_help: None,
    }
}

const fn cmd_ex(path: &'static str, about: &'static str, after_help: &'static str) -> CommandText {
    CommandText {
        path,
        about,
        after_help: Some(after_help),
    }
}

const COMMANDS: &[CommandText] = &[
    cmd_ex(
        "",
        "phananh — tiếp nhận, xử lý phản ánh hiện trường tỉnh Cà Mau (QĐ 17/2022/QĐ-UBND).\n\nCông cụ quản trị hệ thống phản ánh hiện trường của tỉnh: nạp phản ánh từ ứng dụng, kiểm tra, phân loại, phân phối, ghi kết quả của cơ quan xử lý, kiểm tra và duyệt kết quả, công khai, và giữ nhật ký hệ thống nối chuỗi băm, chỉ ghi thêm, cho mọi bước. Bắt đầu bằng `phananh demo`; hướng dẫn đầy đủ: docs/huong-dan.md.",
        concat!(
            "Ví dụ:
  # tạo phananh-demo.sqlite và chạy thử
  phananh demo
  # một cơ sở dữ liệu mới, trống
  phananh init --admin admin
  # nạp tệp xuất từ ứng dụng
  phananh --as tiepnhan.lan ingest export.csv
  # tiếp nhận hoặc từ chối
  phananh --as tiepnhan.lan validate
  # phân loại theo từ khóa
  phananh --as tiepnhan.lan classify --suggest --apply
  # phân phối
  phananh --as tiepnhan.lan assign 42 --agency SXD
  # kết quả của cơ quan
  phananh --as xuly.sxd.hung reply 42 --text \"Đã vá\"
  # những gì chờ duyệt kết quả
  phananh --as tiepnhan.lan list --status replied
  # một phản ánh, theo mã ứng dụng
  phananh --as tiepnhan.lan show ext:CMG-2026-000123

",
            crate::exit_statuses_help_vi!()
        ),
    ),
    cmd(
        "init",
        "Tạo cơ sở dữ liệu và tài khoản quản trị đầu tiên (thư mục chứa phải có sẵn: tạo bằng mkdir -p -m 700).",
    ),
    cmd_ex(
        "demo",
        "Tạo cơ sở dữ liệu chạy thử từ dữ liệu mẫu kèm theo và chạy qua tháng 8–10/2026.",
        "Ví dụ:
  # dữ liệu mẫu kèm theo, tháng 8–10/2026
  phananh demo
  # phản ánh của bạn (định dạng CSV của ingest), chạy như vậy
  phananh demo --db thu.sqlite --reports my.csv",
    ),
    cmd("field", "Lĩnh vực dùng để phân loại phản ánh."),
    cmd(
        "field add",
        "Thêm một lĩnh vực; đổi tên hay từ khóa của lĩnh vực đã có thì cần --yes.",
    ),
    cmd("field list", "Liệt kê các lĩnh vực cùng từ khóa."),
    cmd(
        "field import",
        "Nạp lĩnh vực từ tệp CSV có các cột code,name,keywords.",
    ),
    cmd(
        "agency",
        "Cơ quan xử lý phản ánh (sở, ban, ngành; xã, phường).",
    ),
    cmd(
        "agency add",
        "Thêm một cơ quan; sửa cơ quan đã có thì cần --yes.",
    ),
    cmd(
        "agency list",
        "Liệt kê cơ quan: cấp tỉnh trước, rồi cấp huyện (trước tháng 7/2025), cấp xã.",
    ),
    cmd(
        "agency import",
        "Nạp cơ quan từ tệp CSV có các cột code,name,level,parent[,from,until].",
    ),
    cmd("staff", "Tài khoản cán bộ và vai trò của họ."),
    cmd(
        "staff add",
        "Thêm một tài khoản; sửa (hay mở khóa) tài khoản đã có thì cần --yes.",
    ),
    cmd("staff list", "Liệt kê tài khoản."),
    cmd(
        "staff edit",
        "Gắn hoặc gỡ tài khoản hệ điều hành (login) của một tài khoản cán bộ.",
    ),
    cmd(
        "staff logins",
        "Liệt kê các tài khoản hệ điều hành được gắn với từng tài khoản cán bộ.",
    ),
    cmd_ex(
        "staff import",
        "Nạp tài khoản từ tệp CSV có các cột username,name,role,agency và cột logins (không bắt buộc): tài khoản hệ điều hành gắn với mỗi tài khoản cán bộ, cần khi auth.mode là peer.",
        "Nhiều tài khoản hệ điều hành trong một ô logins thì cách nhau bằng dấu cách hoặc | (không dùng ;), ví dụ ô minh|minh2.\n\nVí dụ:\n  phananh --as admin staff import examples/staff.csv",
    ),
    cmd(
        "staff disable",
        "Khóa một tài khoản: không thao tác được nữa, vẫn còn trong nhật ký hệ thống.",
    ),
    cmd(
        "staff enable",
        "Mở khóa lại một tài khoản đã khóa, giữ vai trò và cơ quan như trước.",
    ),
    cmd(
        "service",
        "Mã dịch vụ Open311 GeoReport v2 và lĩnh vực tương ứng (nạp và xuất).",
    ),
    cmd(
        "service add",
        "Thêm một mã dịch vụ Open311; đổi lĩnh vực hay tên của mã đã có thì cần --yes.",
    ),
    cmd(
        "service list",
        "Liệt kê mã dịch vụ và lĩnh vực của chúng; --format open311-json hoặc open311-xml in danh sách dịch vụ theo chuẩn GeoReport v2 (services.json, services.xml).",
    ),
    cmd(
        "service import",
        "Nạp mã dịch vụ từ tệp CSV có các cột service_code,field,name.",
    ),
    cmd_ex(
        "ingest",
        "Nạp phản ánh do ứng dụng xuất ra (CSV, JSON Lines, mảng JSON, hoặc Open311 GeoReport v2).",
        "Ví dụ:
  phananh --as tiepnhan.lan ingest export-2026-10-05.csv reports.jsonl
  # lưu và kiểm tra trong một lượt
  phananh --as tiepnhan.lan ingest --validate export-2026-10-05.csv
  phananh --as tiepnhan.lan ingest --input-format open311 requests.json",
    ),
    cmd(
        "validate",
        "Kiểm tra tính đầy đủ của phản ánh mới nhận (Đ6) và tiếp nhận hoặc từ chối.",
    ),
    cmd(
        "classify",
        "Gán lĩnh vực cho phản ánh, hoặc gợi ý lĩnh vực theo từ khóa.",
    ),
    cmd("assign", "Chuyển phản ánh cho cơ quan phải xử lý (Đ7.1.b)."),
    cmd(
        "answer",
        "Cổng trả lời trực tiếp một phản ánh (Đ7.1.b, đoạn hai).",
    ),
    cmd(
        "mark",
        "Đánh dấu phản ánh liên quan bí mật nhà nước (Đ9.3): từ đó không bao giờ công khai.\n\nTrên màn hình dòng lệnh, phản ánh được hiện ra trước và chỉ được đánh dấu khi gõ c (hoặc y) rồi Enter; trả lời khác (chỉ Enter, k, Ctrl-D) thì không ghi gì, mã thoát 1. --yes: không hỏi. Không có màn hình (kịch bản, cron) thì không hỏi.",
    ),
    cmd(
        "return",
        "Chuyển trả phản ánh về Cổng: không thuộc thẩm quyền của cơ quan (Đ8.1.b).",
    ),
    cmd(
        "reply",
        "Ghi kết quả xử lý của cơ quan cho phản ánh (Đ8.1.c).\n\nKết quả gõ bằng --text, hoặc lấy từ tệp bằng --text-file (tệp .txt, mã UTF-8). Ảnh sau xử lý: đưa ảnh lên trang của cơ quan hay kho ảnh dùng chung rồi ghi đường dẫn (https://…) của từng ảnh vào nội dung trả lời; Cổng công khai nguyên văn kết quả, kể cả các đường dẫn ấy, nên người dân mở được ảnh. Mỗi phản ánh chỉ trả lời một lần: muốn sửa kết quả đã gửi, hãy nhờ bộ phận tiếp nhận của Cổng gửi lại phản ánh cho cơ quan.",
    ),
    cmd(
        "verify",
        "Kiểm tra kết quả của cơ quan trước khi công khai: duyệt, hoặc yêu cầu xử lý lại (Đ9.1).",
    ),
    cmd(
        "publish",
        "Công khai kết quả đã duyệt, hoặc chỉ gửi cho người phản ánh khi người phản ánh yêu cầu giữ bí mật (Đ9.2–9.4).",
    ),
    cmd(
        "unpublish",
        "Gỡ kết quả đã công khai khỏi công khai (Đ9.2): từ đó chỉ người phản ánh nhận kết quả.\n\nDùng khi người được nêu tên trong văn bản đã công khai, hoặc người phản ánh, đề nghị gỡ (Luật Bảo vệ dữ liệu cá nhân). Phản ánh chuyển sang \"Đã phản hồi riêng\"; vẫn được tính như cũ trong báo cáo, chấm điểm và vẫn ghi được đánh giá. Không thể hoàn tác: trên màn hình dòng lệnh, phản ánh được hiện ra trước và chỉ được gỡ khi gõ c (hoặc y) rồi Enter; trả lời khác (chỉ Enter, k, Ctrl-D) thì không ghi gì, mã thoát 1. --yes: không hỏi. Không có màn hình (kịch bản, cron) thì không hỏi.",
    ),
    cmd("rate", "Ghi đánh giá của người dân, từ 1 đến 5 (Đ10)."),
    cmd(
        "duplicate",
        "Gộp một phản ánh vào phản ánh trước đó về cùng sự việc.\n\nTrên màn hình dòng lệnh, hai phản ánh được hiện cạnh nhau trước (kèm cảnh báo khi khác xã, phường) và chỉ được gộp khi gõ c (hoặc y) rồi Enter; trả lời khác (chỉ Enter, k, Ctrl-D) thì không ghi gì, mã thoát 1. --yes: không hỏi. Không có màn hình (kịch bản, cron) thì không hỏi.",
    ),
    cmd("show", "Xem một phản ánh cùng lịch sử xử lý."),
    cmd(
        "list",
        "Liệt kê phản ánh: chưa kết thúc trước, đã kết thúc sau, khẩn trước trong mỗi phần; có bộ lọc.\n\nVới tài khoản được kiểm tra tiếp nhận, phản ánh đang chờ ở bộ phận tiếp nhận (chờ kiểm tra, chờ phân phối) có thể trùng với một phản ánh gửi trước (cùng nội dung và xã, phường, trước không quá 7 ngày) được đánh dấu \"[trùng N?]\" ở đầu nội dung (CSV và JSON: repeat_of); không đánh dấu khi có hơn 5.000 phản ánh đang chờ, như validate giới hạn gợi ý của mình.",
    ),
    cmd(
        "audit",
        "Nhật ký hệ thống: sự kiện của một phản ánh, hoặc kiểm tra toàn bộ chuỗi.",
    ),
    cmd_ex(
        "audit log",
        "In mọi sự kiện của một phản ánh, cũ trước; không nêu phản ánh thì in các sự kiện không thuộc phản ánh nào (tài khoản, thiết lập, lịch, xuất đầy đủ, sao lưu, khôi phục); với --actor, mọi sự kiện một tài khoản đã ghi. Bảng ghi hành động và trạng thái bằng chữ; --format csv hoặc json cho giá trị lưu trữ mà dấu niêm phong tính trên đó.",
        "Ví dụ:\n  phananh --as tiepnhan.lan audit log ext:CMG-2026-000123\n  phananh --as noivu.thao --format csv audit log --actor tiepnhan.yen \\\n      --from 2026-01-01 --to 2026-12-31",
    ),
    cmd_ex(
        "audit verify",
        "Kiểm tra toàn bộ chuỗi băm, mọi dòng phản ánh, mọi dòng của các bảng quyết định ai được làm gì và cái gì được tính, và mọi thời hạn; nếu có gì bị sửa ngoài phananh thì thoát với mã 5 và nêu sự kiện hoặc dòng đầu tiên bị sửa. Mở tệp ở chế độ chỉ đọc.",
        "Ví dụ:\n  phananh --as noivu.thao audit verify\n  phananh --as noivu.thao audit verify --checkpoint head-2026-12-01.json \\\n      --pubkey phananh-audit.key.pub\n  phananh --as cron.tiepnhan audit verify --quiet",
    ),
    cmd_ex(
        "audit keygen",
        "Tạo một cặp khóa minisign không mật khẩu: khóa bí mật vào TỆP (quyền 0600), khóa công khai vào TỆP.pub. Hãy giữ khóa công khai ở ngoài máy này.",
        "Ví dụ:\n  phananh audit keygen --out /etc/phananh/audit.key",
    ),
    cmd_ex(
        "audit checkpoint",
        "Kiểm tra chuỗi, rồi ghi điểm đầu chuỗi (số và mã băm của sự kiện cuối, thời điểm, số lượng) vào TỆP và chữ ký minisign của nó vào TỆP.minisig.",
        "Ví dụ:\n  phananh --as cron.tiepnhan audit checkpoint --key /etc/phananh/audit.key \\\n      --out /srv/checkpoints/head-$(date +%F).json",
    ),
    cmd(
        "audit reveals",
        "Ai đã xem danh tính người phản ánh nào, lúc nào và vì sao: mọi lần xem (`show --reveal`) và xuất đầy đủ (`export csv`), cho thanh tra và cho yêu cầu của chính người phản ánh; không bao giờ in ra danh tính. Quản trị viên và cán bộ Sở Nội vụ.",
    ),
    cmd_ex(
        "audit late",
        "Từng bước trễ hạn của một kỳ, đúng như danh sách trễ hạn (mục 6.1) của báo cáo định kỳ, kèm tài khoản có sự kiện dừng thời hạn (\"chưa ai xử lý\" nếu bước còn mở), hạn, lúc xong và trễ bao lâu. Quản trị viên và cán bộ Sở Nội vụ: tài khoản cán bộ không đưa vào báo cáo gửi lãnh đạo.",
        "Ví dụ:\n  phananh --as noivu.thao audit late --period 2026\n  phananh --as noivu.thao --format csv audit late --period 2026-Q4",
    ),
    cmd(
        "calendar",
        "Lịch làm việc dùng để tính hạn: ngày nghỉ, ngày làm việc, thời hạn.",
    ),
    cmd_ex(
        "calendar show",
        "Mọi ngày nghỉ trong năm kèm lý do, và các ngày thứ Bảy làm bù.",
        "Ví dụ:\n  phananh --as admin calendar show 2026\n  # năm nay\n  phananh calendar show",
    ),
    cmd(
        "calendar add-holiday",
        "Đặt một ngày là ngày nghỉ (ví dụ ngày lễ công bố muộn). Chỉ quản trị viên; hạn đang chạy được tính lại.\n\nBị từ chối nếu không có --yes khi trông như gõ nhầm: ngày đã là ngày nghỉ (thứ Bảy, Chủ nhật, ngày đã nhập), hoặc tên ghi Tết mà ngày cách mùng 1 Tết quá 10 ngày.",
    ),
    cmd_ex(
        "calendar add-workday",
        "Đặt một ngày là ngày làm việc (ví dụ thứ Bảy làm bù). Chỉ quản trị viên; hạn đang chạy được tính lại.\n\nBị từ chối nếu không có --yes khi trông như gõ nhầm: ngày đã là ngày làm việc, hoặc tên ghi một ngày (12/2/2027) vẫn là ngày làm việc.",
        "Ví dụ:\n  # hoán đổi đã công bố: nghỉ thứ Sáu 12/2/2027, làm bù thứ Bảy 20/2/2027;\n  # nhập ngày nghỉ trước, không thì ngày làm bù ghi cho một ngày vẫn là ngày\n  # làm việc\n  phananh --as admin calendar add-holiday 2027-02-12 \\\n      --name \"Tết Nguyên đán (hoán đổi với T7 20/2)\"\n  phananh --as admin calendar add-workday 2027-02-20 \\\n      --name \"làm bù cho 12/2/2027\"",
    ),
    cmd_ex(
        "calendar remove",
        "Bỏ dòng của quản trị viên cho một hay nhiều ngày (trở về lịch đã công bố hoặc quy tắc), trong một bước: bỏ tất cả, hoặc không bỏ ngày nào nếu có ngày không có dòng.",
        "Ví dụ:\n  phananh --as admin calendar remove 2026-11-24\n  # bỏ cả một lần hoán đổi: cả hai ngày, hoặc không ngày nào\n  phananh --as admin calendar remove 2027-02-12 2027-02-20",
    ),
    cmd(
        "calendar import",
        "Nạp lịch: CSV có các cột date,type,occasion,source (type là off, work hoặc pending; đọc được cả dạng kèm theo với weekday và off_weekday/makeup_workday). Nạp tất cả hoặc không gì: mọi dòng sai được nêu ra và không lưu gì.\n\nDòng ghi Tết mà ngày cách mùng 1 Tết quá 10 ngày, hay ngày làm bù mà tên ghi một ngày vẫn là ngày làm việc, bị từ chối nếu không có --yes.",
    ),
    cmd_ex(
        "calendar rejudge",
        "Chấm lại, theo lịch hiện hành, các hạn đã dừng được tính qua những ngày đã cho mà lịch hiện hành cho ra hạn khác (hạn và trễ/đúng hạn), trong một sự kiện được niêm phong: sau một thay đổi không kèm --rejudge mà hóa ra là sửa lỗi nhập nhầm. Chỉ quản trị viên.",
        "Ví dụ:\n  # một thứ Bảy nhập nhầm là ngày làm việc, đã bỏ; chấm lại các hạn nó làm trễ\n  phananh --as admin calendar rejudge 2027-01-02",
    ),
    cmd(
        "calendar deadline",
        "Tính thời hạn của một giai đoạn bắt đầu tính hạn vào lúc đã cho, kèm diễn giải: từng ngày được xét, vì sao bị bỏ qua hoặc được tính bao nhiêu phút làm việc.",
    ),
    cmd_ex(
        "sweep",
        "Nhắc các hạn sắp đến hoặc đã quá (cron chạy; Đ13.3). Mặc định chỉ in những nhắc lần chạy này vừa ghi, mỗi dòng kèm thời điểm chạy.",
        concat!(
            "Ví dụ:
  # nhắc và liệt kê
  phananh --as tiepnhan.lan sweep
  # mọi hạn đã đến, không ghi gì
  phananh --as tiepnhan.lan sweep --all --dry-run
  # trong crontab: 10 phút một lần, ghi thêm những nhắc mới vào tệp CSV mà $CSV
  # chỉ tới, và gửi thư (stderr) nêu từng hạn mới bị quá
",
            crate::sweep_crontab!(),
            "
Mặc định chỉ in những lời nhắc lần chạy này vừa ghi, mỗi dòng kèm thời điểm chạy (swept_at), nên tệp mà cron ghi thêm vào chỉ lớn lên bằng cái mới. Dòng tóm tắt theo sau bảng ở đầu ra chuẩn; stderr mang lỗi, mỗi thời hạn của phản ánh khẩn lần chạy này vừa gắn cờ báo ngay một dòng (phản ánh, giai đoạn, thời hạn, cơ quan hoặc Cổng, việc phải làm: Đ7.2), và với --fail-on-breach mỗi hạn mới bị quá một dòng (phản ánh, giai đoạn, cơ quan hoặc Cổng, thời hạn; khẩn trước).

",
            crate::exit_statuses_help_vi!()
        ),
    ),
    cmd(
        "report",
        "Báo cáo định kỳ gửi UBND tỉnh: tháng, quý, 6 tháng, năm (Đ13.6).",
    ),
    cmd("report monthly", "Một tháng, ví dụ --period 2026-07."),
    cmd("report quarterly", "Một quý, ví dụ --period 2026-Q3."),
    cmd("report half-year", "Sáu tháng, ví dụ --period 2026-H1."),
    cmd("report annual", "Một năm, ví dụ --period 2026."),
    cmd("report range", "Khoảng ngày bất kỳ, tính cả hai đầu."),
    cmd(
        "score",
        "Điểm thi đua của các cơ quan gửi Sở Nội vụ (Đ13.7, Đ14): theo năm, 6 tháng hoặc quý; dạng bảng, CSV, JSON hoặc tệp Excel.",
    ),
    cmd_ex(
        "triage",
        "Hàng chờ của bộ phận tiếp nhận trên màn hình: kiểm tra, phân loại, phân phối từng phản ánh một.",
        "Phím: mũi tên và Enter để chọn; gõ chữ để lọc lĩnh vực và cơ quan, có dấu hay không. Ở các câu hỏi \
sau của một phản ánh (lĩnh vực, cơ quan, lý do từ chối, Khẩn cấp?), Esc quay lại câu hỏi đầu của phản ánh ấy, \
không giữ lại gì làm dở; Esc hoặc q ở câu hỏi đầu để rời bàn làm việc; Ctrl-C rời ở bất cứ đâu và trả lại màn \
hình như cũ.

Ví dụ:\n  phananh --as tiepnhan.lan triage",
    ),
    cmd(
        "route",
        "Bảng phân phối: lĩnh vực (và xã, phường) nào giao cho cơ quan nào (Đ7.1.b).",
    ),
    cmd(
        "route add",
        "Giao phản ánh của một lĩnh vực (ở một xã, phường, hoặc ở mọi nơi) cho một cơ quan. Chỉ quản trị viên; dòng sau cho cùng lĩnh vực và xã, phường thay dòng trước, khi có --yes.",
    ),
    cmd("route list", "Bảng phân phối."),
    cmd(
        "export",
        "Xuất dữ liệu công khai và nội bộ: Open311 GeoReport v2 (JSON, XML), CSV.",
    ),
    cmd(
        "export open311",
        "Dữ liệu công khai theo Open311 GeoReport v2 (như phản hồi `GET requests`): JSON, hoặc XML với --format xml; không có họ tên, số điện thoại người phản ánh, không có phản ánh được yêu cầu giữ bí mật, liên quan bí mật nhà nước, bị từ chối hay trùng lặp. Lọc theo mã yêu cầu, mã dịch vụ, trạng thái và ngày gửi như tham số của chuẩn.",
    ),
    cmd(
        "export csv",
        "CSV: với --public là cùng dữ liệu công khai; với --no-identity là mọi phản ánh với mọi cột nhưng không kèm danh tính người phản ánh (các vai trò xem được báo cáo, điểm thi đua); không có hai tùy chọn ấy là mọi phản ánh với mọi cột, họ tên và số điện thoại người phản ánh không che (chỉ quản trị viên và cán bộ tiếp nhận; có ghi nhật ký).",
    ),
    cmd(
        "export subject",
        "Trả lời yêu cầu của chính người phản ánh muốn biết cơ quan giữ gì về mình (Luật 91/2025/QH15): mọi phản ánh gửi từ SỐ điện thoại, viết kiểu gì cũng được, với ngày, trạng thái, nội dung, kết quả, lý do từ chối, đánh giá, tọa độ, yêu cầu giữ bí mật, khẩn cấp, ngày của từng bước xử lý, họ tên và số điện thoại, và ai đã xem danh tính ấy, lúc nào, vì sao (như `audit reveals --report`). Dạng bảng (mỗi phản ánh một khối) và CSV cho Excel là bản để trao; JSON và CSV chuẩn dành cho chương trình. Chỉ quản trị viên và cán bộ tiếp nhận; ghi nhật ký như một lần xem danh tính các phản ánh tìm thấy, `audit reveals` liệt kê.",
    ),
    cmd(
        "backup",
        "Sao chép cơ sở dữ liệu trong khi người khác vẫn làm việc (sao lưu trực tuyến của SQLite).",
    ),
    cmd(
        "restore",
        "Thay cơ sở dữ liệu bằng một bản sao lưu, sau khi bản ấy đạt yêu cầu kiểm tra toàn vẹn và kiểm tra nhật ký.",
    ),
    cmd(
        "completions",
        "Tập lệnh tự hoàn thành cho bash, zsh hoặc fish (hoàn thành cả giá trị: trạng thái, kỳ báo cáo, mã cơ quan).",
    ),
    cmd(
        "man",
        "Trang hướng dẫn man: phananh(1) và một trang cho mỗi lệnh, sinh từ cùng định nghĩa với --help.",
    ),
    cmd(
        "complete-values",
        "Các giá trị để tập lệnh tự hoàn thành gợi ý (trạng thái, kỳ báo cáo, mã cơ quan, lĩnh vực), mỗi dòng một giá trị.",
    ),
    cmd(
        "settings",
        "Cách tỉnh đọc quy định ([choice] trong docs/rules.md) và giá trị của chúng.",
    ),
    cmd_ex(
        "erase",
        "Xóa vĩnh viễn danh tính (họ tên, số điện thoại) người phản ánh, giữ nguyên phản ánh, mọi trường khác và nhật ký; mỗi lần xóa là một sự kiện ghi ai, vì sao (`audit reveals` liệt kê). Chỉ quản trị viên. Bản sao lưu làm trước vẫn giữ bản mã hóa cho tới khi bị hủy; tệp `….replaced-…` mà `restore` giữ bên cạnh cơ sở dữ liệu cũng vậy, và lệnh nêu từng tệp ấy (SECURITY.md).",
        "Ví dụ:\n  phananh --as admin erase 41 57 \\\n      --reason \"Người phản ánh yêu cầu xóa (đơn ngày 05/10/2026)\"\n  phananh --as admin erase --closed-before 2024-01-01 \\\n      --reason \"Hết thời hạn lưu giữ\" --dry-run\n  phananh --as admin --format json erase --closed-before 2024-01-01 --dry-run\n  phananh --as admin erase --closed-before 2024-01-01 \\\n      --reason \"Hết thời hạn lưu giữ\"",
    ),
    cmd(
        "key",
        "Tệp khóa mở danh tính người phản ánh: đổi khóa, lập khóa mới khi mất khóa.",
    ),
    cmd_ex(
        "key rotate",
        "Mã hóa lại khóa riêng của mọi phản ánh bằng một khóa mới; khóa cũ được giữ ở KHÓA.old cho các bản sao lưu làm trước. Chỉ quản trị viên. Bị ngắt giữa chừng thì lần chạy sau hoàn tất hoặc hoàn nguyên.",
        "Ví dụ:\n  phananh --as admin key rotate",
    ),
    cmd(
        "key reset",
        "Khi mất khóa (không có tệp khóa, hoặc không tệp nào mở được cơ sở dữ liệu này, kể cả KHÓA.old): tạo khóa mới và xóa vĩnh viễn mọi danh tính chỉ khóa đã mất mở được, như `erase` (mỗi phản ánh một sự kiện ghi lý do), để tiếp nhận, kiểm tra và các danh sách làm việc lại. Chỉ quản trị viên. Không có --yes: chỉ cho biết sẽ xóa bao nhiêu.",
    ),
    cmd(
        "identity",
        "Danh tính người phản ánh đã lưu: sửa họ tên hoặc số điện thoại lưu sai, hoặc ghi việc người phản ánh rút lại sự đồng ý chia sẻ danh tính, theo yêu cầu của người phản ánh (quản trị viên).",
    ),
    cmd_ex(
        "identity consent",
        "Ghi việc người phản ánh của một phản ánh rút lại sự đồng ý chia sẻ danh tính với cơ quan xử lý, hoặc khi được hỏi thì đồng ý (khoản 5 Điều 6; chỉ quản trị viên): từ đó cơ quan xử lý không còn xem được, hoặc xem được, họ tên, số điện thoại; ghi nhật ký ai ghi, lúc nào, vì sao, `audit reveals` liệt kê.",
        "Ví dụ:\n  phananh --as admin identity consent 41 --withdraw \\\n      --reason \"Theo đơn rút lại sự đồng ý ngày 05/12/2026, số 14/ĐYC\"\n  phananh --as admin identity consent 42 --give \\\n      --reason \"Tiếp nhận gọi điện ngày 06/12/2026, người phản ánh đồng ý\"",
    ),
    cmd_ex(
        "identity correct",
        "Sửa họ tên hoặc số điện thoại người phản ánh đã lưu của một phản ánh, theo yêu cầu của người phản ánh (chỉ quản trị viên): mã hóa lại bằng khóa của phản ánh, số điện thoại được kiểm tra như khi nạp; ghi nhật ký ai sửa, lúc nào, vì sao (không ghi giá trị), `audit reveals` liệt kê. Danh tính đã xóa, hoặc khóa không mở được, thì không sửa được.",
        "Ví dụ:\n  phananh --as admin identity correct 41 --phone-file so-dung.txt \\\n      --reason \"Số lưu mất số 0 ở đầu; người phản ánh xác nhận 05/10/2026\"\n  phananh --as admin identity correct ext:CMG-2026-000105 --name-file - \\\n      --reason \"Theo đơn yêu cầu ngày 03/12/2026, số 12/ĐYC\" < ho-ten.txt",
    ),
    cmd(
        "settings show",
        "Mọi thiết lập cùng giá trị, giá trị mặc định và ý nghĩa.",
    ),
    cmd(
        "settings set",
        "Đổi một thiết lập (chỉ quản trị viên); `settings show` liệt kê các khóa.",
    ),
];

/// Arguments: (command path, argument id, Vietnamese help). The path `*` stands for every
/// command that has the argument: the global options, clap's own `--help` and `--version`,
/// and the options several commands share through one argument struct (`--force`, the
/// periodic reports' `--out`, `--notes`), each under an id of its own.
const ARGS: &[(&str, &str, &str)] = &[
    (
        "*",
        "db",
        "Tệp cơ sở dữ liệu [mặc định: phananh.sqlite; phananh-demo.sqlite cho `demo`].",
    ),
    (
        "*",
        "user",
        "Tài khoản thao tác (tên đăng nhập của cán bộ); mọi thay đổi được ghi dưới tên này.",
    ),
    (
        "*",
        "now",
        "Thời điểm coi là hiện tại (RFC 3339), để chạy lại, nhập bù và kiểm thử [mặc định: giờ hiện tại].",
    ),
    ("*", "format", "Cách in danh sách."),
    (
        "*",
        "key_file",
        "Tệp khóa mở họ tên, số điện thoại người phản ánh, cất riêng khỏi cơ sở dữ liệu và bản sao lưu [mặc định: đường dẫn cơ sở dữ liệu thêm .key].",
    ),
    ("erase", "ids", "Số phản ánh, hoặc ext:MÃ_ỨNG_DỤNG."),
    (
        "identity consent",
        "id",
        "Số phản ánh, hoặc ext:MÃ_ỨNG_DỤNG.",
    ),
    ("identity consent", "withdraw", "Rút lại sự đồng ý."),
    (
        "identity consent",
        "give",
        "Ghi việc người phản ánh, được Cổng hỏi khi việc xử lý cần đến, nay đồng ý chia sẻ danh tính với cơ quan xử lý (khoản 5 Điều 6).",
    ),
    (
        "identity consent",
        "reason",
        "Lý do, dẫn đơn hoặc lời đề nghị của người phản ánh (ghi vào nhật ký hệ thống mà mọi vai trò đọc, `audit reveals` liệt kê; tối đa 300 ký tự và 3 dòng).",
    ),
    (
        "identity consent",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn): một câu ngắn dẫn đơn yêu cầu (tối đa 300 ký tự và 3 dòng), không phải chính lá đơn.",
    ),
    (
        "identity correct",
        "id",
        "Số phản ánh, hoặc ext:MÃ_ỨNG_DỤNG.",
    ),
    (
        "identity correct",
        "name",
        "Họ tên người phản ánh đúng như phải lưu (gõ ở đây thì hiện trong danh sách tiến trình và, qua sudo, trong nhật ký của sudo: nên dùng --name-file).",
    ),
    (
        "identity correct",
        "name_file",
        "Họ tên lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --reason-file lấy lý do: khi đó nó không nằm trên dòng lệnh.",
    ),
    (
        "identity correct",
        "phone",
        "Số điện thoại người phản ánh đúng như phải lưu (số Việt Nam, như khi nạp phản ánh; gõ ở đây thì hiện trong danh sách tiến trình: nên dùng --phone-file).",
    ),
    (
        "identity correct",
        "phone_file",
        "Số điện thoại lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --reason-file lấy lý do.",
    ),
    (
        "identity correct",
        "reason",
        "Lý do, dẫn đơn yêu cầu (ghi vào nhật ký hệ thống mà mọi vai trò đọc, `audit reveals` liệt kê; tối đa 300 ký tự và 3 dòng).",
    ),
    (
        "identity correct",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý: một câu ngắn dẫn đơn yêu cầu (tối đa 300 ký tự và 3 dòng), không phải chính lá đơn.",
    ),
    (
        "identity correct",
        "yes",
        "Vẫn sửa họ tên dù việc sửa làm ẩn chữ trong nội dung, địa chỉ hay kết quả của phản ánh với bản công khai và lãnh đạo (hoặc làm hiện chữ đang ẩn); thiếu --yes thì bị từ chối, kèm số chỗ trong từng phần.",
    ),
    (
        "erase",
        "closed_before",
        "Mọi phản ánh đã đóng (từ chối, công khai, phản hồi riêng, gộp trùng) trước ngày này (YYYY-MM-DD hoặc DD/MM/YYYY).",
    ),
    (
        "erase",
        "reason",
        "Lý do (ghi vào nhật ký hệ thống, `audit reveals` liệt kê).",
    ),
    (
        "erase",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý (ví dụ nội dung đơn yêu cầu).",
    ),
    (
        "erase",
        "without_key",
        "Vẫn xóa dù không có khóa danh tính (thiếu tệp, không phải khóa của cơ sở dữ liệu này, hoặc bị từ chối vì quyền tệp). Cái mất: không có khóa thì không ghi được chỗ họ tên người phản ánh đứng trong các văn bản công khai, nên họ tên đã được ẩn ở đó (viết đảo thứ tự, họ ít gặp) sẽ hiện lại trên bản công khai và với lãnh đạo; chỉ còn các cụm có dáng họ tên được ẩn. Không có tùy chọn này thì lệnh từ chối.",
    ),
    (
        "erase",
        "dry_run",
        "Cho biết danh tính của những phản ánh nào sẽ bị xóa, và vì sao phản ánh nào bị để lại, mà không xóa gì (không cần lý do): việc xóa không làm lại được.",
    ),
    (
        "*",
        "lang",
        "Ngôn ngữ của thông báo và bảng: vi (tiếng Việt) hoặc en (tiếng Anh).",
    ),
    (
        "*",
        "csv",
        "Cách ghi CSV: excel cho tệp mở bằng Excel cài đặt vùng Việt Nam (dấu chấm phẩy giữa các ô, dấu phẩy thập phân, BOM, CRLF), standard cho chương trình đọc (RFC 4180: dấu phẩy, dấu chấm thập phân, không đổi). Chỉ dùng nơi ghi CSV (--format csv, export csv, ingest --errors, --out TỆP.csv của score và report) [mặc định: standard; với score và report là thiết lập csv.style].",
    ),
    (
        "*",
        "replace_out",
        "Thay tệp --out nếu đã có (không bao giờ thay cơ sở dữ liệu, bản sao lưu hay tệp khóa).",
    ),
    (
        "*",
        "report_out",
        "Ghi ra tệp này thay vì đầu ra chuẩn (với --format html: tài liệu mở bằng trình duyệt để in, tên đuôi .html); tên đuôi .xlsx ghi tệp Excel, đuôi .csv, .json, .html ghi dạng ấy khi không có --format (đuôi .pdf, .docx, .xls, .ods bị từ chối: in tệp .html ra PDF).",
    ),
    (
        "*",
        "report_notes",
        "Tệp văn bản ghi các vấn đề tồn đọng, vướng mắc và đề xuất hướng giải quyết (khoản 6 Điều 13), mỗi đoạn một dòng: in thành mục 7 của tài liệu HTML (cùng --format html) và một trang của tệp Excel (cùng --out TÊN.xlsx); bảng, CSV và JSON không nhận.",
    ),
    (
        "*",
        "report_compare",
        "Thêm, bên cạnh số liệu tổng hợp, thời hạn theo giai đoạn và mức độ hài lòng, số liệu cùng kỳ năm trước và mức tăng, giảm (so với cùng kỳ năm trước); kỳ chưa kết thúc thì so với cùng những ngày ấy của năm trước. Chỉ so số tổng: cơ quan và xã, phường đã sắp xếp lại từ tháng 7/2025.",
    ),
    (
        "*",
        "report_quiet",
        "Không in gì ngoài lỗi (cho cron, vốn gửi thư mọi điều một tác vụ in ra): không báo tệp đã ghi, không nhắc cách mở tệp.",
    ),
    ("*", "import_file", "Tệp CSV UTF-8 có dòng tiêu đề."),
    ("*", "help", "In trợ giúp."),
    ("*", "version", "In phiên bản."),
    (
        "init",
        "admin",
        "Tên đăng nhập của tài khoản quản trị đầu tiên.",
    ),
    ("init", "name", "Họ tên của người quản trị đó."),
    (
        "demo",
        "reports",
        "Chạy các phản ánh này (định dạng CSV của ingest) thay cho dữ liệu mẫu kèm theo.",
    ),
    (
        "demo",
        "until",
        "Dừng chạy tại thời điểm này [mặc định: 31/10/2026 17:20 với dữ liệu mẫu; hai giờ sau phản ánh cuối cùng của --reports].",
    ),
    ("field add", "code", "Mã ngắn, ví dụ GT."),
    ("field add", "name", "Tên, ví dụ \"Giao thông\"."),
    (
        "field add",
        "keywords",
        "Từ khóa cho `classify --suggest`, cách nhau bởi dấu phẩy; khi so khớp không cần dấu.",
    ),
    (
        "agency add",
        "code",
        "Mã ngắn, ví dụ SXD, hoặc mã chính thức của xã, phường, ví dụ 32002.",
    ),
    ("agency add", "name", "Tên đầy đủ của cơ quan."),
    (
        "agency add",
        "level",
        "province (cấp tỉnh), district (cấp huyện, đã bỏ từ 1/7/2025, cho dữ liệu cũ) hoặc commune (cấp xã).",
    ),
    ("agency add", "parent", "Cơ quan cấp trên."),
    (
        "agency add",
        "from",
        "Ngày bắt đầu hoạt động (YYYY-MM-DD hoặc DD/MM/YYYY), cho cơ quan thành lập giữa kỳ; \"\" để xóa.",
    ),
    (
        "agency add",
        "until",
        "Ngày cuối hoạt động, cho cơ quan giải thể hoặc sáp nhập (cấp huyện: 2025-06-30); \"\" để xóa.",
    ),
    (
        "staff import",
        "yes",
        "Đổi vai trò hay cơ quan của tài khoản đã có như tệp ghi; thiếu --yes thì tệp như vậy bị từ chối, kèm thay đổi của từng tài khoản (cũ → mới).",
    ),
    (
        "staff add",
        "username",
        "Tên đăng nhập, ví dụ tiepnhan.lan.",
    ),
    ("staff add", "name", "Họ tên cán bộ."),
    (
        "staff add",
        "role",
        "admin (quản trị), reception (tiếp nhận), handler (xử lý), leader (lãnh đạo) hoặc auditor (Sở Nội vụ).",
    ),
    (
        "staff add",
        "agency",
        "Cơ quan của cán bộ (bắt buộc với cán bộ xử lý).",
    ),
    (
        "staff disable",
        "username",
        "Tên đăng nhập của tài khoản cần khóa.",
    ),
    (
        "staff enable",
        "username",
        "Tên đăng nhập của tài khoản cần mở khóa lại.",
    ),
    (
        "service add",
        "code",
        "Mã service_code của GeoReport v2 đúng như hệ thống kia viết, ví dụ pothole.",
    ),
    (
        "service add",
        "field",
        "Lĩnh vực mà mã đó chỉ, ví dụ GT (xem `phananh field list`).",
    ),
    (
        "service add",
        "name",
        "Tên dịch vụ theo hệ thống kia, ví dụ \"Ổ gà\".",
    ),
    (
        "service add",
        "yes",
        "Sửa mã nếu đã có; thiếu --yes thì việc sửa bị từ chối, kèm từng thay đổi cũ → mới.",
    ),
    (
        "ingest",
        "files",
        "Các tệp do ứng dụng xuất ra. Phản ánh đã có (cùng external_id) đọc lại y như cũ chỉ được đếm, không phải lỗi; khác nội dung thì là xung đột, được liệt kê như dòng lỗi. Họ tên và số điện thoại người phản ánh không được so sánh, để lệnh nạp không bao giờ cho biết một danh tính đoán thử có đúng là danh tính đã lưu hay không: họ tên hay số điện thoại đã sửa dưới một mã đã có vẫn được đếm là đã có. Dòng có số điện thoại mất số 0 ở đầu (tệp đã lưu lại bằng Excel) được để riêng, không lưu: hãy nạp tệp gốc.",
    ),
    (
        "ingest",
        "input_format",
        "Định dạng của tệp [mặc định: theo phần mở rộng: .csv, .jsonl/.ndjson, .json]; tệp Open311 luôn phải nêu rõ: --input-format open311.",
    ),
    (
        "ingest",
        "validate",
        "Đồng thời kiểm tra tiếp nhận (`phananh validate`) từng phản ánh mới khi lưu: nhật ký có cả hai bước, phản ánh ra khỏi lượt nạp ở trạng thái đã tiếp nhận hoặc bị từ chối. Cần tài khoản được phép kiểm tra. Như `validate`, nêu các phản ánh vừa tiếp nhận có thể trùng với một phản ánh gửi trước (JSON: `possible_repeats`), khi lượt chạy tiếp nhận không quá 5.000 phản ánh.",
    ),
    (
        "validate",
        "ids",
        "Các phản ánh cần kiểm tra (số hoặc ext:MÃ) [mặc định: mọi phản ánh Chờ kiểm tra].",
    ),
    (
        "classify",
        "ids",
        "Số phản ánh hoặc ext:MÃ (với --suggest: không bắt buộc, được nhiều).",
    ),
    (
        "classify",
        "field",
        "Mã lĩnh vực cần gán (xem `phananh field list`).",
    ),
    (
        "classify",
        "suggest",
        "Gợi ý lĩnh vực theo từ khóa trong nội dung, kèm điểm. Không nêu số: mọi phản ánh đã tiếp nhận chưa có lĩnh vực.",
    ),
    (
        "classify",
        "apply",
        "Cùng --suggest: áp dụng mỗi gợi ý rõ ràng (điểm cao nhất hẳn, ít nhất bằng thiết lập classify.auto_min_score, mặc định 1).",
    ),
    ("*", "id", "Số phản ánh, hoặc ext:MÃ_ỨNG_DỤNG."),
    (
        "assign",
        "agency",
        "Mã cơ quan phải xử lý (xem `phananh agency list`).",
    ),
    (
        "assign",
        "auto",
        "Cơ quan mà bảng phân phối giao cho lĩnh vực và xã, phường của phản ánh (`route list`).",
    ),
    (
        "assign",
        "urgent",
        "Khẩn (Đ7.2): luôn đứng đầu danh sách; Cổng gọi ngay cho lãnh đạo cơ quan.",
    ),
    (
        "answer",
        "text",
        "Nội dung trả lời, đúng như người dân sẽ đọc. Cần xuống dòng thì dùng --text-file (gõ \\n không xuống dòng).",
    ),
    (
        "answer",
        "text_file",
        "Nội dung trả lời lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn): bài viết bằng Word hãy chọn Tệp → Lưu Như (Save As) → Văn bản thuần (.txt), UTF-8 trước.",
    ),
    (
        "reply",
        "text",
        "Kết quả xử lý, đúng như người dân sẽ đọc. Cần xuống dòng thì dùng --text-file (gõ \\n không xuống dòng).",
    ),
    (
        "reply",
        "text_file",
        "Kết quả xử lý lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn): bài viết bằng Word hãy chọn Tệp → Lưu Như (Save As) → Văn bản thuần (.txt), UTF-8 trước.",
    ),
    (
        "mark",
        "state_secret",
        "Nội dung liên quan bí mật nhà nước (Đ9.3): không đầu ra công khai nào hiển thị nó.",
    ),
    (
        "mark",
        "yes",
        "Không hỏi: trên màn hình dòng lệnh, nếu không có tùy chọn này, phản ánh được hiện ra và phải xác nhận việc đánh dấu trước (không có màn hình thì không bao giờ hỏi).",
    ),
    (
        "return",
        "reason",
        "Lý do, vài chữ (được giữ trong nhật ký hệ thống mà mọi vai trò đọc: đừng ghi tên hay số điện thoại của ai vào đó).",
    ),
    (
        "return",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý.",
    ),
    (
        "verify",
        "approve",
        "Kết quả đúng và đủ: được phép công khai.",
    ),
    (
        "verify",
        "send_back",
        "Kết quả chưa đạt: yêu cầu cơ quan xử lý lại (thêm một lượt).",
    ),
    (
        "verify",
        "reason",
        "Lý do yêu cầu xử lý lại (bắt buộc cùng --send-back, hoặc --reason-file).",
    ),
    (
        "verify",
        "reason_file",
        "Lý do yêu cầu xử lý lại, lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý.",
    ),
    (
        "unpublish",
        "reason",
        "Lý do gỡ, vài chữ: ai đề nghị, vì sao (được giữ trong nhật ký hệ thống).",
    ),
    (
        "unpublish",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý.",
    ),
    (
        "unpublish",
        "yes",
        "Không hỏi: trên màn hình dòng lệnh, nếu không có tùy chọn này, phản ánh được hiện ra và phải xác nhận việc gỡ trước (không có màn hình thì không bao giờ hỏi).",
    ),
    (
        "rate",
        "score",
        "Đánh giá của người dân, từ 1 (rất không hài lòng) đến 5 (rất hài lòng).",
    ),
    ("duplicate", "id", "Phản ánh cần gộp (số, hoặc ext:MÃ)."),
    ("duplicate", "of", "Phản ánh gốc mà nó lặp lại."),
    (
        "duplicate",
        "yes",
        "Không hỏi: trên màn hình dòng lệnh, nếu không có tùy chọn này, hai phản ánh được hiện ra và phải xác nhận việc gộp trước (không có màn hình thì không bao giờ hỏi).",
    ),
    (
        "show",
        "reveal",
        "Hiện họ tên, số điện thoại người phản ánh (quản trị viên và cán bộ tiếp nhận; cán bộ xử lý của cơ quan được giao chỉ khi người phản ánh đồng ý, Đ6.5). Lần xem được ghi vào nhật ký hệ thống.",
    ),
    (
        "show",
        "reason",
        "Vì sao cần xem danh tính (bắt buộc cùng --reveal): được ghi vào nhật ký hệ thống mà mọi vai trò đọc, cùng lần xem, và liệt kê trong `audit reveals`, cho thanh tra và cho yêu cầu của chính người phản ánh (Luật Bảo vệ dữ liệu cá nhân: trách nhiệm giải trình mọi hoạt động xử lý); đừng ghi tên hay số điện thoại của ai vào đó; tối đa 300 ký tự và 3 dòng.",
    ),
    (
        "show",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý.",
    ),
    (
        "list",
        "status",
        "Chỉ các trạng thái này, lặp lại hoặc cách nhau bởi dấu phẩy: received (Chờ kiểm tra), rejected (Từ chối tiếp nhận), accepted (Chờ phân phối), assigned (Đang xử lý), returned (Đã chuyển trả, chờ phân phối lại), replied (Chờ duyệt), verified (Chờ công khai), published (Đã công khai), closed_private (Đã phản hồi riêng), duplicate (Trùng lặp). Gõ nhãn như bảng in cũng được, không phân biệt hoa thường, có dấu hay không (\"Đang xử lý\", \"dang xu ly\"; \"Đang xử lý lại\" là assigned, \"chuyển trả\" là returned).",
    ),
    (
        "list",
        "agency",
        "Chỉ phản ánh đang giao cho cơ quan này (phản ánh cơ quan đã chuyển trả, chờ Cổng phân phối lại, không còn là của cơ quan); với --overdue: phản ánh mà thời hạn của cơ quan này đã quá.",
    ),
    ("list", "field", "Chỉ phản ánh thuộc lĩnh vực này."),
    ("list", "urgent", "Chỉ phản ánh khẩn."),
    (
        "list",
        "from",
        "Gửi từ ngày này trở đi (YYYY-MM-DD hoặc DD/MM/YYYY).",
    ),
    ("list", "to", "Gửi đến hết ngày này."),
    (
        "list",
        "search",
        "Chỉ phản ánh có nội dung, địa chỉ, xã, phường hoặc mã ứng dụng chứa chữ này (không phân biệt hoa thường và dấu: \"duong\" tìm được \"Đường\", \"000105\" tìm được CMG-2026-000105).",
    ),
    (
        "list",
        "overdue",
        "Chỉ phản ánh có thời hạn đang tính đã quá, tính đến bây giờ (theo --now); mỗi dòng kèm giai đoạn, hạn, ai chịu thời hạn (mã cơ quan, hay Cổng) và lúc lần quét đã nhắc (chưa: mới).",
    ),
    ("list", "limit", "Nhiều nhất từng này dòng (từ 1 trở lên)."),
    (
        "list",
        "phone",
        "Chỉ các phản ánh gửi từ số điện thoại này, viết kiểu gì cũng được (chỉ quản trị viên, cùng --reason): để trả lời người phản ánh hỏi cơ quan đang giữ gì về mình, ai đã xem, hoặc yêu cầu xóa. Họ tên vẫn được che; việc tra cứu được ghi nhật ký dù có tìm thấy hay không, và `audit reveals` liệt kê nó ở từng phản ánh tìm được. Không dùng cùng bộ lọc khác.",
    ),
    (
        "list",
        "phone_file",
        "Số điện thoại của --phone lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --reason-file lấy lý do: số gõ trên dòng lệnh hiện trong danh sách tiến trình và, qua sudo, trong nhật ký của sudo.",
    ),
    (
        "list",
        "reason",
        "Lý do (bắt buộc cùng --phone): yêu cầu của người phản ánh, được ghi vào nhật ký hệ thống.",
    ),
    (
        "list",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý (ví dụ nội dung đơn yêu cầu).",
    ),
    (
        "audit log",
        "id",
        "Số phản ánh, hoặc ext:MÃ_ỨNG_DỤNG. Bỏ trống: các sự kiện không thuộc phản ánh nào (tài khoản, thiết lập, lịch, xuất đầy đủ, sao lưu, khôi phục).",
    ),
    (
        "audit log",
        "actor",
        "Thay cho một phản ánh: mọi sự kiện tài khoản này đã ghi, ở mọi phản ánh và không thuộc phản ánh nào, cũ trước (quản trị viên, tiếp nhận, lãnh đạo, Sở Nội vụ). Văn bản gõ về một phản ánh được ẩn cả với người không được xem danh tính.",
    ),
    (
        "audit log",
        "from",
        "Cùng --actor: chỉ các sự kiện từ ngày này trở đi (YYYY-MM-DD hoặc DD/MM/YYYY), theo một trong hai thời điểm của sự kiện: lúc lệnh ghi (--now có thể đặt) hoặc lúc thật sự ghi vào nhật ký.",
    ),
    (
        "audit log",
        "to",
        "Cùng --actor: chỉ các sự kiện đến hết ngày này, theo một trong hai thời điểm như --from.",
    ),
    (
        "audit reveals",
        "report",
        "Chỉ những gì đã cho thấy người phản ánh của phản ánh này (số, hoặc ext:MÃ): các lần xem và các lần xuất đầy đủ có chứa nó.",
    ),
    (
        "audit reveals",
        "actor",
        "Chỉ những gì tài khoản này đã xem hay xuất (câu hỏi khi lộ dữ liệu: tài khoản bị chiếm đã làm lộ những người phản ánh nào); dòng xuất đầy đủ liệt kê các phản ánh có trong bản xuất.",
    ),
    (
        "audit reveals",
        "from",
        "Chỉ những gì xảy ra từ ngày này trở đi (YYYY-MM-DD hoặc DD/MM/YYYY), theo một trong hai thời điểm của mỗi dòng: lúc lệnh ghi (--now có thể đặt) hoặc lúc thật sự ghi vào nhật ký.",
    ),
    (
        "audit reveals",
        "to",
        "Chỉ những gì xảy ra đến hết ngày này, theo một trong hai thời điểm như --from.",
    ),
    (
        "audit late",
        "period",
        "Kỳ, như lệnh `report`: 2026-07 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng) hoặc 2026 (năm).",
    ),
    (
        "calendar show",
        "year",
        "Năm, ví dụ 2026; bỏ trống là năm nay (theo thời điểm coi là hiện tại, --now, giờ Việt Nam).",
    ),
    (
        "calendar add-holiday",
        "date",
        "Ngày (YYYY-MM-DD hoặc DD/MM/YYYY).",
    ),
    (
        "calendar add-holiday",
        "name",
        "Tên ngày, như sẽ hiển thị (ví dụ dịp lễ trong thông báo).",
    ),
    (
        "calendar add-holiday",
        "source",
        "Nơi công bố (số văn bản, ngày, đường dẫn).",
    ),
    (
        "calendar add-workday",
        "date",
        "Ngày (YYYY-MM-DD hoặc DD/MM/YYYY).",
    ),
    (
        "calendar add-workday",
        "name",
        "Tên ngày, như sẽ hiển thị (ví dụ dịp lễ trong thông báo).",
    ),
    (
        "calendar add-workday",
        "source",
        "Nơi công bố (số văn bản, ngày, đường dẫn).",
    ),
    (
        "calendar remove",
        "date",
        "Các ngày (YYYY-MM-DD hoặc DD/MM/YYYY).",
    ),
    ("calendar import", "file", "Tệp CSV UTF-8 có dòng tiêu đề."),
    (
        "calendar add-holiday",
        "yes",
        "Vẫn lưu ngày dù trông như gõ nhầm (xem trên); không có cờ này, ngày ấy bị từ chối và không gì thay đổi.",
    ),
    (
        "calendar add-workday",
        "yes",
        "Vẫn lưu ngày dù trông như gõ nhầm (xem trên); không có cờ này, ngày ấy bị từ chối và không gì thay đổi.",
    ),
    (
        "calendar import",
        "yes",
        "Vẫn nạp tệp dù có dòng trông như gõ nhầm (xem trên).",
    ),
    (
        "calendar add-holiday",
        "rejudge",
        "Chấm lại luôn, theo lịch mới, các hạn đã dừng mà thay đổi này làm khác đi (ngày đổi nằm trong thời hạn), trong cùng sự kiện được niêm phong: khi sửa một ngày nhập nhầm hay nhập ngày nghỉ công bố muộn. Không có cờ này, các hạn ấy giữ kết quả và được liệt kê.",
    ),
    (
        "calendar add-workday",
        "rejudge",
        "Chấm lại luôn, theo lịch mới, các hạn đã dừng mà thay đổi này làm khác đi (ngày đổi nằm trong thời hạn), trong cùng sự kiện được niêm phong: khi sửa một ngày nhập nhầm hay nhập ngày nghỉ công bố muộn. Không có cờ này, các hạn ấy giữ kết quả và được liệt kê.",
    ),
    (
        "calendar remove",
        "rejudge",
        "Chấm lại luôn, theo lịch mới, các hạn đã dừng mà thay đổi này làm khác đi (ngày đổi nằm trong thời hạn), trong cùng sự kiện được niêm phong: khi sửa một ngày nhập nhầm hay nhập ngày nghỉ công bố muộn. Không có cờ này, các hạn ấy giữ kết quả và được liệt kê.",
    ),
    (
        "calendar import",
        "rejudge",
        "Chấm lại luôn, theo lịch mới, các hạn đã dừng mà thay đổi này làm khác đi (ngày đổi nằm trong thời hạn), trong cùng sự kiện được niêm phong: khi sửa một ngày nhập nhầm hay nhập ngày nghỉ công bố muộn. Không có cờ này, các hạn ấy giữ kết quả và được liệt kê.",
    ),
    (
        "calendar rejudge",
        "date",
        "Các ngày (YYYY-MM-DD hoặc DD/MM/YYYY).",
    ),
    (
        "calendar deadline",
        "stage",
        "dispatch (phân phối, Đ7.2), return (chuyển trả, Đ8.1.b), process (xử lý, Đ8.1.b) hoặc publish (công khai, Đ9.4). Gõ tên giai đoạn như bảng in cũng được, có dấu hay không (\"Xử lý\", \"chuyen tra\").",
    ),
    (
        "calendar deadline",
        "start",
        "Lúc bắt đầu tính hạn (RFC 3339, \"DD/MM/YYYY HH:MM\" hoặc \"YYYY-MM-DD HH:MM\", giờ Việt Nam).",
    ),
    (
        "sweep",
        "dry_run",
        "Liệt kê những gì đến hạn mà không ghi nhắc; nếu có đặt thời hạn lưu giữ (privacy.erase_after_days), nói lần quét thật bây giờ sẽ xóa danh tính của bao nhiêu phản ánh, những phản ánh nào (hoặc vì sao sẽ không xóa).",
    ),
    (
        "sweep",
        "fail_on_breach",
        "Thoát với mã 3 khi lần chạy này thấy một hạn mới bị quá, và in ra stderr bao nhiêu hạn và những hạn nào (phản ánh, giai đoạn, cơ quan hay Cổng, thời hạn; khẩn trước), kể cả khi có --quiet (để cron gửi thư báo một lần cho mỗi lần quá hạn).",
    ),
    (
        "report monthly",
        "period",
        "Kỳ báo cáo là một tháng: 2026-07 (quý, 6 tháng, năm có lệnh con riêng).",
    ),
    (
        "report quarterly",
        "period",
        "Kỳ báo cáo là một quý: 2026-Q3 (tháng, 6 tháng, năm có lệnh con riêng).",
    ),
    (
        "report half-year",
        "period",
        "Kỳ báo cáo là 6 tháng: 2026-H1 hoặc 2026-H2 (tháng, quý, năm có lệnh con riêng).",
    ),
    (
        "report annual",
        "period",
        "Kỳ báo cáo là một năm: 2026 (tháng, quý, 6 tháng có lệnh con riêng).",
    ),
    (
        "report range",
        "from",
        "Ngày đầu (YYYY-MM-DD hoặc DD/MM/YYYY).",
    ),
    ("report range", "to", "Ngày cuối, tính cả ngày đó."),
    (
        "score",
        "year",
        "Năm mà các phản ánh nhận trong đó được chấm điểm.",
    ),
    (
        "score",
        "out",
        "Ghi ra tệp này thay vì in bảng ra đầu ra chuẩn: đuôi .xlsx là tệp Excel, .csv là CSV, .json là JSON; tên có đuôi khác (.txt, .pdf, .xls…) bị từ chối.",
    ),
    (
        "score",
        "explain",
        "In cách tính điểm với các trọng số đang áp dụng, và không gì khác.",
    ),
    (
        "score",
        "all",
        "Trên bảng, in cả các cơ quan không có vụ việc trong kỳ (một dòng toàn số 0); tệp (--out, --format csv hay json) luôn có mọi cơ quan.",
    ),
    (
        "route add",
        "field",
        "Mã lĩnh vực (xem `phananh field list`).",
    ),
    (
        "route add",
        "commune",
        "Xã, phường đúng như phản ánh ghi; bỏ trống cho mọi xã, phường.",
    ),
    (
        "route add",
        "agency",
        "Mã cơ quan (xem `phananh agency list`).",
    ),
    (
        "route add",
        "yes",
        "Thay dòng đang giao phản ánh của lĩnh vực ấy cho một cơ quan khác; thiếu --yes thì bị từ chối, kèm tên cả hai cơ quan.",
    ),
    (
        "export open311",
        "from",
        "Phản ánh gửi từ ngày này trở đi (YYYY-MM-DD hoặc DD/MM/YYYY; start_date của chuẩn).",
    ),
    (
        "export open311",
        "to",
        "Phản ánh gửi đến hết ngày này (end_date của chuẩn); chỉ có --to thì lấy 90 ngày trước đó, như chuẩn.",
    ),
    (
        "export open311",
        "id",
        "Chỉ các yêu cầu này (service_request_id, cách nhau bởi dấu phẩy); bỏ qua các bộ lọc khác, như chuẩn.",
    ),
    (
        "export open311",
        "service_code",
        "Chỉ các mã dịch vụ này (service_code, cách nhau bởi dấu phẩy).",
    ),
    (
        "export open311",
        "status",
        "Chỉ các trạng thái Open311 này: open, closed (cách nhau bởi dấu phẩy).",
    ),
    (
        "export csv",
        "from",
        "Phản ánh gửi từ ngày này trở đi (YYYY-MM-DD hoặc DD/MM/YYYY).",
    ),
    ("export csv", "to", "Phản ánh gửi đến hết ngày này."),
    (
        "export csv",
        "reason",
        "Vì sao cần bản xuất có họ tên, số điện thoại người phản ánh (bắt buộc khi không có --public hay --no-identity): được ghi vào nhật ký hệ thống và liệt kê trong `audit reveals`.",
    ),
    (
        "export csv",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý.",
    ),
    (
        "export csv",
        "out",
        "Ghi ra tệp mới này (quyền 0600, không ghi đè nếu không có --force, không ghi qua liên kết tượng trưng) thay vì đầu ra chuẩn, để bản xuất có dữ liệu cá nhân không phải qua trình shell.",
    ),
    (
        "export subject",
        "phone",
        "Số điện thoại người yêu cầu đã dùng để gửi phản ánh (được viết +84, dấu cách, dấu chấm); dùng nhiều số thì lặp lại --phone cho mỗi số: một bản trả lời, một lần ghi nhật ký.",
    ),
    (
        "export subject",
        "phone_file",
        "Các số điện thoại lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), mỗi dòng một số, như --reason-file lấy lý do: số gõ trên dòng lệnh hiện trong danh sách tiến trình và, qua sudo, trong nhật ký của sudo.",
    ),
    (
        "export subject",
        "report",
        "Chỉ các phản ánh này của số điện thoại (số hoặc ext:MÃ, cách nhau bằng dấu phẩy hoặc lặp lại): của người yêu cầu, khi các phản ánh của số mang họ tên khác nhau (số dùng chung trong gia đình).",
    ),
    (
        "export subject",
        "name",
        "Chỉ các phản ánh của số điện thoại gửi dưới họ tên này (không phân biệt hoa thường, dấu, khoảng trắng): của người yêu cầu, khi các phản ánh của số mang họ tên khác nhau.",
    ),
    (
        "export subject",
        "name_file",
        "Họ tên của --name lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn).",
    ),
    (
        "export subject",
        "reason",
        "Vì sao (đơn yêu cầu, ngày của nó; bắt buộc, hoặc --reason-file): được ghi vào nhật ký hệ thống và liệt kê trong `audit reveals`.",
    ),
    (
        "export subject",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý (ví dụ nội dung đơn yêu cầu).",
    ),
    (
        "export subject",
        "out",
        "Ghi ra tệp mới này (quyền 0600, không ghi đè nếu không có --force, không ghi qua liên kết tượng trưng) thay vì đầu ra chuẩn.",
    ),
    (
        "export csv",
        "no_identity",
        "Mọi cột của bản xuất đầy đủ nhưng không kèm danh tính người phản ánh (họ tên chỉ còn phần che như `list`, không có số điện thoại, họ tên và số điện thoại viết trong văn bản được ẩn), cho các vai trò xem được báo cáo, điểm thi đua (Sở Nội vụ, lãnh đạo); không cần lý do, không phải một lần xem danh tính.",
    ),
    (
        "export csv",
        "public",
        "Dữ liệu công khai (các cột của `export open311`), tài khoản nào cũng xuất được.",
    ),
    (
        "backup",
        "out",
        "Nơi ghi bản sao: một tệp mới (không bao giờ ghi đè tệp có sẵn). Bản sao chứa dữ liệu cá nhân của người phản ánh và chỉ chủ tệp đọc được (mode 0600).",
    ),
    (
        "restore",
        "file",
        "Bản sao lưu cần khôi phục (chỉ quản trị viên). Phải là cơ sở dữ liệu phananh qua được kiểm tra toàn vẹn của SQLite và `audit verify`; nội dung hiện tại của --db bị thay.",
    ),
    ("completions", "shell", "Shell cần tập lệnh tự hoàn thành."),
    (
        "man",
        "out",
        "Thư mục ghi các trang man (phananh.1, phananh-report-monthly.1, …); tạo nếu chưa có. Không có: in trang phananh(1) ra đầu ra chuẩn.",
    ),
    (
        "complete-values",
        "kind",
        "Loại giá trị: statuses, periods (months, quarters, half-years, years, hoặc các kỳ `score` nhận: score-periods), agencies, fields, stages, roles.",
    ),
    (
        "settings set",
        "key",
        "Khóa của thiết lập (xem `phananh settings show`).",
    ),
    ("settings set", "value", "Giá trị mới."),
    (
        "settings set",
        "yes",
        "Xác nhận thời hạn lưu giữ (privacy.erase_after_days) mà với nó lần quét tới sẽ xóa danh tính, việc chuyển auth.mode từ peer sang trust, hoặc việc đổi một thời hạn do Quyết định quy định (deadline.*.working_hours, deadline.*.day_off_hours, cùng --reason); thiếu --yes thì giá trị ấy bị từ chối, kèm điều nó sẽ gây ra.",
    ),
    (
        "settings set",
        "reason",
        "Lý do đổi một thời hạn do Quyết định quy định, dẫn văn bản sửa đổi (ghi vào nhật ký hệ thống; báo cáo và bảng điểm của kỳ có thay đổi nêu nó; tối đa 300 ký tự và 3 dòng).",
    ),
    (
        "settings set",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý.",
    ),
    (
        "init",
        "auth",
        "Cách xác thực (thiết lập auth.mode): peer (tài khoản do tài khoản hệ điều hành gắn với nó quyết định, gắn bằng `staff add --login` / `staff edit --add-login`, và thao tác được ghi theo giờ hệ thống của máy; mặc định) hoặc trust (nhận --as và --now như đã cho: máy một người dùng, thử nghiệm).",
    ),
    (
        "staff add",
        "logins",
        "Tài khoản hệ điều hành được dùng tài khoản này (lặp lại được).",
    ),
    (
        "staff add",
        "yes",
        "Sửa tài khoản nếu đã có (họ tên, vai trò, cơ quan, hoặc mở khóa); thiếu --yes thì việc sửa bị từ chối, kèm từng thay đổi cũ → mới.",
    ),
    (
        "field add",
        "yes",
        "Sửa lĩnh vực nếu mã đã có; thiếu --yes thì việc sửa bị từ chối, kèm từng thay đổi cũ → mới.",
    ),
    (
        "agency add",
        "yes",
        "Sửa cơ quan nếu mã đã có; thiếu --yes thì việc sửa bị từ chối, kèm từng thay đổi cũ → mới.",
    ),
    (
        "staff edit",
        "username",
        "Tên đăng nhập của tài khoản cán bộ.",
    ),
    (
        "staff edit",
        "add_login",
        "Gắn thêm tài khoản hệ điều hành này (lặp lại được).",
    ),
    (
        "staff edit",
        "remove_login",
        "Gỡ tài khoản hệ điều hành này (lặp lại được).",
    ),
    (
        "staff edit",
        "yes",
        "Vẫn gắn một tài khoản hệ điều hành đã gắn với tài khoản khác (một người giữ cả hai), cùng --reason; thiếu --yes thì bị từ chối, kèm tên các tài khoản ấy.",
    ),
    (
        "staff edit",
        "reason",
        "Lý do một tài khoản hệ điều hành dùng cho nhiều tài khoản (ghi vào nhật ký hệ thống; tối đa 300 ký tự và 3 dòng).",
    ),
    (
        "staff edit",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý.",
    ),
    (
        "staff logins",
        "username",
        "Chỉ tài khoản cán bộ này (mặc định: tất cả, chỉ quản trị viên xem được; tài khoản khác chỉ xem được của chính mình).",
    ),
    (
        "staff logins",
        "unbound",
        "Thay vào đó, liệt kê các tài khoản đang hoạt động chưa gắn tài khoản hệ điều hành nào (ở chế độ peer thì chưa ai dùng được).",
    ),
    (
        "ingest",
        "errors",
        "Ghi mọi dòng lỗi, kèm lý do, vào tệp này (màn hình chỉ in vài dòng đầu và số dòng theo lý do). Tệp được tạo mới, chỉ chủ tệp đọc được (0600); tệp đã có bị từ chối.",
    ),
    (
        "list",
        "ever",
        "Cùng --overdue: cả phản ánh từng quá hạn, kể cả đã xong.",
    ),
    (
        "list",
        "due",
        "Thời hạn còn mở đến hạn trước hết ngày này (\"hôm nay\", hoặc một ngày DD/MM/YYYY hay YYYY-MM-DD): khẩn trước, rồi theo cơ quan, gấp nhất trước, kể cả hạn đã quá.",
    ),
    (
        "audit verify",
        "checkpoint",
        "Một điểm kiểm tra do `audit checkpoint` ghi (lặp lại được): chuỗi phải còn giữ sự kiện ấy với mã băm ấy, và chữ ký TỆP.minisig phải đúng với một --pubkey.",
    ),
    (
        "audit verify",
        "pubkey",
        "Khóa công khai minisign đã ký các điểm kiểm tra (lặp lại được).",
    ),
    (
        "audit verify",
        "quiet",
        "Không in gì khi chuỗi nguyên vẹn (cho cron, vốn gửi thư mọi điều một tác vụ in ra); các ghi chú về lịch sử của chuỗi (sự kiện ghi ở chế độ trust, lần khôi phục thay tệp bị sửa) do lần chạy không có tùy chọn này nêu.",
    ),
    (
        "audit keygen",
        "out",
        "Nơi ghi khóa bí mật (tệp mới); khóa công khai ghi vào TỆP.pub.",
    ),
    (
        "audit checkpoint",
        "key",
        "Khóa bí mật do `audit keygen` tạo.",
    ),
    (
        "audit checkpoint",
        "out",
        "Nơi ghi điểm kiểm tra (tệp mới); chữ ký ghi vào TỆP.minisig.",
    ),
    (
        "sweep",
        "all",
        "In mọi thời hạn sắp đến hoặc đã quá (và mọi thời hạn của phản ánh khẩn), không chỉ những nhắc mới của lần chạy này.",
    ),
    (
        "sweep",
        "quiet",
        "Không in gì ngoài lỗi và vài dòng người đọc thư cron phải làm theo (phản ánh khẩn được gắn cờ, hạn bị quá khi có --fail-on-breach); lời nhắc vẫn được ghi.",
    ),
    (
        "backup",
        "quiet",
        "Không in gì ngoài lỗi (cho cron, vốn gửi thư mọi điều một tác vụ in ra).",
    ),
    (
        "audit checkpoint",
        "quiet",
        "Không in gì ngoài lỗi (cho cron, vốn gửi thư mọi điều một tác vụ in ra).",
    ),
    (
        "export open311",
        "quiet",
        "Không in gì ngoài lỗi (cho cron, vốn gửi thư mọi điều một tác vụ in ra): không báo đã xuất bao nhiêu phản ánh.",
    ),
    (
        "export csv",
        "quiet",
        "Không in gì ngoài lỗi (cho cron, vốn gửi thư mọi điều một tác vụ in ra): không báo tệp đã ghi, không báo đã xuất bao nhiêu phản ánh.",
    ),
    (
        "sweep",
        "no_headers",
        "Không in dòng tiêu đề của CSV (để cron ghi nối vào cùng một tệp).",
    ),
    (
        "score",
        "period",
        "Kỳ chấm điểm: 2026 (năm), 2026-H1 (6 tháng) hoặc 2026-Q3 (quý).",
    ),
    (
        "key reset",
        "reason",
        "Vì sao lập khóa mới (ghi vào nhật ký hệ thống cùng mỗi danh tính bị xóa, `audit reveals` liệt kê).",
    ),
    (
        "key reset",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý.",
    ),
    (
        "key reset",
        "yes",
        "Xác nhận: danh tính mà khóa đã mất mở được bị xóa vĩnh viễn.",
    ),
    (
        "restore",
        "force",
        "Khôi phục cả bản sao lưu không thuộc chuỗi hiện tại (cần --reason hoặc --reason-file).",
    ),
    (
        "restore",
        "reason",
        "Lý do khôi phục bắt buộc (--force), ghi vào sự kiện khôi phục.",
    ),
    (
        "restore",
        "reason_file",
        "Lý do lấy từ tệp văn bản thuần, mã UTF-8 (`-`: đầu vào chuẩn), như --text-file lấy kết quả xử lý.",
    ),
    (
        "restore",
        "wait",
        "Chờ các tiến trình khác dùng cơ sở dữ liệu xong trong từng này giây rồi mới từ chối.",
    ),
];

/// The values whose English help explains them (clap lists them under the option in
/// `--help`): (argument id, value, Vietnamese explanation). Keyed by the argument alone, as
/// each of these arguments belongs to one command or to all (`--format`, `--csv`).
const VALUES: &[(&str, &str, &str)] = &[
    (
        "format",
        "html",
        "tài liệu HTML trọn vẹn trong một tệp, cho `report` (cùng `--out TỆP`)",
    ),
    (
        "format",
        "xml",
        "Open311 GeoReport v2 dạng XML, cho `export open311`",
    ),
    (
        "format",
        "open311-json",
        "danh sách dịch vụ GeoReport v2, JSON (`services.json`), cho `service list`",
    ),
    (
        "format",
        "open311-xml",
        "danh sách dịch vụ GeoReport v2, XML (`services.xml`), cho `service list`",
    ),
    (
        "csv",
        "standard",
        "RFC 4180, cho chương trình đọc: dấu phẩy, dấu chấm thập phân, xuống dòng LF",
    ),
    (
        "csv",
        "excel",
        "cho Excel cài đặt vùng Việt Nam: BOM, `;`, dấu phẩy thập phân, xuống dòng CRLF",
    ),
    (
        "input_format",
        "csv",
        "UTF-8, dấu phẩy phân cách (RFC 4180), có dòng tiêu đề; cột theo thứ tự bất kỳ",
    ),
    ("input_format", "jsonl", "mỗi dòng một đối tượng JSON"),
    ("input_format", "json", "một mảng JSON gồm các đối tượng"),
    (
        "input_format",
        "open311",
        "phản hồi `GET requests.json` của Open311 GeoReport v2: một mảng JSON các yêu cầu dịch vụ (mã dịch vụ quy về lĩnh vực bằng `phananh service`)",
    ),
];

/// `-h` and `--help` where the command has a long form (`--help` then explains the values
/// above), as clap says them in English; "In trợ giúp." alone where both print the same.
const HELP_SHORT: &str = "In trợ giúp (xem đầy đủ hơn với '--help').";
const HELP_LONG: &str = "In trợ giúp (xem bản tóm tắt với '-h').";

/// clap's own commands: `help` at every level.
const HELP_ABOUT: &str = "In trợ giúp của lệnh này hoặc của các lệnh con đã nêu.";
const HELP_SUBCOMMAND_ARG: &str = "In trợ giúp của (các) lệnh con.";

/// The help page's layout, clap's default with its one English word replaced.
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";
/// What `TEMPLATE` writes before the usage line.
const USAGE_HEADING: &str = "Cách dùng: ";
const OPTIONS: &str = "Tùy chọn";
/// The options every command takes, after the command's own.
const GLOBAL_OPTIONS: &str = "Tùy chọn chung";
const ARGUMENTS: &str = "Đối số";

fn command_text(path: &str) -> Option<&'static CommandText> {
    COMMANDS.iter().find(|c| c.path == path)
}

fn arg_text(path: &str, id: &str) -> Option<&'static str> {
    ARGS.iter()
        .find(|(p, i, _)| *p == path && *i == id)
        .or_else(|| ARGS.iter().find(|(p, i, _)| *p == "*" && *i == id))
        .map(|(_, _, text)| *text)
}

/// Lays the Vietnamese help over `cmd` (the root, as derived), and builds it.
///
/// `width` is the one the help is wrapped at (`None` or 0: as written), which the usage
/// line needs too: clap wraps the rest but writes a usage line it is given as it is.
pub fn localize(cmd: Command, width: Option<usize>) -> Command {
    // Texts first, on the derived tree, so the global options are copied to every
    // subcommand (and clap's help tree copies the abouts) already translated.
    let mut cmd = texts(cmd, "");
    cmd.build();
    finish(&mut cmd, width.filter(|&w| w > 0));
    cmd
}

fn texts(mut cmd: Command, path: &str) -> Command {
    if let Some(text) = command_text(path) {
        let (short, long) = match text.about.split_once("\n\n") {
            Some((first, _)) => (first, Some(text.about)),
            None => (text.about, None),
        };
        cmd = cmd.about(short).long_about(long);
        let after = match text.after_help {
            Some(after) => Some(after.to_owned()),
            None => cmd
                .get_after_help()
                .map(|s| translate_examples(&s.to_string())),
        };
        if let Some(after) = after {
            cmd = cmd.after_help(after);
        }
    }
    cmd = cmd.mut_args(|arg| localize_arg(arg, path));
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH");
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |sub| texts(sub, &sub_path));
    }
    cmd
}

/// The examples' heading in Vietnamese; the commands in them read the same in both.
fn translate_examples(text: &str) -> String {
    text.replacen("Examples:", "Ví dụ:", 1)
        .replacen("Example:", "Ví dụ:", 1)
}

fn value_text(id: &str, value: &str) -> Option<&'static str> {
    VALUES
        .iter()
        .find(|(i, v, _)| *i == id && *v == value)
        .map(|(_, _, text)| *text)
}

fn localize_arg(arg: Arg, path: &str) -> Arg {
    let id = arg.get_id().as_str().to_owned();
    let details = Details::of(&arg);
    let explained = explained_values(&arg, &id);
    let mut arg = match arg_text(path, &id) {
        Some(text) => {
            let short = format!("{text}{}", details.short());
            // The long form, as English's: the values one a line with what each is for,
            // then the default and the variable.
            let long = explained.map(|values| {
                let tail = details.long_tail();
                if tail.is_empty() {
                    format!("{text}\n\n{values}")
                } else {
                    format!("{text}\n\n{values}\n\n{tail}")
                }
            });
            match long {
                Some(long) => arg.help(short).long_help(long),
                None => arg.help(short).long_help(None),
            }
        }
        None => arg.long_help(None),
    };
    // The same facts are in the help text itself (`details`), in Vietnamese.
    if arg.get_action().takes_values() {
        arg = arg
            .hide_default_value(true)
            .hide_env(true)
            .hide_possible_values(true);
    }
    // The value's name in Vietnamese too ("--text <NỘI_DUNG>"), as "[TÙY_CHỌN]" and
    // "<LỆNH>" are: clap names it after the argument when no name was given.
    if arg.get_action().takes_values() {
        let settings = path.starts_with("settings");
        let named: Option<Vec<clap::builder::Str>> = match arg.get_value_names() {
            Some(names) => names
                .iter()
                .any(|n| vietnamese_value(n, settings).is_some())
                .then(|| {
                    names
                        .iter()
                        .map(|n| {
                            vietnamese_value(n, settings).map_or_else(|| n.clone(), Into::into)
                        })
                        .collect()
                }),
            None => vietnamese_value(&id.to_uppercase(), settings).map(|n| vec![n.into()]),
        };
        if let Some(named) = named {
            arg = arg.value_names(named);
        }
    }
    let heading = if arg.is_positional() {
        ARGUMENTS
    } else if arg.is_global_set() && !path.is_empty() {
        // At the root they are the command's own options (`cli::globals_copied`).
        GLOBAL_OPTIONS
    } else {
        OPTIONS
    };
    arg.help_heading(heading)
}

/// The values' names clap shows in English (`<TEXT>`), as the Vietnamese help names them.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("ADMIN", "TÀI_KHOẢN"),
    ("AGENCY", "CƠ_QUAN"),
    ("AUTH", "CHẾ_ĐỘ"),
    ("CODE", "MÃ"),
    ("COMMUNE", "XÃ_PHƯỜNG"),
    ("CSV", "TỆP_CSV"),
    ("DATE", "NGÀY"),
    ("DAY", "NGÀY"),
    ("DIR", "THƯ_MỤC"),
    ("FIELD", "LĨNH_VỰC"),
    ("FILE", "TỆP"),
    ("FILES", "TỆP"),
    ("FORMAT", "DẠNG"),
    ("FROM", "NGÀY"),
    ("ID", "SỐ"),
    ("IDS", "SỐ"),
    ("INPUT_FORMAT", "DẠNG"),
    ("KEY", "KHÓA"),
    ("KEY.pub", "KHÓA.pub"),
    ("KEYWORDS", "TỪ_KHÓA"),
    ("LANG", "NGÔN_NGỮ"),
    ("LEVEL", "CẤP"),
    ("LIMIT", "SỐ_DÒNG"),
    ("LOGIN", "TÊN_ĐĂNG_NHẬP"),
    ("NAME", "TÊN"),
    ("OF", "SỐ"),
    ("OUT", "TỆP"),
    ("PARENT", "CƠ_QUAN"),
    ("PATH", "TỆP"),
    ("PERIOD", "KỲ"),
    ("PHONE", "SỐ_ĐIỆN_THOẠI"),
    ("REASON", "LÝ_DO"),
    ("ROLE", "VAI_TRÒ"),
    ("SCORE", "ĐIỂM"),
    ("SEARCH", "CHỮ"),
    ("SECONDS", "GIÂY"),
    ("SERVICE_CODE", "MÃ_DỊCH_VỤ"),
    ("SHELL", "TRÌNH_SHELL"),
    ("SOURCE", "NGUỒN"),
    ("STAGE", "GIAI_ĐOẠN"),
    ("START", "THỜI_ĐIỂM"),
    ("STATUS", "TRẠNG_THÁI"),
    ("STYLE", "KIỂU"),
    ("TEXT", "NỘI_DUNG"),
    ("TIME", "THỜI_ĐIỂM"),
    ("TO", "NGÀY"),
    ("USER", "TÀI_KHOẢN"),
    ("USERNAME", "TÀI_KHOẢN"),
    ("VALUE", "GIÁ_TRỊ"),
    ("YEAR", "NĂM"),
];

/// A value's name in Vietnamese (`settings set KEY`: the setting's name, not a key file).
fn vietnamese_value(name: &str, settings: bool) -> Option<&'static str> {
    if settings && name == "KEY" {
        return Some("THIẾT_LẬP");
    }
    VALUE_NAMES
        .iter()
        .find(|(english, _)| *english == name)
        .map(|(_, vietnamese)| *vietnamese)
}

/// `text` (a usage line, an error from the English tree) with each `<NAME>` of a value,
/// and each `[NAME]` of an optional argument (`audit log [ID]`), in Vietnamese.
fn vietnamese_values(text: &str, settings: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['<', '[']) {
        let close = if rest[open..].starts_with('<') {
            '>'
        } else {
            ']'
        };
        out.push_str(&rest[..open + 1]);
        rest = &rest[open + 1..];
        // A value's name: letters, digits, '_' and '.' up to '>' ("<--agency <AGENCY>|…>"
        // holds one inside a group).
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        if name_len > 0
            && rest[name_len..].starts_with(close)
            && let Some(vietnamese) = vietnamese_value(name, settings)
        {
            out.push_str(vietnamese);
            rest = &rest[name_len..];
        }
    }
    out.push_str(rest);
    out
}

/// The list `--help` gives of an argument's values when English explains some of them
/// ("Giá trị:", then "- name: what it is for"); none when no value has an explanation, and
/// `-h` and `--help` show the argument alike. The items are indented: a line that starts
/// with a space breaks the line in a manual page too, where the list would otherwise run
/// into one paragraph.
fn explained_values(arg: &Arg, id: &str) -> Option<String> {
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    if !values.iter().any(|v| v.get_help().is_some()) {
        return None;
    }
    let mut lines = vec!["Giá trị:".to_owned()];
    for value in &values {
        let name = value.get_name();
        match (value.get_help(), value_text(id, name)) {
            (Some(_), Some(text)) => lines.push(format!("  - {name}: {text}")),
            _ => lines.push(format!("  - {name}")),
        }
    }
    Some(lines.join("\n"))
}

/// What clap prints after an option's help in English ("[default: …]", "[env: …]",
/// "[possible values: …]"), in Vietnamese.
struct Details {
    default: Option<String>,
    env: Option<String>,
    values: Option<String>,
}

impl Details {
    fn of(arg: &Arg) -> Details {
        let none = Details {
            default: None,
            env: None,
            values: None,
        };
        if !arg.get_action().takes_values() {
            return none;
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .filter(|v| !v.is_empty())
            .collect();
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_owned())
            .collect();
        Details {
            default: (!defaults.is_empty()).then(|| format!("[mặc định: {}]", defaults.join(", "))),
            env: arg
                .get_env()
                .map(|env| format!("[biến môi trường: {}]", env.to_string_lossy())),
            values: (!values.is_empty()).then(|| format!("[giá trị: {}]", values.join(", "))),
        }
    }

    /// After the text of `-h`, each part after a space.
    fn short(&self) -> String {
        [&self.default, &self.env, &self.values]
            .into_iter()
            .flatten()
            .map(|part| format!(" {part}"))
            .collect()
    }

    /// After the values' list in `--help`: the values are listed already.
    fn long_tail(&self) -> String {
        [&self.default, &self.env]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// After the build: clap's own `--help`, `--version` and `help`, and the usage line with
/// its `[OPTIONS]`, on every command.
fn finish(cmd: &mut Command, width: Option<usize>) {
    let mut taken = std::mem::take(cmd);
    let long_form = has_long_form(&taken);
    // In place (`mut_arg` would move the argument and leave the built key map stale).
    taken = taken.mut_args(|a| {
        let id = a.get_id().as_str().to_owned();
        match id.as_str() {
            "help" if long_form => a
                .help(HELP_SHORT)
                .long_help(HELP_LONG)
                .help_heading(OPTIONS),
            "help" | "version" => {
                let text = arg_text("*", &id).unwrap_or_default();
                a.help(text).long_help(None).help_heading(OPTIONS)
            }
            "subcommand" => a.help(HELP_SUBCOMMAND_ARG).help_heading(ARGUMENTS),
            _ => a,
        }
    });
    if taken.get_name() == "help" {
        taken = taken
            .about(HELP_ABOUT)
            .long_about(None)
            .help_template(TEMPLATE)
            .subcommand_help_heading("Lệnh")
            .subcommand_value_name("LỆNH");
    }
    let usage = taken.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_owned();
    let usage = vietnamese_usage(&usage);
    taken = taken.override_usage(match width {
        Some(width) => usage_within(&usage, width),
        None => usage,
    });
    *cmd = taken;
    for sub in cmd.get_subcommands_mut() {
        finish(sub, width);
    }
}

/// Whether `--help` prints more than `-h` (clap's own rule, which it keeps to itself): a
/// long about, or an argument with a long help of its own. The help flag's own texts are
/// not counted: clap gives them a long form exactly when the rest has one.
fn has_long_form(cmd: &Command) -> bool {
    cmd.get_long_about().is_some()
        || cmd
            .get_arguments()
            .any(|a| a.get_id() != "help" && !a.is_hide_set() && a.get_long_help().is_some())
}

/// The usage line after "Cách dùng: " broken at spaces to fit `width`, each further line
/// under the program's name. The Vietnamese names are longer than clap's English
/// (`[TÙY_CHỌN]`, `<THỜI_ĐIỂM>`), and the usage is the one line of help clap does not wrap:
/// `calendar deadline`'s ran to 87 columns, where an 80-column terminal cut it mid-name. A
/// bracketed group (`<--reason <LÝ_DO>|--reason-file <TỆP>>`), and an option from its
/// value, are never split.
fn usage_within(usage: &str, width: usize) -> String {
    let indent = USAGE_HEADING.chars().count();
    let mut words = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (at, c) in usage.char_indices() {
        match c {
            '<' | '[' => depth += 1,
            '>' | ']' => depth -= 1,
            ' ' if depth == 0 => {
                words.push(&usage[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    words.push(&usage[start..]);
    // An option and its value are one word (`--stage <GIAI_ĐOẠN>`).
    let mut glued: Vec<String> = Vec::new();
    for word in words.into_iter().filter(|w| !w.is_empty()) {
        match glued.last_mut() {
            Some(option) if option.starts_with('-') && word.starts_with(['<', '[']) => {
                option.push(' ');
                option.push_str(word);
            }
            _ => glued.push(word.to_owned()),
        }
    }
    // Every line, the first after the heading, has the width less the heading's.
    crate::output::layout::wrap_words(
        glued.iter().map(String::as_str),
        width.saturating_sub(indent),
    )
    .replace('\n', &format!("\n{}", " ".repeat(indent)))
}

fn vietnamese_usage(usage: &str) -> String {
    usage
        .replace("[OPTIONS]", "[TÙY_CHỌN]")
        .replace("<COMMAND>", "<LỆNH>")
        .replace("[COMMAND]", "[LỆNH]")
}

/// A usage error (exit status 2) in Vietnamese, from the error of the English tree: what was
/// wrong, clap's suggestion if it has one, the usage line and where to read more. The words
/// typed are quoted as typed.
/// Every subcommand's hidden aliases, at any depth.
fn hidden_aliases() -> Vec<String> {
    fn collect(cmd: &Command, into: &mut Vec<String>) {
        for sub in cmd.get_subcommands() {
            into.extend(sub.get_aliases().map(str::to_owned));
            collect(sub, into);
        }
    }
    let mut aliases = Vec::new();
    collect(
        &<super::Cli as clap::CommandFactory>::command(),
        &mut aliases,
    );
    aliases
}

pub fn usage_error(err: &clap::Error, args: &[std::ffi::OsString]) -> String {
    let text = |kind: ContextKind| -> Option<String> {
        match err.get(kind)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join(", ")),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match err.kind() {
        ErrorKind::UnknownArgument if extra_word(err).is_some() => {
            crate::output::context::extra_argument(&arg).vi
        }
        ErrorKind::UnknownArgument => format!("không có tùy chọn '{arg}' ở đây"),
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh '{}'",
            text(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("'{arg}' cần một giá trị")
        }
        ErrorKind::InvalidValue => {
            let mut m = format!("giá trị '{value}' không hợp lệ cho '{arg}'");
            if let Some(valid) = text(ContextKind::ValidValue) {
                m.push_str(&format!("; các giá trị được nhận: {valid}"));
            }
            m
        }
        ErrorKind::ValueValidation => {
            format!(
                "giá trị '{value}' không hợp lệ cho '{arg}': {}",
                validation_reason(err)
            )
        }
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu đối số bắt buộc: {}", either_in_words(&arg))
        }
        // The subcommands named, as English has them: "report" alone said nothing of which.
        ErrorKind::MissingSubcommand => {
            let mut m = format!(
                "'{}' cần một lệnh con",
                text(ContextKind::InvalidSubcommand).unwrap_or_default()
            );
            if let Some(ContextValue::Strings(valid)) = err.get(ContextKind::ValidSubcommand) {
                // clap lists the hidden aliases too (`report yearly`, `thang`): they add to
                // the names, which stay the ones a reader is shown.
                let aliases = hidden_aliases();
                let names: Vec<&str> = valid
                    .iter()
                    .map(String::as_str)
                    .filter(|name| !aliases.iter().any(|alias| alias == name))
                    .collect();
                m.push_str(&format!("\n  [các lệnh con: {}]", names.join(", ")));
            }
            m
        }
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            Some(prior) => format!("không dùng '{arg}' cùng với '{prior}' được"),
            None => format!("không dùng '{arg}' nhiều lần được"),
        },
        ErrorKind::TooManyValues => format!("thừa giá trị '{value}' cho '{arg}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị cho '{arg}' không đúng")
        }
        ErrorKind::NoEquals => format!("'{arg}' cần dấu '=' trước giá trị"),
        ErrorKind::InvalidUtf8 => "một đối số không phải văn bản UTF-8 hợp lệ".to_owned(),
        _ => "cách dùng không hợp lệ".to_owned(),
    };
    // Each suggestion quoted on its own: "'agency, assign'" read as one command's name.
    let listed = |kind: ContextKind| -> Vec<String> {
        match err.get(kind) {
            Some(ContextValue::Strings(v)) => v.clone(),
            _ => text(kind).into_iter().collect(),
        }
    };
    let natural = natural_hint(err, args);
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let replaced = natural.is_some() && kind != ContextKind::SuggestedValue;
        if replaced || (kind == ContextKind::SuggestedArg && guess_already_given(err, args)) {
            continue;
        }
        let suggested = listed(kind);
        if let Some((last, rest)) = suggested.split_last() {
            let quoted = |s: &String| format!("'{s}'");
            let mut choices = rest.iter().map(quoted).collect::<Vec<_>>().join(", ");
            if !choices.is_empty() {
                choices.push_str(" hay ");
            }
            choices.push_str(&quoted(last));
            message.push_str(&format!("\n\n  gợi ý: có phải ý bạn là {choices}?"));
        }
    }
    if let Some(natural) = &natural {
        message.push_str(&format!("\n\n  gợi ý: {}", natural.vi));
    }
    if let Some(usage) = usage_line(err, args) {
        message.push_str(&format!("\n\nCách dùng: {}", vietnamese_usage(&usage)));
    }
    // The help to type, named: "thêm --help vào lệnh" left the operator to work out where.
    message.push_str("\n\n");
    message.push_str(&crate::output::context::see_help(&command_typed(args)).vi);
    let settings = args.iter().any(|a| a == "settings");
    format!("lỗi: {}\n", vietnamese_values(&message, settings))
}

/// What to type instead of what clap refused, where a desk's mistake is a common one: a
/// command guessed from its own words (`phananh search`, `phananh reject`;
/// `output::context::natural_command`), where a command of phananh's own was expected, or an
/// option or subcommand a command does not have but is typed for it (`score --quarter`,
/// `report --month`, `audit 9`; `output::context::usage_mistake`). It takes the place of
/// clap's guess by spelling, which sent these elsewhere.
pub(super) fn natural_hint(
    err: &clap::Error,
    args: &[std::ffi::OsString],
) -> Option<crate::i18n::Localized> {
    let command = command_typed(args);
    let typed = match (err.kind(), err.get(ContextKind::InvalidSubcommand)) {
        (ErrorKind::InvalidSubcommand, Some(ContextValue::String(typed))) => {
            if command == "phananh" {
                return crate::output::context::natural_command(typed);
            }
            typed.as_str()
        }
        (ErrorKind::UnknownArgument, _) if extra_word(err).is_none() => {
            match err.get(ContextKind::InvalidArg)? {
                ContextValue::String(typed) => typed.as_str(),
                _ => return None,
            }
        }
        _ => return None,
    };
    crate::output::context::usage_mistake(&command, typed)
}

/// Whether clap's guess by spelling is an option the command line already gives
/// (`calendar add-holiday --reason X --as admin` was asked whether it meant `--as`): no
/// guess at all reads better than one already taken.
pub(super) fn guess_already_given(err: &clap::Error, args: &[std::ffi::OsString]) -> bool {
    let Some(ContextValue::String(guess)) = err.get(ContextKind::SuggestedArg) else {
        return false;
    };
    let guess = guess.split(' ').next().unwrap_or_default();
    guess.starts_with('-')
        && args.iter().skip(1).any(|a| {
            let a = a.to_string_lossy();
            a == guess || a.strip_prefix(guess).is_some_and(|r| r.starts_with('='))
        })
}

/// The word typed past what a command takes (`assign 3 3`), when that is the error: clap
/// calls it an unknown argument, as it calls an unknown option.
pub(super) fn extra_word(err: &clap::Error) -> Option<&str> {
    match (err.kind(), err.get(ContextKind::InvalidArg)?) {
        (ErrorKind::UnknownArgument, ContextValue::String(arg)) if !arg.starts_with('-') => {
            Some(arg)
        }
        _ => None,
    }
}

/// The command `args` name, as far as they name one ("phananh report" of `report monthy`):
/// the words that are subcommands, each of the one before, up to the first word that is
/// none. An option's value is no word of the command's: `--as report` names no report, and
/// the `list` of a mistyped `user list` is no command of the `user` typed.
pub(super) fn command_typed(args: &[std::ffi::OsString]) -> String {
    use clap::CommandFactory as _;
    let root = crate::cli::Cli::command();
    let mut command = root.clone();
    let mut path = vec!["phananh".to_owned()];
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word.starts_with('-') && word.len() > 1 {
            if takes_a_value(&[&command, &root], &word) {
                words.next();
            }
            continue;
        }
        let Some(sub) = command.find_subcommand(word.as_ref()).cloned() else {
            break;
        };
        path.push(sub.get_name().to_owned());
        command = sub;
    }
    path.join(" ")
}

/// Whether the option `word` (`--db`, `-o`; not `--db=FILE`) of one of `commands` takes
/// the next word as its value.
fn takes_a_value(commands: &[&clap::Command], word: &str) -> bool {
    if word.contains('=') {
        return false;
    }
    let named = |arg: &clap::Arg| match word.strip_prefix("--") {
        Some(long) => arg.get_long() == Some(long),
        None => {
            word.chars()
                .nth(1)
                .is_some_and(|c| arg.get_short() == Some(c))
                && word.len() == 2
        }
    };
    commands
        .iter()
        .flat_map(|c| c.get_arguments())
        .find(|arg| named(arg))
        .is_some_and(|arg| arg.get_action().takes_values())
}

/// The usage line of a usage error, without its "Usage:": the command's own line when a
/// hint names the form meant (`natural_hint`), since clap's line then carries its guess as
/// if typed (`phananh score --quiet` for `score --quarter`); else clap's, as typed
/// (`usage_as_typed`).
pub(super) fn usage_line(err: &clap::Error, args: &[std::ffi::OsString]) -> Option<String> {
    if natural_hint(err, args).is_none() {
        return usage_as_typed(err, args);
    }
    use clap::CommandFactory as _;
    let mut command = crate::cli::Cli::command();
    command.build();
    for word in command_typed(args).split(' ').skip(1) {
        command = command.find_subcommand(word)?.clone();
    }
    let usage = command.render_usage().to_string();
    Some(usage.trim().trim_start_matches("Usage:").trim().to_owned())
}

/// clap's `<--agency <AGENCY>|--auto>` (one of a required group) as a sentence says it:
/// `--agency <AGENCY> hoặc --auto`. The usage line keeps clap's form.
fn either_in_words(missing: &str) -> String {
    missing
        .split(", ")
        .map(
            |one| match one.strip_prefix("<--").and_then(|o| o.strip_suffix('>')) {
                Some(inner) if inner.contains('|') => format!("--{}", inner.replace('|', " hoặc ")),
                _ => one.to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

/// The usage line of a usage error, without its "Usage:": clap's own line for what was
/// typed (the error comes from the English tree), which for a missing argument names what
/// is required and keeps what was given, less what only the environment gave (`as_typed`).
pub(super) fn usage_as_typed(err: &clap::Error, args: &[std::ffi::OsString]) -> Option<String> {
    let usage = match err.get(ContextKind::Usage)? {
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::String(s) => s.clone(),
        _ => return None,
    };
    let usage = usage.trim();
    let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    let typed: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let missing = match err.get(ContextKind::InvalidArg) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        _ => Vec::new(),
    };
    // The options an environment variable can give: the only ones clap may put in the line
    // that nobody typed. A required option (`assign --agency`) stays, typed or not.
    use clap::CommandFactory as _;
    let from_env: Vec<String> = crate::cli::Cli::command()
        .get_arguments()
        .filter(|a| a.get_env().is_some())
        .filter_map(|a| a.get_long().map(|long| format!("--{long}")))
        .collect();
    Some(as_typed(usage, &typed, &missing, &from_env))
}

/// clap's usage line without the options it counts as given because their environment
/// variable is set (`PHANANH_DB`, `PHANANH_NOW`:
/// `phananh assign --db <PATH> --now <TIME> --agency …`), which the operator did not type
/// and need not type again: such an option
/// (one of `from_env`) stays when it was typed or is the one missing; every other option
/// clap names stays.
fn as_typed(usage: &str, typed: &[String], missing: &[String], from_env: &[String]) -> String {
    let words: Vec<&str> = usage.split(' ').collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let word = words[at];
        // A choice of flags (`<--approve|--send-back>`) already made is named as typed:
        // offered again, it read as still to be made.
        if let Some(choice) = word.strip_prefix('<').and_then(|w| w.strip_suffix('>')) {
            let made = choice
                .split('|')
                .find(|flag| flag.starts_with("--") && typed.iter().any(|t| t == flag));
            kept.push(made.unwrap_or(word));
            at += 1;
            continue;
        }
        if !word.starts_with('-') {
            kept.push(word);
            at += 1;
            continue;
        }
        let with_value = words
            .get(at + 1)
            .is_some_and(|next| next.starts_with('<') && !next.contains('|'));
        let end = if with_value { at + 2 } else { at + 1 };
        let name = word.trim_end_matches("...");
        let given = typed.iter().any(|t| {
            t == name
                || t.strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('='))
        });
        let needed = missing.iter().any(|m| m.split(' ').next() == Some(name));
        if given || needed || !from_env.iter().any(|e| e == name) {
            kept.extend(&words[at..end]);
        }
        at = end;
    }
    kept.join(" ")
}

/// Why a value failed its parser: our parsers say it in both languages; numbers and the
/// like get a plain Vietnamese sentence.
fn validation_reason(err: &clap::Error) -> String {
    use std::error::Error as _;
    match err.source() {
        Some(source) => match source.downcast_ref::<crate::i18n::Localized>() {
            Some(localized) => localized.vi.clone(),
            None if source.is::<std::num::ParseIntError>() => "cần một số nguyên".to_owned(),
            None => "giá trị không đọc được".to_owned(),
        },
        None => "giá trị không đọc được".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// `list --status` names every status with the label the tables show, in each
    /// language, as `Status` words it: the two helps are written by hand and must not
    /// drift from the labels.
    #[test]
    fn the_status_filter_names_each_status_with_its_label() {
        use crate::domain::report::Status;
        use crate::i18n::Bilingual;
        let vi = arg_text("list", "status").unwrap();
        let root = crate::cli::Cli::command();
        let list = root.find_subcommand("list").unwrap();
        let arg = list
            .get_arguments()
            .find(|a| a.get_id() == "status")
            .unwrap();
        let en = arg.get_help().unwrap().to_string();
        let en = en.split_whitespace().collect::<Vec<_>>().join(" ");
        for status in Status::ALL {
            let name = status.as_str();
            assert!(vi.contains(&format!("{name} ({})", status.vi())), "{name}");
            assert!(en.contains(&format!("{name} ({})", status.en())), "{name}");
        }
    }

    /// The Vietnamese help of `validate`'s reports said "mọi phản ánh `received`": a
    /// status is named there as the tables show it, by its label; a name in backticks is
    /// what is typed (`--status received` stays as it is).
    #[test]
    fn the_vietnamese_help_names_a_status_by_its_label() {
        use crate::domain::report::Status;
        let texts = COMMANDS
            .iter()
            .flat_map(|c| [c.about, c.after_help.unwrap_or_default()])
            .chain(ARGS.iter().map(|(_, _, text)| *text))
            .chain(VALUES.iter().map(|(_, _, text)| *text));
        for text in texts {
            for status in Status::ALL {
                let named = format!("phản ánh `{}`", status.as_str());
                assert!(!text.contains(&named), "{text}");
            }
        }
    }

    /// Commands and arguments that have no Vietnamese help: the coverage test's list, and any
    /// flag another change adds without its Vietnamese text.
    fn missing(cmd: &Command) -> Vec<String> {
        let mut out = Vec::new();
        walk(cmd, "", &mut out);
        out
    }

    fn walk(cmd: &Command, path: &str, out: &mut Vec<String>) {
        if command_text(path).is_none() {
            out.push(format!("command `{path}`"));
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if arg_text(path, id).is_none() {
                out.push(format!("argument `{id}` of `{path}`"));
            }
            for value in arg.get_possible_values() {
                if value.get_help().is_some() && value_text(id, value.get_name()).is_none() {
                    out.push(format!("value `{}` of `{id}`", value.get_name()));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            let sub_path = if path.is_empty() {
                sub.get_name().to_owned()
            } else {
                format!("{path} {}", sub.get_name())
            };
            walk(sub, &sub_path, out);
        }
    }

    /// Letters only Vietnamese uses (lower case), as in the languages integration test.
    const VIETNAMESE: &str = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõã";

    fn has_vietnamese(text: &str) -> bool {
        text.to_lowercase().chars().any(|c| VIETNAMESE.contains(c))
    }

    /// Words that make a sentence English; none of them is a Vietnamese word.
    const ENGLISH: [&str; 16] = [
        "the", "of", "to", "is", "and", "for", "with", "this", "that", "from", "are", "its",
        "when", "each", "every", "only",
    ];

    /// A sentence with two or more English function words and no Vietnamese letter.
    fn english_sentences(text: &str) -> Vec<String> {
        text.split(['.', ';', ':', '\n', '(', ')'])
            // An example's options continued on a line of their own (`--from 2026-01-01 --to
            // 2026-12-31`: each word an option or letterless) are a command line, not a
            // sentence.
            .filter(|sentence| {
                !sentence
                    .split_whitespace()
                    .all(|word| word.starts_with("--") || !word.chars().any(char::is_alphabetic))
            })
            .filter(|sentence| {
                let words: Vec<String> = sentence
                    .split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .map(str::to_lowercase)
                    .collect();
                let english = ENGLISH
                    .iter()
                    .filter(|w| words.iter().any(|x| x == *w))
                    .count();
                english >= 2 && !has_vietnamese(sentence)
            })
            .map(|s| s.trim().to_owned())
            .collect()
    }

    #[test]
    fn every_command_and_argument_has_vietnamese_help() {
        let missing = missing(&crate::cli::Cli::command());
        assert!(
            missing.is_empty(),
            "no Vietnamese help (add it to src/cli/help_vi.rs): {missing:#?}"
        );
    }

    #[test]
    fn no_entry_is_left_over_from_a_command_or_argument_that_is_gone() {
        let mut cmd = crate::cli::Cli::command();
        // Built, so that clap's own `--help` and `--version` are arguments as the others.
        cmd.build();
        let mut paths = Vec::new();
        fn collect(cmd: &Command, path: &str, out: &mut Vec<(String, Vec<String>)>) {
            let ids = cmd
                .get_arguments()
                .map(|a| a.get_id().as_str().to_owned())
                .collect();
            out.push((path.to_owned(), ids));
            for sub in cmd.get_subcommands() {
                let p = if path.is_empty() {
                    sub.get_name().to_owned()
                } else {
                    format!("{path} {}", sub.get_name())
                };
                collect(sub, &p, out);
            }
        }
        collect(&cmd, "", &mut paths);
        for text in COMMANDS {
            assert!(
                paths.iter().any(|(p, _)| p == text.path),
                "help for a command that does not exist: `{}`",
                text.path
            );
        }
        fn explained(cmd: &Command, id: &str, value: &str) -> bool {
            cmd.get_arguments().any(|a| {
                a.get_id() == id
                    && a.get_possible_values()
                        .iter()
                        .any(|v| v.get_name() == value && v.get_help().is_some())
            }) || cmd.get_subcommands().any(|s| explained(s, id, value))
        }
        for (id, value, _) in VALUES {
            assert!(
                explained(&cmd, id, value),
                "help for a value English does not explain: `{id}` `{value}`"
            );
        }
        for (path, id, _) in ARGS {
            // An entry for every command is for an argument at least one of them has.
            let known = paths
                .iter()
                .any(|(p, ids)| (*path == "*" || p == path) && ids.iter().any(|i| i == id));
            assert!(
                known,
                "help for an argument that does not exist: `{path}` `{id}`"
            );
        }
    }

    #[test]
    fn vietnamese_help_holds_no_english_sentence() {
        let mut found = Vec::new();
        for text in COMMANDS {
            found.extend(english_sentences(text.about));
            if let Some(after) = text.after_help {
                found.extend(english_sentences(after));
            }
        }
        for (_, _, text) in ARGS {
            found.extend(english_sentences(text));
        }
        for (_, _, text) in VALUES {
            found.extend(english_sentences(text));
        }
        found.extend(english_sentences(HELP_ABOUT));
        assert!(found.is_empty(), "{found:#?}");
        for text in COMMANDS {
            assert!(has_vietnamese(text.about), "{}", text.about);
        }
        for (path, id, text) in ARGS {
            assert!(has_vietnamese(text), "`{path}` `{id}`: {text}");
        }
        for (id, value, text) in VALUES {
            assert!(has_vietnamese(text), "`{id}` `{value}`: {text}");
        }
    }

    #[test]
    fn the_heuristic_tells_the_languages_apart() {
        assert_eq!(
            english_sentences("Send a report to the agency that must handle it."),
            vec!["Send a report to the agency that must handle it"]
        );
        assert!(english_sentences("Chuyển phản ánh cho cơ quan phải xử lý.").is_empty());
        assert!(
            english_sentences("phananh --as admin field import examples/fields.csv").is_empty()
        );
    }

    #[test]
    fn english_help_holds_no_vietnamese_outside_names_and_examples() {
        let mut found = Vec::new();
        fn visit(cmd: &Command, found: &mut Vec<String>) {
            let mut texts: Vec<String> = Vec::new();
            texts.extend(cmd.get_about().map(|s| s.to_string()));
            texts.extend(cmd.get_long_about().map(|s| s.to_string()));
            for arg in cmd.get_arguments() {
                texts.extend(arg.get_help().map(|s| s.to_string()));
                texts.extend(arg.get_long_help().map(|s| s.to_string()));
            }
            for text in texts {
                if has_vietnamese(&without_names(&text)) {
                    found.push(text);
                }
            }
            for sub in cmd.get_subcommands() {
                visit(sub, found);
            }
        }
        visit(&crate::cli::Cli::command(), &mut found);
        assert!(found.is_empty(), "{found:#?}");
    }

    /// Names an English text may quote: the province, the Decision, quoted examples, article
    /// numbers ("Đ7.2"), and the gloss of the one Vietnamese term the help keeps.
    fn without_names(text: &str) -> String {
        let mut out = String::new();
        let mut quoted = false;
        for c in text.chars() {
            if c == '"' {
                quoted = !quoted;
            } else if !quoted {
                out.push(c);
            }
        }
        let mut out = out
            .replace("Cà Mau", "")
            .replace("QĐ-UBND", "")
            .replace("lĩnh vực", "");
        while let Some(at) = out.find("Đ") {
            out.replace_range(at..at + "Đ".len(), "");
        }
        out
    }

    #[test]
    fn the_vietnamese_tree_reads_vietnamese() {
        // Unwrapped (width 0), so that a text is found whole whatever the screen.
        let cmd = localize(crate::cli::Cli::command(), None).term_width(0);
        let mut help = cmd.clone();
        let text = help.render_long_help().to_string();
        for english in ["Usage:", "Options:", "Commands:", "Print help", "[default:"] {
            assert!(!text.contains(english), "{english} in\n{text}");
        }
        assert!(
            text.contains("Cách dùng: phananh [TÙY_CHỌN] <LỆNH>"),
            "{text}"
        );
        let mut report = cmd
            .find_subcommand("report")
            .and_then(|r| r.find_subcommand("monthly"))
            .unwrap()
            .clone()
            .term_width(0);
        let text = report.render_long_help().to_string();
        assert!(text.contains("Cách dùng: phananh report monthly"), "{text}");
        assert!(text.contains("Tùy chọn:"), "{text}");
        assert!(text.contains("[biến môi trường: PHANANH_DB]"), "{text}");
        // `--help` lists `--format`'s values one a line, each with what it is for, where
        // `-h` names them in brackets, as English does.
        assert!(text.contains("Giá trị:\n            - table\n"), "{text}");
        assert!(text.contains("- html: tài liệu HTML"), "{text}");
        let short = report.render_help().to_string();
        assert!(short.contains("[giá trị: table, csv, json"), "{short}");
        assert!(!short.contains("Giá trị:"), "{short}");
    }
}
