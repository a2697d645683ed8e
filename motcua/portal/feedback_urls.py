"""Public petition routes `/phan-anh/` (included from config/urls.py)."""

from django.urls import path

from motcua.portal import feedback_views

app_name = "feedback_portal"
urlpatterns = [
    path("phan-anh/", feedback_views.petition_list, name="list"),
    path("phan-anh/gui/", feedback_views.petition_new, name="new"),
    path("phan-anh/niem-yet/", feedback_views.petition_print, name="print"),
    path("phan-anh/<str:petition_code>/", feedback_views.petition_detail, name="detail"),
    path("phan-anh/<str:petition_code>/danh-gia/", feedback_views.petition_vote, name="vote"),
    path("phan-anh/<str:petition_code>/bo-sung/", feedback_views.petition_reply, name="reply"),
]
