"""The configuration `reports` owns (ARCHITECTURE §2): the Decision 766 weights, as data.

Decision 766/QĐ-TTg fixes the groups' totals (transparency 18, progress 20, online services 22,
digitisation 22, satisfaction 18) and a few indicators' points (1.2: 4, 2.1: 20, 5.4: 6); the rest
are our provisional split, editable in the admin when the national formula description changes.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexWeight(models.Model):
    """The points of one Decision 766 indicator and the value from which it earns them all."""

    code = models.CharField(_("mã chỉ số"), max_length=10, unique=True)  # "2.1"
    group = models.CharField(_("nhóm"), max_length=2)  # "2"
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    # The value (percent) at or above which the indicator earns its full points; proportional
    # below (3.1 at 80 %, 3.3 at 50 %, 5.4 at 90 % …). 100: simply value × points.
    full_at = models.DecimalField(
        _("đạt điểm tối đa từ (%)"), max_digits=5, decimal_places=2, default=Decimal(100)
    )
    confirmed = models.BooleanField(_("điểm do Quyết định 766 quy định"), default=False)

    class Meta:
        verbose_name = _("trọng số chỉ số 766")
        verbose_name_plural = _("trọng số chỉ số 766")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.max_points}"


class ReportDispatch(models.Model):
    """A period's report sent to an agency's leaders (agency None: the locality's, to the locality
    leaders): the schedule runs daily and sends each period's report once."""

    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    agency = models.ForeignKey(
        "accounts.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("gửi lúc"))
    recipients = models.PositiveSmallIntegerField(_("số người nhận"), default=0)

    class Meta:
        verbose_name = _("báo cáo đã gửi")
        verbose_name_plural = _("báo cáo đã gửi")
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "period_end", "agency"], name="report_dispatch_once"
            ),
            models.UniqueConstraint(
                fields=["period_start", "period_end"],
                condition=models.Q(agency__isnull=True),
                name="report_dispatch_once_locality",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end} {self.agency_id or 'locality'}"
