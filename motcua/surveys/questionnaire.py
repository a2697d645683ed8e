"""The first questionnaire: the seed plan's six criteria groups (DOMAIN §6), 3–5 questions each.

Plain data (Vietnamese, English), loaded as version 1 by the data migration 0002 and by
`questionnaire_published()` when a database has none (a test database flushed between tests).
Administrators edit later versions in the admin; codes stay stable so the index pools versions.
"""

from __future__ import annotations

# (code, name, name_en, [(code, text, text_en), ...])
Questionnaire = list[tuple[str, str, str, list[tuple[str, str, str]]]]
QUESTIONNAIRE: Questionnaire = [
    (
        "C1", "Tiếp cận dịch vụ", "Access to services",
        [
            ("C1.1", "Dễ tìm thông tin về nơi nộp hồ sơ, giờ làm việc", "Easy to find where to apply and the opening hours"),
            ("C1.2", "Dễ nộp hồ sơ trực tuyến hoặc qua bưu chính", "Easy to apply online or by post"),
            ("C1.3", "Thời gian chờ đến lượt được tiếp nhận hợp lý", "Reasonable waiting time before being served"),
        ],
    ),
    (
        "C2", "Điều kiện tiếp nhận và cơ sở vật chất", "Reception conditions and facilities",
        [
            ("C2.1", "Nơi tiếp nhận có đủ chỗ ngồi, sạch sẽ, thoáng mát", "Enough seats; the place is clean and airy"),
            ("C2.2", "Có đủ trang thiết bị phục vụ (máy tra cứu, bút, giấy, mẫu đơn)", "Enough equipment (look-up terminal, pens, paper, forms)"),
            ("C2.3", "Có biển chỉ dẫn, sơ đồ các quầy rõ ràng", "Clear signs and a map of the counters"),
        ],
    ),
    (
        "C3", "Thủ tục hành chính", "Administrative procedures",
        [
            ("C3.1", "Thủ tục được niêm yết công khai, đầy đủ", "The procedure is posted publicly and in full"),
            ("C3.2", "Giấy tờ phải nộp đúng với danh mục đã niêm yết", "The documents asked for match the published list"),
            ("C3.3", "Phí, lệ phí phải nộp đúng với quy định đã niêm yết", "The fees paid match the published ones"),
            ("C3.4", "Thời hạn giải quyết được ghi rõ trên giấy hẹn", "The time limit is stated on the receipt"),
        ],
    ),
    (
        "C4", "Sự phục vụ của công chức", "Service of officials",
        [
            ("C4.1", "Công chức có thái độ lịch sự, tôn trọng", "Officials are courteous and respectful"),
            ("C4.2", "Công chức hướng dẫn đầy đủ, dễ hiểu ngay từ lần đầu", "Officials guide fully and clearly the first time"),
            ("C4.3", "Công chức không gây phiền hà, nhũng nhiễu", "Officials cause no trouble and ask for nothing extra"),
            ("C4.4", "Công chức tuân thủ đúng quy định khi giải quyết hồ sơ", "Officials follow the rules when handling the dossier"),
        ],
    ),
    (
        "C5", "Kết quả và tiến độ giải quyết", "Results and progress",
        [
            ("C5.1", "Kết quả đúng quy định, thông tin chính xác", "The result is lawful and its information correct"),
            ("C5.2", "Nhận kết quả đúng hoặc sớm hơn ngày hẹn", "The result came on or before the appointed date"),
            ("C5.3", "Được thông báo tình hình giải quyết hồ sơ", "I was kept informed of the dossier's progress"),
        ],
    ),
    (
        "C6", "Tiếp nhận và xử lý góp ý, phản ánh, kiến nghị", "Receiving and handling feedback",
        [
            ("C6.1", "Có nơi tiếp nhận góp ý, phản ánh dễ thấy, dễ dùng", "A feedback channel that is easy to find and use"),
            ("C6.2", "Góp ý, phản ánh được tiếp nhận và trả lời đúng hạn", "Feedback is received and answered on time"),
            ("C6.3", "Nội dung trả lời phản ánh rõ ràng, thỏa đáng", "The answer to feedback is clear and satisfactory"),
        ],
    ),
]  # fmt: skip
