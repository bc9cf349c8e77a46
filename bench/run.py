"""Run the benchmarks: each database in its own process, with its own TDKT_DATABASE_URL."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PG_ADMIN_URL = os.environ.get("TDKT_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _tdkt(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "tdkt", *args], env=env, check=True)


def _pg_database(name: str) -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def prepare(
    db: str, people: int, seed: int, name: str = "search", counter: str = "search_names.py"
) -> dict[str, str]:
    """Migrate and fill a benchmark database once; later runs reuse it."""
    RESULTS.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    env.update({"TDKT_DEBUG": "1", "TDKT_VAR_DIR": str(RESULTS), "TDKT_LOG_LEVEL": "WARNING"})
    if db == "sqlite":
        env["TDKT_DATABASE_URL"] = f"sqlite:///{RESULTS / f'{name}-{people}-{seed}.sqlite3'}"
    else:
        prefix = "tdkt_bench" if name == "search" else f"tdkt_bench_{name}"
        env["TDKT_DATABASE_URL"] = _pg_database(f"{prefix}_{people}_{seed}")
    _tdkt(env, "migrate", "--noinput", "-v", "0")
    check = subprocess.run(
        [sys.executable, str(HERE / counter), "--count-only"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    have = int(check.stdout.strip() or 0)
    if have < people:
        print(f"[{db}] sinh {people - have:,} người (một lần, lưu lại để đo lần sau)…", flush=True)
        _tdkt(env, "generate", "--people", str(people - have), "--years", "10", "--seed", str(seed))
    # Fresh planner statistics, so that both databases choose their plans from the data actually there; on
    # PostgreSQL also the visibility map that index-only scans need (autovacuum keeps both up in production).
    statement = "VACUUM ANALYZE" if db == "postgres" else "ANALYZE"
    _tdkt(
        env,
        "shell",
        "-c",
        f"from django.db import connection; c = connection.cursor(); c.execute('{statement}')",
    )
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument(
        "--suite",
        choices=["all", "documents", "search", "eligibility"],
        default="all",
        help="which benchmarks to run",
    )
    parser.add_argument(
        "--eligibility-people",
        type=int,
        default=50_000,
        help="province size for the batch eligibility benchmark (the issue's targets: 50,000 and 1,000,000)",
    )
    parser.add_argument(
        "--eligibility-workers",
        default="1,2",
        help="worker processes the batch eligibility is measured with, comma-separated (1: one process)",
    )
    args = parser.parse_args()
    if args.suite in ("all", "documents"):
        # Rendering only: no database to prepare.
        subprocess.run([sys.executable, str(HERE / "documents.py")], check=True)
    if args.suite == "documents":
        return
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    for db in dbs:
        if args.suite in ("all", "search"):
            env = prepare(db, args.people, args.seed)
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "search_names.py"),
                    "--queries",
                    str(args.queries),
                    "--label",
                    db,
                ],
                env=env,
                check=True,
            )
        if args.suite in ("all", "eligibility"):
            env = prepare(db, args.eligibility_people, args.seed, "eligibility", "eligibility.py")
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "eligibility.py"),
                    "--label",
                    db,
                    "--workers",
                    args.eligibility_workers,
                ],
                env=env,
                check=True,
            )


if __name__ == "__main__":
    main()
