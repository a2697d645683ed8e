"""Full editing of the catalogue in the Django admin; validation comes from the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.catalog import services
from motcua.catalog.exceptions import VersionInvalid
from motcua.catalog.forms import RequiredDocumentForm
from motcua.catalog.models import (
    Channel,
    Contact,
    ContactOfficer,
    Fee,
    Field,
    LegalBasis,
    PauseKind,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    PublicationCategory,
    PublishingGrant,
    RequiredDocument,
)


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")

    def save_model(self, request: HttpRequest, obj: Field, form: Any, change: bool) -> None:
        services.field_save(code=obj.code, name=obj.name)
        obj.refresh_from_db()


class VersionInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ("effective_date", "status", "online_level", "limit_value", "limit_unit")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "field", "level", "status", "is_demo", "popularity")
    list_filter = ("field", "level", "status", "is_demo")
    search_fields = ("code", "name", "search_text")
    filter_horizontal = ("agencies",)
    inlines = [VersionInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services.procedure_refresh_search_text(procedure=form.instance)


class VersionForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Kênh nộp hồ sơ"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple
    )
    pause_kinds = forms.MultipleChoiceField(
        label=_("Thời gian không tính vào thời hạn"),
        choices=PauseKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ProcedureVersion
        fields = ("procedure", "effective_date", *services.VERSION_FIELDS)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for error in services.version_part_errors(data):
            field = error.field if error.field in self.fields else None
            self.add_error(field, error.message)
        return data


class StepFormSet(BaseInlineFormSet):
    """Refuse steps whose budgets do not add up to the version's limit (the service's rule)."""

    def clean(self) -> None:
        super().clean()
        budgets = [
            (form.cleaned_data["budget_value"], form.cleaned_data["budget_unit"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            services.check_step_budgets(
                limit_value=self.instance.limit_value or 0,
                limit_unit=self.instance.limit_unit,
                budgets=budgets,
            )
        except VersionInvalid as error:
            raise ValidationError(error.message) from None


class _PublishedReadOnly:
    def _editable(self, obj: ProcedureVersion | None) -> bool:
        return obj is None or not obj.is_published

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)  # type: ignore[misc]


class DocumentInline(_PublishedReadOnly, admin.TabularInline):
    model = RequiredDocument
    form = RequiredDocumentForm
    extra = 0


class StepInline(_PublishedReadOnly, admin.TabularInline):
    model = ProcessStep
    formset = StepFormSet
    extra = 0
    autocomplete_fields = ("agency",)


class FeeInline(_PublishedReadOnly, admin.TabularInline):
    model = Fee
    extra = 0


class LegalBasisInline(_PublishedReadOnly, admin.TabularInline):
    model = LegalBasis
    extra = 0


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    form = VersionForm
    list_display = ("procedure", "effective_date", "status", "online_level", "limit_value", "limit_unit")
    list_filter = ("status", "online_level", "procedure__field")
    search_fields = ("procedure__code", "procedure__name")
    autocomplete_fields = ("procedure",)
    readonly_fields = ("status", "published_at")
    inlines = [DocumentInline, StepInline, FeeInline, LegalBasisInline]
    actions = ["publish", "revise"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_published:
            return False  # shown read-only; use the "revise" action to change it
        return super().has_change_permission(request, obj)

    @admin.action(description=_("Công bố các phiên bản nháp đã chọn"))
    def publish(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]) -> None:
        for version in queryset:
            try:
                services.procedure_version_publish(version=version)
            except VersionInvalid as error:
                self.message_user(request, f"{version}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, _("Đã công bố %(v)s.") % {"v": version}, messages.SUCCESS)

    @admin.action(description=_("Tạo phiên bản sửa đổi (bản nháp) từ các phiên bản đã chọn"))
    def revise(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]) -> None:
        for version in queryset:
            revised = services.procedure_version_revise(version=version)
            self.message_user(
                request,
                _("Đã tạo bản nháp %(v)s; sửa ngày hiệu lực và nội dung rồi công bố.") % {"v": revised},
                messages.SUCCESS,
            )


class OfficerInline(admin.TabularInline):
    model = ContactOfficer
    extra = 1


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("agency", "hotline", "email")
    search_fields = ("agency__name", "agency__code")
    autocomplete_fields = ("agency",)
    inlines = [OfficerInline]


# --- published information: the administrator's part (categories, who publishes for which agency) ---


@admin.register(PublicationCategory)
class PublicationCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order", "is_news")
    list_editable = ("order", "is_news")


@admin.register(PublishingGrant)
class PublishingGrantAdmin(admin.ModelAdmin):
    """Which agencies (each with its tree) an editor publishes for, besides their home agency's tree."""

    list_display = ("user", "agency")
    autocomplete_fields = ("user", "agency")
    search_fields = ("user__username", "user__full_name", "agency__name")
