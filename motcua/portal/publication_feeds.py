"""Atom feeds of published information (django.contrib.syndication): one for everything, one per
category. Items come from `publication_selectors.feed_items`, which reads only public publications."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from motcua.accounts.access import public
from motcua.catalog import publication_selectors as selectors
from motcua.catalog.models import Publication, PublicationCategory


class PublicationFeed(Feed):
    """Every public publication, newest first (at most 50)."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> PublicationCategory | None:
        return None

    def title(self, obj: PublicationCategory | None) -> str:
        name = obj.name if obj else _("Thông tin công khai")
        return f"{name} · {settings.LOCALITY_NAME}"

    def subtitle(self, obj: PublicationCategory | None) -> str:
        return _(
            "Chính sách, kế hoạch, ngân sách, quy hoạch và tin cải cách hành chính do các cơ quan công bố."
        )

    def link(self, obj: PublicationCategory | None) -> str:
        url = reverse("portal:publication_list")
        return f"{url}?chuyen_muc={obj.code}" if obj else url

    def author_name(self) -> str:
        return settings.LOCALITY_NAME

    def items(self, obj: PublicationCategory | None) -> list[Publication]:
        return selectors.feed_items(obj)

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return item.summary or item.body[:500]

    def item_link(self, item: Publication) -> str:
        return reverse("portal:publication_detail", args=[item.pk])

    def item_pubdate(self, item: Publication) -> datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Publication) -> datetime:
        assert item.publish_at is not None
        return max(item.publish_at, item.updated_at)

    def item_author_name(self, item: Publication) -> str:
        return item.agency.name

    def item_categories(self, item: Publication) -> list[str]:
        return [item.category.name]


class CategoryFeed(PublicationFeed):
    """The public publications of one category."""

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> PublicationCategory:
        return get_object_or_404(PublicationCategory, code=kwargs["category_code"])


feed_all = public(PublicationFeed())
feed_category = public(CategoryFeed())
