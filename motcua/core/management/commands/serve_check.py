"""`serve_check`: after `collectstatic`, fetch a few pages and a static file in-process with the
settings of this environment (no server needed), and fail if any answers other than 200 / 302.

`./dev test` runs it with production settings (DEBUG off, the manifest storage, the collected files)
so that a page that only breaks in production — a static file missing from the manifest, a source
map a vendored file names — stops the build instead of the first visitor.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

STATIC_PROBE = "motcua/css/motcua.css"


class Command(BaseCommand):
    help = _(
        "Tải thử trang chủ, danh sách thủ tục, trang đăng nhập cán bộ và một tệp tĩnh ngay trong tiến trình "
        "(sau collectstatic), báo lỗi nếu trang nào không trả về 200 hoặc 302."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        host = next((h for h in settings.ALLOWED_HOSTS if h not in {"*", ""}), "localhost").lstrip(".")
        client = Client(HTTP_HOST=host, raise_request_exception=False)
        paths = [
            reverse("portal:home"),
            reverse("portal:procedure_list"),
            reverse("backoffice:home"),
            reverse("accounts:login"),
            staticfiles_storage.url(STATIC_PROBE),
        ]
        failures = []
        for path in paths:
            response = client.get(path, secure=True)
            self.stdout.write(f"{response.status_code} {path}")
            if response.status_code not in (200, 302):
                failures.append(f"{path} → {response.status_code}")
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)  # type: ignore[arg-type]
        if failures:
            raise CommandError(_("Trang không phục vụ được: %(pages)s") % {"pages": ", ".join(failures)})
