"""Statistics in a real browser: the acceptance path of the registry import, in Russian."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories.statistics import make_uscc, row, write_csv


@pytest.fixture(autouse=True)
def statistics_dir(settings, tmp_path):
    settings.STATISTICS_DIR = tmp_path / "statistics"


def test_officer_fixes_a_bad_row_and_sees_the_figures(page: Page, sign_in, officer, tmp_path):
    rows = [
        row(registered_on="2020-03-01", investor_countries="RU"),
        row(registered_on="2020-04-02", investor_countries="RU;KZ"),
        row(uscc=make_uscc(), registered_on="2020-02-30"),
    ]
    bad = write_csv(tmp_path / "registry.csv", rows)
    sign_in(officer, language="ru")

    page.goto("/ru/statistics/import/")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.locator("form.form button[type=submit]").click()

    errors = page.get_by_test_id("import-errors")
    expect(errors.locator("h2")).to_have_text("В файле 1 ошибка. Ничего не импортировано.")
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors.locator("tbody tr td")).to_have_text(
        ["4", "registered_on", "«2020-02-30» — не дата в формате ГГГГ-ММ-ДД."]
    )

    rows[2]["registered_on"] = "2020-05-31"  # a month's last day: the default period ends with May
    corrected = write_csv(tmp_path / "registry.csv", rows)
    page.locator("input[type=file]").set_input_files(str(corrected))
    page.locator("form.form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/ru/statistics/$"))
    expect(page.get_by_test_id("report-count")).to_have_text("3")
    expect(page.locator("td", has_text="Россия")).to_have_count(1)
    expect(page.locator("img[src^='data:image/png']")).to_have_count(4)
