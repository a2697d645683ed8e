"""sitemap.xml (django.contrib.sitemaps): procedures in force and public publications, plus the
public lists. Drafts, scheduled and withdrawn publications never appear (one selector)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from motcua.catalog import publication_selectors
from motcua.catalog.models import Procedure, Publication


class ProcedureSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> list[Procedure]:
        return list(Procedure.objects.listed().with_version_in_force(timezone.localdate()).order_by("code"))

    def location(self, item: Procedure) -> str:
        return reverse("portal:procedure_detail", args=[item.code])

    def lastmod(self, item: Procedure) -> datetime:
        return item.updated_at


class PublicationSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[Publication]:
        return list(publication_selectors.public_publications().order_by("-publish_at", "-pk"))

    def location(self, item: Publication) -> str:
        return reverse("portal:publication_detail", args=[item.pk])

    def lastmod(self, item: Publication) -> datetime:
        assert item.publish_at is not None
        return max(item.publish_at, item.updated_at)


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["portal:home", "portal:procedure_list", "portal:publication_list", "portal:guide_index"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "pages": PagesSitemap,
    "procedures": ProcedureSitemap,
    "publications": PublicationSitemap,
}
