"""Online submission and the citizen's page of a dossier (included from config/urls.py)."""

from django.urls import path

from motcua.portal import submit_views

app_name = "submit"
urlpatterns = [
    path("nop-ho-so/", submit_views.submit_index, name="index"),
    path("nop-ho-so/da-nop/", submit_views.submit_done, name="done"),
    path("nop-ho-so/<str:procedure_code>/", submit_views.submit_form, name="form"),
    path("ho-so/<str:code>/", submit_views.citizen_page, name="citizen"),
    path("ho-so/<str:code>/thao-tac/", submit_views.citizen_action, name="citizen_action"),
    path("ho-so/<str:code>/ket-qua/", submit_views.citizen_result, name="citizen_result"),
    path("ho-so/<str:code>/giay-to/<int:scan_id>/", submit_views.citizen_scan, name="citizen_scan"),
]
