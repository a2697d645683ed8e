"""The dossier figures of the monthly report (CONTRACTS §8), registered in the core indicator
registry from `DossiersConfig.ready()` so that plans can follow them by key. `reports` computes
them over `motcua.dossiers.history`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.core.indicators import Unit, indicator_register

OWNER = "dossiers"

FIGURES = [
    ("carried_over", _("Số hồ sơ kỳ trước chuyển sang"), Unit.COUNT),
    ("received", _("Số hồ sơ tiếp nhận trong kỳ"), Unit.COUNT),
    ("received_desk", _("Số hồ sơ tiếp nhận trực tiếp"), Unit.COUNT),
    ("received_post", _("Số hồ sơ tiếp nhận qua bưu chính công ích"), Unit.COUNT),
    ("received_online", _("Số hồ sơ tiếp nhận trực tuyến"), Unit.COUNT),
    ("finished_early", _("Số hồ sơ giải quyết trước hạn"), Unit.COUNT),
    ("finished_on_time", _("Số hồ sơ giải quyết đúng hạn"), Unit.COUNT),
    ("finished_late", _("Số hồ sơ giải quyết quá hạn"), Unit.COUNT),
    ("in_progress", _("Số hồ sơ đang giải quyết trong hạn"), Unit.COUNT),
    ("overdue", _("Số hồ sơ đang giải quyết quá hạn"), Unit.COUNT),
    ("stopped", _("Số hồ sơ dừng giải quyết"), Unit.COUNT),
    ("withdrawn", _("Số hồ sơ rút"), Unit.COUNT),
    ("refused", _("Số hồ sơ từ chối tiếp nhận"), Unit.COUNT),
    ("guided", _("Số hồ sơ hướng dẫn bổ sung, hoàn thiện"), Unit.COUNT),
    ("apologies", _("Số văn bản xin lỗi"), Unit.COUNT),
    ("returned", _("Số hồ sơ đã trả kết quả"), Unit.COUNT),
    ("on_time_rate", _("Tỷ lệ giải quyết đúng hạn"), Unit.PERCENT),
]


def indicators_register() -> None:
    for key, label, unit in FIGURES:
        indicator_register(key, label=label, unit=unit, owner=OWNER)
