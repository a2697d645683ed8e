"""Catalogue factories: versions are made through the services, so they are valid and published as in production."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from django.core.files.base import ContentFile

from motcua.catalog import services
from motcua.catalog.models import Channel, Field, OnlineLevel, Procedure, ProcedureVersion, TimeUnit


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"LV{n:03d}")
    name = factory.Sequence(lambda n: f"Lĩnh vực thử nghiệm {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"9.{n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n}")
    field = factory.SubFactory(FieldFactory)
    level = Procedure.Level.DISTRICT

    @factory.post_generation
    def agencies(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if extracted:
            self.agencies.set(extracted)

    @factory.post_generation
    def search(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        services.procedure_refresh_search_text(procedure=self)


def make_version(
    procedure: Procedure | None = None,
    *,
    effective_date: date = date(2022, 1, 1),
    publish: bool = True,
    **parts: Any,
) -> ProcedureVersion:
    """A complete version of `procedure` (a new one if None): 5 working days, two documents, three steps."""
    procedure = procedure or ProcedureFactory()
    defaults: dict[str, Any] = {
        "steps_text": "Bước 1: Nộp hồ sơ. Bước 2: Giải quyết. Bước 3: Nhận kết quả.",
        "method_text": "Nộp trực tiếp hoặc trực tuyến.",
        "channels": [Channel.DESK, Channel.ONLINE],
        "online_level": OnlineLevel.PARTIAL,
        "limit_value": 5,
        "limit_unit": TimeUnit.WORKING_DAYS,
        "result_name": "Giấy chứng nhận",
        "documents": [
            {
                "name": "Tờ khai theo mẫu",
                "originals": 1,
                "copies": 0,
                "template": ContentFile(b"mau to khai", name="to-khai.txt"),
                "sample": ContentFile(b"ho so mau", name="ho-so-mau.txt"),
            },
            {
                "name": "Giấy ủy quyền",
                "originals": 1,
                "copies": 0,
                "mandatory": False,
                "condition": "Khi ủy quyền",
            },
        ],
        "steps": [
            {"name": "Tiếp nhận hồ sơ", "budget_value": 1, "budget_unit": TimeUnit.HALF_DAYS},
            {"name": "Thẩm định", "budget_value": 4, "budget_unit": TimeUnit.WORKING_DAYS},
            {"name": "Trả kết quả", "budget_value": 1, "budget_unit": TimeUnit.HALF_DAYS},
        ],
        "fees": [{"name": "Lệ phí", "amount_vnd": 50000, "note": "Miễn cho hộ nghèo"}],
        "legal_bases": ["Luật Thử nghiệm số 1/2020/QH14"],
    }
    defaults.update(parts)
    return services.procedure_version_create(
        procedure=procedure, effective_date=effective_date, publish=publish, **defaults
    )
