import pytest
from django.utils import translation

from bigasia.archive.importer import Importer, ImportOptions
from bigasia.archive.models import ImportRun
from tests.archive.posts import ListSource


@pytest.fixture
def run_import():
    """Import posts built in the test, as `bigasia import` would; returns the fresh run."""

    def run(items, options: ImportOptions | None = None, feeds=None) -> ImportRun:
        source = ListSource(list(items), feeds)
        record = Importer(source, "archive.xml", options or ImportOptions()).run()
        record.refresh_from_db()
        return record

    return run


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """Messages are asserted in English (one test checks the Russian ones): the importer's
    messages follow the active language, the command's the terminal's."""
    monkeypatch.setenv("LANGUAGE", "en")
    with translation.override("en"):
        yield
