import io

import pytest

from bigasia.core.progress import ProgressBar, progress

# Neither the database nor the cache: the scale-out pass leaves these out.
pytestmark = pytest.mark.db_independent


def test_it_reports_every_tenth_of_the_way_when_not_on_a_terminal():
    out = io.StringIO()
    assert list(progress(range(100), total=100, label="Items", out=out)) == list(range(100))
    lines = out.getvalue().splitlines()
    assert len(lines) == 11  # the first item, then each tenth
    assert lines[-1].startswith("Items [##############################] 100/100")


def test_it_copes_with_an_empty_run():
    out = io.StringIO()
    assert list(progress([], total=0, label="Nothing", out=out)) == []


def test_the_eta_projects_the_rest_at_the_rate_so_far():
    bar = ProgressBar(7300, "Import", io.StringIO())
    bar.done = 100
    assert bar.eta(rate=2.0) == ", ETA 1:00:00"
    assert bar.eta(rate=0.0) == ""
    bar.done = 7300
    assert bar.eta(rate=2.0) == ""
    assert "7300/7300 (" in bar.line() and "ETA" not in bar.line()
