"""An app process keeps its database connection from one request to the next (DB_CONN_MAX_AGE)
on SQLite as on PostgreSQL: opening a SQLite connection and running its PRAGMAs on every
request nearly doubled an article render.

Run in a scratch site, whose database is a file (SQLite ignores closing the in-memory test
database) or a PostgreSQL database of its own."""

import textwrap

TWO_REQUESTS = textwrap.dedent("""
    from wsgiref.util import setup_testing_defaults
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    app = WSGIHandler()

    def get(path):
        environ = {"PATH_INFO": path}
        setup_testing_defaults(environ)
        statuses = []
        body = app(environ, lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(body)
        body.close()  # request_finished: Django closes connections past their age here
        assert statuses == ["200 OK"], statuses

    get("/ru/")
    first = connection.connection
    get("/ru/")
    print("kept" if first is not None and connection.connection is first else "reopened")
""")


def test_it_keeps_the_connection_between_requests(scratch_site):
    assert scratch_site.manage("shell", "--no-imports", "-c", TWO_REQUESTS).stdout.strip() == "kept"


def test_it_opens_one_per_request_when_told_to(scratch_site):
    result = scratch_site.manage("shell", "--no-imports", "-c", TWO_REQUESTS, DB_CONN_MAX_AGE="0")
    assert result.stdout.strip() == "reopened"
