from datetime import date
from decimal import Decimal

import pytest

from investbridge.statistics.engine.reader import read_registry
from investbridge.statistics.engine.schema import COLUMNS, ErrorCode, RowError
from tests.archives import xlsx_bomb
from tests.factories.statistics import domestic_row, make_uscc, row, write_csv, write_parquet, write_xlsx

pytestmark = pytest.mark.unit


def test_read_registry_valid_csv_gives_typed_table(tmp_path):
    code = make_uscc()
    path = write_csv(tmp_path / "r.csv", [row(uscc=code, investor_countries="ru; kz"), domestic_row()])

    result = read_registry(path, "csv")

    assert result.ok
    assert result.rows == 2
    first = result.table.to_pylist()[0]
    assert first == {
        "uscc": code,
        "name": "海口测试贸易有限公司",
        "registered_on": date(2020, 3, 15),
        "district": "460105",
        "industry": "F",
        "foreign_capital": True,
        "investor_countries": "KZ;RU",
        "registered_capital": Decimal("1000000.00"),
        "currency": "CNY",
    }


@pytest.mark.parametrize("writer", [write_xlsx, write_parquet], ids=["xlsx", "parquet"])
def test_read_registry_xlsx_and_parquet_read_like_csv(tmp_path, writer):
    rows = [row(uscc=make_uscc(1)), domestic_row(uscc=make_uscc(2))]
    kind = "xlsx" if writer is write_xlsx else "parquet"
    typed = writer(tmp_path / f"r.{kind}", rows)
    plain = write_csv(tmp_path / "r.csv", rows)

    assert read_registry(typed, kind).table.to_pylist() == read_registry(plain, "csv").table.to_pylist()


def test_read_registry_typed_parquet_values_are_accepted(tmp_path):
    rows = [
        {
            **row(uscc=make_uscc(3)),
            "registered_on": date(2020, 5, 1),
            "foreign_capital": True,
            "registered_capital": Decimal("12.50"),
        }
    ]
    result = read_registry(write_parquet(tmp_path / "t.parquet", rows), "parquet")

    assert result.ok
    assert result.table.column("registered_on").to_pylist() == [date(2020, 5, 1)]


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("uscc", "", ErrorCode.REQUIRED),
        ("uscc", "9146010", ErrorCode.USCC_LENGTH),
        ("uscc", "91460105MA0000001I", ErrorCode.USCC_FORMAT),
        ("uscc", "ZZ", ErrorCode.USCC_LENGTH),
        ("name", "", ErrorCode.REQUIRED),
        ("name", "x" * 301, ErrorCode.TOO_LONG),
        ("registered_on", "15.03.2020", ErrorCode.DATE_FORMAT),
        ("registered_on", "2020-02-30", ErrorCode.DATE_FORMAT),
        ("district", "4601", ErrorCode.DISTRICT_FORMAT),
        ("district", "460000", ErrorCode.DISTRICT_FORMAT),
        ("industry", "Z", ErrorCode.INDUSTRY_UNKNOWN),
        ("foreign_capital", "maybe", ErrorCode.BOOLEAN),
        ("investor_countries", "RU;XX", ErrorCode.COUNTRY_UNKNOWN),
        ("investor_countries", "", ErrorCode.COUNTRIES_MISSING),
        ("registered_capital", "abc", ErrorCode.DECIMAL),
        ("registered_capital", "-5", ErrorCode.DECIMAL_NEGATIVE),
        ("registered_capital", "1.005", ErrorCode.DECIMAL_PLACES),
        ("registered_capital", "1" * 19, ErrorCode.DECIMAL_TOO_LARGE),
        ("registered_capital", "NaN", ErrorCode.DECIMAL),
        ("currency", "ZZZ", ErrorCode.CURRENCY_UNKNOWN),
    ],
)
def test_read_registry_bad_value_names_line_column_and_code(tmp_path, column, value, code):
    rows = [row(), row(**{column: value}), row()]

    result = read_registry(write_csv(tmp_path / "bad.csv", rows), "csv")

    assert result.table is None
    assert [(error.line, error.column, error.code) for error in result.errors] == [(3, column, code)]


def test_read_registry_wrong_check_digit_is_a_checksum_error(tmp_path):
    good = make_uscc()
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")

    result = read_registry(write_csv(tmp_path / "c.csv", [row(uscc=bad)]), "csv")

    assert result.errors == [RowError(2, "uscc", ErrorCode.USCC_CHECKSUM, {"value": bad})]


def test_read_registry_domestic_with_countries_is_an_error(tmp_path):
    result = read_registry(write_csv(tmp_path / "d.csv", [domestic_row(investor_countries="RU")]), "csv")

    assert [error.code for error in result.errors] == [ErrorCode.COUNTRIES_FOR_DOMESTIC]


def test_read_registry_duplicate_uscc_names_both_lines(tmp_path):
    code = make_uscc()
    path = write_csv(tmp_path / "dup.csv", [row(uscc=code), row(), row(uscc=code)])

    result = read_registry(path, "csv")

    assert result.errors == [RowError(4, "uscc", ErrorCode.USCC_DUPLICATE, {"value": code, "first_line": 2})]


def test_read_registry_blank_lines_keep_the_file_line_numbers(tmp_path):
    path = tmp_path / "blank.csv"
    write_csv(path, [row()])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n\n" + ",".join(row(industry="Z").values()) + "\n")

    result = read_registry(path, "csv")

    assert [(error.line, error.column) for error in result.errors] == [(5, "industry")]


def test_read_registry_header_problems_are_on_line_1(tmp_path):
    columns = (*tuple(column for column in COLUMNS if column != "currency"), "colour")
    path = write_csv(tmp_path / "h.csv", [row()], columns=columns)

    result = read_registry(path, "csv")

    assert [(error.line, error.column, error.code) for error in result.errors] == [
        (1, "colour", ErrorCode.UNKNOWN_COLUMN),
        (1, "currency", ErrorCode.MISSING_COLUMN),
    ]


def test_read_registry_utf8_bom_and_header_case_are_accepted(tmp_path):
    path = tmp_path / "bom.csv"
    write_csv(path, [row()])
    text = path.read_text(encoding="utf-8")
    path.write_bytes("\ufeff".encode() + text.replace("uscc", "USCC", 1).encode())

    assert read_registry(path, "csv").ok


def test_read_registry_non_utf8_file_is_an_encoding_error(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes(",".join(COLUMNS).encode() + b"\n" + "海口".encode("gbk") * 3)

    result = read_registry(path, "csv")

    assert [error.code for error in result.errors] == [ErrorCode.ENCODING]


def test_read_registry_header_only_is_empty(tmp_path):
    path = write_csv(tmp_path / "e.csv", [])

    assert [error.code for error in read_registry(path, "csv").errors] == [ErrorCode.EMPTY]


def test_read_registry_broken_xlsx_is_unreadable(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not a workbook")

    assert [error.code for error in read_registry(path, "xlsx").errors] == [ErrorCode.UNREADABLE]


def test_read_registry_caps_the_error_list_and_counts_all(tmp_path):
    path = write_csv(tmp_path / "many.csv", [row(industry="Z") for _ in range(30)])

    result = read_registry(path, "csv", max_errors=10)

    assert (len(result.errors), result.error_count) == (10, 30)


def test_read_registry_reports_progress(tmp_path):
    seen: list[int] = []
    read_registry(write_csv(tmp_path / "p.csv", [row(), row()]), "csv", progress=seen.append)

    assert seen == [2]


def test_check_uscc_agrees_with_python_stdnum_on_random_codes():
    import random

    from stdnum.cn import uscc

    from investbridge.statistics.engine.reader import check_uscc

    rng = random.Random(7)
    valid_chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for index in range(5000):
        chars = valid_chars + ("IOSVZ" if index % 5 == 0 else "")
        code = "".join(rng.choice("0123456789") for _ in range(8)) + "".join(
            rng.choice(chars) for _ in range(10)
        )
        if index % 2 and all(char in valid_chars for char in code):
            code = code[:17] + uscc.calc_check_digit(code[:17])
        assert (check_uscc(code)[1] is None) == uscc.is_valid(code), code
    full = "91460105MA0000010" + uscc.calc_check_digit("91460105MA0000010")
    assert check_uscc(f"{full[:4]} {full[4:8]}-{full[8:]}") == (full, None)


def test_read_registry_refuses_an_xlsx_bomb_before_reading_it(tmp_path):
    path = tmp_path / "registry.xlsx"
    path.write_bytes(xlsx_bomb())

    result = read_registry(path, "xlsx")

    assert result.table is None
    assert result.errors == [RowError(0, "", ErrorCode.ARCHIVE_TOO_LARGE, {"limit": 256})]
