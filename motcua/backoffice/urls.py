from django.urls import include, path

from motcua.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("co-quan/", views.agency_list, name="agency_list"),
    path("co-quan/<str:agency_code>/", views.agency_detail, name="agency_detail"),
    path("co-quan/<str:agency_code>/nhat-ky-truy-cap/", views.agency_access_log, name="agency_access_log"),
    path("", include("motcua.backoffice.catalog_urls")),
    path("", include("motcua.backoffice.outbox_urls")),
    path("", include("motcua.backoffice.dossier_urls")),
    path("", include("motcua.backoffice.worklist_urls")),
]
