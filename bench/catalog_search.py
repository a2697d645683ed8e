"""Catalogue search latency over 5,000 generated procedures, on SQLite and (if reachable) PostgreSQL.

    .venv/bin/python bench/catalog_search.py [--count 5000] [--repeat 10] [--no-postgres]

Each database is measured in its own subprocess, which configures Django itself (MOTCUA_TESTING=1,
MOTCUA_VAR_DIR = a temporary directory, DATABASE_URL per pass), migrates an empty database,
generates the procedures and times `procedure_search(q)` (first 20 results) and the public
catalogue page (`procedure_catalogue`, count + first 20). PostgreSQL uses a throwaway database
`motcua_bench_catalog` on 127.0.0.1 that the script creates and drops. Figures go to
var/bench/catalog_search.md, to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DB = "motcua_bench_catalog"
OUTPUT = ROOT / "var" / "bench" / "catalog_search.md"  # a Markdown table to paste into docs/benchmarks.md

VERBS = [
    "Đăng ký",
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Điều chỉnh",
    "Gia hạn",
    "Xác nhận",
    "Chứng thực",
    "Thẩm định",
    "Hòa giải",
]
OBJECTS = [
    "khai sinh",
    "kết hôn",
    "khai tử",
    "giấy phép xây dựng nhà ở riêng lẻ",
    "giấy chứng nhận quyền sử dụng đất",
    "biến động đất đai",
    "hộ kinh doanh",
    "trợ cấp xã hội hằng tháng",
    "bản sao từ bản chính",
    "hợp đồng giao dịch",
    "giấy phép kinh doanh dịch vụ karaoke",
    "tổ chức lễ hội",
    "tình trạng hôn nhân",
    "mức độ khuyết tật",
    "chuyển mục đích sử dụng đất",
    "thế chấp quyền sử dụng đất",
    "giấy phép sửa chữa nhà ở",
    "thay đổi hộ tịch",
]
FIELDS = [
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Xây dựng",
    "Hộ kinh doanh",
    "Bảo trợ xã hội",
    "Văn hóa",
    "Giáo dục",
]
QUERIES = [
    "dang ky ket hon",
    "Đăng ký kết hôn",
    "khai sinh",
    "giay phep xay dung",
    "hoà giải",
    "hòa giải",
    "quyen su dung dat",
    "ho kinh doanh",
    "tro cap",
    "karaoke",
    "1.00012",
    "chung thuc ban sao",
    "cap lai giay chung nhan",
    "dang ki ket hon",
    "le hoi",
    "xyz khong co",
]


def worker(count: int, repeat: int) -> dict[str, object]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from datetime import date

    from django.core.management import call_command
    from django.db import connection

    from motcua.catalog.models import Field, Procedure, ProcedureVersion
    from motcua.catalog.selectors import CatalogueFilters, procedure_catalogue, procedure_search
    from motcua.catalog.services import procedure_search_text

    call_command("migrate", verbosity=0)
    rng = random.Random(20220101)
    fields = [Field.objects.create(code=f"F{i}", name=name) for i, name in enumerate(FIELDS)]
    procedures = []
    for n in range(count):
        field = rng.choice(fields)
        name = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(['', 'cho cá nhân', 'cho tổ chức', 'lần đầu', 'có yếu tố nước ngoài'])}".strip()
        code = f"{rng.choice('123')}.{n:06d}"
        procedures.append(
            Procedure(
                code=code,
                name=name,
                field=field,
                popularity=rng.randint(0, 1000),
                search_text=procedure_search_text(name=name, code=code, field_name=field.name),
            )
        )
    Procedure.objects.bulk_create(procedures, batch_size=1000)
    ProcedureVersion.objects.bulk_create(
        [
            ProcedureVersion(
                procedure=p,
                effective_date=date(2022, 1, 1),
                status=ProcedureVersion.Status.PUBLISHED,
                channels=["DESK", "ONLINE"],
                online_level=rng.choice(["NONE", "PARTIAL", "FULL"]),
                limit_value=5,
            )
            for p in Procedure.objects.all()
        ],
        batch_size=1000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def timed(run: object) -> list[float]:
        samples = []
        for _ in range(repeat):
            for query in QUERIES:
                start = time.perf_counter()
                run(query)  # type: ignore[operator]
                samples.append((time.perf_counter() - start) * 1000)
        return samples

    for query in QUERIES:  # warm caches and the query plans
        list(procedure_search(query)[:20])
    search = timed(lambda q: list(procedure_search(q)[:20]))
    catalogue = timed(
        lambda q: (
            procedure_catalogue(CatalogueFilters(q=q)).count(),
            list(procedure_catalogue(CatalogueFilters(q=q))[:20]),
        )
    )
    hits = {q: procedure_search(q).count() for q in ("dang ky ket hon", "hoà giải", "dang ki ket hon")}

    def summary(samples: list[float]) -> dict[str, float]:
        ordered = sorted(samples)
        return {
            "median_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
            "n": len(ordered),
        }

    return {
        "vendor": connection.vendor,
        "version": connection.pg_version
        if connection.vendor == "postgresql"
        else __import__("sqlite3").sqlite_version,
        "procedures": Procedure.objects.count(),
        "search": summary(search),
        "catalogue": summary(catalogue),
        "hits": hits,
    }


def run_pass(database_url: str | None, count: int, repeat: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as var_dir:
        env = {
            **os.environ,
            "MOTCUA_TESTING": "1",
            "MOTCUA_VAR_DIR": var_dir,
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        result = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, __file__, "--worker", "--count", str(count), "--repeat", str(repeat)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise SystemExit(f"worker failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def postgres_database(action: str) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            if action == "create":
                connection.execute(f"CREATE DATABASE {PG_DB}")
    except psycopg.OperationalError:
        return False
    return True


def write_markdown(results: list[dict[str, object]], count: int, repeat: int) -> None:
    lines = [
        "## Catalogue search (`bench/catalog_search.py`)",
        "",
        f"{count:,} generated procedures (one published version each), {len(QUERIES)} queries × {repeat} runs per measure; "
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}. "
        "*search* = `procedure_search(q)`, first 20 results; *catalogue page* = `procedure_catalogue` "
        "(filters + version in force) count and first 20, as `/thu-tuc/` runs it.",
        "",
        "| database | search median | search p95 | catalogue page median | catalogue page p95 | hits: «dang ky ket hon» / «hoà giải» / «dang ki ket hon» (typo) |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        s, c, h = r["search"], r["catalogue"], r["hits"]
        version = (
            f"{int(r['version']) // 10000}.{int(r['version']) % 100}"
            if r["vendor"] == "postgresql"
            else r["version"]
        )  # type: ignore[call-overload]
        lines.append(
            f"| {r['vendor']} {version} | {s['median_ms']} ms | {s['p95_ms']} ms | {c['median_ms']} ms | {c['p95_ms']} ms "  # type: ignore[index]
            f"| {h['dang ky ket hon']} / {h['hoà giải']} / {h['dang ki ket hon']} |"  # type: ignore[index]
        )
    lines += [
        "",
        "SQLite matches every folded word with `LIKE` (a scan of the folded column, cheap at this size); "
        "PostgreSQL does the same through the GIN trigram index, ranks by pg_trgm word similarity, and when no "
        "procedure has every word falls back to the `%>` word-similarity operator (typo tolerance). The "
        "PostgreSQL p95 comes from those fallback queries (a typo, a query that matches nothing) and from "
        "ranking broad queries; the hit counts agree between the two databases for exact words. "
        "(In the generated names the typo «dang ki ket hon» also matches on SQLite by accident: «ki» "
        "occurs in «kinh».)",
        "",
    ]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(worker(args.count, args.repeat), default=str))
        return
    results = [run_pass(None, args.count, args.repeat)]
    print(json.dumps(results[-1], ensure_ascii=False))
    if not args.no_postgres and postgres_database("create"):
        try:
            results.append(run_pass(f"postgres://postgres@127.0.0.1:5432/{PG_DB}", args.count, args.repeat))
            print(json.dumps(results[-1], ensure_ascii=False))
        finally:
            postgres_database("drop")
    else:
        print("PostgreSQL not reachable: SQLite only", file=sys.stderr)
    write_markdown(results, args.count, args.repeat)
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
