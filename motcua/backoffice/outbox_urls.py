"""Back-office routes of the outbox (included from backoffice/urls.py)."""

from django.urls import path

from motcua.backoffice import outbox_views

urlpatterns = [
    path("tin-nhan/", outbox_views.outbox_list, name="outbox_list"),
    path("tin-nhan/<int:message_id>/", outbox_views.outbox_detail, name="outbox_detail"),
]
