"""Back-office routes of the catalog (included from backoffice/urls.py)."""

from django.urls import path

from motcua.backoffice import catalog_views

urlpatterns = [
    path("thu-tuc/", catalog_views.procedure_list, name="catalog_procedure_list"),
    path("lien-he/", catalog_views.contact_list, name="catalog_contact_list"),
    path("lien-he/<str:agency_code>/", catalog_views.contact_edit, name="catalog_contact_edit"),
]
