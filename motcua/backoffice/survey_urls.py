"""Back-office routes of the satisfaction survey (included from backoffice/urls.py)."""

from django.urls import path

from motcua.backoffice import survey_views

urlpatterns = [
    path("quay-danh-gia/", survey_views.kiosk, name="kiosk"),
    path("danh-gia/", survey_views.results, name="survey_results"),
    path("danh-gia/phieu-giay/", survey_views.paper_entry, name="survey_paper"),
    path("danh-gia/theo-doi/", survey_views.follow_up_list, name="survey_follow_up_list"),
    path("danh-gia/theo-doi/<int:item_id>/", survey_views.follow_up_detail, name="survey_follow_up_detail"),
]
