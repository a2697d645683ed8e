"""The REST API under /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs)."""

from __future__ import annotations

from ninja import NinjaAPI

from motcua.api import accounts, calendar, catalog, dossier_actions, dossiers, lookup, sms, sms_inbound
from motcua.api import dossier_flags as dossier_flags_api
from motcua.api import reports as reports_api
from motcua.api import surveys as survey_api
from motcua.api.errors import install_error_handlers

api = NinjaAPI(
    title="MotCua API",
    version="1",
    description="API của hệ thống một cửa điện tử MotCua. Lỗi trả về dạng "
    '{"detail": "...", "errors": [{"field": "...", "message": "..."}]}.',
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/", accounts.router)
api.add_router("/procedures", catalog.router)
api.add_router("/sms", sms.router)
api.add_router("/calendar", calendar.router)
api.add_router("/dossiers", dossiers.router)
api.add_router("/dossiers", dossier_actions.router)
api.add_router("/lookup", lookup.router)
api.add_router("/sms", sms_inbound.router)
api.add_router("/surveys", survey_api.router)
api.add_router("/", reports_api.router)
api.add_router("/dossiers", dossier_flags_api.router)
