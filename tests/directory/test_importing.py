import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from investbridge.directory import importing
from investbridge.directory.models import Membership, Organization, Person
from tests.archives import xlsx_bomb
from tests.factories.directory import OrganizationFactory, PersonFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ORGS_CSV = """kind,name_ru,name_en,name_zh_hans,country,city,sectors,inn,ogrn,is_partner
company,ООО «Лотос»,Lotus LLC,莲花有限责任公司,RU,Казань,"C, G",7707083893,1027700132195,нет
bank,АО «Банк Восток»,Vostok Bank JSC,,ru,Москва,K,,,да
"""


def run(kind, text, **kwargs):
    return importing.run_import(kind=kind, file=io.BytesIO(text.encode()), filename=f"{kind}.csv", **kwargs)


def errors(result):
    return [(error.line, error.column, error.message) for error in result.errors]


def test_import_organizations_from_csv_creates_all_rows():
    result = run(importing.ORGANIZATIONS, ORGS_CSV)

    assert (result.ok, result.rows, result.created) == (True, 2, 2)
    lotus = Organization.objects.get(inn="7707083893")
    assert (lotus.name_zh_hans, lotus.city, sorted(lotus.sectors.values_list("code", flat=True))) == (
        "莲花有限责任公司",
        "Казань",
        ["C", "G"],
    )
    assert Organization.objects.get(name_en="Vostok Bank JSC").is_partner is True


def test_import_with_one_bad_row_imports_nothing_and_names_line_and_column():
    text = ORGS_CSV + "company,,Bad Ltd,,XX,,,7707083894,,\n"

    with translation.override("en"):
        result = run(importing.ORGANIZATIONS, text)

    assert errors(result) == [
        (4, "country", "“XX” is not a country code; use the two-letter ISO 3166-1 code, e.g. RU or CN."),
        (4, "inn", "“7707083894” is not a valid INN: its check digit is wrong."),
    ]
    assert result.created == 0
    assert Organization.objects.filter(name_en__in=["Lotus LLC", "Vostok Bank JSC", "Bad Ltd"]).count() == 0


def test_import_reports_duplicates_inside_the_file_and_against_the_database():
    OrganizationFactory(name="Existing Co", name_en="Existing Co")
    text = "name_en;country\nNew Co;RU\nnew co;RU\nEXISTING CO;CN\n"

    with translation.override("en"):
        result = run(importing.ORGANIZATIONS, text)

    existing = Organization.objects.get(name_en="Existing Co")
    assert errors(result) == [
        (3, "name_en", "Repeats line 2 of this file."),
        (4, "name_en", f"The directory already has this organization: “Existing Co” (no. {existing.pk})."),
    ]
    assert not Organization.objects.filter(name_en="New Co").exists()


def test_import_checks_the_header():
    with translation.override("en"):
        result = run(importing.ORGANIZATIONS, "name,colour\nX,red\n")

    assert [(e.line, e.column) for e in result.errors] == [
        (1, "name"),
        (1, "colour"),
        (1, "country"),
        (1, "name_ru"),
    ]


def test_import_of_an_empty_file_is_an_error():
    assert [(e.line, e.column) for e in run(importing.PEOPLE, "\n\n").errors] == [(1, "")]


def test_import_people_from_xlsx_links_organizations_by_inn_or_name():
    organization = OrganizationFactory(name="Lotus", name_en="Lotus", inn="7707083893")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "full_name",
            "name_latin",
            "email",
            "phone",
            "country",
            "languages",
            "organization",
            "position",
            "consent",
            "consent_at",
        ]
    )
    sheet.append(
        [
            "Орлова Анна",
            "Anna Orlova",
            "Anna@Example.ru",
            "8 916 123 45 67",
            "RU",
            "ru, en",
            7707083893,
            "CEO",
            "yes",
            "2026-10-01",
        ]
    )
    sheet.append(
        ["Ли Вэй", "Li Wei", "li.wei@example.cn", "+86 138 0013 8000", "CN", "zh", "LOTUS", "", "no", None]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)

    result = importing.run_import(kind=importing.PEOPLE, file=buffer, filename="people.xlsx")

    assert (result.ok, result.created) == (True, 2)
    anna = Person.objects.get(email_normalized="anna@example.ru")
    assert (anna.phone, anna.languages, anna.consent_to_contact, anna.consent_at.isoformat()) == (
        "+79161234567",
        ["ru", "en"],
        True,
        "2026-10-01T00:00:00+00:00",
    )
    assert Membership.objects.filter(organization=organization).count() == 2


def test_import_people_reports_bad_rows_in_russian():
    PersonFactory(email="taken@example.ru", full_name="Занятый")
    text = (
        "full_name,email,phone,organization,consent\n"
        "Иванов,taken@EXAMPLE.ru,,,\n"
        "Петров,petrov@example.ru,12,Нет такой,может быть\n"
        ",nobody@example.ru,,,\n"
    )

    with translation.override("ru"):
        result = run(importing.PEOPLE, text)

    assert [(e.line, e.column) for e in result.errors] == [
        (2, "email"),
        (3, "phone"),
        (3, "organization"),
        (3, "consent"),
        (4, "full_name"),
    ]
    assert result.errors[0].message == "В справочнике уже есть человек с этим адресом: Занятый."
    assert Person.objects.count() == 1


def test_cli_import_succeeds_and_prints_the_count(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(ORGS_CSV, encoding="utf-8")
    out = io.StringIO()

    call_command(
        "directory", "import", "organizations", str(path), "--language", "en", "--no-progress", stdout=out
    )

    assert out.getvalue().strip() == f"Imported 2 record(s) from {path}."


def test_cli_import_fails_with_row_errors_and_non_zero_exit(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("name_en,country\nA Ltd,ZZ\n", encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("directory", "import", "organizations", str(path), "--language", "en", stderr=err)

    assert (
        str(caught.value)
        == "Nothing was imported: 1 problem(s) found. Correct the file and run the import again."
    )
    assert "Line 2, column country: “ZZ” is not a country code" in err.getvalue()
    assert Organization.objects.filter(name_en="A Ltd").count() == 0


def test_a_repeated_row_still_reports_its_other_problems():
    text = "name_en,country,inn\nTest LLC,RU,7707083893\ntest llc,XX,123\n"

    with translation.override("en"):
        result = run(importing.ORGANIZATIONS, text)

    assert [(e.line, e.column) for e in result.errors] == [(3, "name_en"), (3, "country"), (3, "inn")]
    assert result.errors[0].message == "Repeats line 2 of this file."


def test_people_repeated_in_the_file_are_reported_by_email():
    text = "full_name;email\nАнна;anna@example.ru\nAnna;ANNA@example.ru \n"

    with translation.override("en"):
        result = run(importing.PEOPLE, text)

    assert errors(result) == [(3, "email", "Repeats line 2 of this file.")]
    assert Person.objects.count() == 0


def test_import_refuses_an_xlsx_bomb_before_reading_it():
    with translation.override("en"):
        result = importing.run_import(
            kind=importing.ORGANIZATIONS, file=io.BytesIO(xlsx_bomb()), filename="orgs.xlsx"
        )

    assert [(error.line, error.column) for error in result.errors] == [(1, "")]
    assert result.errors[0].message == (
        "The file would unpack to more than 256.0\xa0MB; it may be a damaged or malicious archive. "
        "Save it again, or split it into smaller files."
    )
    assert Organization.objects.count() == 0
