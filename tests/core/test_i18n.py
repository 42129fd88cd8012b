"""Dates, numbers, money and country names in each reader's locale (Babel)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import formats, timezone, translation

from investbridge.core import i18n

pytestmark = pytest.mark.unit

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "usd", "cny"),
    [
        ("ru", f"1{NBSP}234{NBSP}567,50{NBSP}$", f"1{NBSP}500{NBSP}000,00{NBSP}CN¥"),
        ("zh-hans", "US$1,234,567.50", "¥1,500,000.00"),
        ("en", "US$1,234,567.50", "CN¥1,500,000.00"),
    ],
)
def test_format_money_per_locale(language, usd, cny):
    assert i18n.format_money(Decimal("1234567.5"), "USD", language) == usd
    assert i18n.format_money(1500000, "CNY", language) == cny


@pytest.mark.parametrize(
    ("language", "number", "percent"),
    [
        ("ru", f"1{NBSP}234{NBSP}567,891", "15,5%"),
        ("zh-hans", "1,234,567.891", "15.5%"),
        ("en", "1,234,567.891", "15.5%"),
    ],
)
def test_format_number_and_percent_per_locale(language, number, percent):
    assert i18n.format_number(Decimal("1234567.891"), language) == number
    assert i18n.format_percent(0.155, language) == percent


@pytest.mark.parametrize(
    ("language", "long_date", "moment"),
    [
        ("ru", "26 ноября 2026\u202fг.", "26 нояб. 2026\u202fг., 09:30:00"),
        ("zh-hans", "2026年11月26日", "2026年11月26日 09:30:00"),
        ("en", "26 November 2026", "26 Nov 2026, 09:30:00"),
    ],
)
def test_format_dates_per_locale_in_the_value_zone(language, long_date, moment):
    assert i18n.format_date(date(2026, 11, 26), language) == long_date
    assert (
        i18n.format_datetime(datetime(2026, 11, 26, 9, 30, tzinfo=ZoneInfo("Europe/Moscow")), language)
        == moment
    )


@pytest.mark.parametrize(
    ("language", "russia", "china", "chinese"),
    [
        ("ru", "Россия", "Китай", "китайский"),
        ("zh-hans", "俄罗斯", "中国", "中文"),
        ("en", "Russia", "China", "Chinese"),
    ],
)
def test_country_and_language_names_per_locale(language, russia, china, chinese):
    assert (i18n.country_name("ru", language), i18n.country_name("CN", language)) == (russia, china)
    assert i18n.language_name("zh", language) == chinese


def test_unknown_country_code_is_shown_as_the_code():
    assert i18n.country_name("xx", "en") == "XX"


def test_country_choices_are_sorted_by_name_in_the_language():
    choices = i18n.country_choices("ru")

    assert choices[:3] == [("AU", "Австралия"), ("AT", "Австрия"), ("AZ", "Азербайджан")]
    assert len(choices) == len({code for code, _name in choices}) >= 240


def test_formatting_follows_the_active_language_by_default():
    with translation.override("zh-hans"):
        assert i18n.format_date(date(2026, 1, 2)) == "2026年1月2日"
    with translation.override("de"):  # not a platform language: the default (Russian)
        assert i18n.current_language() == "ru"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", f"1{NBSP}500,00{NBSP}$ · 2{NBSP}000 · 26 ноября 2026\u202fг. · Россия"),
        ("en", "US$1,500.00 · 2,000 · 26 November 2026 · Russia"),
    ],
)
def test_template_filters_format_in_the_page_language(language, expected):
    template = Template(
        "{% load investbridge %}{{ amount|money:'USD' }} · {{ count|number }} · {{ day|longdate }} · {{ code|country }}"
    )
    context = Context(
        {
            "amount": Decimal("1500"),
            "count": 2000,
            "day": datetime(2026, 11, 26, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
            "code": "RU",
        }
    )

    with translation.override(language):
        assert template.render(context) == expected


def test_template_filters_render_nothing_for_missing_values():
    template = Template(
        "{% load investbridge %}[{{ a|money }}|{{ a|number }}|{{ a|longdate }}|{{ a|country }}]"
    )

    assert template.render(Context({"a": None})) == "[|||]"


@pytest.mark.parametrize(
    ("language", "short_date", "short_datetime"),
    [
        ("en", "4 Dec 2026", "4 Dec 2026, 15:30"),
        ("ru", "4 дек. 2026\u202fг.", "4 дек. 2026\u202fг., 15:30"),
        ("zh-hans", "2026年12月4日", "2026年12月4日 15:30"),
    ],
)
def test_short_date_and_datetime_per_locale_in_the_readers_zone(language, short_date, short_datetime):
    instant = datetime(2026, 12, 4, 7, 30, tzinfo=ZoneInfo("UTC"))

    with timezone.override(ZoneInfo("Asia/Shanghai")):
        assert i18n.format_short_date(instant.date(), language) == short_date
        assert i18n.format_short_datetime(instant, language) == short_datetime


def test_shortdate_filter_takes_the_day_in_the_readers_zone():
    late_evening_utc = datetime(2026, 12, 3, 20, 0, tzinfo=ZoneInfo("UTC"))  # already 4 December in Haikou
    template = Template(
        "{% load investbridge %}{{ when|shortdate }}|{{ when|shortdatetime }}|{{ none|shortdate }}"
    )

    with translation.override("en"), timezone.override(ZoneInfo("Asia/Shanghai")):
        rendered = template.render(Context({"when": late_evening_utc, "none": None}))

    assert rendered == "4 Dec 2026|4 Dec 2026, 04:00|"


def test_djangos_own_english_formats_follow_the_british_order():
    with translation.override("en"):
        assert formats.date_format(date(2026, 12, 4), "SHORT_DATE_FORMAT") == "4 Dec 2026"
        assert formats.date_format(date(2026, 12, 4)) == "4 December 2026"
