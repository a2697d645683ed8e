"""The satisfaction survey and its public results (included from config/urls.py)."""

from django.urls import path

from motcua.portal import survey_views

app_name = "survey"
urlpatterns = [
    path("danh-gia/<str:code>/", survey_views.survey_page, name="form"),
    path("thong-ke/hai-long/", survey_views.satisfaction, name="results"),
    path("thong-ke/hai-long/ap-phich.pdf", survey_views.satisfaction_poster, name="poster"),
    path("thong-ke/hai-long/ket-qua.xlsx", survey_views.satisfaction_export, name="export"),
]
