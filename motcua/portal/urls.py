from django.urls import include, path

from motcua.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedure_list, name="procedure_list"),
    path("thu-tuc/niem-yet/", views.posting_index, name="posting_index"),
    path("thu-tuc/niem-yet/<str:field_code>.pdf", views.posting_pdf, name="posting_pdf"),
    path("thu-tuc/niem-yet/<str:field_code>/", views.posting_print, name="posting_print"),
    path("thu-tuc/<str:procedure_code>/", views.procedure_detail, name="procedure_detail"),
    path(
        "thu-tuc/<str:procedure_code>/giay-to/<int:document_id>/mau/",
        views.document_template,
        name="document_template",
    ),
    path(
        "thu-tuc/<str:procedure_code>/giay-to/<int:document_id>/ho-so-mau/",
        views.document_sample,
        name="document_sample",
    ),
    path("lien-he/", views.contacts, name="contacts"),
    path("", include("motcua.portal.publication_urls")),
]
