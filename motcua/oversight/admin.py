"""Oversight data in the Django admin: grades and bands (data), the desk checklist reviews and
meetings, inspections with their violations and follow-ups (administrators keep them tidy; the
day-to-day work happens in the back office)."""

from __future__ import annotations

from django.contrib import admin

from motcua.oversight.models import (
    DeskDuty,
    DeskMeeting,
    DeskReview,
    EvaluationGrade,
    Explanation,
    FollowUp,
    HandlingBand,
    Inspection,
    Violation,
)


@admin.register(EvaluationGrade)
class EvaluationGradeAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "rank", "is_active")


@admin.register(HandlingBand)
class HandlingBandAdmin(admin.ModelAdmin):
    list_display = ("label", "min_points")


@admin.register(DeskDuty)
class DeskDutyAdmin(admin.ModelAdmin):
    list_display = ("officer", "desk", "counter", "starts_at", "ends_at")
    list_filter = ("desk",)
    autocomplete_fields = ()
    raw_id_fields = ("officer",)


@admin.register(Explanation)
class ExplanationAdmin(admin.ModelAdmin):
    list_display = ("dossier", "agency", "requested_at", "due_at", "answered_at")
    raw_id_fields = ("dossier", "requested_by", "answered_by")


class ViolationInline(admin.TabularInline):
    model = Violation
    raw_id_fields = ("officer",)
    extra = 0


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ("inspected_on", "agency", "recorded_at")
    inlines = [ViolationInline, FollowUpInline]
    raw_id_fields = ("recorded_by",)
    filter_horizontal = ("inspectors",)


@admin.register(DeskReview)
class DeskReviewAdmin(admin.ModelAdmin):
    list_display = ("desk", "reviewed_on", "reviewed_by")
    raw_id_fields = ("reviewed_by",)


@admin.register(DeskMeeting)
class DeskMeetingAdmin(admin.ModelAdmin):
    list_display = ("desk", "held_on")
    raw_id_fields = ("recorded_by",)
    filter_horizontal = ("attendees",)
