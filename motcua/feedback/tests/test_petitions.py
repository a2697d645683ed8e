"""Petitions: filing, every state change, each limit across Tết and a pause, visibility, figures."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.core.exceptions import Conflict, InvalidInput
from motcua.core.facts import fact_values, officer_fact_values
from motcua.core.indicators import indicator_value
from motcua.core.periods import Period
from motcua.dossiers.tests.factories import make_dossier
from motcua.feedback import limits
from motcua.feedback.codes import petition_token, petition_token_matches
from motcua.feedback.models import PetitionEvent, State
from motcua.feedback.replay import petition_cached, petition_replay
from motcua.feedback.selectors import feedback_figures, petition_by_token, petitions_visible_to
from motcua.feedback.services import ACTIONS, actions_available, petition_act, petition_vote
from motcua.feedback.tests.factories import answered, file_petition, local, make_cast
from motcua.notifications.models import Message

pytestmark = pytest.mark.django_db

MON = local(2026, 2, 9, 8, 0)  # Monday before Tết (14–22/02/2026 off)


def test_codes_are_consecutive_per_day_and_tokens_match() -> None:
    make_cast()
    a = file_petition(MON)
    b = file_petition(MON.replace(hour=9))
    c = file_petition(local(2026, 2, 10, 8, 0))
    assert (a.code, b.code, c.code) == ("PA-260209-0001", "PA-260209-0002", "PA-260210-0001")
    assert petition_token_matches("pa 260209 0001", petition_token(a.code))
    assert not petition_token_matches(a.code, petition_token(b.code))
    assert petition_by_token(petition_token(b.code)) == b


def test_a_rolled_back_filing_leaves_no_gap() -> None:
    make_cast()
    file_petition(MON)
    with pytest.raises(RuntimeError), transaction.atomic():
        file_petition(MON)
        raise RuntimeError
    assert file_petition(MON).code == "PA-260209-0002"


def test_required_contact_and_consent_decree_20() -> None:
    make_cast()
    with pytest.raises(InvalidInput) as exc:
        file_petition(MON, name="", address="", phone="", email="", consent=False)
    assert {e.field for e in exc.value.errors} >= {"name", "address", "consent"}
    with pytest.raises(InvalidInput) as exc:
        file_petition(MON, phone="123")
    assert [e.field for e in exc.value.errors] == ["phone"]


def test_anonymous_is_a_tip_kept_apart_never_answered() -> None:
    cast = make_cast()
    tip = file_petition(MON, anonymous=True, name="Ai đó", phone="")
    assert tip.is_tip and tip.petitioner_name == "" and tip.petitioner_phone == ""
    with pytest.raises(Conflict):
        petition_act(tip, "receive", officer=cast.supervisor, body={"category": "REGULATION"})
    assert tip not in petitions_visible_to(cast.specialist)
    assert tip in petitions_visible_to(cast.supervisor)
    tip = petition_act(
        tip, "close", officer=cast.supervisor, body={"reason": "Đã chuyển thông tin cho thanh tra."}
    )
    assert tip.state == State.CLOSED
    figures = feedback_figures(Period(MON.date(), MON.date()))
    assert (figures.tips, figures.received) == (1, 0)


def test_every_state_change_with_its_event_and_the_answer_sms() -> None:
    cast = make_cast()
    p = file_petition(MON, agency=cast.office)
    steps = [
        ("receive", cast.specialist, {"category": "BEHAVIOUR"}, State.RECEIVED),
        ("start", cast.specialist, {}, State.PROCESSING),
        ("request_info", cast.specialist, {"question": "Cho biết ngày nộp hồ sơ."}, State.NEEDS_INFO),
        ("provide_info", None, {"reply": "Ngày 05/02/2026 tại quầy số 2."}, State.PROCESSING),
        ("draft", cast.specialist, {"answer": "Đã kiểm tra và nhắc nhở cán bộ tiếp nhận."}, State.PROCESSING),
        ("approve", cast.leader, {}, State.ANSWERED),
        ("publish", cast.supervisor, {}, State.PUBLISHED),
    ]
    for n, (action, officer, body, state) in enumerate(steps):
        p = petition_act(p, action, officer=officer, body=body, now=MON.replace(hour=9 + n))
        assert p.state == state
    events = list(p.events.values_list("action", "from_state", "to_state"))
    assert events[0] == ("create", "", "SUBMITTED")
    assert [e[0] for e in events[1:]] == [s[0] for s in steps]
    assert p.category == "BEHAVIOUR" and p.classified_at is not None
    sms = Message.objects.filter(template_key="petition_answered", channel="SMS").get()
    assert sms.recipient == "+84905123456" and p.code in sms.body
    assert Message.objects.filter(template_key="petition_answered", channel="EMAIL").count() == 1


def test_refuse_close_and_transfer() -> None:
    cast = make_cast()
    p = file_petition(MON, agency=cast.office)
    p = petition_act(
        p, "refuse", officer=cast.desk, body={"refusal_kind": "COMPLAINT", "reason": "Là đơn khiếu nại."}
    )
    assert p.state == State.REFUSED and p.texts.get().text == "Là đơn khiếu nại."
    assert "Khiếu nại" in Message.objects.get(template_key="petition_refused").body

    q = answered(cast, MON)
    q = petition_act(q, "close", officer=cast.supervisor, body={"reason": "Nội dung riêng của người gửi."})
    assert q.state == State.CLOSED

    t = file_petition(MON, agency=cast.office)
    t = petition_act(t, "receive", officer=cast.desk, body={"category": "REGULATION"}, now=MON)
    due = t.due_at
    t = petition_act(t, "transfer", officer=cast.leader, body={"agency": cast.other.code, "reason": "Thuộc lĩnh vực đất đai."},
                     now=MON.replace(hour=10))  # fmt: skip
    assert (t.state, t.agency, t.due_at) == (State.TRANSFERRED, cast.other, due)  # same clock
    assert t not in petitions_visible_to(cast.specialist)
    t = petition_act(t, "receive", officer=cast.other_specialist, body={"category": "REGULATION"})
    assert t.state == State.RECEIVED and t.due_at == due


def test_refusal_order_role_state_input() -> None:
    cast = make_cast()
    p = file_petition(MON, agency=cast.office)
    with pytest.raises(PermissionDenied):  # a specialist can never publish
        petition_act(p, "publish", officer=cast.specialist)
    with pytest.raises(PermissionDenied):  # the petitioner cannot receive
        petition_act(p, "receive", officer=None, body={"category": "REGULATION"})
    with pytest.raises(Conflict):  # wrong state
        petition_act(p, "approve", officer=cast.leader)
    with pytest.raises(InvalidInput):
        petition_act(p, "receive", officer=cast.specialist, body={"category": "X"})
    p = petition_act(p, "receive", officer=cast.specialist, body={"category": "REGULATION"})
    p = petition_act(p, "start", officer=cast.specialist)
    with pytest.raises(Conflict):  # no draft yet
        petition_act(p, "approve", officer=cast.leader)
    p = petition_act(p, "request_info", officer=cast.specialist, body={"question": "Cần thêm thông tin."})
    p = petition_act(p, "provide_info", officer=None, body={"reply": "Đây là thông tin."})
    with pytest.raises(Conflict):  # once only
        petition_act(p, "request_info", officer=cast.specialist, body={"question": "Lần nữa."})


def test_limits_across_tet_and_a_pause() -> None:
    cast = make_cast()
    p = file_petition(MON, agency=cast.office)
    assert p.refuse_due_at == local(2026, 2, 11, 17, 0)  # Tue, Wed
    assert p.info_due_at == local(2026, 2, 23, 17, 0)  # 10–13/02, then Mon 23/02 after Tết
    assert p.due_at == local(2026, 3, 9, 17, 0)  # 15 working days
    p = petition_act(p, "receive", officer=cast.specialist, body={"category": "REGULATION"}, now=MON)
    p = petition_act(p, "request_info", officer=cast.specialist, body={"question": "Số hồ sơ?"},
                     now=local(2026, 2, 12, 10, 0))  # fmt: skip
    assert limits.limits_check(p, now=local(2026, 3, 30, 8, 0)).resolve is None  # paused: never overdue
    assert not limits.is_overdue(p, now=local(2026, 3, 30, 8, 0))
    p = petition_act(p, "provide_info", officer=None, body={"reply": "Số 000.04.31.H34-260205-0002."},
                     now=local(2026, 2, 23, 15, 0))  # fmt: skip
    # 18 working hours paused (CONTRACTS §2's example): 09/03 17:00 + 18 h = Thu 12/03 10:30.
    assert p.due_at == local(2026, 3, 12, 10, 30)
    assert limits.limits_check(p, now=local(2026, 3, 12, 10, 0)).resolve is None
    assert limits.limits_check(p, now=local(2026, 3, 12, 11, 0)).resolve is False
    assert limits.limits_check(p).info is True
    p = petition_act(p, "draft", officer=cast.specialist, body={"answer": "Nội dung trả lời đầy đủ cho công dân."},
                     now=local(2026, 3, 12, 9, 0))  # fmt: skip
    p = petition_act(p, "approve", officer=cast.leader, now=local(2026, 3, 12, 10, 0))
    assert limits.limits_check(p).resolve is True
    assert p.publish_due_at == local(2026, 3, 16, 17, 0)  # Fri 13, Mon 16
    p = petition_act(p, "publish", officer=cast.supervisor, now=local(2026, 3, 17, 8, 0))
    assert limits.limits_check(p).publish is False


def test_refuse_limit_on_time_and_late() -> None:
    cast = make_cast()
    early = file_petition(MON, agency=cast.office)
    early = petition_act(early, "refuse", officer=cast.desk, now=local(2026, 2, 11, 16, 59),
                         body={"refusal_kind": "DENUNCIATION", "reason": "Là đơn tố cáo."})  # fmt: skip
    late = file_petition(MON, agency=cast.office)
    late = petition_act(late, "refuse", officer=cast.desk, now=local(2026, 2, 12, 8, 0),
                        body={"refusal_kind": "DENUNCIATION", "reason": "Là đơn tố cáo."})  # fmt: skip
    assert limits.limits_check(early).refuse is True
    assert limits.limits_check(late).refuse is False


def test_events_are_append_only() -> None:
    make_cast()
    p = file_petition(MON)
    event = p.events.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        PetitionEvent.objects.filter(pk=event.pk).update(action="publish")
    with pytest.raises(DatabaseError), transaction.atomic():
        PetitionEvent.objects.filter(pk=event.pk).delete()


def test_leaders_see_the_petitions_of_their_own_agency_not_of_its_sub_units() -> None:
    """CONTRACTS §5: officers of the assigned agency and its leaders see those assigned there."""
    cast = make_cast()
    root_leader = UserFactory(agency=cast.root, role=Role.LEADER)
    at_office = file_petition(MON, agency=cast.office)
    at_root = file_petition(MON, agency=cast.root)
    assert set(petitions_visible_to(root_leader)) == {at_root}
    assert set(petitions_visible_to(cast.leader)) == {at_office}
    assert set(petitions_visible_to(cast.supervisor)) == {at_office, at_root}


def test_an_officer_never_sees_a_petition_about_themselves() -> None:
    cast = make_cast()
    p = file_petition(MON, agency=cast.office, category="BEHAVIOUR", about_officer=cast.specialist)
    assert p not in petitions_visible_to(cast.specialist)
    assert p in petitions_visible_to(cast.leader)
    assert p in petitions_visible_to(cast.desk)
    assert p not in petitions_visible_to(cast.other_specialist)
    assert p in petitions_visible_to(cast.inspector)
    about_leader = file_petition(MON, agency=cast.office, category="BEHAVIOUR", about_officer=cast.leader)
    assert about_leader not in petitions_visible_to(cast.leader)
    # Named only in the text on the portal: identified when the petition is classified.
    named = file_petition(MON, agency=cast.office, category="BEHAVIOUR", phone="0912000111")
    assert named in petitions_visible_to(cast.desk)
    with pytest.raises(InvalidInput):
        petition_act(
            named,
            "receive",
            officer=cast.specialist,
            body={"category": "BEHAVIOUR", "about_officer": "khong-co"},
        )
    petition_act(
        named,
        "receive",
        officer=cast.specialist,
        body={"category": "BEHAVIOUR", "about_officer": cast.desk.username},
    )
    assert named not in petitions_visible_to(cast.desk) and named in petitions_visible_to(cast.specialist)


def test_like_dislike_once_per_browser_and_repeated_flagged() -> None:
    cast = make_cast()
    p = answered(cast, MON)
    with pytest.raises(Conflict):
        petition_vote(p, browser="b1", like=True)
    p = petition_act(p, "publish", officer=cast.supervisor)
    assert petition_vote(p, browser="b1", like=False)
    assert not petition_vote(p, browser="b1", like=True)
    assert petition_vote(p, browser="b2", like=False)
    p.refresh_from_db()
    assert (p.likes, p.dislikes, p.unsatisfied) == (0, 2, True)
    again = file_petition(MON.replace(hour=15), title="THU TUC dang ky khai sinh yeu cau giay to ngoai danh muc",
                          phone="0905 123 456")  # fmt: skip
    assert again.repeated_of == p
    other = file_petition(MON.replace(hour=16), phone="0912345678", email="")
    assert other.repeated_of is None


def test_figures_766_and_facts() -> None:
    cast = make_cast()
    period = Period(local(2026, 2, 1).date(), local(2026, 2, 28).date())
    # 1 answered on time and published (2 dislikes → unsatisfied); 1 repeated of it; 1 refused late;
    # 1 received, never classified? (all received are classified) — 1 left SUBMITTED and overdue; 1 tip.
    a = answered(cast, MON)
    a = petition_act(a, "publish", officer=cast.supervisor, now=MON.replace(hour=15))
    petition_vote(a, browser="x", like=False)
    b = file_petition(MON.replace(hour=16), agency=cast.office)  # repeated of a, unclassified, overdue later
    c = file_petition(MON, agency=cast.office, phone="0912345678", email="")
    petition_act(c, "refuse", officer=cast.desk, now=local(2026, 2, 13, 9, 0),
                 body={"refusal_kind": "COMPLAINT", "reason": "Khiếu nại."})  # fmt: skip
    file_petition(MON, anonymous=True)
    now = local(2026, 3, 20, 9, 0)
    f = feedback_figures(period, now=now)
    assert (f.received, f.tips, f.refused, f.feedback) == (3, 1, 1, 2)
    assert f.classified == 1  # a only
    assert f.on_time == 1  # a; b overdue; c refused late
    assert f.repeated == 1 and f.unsatisfied == 1 and f.overdue == 1
    assert f.satisfactory == 0  # a unsatisfied, b repeated and overdue
    assert b.repeated_of == a
    assert indicator_value("feedback_received", period).value == 3
    assert indicator_value("feedback_classified", period).value == Decimal("50.00")
    assert indicator_value("feedback_on_time", period).numerator == 1
    assert indicator_value("feedback_satisfactory", period).denominator == 2
    about = file_petition(
        MON, agency=cast.office, category="BEHAVIOUR", about_officer=cast.desk, phone="0987654321"
    )
    assert officer_fact_values("feedback.about_officer", period, [cast.desk.pk, cast.leader.pk]) == {
        cast.desk.pk: 1
    }
    assert about.pk
    assert fact_values("feedback.petitions", [0]) == {}


def test_the_events_replay_to_the_cached_state_and_times() -> None:
    cast = make_cast()
    p = file_petition(MON, agency=cast.office)
    walk = [
        ("receive", cast.specialist, {"category": "BEHAVIOUR", "about_officer": cast.desk.username}),
        ("request_info", cast.specialist, {"question": "Ngày nộp?"}),
        ("provide_info", None, {"reply": "Ngày 05/02."}),
        ("transfer", cast.leader, {"agency": cast.other.code, "reason": "Không thuộc thẩm quyền."}),
    ]
    for n, (action, officer, body) in enumerate(walk):
        p = petition_act(p, action, officer=officer, body=body, now=local(2026, 2, 10 + n * 5 // 3, 9, 0))
        assert petition_replay(p) == petition_cached(p), action
    other_leader = UserFactory(username="ld2", agency=cast.other, role=Role.LEADER)
    p = petition_act(
        p,
        "receive",
        officer=cast.other_specialist,
        body={"category": "BEHAVIOUR"},
        now=local(2026, 2, 24, 9, 0),
    )
    p = petition_act(p, "start", officer=cast.other_specialist, now=local(2026, 2, 24, 10, 0))
    p = petition_act(
        p,
        "draft",
        officer=cast.other_specialist,
        body={"answer": "Trả lời đầy đủ cho người gửi phản ánh."},
        now=local(2026, 2, 25, 9, 0),
    )
    p = petition_act(p, "approve", officer=other_leader, now=local(2026, 2, 25, 15, 0))
    p = petition_act(
        p, "close", officer=cast.supervisor, body={"reason": "Nội dung riêng."}, now=local(2026, 2, 26, 9, 0)
    )
    assert petition_replay(p) == petition_cached(p)
    refused = petition_act(file_petition(MON, agency=cast.office, phone="0912000111"), "refuse", officer=cast.desk,
                           body={"refusal_kind": "NO_CONTACT", "reason": "Thiếu địa chỉ."}, now=MON)  # fmt: skip
    assert petition_replay(refused) == petition_cached(refused)


def test_limits_across_the_april_may_holidays_and_after_hours() -> None:
    """Mon 27/04/2026 is the compensatory day of Giỗ Tổ (Sun 26/04); 30/04 and 01/05 are holidays."""
    cast = make_cast()
    p = file_petition(local(2026, 4, 24, 16, 30), agency=cast.office)  # a Friday, in office hours
    assert p.refuse_due_at == local(2026, 4, 29, 17, 0)  # Tue 28, Wed 29
    assert p.info_due_at == local(2026, 5, 6, 17, 0)  # 28, 29, then 04, 05, 06/05
    assert p.due_at == local(2026, 5, 20, 17, 0)  # the 15th working day
    p = petition_act(
        p, "receive", officer=cast.specialist, body={"category": "REGULATION"}, now=local(2026, 4, 28, 8, 0)
    )
    p = petition_act(p, "request_info", officer=cast.specialist, body={"question": "Thửa đất số mấy?"},
                     now=local(2026, 5, 7, 8, 0))  # fmt: skip
    assert limits.limits_check(p).info is False  # asked after the 5th working day
    p = petition_act(p, "provide_info", officer=cast.desk, body={"reply": "Thửa số 12, tờ bản đồ 5."},
                     now=local(2026, 5, 8, 8, 0))  # fmt: skip
    # Paused Thu 07/05 08:00 → Fri 08/05 08:00: one working day (7.5 office hours) later.
    assert p.due_at == local(2026, 5, 21, 17, 0)
    p = petition_act(p, "draft", officer=cast.specialist, body={"answer": "Thửa đất đã được cập nhật biến động."},
                     now=local(2026, 5, 8, 9, 0))  # fmt: skip
    p = petition_act(p, "approve", officer=cast.leader, now=local(2026, 5, 8, 10, 0))
    assert p.publish_due_at == local(2026, 5, 12, 17, 0)  # Mon 11, Tue 12
    p = petition_act(p, "publish", officer=cast.supervisor, now=local(2026, 5, 12, 16, 0))
    check = limits.limits_check(p)
    assert (check.info, check.resolve, check.publish, check.refuse) == (False, True, True, None)

    late_night = file_petition(local(2026, 4, 29, 18, 0), agency=cast.office, phone="0912000111")
    assert late_night.clock_start_at == local(2026, 5, 4, 7, 30)  # after hours, then 30/04–03/05 off
    assert late_night.refuse_due_at == local(2026, 5, 6, 17, 0)


def test_the_petitions_fact_per_dossier() -> None:
    cast = make_cast()
    dossier = make_dossier()
    answered(cast, MON, dossier=dossier)  # answered the same day: on time
    file_petition(MON.replace(hour=10), dossier=dossier, phone="0912000111")  # still open
    file_petition(MON, anonymous=True, dossier=dossier)  # a tip does not count
    assert fact_values("feedback.petitions", [dossier.pk, dossier.pk + 1]) == {dossier.pk: (2, 1)}


def test_random_walks_replay_and_never_leave_the_action_table() -> None:
    """From any state, any allowed action leads where the table says, and the cache stays a replay."""
    cast = make_cast()
    rng = random.Random(17)
    bodies: dict[str, dict[str, str]] = {
        "receive": {"category": "REGULATION"},
        "refuse": {"refusal_kind": "COMPLAINT", "reason": "Là khiếu nại."},
        "request_info": {"question": "Cần thêm thông tin."},
        "provide_info": {"reply": "Thông tin thêm."},
        "draft": {"answer": "Trả lời đầy đủ cho người gửi phản ánh."},
        "transfer": {"agency": cast.other.code, "reason": "Chuyển đúng thẩm quyền."},
        "close": {"reason": "Không công khai."},
    }
    people = {Role.SPECIALIST: cast.specialist, Role.LEADER: cast.leader, Role.DESK_OFFICER: cast.desk,
              Role.SUPERVISOR: cast.supervisor}  # fmt: skip
    other_leader = UserFactory(username="ld3", agency=cast.other, role=Role.LEADER)
    walked = 0
    seen: set[str] = set()
    for n in range(12):
        p = file_petition(local(2026, 3, 2, 8, 0), agency=cast.office, phone=f"09120001{n:02d}")
        at = local(2026, 3, 2, 9, 0)
        for _step in range(8):
            choices = []
            for spec in ACTIONS.values():
                for role in sorted(spec.roles & set(people), key=str):
                    officer = people[role]
                    if p.agency_id == cast.other.pk:
                        officer = {Role.LEADER: other_leader}.get(
                            role, cast.other_specialist if role != Role.SUPERVISOR else officer
                        )
                    if officer.roles & spec.roles and spec in actions_available(p, officer):
                        choices.append((spec, officer))
            if not choices:
                break
            spec, officer = rng.choice(choices)
            at += timedelta(hours=rng.randrange(1, 30))
            before = p.state
            p = petition_act(
                p, spec.action.value, officer=officer, body=bodies.get(spec.action.value, {}), now=at
            )
            assert p.state == (spec.target or before)
            assert petition_replay(p) == petition_cached(p), [e.action for e in p.events.all()]
            walked += 1
            seen.add(p.state)
    assert walked >= 30 and len(seen) >= 7, (walked, seen)
