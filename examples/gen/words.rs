//! What citizens write: the sentences of a report by field (lĩnh vực, the codes of
//! `examples/fields.csv`), with slots filled from the place and the moment, and the people
//! who write them. Every text here is NFC Vietnamese with its diacritics; the incident
//! sentences carry the keywords `classify --suggest` looks for (a few on purpose do not), the
//! generic sentences carry none, so a report's field stays recognisable.
//!
//! Slots: {road} {street2} {near} {place} {area} {canal} {commune} {short} {hospital}
//! {market} {school} {since} {when} and the numbers {n} {m} (2–9), {k} (2–5), {h} (5–10),
//! {nn} (12–80). A slot written with a capital ({Road}, {Area}, {Since}, …) is capitalised.

/// Where and when a sentence may be said.
pub const ANY: u8 = 0;
/// Only in a commune on the sea (dykes, sea, estuaries).
pub const COAST: u8 = 1;
/// Only in a ward or a commune town (pavements, street lights, markets).
pub const TOWN: u8 = 2;
/// Only in the countryside (hamlets, ponds, sluices).
pub const COUNTRY: u8 = 4;
/// Only in the rainy season, May to November.
pub const WET: u8 = 8;
/// Only in the dry season, December to April.
pub const DRY: u8 = 16;

/// A field: its code, its weight among reports, and what is said about it.
pub struct Field {
    pub code: &'static str,
    /// Share of reports (relative), before the place and season factors.
    pub weight: f64,
    /// The incident itself: one sentence or two.
    pub incidents: &'static [(u8, &'static str)],
    /// What else a citizen adds about such an incident.
    pub details: &'static [(u8, &'static str)],
}

#[rustfmt::skip]
pub const FIELDS: &[Field] = &[
    Field {
        code: "GT",
        weight: 16.0,
        incidents: &[
            (ANY, "{Road} đoạn {near} xuất hiện nhiều ổ gà lớn, có chỗ sâu gần {k}0 cm. Trời mưa nước đọng che mất ổ gà nên đã có mấy người đi xe máy bị té."),
            (ANY, "{Road} đoạn qua {place} bị bong tróc mặt đường, sụt lún nặng {since}. Xe tải chạy qua bụi bay mù mịt, người dân đi lại rất nguy hiểm."),
            (TOWN, "Đèn giao thông tại ngã tư {road} – {street2} bị hư {since}, các hướng chạy lộn xộn, giờ tan tầm kẹt xe kéo dài."),
            (ANY, "Biển báo tải trọng ở đầu cầu trên {road} bị ngã, xe quá tải vẫn chạy qua làm mặt cầu rung lắc mạnh."),
            (ANY, "Xe tải đậu trên {road} {near} suốt đêm, lấn chiếm lòng đường, không có đèn cảnh báo, rất dễ gây tai nạn giao thông."),
            (COUNTRY, "Lộ bê tông ở {place} bị bể nhiều đoạn, có chỗ sụt lún xuống kênh, xe máy đi ngang rất nguy hiểm, các em nhỏ phải dắt bộ."),
            (ANY, "Gờ giảm tốc trên {road} {near} làm quá cao, nhiều người đi xe máy bị văng, ban đêm không có sơn phản quang."),
            (ANY, "Đoạn {road} {near} đường hư nặng, ổ gà nối tiếp ổ gà, nước đọng thành vũng. Mới tuần trước có một vụ tai nạn giao thông ở đây."),
            (ANY, "Lan can cầu bắc qua {canal} đoạn {place} bị gãy {m} nhịp, trẻ nhỏ đi ngang rất dễ té xuống sông."),
            (COUNTRY, "Mặt cầu sắt qua {canal} ở {place} bị mục, nhiều tấm ván lung lay, có lỗ thủng lớn ngay giữa cầu."),
            (TOWN, "Giờ tan tầm buổi chiều trên {road} thường xuyên ùn tắc kéo dài hơn một cây số, xe máy leo lên cả lề đường."),
            (ANY, "Đoạn {road} mới sửa chưa được bao lâu đã sụt lún, mặt đường hư hỏng, nhiều chỗ nứt toác."),
        ],
        details: &[
            (ANY, "Đoạn đường này mỗi ngày có rất đông người qua lại, nhất là giờ đi làm buổi sáng."),
            (ANY, "Người dân đã tự lấy gạch vụn, đá lấp tạm nhưng vài bữa lại trôi hết."),
            (ANY, "Buổi tối chỗ này không có đèn nên càng nguy hiểm cho người đi đường."),
            (ANY, "Mấy hôm trước có một chị đi chợ sớm bị té xe, may mà không bị thương nặng."),
            (WET, "Mùa mưa tới nước đọng thành vũng lớn, không còn nhìn thấy mặt đường."),
            (ANY, "Xe chở vật liệu, xe tải nặng chạy suốt ngày đêm nên mặt đường càng xuống cấp."),
            (TOWN, "Đây là tuyến đường chính của {commune}, lúc nào cũng đông người qua lại."),
            (ANY, "Nguy hiểm nhất là vào {when}."),
        ],
    },
    Field {
        code: "HTDT",
        weight: 12.0,
        incidents: &[
            (ANY, "Đèn đường trên đoạn {road} {near} bị hư {since}, buổi tối tối om, người dân đi lại không an toàn."),
            (WET, "Sau cơn mưa chiều nay, {road} đoạn {near} ngập nước sâu khoảng {k}0 cm, nước rút rất chậm do cống thoát nước bị nghẹt."),
            (TOWN, "Nắp cống {near} trên {road} bị mất {since}, hố ga sâu hoắm, ban đêm rất nguy hiểm."),
            (ANY, "Hàng cây xanh dọc {road} có nhiều nhánh cây khô, mưa giông có thể gãy nhánh rơi trúng người đi đường."),
            (WET, "{Area} mỗi khi mưa lớn là ngập úng cả tuần, nước tràn vào nhà dân vì thoát nước không kịp."),
            (ANY, "Đèn chiếu sáng công cộng ở {place} chỉ sáng được vài bóng, đoạn còn lại tối om {since}."),
            (TOWN, "Cống thoát nước trên {road} bị nghẹt rác, nước thải ứ đọng, mỗi lần triều lên là tràn ra mặt đường."),
            (TOWN, "Công viên {near} ở {area} có nhiều ghế đá bị bể, cây xanh chết khô không ai trồng lại."),
            (WET, "Một cây xanh lớn trên {road} bị nghiêng hẳn sau trận mưa giông, rễ bật lên khỏi mặt đất, có thể ngã bất cứ lúc nào."),
        ],
        details: &[
            (ANY, "Khu vực này có nhiều người già đi tập thể dục vào buổi sáng sớm và buổi tối."),
            (WET, "Mùa mưa năm nào cũng vậy, bà con phải kê đồ đạc lên cao."),
            (TOWN, "Tôi đã báo tổ trưởng khu phố nhưng đến nay vẫn chưa thấy ai xuống sửa."),
            (TOWN, "Đây là tuyến đường chính của {commune}, lúc nào cũng đông người qua lại."),
            (ANY, "Đoạn này gần chỗ đông người nên càng cần được xử lý sớm."),
            (TOWN, "Các hộ kinh doanh hai bên đường cũng bị ảnh hưởng, buôn bán ế ẩm."),
        ],
    },
    Field {
        code: "MT",
        weight: 12.0,
        incidents: &[
            (ANY, "Rác thải sinh hoạt bị đổ ven {canal} đoạn {place} ngày càng nhiều, bốc mùi hôi thối nồng nặc, ruồi muỗi bu đầy."),
            (ANY, "Một cơ sở chế biến thủy sản ở {area} thường xuyên xả thải ra {canal}, nước kênh đen kịt, mùi hôi bay vào nhà dân."),
            (ANY, "Xe thu gom rác không đến {place} {since}, rác ứ đọng trước cửa nhà, chó mèo bới tung ra đường."),
            (DRY, "Mỗi tối có người đốt rác và vỏ xe ở bãi đất trống {near}, khói bụi bay vào nhà, trẻ nhỏ bị ho liên tục."),
            (ANY, "Bãi rác tự phát {near} trên {road} ngày càng lớn, có cả xác động vật thối rữa, ô nhiễm nặng."),
            (COUNTRY, "Trại nuôi heo ở {area} xả chất thải trực tiếp ra {canal}, mùi hôi nồng nặc nhất là vào buổi chiều."),
            (TOWN, "Nước thải từ khu {market} chảy tràn ra đường, bốc mùi hôi {since}."),
            (ANY, "Nước kênh đen ở đoạn {canal} qua {place} bốc mùi, cá chết nổi trắng, nghi có nơi xả thải trái phép."),
        ],
        details: &[
            (ANY, "Bà con trong xóm phải đóng kín cửa cả ngày mà vẫn không chịu nổi."),
            (ANY, "Nhiều gia đình có con nhỏ rất lo lắng cho sức khỏe của các cháu."),
            (ANY, "Tôi có chụp lại hình ảnh và đoạn phim lúc sự việc đang diễn ra."),
            (ANY, "Tình trạng này không phải mới mà đã lặp đi lặp lại nhiều lần."),
            (DRY, "Mùa khô nước kênh cạn, mùi càng nồng nặc hơn."),
            (ANY, "Nặng nhất là vào {when}."),
        ],
    },
    Field {
        code: "TTDT",
        weight: 7.0,
        incidents: &[
            (TOWN, "Vỉa hè {road} đoạn {near} bị các quán cà phê, quán nhậu lấn chiếm vỉa hè bày bàn ghế kín lối, người đi bộ phải đi xuống lòng đường."),
            (TOWN, "Chợ tự phát họp ngay trên {road} mỗi sáng từ 5 giờ đến 8 giờ, hàng rong bày kín hai bên, xe cộ không qua được."),
            (ANY, "Nhiều băng rôn, quảng cáo sai quy định được treo, dán trên cột đèn và tường rào dọc {road}."),
            (TOWN, "Hộ kinh doanh {near} trên {road} dựng mái che, bảng hiệu lấn ra gần hết vỉa hè."),
            (TOWN, "Tình trạng buôn bán lấn chiếm vỉa hè và đậu xe trái phép {near} diễn ra {since}, giờ cao điểm rất dễ va quẹt."),
            (TOWN, "Xe ô tô đậu trái phép hai bên {road} {near} cả ngày lẫn đêm, lối đi chỉ còn vừa một chiếc xe máy."),
        ],
        details: &[
            (ANY, "Lực lượng chức năng có nhắc nhở vài lần nhưng được vài hôm đâu lại vào đấy."),
            (ANY, "Người già và các cháu nhỏ đi ngang đây phải len lỏi giữa dòng xe rất nguy hiểm."),
            (ANY, "Vào dịp cuối tuần tình trạng còn nặng hơn ngày thường."),
            (ANY, "Sự việc tôi thấy rõ nhất vào {when}."),
        ],
    },
    Field {
        code: "DIEN",
        weight: 9.0,
        incidents: &[
            (ANY, "Khu vực {area} bị mất điện {since} mà không có thông báo trước, trời nóng người già trẻ nhỏ không ngủ được."),
            (ANY, "Điện chập chờn liên tục vào buổi tối ở {place}, điện yếu tới mức quạt không quay, nhiều thiết bị trong nhà bị hư."),
            (ANY, "Trụ điện {near} trên {road} bị nghiêng, dây điện võng thấp sát đầu người, xe tải đi qua rất dễ vướng."),
            (ANY, "Trạm biến áp ở {place} phát ra tiếng nổ lớn rồi cúp điện cả khu, đến giờ vẫn chưa có điện lại."),
            (ANY, "Tiền điện tháng này của gia đình tôi ở {area} tăng gần gấp đôi dù sử dụng như mọi tháng, nghi công tơ điện chạy sai."),
            (ANY, "Cột điện bằng bê tông ở {place} bị nứt chân, lộ cả cốt thép, sợ gặp gió lớn sẽ ngã."),
            (DRY, "Điện lực ngắt điện luân phiên ở {area} gần như ngày nào cũng có, lịch thông báo không đúng với thực tế."),
        ],
        details: &[
            (ANY, "Nhiều hộ buôn bán nhỏ bị hư hết hàng đông lạnh vì tủ đá không chạy."),
            (ANY, "Gia đình tôi có người già bệnh nằm một chỗ nên rất cần có điện ổn định."),
            (ANY, "Tôi đã gọi tổng đài chăm sóc khách hàng nhưng chỉ được hẹn sẽ kiểm tra."),
            (DRY, "Những ngày nắng nóng cao điểm trong nhà như cái lò, các cháu nhỏ quấy khóc suốt đêm."),
        ],
    },
    Field {
        code: "CN",
        weight: 7.0,
        incidents: &[
            (ANY, "Nước máy ở {area} {since} bị đục, có mùi phèn, không dám dùng để nấu ăn."),
            (ANY, "Khu vực {place} bị mất nước {since}, không có thông báo lịch cúp nước, bà con phải đi mua nước bình."),
            (ANY, "Vỡ ống nước {near} trên {road}, nước chảy lênh láng ra đường {since} mà chưa thấy ai sửa."),
            (ANY, "Nước yếu vào giờ cao điểm ở {place}, nhà lầu không bơm lên được, nước sinh hoạt thiếu trầm trọng."),
            (ANY, "Đồng hồ nước nhà tôi ở {area} chạy nhanh bất thường, tiền nước tháng này tăng gấp ba."),
            (ANY, "Nước sạch cấp cho {place} có mùi lạ, nhiễm phèn nặng, giặt đồ bị ố vàng."),
            (DRY, "Mùa khô năm nay nước máy ở {area} có vị mặn, bà con không dám nấu cơm, phải mua nước bình để uống."),
        ],
        details: &[
            (ANY, "Cả xóm đều bị như vậy chứ không riêng gì nhà tôi."),
            (ANY, "Tôi đã đóng tiền đầy đủ hằng tháng nên mong được cung cấp nước đúng chất lượng."),
            (ANY, "Nhiều nhà phải bắc thêm máy bơm, tốn kém mà vẫn không đủ dùng."),
        ],
    },
    Field {
        code: "DD",
        weight: 4.0,
        incidents: &[
            (ANY, "Một hộ dân ở {area} tự ý rào lấn chiếm đất công ven {canal} để trồng cây và làm chuồng trại."),
            (ANY, "Gia đình tôi nộp hồ sơ xin cấp giấy chứng nhận quyền sử dụng đất từ tháng {m} năm ngoái đến nay vẫn chưa được cấp sổ đỏ."),
            (ANY, "Hai hộ ở {place} tranh chấp ranh đất, đã đo đạc lại nhưng chưa được hòa giải dứt điểm, đôi bên xô xát nhiều lần."),
            (ANY, "Dự án mở rộng {road} đã thu hồi đất của nhiều hộ ở {place} nhưng đến nay chưa chi trả bồi thường."),
            (ANY, "Khu đất công {near} ở {area} bị người dân san lấp, cắm cọc chiếm dụng {since}."),
        ],
        details: &[
            (ANY, "Gia đình tôi có đầy đủ giấy tờ và sẵn sàng cung cấp khi cơ quan chức năng yêu cầu."),
            (ANY, "Việc kéo dài làm ảnh hưởng đến cuộc sống và việc làm ăn của nhiều hộ."),
            (ANY, "Tôi đã có đơn gửi ấp và xã nhưng chưa nhận được trả lời bằng văn bản."),
        ],
    },
    Field {
        code: "XD",
        weight: 5.0,
        incidents: &[
            (ANY, "Tại {area} có công trình nhà ở đang xây dựng không phép, lấn ra hành lang bảo vệ {canal}."),
            (TOWN, "Công trình xây dựng {near} trên {road} để vật liệu xây dựng tràn ra đường, giàn giáo không lưới bao che, cát đá rơi xuống người đi đường."),
            (ANY, "Nhà bên cạnh đào móng xây nhà mới làm nứt tường và lún nền nhà tôi ở {area}."),
            (ANY, "Có người đổ xà bần thành đống lớn {near} trên {road}, chiếm gần nửa đường."),
            (TOWN, "Hộ dân ở {place} cơi nới thêm hai tầng, xây lấn sang phần đất hẻm chung, có dấu hiệu sai phép."),
        ],
        details: &[
            (ANY, "Công trình thi công cả buổi tối, tiếng máy khoan, máy cắt ồn đến khuya."),
            (ANY, "Tôi đã nói chuyện với chủ nhà nhưng họ không hợp tác."),
            (ANY, "Trên công trình không thấy treo bảng thông tin như quy định."),
        ],
    },
    Field {
        code: "YT",
        weight: 4.0,
        incidents: &[
            (WET, "{Area} {since} có nhiều ca sốt xuất huyết, riêng xóm tôi đã có {k} cháu nằm viện. Đề nghị ngành y tế phun thuốc diệt muỗi."),
            (ANY, "Thái độ nhân viên khoa cấp cứu {hospital} rất thiếu tôn trọng bệnh nhân, để người bệnh nằm chờ gần {k} tiếng."),
            (ANY, "Trạm y tế {commune} thường xuyên đóng cửa vào buổi trưa, người dân đến khám chữa bệnh không có ai tiếp."),
            (TOWN, "Nhà thuốc {near} trên {road} bán thuốc kháng sinh không cần toa của bác sĩ."),
            (ANY, "Nhiều trẻ nhỏ ở {place} bị tay chân miệng, đề nghị kiểm tra, khử khuẩn các nhóm trẻ gia đình."),
            (ANY, "Người có bảo hiểm y tế đến {hospital} vẫn bị yêu cầu mua thêm thuốc và vật tư bên ngoài."),
        ],
        details: &[
            (ANY, "Người dân ở xa phải đi cả chục cây số mới tới được nơi khám."),
            (ANY, "Tôi mong ngành chức năng chấn chỉnh để người dân yên tâm."),
            (WET, "Trong xóm có nhiều ao tù, vũng nước đọng là nơi lăng quăng sinh sản."),
        ],
    },
    Field {
        code: "GD",
        weight: 3.0,
        incidents: &[
            (ANY, "Phòng học của {school} xuống cấp nặng, trần bong tróc, mưa là dột, học sinh phải ngồi né chỗ nước nhỏ giọt."),
            (ANY, "Đầu năm học {school} thu nhiều khoản ngoài quy định, phụ huynh phản ánh có dấu hiệu lạm thu."),
            (ANY, "Giáo viên chủ nhiệm một lớp ở {school} gợi ý học sinh đi học thêm tại nhà, em nào không đi thì bị đối xử khác."),
            (ANY, "Nhà vệ sinh của {school} hư hỏng, bốc mùi, các em không dám sử dụng."),
            (ANY, "Bữa ăn bán trú ở trường mầm non tại {area} rất ít thức ăn so với số tiền phụ huynh đóng."),
        ],
        details: &[
            (ANY, "Nhiều phụ huynh bức xúc nhưng ngại lên tiếng vì sợ ảnh hưởng đến con em."),
            (ANY, "Tôi đề nghị giấu tên vì con tôi vẫn đang theo học tại đây."),
            (ANY, "Mong ngành giáo dục kiểm tra và công khai các khoản thu cho phụ huynh biết."),
        ],
    },
    Field {
        code: "ANTT",
        weight: 7.0,
        incidents: &[
            (ANY, "Quán karaoke {near} ở {area} hát đến 1–2 giờ sáng, loa mở rất lớn, ồn ào cả xóm không ai ngủ được."),
            (ANY, "Nhóm thanh niên tụ tập đua xe, nẹt pô trên {road} mỗi tối từ 22 giờ, rất nguy hiểm cho người đi đường."),
            (ANY, "Có dấu hiệu tụ tập cờ bạc ăn tiền tại một căn nhà ở {place}, thanh niên ra vào suốt đêm."),
            (ANY, "{Since} ở {place} liên tục xảy ra trộm cắp, nhiều nhà bị mất trộm xe máy, gà vịt."),
            (ANY, "Nghi có người sử dụng ma túy tại căn nhà bỏ hoang {near} ở {area}, thường thấy kim tiêm vứt bừa bãi."),
            (TOWN, "Xảy ra cướp giật điện thoại trên {road} {near} vào tối qua, người dân rất lo lắng."),
            (ANY, "Nhà hàng xóm ở {place} mở loa kéo hát suốt ngày đêm, ồn ào không chịu nổi."),
        ],
        details: &[
            (ANY, "Tôi đề nghị giữ bí mật thông tin người phản ánh."),
            (ANY, "Bà con trong xóm ai cũng sợ nên không dám lên tiếng."),
            (ANY, "Sự việc thường diễn ra vào ban đêm, khoảng từ {h} giờ tối trở đi."),
            (ANY, "Tôi đã chứng kiến nhiều lần, nhất là vào {when}."),
        ],
    },
    Field {
        code: "TL",
        weight: 6.0,
        incidents: &[
            (ANY, "Bờ kè {canal} đoạn qua {place} bị sạt lở, đất đã lấn sát móng nhiều căn nhà."),
            (WET, "Triều cường dâng cao tràn bờ vào {area}, nước ngập lộ và ao vườn, bà con không kịp đắp bờ bao."),
            (COUNTRY, "Cống thủy lợi ở {place} bị hư cửa, nước mặn tràn vào ruộng, nhiều hộ lo mất vụ."),
            (ANY, "Lục bình và rác bịt kín {canal} đoạn {place}, ghe xuồng không qua lại được. Đề nghị nạo vét kênh thủy lợi."),
            (ANY, "Đoạn bờ đê ở {place} bị lún nứt nhiều chỗ {since}, gặp con nước lớn rất dễ vỡ đê."),
            (COAST, "Đê biển đoạn qua {place} có nhiều chỗ bị sóng đánh lở chân, rừng phòng hộ phía ngoài bị chặt phá, mùa gió chướng rất dễ vỡ."),
            (DRY, "Kênh thủy lợi ở {area} bồi lắng nặng, mùa khô không còn nước, xâm nhập mặn ngày càng sâu."),
            (DRY, "Nước mặn lấn sâu vào {canal}, cống ngăn mặn ở {place} đóng không kín, ruộng lúa và vườn cây bắt đầu héo."),
        ],
        details: &[
            (ANY, "Mấy năm nay đoạn này năm nào cũng lở thêm vài mét."),
            (ANY, "Người dân đã tự đóng cừ tràm chắn tạm nhưng không ăn thua."),
            (COUNTRY, "Bà con sống chủ yếu bằng nghề nông nên rất lo lắng."),
        ],
    },
    Field {
        code: "ATTP",
        weight: 3.0,
        incidents: &[
            (ANY, "Quán ăn {near} trên {road} chế biến thức ăn mất vệ sinh, để thực phẩm sống dưới đất, ruồi bu đầy."),
            (ANY, "Cửa hàng tạp hóa ở {place} bán nhiều hàng hết hạn sử dụng, tôi mua sữa cho con về mới phát hiện."),
            (COUNTRY, "Cơ sở giết mổ heo ở {area} hoạt động ban đêm, không có kiểm dịch, nghi bán thịt heo bệnh ra chợ."),
            (ANY, "Bánh mì, chả lụa bán ở {market} nghi có hàn the và phẩm màu, ăn vào thấy dai bất thường."),
            (ANY, "Xe bán thực phẩm không rõ nguồn gốc, giá rất rẻ, thường đỗ {near} ở {place} bán cho bà con."),
        ],
        details: &[
            (ANY, "Tôi còn giữ lại hóa đơn và một phần sản phẩm để cơ quan chức năng kiểm tra."),
            (ANY, "Nhiều người mua về cho trẻ nhỏ ăn nên tôi rất lo."),
            (ANY, "Gần Tết hàng hóa loại này bày bán càng nhiều."),
        ],
    },
    Field {
        code: "VT",
        weight: 3.0,
        incidents: &[
            (ANY, "Cột viễn thông ở {place} bị nghiêng sau cơn giông, nằm sát nhà dân, nếu ngã sẽ rất nguy hiểm."),
            (COUNTRY, "Sóng điện thoại ở {area} rất yếu, thường xuyên mất sóng, gọi cấp cứu cũng không được."),
            (TOWN, "Dây cáp viễn thông, cáp quang giăng chằng chịt và võng thấp trên {road} {near}, xe cao đi qua hay bị vướng."),
            (ANY, "Mạng chập chờn, internet cáp quang ở {place} rớt liên tục {since}, báo tổng đài nhiều lần không xử lý."),
            (ANY, "Gần đây tôi nhận rất nhiều cuộc gọi lừa đảo và tin nhắn rác mạo danh ngân hàng, người già trong nhà suýt bị lừa."),
        ],
        details: &[
            (ANY, "Các cháu học trực tuyến buổi tối thường xuyên bị rớt mạng giữa giờ."),
            (ANY, "Tôi đã báo nhà mạng nhiều lần, lần nào cũng hẹn nhưng không thấy ai xuống."),
        ],
    },
    Field {
        code: "NNTS",
        weight: 3.0,
        incidents: &[
            (COUNTRY, "Ao tôm của nhiều hộ ở {place} bị tôm chết hàng loạt {since}, nghi do nguồn nước từ {canal} bị ô nhiễm."),
            (ANY, "Có người dùng xung điện bắt cá trên {canal} đoạn {place} vào ban đêm, tận diệt cả cá con."),
            (COUNTRY, "Đại lý {near} ở {area} bán phân bón giả, thuốc bảo vệ thực vật không nhãn mác cho bà con."),
            (COUNTRY, "Tôm giống mua ở cơ sở trong {commune} thả được mười ngày thì tôm chết gần hết, nghi con giống kém chất lượng."),
            (COAST, "Ghe cào khai thác thủy sản sát bờ ở vùng biển {place}, đánh bắt trái phép suốt đêm."),
        ],
        details: &[
            (COUNTRY, "Cả nhà trông vào vụ tôm này để trả nợ ngân hàng."),
            (ANY, "Bà con đã bắt quả tang nhưng họ bỏ chạy."),
            (COUNTRY, "Tôi có giữ lại mẫu và hóa đơn mua hàng."),
        ],
    },
    Field {
        code: "VHXH",
        weight: 3.0,
        incidents: &[
            (ANY, "Có người tâm thần đi lang thang trên {road} {since}, nhiều lần xông vào nhà dân, bà con rất sợ."),
            (TOWN, "Nhiều trẻ em lang thang bán vé số, xin tiền ở các quán nhậu trên {road} đến khuya."),
            (TOWN, "Tiệm game {near} ở {place} mở cửa thâu đêm, nhiều em nhỏ trốn học vào chơi."),
            (ANY, "Khu vui chơi trẻ em ở {area} có nhiều thiết bị gỉ sét, gãy hỏng, rất dễ gây tai nạn cho các cháu."),
            (ANY, "Xóm tôi ở {place} có một gia đình thường xuyên xảy ra bạo lực gia đình, người vợ bị đánh nhiều lần."),
            (COUNTRY, "Nhà văn hóa ấp ở {place} bỏ hoang, cỏ mọc um tùm, bà con không có chỗ sinh hoạt chung."),
        ],
        details: &[
            (ANY, "Mong chính quyền địa phương quan tâm, có biện pháp hỗ trợ kịp thời."),
            (ANY, "Tôi xin giấu tên vì là hàng xóm gần nhà."),
        ],
    },
    Field {
        code: "KHAC",
        weight: 3.0,
        incidents: &[
            (ANY, "Tình trạng chó thả rông trên {road} {near} rất nhiều, đã có người đi đường bị chó cắn."),
            (COUNTRY, "Trâu bò thả rông đi lang thang trên {road} vào buổi tối, xe máy tông phải rất nguy hiểm."),
            (TOWN, "Tôi xin góp ý: nên bố trí thêm ghế ngồi và mái che tại bến xe buýt {near} trên {road} cho người già chờ xe."),
            (ANY, "Tôi muốn khen ngợi cán bộ {commune} đã xử lý nhanh vụ việc tôi phản ánh tuần trước, đề nghị tuyên dương."),
            (ANY, "Nhà {near} ở {place} nuôi chó dữ nhưng không rọ mõm, thả ra đường hù dọa người qua lại."),
        ],
        details: &[
            (ANY, "Tôi mong ý kiến này được xem xét."),
            (ANY, "Nhiều người trong khu phố cũng có cùng suy nghĩ như tôi."),
        ],
    },
];

/// Emergencies (Đ7.2): the report is sent urgent. Each with the field it belongs to.
#[rustfmt::skip]
pub const URGENT: &[(&str, u8, &str)] = &[
    ("HTDT", ANY, "Cây xanh lớn bật gốc ngã đổ chắn ngang {road} {near} sau cơn mưa giông, xe cộ không qua lại được. Đề nghị lực lượng chức năng đến xử lý khẩn cấp."),
    ("HTDT", ANY, "Cây đổ đè lên mái nhà dân ở {place}, trong nhà có người già và trẻ nhỏ. Đề nghị hỗ trợ gấp!"),
    ("DIEN", ANY, "Dây điện bị đứt rơi xuống {road} {near}, đang xẹt lửa, người dân không dám đi qua. Đề nghị điện lực ngắt điện và xử lý gấp."),
    ("DIEN", ANY, "Trụ điện ngã đè lên {road} ở {place} sau cơn giông, dây điện nằm dưới vũng nước. Rất nguy hiểm, đề nghị xử lý khẩn cấp!"),
    ("ANTT", ANY, "Đang xảy ra cháy nhà tại {area}, lửa bốc cao, gió lớn có nguy cơ lan sang các nhà bên cạnh. Đề nghị lực lượng chữa cháy đến gấp!"),
    ("ANTT", ANY, "Hỏa hoạn tại dãy ki ốt {near} trên {road}, khói đen bốc cao, người dân đang tự dập lửa. Cần hỗ trợ khẩn cấp."),
    ("ANTT", DRY, "Đang có cháy rừng tràm gần {place}, khói bốc cao, lửa lan nhanh theo gió. Đề nghị lực lượng chữa cháy hỗ trợ gấp, hỏa hoạn có thể lan vào khu dân cư."),
    ("TL", ANY, "Bờ kè {canal} đoạn qua {place} vừa sạt lở khoảng {m}0 mét, kéo theo một phần căn nhà xuống sông, nhiều hộ lân cận rất nguy hiểm. Đề nghị di dời khẩn cấp."),
    ("TL", COAST, "Đê biển đoạn {place} bị sóng đánh sạt lở nghiêm trọng, nước biển đang tràn vào khu dân cư và ao tôm. Đề nghị gia cố khẩn cấp."),
    ("ATTP", ANY, "Khoảng {k}0 người dự đám tiệc tại {place} bị đau bụng, nôn ói, nghi ngộ độc thực phẩm, đang được đưa đi bệnh viện. Đề nghị ngành chức năng vào cuộc ngay."),
    ("ATTP", ANY, "Nhiều học sinh bị nôn ói, tiêu chảy sau bữa ăn bán trú trưa nay tại {school}, nghi ngộ độc thực phẩm. Đề nghị kiểm tra khẩn cấp."),
    ("GT", ANY, "Xe tải lật chắn ngang {road} {near}, hàng hóa đổ tràn mặt đường, có người bị thương, kẹt xe kéo dài. Đề nghị lực lượng chức năng đến phân luồng gấp."),
];

/// Sentences any report may add; no field keyword in them.
#[rustfmt::skip]
pub const GENERIC: &[(u8, &str)] = &[
    (ANY, "Khu vực này có khoảng {nn} hộ dân sinh sống, phần đông là người lớn tuổi và trẻ nhỏ."),
    (ANY, "Tôi đã báo với ban nhân dân {place} nhưng đến nay vẫn chưa thấy chuyển biến."),
    (ANY, "Sự việc kéo dài {since} gây bức xúc trong nhân dân."),
    (ANY, "Hình ảnh hiện trường tôi chụp lúc khoảng {h} giờ, gửi kèm theo phản ánh này."),
    (ANY, "Nhiều hộ xung quanh cũng đồng tình và mong được giải quyết sớm."),
    (ANY, "Tôi sẵn sàng chỉ dẫn vị trí cụ thể khi cán bộ xuống kiểm tra."),
    (ANY, "Năm ngoái cũng đã xảy ra tình trạng tương tự nhưng chỉ được khắc phục tạm thời."),
    (ANY, "Khi xử lý xong, mong được thông báo lại để bà con được biết."),
    (ANY, "Tôi phản ánh qua ứng dụng vì đã gọi điện nhiều lần mà không liên lạc được."),
    (ANY, "Vị trí cụ thể là {near}, ai đi ngang cũng thấy."),
    (COUNTRY, "Đường vào {place} nhỏ, xe bốn bánh không vào được, cán bộ xuống kiểm tra nên đi xe máy."),
    (ANY, "Mong các cơ quan có thẩm quyền sớm vào cuộc, tránh để xảy ra hậu quả đáng tiếc."),
    (ANY, "Rất mong nhận được phản hồi sớm từ các cơ quan chức năng."),
    (ANY, "Bà con trong {place} đã kiến nghị nhiều lần ở các buổi họp tổ dân."),
];

/// What is added to an emergency: short, about the scene now.
#[rustfmt::skip]
pub const URGENT_DETAILS: &[(u8, &str)] = &[
    (ANY, "Tôi đang có mặt tại hiện trường, có thể chỉ dẫn cho lực lượng chức năng."),
    (ANY, "Hình ảnh và đoạn phim tôi vừa quay gửi kèm theo."),
    (ANY, "Xung quanh có khoảng {nn} hộ dân, nhiều người già và trẻ nhỏ."),
    (ANY, "Người dân đã tạm thời căng dây, cắm cây báo hiệu cho người đi đường tránh."),
    (ANY, "Vị trí ở {near}, ngay {place}."),
    (ANY, "Xin liên hệ lại số điện thoại của tôi nếu cần thêm thông tin."),
];

/// How a report opens; empty most of the time.
pub const OPENERS: &[&str] = &[
    "",
    "",
    "",
    "",
    "Kính gửi Cổng thông tin. ",
    "Tôi xin phản ánh sự việc như sau: ",
    "Xin chào! ",
    "Kính gửi các cơ quan chức năng. ",
    "Tôi là người dân sống ở {commune}. ",
    "Kính gửi UBND {commune}. ",
];

/// What the citizen asks for, near the end.
pub const REQUESTS: &[&str] = &[
    "Đề nghị cơ quan chức năng sớm kiểm tra, xử lý.",
    "Kính đề nghị chính quyền địa phương quan tâm giải quyết.",
    "Mong các ngành chức năng sớm khắc phục để bà con yên tâm.",
    "Rất mong được xem xét, xử lý dứt điểm.",
    "Đề nghị kiểm tra và có biện pháp xử lý kịp thời.",
    "Bà con đã báo nhiều lần nhưng chưa thấy ai xuống xem.",
    "Đề nghị địa phương xuống kiểm tra thực tế.",
    "Kính mong các cấp có thẩm quyền xem xét, giải quyết sớm.",
    "Đề nghị xử lý nghiêm để làm gương.",
];

/// How a report closes; empty most of the time.
pub const CLOSINGS: &[&str] = &[
    "",
    "",
    "",
    " Xin chân thành cảm ơn.",
    " Trân trọng cảm ơn!",
    " Xin cám ơn.",
    " Cảm ơn Cổng thông tin đã tiếp nhận.",
];

pub const SINCE: &[&str] = &[
    "từ tối hôm qua",
    "từ sáng nay",
    "mấy ngày nay",
    "đã gần một tuần",
    "hơn nửa tháng nay",
    "từ đầu tháng đến nay",
    "từ chiều hôm qua",
    "đã ba ngày nay",
    "cả tháng nay",
    "hơn hai tuần nay",
];

pub const WHEN: &[&str] = &[
    "sáng sớm",
    "buổi trưa",
    "chiều tối",
    "ban đêm",
    "giờ tan tầm",
    "sáng thứ Hai đầu tuần",
    "những ngày cuối tuần",
];

/// Texts that are not Vietnamese (Đ6.1): English, Chinese, Khmer, spam.
pub const FOREIGN: &[&str] = &[
    "The street light in front of my house has been broken for a week. It is very dark at night, please fix it soon.",
    "There is a lot of garbage along the canal near the market and it smells terrible. Could someone collect it please?",
    "Water supply has been cut since this morning and nobody told us. When will it be restored? Thank you.",
    "The road to the hamlet is full of potholes after the rain, motorbikes keep falling. Please send someone to repair it.",
    "我家门口的路灯坏了好几天了，晚上很黑，很不安全，请尽快修理。",
    "这条路上有很多坑洼，下雨后积水，骑摩托车很危险，请有关部门处理。",
    "ផ្លូវនៅភូមិខ្ញុំខូចខាតខ្លាំង ពេលភ្លៀងទឹកដក់ពេញផ្លូវ សូមជួយជួសជុល។",
    "ភ្លើងអគ្គិសនីដាច់តាំងពីយប់មិញ ហើយមិនទាន់មានវិញទេ សូមជួយពិនិត្យ។",
    "CLICK HERE TO WIN a free phone!!! Limited offer, visit http://win-prize-now.example/claim and enter your bank card today",
];

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

/// Family names, the common ones repeated by frequency; Khmer (Danh, Thạch, Sơn, Kim) and
/// Hoa (Quách, Châu, Diệp, Lưu, Tạ) names as they occur in the province.
#[rustfmt::skip]
pub const SURNAMES: &[&str] = &[
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn",
    "Nguyễn", "Trần", "Trần", "Trần", "Trần", "Trần", "Lê", "Lê", "Lê", "Lê", "Lê", "Phạm", "Phạm",
    "Phạm", "Huỳnh", "Huỳnh", "Huỳnh", "Võ", "Võ", "Võ", "Phan", "Phan", "Trương", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Tô", "Lâm", "Quách", "Châu", "Mai", "Thái", "Danh", "Thạch",
    "Sơn", "Kim", "Diệp", "Lưu", "Tạ", "Cao", "Đinh", "Hà", "La",
];
#[rustfmt::skip]
pub const MIDDLE_MALE: &[&str] = &[
    "Văn", "Văn", "Văn", "Minh", "Hoàng", "Thanh", "Quốc", "Hữu", "Công", "Đức", "Chí", "Tấn",
    "Thành", "Phước", "Trọng", "Ngọc",
];
#[rustfmt::skip]
pub const MIDDLE_FEMALE: &[&str] = &[
    "Thị", "Thị", "Thị", "Ngọc", "Thu", "Kim", "Mỹ", "Bích", "Thanh", "Hồng", "Thị Kim",
    "Thị Mỹ", "Thị Ngọc", "Thị Thu", "Cẩm",
];
#[rustfmt::skip]
pub const GIVEN_MALE: &[&str] = &[
    "Hùng", "Dũng", "Tài", "Phúc", "Lộc", "Khoa", "Sang", "Nhân", "Tâm", "Hải", "Toàn", "Nghĩa",
    "Thắng", "Bình", "Long", "Phong", "Hiếu", "Tùng", "Trí", "Vũ", "Tuấn", "Hậu", "Em", "Út",
    "Cường", "Thuận", "Lợi", "Nhựt", "Khánh", "Duy", "Quang", "Sơn", "Tín", "Đạt", "Kiệt", "Bảo",
    "Hòa", "Vinh",
];
#[rustfmt::skip]
pub const GIVEN_FEMALE: &[&str] = &[
    "Lan", "Hoa", "Hồng", "Mai", "Linh", "Trang", "Thảo", "Nhung", "Loan", "Diễm", "Yến",
    "Phượng", "Hạnh", "Ngân", "Thúy", "Vy", "Hương", "Tuyết", "Nga", "Hằng", "Đào", "Xuân",
    "Cúc", "Huyền", "Trinh", "Nhi", "Thư", "Duyên", "Quyên", "Giang", "Ánh",
];

/// Mobile prefixes in use since the 2018 renumbering (Viettel, Vinaphone, MobiFone,
/// Vietnamobile, Gmobile).
pub const MOBILE_PREFIXES: &[&str] = &[
    "032", "033", "034", "035", "036", "037", "038", "039", "052", "056", "058", "059", "070",
    "076", "077", "078", "079", "081", "082", "083", "084", "085", "086", "088", "089", "090",
    "091", "093", "094", "096", "097", "098", "099",
];

/// Numbers a validator must refuse (Đ6.3): too short, the pre-2018 11-digit mobile form,
/// the pre-2017 fixed-line plan, too long, a fixed line one digit short, letters.
pub const INVALID_PHONES: &[&str] = &[
    "12345",
    "0123456789",
    "01234567890",
    "0412345678",
    "091234567890",
    "0290 383 123",
    "0912 345 67",
    "09l2345678",
];

// ---------------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------------

#[rustfmt::skip]
pub const HAMLETS: &[&str] = &[
    "Tân Hưng", "Bình Minh", "Xóm Mới", "Kinh Tế", "Cây Dương", "Tân Phong", "Rạch Lùm",
    "Hòa Lợi", "Thạnh Điền", "Nhà Thờ", "Bà Điều", "Chống Mỹ", "Mương Điều", "Tân Long",
    "Cái Keo", "Kinh Ngang", "Thuận Hòa", "Vàm Xáng", "Cà Lớn", "Tân Điền", "Lung Lá",
    "Xẻo Đước", "Công Nghiệp", "Bờ Cảng", "Hiệp Hòa", "Tân Thành A", "Năm Đảm", "Cái Cám",
    "Ông Muộn", "Thống Nhất", "Đồng Tâm", "Phú Hiệp", "Rạch Chèo", "Kinh Tư", "Sào Lưới",
    "Vĩnh Phú", "Cây Gừa", "Giồng Nhãn", "Nhà Mát", "Biển Tây", "Đầu Sấu", "Cái Giếng",
];

pub const COUNTRY_LANDMARKS: &[&str] = &[
    "gần chợ xã",
    "đối diện cây xăng",
    "ngay ngã ba",
    "gần bến đò",
    "cạnh chùa",
    "gần trụ sở ấp",
    "đối diện đình thần",
    "cạnh tiệm tạp hóa",
    "ngay đầu cầu sắt",
    "gần nhà thờ",
    "gần bến phà",
    "cạnh trạm bơm",
];

pub const TOWN_LANDMARKS: &[&str] = &[
    "gần chợ",
    "đối diện cây xăng",
    "ngay ngã tư",
    "gần vòng xoay",
    "cạnh quán cà phê",
    "đối diện ngân hàng",
    "gần khu dân cư mới",
    "trước tiệm vàng",
    "gần bưu điện",
    "cạnh siêu thị mini",
    "gần nhà thiếu nhi",
    "gần bến xe",
];

pub const HOSPITALS_CA_MAU: &[&str] = &[
    "Bệnh viện Đa khoa tỉnh Cà Mau",
    "Bệnh viện Sản - Nhi Cà Mau",
    "Trung tâm Y tế khu vực",
];
pub const HOSPITALS_BAC_LIEU: &[&str] = &[
    "Bệnh viện Đa khoa Bạc Liêu",
    "Bệnh viện Sản - Nhi Bạc Liêu",
    "Trung tâm Y tế khu vực",
];

pub const SCHOOLS: &[&str] = &[
    "Trường Tiểu học",
    "Trường THCS",
    "Trường Mầm non",
    "Trường THPT",
];
