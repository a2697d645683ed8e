"""Back-office routes of the outbox (included from backoffice/urls.py)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
