"""Path converters the URLconfs share, registered when the core app is ready (before any
URLconf is read)."""

from django.urls import register_converter

# The largest value of the databases' 64-bit integer columns (SQLite INTEGER, bigint).
INT64_MAX = 2**63 - 1


class Int64Converter:
    """A non-negative integer that fits a 64-bit column, for ids and page numbers in paths.

    Django's `int` matches any run of digits, and a longer one than a column holds fails
    inside the database driver (SQLite's OverflowError, PostgreSQL's "out of range") where
    a lookup on a primary key through a parent link (Wagtail pages) or an offset uses it:
    a 500. This one does not match it, so the request is a 404 like any unknown id.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > INT64_MAX:
            raise ValueError(f"{value} does not fit a 64-bit integer")  # Django: no match
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    register_converter(Int64Converter, "int64")
