"""Who may act on a dossier now (CONTRACTS §4): each rule once, for the use cases, which refuse with
it (409 `NotYourStep`), and for the action table (`actions.py`), which offers only the forms an
officer may use and answers the 409 before a 422.

The rules read what the caller already holds — the dossier, its open step — and ask the database
only where the rule is about the history (an apology already made, a supplement already asked).
Which staff *role* may ever attempt an action (403) is the use case's and the table's own line.
"""

from __future__ import annotations

from django.conf import settings

from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.dossiers.models import Action, Channel, Dossier, DossierStep, State, SupplementRequest

STEP_ROLES = frozenset({Role.SPECIALIST, Role.LEADER})
FORWARD_ROLES = STEP_ROLES | {Role.DESK_OFFICER}


def is_leader_of(user: User, agency_id: int | None) -> bool:
    """A leader of that agency."""
    return Role.LEADER in user.roles and agency_id is not None and user.agency_id == agency_id


def is_desk_of(user: User, dossier: Dossier) -> bool:
    """A desk officer of a desk that receives for the dossier's receiving agency
    (`accounts.models.receiving_for_ids`)."""
    return user.is_desk_officer_for(dossier.receiving_agency_id)


def is_handler_of(user: User, step: DossierStep | None) -> bool:
    """The step's assignee or a leader of the agency holding it."""
    return step is not None and (
        (step.assignee_id is not None and step.assignee_id == user.pk) or is_leader_of(user, step.agency_id)
    )


def may_forward(user: User, dossier: Dossier, step: DossierStep | None) -> bool:
    """The step's handler; while the dossier is RECEIVED (the reception step), also any desk officer
    of the receiving desk, who hands it to the agency that handles it (ADR 0010)."""
    if step is None:
        return False
    return is_handler_of(user, step) or (dossier.state == State.RECEIVED and is_desk_of(user, dossier))


def may_stop(user: User, dossier: Dossier, step: DossierStep | None) -> bool:
    """A leader of the receiving agency or of the agency holding the current step (form 05)."""
    return is_leader_of(user, dossier.receiving_agency_id) or (
        step is not None and is_leader_of(user, step.agency_id)
    )


def guided_at_desk(dossier: Dossier) -> bool:
    """A dossier guided at the desk (form 02 handed over, nothing kept): finished, nothing to withdraw."""
    return dossier.state == State.GUIDED and dossier.channel != Channel.ONLINE


def may_withdraw(user: User, dossier: Dossier) -> bool:
    """A desk officer of the receiving desk, on the applicant's written request, unless the dossier
    was guided at the desk."""
    return is_desk_of(user, dossier) and not guided_at_desk(dossier)


def supplement_asker(user: User, dossier: Dossier, step: DossierStep | None) -> tuple[int, bool] | None:
    """For whom `user` would ask a supplement during processing, as (agency id, leader only): the
    desk while the dossier is RECEIVED (for the receiving agency), the current step's assignee (for
    the step's agency), or a leader of the step's agency — who may only override the once-per-agency
    limit (`leader only`). None: not theirs to ask."""
    if step is None:
        return None
    if dossier.state == State.RECEIVED and is_desk_of(user, dossier):
        return dossier.receiving_agency_id, False
    if step.assignee_id == user.pk:
        return step.agency_id, False
    if is_leader_of(user, step.agency_id):
        return step.agency_id, True
    return None


def supplement_once_per_agency() -> bool:
    """Setting DOSSIER_SUPPLEMENT_ONCE_PER_AGENCY (default True): each agency asks at most once."""
    return bool(settings.DOSSIER_SUPPLEMENT_ONCE_PER_AGENCY)


def asked_before(dossier: Dossier, agency_id: int | None) -> bool:
    """Whether `agency_id` has already asked for a supplement during processing."""
    if agency_id is None:
        return False
    return dossier.supplement_requests.filter(
        stage=SupplementRequest.Stage.PROCESSING, agency_id=agency_id
    ).exists()


def apologised(dossier: Dossier, *, event: bool | None = None) -> bool:
    """Whether the dossier was apologised for (form 04): one apology per dossier, and the supervisor
    designates the agency at fault only before it. `event`: whether an `apologise` event exists, when
    the caller has read it already (with other facts, in one query)."""
    if event is None:
        event = dossier.events.filter(action=Action.APOLOGISE).exists()
    return dossier.rescheduled_due_at is not None or event


def guided_before(dossier: Dossier) -> bool:
    """Whether the desk already guided this dossier (form 02 at intake): once per online dossier."""
    return dossier.events.filter(action=Action.GUIDE).exists()


def may_guide_online(user: User, dossier: Dossier) -> bool:
    """The desk's form 02 for an online dossier: a desk officer of the receiving desk, once."""
    return is_desk_of(user, dossier) and not guided_before(dossier)


def may_attach_result(user: User, dossier: Dossier) -> bool:
    """The electronic result: a desk officer of the receiving desk, or a specialist or leader of an
    agency that holds or held one of the dossier's steps."""
    if is_desk_of(user, dossier):
        return True
    agency_id = user.agency_id
    return (
        bool(user.roles & STEP_ROLES)
        and agency_id is not None
        and dossier.steps.filter(agency_id=agency_id).exists()
    )
