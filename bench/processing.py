"""Benchmark: generated histories per second, worklist and count latency, processing actions per second.

Run from the project root:
    .venv/bin/python bench/processing.py [--count 100000] [--histories 2000] [--repeat 200] [--actions 1000]

It creates a throwaway PostgreSQL database `motcua_bench_processing` on 127.0.0.1:5432
(DATABASE_URL_BENCH to override), loads the demo locality, generates `--count` dossiers with
`generate_dossiers`' logic (`--histories` of them with every action through the services, the rest
copies of those histories with new codes and applicants), then times, `--repeat` times each:
an officer's "my tasks" page and a leader's agency queue (`worklist` rows of one page), the counts
of every tab (`worklist_counts`), and the whole page (`worklist_page`: counts + rows + risk flags);
the baseline in the same run is a plain indexed fetch of one page of dossiers (the agency's latest
50). `--keep` keeps the database and `--reuse` measures a kept one again without generating. Then
`--actions` fresh dossiers are received and timed through `dossier_assign` and
`dossier_forward`. Prints a table (and writes it to var/bench/processing.md); drops the database.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# bench/calendar.py would shadow the standard library's calendar: drop this folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench._pg import percentile, psql, setup_django  # noqa: E402

DB_NAME = "motcua_bench_processing"


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    fn()  # warm
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), percentile(samples, 95)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--actions", type=int, default=1_000)
    parser.add_argument("--histories", type=int, default=2_000, help="histories through the services")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure the kept database, do not generate")
    args = parser.parse_args()
    if not args.reuse:
        psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        psql(f"CREATE DATABASE {DB_NAME}")
    try:
        setup_django(DB_NAME)
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not (args.keep or args.reuse):
            psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def _pg_version(connection: Any) -> str:
    number = connection.cursor().connection.info.server_version  # e.g. 150020
    return f"{number // 10000}.{number % 10000}"


def run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from motcua.accounts.models import User
    from motcua.dossiers.generate import dossiers_generate
    from motcua.dossiers.models import Dossier, DossierEvent, DossierStep
    from motcua.dossiers.worklists import worklist, worklist_counts, worklist_page

    rows: list[tuple[str, str, str]] = []
    end = timezone.now()
    if not args.reuse:
        print(f"Generating {args.count:,} dossiers ({args.histories:,} histories, seed {args.seed}, "
              f"{args.days} days)…", file=sys.stderr)  # fmt: skip

        def progress(done: int, rate: float) -> None:
            print(f"  {done:>9,} dossiers  ({rate:,.0f}/s)", file=sys.stderr, flush=True)

        result = dossiers_generate(
            count=args.count, seed=args.seed, days=args.days, end=end, histories=args.histories,
            progress=progress, every=max(args.histories // 10, 100),
        )  # fmt: skip
        history_seconds = result.seconds - result.copy_seconds
        rows.append((f"generate_dossiers: {result.histories:,} histories through the services",
                     f"{result.histories / history_seconds:,.1f} dossiers/s",
                     f"{result.actions / history_seconds:,.0f} actions/s"))  # fmt: skip
        if result.copy_seconds:
            copies = result.created - result.histories
            rows.append((f"generate_dossiers: {copies:,} copies of those histories",
                         f"{copies / result.copy_seconds:,.0f} dossiers/s",
                         f"{result.seconds / 60:,.1f} min in all"))  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have done: index-only scans need it
    total = Dossier.objects.count()
    states = dict(Dossier.objects.values_list("state").annotate(n=Count("pk")).order_by())
    print(f"{total:,} dossiers, {DossierEvent.objects.count():,} events, {DossierStep.objects.count():,} steps; "
          f"states {states}", file=sys.stderr)  # fmt: skip

    open_steps = DossierStep.objects.filter(finished_at__isnull=True)
    officer_id = (
        open_steps.exclude(assignee=None)
        .values("assignee")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["assignee"]
    )
    busiest_agency = open_steps.values("agency").annotate(n=Count("pk")).order_by("-n")[0]["agency"]
    officer = User.objects.select_related("agency").get(pk=officer_id)
    leader = next(
        u
        for u in User.objects.filter(agency_id=busiest_agency).select_related("agency").order_by("username")
        if "LEADER" in u.roles
    )
    supervisor = User.objects.get(username="giamsat")
    now = timezone.now()
    counts_officer = worklist_counts(officer, now)
    counts_leader = worklist_counts(leader, now)
    print(f"officer {officer.username}: {counts_officer}", file=sys.stderr)
    print(f"leader {leader.username}: {counts_leader}", file=sys.stderr)

    def page_rows(user: User, tab: str) -> Callable[[], Any]:
        return lambda: list(worklist(user, tab, now=now)[:50])

    baseline_agency = leader.agency_id
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("baseline: latest 50 dossiers of an agency (indexed)",
         lambda: list(Dossier.objects.filter(receiving_agency_id=baseline_agency).order_by("-created_at")[:50])),
        (f"worklist rows, officer, my tasks ({counts_officer['mine']:,})", page_rows(officer, "mine")),
        (f"worklist rows, leader, agency queue ({counts_leader['agency']:,})", page_rows(leader, "agency")),
        (f"worklist rows, leader, unassigned ({counts_leader['unassigned']:,})", page_rows(leader, "unassigned")),
        (f"worklist rows, leader, overdue ({counts_leader['overdue']:,})", page_rows(leader, "overdue")),
        ("worklist counts (9 tabs), officer", lambda: worklist_counts(officer, now)),
        ("worklist counts (9 tabs), leader", lambda: worklist_counts(leader, now)),
        ("worklist counts (9 tabs), supervisor (whole locality)", lambda: worklist_counts(supervisor, now)),
        ("worklist page (counts + 50 rows + risk), officer", lambda: worklist_page(officer, "mine", now=now)),
        ("worklist page (counts + 50 rows + risk), leader", lambda: worklist_page(leader, "agency", now=now)),
        ("worklist search 'nguyen van', leader", lambda: worklist_page(leader, "agency", query="nguyen van", now=now)),
    ]  # fmt: skip
    for label, fn in cases:
        median, p95 = timed(fn, args.repeat)
        rows.append((label, f"{median:.1f} ms", f"{p95:.1f} ms"))
        print(f"  {label}: {median:.1f} / {p95:.1f} ms", file=sys.stderr)

    if args.actions:
        rows += _actions(args, now)
    _write(args, rows, total)


def _actions(args: argparse.Namespace, now: Any) -> list[tuple[str, str, str]]:
    """Assign and forward `--actions` fresh dossiers received now at the city desk."""
    from motcua.dossiers import processing
    from motcua.dossiers.generate import Generator
    from motcua.dossiers.services import Applicant, DocumentIn, Outcome, dossier_intake

    rows = []
    generator = Generator(seed=args.seed, agency_code=None, days=1, end=now)
    desk = generator.desks[0]
    version = next(v for v in desk.versions if len(generator.plan(v)) > 2)
    fresh = []
    for i in range(args.actions):
        fresh.append(
            dossier_intake(
                officer=desk.officer, procedure_version=version, outcome=Outcome.RECEIVE, channel="DESK",
                return_method="DESK", documents=[DocumentIn(d.pk, d.originals, d.copies) for d in version.documents.all()],
                applicant=Applicant(kind="PERSON", name=f"Người Thử {i}", id_number=f"{i:012d}", phone="0905000000"),
            ).dossier
        )  # fmt: skip
    first = generator.staff_of(generator.plan(version)[0].agency_id or desk.agency.pk)
    for name, action in (
        ("dossier_assign", lambda d: processing.dossier_assign(dossier=d, officer=first.leader, assignee=first.specialists[0])),
        ("dossier_forward", lambda d: processing.dossier_forward(dossier=d, officer=first.specialists[0])),
    ):  # fmt: skip
        started = time.perf_counter()
        for dossier in fresh:
            action(dossier)
        seconds = time.perf_counter() - started
        rows.append((f"{name} on {len(fresh):,} fresh dossiers", f"{len(fresh) / seconds:,.0f} actions/s",
                     f"{seconds / len(fresh) * 1000:.2f} ms each"))  # fmt: skip
    return rows


def _write(args: argparse.Namespace, rows: list[tuple[str, str, str]], total: int) -> None:
    from django.db import connection

    header = (
        f"# Benchmark: processing and worklists\n\n"
        f"Run with **--count {args.count:,} --histories {args.histories:,}** generated dossiers (seed "
        f"{args.seed}, {args.days} days{', measured again on the kept database' if args.reuse else ''}; "
        f"{total:,} dossiers in the database with the demo's), PostgreSQL "
        f"{_pg_version(connection)}, {args.repeat} repetitions per latency "
        f"(median, p95), {time.strftime('%Y-%m-%d %H:%M')}.\n\n"
    )
    table = ["| measure | median / rate | p95 / other |", "|---|---|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = header + "\n".join(table) + "\n"
    print(text)
    out = ROOT / "var" / "bench" / "processing.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)


if __name__ == "__main__":
    main()
