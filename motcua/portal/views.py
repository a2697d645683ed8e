"""Citizens' pages (no models)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.access import public
from motcua.accounts.models import Agency


@public
def home(request: HttpRequest) -> HttpResponse:
    desks = Agency.objects.active().filter(kind=Agency.Kind.SERVICE_CENTER).order_by("code")
    return render(request, "portal/home.html", {"desks": desks})
