from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from motcua.core.selectors import health_check


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    health = health_check()
    body = {
        "database": health.database,
        "worker_heartbeat_age_s": health.worker_heartbeat_age_s,
        "outbox_backlog": health.outbox_backlog,
    }
    return JsonResponse(body, status=200 if health.healthy else 503)
