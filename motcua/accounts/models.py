"""Agencies (a tree of units), agency groups, users, API tokens and the personal-data access log."""

from __future__ import annotations

import hashlib
import secrets
from functools import cached_property

import phonenumbers
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.desks import desk_on_duty
from motcua.accounts.roles import GROUP_NAMES, LOCALITY_WIDE_ROLES, ROLE_BY_GROUP, Role
from motcua.core.models import TimeStampedModel
from motcua.core.text import fold, nfc

agency_code_validator = RegexValidator(
    r"^[0-9A-Z.]{1,40}$",
    _("Mã định danh chỉ gồm chữ số, chữ in hoa A–Z và dấu chấm (ví dụ 000.00.12.H56)."),
)


def normalise_phone(value: str) -> str:
    """Parse a Vietnamese phone number (0xx…, +84…) into E.164, or raise a Vietnamese error."""
    try:
        number = phonenumbers.parse(value, "VN")
    except phonenumbers.NumberParseException:
        raise ValidationError(_("Số điện thoại không hợp lệ: %(value)s"), params={"value": value}) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Số điện thoại không hợp lệ: %(value)s"), params={"value": value})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class Address(models.Model):
    """Province, optional district (data from before the 2025 reorganisation), commune and street."""

    province = models.CharField(_("tỉnh/thành phố"), max_length=100, blank=True)
    district = models.CharField(_("quận/huyện (trước 2025)"), max_length=100, blank=True)
    commune = models.CharField(_("xã/phường"), max_length=100, blank=True)
    street = models.CharField(_("số nhà, đường"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def address_line(self) -> str:
        return ", ".join(p for p in (self.street, self.commune, self.district, self.province) if p)


class AgencyQuerySet(models.QuerySet["Agency"]):
    def active(self) -> AgencyQuerySet:
        return self.filter(is_active=True)


class Agency(Address, TimeStampedModel):
    class Kind(models.TextChoices):
        PEOPLES_COMMITTEE = "PEOPLES_COMMITTEE", _("Ủy ban nhân dân")
        SERVICE_CENTER = "SERVICE_CENTER", _("Trung tâm Phục vụ hành chính công / Bộ phận một cửa")
        SPECIALISED_OFFICE = "SPECIALISED_OFFICE", _("Cơ quan chuyên môn")
        COMMUNE = "COMMUNE", _("UBND xã, phường")
        EXTERNAL_BRANCH = "EXTERNAL_BRANCH", _("Cơ quan ngành dọc (thuế, đăng ký đất đai…)")
        OTHER = "OTHER", _("Đơn vị khác")

    code = models.CharField(_("mã định danh"), max_length=40, unique=True, validators=[agency_code_validator])
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    receives_for = models.ManyToManyField(
        "self",
        verbose_name=_("bộ phận một cửa tiếp nhận hồ sơ thay cho"),
        help_text=_(
            "Bộ phận một cửa của cơ quan này tiếp nhận hồ sơ của chính nó và các cơ quan cấp trên; "
            "chọn thêm ở đây các cơ quan khác mà bộ phận tiếp nhận hồ sơ thay (ví dụ chi nhánh văn phòng "
            "đăng ký đất đai, chi cục thuế)."
        ),
        symmetrical=False,
        blank=True,
        related_name="received_at_desks",
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = nfc(self.name)
        self.code = self.code.strip().upper()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("Cơ quan cấp trên không được là chính nó hoặc đơn vị trực thuộc.")}
                )
            ancestor = ancestor.parent

    def subtree_ids(self) -> set[int]:
        """This agency and everything below it: reports "include sub-agencies" by this set."""
        ids = {self.pk}
        frontier = [self.pk]
        while frontier:
            frontier = list(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.update(frontier)
        return ids

    def ancestor_ids(self) -> list[int]:
        """This agency and those above it, nearest first."""
        return _ancestor_ids(self.pk)

    def receiving_for_ids(self) -> set[int]:
        """The agencies whose dossiers this agency's one-stop desk receives (CONTRACTS §5): see
        `receiving_for_ids` below, the one rule every caller uses."""
        return receiving_for_ids(self.pk)

    def matches(self, text: str) -> bool:
        """Whether `text` names this agency by its name or one of its aliases, accents ignored."""
        wanted = fold(text)
        return wanted == fold(self.name) or any(wanted == fold(a.name) for a in self.aliases.all())


def _ancestor_ids(agency_id: int, parents: dict[int, int | None] | None = None) -> list[int]:
    if parents is None:
        parents = dict(Agency.objects.values_list("pk", "parent_id"))  # a few hundred rows at most
    chain: list[int] = []
    current: int | None = agency_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def agency_by_code(code: str) -> Agency | None:
    """The agency with this code, written in any case and with surrounding spaces (a form's or a
    query string's value), or None."""
    return Agency.objects.filter(code__iexact=code.strip()).first()


def receiving_for_ids(agency_id: int) -> set[int]:
    """The one rule of "which desk receives for which agency" (CONTRACTS §5): the desk of agency
    `agency_id` receives the dossiers of that agency, of every agency above it (the city's one-stop
    unit, under the city's office, receives the city's procedures; a ward's desk, under the city,
    receives the city's too), and of the agencies the administrator added to its `receives_for`
    (a land registration branch or a tax office, outside the tree). Desk intake (which procedures a
    desk may take), the online queue, desk officers' visibility and actions all read it.

    One query: every agency's parent, each flagged when the administrator added it to this desk."""
    added = Agency.receives_for.through.objects.filter(from_agency_id=agency_id, to_agency_id=OuterRef("pk"))
    rows = list(Agency.objects.annotate(added=Exists(added)).values_list("pk", "parent_id", "added"))
    parents: dict[int, int | None] = {pk: parent for pk, parent, _added in rows}
    return {*_ancestor_ids(agency_id, parents), *(pk for pk, _parent, flag in rows if flag)}


class AgencyAlias(models.Model):
    """Another name the agency goes by in documents (e.g. before a renaming)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("tên gọi khác"), max_length=255)

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="agency_alias_unique")]

    def __str__(self) -> str:
        return self.name


class AgencyGroup(TimeStampedModel):
    """A named set of agencies as plans write them ("UBND các xã, phường", "Các cơ quan chuyên môn")."""

    name = models.CharField(_("tên nhóm"), max_length=255, unique=True)
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan"), related_name="agency_groups", blank=True
    )

    class Meta:
        verbose_name = _("nhóm cơ quan")
        verbose_name_plural = _("nhóm cơ quan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150)
    phone = models.CharField(_("điện thoại (E.164)"), max_length=20, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan công tác"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        super().clean()
        self.full_name = nfc(self.full_name)
        if self.phone:
            self.phone = normalise_phone(self.phone)

    @cached_property
    def roles(self) -> frozenset[Role]:
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        names = self.groups.values_list("name", flat=True)
        roles = {ROLE_BY_GROUP[n] for n in names if n in ROLE_BY_GROUP}
        if self.is_superuser:
            roles.add(Role.ADMIN)
        return frozenset(roles)

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @cached_property
    def desk_duty(self) -> tuple[int, frozenset[int]] | None:
        """The duty the one-stop roster (`accounts.desks`) puts this desk officer on now: its desk
        agency and fields. Read once per request (the user object lives that long)."""
        if Role.DESK_OFFICER not in self.roles:
            return None
        return desk_on_duty(self.pk, timezone.now())

    @property
    def desk_agency_id(self) -> int | None:
        """The agency of the desk this desk officer works at now (CONTRACTS §5): the desk of their
        duty, else their home agency; None for anyone who is not a desk officer."""
        if Role.DESK_OFFICER not in self.roles:
            return None
        return self.desk_duty[0] if self.desk_duty else self.agency_id

    @property
    def desk_field_ids(self) -> frozenset[int]:
        """The fields this desk officer may receive for on their duty now; empty: every field."""
        return self.desk_duty[1] if self.desk_duty else frozenset()

    @property
    def desk_agency(self) -> Agency | None:
        """The desk agency as an object (the home agency's row when the roster says nothing)."""
        if self.desk_agency_id is None:
            return None
        if self.desk_agency_id == self.agency_id:
            return self.agency
        return Agency.objects.get(pk=self.desk_agency_id)

    @cached_property
    def desk_receives_for(self) -> frozenset[int]:
        """The agencies whose dossiers this user receives as a desk officer (`receiving_for_ids` of
        their desk agency); empty for anyone else."""
        if self.desk_agency_id is None:
            return frozenset()
        return frozenset(receiving_for_ids(self.desk_agency_id))

    def is_desk_officer_for(self, agency_id: int | None) -> bool:
        """Whether this user is a desk officer of a desk that receives for `agency_id` (a dossier's
        receiving agency): who receives, guides, refuses, returns, takes supplements and withdrawals."""
        if agency_id is None or self.desk_agency_id is None:
            return False
        return agency_id == self.desk_agency_id or agency_id in self.desk_receives_for

    @property
    def is_locality_wide(self) -> bool:
        return bool(self.roles & LOCALITY_WIDE_ROLES)

    def managers(self) -> models.QuerySet[User]:
        """The leaders of the user's home agency."""
        if self.agency_id is None:
            return User.objects.none()
        return agency_leaders(self.agency_id).exclude(pk=self.pk)

    def staff_condition(self) -> models.Q:
        """The officers this user manages, as a condition on `User` (the other side of `managers()`):
        a leader manages the members of their home agency; anyone else nobody."""
        if Role.LEADER not in self.roles or self.agency_id is None:
            return models.Q(pk__in=[])
        return models.Q(agency_id=self.agency_id)


def agency_leaders(agency_id: int) -> models.QuerySet[User]:
    """The active leaders of an agency, by username: who signs its apologies, receives its prompts
    and manages its staff."""
    return User.objects.filter(
        agency_id=agency_id, groups__name=GROUP_NAMES[Role.LEADER], is_active=True
    ).order_by("username")


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A staff API key. Only its SHA-256 is stored; the key is shown once, when issued."""

    user = models.ForeignKey(
        User, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("mục đích"), max_length=100)
    prefix = models.CharField(_("tiền tố"), max_length=8, editable=False)
    key_hash = models.CharField(_("mã băm của khóa"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class PersonalDataAccess(models.Model):
    """Who looked at whose personal data, when, through which channel and why (Decree 13/2023)."""

    class Channel(models.TextChoices):
        PAGE = "PAGE", _("Trang quản trị")
        API = "API", _("API")
        EXPORT = "EXPORT", _("Xuất dữ liệu")

    user = models.ForeignKey(User, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    subject = models.CharField(_("đối tượng"), max_length=100, db_index=True)  # e.g. "dossier:<code>"
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    reason = models.CharField(_("lý do"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nhật ký truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} → {self.subject} ({self.at:%Y-%m-%d %H:%M})"
