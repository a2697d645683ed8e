"""The reminders of reform-plan reports (e-mail to the agencies' leaders, through the outbox)."""

from __future__ import annotations

from motcua.notifications.registry import register

PLACEHOLDERS = ["agency", "plan", "round", "due", "tasks"]

register(
    "plan_report_due",
    "EMAIL",
    "Kính gửi {agency},\n\nHạn nộp báo cáo kết quả thực hiện kế hoạch “{plan}” kỳ {round} là ngày {due}. "
    "Cơ quan, đơn vị chưa báo cáo các nhiệm vụ: {tasks}.\nĐề nghị báo cáo trên hệ thống MotCua trước hạn.\n\n"
    "Trân trọng.",
    PLACEHOLDERS,
    "Nhắc hạn báo cáo kế hoạch CCHC",
    email_subject="Nhắc hạn báo cáo kế hoạch CCHC kỳ {round}",
)
register(
    "plan_report_overdue",
    "EMAIL",
    "Kính gửi {agency},\n\nĐã quá hạn ({due}) nộp báo cáo kết quả thực hiện kế hoạch “{plan}” kỳ {round}. "
    "Cơ quan, đơn vị chưa báo cáo các nhiệm vụ: {tasks}.\nĐề nghị báo cáo ngay trên hệ thống MotCua.\n\n"
    "Trân trọng.",
    PLACEHOLDERS,
    "Báo cáo kế hoạch CCHC quá hạn",
    email_subject="Quá hạn báo cáo kế hoạch CCHC kỳ {round}",
)
