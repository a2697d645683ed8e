"""Staff edit message templates here (with a preview and the SMS segment count) and read the outbox."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from motcua.notifications.exceptions import MessageNotRetryable
from motcua.notifications.models import DeliveryAttempt, Message, MessageTemplate
from motcua.notifications.services import message_retry, template_preview, templates_sync


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ("key", "channel", "description", "diacritic_free", "is_active", "segments")
    list_filter = ("channel", "is_active", "diacritic_free")
    search_fields = ("key", "description", "text")
    readonly_fields = ("key", "channel", "placeholders", "preview")
    fields = (
        "key",
        "channel",
        "description",
        "placeholders",
        "text",
        "diacritic_free",
        "email_subject",
        "email_html",
        "is_active",
        "preview",
    )
    actions = ["sync_from_registry"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # templates come from the code registry; staff edit their text

    @admin.display(description=_("số tin SMS"))
    def segments(self, obj: MessageTemplate) -> str:
        if obj.channel != "SMS":
            return "—"
        preview = template_preview(template=obj)
        return f"{preview['segments']} ({preview['encoding']}, {preview['units']})"

    @admin.display(description=_("xem trước (giá trị mẫu)"))
    def preview(self, obj: MessageTemplate) -> SafeString:
        if obj.pk is None:
            return SafeString("—")
        return SafeString(
            render_to_string(
                "notifications/template_preview.html", {"p": template_preview(template=obj), "t": obj}
            )
        )

    @admin.action(description=_("Tạo các mẫu còn thiếu từ danh mục trong mã nguồn"))
    def sync_from_registry(self, request: HttpRequest, queryset: QuerySet[MessageTemplate]) -> None:
        created = templates_sync()
        self.message_user(request, _("Đã tạo %(n)d mẫu mới.") % {"n": created})

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):  # type: ignore[no-untyped-def]
        templates_sync()  # first use: the registry's templates appear without running a command
        return super().changelist_view(request, extra_context)


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ("attempted_at", "transport", "outcome", "error", "duration_ms")

    def has_add_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "channel",
        "recipient",
        "subject_ref",
        "template_key",
        "status",
        "attempts",
        "transport",
    )
    list_filter = ("status", "channel", "failure_class", "transport")
    search_fields = ("recipient", "subject_ref", "provider_id")
    date_hierarchy = "created_at"
    inlines = [DeliveryAttemptInline]
    actions = ["retry"]

    def get_readonly_fields(self, request: HttpRequest, obj: Message | None = None) -> list[str]:
        return [f.name for f in Message._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Gửi lại (đặt lại số lần thử)"))
    def retry(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        done = 0
        for message in queryset:
            try:
                message_retry(message=message)
                done += 1
            except MessageNotRetryable:
                continue
        self.message_user(request, _("Đã xếp lại %(n)d tin nhắn.") % {"n": done}, messages.SUCCESS)
