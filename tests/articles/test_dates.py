from datetime import UTC, datetime

import pytest

from bigasia.core.dates import format_date, format_datetime

# Neither the database nor the cache: the scale-out pass leaves these out.
pytestmark = pytest.mark.db_independent


def test_it_formats_dates_as_day_month_year_in_moscow_time():
    # 22:30 UTC on 2 February is already 3 February in Moscow (UTC+3).
    assert format_date(datetime(2023, 2, 2, 22, 30, tzinfo=UTC)) == "03.02.2023"
    assert format_datetime(datetime(2023, 2, 2, 22, 30, tzinfo=UTC)) == "03.02.2023 01:30"


def test_it_prints_nothing_for_a_missing_date():
    assert format_date(None) == ""
