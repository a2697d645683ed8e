from django.contrib import admin
from django.urls import include, path

from motcua.api.api import api
from motcua.core.views import healthz

urlpatterns = [
    path("", include("motcua.portal.urls")),
    path("", include("motcua.accounts.urls")),
    path("", include("motcua.portal.lookup_urls")),
    path("", include("motcua.portal.submit_urls")),
    path("", include("motcua.portal.feedback_urls")),
    path("open311/v2/", include("motcua.api.open311_urls")),
    path("", include("motcua.portal.survey_urls")),
    path("", include("motcua.portal.report_urls")),
    path("quan-tri/", include("motcua.backoffice.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
]

handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
