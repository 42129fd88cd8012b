import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from investbridge.statistics.models import ImportBatch, RegisteredEntity
from tests.factories.statistics import domestic_row, row, write_csv, write_parquet

pytestmark = pytest.mark.integration


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("stats", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_stats_import_prints_the_counts_and_records_the_batch(db, files):
    path = write_csv(files / "registry.csv", [row(), domestic_row()])

    out, _err = _run("import", str(path), "--no-progress")

    batch = ImportBatch.objects.get()
    assert out == (f"registry.csv: 2 rows; 2 new, 0 updated, 0 unchanged (SHA-256 {batch.sha256}).\n")
    assert (batch.source, batch.imported_by) == ("cli", None)


def test_stats_import_parquet(db, files):
    _run("import", str(write_parquet(files / "registry.parquet", [row(), row()])), "--no-progress")

    assert RegisteredEntity.objects.count() == 2


def test_stats_import_bad_file_fails_and_imports_nothing(db, files):
    path = write_csv(files / "bad.csv", [row(), row(currency="RUBX")])
    err = StringIO()

    with pytest.raises(CommandError, match=r"^bad.csv: 1 error\(s\); nothing was imported.$"):
        call_command("stats", "--language", "en", "import", str(path), "--no-progress", stderr=err)

    assert err.getvalue() == "Line 3, column currency: “RUBX” is not an ISO 4217 currency code.\n"
    assert RegisteredEntity.objects.count() == 0


def test_stats_import_errors_in_russian(db, files):
    path = write_csv(files / "bad.csv", [row(currency="RUBX")])
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("stats", "--language", "ru", "import", str(path), "--no-progress", stderr=err)

    assert err.getvalue() == "Строка 2, столбец currency: «RUBX» — не код валюты ISO 4217.\n"


def test_stats_import_missing_file_fails(db, files):
    with pytest.raises(CommandError, match="No such file"):
        _run("import", str(files / "nothing.csv"))


def test_stats_import_shows_a_progress_bar(db, files):
    _out, err = _run("import", str(write_csv(files / "r.csv", [row()])))

    assert "Validating" in err
    assert "Writing" in err


def test_stats_report_prints_the_json_contract(db, files):
    _run(
        "import",
        str(write_csv(files / "r.csv", [row(investor_countries="RU;KZ"), domestic_row()])),
        "--no-progress",
    )

    out, _err = _run(
        "report",
        "--from",
        "2020-01-01",
        "--to",
        "2020-03-31",
        "--foreign-capital",
        "--country",
        "RU",
        "--format",
        "json",
    )

    assert json.loads(out) == {
        "from": "2020-01-01",
        "to": "2020-03-31",
        "count": 1,
        "previous_count": 0,
        "yoy_change_pct": None,
        "by_month": [
            {"month": "2020-01", "count": 0, "cumulative": 0},
            {"month": "2020-02", "count": 0, "cumulative": 0},
            {"month": "2020-03", "count": 1, "cumulative": 1},
        ],
        "by_country": {"KZ": 1, "RU": 1},
        "by_district": {"460105": 1},
        "by_industry": {"F": 1},
    }


def test_stats_report_rejects_a_reversed_period(db):
    with pytest.raises(CommandError, match="--to must not be earlier"):
        _run("report", "--from", "2020-05-01", "--to", "2020-01-01")


@pytest.mark.parametrize(("start", "end"), [("0001-01-01", "2026-12-31"), ("2026-01-01", "9999-12-31")])
def test_stats_report_refuses_dates_out_of_range(db, start, end):
    with (
        translation.override("en"),
        pytest.raises(CommandError, match=r"^Enter a date from 1900-01-01 to 2199-12-31\.$"),
    ):
        call_command("stats", "report", "--from", start, "--to", end, stdout=StringIO())
