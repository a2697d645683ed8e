"""Survey use cases: the questionnaire's versions, recording responses (web, paper), quick ratings at
the kiosk, the officer on duty at a kiosk (the desk roster's, else the one signed in there), and
closing follow-up items."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.desks import counter_officer
from motcua.accounts.models import User, receiving_for_ids
from motcua.accounts.roles import Role
from motcua.core.exceptions import Conflict, FieldError, InvalidInput
from motcua.core.instants import local_day_start
from motcua.core.text import nfc
from motcua.dossiers.codes import code_key
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.selectors import dossier_closed_at, dossier_step_agency_ids
from motcua.surveys.exceptions import AlreadyAnswered, NotYetOpen, RatedOfficerMayNotEnter, WindowClosed
from motcua.surveys.models import (
    NOT_SATISFIED_MAX,
    Answer,
    Criterion,
    FollowUp,
    KioskCounter,
    KioskDuty,
    QuestionnaireVersion,
    QuickLevel,
    QuickRating,
    Response,
)
from motcua.surveys.questionnaire import QUESTIONNAIRE, Questionnaire

WINDOW_DAYS = 30  # CONTRACTS §3: the survey stays open 30 calendar days after return or close
COMMENT_MAX = 2000


# --- the questionnaire -----------------------------------------------------------------------------


def questionnaire_load(version: QuestionnaireVersion, data: Questionnaire = QUESTIONNAIRE) -> None:
    """Fill an empty version with criteria and questions from plain data."""
    for order, (code, name, name_en, questions) in enumerate(data, start=1):
        criterion = Criterion.objects.create(
            version=version, code=code, order=order, name=name, name_en=name_en
        )
        for q_order, (q_code, text, text_en) in enumerate(questions, start=1):
            criterion.questions.create(code=q_code, order=q_order, text=text, text_en=text_en)


def questionnaire_published() -> QuestionnaireVersion:
    """The version in use; version 1 from the seed when the database has none at all."""
    version = QuestionnaireVersion.objects.filter(status=QuestionnaireVersion.Status.PUBLISHED).first()
    if version is not None:
        return version
    with transaction.atomic():
        if QuestionnaireVersion.objects.exists():
            raise Conflict(_("Chưa có phiên bản phiếu khảo sát nào đang dùng."))
        version = QuestionnaireVersion.objects.create(
            number=1, status=QuestionnaireVersion.Status.PUBLISHED, published_at=timezone.now()
        )
        questionnaire_load(version)
    return version


@transaction.atomic
def questionnaire_draft_create() -> QuestionnaireVersion:
    """A new draft copying the version in use, for the administrator to edit in the admin."""
    current = questionnaire_published()
    number = (
        QuestionnaireVersion.objects.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    draft = QuestionnaireVersion.objects.create(number=number)
    for criterion in current.criteria.prefetch_related("questions"):
        copy = Criterion.objects.create(
            version=draft,
            code=criterion.code,
            order=criterion.order,
            name=criterion.name,
            name_en=criterion.name_en,
        )
        for question in criterion.questions.all():
            copy.questions.create(
                code=question.code, order=question.order, text=question.text, text_en=question.text_en
            )
    return draft


@transaction.atomic
def questionnaire_publish(*, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Publish a draft: it replaces the version in use; answers keep the version they were given on."""
    if version.status != QuestionnaireVersion.Status.DRAFT:
        raise Conflict(_("Chỉ công bố được phiên bản nháp."))
    if not version.criteria.filter(questions__isnull=False).exists():
        raise InvalidInput(_("Phiên bản chưa có câu hỏi nào."))
    QuestionnaireVersion.objects.filter(status=QuestionnaireVersion.Status.PUBLISHED).update(
        status=QuestionnaireVersion.Status.RETIRED
    )
    version.status = QuestionnaireVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    return version


# --- the window ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    opens_at: datetime | None  # None: not yet received (an online dossier awaiting the desk's check)
    closes_at: datetime | None  # None: still being processed, open until 30 days after it closes

    def check(self, at: datetime) -> None:
        """409 before the window opens, 410 after it closed."""
        if self.opens_at is None or at < self.opens_at:
            raise NotYetOpen
        if self.closes_at is not None and at >= self.closes_at:
            raise WindowClosed


def survey_window(dossier: Dossier) -> Window:
    """From receipt (or the desk's guide or refusal) until the end of the 30th calendar day after the
    dossier was returned or closed (CONTRACTS §3)."""
    closed_at = dossier_closed_at(dossier)
    opens_at: datetime | None
    if dossier.received_at is not None:
        opens_at = dossier.received_at
    elif dossier.state in (State.GUIDED, State.REFUSED):
        opens_at = closed_at  # the desk's guide or refusal: the applicant met the desk
    else:
        opens_at = None  # never received (still submitted, or withdrawn before the desk's check)
    closes_at = None
    if closed_at is not None:
        closes_at = local_day_start(timezone.localtime(closed_at).date() + timedelta(days=WINDOW_DAYS + 1))
    return Window(opens_at, closes_at)


# --- responses -------------------------------------------------------------------------------------


def _scores(version: QuestionnaireVersion, scores: Mapping[int, int]) -> dict[int, int]:
    questions = {q for q in version.criteria.values_list("questions__id", flat=True) if q is not None}
    errors = [
        FieldError(f"q{qid}", _("Chọn một mức từ 1 đến 5."))
        for qid, score in scores.items()
        if qid not in questions or not isinstance(score, int) or not 1 <= score <= 5
    ]
    if errors:
        raise InvalidInput(_("Phiếu đánh giá chưa hợp lệ: kiểm tra các câu được đánh dấu."), errors)
    if not scores:
        raise InvalidInput(
            _("Chọn mức đánh giá cho ít nhất một câu hỏi."),
            [FieldError("form", _("Chưa có câu trả lời nào."))],
        )
    return dict(scores)


@transaction.atomic
def survey_record_response(
    *,
    dossier: Dossier,
    scores: Mapping[int, int],
    comment: str = "",
    channel: str = Response.Channel.WEB,
    entered_by: User | None = None,
    at: datetime | None = None,
) -> Response:
    """Record the one response of a dossier (web by its token, or a paper form entered by staff) and
    open the supervisor's follow-up items for a "not satisfied" answer (1–2) or a comment."""
    at = at or timezone.now()
    locked = Dossier.objects.select_for_update().select_related("procedure_version").get(pk=dossier.pk)
    if channel == Response.Channel.PAPER:
        if entered_by is None:
            raise InvalidInput(_("Phiếu giấy phải có người nhập."))
        if locked.received_by_id is not None and locked.received_by_id == entered_by.pk:
            raise RatedOfficerMayNotEnter
    else:
        survey_window(locked).check(at)
    if Response.objects.filter(dossier=locked).exists():
        raise AlreadyAnswered
    version = questionnaire_published()
    clean = _scores(version, scores)
    comment = nfc(comment).strip()[:COMMENT_MAX]
    try:
        with transaction.atomic():
            response = Response.objects.create(
                dossier=locked, version=version, channel=channel, submitted_at=at,
                agency_id=locked.receiving_agency_id, procedure_id=locked.procedure_version.procedure_id,
                officer_id=locked.received_by_id, processing_agencies=dossier_step_agency_ids(locked),
                entered_by=entered_by if channel == Response.Channel.PAPER else None, comment=comment,
            )  # fmt: skip
    except IntegrityError:
        raise AlreadyAnswered from None
    Answer.objects.bulk_create(Answer(response=response, question_id=q, score=s) for q, s in clean.items())
    follow = {
        "created_at": at,
        "agency_id": locked.receiving_agency_id,
        "dossier": locked,
        "response": response,
    }
    if any(score <= NOT_SATISFIED_MAX for score in clean.values()):
        FollowUp.objects.create(kind=FollowUp.Kind.NOT_SATISFIED, **follow)
    if comment:
        FollowUp.objects.create(kind=FollowUp.Kind.COMMENT, **follow)
    return response


def dossier_for_paper(code: str) -> Dossier:
    dossier = Dossier.objects.filter(code_key=code_key(code or "")).first() if code_key(code or "") else None
    if dossier is None:
        raise InvalidInput(
            _("Không có hồ sơ này."), [FieldError("code", _("Không tìm thấy hồ sơ có mã này."))]
        )
    return dossier


# --- the kiosk -------------------------------------------------------------------------------------


def kiosk_duty(kiosk: User) -> KioskDuty | None:
    return KioskDuty.objects.filter(kiosk=kiosk, ended_at=None).select_related("officer").first()


@transaction.atomic
def kiosk_duty_start(*, kiosk: User, officer: User, at: datetime | None = None) -> KioskDuty:
    """The officer serving at the kiosk's counter starts duty there, after signing in at the kiosk
    with their own password (checked by the view's authentication form, lockouts included), so
    nobody credits ratings to someone else."""
    if not officer.has_role(Role.DESK_OFFICER) or officer.agency_id != kiosk.agency_id:
        raise InvalidInput(
            _("Không vào ca được."),
            [FieldError("username", _("Chỉ cán bộ một cửa của quầy này vào ca tại máy đánh giá của quầy."))],
        )
    at = at or timezone.now()
    KioskDuty.objects.select_for_update().filter(kiosk=kiosk, ended_at=None).update(ended_at=at)
    return KioskDuty.objects.create(kiosk=kiosk, officer=officer, started_at=at)


def kiosk_duty_end(*, kiosk: User, at: datetime | None = None) -> None:
    KioskDuty.objects.filter(kiosk=kiosk, ended_at=None).update(ended_at=at or timezone.now())


def kiosk_officer(kiosk: User, at: datetime | None = None) -> User | None:
    """The officer a rating at the kiosk credits at `at` (DOMAIN §6, CONTRACTS §5): the one the
    desk roster (`accounts.desks.counter_officer`) puts at the kiosk's counter then, else the officer
    signed in at the kiosk. The roster is the record of who serves where; the sign-in stays as the
    fallback for a kiosk without a counter, a desk that keeps no roster, or a gap in it (an officer
    covering a counter off the roster is still credited), so no rating is lost or refused."""
    at = at or timezone.now()
    counter = KioskCounter.objects.filter(kiosk=kiosk).values_list("counter", flat=True).first()
    if counter and kiosk.agency_id is not None:
        officer_id = counter_officer(kiosk.agency_id, counter, at)
        if officer_id is not None:
            return User.objects.get(pk=officer_id)
    duty = kiosk_duty(kiosk)
    return duty.officer if duty else None


@transaction.atomic
def quick_rating_record(
    *, kiosk: User, level: str, code: str = "", at: datetime | None = None
) -> QuickRating:
    """A quick rating of the officer serving at the kiosk's counter (`kiosk_officer`), optionally
    tied to a dossier."""
    if level not in QuickLevel.values:
        raise InvalidInput(
            _("Mức đánh giá không hợp lệ."), [FieldError("level", _("Chọn một trong ba mức."))]
        )
    agency_id = kiosk.agency_id
    if agency_id is None:
        raise Conflict(_("Máy đánh giá chưa được gắn với quầy của cơ quan nào."))
    at = at or timezone.now()
    officer = kiosk_officer(kiosk, at)
    if officer is None:
        raise Conflict(_("Chưa có cán bộ vào ca tại quầy này."))
    dossier = None
    if code.strip():
        # Only a dossier of this desk (its agency and those it receives for, CONTRACTS §5): a kiosk
        # cannot rate, or probe for, another desk's dossiers.
        dossier = Dossier.objects.filter(
            code_key=code_key(code), receiving_agency_id__in=receiving_for_ids(agency_id)
        ).first()
        if dossier is None:
            raise InvalidInput(
                _("Không có hồ sơ này."), [FieldError("code", _("Không tìm thấy hồ sơ có mã này."))]
            )
        if QuickRating.objects.filter(dossier=dossier).exists():
            raise Conflict(_("Hồ sơ này đã được đánh giá nhanh."))
    try:
        with transaction.atomic():
            rating = QuickRating.objects.create(
                level=level,
                at=at,
                agency_id=agency_id,
                officer=officer,
                kiosk=kiosk,
                dossier=dossier,
            )
    except IntegrityError:
        raise Conflict(_("Hồ sơ này đã được đánh giá nhanh.")) from None
    if level == QuickLevel.NOT_SATISFIED:
        FollowUp.objects.create(
            kind=FollowUp.Kind.QUICK_NOT_SATISFIED, created_at=at, agency_id=agency_id,
            dossier=dossier, quick=rating,
        )  # fmt: skip
    return rating


# --- follow-up -------------------------------------------------------------------------------------


@transaction.atomic
def follow_up_close(*, item: FollowUp, officer: User, note: str, at: datetime | None = None) -> FollowUp:
    locked = FollowUp.objects.select_for_update().get(pk=item.pk)
    if locked.closed_at is not None:
        raise Conflict(_("Việc này đã được xử lý xong."))
    if not nfc(note).strip():
        raise InvalidInput(_("Ghi rõ cách đã xử lý."), [FieldError("note", _("Bắt buộc."))])
    locked.closed_at = at or timezone.now()
    locked.closed_by = officer
    locked.note = nfc(note).strip()[:COMMENT_MAX]
    locked.save(update_fields=["closed_at", "closed_by", "note"])
    return locked
