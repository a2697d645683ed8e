"""The report e-mail, declared in the notifications registry (editable by staff like every text)."""

from __future__ import annotations

from motcua.notifications.registry import register

register(
    "report_period_closed",
    "EMAIL",
    "Kính gửi {leader},\n\nBáo cáo tình hình giải quyết thủ tục hành chính của {agency} kỳ {period} "
    "đã sẵn sàng.\nXem trực tuyến (kèm cách tính và danh sách hồ sơ): {url}\n"
    "Tệp Excel đính kèm thư này.\n\nTrân trọng.",
    ["leader", "agency", "period", "url"],
    "Báo cáo kỳ đã khóa sổ gửi lãnh đạo (thư điện tử, kèm tệp XLSX)",
    email_subject="Báo cáo TTHC {agency} kỳ {period}",
)
