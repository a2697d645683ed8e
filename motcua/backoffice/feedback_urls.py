"""Back-office petition routes (included from backoffice/urls.py)."""

from django.urls import path

from motcua.backoffice import feedback_views

urlpatterns = [
    path("phan-anh/", feedback_views.petition_list, name="feedback_list"),
    path("phan-anh/ghi-nhan/", feedback_views.petition_entry, name="feedback_entry"),
    path("phan-anh/<str:petition_code>/", feedback_views.petition_detail, name="feedback_detail"),
    path(
        "phan-anh/<str:petition_code>/thao-tac/<str:petition_action>/",
        feedback_views.petition_action,
        name="feedback_action",
    ),
]
