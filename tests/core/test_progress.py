import io

import pytest

from bigasia.core.progress import progress

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
