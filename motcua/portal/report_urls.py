"""Public statistics routes (included from config/urls.py)."""

from django.urls import path

from motcua.portal import report_views

app_name = "statistics"
urlpatterns = [
    path("thong-ke/", report_views.statistics, name="overview"),
    path("thong-ke/766/", report_views.statistics_index, name="index766"),
]
