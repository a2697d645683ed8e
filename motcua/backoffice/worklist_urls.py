"""Back-office routes of the worklists (included from backoffice/urls.py)."""

from django.urls import path

from motcua.backoffice import worklist_views

urlpatterns = [
    path("viec-can-lam/", worklist_views.worklist, name="worklist"),
]
