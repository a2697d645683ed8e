"""Benchmark: desk intakes per second and public look-up latency, on PostgreSQL.

Run from the project root:
    MOTCUA_TESTING=1 .venv/bin/python bench/intake.py [--count 100000] [--lookups 2000]

It creates a throwaway database `motcua_bench_intake` on 127.0.0.1:5432 (DATABASE_URL_BENCH to
override), loads the demo locality and catalogue, then creates `--count` dossiers through
`dossier_intake` itself (code, calendar, register number, events, outbox rows and q2 tasks: the
real cost), in batches, printing progress. The baseline in the same run is a plain insert of an
equivalent dossier row (no rules). Then it times `--lookups` public look-ups through the API
(bare code, and with the phone's last four digits) against a baseline primary-key fetch. The
database is dropped at the end.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/calendar.py would shadow the standard library's calendar: drop this folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench._pg import percentile, psql, setup_django  # noqa: E402

DB_NAME = "motcua_bench_intake"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=2_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    psql(f"CREATE DATABASE {DB_NAME}")
    try:
        setup_django(DB_NAME, LOOKUP_RATE_PER_MINUTE=str(10**9))
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def run(args: argparse.Namespace) -> None:
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    from motcua.accounts.models import User
    from motcua.catalog.models import ProcedureVersion
    from motcua.dossiers.codes import code_key
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.selectors import procedures_received_at
    from motcua.dossiers.services import Applicant, DocumentIn, Outcome, dossier_intake

    rng = random.Random(766)
    officer = User.objects.select_related("agency").get(username="tiepnhan")
    versions = [
        v
        for v in ProcedureVersion.objects.in_force(at=timezone.localdate())
        .filter(procedure__in=procedures_received_at(officer.agency))
        .order_by("procedure__code")
        .prefetch_related("documents")
        if "DESK" in v.channels
    ]
    documents = {v.pk: [DocumentIn(d.pk, d.originals, d.copies) for d in v.documents.all()] for v in versions}
    start_at = timezone.now() - timedelta(days=400)

    # Baseline: the same row inserted with no rules (no code counter, calendar, events or outbox).
    base_n = min(2_000, args.count)
    t0 = time.perf_counter()
    for i in range(base_n):  # one transaction each, like the intakes
        Dossier.objects.create(
            code=f"BASE-{i}", code_key=f"BASE{i}", receiving_agency=officer.agency, procedure_version=versions[0],
            channel="DESK", return_method="DESK", applicant_kind="PERSON", applicant_name="Nguyễn Văn A",
            state="RECEIVED", created_at=start_at,
        )  # fmt: skip
    baseline_rate = base_n / (time.perf_counter() - t0)
    Dossier.objects.filter(code__startswith="BASE-").delete()

    codes: list[tuple[str, str]] = []
    t0 = time.perf_counter()
    done = 0
    while done < args.count:
        for _ in range(min(args.batch, args.count - done)):
            version = versions[done % len(versions)]
            phone = f"090{rng.randrange(10**7):07d}"
            outcome = Outcome.RECEIVE if done % 10 else Outcome.GUIDE
            result = dossier_intake(
                officer=officer, procedure_version=version,
                applicant=Applicant(kind="PERSON", name="Trần Thị Bích", id_number=f"0561{rng.randrange(10**8):08d}", phone=phone),
                documents=documents[version.pk], channel="DESK", return_method="DESK", outcome=outcome,
                guide_documents=[documents[version.pk][0].document_id] if outcome == Outcome.GUIDE else [],
                now=start_at + timedelta(minutes=done * 5),
            )  # fmt: skip
            if len(codes) < 50_000:
                codes.append((result.dossier.code, phone[-4:]))
            done += 1
        elapsed = time.perf_counter() - t0
        print(f"  {done:>7} / {args.count} intakes, {done / elapsed:7.1f}/s", file=sys.stderr, flush=True)
    intake_rate = args.count / (time.perf_counter() - t0)

    client = Client(HTTP_HOST="127.0.0.1")
    sample = [rng.choice(codes) for _ in range(args.lookups)]
    bare, verified, pk_fetch = [], [], []
    status_seen = set()
    for code, phone4 in sample:
        t = time.perf_counter()
        response = client.get("/api/v1/lookup", {"code": code})
        bare.append(time.perf_counter() - t)
        status_seen.add(response.status_code)
        t = time.perf_counter()
        client.get("/api/v1/lookup", {"code": code, "phone4": phone4})
        verified.append(time.perf_counter() - t)
        t = time.perf_counter()
        Dossier.objects.only("state", "due_at").get(code_key=code_key(code))
        pk_fetch.append(time.perf_counter() - t)

    ms = 1000.0
    print(f"\nIntake on PostgreSQL, {args.count:,} dossiers through dossier_intake (2 cores)")
    print(f"  intakes per second:             {intake_rate:8.1f}")
    print(
        f"  baseline plain inserts/second:  {baseline_rate:8.1f}   (ratio {baseline_rate / intake_rate:.1f}x)"
    )
    print(f"\nPublic look-up over {args.lookups:,} random codes (HTTP statuses seen: {sorted(status_seen)})")
    print("  kind                      median ms    p99 ms")
    for name, values in (
        ("bare code", bare),
        ("code + phone4", verified),
        ("baseline: indexed fetch", pk_fetch),
    ):
        print(f"  {name:<24} {statistics.median(values) * ms:9.2f} {percentile(values, 99) * ms:9.2f}")


if __name__ == "__main__":
    main()
