from django.urls import include, path

from motcua.accounts import views as account_views
from motcua.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("co-quan/", views.agency_list, name="agency_list"),
    path("co-quan/<str:agency_code>/", views.agency_detail, name="agency_detail"),
    path("co-quan/<str:agency_code>/nhat-ky-truy-cap/", views.agency_access_log, name="agency_access_log"),
    path(
        "can-bo/<int:user_id>/dat-lai-mat-khau/",
        account_views.password_reset_by_admin,
        name="password_reset_by_admin",
    ),
    path("", include("motcua.backoffice.catalog_urls")),
    path("", include("motcua.backoffice.outbox_urls")),
    path("", include("motcua.backoffice.dossier_urls")),
    path("", include("motcua.backoffice.worklist_urls")),
    path("", include("motcua.backoffice.publication_urls")),
    path("", include("motcua.backoffice.plan_urls")),
    path("", include("motcua.backoffice.oversight_urls")),
    path("", include("motcua.backoffice.feedback_urls")),
    path("", include("motcua.backoffice.survey_urls")),
    path("", include("motcua.backoffice.report_urls")),
]
