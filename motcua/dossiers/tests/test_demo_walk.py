"""The shipped demo lets every role finish its work: with `seed_demo`'s data and accounts only (no
factories), every published demo procedure, at every agency it lists, submitted online and handed in
at the desk, is received, carried through all its steps to a result and returned — each action by a
demo account chosen by its role and agency, through the API (`POST /api/v1/dossiers` and
`POST /api/v1/dossiers/<code>/actions/<action>` with the account's token).

A route that no demo account can carry to the end fails with the procedure, the agency, the channel
and the step where it stopped. One dossier per (procedure, agency, channel) — except where the two
channels need the same accounts: at a ward or commune, whose own desk receives its dossiers both
online and at the desk (the receiving agency, hence every step "at the receiving agency", is the
ward either way), the channels alternate from one procedure to the next, so each channel is walked
at every ward and for every procedure without doubling the 240 ward routes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.accounts.services import api_token_issue
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import online, processing
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.services import Applicant

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
MAX_ACTIONS = 40  # a route longer than this loops (send back and forth): a failure too


class Stuck(AssertionError):
    pass


class Walk:
    """The demo's accounts by role and agency, each with an API token, and the walk of one route."""

    def __init__(self) -> None:
        self.client = Client()
        self.tokens: dict[int, str] = {}
        self.staff: dict[tuple[Role, int], list[User]] = {}
        groups = {g.pk: g.name for g in Group.objects.all()}
        role_of = {name: role for role, name in GROUP_NAMES.items()}
        for user in User.objects.filter(is_active=True).prefetch_related("groups").order_by("username"):
            for group in user.groups.all():
                role = role_of.get(groups[group.pk])
                if role is not None and user.agency_id is not None:
                    self.staff.setdefault((role, user.agency_id), []).append(user)
        self.desks = [
            u for (role, _a), users in self.staff.items() if role == Role.DESK_OFFICER for u in users
        ]
        self.route = ""

    def one(self, role: Role, agency_id: int, what: str) -> User:
        users = self.staff.get((role, agency_id))
        if not users:
            agency = Agency.objects.get(pk=agency_id)
            raise Stuck(f"{self.route}: {what} — no demo {role.label} at {agency} ({agency.code})")
        return users[0]

    def desk_for(self, agency: Agency, what: str) -> User:
        """A demo desk officer whose desk receives for `agency` (its own desk first)."""
        desks = sorted(
            (u for u in self.desks if agency.pk in u.desk_receives_for),
            key=lambda u: u.agency_id != agency.pk,
        )
        if not desks:
            raise Stuck(f"{self.route}: {what} — no demo desk officer receives for {agency} ({agency.code})")
        return desks[0]

    def headers(self, user: User) -> dict[str, str]:
        if user.pk not in self.tokens:
            self.tokens[user.pk] = api_token_issue(user=user, name="demo walk")[1]
        return {"HTTP_AUTHORIZATION": f"Token {self.tokens[user.pk]}"}

    def act(self, dossier: Dossier, user: User, action: str, body: dict[str, Any], what: str) -> None:
        response = self.client.post(
            f"/api/v1/dossiers/{dossier.code}/actions/{action}", json.dumps(body),
            content_type="application/json", **self.headers(user),
        )  # fmt: skip
        if response.status_code != 200:
            raise Stuck(
                f"{self.route}: {what} — {user.username} {action} → {response.status_code} {response.content!r}"
            )

    def intake(self, version: ProcedureVersion, officer: User) -> Dossier:
        body = {
            "procedure": version.procedure.code, "channel": "DESK", "applicant": _applicant_json(version),
            "documents": [{"document": d.pk, "originals": max(d.originals, 1), "copies": d.copies}
                          for d in version.documents.all()],
            "return_method": "DESK", "outcome": "RECEIVE",
        }  # fmt: skip
        response = self.client.post(
            "/api/v1/dossiers", json.dumps(body), content_type="application/json", **self.headers(officer)
        )
        if response.status_code not in (200, 201):
            raise Stuck(
                f"{self.route}: desk intake by {officer.username} → {response.status_code} {response.content!r}"
            )
        return Dossier.objects.get(code=response.json()["code"])

    def carry(self, dossier: Dossier) -> None:
        """From RECEIVED to RETURNED, each action by the demo account whose turn it is."""
        for _ in range(MAX_ACTIONS):
            dossier.refresh_from_db()
            if dossier.state == State.RESULT_READY:
                desk = self.desk_for(dossier.receiving_agency, "return the result")
                self.act(
                    dossier, desk, "return_result", {"method": "DESK", "received_by": "Người nộp"}, "return"
                )
                dossier.refresh_from_db()
                assert dossier.state == State.RETURNED, self.route
                return
            step = processing.current_step(dossier)
            if step is None:
                raise Stuck(f"{self.route}: {dossier.state} with no open step")
            plan = processing.process_plan(dossier.procedure_version)
            last = [p.order for p in plan].index(step.order) == len(plan) - 1
            what = f"step {step.order} «{step.name}» at {step.agency}"
            if dossier.state == State.RECEIVED and not last:
                # the one-stop desk hands the dossier to the agency that handles it (CONTRACTS §4)
                self.act(dossier, self.desk_for(dossier.receiving_agency, what), "forward", {}, what)
                continue
            if step.assignee is None:
                leader = self.one(Role.LEADER, step.agency_id, what + ": assign")
                specialist = self.one(Role.SPECIALIST, step.agency_id, what + ": be assigned")
                self.act(dossier, leader, "assign", {"assignee": specialist.username}, what)
                continue
            self.act(dossier, step.assignee, "mark_ready" if last else "forward", {}, what)
        raise Stuck(f"{self.route}: more than {MAX_ACTIONS} actions")


def _applicant_json(version: ProcedureVersion) -> dict[str, Any]:
    if not version.procedure.for_person:
        return {"kind": "ORGANISATION", "name": "Công ty TNHH Minh Họa", "tax_code": "4201234567",
                "phone": "0905123456", "address": {"province": "Khánh Hòa", "commune": "Phường Cam Lộc"}}  # fmt: skip
    return {"kind": "PERSON", "name": "Nguyễn Văn An", "id_number": "056190001234", "phone": "0905123456",
            "address": {"province": "Khánh Hòa", "commune": "Phường Cam Lộc"}}  # fmt: skip


def _applicant(version: ProcedureVersion) -> Applicant:
    data = _applicant_json(version)
    address = data.pop("address")
    return Applicant(**data, **address)


@override_settings(DEMO_MODE=True)
def test_every_demo_procedure_at_every_agency_can_be_carried_to_the_end_by_the_demo_accounts(
    settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)
    walk = Walk()
    versions = (
        ProcedureVersion.objects.in_force(at=timezone.localdate())
        .select_related("procedure")
        .prefetch_related("documents", "procedure__agencies")
        .order_by("procedure__code")
    )
    stuck: list[str] = []
    walked = 0
    for number, version in enumerate(versions):
        for agency in sorted(version.procedure.agencies.all(), key=lambda a: a.code):
            channels = [
                c
                for c in ("ONLINE", "DESK")
                if c in version.channels and (c == "DESK" or version.online_level in online.ONLINE_LEVELS)
            ]
            own_desk = any(u.agency_id == agency.pk for u in walk.desks)
            if own_desk and len(channels) == 2:
                channels = [channels[(number + int(agency.code.split(".")[1])) % 2]]
            for channel in channels:
                walk.route = f"{version.procedure.code} {version.procedure.name} at {agency.code} ({channel})"
                try:
                    if channel == "ONLINE":
                        files = {
                            d.pk: SimpleUploadedFile("giay-to.pdf", PDF)
                            for d in version.documents.all()
                            if d.mandatory
                        }
                        dossier = online.dossier_submit_online(
                            procedure_version=version, applicant=_applicant(version), files=files,
                            return_method="DESK", declaration=True, agency_code=agency.code,
                        ).dossier  # fmt: skip
                        desk = walk.desk_for(agency, "receive the online dossier")
                        walk.act(dossier, desk, "receive", {}, "receive the online dossier")
                    else:
                        dossier = walk.intake(version, walk.desk_for(agency, "desk intake"))
                    walk.carry(dossier)
                    walked += 1
                except Stuck as exc:
                    stuck.append(str(exc))
    assert not stuck, "Routes the demo accounts cannot finish:\n" + "\n".join(stuck)
    assert walked >= 265  # 35 procedures at 265 (procedure, agency) pairs, the city's on both channels
    assert Dossier.objects.filter(state=State.RETURNED).count() >= walked
