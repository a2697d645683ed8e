"""Citizens' pages (no models): home, the procedure catalogue, one procedure, the posted list, contacts."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from motcua.accounts.access import public
from motcua.accounts.models import Agency
from motcua.catalog import publication_selectors, selectors
from motcua.catalog.models import Field, RequiredDocument
from motcua.core.pdf import pdf_cached

PAGE_SIZE = 20


@public
def home(request: HttpRequest) -> HttpResponse:
    desks = Agency.objects.active().filter(kind=Agency.Kind.SERVICE_CENTER).order_by("code")
    return render(
        request,
        "portal/home.html",
        {
            "desks": desks,
            "popular": selectors.popular_procedures(limit=8),
            "news": publication_selectors.latest_news(limit=3),
        },
    )


@public
def procedure_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.CatalogueFilters(
        q=request.GET.get("q", "")[:200],
        field=request.GET.get("linh_vuc", "")[:30],
        agency=request.GET.get("co_quan", "")[:40],
        online_level=request.GET.get("truc_tuyen", "")[:10],
    )
    page = Paginator(selectors.procedure_catalogue(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    versions = selectors.versions_for(list(page.object_list))
    rows = [(p, versions.get(p.pk)) for p in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "fields": selectors.fields_with_procedures(),
        "agencies": selectors.agencies_with_procedures(),
        "online_levels": selectors.online_levels(),
    }
    return render(request, "portal/procedure_list.html", context)


@public
def procedure_detail(request: HttpRequest, procedure_code: str) -> HttpResponse:
    version = selectors.procedure_version_in_force(procedure_code)
    return render(
        request, "portal/procedure_detail.html", {"version": version, "procedure": version.procedure}
    )


def _document_file(procedure_code: str, document_id: int, kind: str) -> FileResponse:
    version = selectors.procedure_version_in_force(procedure_code)
    document = get_object_or_404(RequiredDocument, pk=document_id, version=version)
    file = document.template if kind == "template" else document.sample
    if not file:
        raise Http404
    return FileResponse(file.open("rb"), as_attachment=True, filename=file.name.rsplit("/", 1)[-1])


@public
def document_template(request: HttpRequest, procedure_code: str, document_id: int) -> FileResponse:
    """The blank form of a required document (mẫu đơn, tờ khai)."""
    return _document_file(procedure_code, document_id, "template")


@public
def document_sample(request: HttpRequest, procedure_code: str, document_id: int) -> FileResponse:
    """The sample filled form of a required document (hồ sơ mẫu)."""
    return _document_file(procedure_code, document_id, "sample")


@public
def posting_index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/posting_index.html", {"fields": selectors.fields_with_procedures()})


def _posting_context(field_code: str) -> dict[str, object]:
    field = get_object_or_404(Field, code=field_code)
    return {"field": field, "versions": selectors.procedures_for_posting(field)}


@public
def posting_print(request: HttpRequest, field_code: str) -> HttpResponse:
    """The procedures of a field as posted at the office (niêm yết), printable from the browser."""
    return render(request, "catalog/posting.html", {**_posting_context(field_code), "for_pdf": False})


@public
def posting_pdf(request: HttpRequest, field_code: str) -> HttpResponse:
    """The same list as a PDF set in Liberation Serif (WeasyPrint)."""
    context = _posting_context(field_code)
    html = render_to_string("catalog/posting.html", {**context, "for_pdf": True}, request=request)
    pdf = pdf_cached(("catalog", "posting"), f"niem-yet-{field_code}", html)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="niem-yet-{context["field"].code}.pdf"'  # type: ignore[attr-defined]
    return response


@public
def contacts(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/contacts.html", {"contacts": selectors.contact_directory()})
