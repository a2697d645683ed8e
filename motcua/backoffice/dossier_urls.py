"""Back-office routes of dossiers (included from backoffice/urls.py)."""

from django.urls import path

from motcua.backoffice import dossier_file_views, dossier_views

urlpatterns = [
    path("ho-so/", dossier_views.dossier_list, name="dossier_list"),
    path("ho-so/tiep-nhan/", dossier_views.dossier_intake_view, name="dossier_intake"),
    path("ho-so/<str:code>/", dossier_views.dossier_detail, name="dossier_detail"),
    path("ho-so/<str:code>/mau-01.pdf", dossier_views.dossier_form01, name="dossier_form01"),
    path("ho-so/<str:code>/mau-02.pdf", dossier_views.dossier_form02, name="dossier_form02"),
    path("ho-so/<str:code>/mau-03.pdf", dossier_views.dossier_form03, name="dossier_form03"),
    path("ho-so/<str:code>/mau-04.pdf", dossier_views.dossier_form04, name="dossier_form04"),
    path("ho-so/<str:code>/mau-05.pdf", dossier_views.dossier_form05, name="dossier_form05"),
    path("ho-so/<str:code>/mau-06.pdf", dossier_views.dossier_form06, name="dossier_form06"),
    path(
        "ho-so/<str:code>/giay-to/<int:scan_id>/",
        dossier_file_views.dossier_scan_download,
        name="dossier_scan_download",
    ),
    path(
        "ho-so/<str:code>/ket-qua/",
        dossier_file_views.dossier_result_download,
        name="dossier_result_download",
    ),
    path("ho-so/<str:code>/thao-tac/<str:action>/", dossier_views.dossier_action, name="dossier_action"),
    path("so-theo-doi.pdf", dossier_views.register_pdf, name="dossier_register_pdf"),
]
