"""Back-office routes of oversight (included from backoffice/urls.py)."""

from django.urls import path

from motcua.backoffice import oversight_views as views

urlpatterns = [
    path("giam-sat/ho-so-tre-han/", views.late_list, name="late_list"),
    path("giam-sat/ho-so-tre-han/<str:code>/co-quan-de-cham/", views.late_designate, name="late_designate"),
    path("giai-trinh/", views.explanation_list, name="explanation_list"),
    path("giai-trinh/<int:explanation_id>/", views.explanation_detail, name="explanation_detail"),
    path("danh-gia-can-bo/", views.evaluation_list, name="staff_evaluation_list"),
    path("danh-gia-can-bo/<int:evaluation_id>/", views.evaluation_detail, name="staff_evaluation_detail"),
    path("lich-truc/", views.roster, name="roster"),
    path("danh-gia-giai-quyet/", views.handling_list, name="handling_list"),
    path("danh-gia-giai-quyet/<str:code>/", views.handling_detail, name="handling_detail"),
    path("nhac-nho/", views.reminder_list, name="reminder_list"),
    path("kiem-tra/", views.inspection_list, name="inspection_list"),
    path("kiem-tra/<int:inspection_id>/", views.inspection_detail, name="inspection_detail"),
    path("bo-phan-mot-cua/", views.desk_conditions, name="desk_conditions"),
    path("giam-sat/bao-cao-dinh-ky/", views.periodic_report, name="periodic_report"),
]
