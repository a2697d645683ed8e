"""Message templates of the oversight app (registered from OversightConfig.ready())."""

from __future__ import annotations

from motcua.notifications.registry import register

register(
    "oversight_explanation_requested",
    "EMAIL",
    "Kính gửi {name},\n\nVăn phòng UBND đề nghị {agency} giải trình nguyên nhân chậm giải quyết hồ sơ {code} "
    "và biện pháp khắc phục, hạn cuối {due}.\nVui lòng giải trình trên hệ thống MotCua (mục Giải trình hồ sơ trễ hạn).\n\n"
    "Hệ thống MotCua.",
    ["name", "agency", "code", "due"],
    "Đề nghị giải trình hồ sơ trễ hạn (thư điện tử)",
    email_subject="Đề nghị giải trình hồ sơ trễ hạn {code}",
)
register(
    "oversight_explanation_requested",
    "SMS",
    "Hồ sơ {code} trễ hạn: đề nghị {agency} giải trình nguyên nhân, biện pháp khắc phục trước {due} trên MotCua.",
    ["code", "agency", "due"],
    "Đề nghị giải trình hồ sơ trễ hạn",
)
register(
    "oversight_explanation_reminder",
    "EMAIL",
    "Kính gửi {name},\n\n{agency} chưa giải trình việc chậm giải quyết hồ sơ {code}; hạn giải trình {due}.\n\n"
    "Hệ thống MotCua.",
    ["name", "agency", "code", "due"],
    "Nhắc giải trình hồ sơ trễ hạn (thư điện tử)",
    email_subject="Nhắc giải trình hồ sơ trễ hạn {code}",
)
register(
    "oversight_staff_evaluation",
    "EMAIL",
    "Kính gửi {name},\n\nBộ phận giám sát đã đánh giá công chức một cửa {officer} tháng {month}: xếp loại {grade}.\n"
    "Nhận xét: {assessment}\n\nXem chi tiết số liệu trên hệ thống MotCua: {url}\n\nHệ thống MotCua.",
    ["name", "officer", "month", "grade", "assessment", "url"],
    "Kết quả đánh giá cán bộ một cửa hằng tháng (thư điện tử)",
    email_subject="Đánh giá cán bộ một cửa {officer} tháng {month}",
)
register(
    "oversight_reminder",
    "EMAIL",
    "Kính gửi {name},\n\nVăn phòng UBND nhắc nhở bằng văn bản:\n{text}\n\nHệ thống MotCua.",
    ["name", "text"],
    "Nhắc nhở bằng văn bản cán bộ một cửa (thư điện tử)",
    email_subject="Nhắc nhở của Văn phòng UBND",
)
