"""Benchmark: the monthly report and the Decision 766 index over a year, each beside a hand-written
raw SQL aggregate over the same base rows, in the same run.

Run from the project root:
    .venv/bin/python bench/reports.py [--count 3000] [--histories 300] [--days 365] [--repeat 5]

It creates a throwaway PostgreSQL database `motcua_bench_reports` on 127.0.0.1:5432
(DATABASE_URL_BENCH to override), loads the demo locality, generates `--count` dossiers received
over `--days` days (`--histories` of them through the services, the rest copies with new codes),
then times, `--repeat` times each (median and p95):
- `figures(year)`: the CONTRACTS §8 figures for the locality over the year ending today (Decree 09
  cut-off), beside one raw SQL statement counting the same columns (conditional counts over the
  dossiers with an EXISTS for pauses open at the end, plus a count of events by action);
- `monthly_report(year)`: everything the report page shows (figures per receiving agency and per
  field, per handling agency, the first 200 late dossiers with the agency at fault), beside raw SQL
  returning the same: the counts per (agency, field) in one grouped pass, the events per (agency,
  field, action), the steps per handling agency, the first 200 late dossiers and their steps;
- `index_766(year)`: the index for the locality over the calendar year, beside one raw SQL
  statement with the dossier indicators' counts, the 2.2 sum of the stored handling times (used ÷
  allowed, ADR 0028) and the 5.4 complaints.
Prints a table (and writes it to var/bench/reports.md); drops the database unless `--keep`;
`--reuse` measures a kept database without generating.
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
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench._pg import percentile, psql, setup_django  # noqa: E402

DB_NAME = "motcua_bench_reports"

# Written as a careful hand would: the period's counts in one pass, then in progress / overdue
# over only the dossiers open at the end (the reports do the same; a single pass evaluating the
# pause probe's conditions on every row of a year is several times slower).
RAW_PERIOD = """
SELECT
  count(*) FILTER (WHERE d.received_at < %(s)s),
  count(*) FILTER (WHERE d.received_at >= %(s)s),
  count(*) FILTER (WHERE d.received_at >= %(s)s AND d.channel = 'DESK'),
  count(*) FILTER (WHERE d.received_at >= %(s)s AND d.channel = 'POST'),
  count(*) FILTER (WHERE d.received_at >= %(s)s AND d.channel = 'ONLINE'),
  count(*) FILTER (WHERE d.finished_at >= %(s)s AND d.finished_at < %(e)s AND d.classification = 'EARLY'),
  count(*) FILTER (WHERE d.finished_at >= %(s)s AND d.finished_at < %(e)s AND d.classification = 'ON_TIME'),
  count(*) FILTER (WHERE d.finished_at >= %(s)s AND d.finished_at < %(e)s AND d.classification = 'LATE')
FROM dossiers_dossier d
WHERE d.received_at < %(e)s AND (d.finished_at IS NULL OR d.finished_at >= %(s)s)
"""
PAUSED_END = """EXISTS (SELECT 1 FROM dossiers_dossierpause p WHERE p.dossier_id = {ref} AND p.started_at < %(e)s
      AND (p.ended_at IS NULL OR p.ended_at > %(e)s))"""
RAW_OPEN = f"""
SELECT
  count(*) FILTER (WHERE d.due_at >= %(e)s OR {PAUSED_END.format(ref="d.id")}),
  count(*) FILTER (WHERE d.due_at < %(e)s AND NOT {PAUSED_END.format(ref="d.id")})
FROM dossiers_dossier d
WHERE d.received_at < %(e)s AND (d.finished_at IS NULL OR d.finished_at >= %(e)s)
"""  # noqa: S608 - built from constants
RAW_EVENTS = """
SELECT action, count(*) FROM dossiers_dossierevent
WHERE at >= %(s)s AND at < %(e)s
  AND action IN ('stop', 'withdraw', 'refuse', 'guide', 'apologise', 'return_result')
GROUP BY action
"""
# The monthly report page's data by hand: the CONTRACTS §8 counts per (receiving agency, procedure
# version) in one grouped pass (the page derives the agency rows, the field rows — a version's
# field looked up once — and the total from it), the events per (agency, version, action), the
# steps per handling agency, and the first 200 late dossiers with their steps (what the
# agency-at-fault rule reads).
RAW_GRID = [
    sql.replace("SELECT\n", "SELECT d.receiving_agency_id, d.procedure_version_id,\n", 1)
    + "GROUP BY d.receiving_agency_id, d.procedure_version_id"
    for sql in (RAW_PERIOD, RAW_OPEN)
]
RAW_VERSION_FIELDS = """
SELECT v.id, pr.field_id FROM catalog_procedureversion v JOIN catalog_procedure pr ON pr.id = v.procedure_id
"""
RAW_EVENT_GRID = """
SELECT d.receiving_agency_id, d.procedure_version_id, e.action, count(*) FROM dossiers_dossierevent e
JOIN dossiers_dossier d ON d.id = e.dossier_id
WHERE e.at >= %(s)s AND e.at < %(e)s
  AND e.action IN ('stop', 'withdraw', 'refuse', 'guide', 'apologise', 'return_result')
GROUP BY 1, 2, 3
"""
RAW_STEPS = [
    """
SELECT st.agency_id,
  count(*) FILTER (WHERE st.started_at >= %(s)s),
  count(*) FILTER (WHERE st.finished_at >= %(s)s AND st.finished_at < %(e)s AND st.classification = 'EARLY'),
  count(*) FILTER (WHERE st.finished_at >= %(s)s AND st.finished_at < %(e)s AND st.classification = 'ON_TIME'),
  count(*) FILTER (WHERE st.finished_at >= %(s)s AND st.finished_at < %(e)s AND st.classification = 'LATE')
FROM dossiers_dossierstep st
WHERE st.started_at < %(e)s AND (st.finished_at IS NULL OR st.finished_at >= %(s)s)
GROUP BY st.agency_id
""",
    f"""
SELECT st.agency_id,
  count(*) FILTER (WHERE st.due_at >= %(e)s OR {PAUSED_END.format(ref="st.dossier_id")}),
  count(*) FILTER (WHERE st.due_at < %(e)s AND NOT {PAUSED_END.format(ref="st.dossier_id")})
FROM dossiers_dossierstep st
WHERE st.started_at < %(e)s AND (st.finished_at IS NULL OR st.finished_at >= %(e)s)
GROUP BY st.agency_id
""",  # noqa: S608 - built from constants
]
RAW_LATE = """
(SELECT d.id, d.code, pr.name, a.name, d.received_at, d.due_at, d.finished_at, 0 AS part, d.finished_at AS o
 FROM dossiers_dossier d JOIN catalog_procedureversion v ON v.id = d.procedure_version_id
 JOIN catalog_procedure pr ON pr.id = v.procedure_id JOIN accounts_agency a ON a.id = d.receiving_agency_id
 WHERE d.finished_at >= %(s)s AND d.finished_at < %(e)s AND d.classification = 'LATE'
 ORDER BY d.finished_at, d.id LIMIT 200)
UNION ALL
(SELECT d.id, d.code, pr.name, a.name, d.received_at, d.due_at, d.finished_at, 1, d.due_at
 FROM dossiers_dossier d JOIN catalog_procedureversion v ON v.id = d.procedure_version_id
 JOIN catalog_procedure pr ON pr.id = v.procedure_id JOIN accounts_agency a ON a.id = d.receiving_agency_id
 WHERE d.received_at < %(e)s AND (d.finished_at IS NULL OR d.finished_at >= %(e)s) AND d.due_at < %(e)s
   AND NOT EXISTS (SELECT 1 FROM dossiers_dossierpause p WHERE p.dossier_id = d.id AND p.started_at < %(e)s
       AND (p.ended_at IS NULL OR p.ended_at > %(e)s))
 ORDER BY d.due_at, d.id LIMIT 200)
ORDER BY part, o
LIMIT 200
"""
RAW_LATE_STEPS = "SELECT dossier_id, seq, agency_id, due_at, finished_at FROM dossiers_dossierstep WHERE dossier_id = ANY(%(ids)s)"
RAW_766 = """
SELECT
  count(*),
  count(*) FILTER (WHERE d.finished_at <= %(now)s AND d.classification <> ''),
  count(*) FILTER (WHERE d.finished_at <= %(now)s AND d.classification IN ('EARLY', 'ON_TIME')),
  count(*) FILTER (WHERE d.finished_at <= %(now)s AND d.classification = 'LATE'),
  count(*) FILTER (WHERE d.finished_at IS NULL OR d.finished_at > %(now)s),
  count(*) FILTER (WHERE (d.finished_at IS NULL OR d.finished_at > %(now)s) AND (d.due_at >= %(now)s OR EXISTS (
      SELECT 1 FROM dossiers_dossierpause p WHERE p.dossier_id = d.id AND p.started_at < %(now)s
      AND (p.ended_at IS NULL OR p.ended_at > %(now)s)))),
  count(*) FILTER (WHERE d.channel = 'ONLINE' AND (v.result_kind = 'ELECTRONIC' OR d.result_file <> ''
      OR o.result_file <> '')),
  count(*) FILTER (WHERE d.finished_at <= %(now)s AND d.classification <> '' AND v.result_kind IN ('PAPER', 'BOTH')),
  count(*) FILTER (WHERE d.finished_at <= %(now)s AND d.classification <> '' AND v.result_kind IN ('PAPER', 'BOTH')
      AND (d.result_file <> '' OR o.result_file <> '')),
  count(*) FILTER (WHERE d.id IN (SELECT x.dossier_id FROM dossiers_dossierdocument x WHERE x.scan <> '')
      AND (d.result_file <> '' OR o.result_file <> '')),
  count(*) FILTER (WHERE f.reused_digitised),
  count(*) FILTER (WHERE d.procedure_version_id IN (SELECT fee.version_id FROM catalog_fee fee WHERE fee.amount_vnd > 0)),
  count(*) FILTER (WHERE f.paid_online AND d.procedure_version_id IN (
      SELECT fee.version_id FROM catalog_fee fee WHERE fee.amount_vnd > 0)),
  sum(d.handling_used::numeric / d.handling_allowed) FILTER (WHERE d.finished_at <= %(now)s AND d.classification <> ''),
  count(*) FILTER (WHERE d.id IN (SELECT q.dossier_id FROM surveys_quickrating q WHERE q.level = 'NOT_SATISFIED')
      OR d.id IN (SELECT fp.dossier_id FROM feedback_petition fp WHERE NOT fp.is_tip AND fp.dossier_id IS NOT NULL)),
  count(DISTINCT v.procedure_id) FILTER (WHERE d.channel = 'ONLINE')
FROM dossiers_dossier d
JOIN catalog_procedureversion v ON v.id = d.procedure_version_id
LEFT JOIN dossiers_onlinesubmission o ON o.dossier_id = d.id
LEFT JOIN dossiers_dossierflags f ON f.dossier_id = d.id
WHERE d.received_at >= %(s)s AND d.received_at < %(e)s
"""


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
    parser.add_argument("--count", type=int, default=3_000)
    parser.add_argument("--histories", type=int, default=300, help="histories through the services")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=5)
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


def run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.utils import timezone

    from motcua.core.periods import Period, year_period
    from motcua.dossiers.generate import dossiers_generate
    from motcua.dossiers.models import Dossier, DossierEvent
    from motcua.reports.figures import Scope, figures
    from motcua.reports.index766 import index_766
    from motcua.reports.monthly import monthly_report

    end = timezone.now()
    rows: list[tuple[str, str, str, str]] = []
    if not args.reuse:
        print(
            f"Generating {args.count:,} dossiers ({args.histories:,} histories, {args.days} days)…",
            file=sys.stderr,
        )

        def progress(done: int, rate: float) -> None:
            print(f"  {done:>9,} dossiers  ({rate:,.0f}/s)", file=sys.stderr, flush=True)

        result = dossiers_generate(
            count=args.count, seed=args.seed, days=args.days, end=end, histories=args.histories,
            progress=progress, every=max(args.histories // 5, 100),
        )  # fmt: skip
        print(f"  generated in {result.seconds / 60:,.1f} min", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    total, events = Dossier.objects.count(), DossierEvent.objects.count()
    today = timezone.localdate()
    report_year = year_period(today.year + (1 if today.month == 12 and today.day >= 15 else 0))
    report_year = Period(report_year.start, min(report_year.end, today))
    calendar_year = Period(today.replace(month=1, day=1), today)
    scope = Scope()
    s, e = report_year.bounds()
    cs, ce = calendar_year.bounds()
    now = timezone.now()

    # The raw statements run under the reports' own planner setting (JIT off, `reports.db`), so the
    # ratio measures what the ORM and the Python around it add, not a server setting.
    with connection.cursor() as cursor:
        cursor.execute("SET jit = off")

    def raw_figures() -> tuple[Any, ...]:
        with connection.cursor() as cursor:
            cursor.execute(RAW_PERIOD, {"s": s, "e": e})
            counts = cursor.fetchone()
            cursor.execute(RAW_OPEN, {"s": s, "e": e})
            counts += cursor.fetchone()
            cursor.execute(RAW_EVENTS, {"s": s, "e": e})
            return counts, cursor.fetchall()

    def raw_766() -> tuple[Any, ...]:
        with connection.cursor() as cursor:
            cursor.execute(RAW_766, {"s": cs, "e": ce, "now": now})
            return cursor.fetchone()

    def raw_monthly() -> tuple[Any, ...]:
        with connection.cursor() as cursor:
            out = []
            for sql in (*RAW_GRID, RAW_EVENT_GRID, RAW_VERSION_FIELDS, *RAW_STEPS, RAW_LATE):
                cursor.execute(sql, {"s": s, "e": e})
                out.append(cursor.fetchall())
            cursor.execute(RAW_LATE_STEPS, {"ids": [row[0] for row in out[-1]]})
            out.append(cursor.fetchall())
            return tuple(out)

    # The raw statements count what the ORM counts (checked once, so the comparison is fair).
    (raw_counts, raw_events) = raw_figures()
    ours = figures(report_year, scope)
    keys = ["carried_over", "received", "received_desk", "received_post", "received_online", "finished_early",
            "finished_on_time", "finished_late", "in_progress", "overdue"]  # fmt: skip
    print("figures:", ours, file=sys.stderr)
    mismatch = [k for k, v in zip(keys, raw_counts, strict=True) if ours[k] != v]
    event_keys = {"stop": "stopped", "withdraw": "withdrawn", "refuse": "refused", "guide": "guided",
                  "apologise": "apologies", "return_result": "returned"}  # fmt: skip
    mismatch += [event_keys[a] for a, n in raw_events if ours[event_keys[a]] != n]
    print(
        "raw SQL agrees" if not mismatch else f"raw SQL differs on {mismatch} (pauses after the end)",
        file=sys.stderr,
    )
    index = index_766(calendar_year, scope, now=now)
    print(f"766: {index.total_points}/{index.applicable_max_points}", file=sys.stderr)

    measured = [
        ("figures, report year (Decree 09), locality", lambda: figures(report_year, scope), raw_figures),
        ("monthly_report page data, report year", lambda: monthly_report(report_year, scope), raw_monthly),
        ("index_766, calendar year to date", lambda: index_766(calendar_year, scope, now=now), raw_766),
    ]
    for name, ours_fn, raw_fn in measured:
        ours_ms, ours_p95 = timed(ours_fn, args.repeat)
        raw_ms, _raw_p95 = timed(raw_fn, args.repeat)
        rows.append(
            (
                name,
                f"{ours_ms:,.0f} ms (p95 {ours_p95:,.0f})",
                f"{raw_ms:,.0f} ms",
                f"{ours_ms / raw_ms:,.2f}×",
            )
        )
    header = f"{total:,} dossiers, {events:,} events; PostgreSQL; {args.repeat} runs each, median"
    lines = [header, "", "| measure | ours | raw SQL | ratio |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    text = "\n".join(lines)
    print(text)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "reports.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
