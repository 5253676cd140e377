"""An app process keeps its database connection from one request to the next (DB_CONN_MAX_AGE)
on SQLite as on PostgreSQL: opening a SQLite connection and running its PRAGMAs on every
request nearly doubled an article render.

Run in a scratch site, whose database is a file (SQLite ignores closing the in-memory test
database) or a PostgreSQL database of its own."""

import textwrap
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
# Run inside the site, whose process may have started anywhere: the driver is found by path.
TWO_REQUESTS = textwrap.dedent(f"""
    import sys
    sys.path.insert(0, {str(REPOSITORY)!r})
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from tests.wsgi_driver import call, wsgi_environ

    app = WSGIHandler()

    def get(path):
        status = call(app, wsgi_environ(path)).status  # closing it sends request_finished
        assert status == 200, status

    get("/ru/")
    first = connection.connection
    get("/ru/")
    print("kept" if first is not None and connection.connection is first else "reopened")
""")


def test_it_keeps_the_connection_between_requests(scratch_site):
    assert scratch_site.python(TWO_REQUESTS) == "kept"


def test_it_opens_one_per_request_when_told_to(scratch_site):
    # A process of its own: the setting comes from the environment at start.
    result = scratch_site.manage("shell", "--no-imports", "-c", TWO_REQUESTS, DB_CONN_MAX_AGE="0")
    assert result.stdout.strip() == "reopened"
