"""Shared by the migrations that only touch PostgreSQL's index structures (Django's migration
loader skips modules whose name starts with an underscore)."""

from collections.abc import Callable


def run_on_postgres(statements: list[str]) -> Callable:
    """A RunPython function executing `statements` on PostgreSQL and nothing on SQLite."""

    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run
