"""The indicator registry: apps register the figures they own, lower apps validate keys against it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from motcua.core import indicators
from motcua.core.indicators import (
    Unit,
    UnknownIndicator,
    indicator_all,
    indicator_get,
    indicator_register,
    validate_indicator_key,
)


@pytest.fixture
def registry(monkeypatch):
    """A copy of the registry for the test, so that test keys do not outlive it."""
    monkeypatch.setattr(indicators, "_REGISTRY", dict(indicators._REGISTRY))


def test_a_registered_indicator_is_found_by_its_key(registry):
    made = indicator_register("surveys.index", label="Chỉ số hài lòng", unit="PERCENT", owner="tests")
    assert indicator_get("surveys.index") == made
    assert made.unit is Unit.PERCENT
    assert indicator_all(owner="tests") == [made]
    assert made in indicator_all()


def test_registering_the_same_definition_twice_is_harmless(registry):
    first = indicator_register("x_count", label="X", unit=Unit.COUNT, owner="tests")
    assert indicator_register("x_count", label="X", unit=Unit.COUNT, owner="tests") == first
    assert indicator_all(owner="tests").count(first) == 1


def test_a_key_taken_by_another_definition_is_refused(registry):
    indicator_register("x_count", label="X", unit=Unit.COUNT, owner="tests")
    with pytest.raises(ImproperlyConfigured, match="tests"):
        indicator_register("x_count", label="X", unit=Unit.COUNT, owner="feedback")


@pytest.mark.parametrize("key", ["", "Received", "received-desk", "1.1", "a..b", "a b"])
def test_a_malformed_key_is_refused(registry, key):
    with pytest.raises(ImproperlyConfigured):
        indicator_register(key, label="X", unit=Unit.COUNT, owner="tests")


def test_an_unknown_unit_is_refused(registry):
    with pytest.raises(ValueError):
        indicator_register("x_count", label="X", unit="HOURS", owner="tests")


def test_an_unknown_key_is_refused_with_a_message_for_users():
    with pytest.raises(UnknownIndicator) as caught:
        indicator_get("no_such_figure")
    assert "no_such_figure" in caught.value.message
    assert caught.value.status == 422
    with pytest.raises(ValidationError) as invalid:
        validate_indicator_key("no_such_figure")
    assert invalid.value.code == "unknown_indicator"
    validate_indicator_key("finished_late")  # registered by the dossiers app: no error


def test_the_dossiers_app_registers_the_report_figures_of_contracts_section_8():
    contracts_8 = [
        "carried_over", "received", "received_desk", "received_post", "received_online",
        "finished_early", "finished_on_time", "finished_late", "in_progress", "overdue",
        "stopped", "withdrawn", "refused", "guided", "apologies", "returned", "on_time_rate",
    ]  # fmt: skip
    registered = indicator_all(owner="dossiers")
    assert [i.key for i in registered] == contracts_8
    assert indicator_get("on_time_rate").unit is Unit.PERCENT
    assert {i.unit for i in registered if i.key != "on_time_rate"} == {Unit.COUNT}
    assert all(str(i.label) for i in registered)
