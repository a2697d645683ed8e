"""Back-office routes of the reports (included from backoffice/urls.py)."""

from django.urls import path

from motcua.backoffice import dossier_flag_views, report_views

urlpatterns = [
    path("bao-cao/", report_views.report_monthly, name="report_monthly"),
    path("bao-cao/chi-tiet/", report_views.report_drill, name="report_drill"),
    path("bao-cao/766/", report_views.report_index, name="report_index"),
    path("bang-dieu-khien/", report_views.report_dashboard, name="report_dashboard"),
    path("ho-so/<str:code>/so-hoa-thanh-toan/", dossier_flag_views.dossier_flags, name="dossier_flags"),
]
