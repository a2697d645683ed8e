"""The dossier's journal: the append-only event of each action, who did it, and who was told.

Every use case — intake, online submission, processing — ends here: it appends one event
(`dossier_record_event`) and tells the applicant (`applicant_tell`) or an officer (`officer_tell`)
through the outbox. Nothing here decides anything; it sits below every use case so that none of
them has to import another to write the history or send a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings

from motcua.accounts.models import Agency, User
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.models import ActorKind, Dossier, DossierEvent, DossierNote
from motcua.notifications.services import message_queue, templates_get


@dataclass(frozen=True)
class Actor:
    """Who did it, as the history names them: a citizen, an officer (with their agency) or the system."""

    kind: str
    at: datetime
    officer: User | None = None
    agency: Agency | None = None


def officer_actor(officer: User, at: datetime) -> Actor:
    """An officer acting for their own agency."""
    return Actor(ActorKind.OFFICER, at, officer, officer.agency)


def desk_actor(officer: User, at: datetime) -> Actor:
    """A desk officer acting for the desk they are on duty at (the roster), else their own agency."""
    return Actor(ActorKind.OFFICER, at, officer, officer.desk_agency or officer.agency)


def dossier_record_event(
    dossier: Dossier,
    action: str,
    *,
    to_state: str,
    actor: Actor,
    note: DossierNote | None = None,
    payload: dict[str, Any] | None = None,
) -> DossierEvent:
    """Append the event and move the cached state; the caller holds the dossier's transaction.

    The last sequence number is remembered on the instance, so a use case that appends several
    events (create, then receive) asks the database once at most.
    """
    last = getattr(dossier, "_last_event_seq", None)
    if last is None:
        last = dossier.events.order_by("-seq").values_list("seq", flat=True).first() or 0 if dossier.pk else 0
    event = DossierEvent.objects.create(
        dossier=dossier, seq=last + 1, at=actor.at, action=action, from_state=dossier.state if last else "",
        to_state=to_state, actor_kind=actor.kind, officer=actor.officer, agency=actor.agency, note=note,
        payload=payload or {},
    )  # fmt: skip
    dossier._last_event_seq = event.seq  # type: ignore[attr-defined]
    dossier.state = to_state
    return event


def dossier_public_url(dossier: Dossier) -> str:
    """The citizen's page of the dossier with its token (CONTRACTS §3, §9): the one link the applicant
    is given — form 01's QR code, every SMS and e-mail, the API's `url`. The page keeps the token in
    the session and redirects to the same address without it (`portal/citizen_session.py`)."""
    return f"{settings.PUBLIC_BASE_URL}/ho-so/{dossier.code}/?t={dossier_token(dossier.code)}"


def dossier_survey_url(dossier: Dossier) -> str:
    """The dossier's satisfaction survey with the same token (CONTRACTS §3, §9): the return SMS's last
    line and the citizen's page link to it."""
    return f"{settings.PUBLIC_BASE_URL}/danh-gia/{dossier.code}/?t={dossier_token(dossier.code)}"


def applicant_tell(dossier: Dossier, template: str, extra: dict[str, str]) -> None:
    """SMS and e-mail to the applicant through the outbox, in the caller's transaction; the code, the
    link, the look-up keyword, the agency and the procedure are filled in."""
    context = {
        "code": dossier.code,
        "url": dossier_public_url(dossier),
        "keyword": settings.SMS_LOOKUP_KEYWORDS[0],
        "short_code": settings.SMS_SHORT_CODE,
        "agency": dossier.receiving_agency.name,
        "procedure": dossier.procedure_version.procedure.name,
        **extra,
    }
    # Both templates in one query when the message goes by SMS and e-mail.
    loaded = (
        templates_get(key=template, channels=("SMS", "EMAIL"))
        if dossier.applicant_phone and dossier.applicant_email
        else {}
    )
    if dossier.applicant_phone:
        message_queue(channel="SMS", to=dossier.applicant_phone, template=template, context=context,
                      subject_ref=dossier.subject_ref, loaded=loaded.get("SMS"))  # fmt: skip
    if dossier.applicant_email:
        message_queue(channel="EMAIL", to=dossier.applicant_email, template=template, context=context,
                      subject_ref=dossier.subject_ref, loaded=loaded.get("EMAIL"))  # fmt: skip


def officer_tell(dossier: Dossier, officer: User, template: str, context: dict[str, Any]) -> None:
    """Queue a message to an officer about a dossier, by e-mail and SMS as the officer has them;
    `code` and `name` are filled in (officers' messages name the dossier by its code only)."""
    values = {"code": dossier.code, "name": officer.full_name or officer.username, **context}
    for channel, to in (("EMAIL", officer.email), ("SMS", officer.phone)):
        if to:
            message_queue(
                channel=channel, to=to, template=template, context=values, subject_ref=dossier.subject_ref
            )
