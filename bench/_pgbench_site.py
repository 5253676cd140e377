"""Shared by the search and sitemap benchmarks: a throw-away PostgreSQL database, migrated."""

import os
import subprocess
import sys

PG = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")


def use_database(name: str, fresh: bool = False) -> None:
    """Point Django at database `name` (created if missing) and migrate it."""
    exists = subprocess.run(
        ["psql", f"{PG}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if fresh and exists:
        subprocess.run(["psql", f"{PG}/postgres", "-qc", f"DROP DATABASE {name}"], check=True)
    if fresh or not exists:
        subprocess.run(["psql", f"{PG}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    os.environ["DATABASE_URL"] = f"{PG}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bigasia.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def use_existing_database(url: str) -> None:
    """Point Django at an existing, migrated database, read-only: every session it opens
    refuses writes (default_transaction_read_only), so a measurement cannot change it."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bigasia.settings.test")
    import django

    django.setup()
    from django.db.backends.signals import connection_created

    def read_only(sender, connection, **kwargs) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET default_transaction_read_only = on")

    connection_created.connect(read_only, weak=False)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def say(*parts) -> None:
    print(*parts, flush=True, file=sys.stdout)
