"""Back-office routes of reform plans (included from backoffice/urls.py)."""

from django.urls import path

from motcua.backoffice import plan_views

urlpatterns = [
    path("ke-hoach/", plan_views.plan_list, name="plan_list"),
    path("ke-hoach/<int:plan_id>/", plan_views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:plan_id>/tien-do/", plan_views.plan_dashboard, name="plan_dashboard"),
    path("ke-hoach/<int:plan_id>/chua-bao-cao/", plan_views.plan_missing, name="plan_missing"),
    path("ke-hoach/<int:plan_id>/bao-cao-tong-hop/", plan_views.plan_report, name="plan_report"),
    path(
        "ke-hoach/<int:plan_id>/bao-cao-tong-hop.pdf", plan_views.plan_report_pdf_view, name="plan_report_pdf"
    ),
    path(
        "ke-hoach/<int:plan_id>/bao-cao-tong-hop.docx",
        plan_views.plan_report_docx_view,
        name="plan_report_docx",
    ),
    path("ke-hoach/nhiem-vu/<int:plan_task_id>/bao-cao/", plan_views.task_report, name="plan_task_report"),
    path("ke-hoach/minh-chung/<int:evidence_id>/", plan_views.evidence_download, name="plan_evidence"),
]
