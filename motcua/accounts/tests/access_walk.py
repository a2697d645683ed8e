"""The access walk: every page and API route, called by strangers, must refuse as CONTRACTS §5 says.

Later issues join automatically: their routes are found by walking the URL resolver and the
API's routers. What they must add here is how to fill a new URL argument with an object
belonging to *another* agency (ARGUMENTS), keyed by the argument's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.catalog.tests.publication_factories import make_publication
from motcua.dossiers.tests.factories import make_dossier
from motcua.feedback.tests.factories import walk_petition
from motcua.notifications.tests.factories import MessageFactory
from motcua.oversight.tests.factories import evaluation_of, explanation_at, inspection_at
from motcua.plans.tests.factories import make_plan, make_report_file
from motcua.surveys.models import FollowUp


@dataclass
class World:
    """Two agencies: the strangers work at `home`; every object in a URL belongs to `other`."""

    home: Agency
    other: Agency
    strangers: dict[Role, User] = field(default_factory=dict)


def _desk_officer(agency: Agency) -> User:
    """A desk officer of `agency` (the world gives each agency one)."""
    return agency.staff.filter(groups__name=GROUP_NAMES[Role.DESK_OFFICER]).earliest("pk")


# How to fill each URL argument with an object of the other agency.
ARGUMENTS: dict[str, Callable[[World], str]] = {
    "agency_code": lambda world: world.other.code,
    "procedure_code": lambda world: "9.999999",
    "field_code": lambda world: "KHONG_CO",
    "document_id": lambda world: "999999",  # catalogue: public routes
    # outbox: locality-wide staff only
    "message_id": lambda world: str(MessageFactory(subject_ref=f"agency:{world.other.code}").pk),
    # a dossier received at the other agency
    "code": lambda world: make_dossier(officer=_desk_officer(world.other)).code,
    "action": lambda world: "assign",  # a dossier action (motcua.dossiers.actions.ACTIONS)
    "scan_id": lambda world: "1",  # a document row of the dossier named by `code` (the other agency's)
    "user_id": lambda world: str(world.other.staff.first().pk),  # a member of the other agency's staff
    # published information: a draft of the other agency (public pages: 404 too)
    "publication_id": lambda world: str(make_publication(agency=world.other, state="DRAFT").pk),
    "attachment_id": lambda world: "999999",
    "category_code": lambda world: "khong-co",
    "guide_slug": lambda world: "khong-co",
    # reform plans: a plan issued, followed up and led by the other agency, its task, an evidence file
    "plan_id": lambda world: str(make_plan(world.other).pk),
    "plan_task_id": lambda world: str(make_plan(world.other).tasks.get().pk),
    "evidence_id": lambda world: str(make_report_file(make_plan(world.other)).pk),
    # oversight: an explanation the other agency owes, the monthly evaluation of its desk officer,
    # an inspection of it
    "explanation_id": lambda world: str(explanation_at(world.other).pk),
    "evaluation_id": lambda world: str(evaluation_of(_desk_officer(world.other)).pk),
    "inspection_id": lambda world: str(inspection_at(world.other).pk),
    # feedback (issue 17): a petition assigned to the other agency; its actions; Open311 (public).
    "petition_code": lambda world: walk_petition(world.other).code,
    "petition_action": lambda world: "receive",
    "fmt": lambda world: "json",
    "service_code": lambda world: "REGULATION",
    "request_id": lambda world: "PA-000101-0001",
    "token": lambda world: "0" * 32,
    # a survey follow-up item of the other agency: locality-wide staff only
    "item_id": lambda world: str(
        FollowUp.objects.create(kind="COMMENT", created_at=timezone.now(), agency=world.other).pk
    ),
}

# Pages whose scope is an agency named in the query string (`?agency=<code>`), not in the path: an
# agency-scoped reader (a leader) who may open the page gets 404 for another agency, 200 for their
# own scope; every role the page does not declare gets 403 (the walk above).
AGENCY_QUERY_PAGES: dict[str, Callable[[World], str]] = {
    "quan-tri/bao-cao/": lambda world: f"agency={world.other.code}",  # the monthly report
    # the periodic report to the People's Committee (issue 19): desks, inspections, handling
    "quan-tri/giam-sat/bao-cao-dinh-ky/": lambda world: f"agency={world.other.code}",
}

# The desk's kiosk (a tablet, not a person): refused up front (403) on every page not made for it,
# and its account has no API rights (401).
DEVICE_ROLES = (Role.KIOSK,)

# Roles bound to one agency: for them an object of another agency does not exist (404).
AGENCY_SCOPED_ROLES = (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.EDITOR)

# Route prefixes with an auth of their own, walked by other tests.
SKIPPED_PREFIXES = ("admin/", "i18n/", "api/v1/", "static/", "media/")

_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_NINJA_PARAM = re.compile(r"{(?:[^}:]+:)?(?P<name>[^}]+)}")


@dataclass(frozen=True)
class Route:
    kind: str  # "page" or "api"
    pattern: str
    method: str
    arguments: tuple[str, ...]
    allowed_roles: frozenset[Role] | None  # None: public
    declared: bool


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Callable[..., Any]]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def page_routes() -> list[Route]:
    routes = []
    for pattern, callback in _walk(get_resolver().url_patterns):
        if pattern.startswith(SKIPPED_PREFIXES) or pattern in {"healthz"}:
            continue
        arguments = tuple(m.group("name") for m in _CONVERTER.finditer(pattern))
        declared = hasattr(callback, "allowed_roles")
        routes.append(
            Route("page", pattern, "GET", arguments, getattr(callback, "allowed_roles", None), declared)
        )
    return routes


def api_routes() -> list[Route]:
    from motcua.api.api import api

    routes = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            full = "/".join(p.strip("/") for p in ("api/v1", prefix, path) if p.strip("/"))
            for operation in path_view.operations:
                arguments = tuple(m.group("name") for m in _NINJA_PARAM.finditer(full))
                public = not operation.auth_callbacks
                roles = None if public else getattr(operation.view_func, "allowed_roles", None)
                declared = public or hasattr(operation.view_func, "allowed_roles")
                for method in operation.methods:
                    routes.append(Route("api", full, method, arguments, roles, declared))
    return routes


def fill(route: Route, world: World) -> str:
    values = {name: ARGUMENTS[name](world) for name in route.arguments}
    if route.kind == "page":
        return "/" + _CONVERTER.sub(lambda m: values[m.group("name")], route.pattern)
    return "/" + _NINJA_PARAM.sub(lambda m: values[m.group("name")], route.pattern)
