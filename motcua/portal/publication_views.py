"""Citizens' pages of published information (/cong-khai/) and the guides (/huong-dan/).

Every page here reads through `publication_selectors.public_publications()`, so drafts, scheduled
and withdrawn items never show (the feeds and the sitemap use the same selector).
"""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.access import public
from motcua.catalog import publication_selectors as selectors
from motcua.catalog.models import GUIDE_BY_SLUG, GUIDE_SLUGS, Guide
from motcua.core.http import file_download
from motcua.core.pdf import pdf_cached
from motcua.portal.sitemaps import SITEMAPS

PAGE_SIZE = 20


def _filters(request: HttpRequest) -> selectors.PublicationFilters:
    year = request.GET.get("nam", "")[:4]
    return selectors.PublicationFilters(
        q=request.GET.get("q", "")[:200],
        category=request.GET.get("chuyen_muc", "")[:40],
        agency=request.GET.get("co_quan", "")[:40],
        year=int(year) if year.isdigit() and 1900 <= int(year) <= 2100 else None,
    )


@public
def publication_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    page = Paginator(selectors.publication_catalogue(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "categories": selectors.categories_in_use(),
        "agencies": selectors.publishing_agencies_public(),
        "years": selectors.publication_years(),
        "category": selectors.category_by_code(filters.category),
    }
    return render(request, "portal/publication_list.html", context)


@public
def publication_detail(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = selectors.public_publication(publication_id)
    return render(request, "portal/publication_detail.html", {"publication": publication})


@public
def publication_attachment(request: HttpRequest, publication_id: int, attachment_id: int) -> FileResponse:
    """An attachment of a public publication, always as a download under our own name."""
    publication = selectors.public_publication(publication_id)
    attachment = get_object_or_404(publication.attachments.all(), pk=attachment_id)
    response = file_download(attachment.file, attachment.download_name)
    response["Cache-Control"] = "public, max-age=300"  # public documents: no personal data
    return response


@public
def publication_board(request: HttpRequest) -> HttpResponse:
    """The notice board (niêm yết): the documents in force, printable on A4 from the browser."""
    filters = _filters(request)
    return render(
        request,
        "portal/publication_board.html",
        {
            "publications": selectors.notice_board(filters),
            "filters": filters,
            "printed_at": timezone.localtime(),
            "category": selectors.category_by_code(filters.category),
        },
    )


# --- guides --------------------------------------------------------------------------------------


def _guide_context(guide_slug: str) -> dict[str, Any]:
    kind = GUIDE_BY_SLUG.get(guide_slug)
    if kind is None:
        raise Http404(guide_slug)
    lookup_url = settings.PUBLIC_BASE_URL + reverse("lookup:lookup")
    context: dict[str, Any] = {
        "guide": selectors.guide_text(kind),
        "kind": kind,
        "slug": guide_slug,
        "keyword": settings.SMS_LOOKUP_KEYWORDS[0],
        "short_code": settings.SMS_SHORT_CODE,
        "lookup_url": lookup_url,
        "portal_url": settings.PUBLIC_BASE_URL + "/",
    }
    if kind == Guide.Kind.ONLINE:
        context["procedures"] = selectors.procedures_online()
    elif kind == Guide.Kind.POST:
        context["procedures"] = selectors.procedures_by_post()
    else:
        context["qr_svg"] = segno.make(lookup_url, error="m").svg_inline(scale=3, border=2, omitsize=False)
    return context


@public
def guide_index(request: HttpRequest) -> HttpResponse:
    guides = [(selectors.guide_text(kind), slug) for kind, slug in GUIDE_SLUGS.items()]
    return render(request, "portal/guide_index.html", {"guides": guides})


@public
def guide_detail(request: HttpRequest, guide_slug: str) -> HttpResponse:
    return render(request, "portal/guide_detail.html", _guide_context(guide_slug))


@public
def guide_leaflet(request: HttpRequest, guide_slug: str) -> HttpResponse:
    """The one-page leaflet for the desk (phát tờ rơi): the guide with its live lists, as a PDF. The
    content-hash cache renders anew whenever the catalogue, the text or the SMS keyword changes."""
    context = _guide_context(guide_slug)
    html = render_to_string("catalog/guide_leaflet.html", context, request=request)
    pdf = pdf_cached(("catalog", "leaflets"), f"to-roi-{guide_slug}", html)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="to-roi-{guide_slug}.pdf"'
    return response


@public
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """sitemap.xml for search engines: the public lists, procedures in force, public publications."""
    return sitemap(request, sitemaps=SITEMAPS)
