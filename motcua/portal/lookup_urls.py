"""Public look-up routes (included from config/urls.py)."""

from django.urls import path

from motcua.portal import lookup_views

app_name = "lookup"
urlpatterns = [
    path("tra-cuu/", lookup_views.lookup_page, name="lookup"),
]
