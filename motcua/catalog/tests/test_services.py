"""Versions: published ones never change, revisions start later, budgets must add up to the limit."""

from __future__ import annotations

from datetime import date, time

import pytest

from motcua.accounts.tests.factories import AgencyFactory
from motcua.catalog import services
from motcua.catalog.exceptions import VersionInvalid, VersionPublished
from motcua.catalog.models import OnlineLevel, ProcedureVersion, TimeUnit, online_level_from_legacy
from motcua.catalog.tests.factories import FieldFactory, ProcedureFactory, make_version

pytestmark = pytest.mark.django_db


def test_revising_a_published_version_leaves_it_unchanged_and_the_new_one_applies_from_its_date() -> None:
    old = make_version(limit_value=5)
    new = services.procedure_version_revise(
        version=old,
        effective_date=date(2023, 7, 1),
        publish=True,
        limit_value=3,
        steps=[
            {"name": "Tiếp nhận", "budget_value": 1, "budget_unit": TimeUnit.WORKING_DAYS},
            {"name": "Giải quyết", "budget_value": 2, "budget_unit": TimeUnit.WORKING_DAYS},
        ],
    )
    old.refresh_from_db()
    assert old.limit_value == 5 and old.steps.count() == 3 and old.documents.count() == 2
    assert new.limit_value == 3 and new.documents.count() == 2 and new.fees.count() == 1
    procedure = old.procedure
    procedure.refresh_from_db()
    assert procedure.status == procedure.Status.PUBLIC_AMENDED
    versions = ProcedureVersion.objects.filter(procedure=procedure)
    assert versions.in_force(at=date(2023, 6, 30)).get() == old
    assert versions.in_force(at=date(2023, 7, 1)).get() == new
    assert not versions.in_force(at=date(2021, 12, 31)).exists()


def test_in_force_picks_one_version_per_procedure() -> None:
    first = make_version()
    services.procedure_version_revise(version=first, effective_date=date(2022, 6, 1), publish=True)
    other = make_version()
    assert set(
        ProcedureVersion.objects.in_force(at=date(2022, 7, 1)).values_list("procedure", flat=True)
    ) == {
        first.procedure_id,
        other.procedure_id,
    }
    assert ProcedureVersion.objects.in_force(at=date(2022, 7, 1)).count() == 2


def test_a_draft_is_not_in_force_until_published() -> None:
    draft = make_version(publish=False)
    assert not ProcedureVersion.objects.in_force(at=date(2030, 1, 1)).exists()
    services.procedure_version_publish(version=draft)
    assert ProcedureVersion.objects.in_force(at=date(2030, 1, 1)).get() == draft


def test_editing_a_published_version_is_refused() -> None:
    version = make_version()
    with pytest.raises(VersionPublished):
        services.procedure_version_update(version=version, limit_value=10)


def test_step_budgets_that_do_not_add_up_to_the_limit_are_refused_with_a_vietnamese_message() -> None:
    with pytest.raises(VersionInvalid) as refused:
        make_version(
            limit_value=5,
            steps=[
                {"name": "Tiếp nhận", "budget_value": 1, "budget_unit": TimeUnit.WORKING_DAYS},
                {"name": "Giải quyết", "budget_value": 3, "budget_unit": TimeUnit.WORKING_DAYS},
            ],
        )
    assert "Tổng thời gian các bước" in refused.value.message
    assert "30 giờ làm việc" in refused.value.message and "37,5" in refused.value.message
    assert not ProcedureVersion.objects.exists()


def test_budgets_in_days_half_days_and_hours_are_compared_in_hours() -> None:
    # 2 days = 15 h = 1 day (7.5 h) + 1 half day (3.75 h) + 3.75 h — not expressible in whole hours,
    # so use 3 days = 22.5 h = 2 half days (7.5 h) + 15 hours.
    services.check_step_budgets(
        limit_value=3,
        limit_unit=TimeUnit.WORKING_DAYS,
        budgets=[(2, TimeUnit.HALF_DAYS), (15, TimeUnit.WORKING_HOURS)],
    )
    services.check_step_budgets(
        limit_value=16,
        limit_unit=TimeUnit.WORKING_HOURS,
        budgets=[(2, TimeUnit.WORKING_DAYS), (1, TimeUnit.WORKING_HOURS)],
    )
    with pytest.raises(VersionInvalid):
        services.check_step_budgets(
            limit_value=16, limit_unit=TimeUnit.WORKING_HOURS, budgets=[(2, TimeUnit.WORKING_DAYS)]
        )


def test_calendar_limits_are_not_compared_with_step_budgets() -> None:
    too_long = [(46, TimeUnit.WORKING_DAYS)]  # would exceed a limit of 45 working days
    with pytest.raises(VersionInvalid):
        services.check_step_budgets(limit_value=45, limit_unit=TimeUnit.WORKING_DAYS, budgets=too_long)
    services.check_step_budgets(limit_value=45, limit_unit=TimeUnit.CALENDAR_DAYS, budgets=too_long)


def test_step_budgets_use_the_office_hours_setting(settings) -> None:
    eight_hours = [(8, TimeUnit.WORKING_HOURS)]
    with pytest.raises(VersionInvalid):  # the default day has 7.5 office hours
        services.check_step_budgets(limit_value=1, limit_unit=TimeUnit.WORKING_DAYS, budgets=eight_hours)
    settings.OFFICE_HOURS = ((8 * 60, 12 * 60), (13 * 60, 17 * 60))  # 8 hours a day
    services.check_step_budgets(limit_value=1, limit_unit=TimeUnit.WORKING_DAYS, budgets=eight_hours)


def test_an_online_service_needs_the_online_channel_and_a_cutoff_needs_a_same_day_limit() -> None:
    with pytest.raises(VersionInvalid):
        make_version(channels=["DESK"], online_level=OnlineLevel.FULL)
    with pytest.raises(VersionInvalid):
        make_version(same_day_cutoff=time(15, 0))
    version = make_version(limit_unit=TimeUnit.SAME_DAY, limit_value=0, same_day_cutoff=time(15, 0), steps=[])
    assert version.limit_text == "Trong ngày (nhận trước 15:00)"


def test_limits_read_in_vietnamese_words() -> None:
    assert make_version(limit_value=5).limit_text == "5 ngày làm việc"
    hours = make_version(
        limit_value=16,
        limit_unit=TimeUnit.WORKING_HOURS,
        steps=[{"name": "Giải quyết", "budget_value": 16, "budget_unit": TimeUnit.WORKING_HOURS}],
    )
    assert hours.limit_text == "16 giờ làm việc"


def test_legacy_online_levels_map_to_none_partial_and_full() -> None:
    assert [online_level_from_legacy(n) for n in (1, 2, 3, 4)] == ["NONE", "NONE", "PARTIAL", "FULL"]
    assert online_level_from_legacy("full") == "FULL"
    with pytest.raises(ValueError):
        online_level_from_legacy(5)


def test_search_text_follows_the_procedure_and_its_field() -> None:
    field = FieldFactory(code="HT", name="Hộ tịch")
    procedure = services.procedure_save(
        code="1.000894", name="Đăng ký kết hôn", field=field, agencies=[AgencyFactory()]
    )
    assert procedure.search_text == "dang ky ket hon 1.000894 ho tich"
    services.field_save(code="HT", name="Hộ tịch – Chứng thực")
    procedure.refresh_from_db()
    assert procedure.search_text.endswith("ho tich – chung thuc")


def test_a_second_version_on_the_same_date_is_refused() -> None:
    version = make_version()
    with pytest.raises(VersionInvalid):
        make_version(version.procedure, effective_date=version.effective_date)


def test_factories_make_procedures_with_search_text() -> None:
    assert ProcedureFactory(name="Cấp giấy phép").search_text.startswith("cap giay phep")


def test_a_zero_day_limit_is_a_limit_and_zero_hours_is_not() -> None:
    """CONTRACTS §2: 0 working days is due at the closing of the day received (one rule with 766
    indicator 1.3, `limit_is_set`); no time at all in hours is refused with a Vietnamese message."""
    version = make_version(limit_value=0, limit_unit=TimeUnit.WORKING_DAYS, steps=[])
    assert (version.limit_value, version.limit_unit) == (0, TimeUnit.WORKING_DAYS)
    with pytest.raises(VersionInvalid) as refused:
        make_version(limit_value=0, limit_unit=TimeUnit.WORKING_HOURS, steps=[])
    assert "Thời hạn giải quyết phải lớn hơn 0." in str(refused.value.errors)
