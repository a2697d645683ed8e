"""The questionnaire in the Django admin: the administrator copies the version in use into a draft,
edits the draft's criteria and questions, and publishes it. A published or retired version is read
only, so every answer keeps the wording it was given on."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.core.exceptions import DomainError
from motcua.surveys import services
from motcua.surveys.models import Criterion, FollowUp, KioskCounter, Question, QuestionnaireVersion


def _draft(obj: Any) -> bool:
    version = obj if isinstance(obj, QuestionnaireVersion) else getattr(obj, "version", None)
    return version is None or version.status == QuestionnaireVersion.Status.DRAFT


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("order", "code", "name", "name_en")
    show_change_link = True

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_delete_permission(request, obj)


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("order", "code", "text", "text_en")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_delete_permission(request, obj)


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(admin.ModelAdmin):
    list_display = ("number", "status", "published_at")
    readonly_fields = ("number", "status", "published_at")
    inlines = [CriterionInline]
    actions = ["copy_to_draft", "publish"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a new version is a copy of the one in use (action below)

    @admin.action(description=_("Tạo bản nháp từ phiên bản đang dùng"))
    def copy_to_draft(self, request: HttpRequest, queryset: QuerySet[QuestionnaireVersion]) -> None:
        draft = services.questionnaire_draft_create()
        self.message_user(request, _("Đã tạo bản nháp phiên bản %(n)s.") % {"n": draft.number})

    @admin.action(description=_("Công bố phiên bản nháp đã chọn"))
    def publish(self, request: HttpRequest, queryset: QuerySet[QuestionnaireVersion]) -> None:
        for version in queryset:
            try:
                services.questionnaire_publish(version=version)
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(request, _("Đã công bố phiên bản %(n)s.") % {"n": version.number})


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("version", "code", "name")
    list_filter = ("version",)
    inlines = [QuestionInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _draft(obj) and super().has_change_permission(request, obj)


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    """Read only here: the supervisor works the items in the back office (comments are logged there)."""

    list_display = ("created_at", "kind", "agency", "closed_at")
    list_filter = ("kind",)
    exclude = ("response",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(KioskCounter)
class KioskCounterAdmin(admin.ModelAdmin):
    """Which counter of its desk each kiosk stands at: its ratings credit the roster's officer there."""

    list_display = ("kiosk", "counter")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "kiosk":
            kwargs["queryset"] = db_field.related_model.objects.filter(groups__name=GROUP_NAMES[Role.KIOSK])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
