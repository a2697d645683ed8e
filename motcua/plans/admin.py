"""Plans in the Django admin: the reporting calendar, which indicator a task follows (the key is
validated against the registry of `core.indicators`), and agencies the import could not match."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.indicators import indicator_all
from motcua.plans.models import PlanTask, ReformPlan, ReportingRound, TaskAgency, TaskGroup, TaskReport
from motcua.plans.services import task_indicator_link


class ReportingRoundInline(admin.TabularInline):
    model = ReportingRound
    extra = 0


class TaskGroupInline(admin.TabularInline):
    model = TaskGroup
    extra = 0


@admin.register(ReformPlan)
class ReformPlanAdmin(admin.ModelAdmin):
    list_display = ("year", "number", "title", "issuer", "follow_up_agency", "satisfaction_target")
    list_filter = ("year",)
    search_fields = ("title", "number")
    inlines = [TaskGroupInline, ReportingRoundInline]


class TaskAgencyInline(admin.TabularInline):
    model = TaskAgency
    extra = 0
    fields = ("responsibility", "position", "text", "agency", "agency_group", "role")
    autocomplete_fields = ("agency",)


def _indicator_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(i.key, f"{i.label} ({i.key})") for i in indicator_all()]


class PlanTaskForm(forms.ModelForm):
    """The indicator key as a choice of the keys registered now (others are refused)."""

    indicator_key = forms.ChoiceField(label=_("chỉ số theo dõi"), required=False, choices=_indicator_choices)

    class Meta:
        model = PlanTask
        fields = (
            "plan",
            "group",
            "number",
            "position",
            "content",
            "lead_text",
            "partner_text",
            "timing",
            "timing_text",
            "due_date",
            "expected_result",
            "indicator_key",
            "indicator_target",
        )


@admin.register(PlanTask)
class PlanTaskAdmin(admin.ModelAdmin):
    form = PlanTaskForm
    list_display = ("number", "plan", "timing", "indicator_key", "indicator_target")
    list_filter = ("plan", "timing", "indicator_key")
    search_fields = ("number", "content", "lead_text", "partner_text")
    inlines = [TaskAgencyInline]

    def save_model(self, request: HttpRequest, obj: PlanTask, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        task_indicator_link(task=obj, key=obj.indicator_key, target=obj.indicator_target)


@admin.register(TaskReport)
class TaskReportAdmin(admin.ModelAdmin):
    list_display = ("task", "round", "agency", "status", "submitted_at", "corrected_at")
    list_filter = ("round__plan", "round", "status")
    readonly_fields = ("submitted_by", "submitted_at", "corrected_by", "corrected_at")
