"""Every date on every page goes through Babel (core/i18n.py): no Django `date`/`time` filters in templates, and
the pages read as each language writes dates (en "1 Mar 2026", not the US "03/01/2026")."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import investbridge
from tests.factories.agreements import AgreementFactory
from tests.factories.directory import OrganizationFactory
from tests.factories.pipeline import InquiryFactory

SOURCE = Path(investbridge.__file__).parent
DJANGO_DATE_FILTER = re.compile(r"\|\s*(date|time)\b")


@pytest.mark.unit
def test_templates_never_format_dates_with_djangos_filters():
    offenders = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in sorted(SOURCE.glob("*/templates/**/*"))
        if path.suffix in {".html", ".txt"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if DJANGO_DATE_FILTER.search(line)
    ]

    assert offenders == []


@pytest.mark.integration
@pytest.mark.parametrize(
    ("language", "signed", "valid_until"),
    [
        ("en", "1 Mar 2026", "31 Dec 2027"),
        ("ru", "1 мар. 2026\u202fг.", "31 дек. 2027\u202fг."),
        ("zh-hans", "2026年3月1日", "2027年12月31日"),
    ],
)
def test_agreement_list_dates_read_as_the_language_writes_them(client_for, language, signed, valid_until):
    AgreementFactory(
        parties=[OrganizationFactory(), OrganizationFactory()],
        signed_on=date(2026, 3, 1),
        valid_until=date(2027, 12, 31),
    )

    page = client_for("officer").get(f"/{language}/agreements/").content.decode()

    assert f"<td>{signed}</td><td>{valid_until}</td>" in page
    assert "03/01/2026" not in page


@pytest.mark.integration
@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "4 Dec 2026, 15:30"), ("ru", "4 дек. 2026\u202fг., 15:30"), ("zh-hans", "2026年12月4日 15:30")],
)
def test_inquiry_list_shows_the_received_time_in_the_readers_zone(client_for, language, expected):
    InquiryFactory(received_at=datetime(2026, 12, 4, 7, 30, tzinfo=UTC))  # 15:30 in the office's zone

    page = client_for("officer").get(f"/{language}/pipeline/inquiries/").content.decode()

    assert f'<td class="times">{expected}</td>' in page
