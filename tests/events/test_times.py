from datetime import UTC, datetime

import pytest

from investbridge.events.times import City, format_in_cities, format_range_in_cities, local_times

pytestmark = pytest.mark.unit

MOSCOW_HAIKOU = [City("Moscow", "Europe/Moscow"), City("Haikou", "Asia/Shanghai")]


def test_format_in_cities_videoconference_of_24_december_2020():
    instant = datetime(2020, 12, 24, 7, 0, tzinfo=UTC)

    assert format_in_cities(instant, MOSCOW_HAIKOU, language="en") == "10:00 Moscow · 15:00 Haikou"


def test_format_in_cities_adds_reader_zone_when_different_in_reader_language():
    instant = datetime(2020, 12, 24, 7, 0, tzinfo=UTC)
    cities = [City("Москва", "Europe/Moscow"), City("Хайкоу", "Asia/Shanghai")]

    text = format_in_cities(instant, cities, language="ru", reader_zone="Europe/Berlin")

    assert text == "10:00 Москва · 15:00 Хайкоу · 08:00 Берлин"


def test_format_in_cities_reader_in_one_of_the_cities_adds_nothing():
    instant = datetime(2020, 12, 24, 7, 0, tzinfo=UTC)

    text = format_in_cities(instant, MOSCOW_HAIKOU, language="en", reader_zone="Asia/Shanghai")

    assert text == "10:00 Moscow · 15:00 Haikou"


@pytest.mark.parametrize(
    ("instant", "berlin"),
    [
        # Saturday before the change (CET, UTC+1) and Monday after it (CEST, UTC+2), 31 March 2024.
        (datetime(2024, 3, 30, 9, 0, tzinfo=UTC), "10:00 Berlin"),
        (datetime(2024, 4, 1, 9, 0, tzinfo=UTC), "11:00 Berlin"),
        # The autumn change, 27 October 2024: back to UTC+1.
        (datetime(2024, 10, 26, 9, 0, tzinfo=UTC), "11:00 Berlin"),
        (datetime(2024, 10, 28, 9, 0, tzinfo=UTC), "10:00 Berlin"),
    ],
)
def test_format_in_cities_berlin_follows_daylight_saving(instant, berlin):
    cities = [*MOSCOW_HAIKOU, City("Berlin", "Europe/Berlin")]

    text = format_in_cities(instant, cities, language="en")

    # Moscow and Haikou keep no daylight saving time: their clocks do not move.
    assert text == f"12:00 Moscow · 17:00 Haikou · {berlin}"


def test_format_in_cities_other_local_date_is_shown():
    instant = datetime(2020, 12, 24, 20, 0, tzinfo=UTC)

    text = format_in_cities(instant, MOSCOW_HAIKOU, language="en")

    assert text == "23:00 Moscow · 04:00 Haikou (25 Dec)"


def test_format_in_cities_with_date_leads_with_first_city_date():
    instant = datetime(2020, 12, 24, 7, 0, tzinfo=UTC)

    text = format_in_cities(instant, MOSCOW_HAIKOU, language="en", with_date=True)

    assert text == "24 December 2020, 10:00 Moscow · 15:00 Haikou"


def test_format_range_in_cities_chinese():
    cities = [City("莫斯科", "Europe/Moscow"), City("海口", "Asia/Shanghai")]

    text = format_range_in_cities(
        datetime(2020, 12, 24, 7, 0, tzinfo=UTC),
        datetime(2020, 12, 24, 9, 0, tzinfo=UTC),
        cities,
        language="zh-hans",
    )

    assert text == "莫斯科 10:00–12:00 · 海口 15:00–17:00"


def test_local_times_naive_instant_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        local_times(datetime(2020, 12, 24, 7, 0), MOSCOW_HAIKOU, language="en")  # noqa: DTZ001
