"""Reads of published information: the public list and search, feeds, the home page's news, the
editors' lists, who publishes for which agency, the counts per agency and category, and the live
lists the guides print."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import Role
from motcua.catalog.models import (
    Channel,
    Guide,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    Publication,
    PublicationCategory,
    limit_is_set,
)
from motcua.catalog.publication_models import PublicationQuerySet
from motcua.catalog.selectors import folded_search
from motcua.core.periods import Period

# --- who publishes for which agency ---------------------------------------------------------------


def publishable_agency_ids(user: User) -> frozenset[int]:
    """The one rule of "an editor publishes for": their home agency and its tree, plus each agency the
    administrator granted (`PublishingGrant`) and its tree; an administrator publishes for all."""
    if not user.is_authenticated:
        return frozenset()
    if Role.ADMIN in user.roles:
        return frozenset(Agency.objects.values_list("pk", flat=True))
    if Role.EDITOR not in user.roles:
        return frozenset()
    ids: set[int] = set()
    roots = list(user.publishing_grants.values_list("agency", flat=True))
    if user.agency is not None:
        roots.append(user.agency.pk)
    for root in Agency.objects.filter(pk__in=roots):
        ids |= root.subtree_ids()
    return frozenset(ids)


def may_edit_guides(user: User) -> bool:
    """Guides speak for the whole locality: the editors who publish for every agency (the portal's
    editorial board) and administrators edit them."""
    allowed = publishable_agency_ids(user)
    return bool(allowed) and allowed >= set(Agency.objects.values_list("pk", flat=True))


def publishing_agencies(user: User) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=publishable_agency_ids(user)).order_by("code")


# --- the public -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicationFilters:
    q: str = ""
    category: str = ""  # category code
    agency: str = ""  # agency code (its sub-agencies included)
    year: int | None = None


def public_publications(*, at: datetime | None = None) -> PublicationQuerySet:
    """Every publication the public may see: the one visibility rule (`.public()`)."""
    return Publication.objects.public(at=at).select_related("category", "agency")


def publication_catalogue(filters: PublicationFilters) -> QuerySet[Publication]:
    """The public list: filtered, searched with the catalogue's rule, newest first among equals."""
    publications = public_publications()
    if filters.category:
        publications = publications.filter(category__code=filters.category)
    if filters.agency:
        agency = Agency.objects.filter(code=filters.agency.upper()).first()
        publications = publications.filter(agency_id__in=agency.subtree_ids() if agency else set())
    if filters.year:
        start, end = Period(date(filters.year, 1, 1), date(filters.year, 12, 31)).bounds()
        publications = publications.filter(publish_at__gte=start, publish_at__lt=end)
    return folded_search(publications, filters.q, order=("-publish_at", "-pk"))


def public_publication(publication_id: int) -> Publication:
    """One public publication with its attachments; 404 for a draft, a scheduled or a withdrawn one."""
    publication = (
        public_publications()
        .select_related("replaced_by")
        .prefetch_related("attachments")
        .filter(pk=publication_id)
        .first()
    )
    if publication is None:
        raise Http404(publication_id)
    return publication


def publication_years() -> list[int]:
    """The years that have public publications, newest first (the year filter's choices)."""
    return sorted(
        {timezone.localtime(at).year for at in public_publications().values_list("publish_at", flat=True)},
        reverse=True,
    )


def category_by_code(code: str) -> PublicationCategory | None:
    return PublicationCategory.objects.filter(code=code).first() if code else None


def categories_in_use() -> QuerySet[PublicationCategory]:
    return PublicationCategory.objects.all()


def publishing_agencies_public() -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=public_publications().values("agency_id")).order_by("code")


def latest_news(*, limit: int = 3) -> list[Publication]:
    """The latest reform news (categories marked `is_news`) for the home page."""
    return list(public_publications().filter(category__is_news=True).order_by("-publish_at", "-pk")[:limit])


def feed_items(category: PublicationCategory | None = None, *, limit: int = 50) -> list[Publication]:
    items = public_publications()
    if category is not None:
        items = items.filter(category=category)
    return list(items.order_by("-publish_at", "-pk")[:limit])


def notice_board(filters: PublicationFilters) -> list[Publication]:
    """What the notice board (niêm yết) shows: public documents still in force, by category."""
    return list(
        publication_catalogue(filters)
        .filter(in_force=True)
        .order_by("category__order", "category__name", "-publish_at", "-pk")
    )


# --- editors --------------------------------------------------------------------------------------


def publications_for_editor(user: User, *, status: str = "", q: str = "") -> QuerySet[Publication]:
    """The publications of the agencies the editor publishes for (others do not exist for them)."""
    publications = Publication.objects.for_agencies(publishable_agency_ids(user)).select_related(
        "category", "agency"
    )
    now = timezone.now()
    if status == "SCHEDULED":
        publications = publications.filter(status=Publication.Status.PUBLISHED, publish_at__gt=now)
    elif status == Publication.Status.PUBLISHED:
        publications = publications.public(at=now)
    elif status in Publication.Status.values:
        publications = publications.filter(status=status)
    return folded_search(publications, q, order=("-updated_at", "-pk"))


def publication_for_editor(user: User, publication_id: int) -> Publication:
    """404 unless the publication belongs to an agency the editor publishes for (CONTRACTS §5)."""
    publication = (
        Publication.objects.for_agencies(publishable_agency_ids(user))
        .select_related("category", "agency", "replaced_by")
        .prefetch_related("attachments", "changes__actor")
        .filter(pk=publication_id)
        .first()
    )
    if publication is None:
        raise Http404(publication_id)
    return publication


# --- counts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicationCount:
    agency: Agency
    by_category: dict[int, int]  # category id → count
    total: int


def publications_published_in(period: Period, agency: Agency | None = None) -> QuerySet[Publication]:
    """Publications that became public within the period (by `publish_at`), not withdrawn since,
    of the agency's tree (the whole locality when None)."""
    start, end = period.bounds()
    published = Publication.objects.public().filter(publish_at__gte=start, publish_at__lt=end)
    if agency is not None:
        published = published.filter(agency_id__in=agency.subtree_ids())
    return published


def publication_counts(
    period: Period, agency: Agency | None = None
) -> tuple[list[PublicationCategory], list[PublicationCount], dict[int, int]]:
    """Counts per publishing agency and category for the period; also the totals per category."""
    categories = list(PublicationCategory.objects.all())
    cells = Counter(publications_published_in(period, agency).values_list("agency_id", "category_id"))
    agency_ids = {a for a, _c in cells}
    rows = []
    for row_agency in Agency.objects.filter(pk__in=agency_ids).order_by("code"):
        by_category = {c.pk: cells.get((row_agency.pk, c.pk), 0) for c in categories}
        rows.append(PublicationCount(row_agency, by_category, sum(by_category.values())))
    totals = {c.pk: sum(r.by_category[c.pk] for r in rows) for c in categories}
    return categories, rows, totals


# --- Decision 766 indicator 1.3 -----------------------------------------------------------------------


def version_has_parts_a_to_g(version: ProcedureVersion) -> bool:
    """Whether the version publishes every part a–g of Decree 63/2010 art. 8 (DOMAIN §2; 766 indicator
    1.3): (a) name, (b) steps, (c) method, (d) documents, (đ) time limit, (e) who may apply, (g) the
    implementing agency. Needs `documents` and `procedure__agencies` prefetched for a list."""
    procedure = version.procedure
    return all(
        (
            bool(procedure.name.strip()),
            bool(version.steps_text.strip()),
            bool(version.method_text.strip() or version.channels),
            bool(version.documents.all()),
            limit_is_set(version.limit_value, version.limit_unit),  # (đ)
            procedure.for_person or procedure.for_organisation,
            bool(procedure.agencies.all()),
        )
    )


def procedures_published_counts(at: date, agency: Agency | None = None) -> tuple[int, int]:
    """(procedures with every part a–g, procedures listed) among those with a version in force at `at`,
    of the agency's tree when given."""
    versions = (
        ProcedureVersion.objects.in_force(at=at)
        .exclude(procedure__status=Procedure.Status.ABOLISHED)
        .select_related("procedure")
        .prefetch_related("documents", "procedure__agencies")
    )
    if agency is not None:
        versions = versions.filter(procedure__agencies__in=agency.subtree_ids()).distinct()
    rows = list(versions)
    return sum(1 for v in rows if version_has_parts_a_to_g(v)), len(rows)


# --- guides ---------------------------------------------------------------------------------------


def guide_text(kind: str) -> Guide:
    """The editors' text of a guide, or an unsaved one titled by its kind until they write it."""
    return Guide.objects.filter(kind=kind).first() or Guide(kind=kind, title=str(Guide.Kind(kind).label))


def procedures_online(*, at: date | None = None) -> list[Procedure]:
    """Procedures in force with an online service (partial or full), for the online guide."""
    at = at or timezone.localdate()
    return list(
        Procedure.objects.listed()
        .with_version_in_force(at)
        .filter(~Q(version_online_level=OnlineLevel.NONE))
        .select_related("field")
        .order_by("field__name", "name")
    )


def procedures_by_post(*, at: date | None = None) -> list[Procedure]:
    """Procedures in force whose version accepts dossiers by the public postal service."""
    at = at or timezone.localdate()
    versions = ProcedureVersion.objects.in_force(at=at).exclude(procedure__status=Procedure.Status.ABOLISHED)
    ids = [v.procedure_id for v in versions.only("procedure_id", "channels") if Channel.POST in v.channels]
    return list(Procedure.objects.filter(pk__in=ids).select_related("field").order_by("field__name", "name"))
