import pytest
from django.urls import reverse
from django.utils import translation

from investbridge.matchmaking import services
from investbridge.matchmaking.models import Interpreter, Meeting, Profile, Room
from tests.spreadsheets import HOSTILE, NEUTRALIZED, NEUTRALIZED_XLSX, csv_rows, formula_cells, workbook

pytestmark = pytest.mark.integration


@pytest.fixture
def hostile_schedule(people, resources, event):
    """Two draft meetings whose organizations, room and interpreter are named with text a spreadsheet would run."""
    for requester, recipient in (("ru1", "cn1"), ("ru2", "cn2")):
        request = services.request_create(
            actor=services.Actor(registration=people[requester].registration),
            requester=people[requester],
            recipient=people[recipient],
        )
        services.request_respond(
            actor=services.Actor(registration=people[recipient].registration), request=request, accept=True
        )
    for key, name in zip(
        ("ru1", "cn1", "ru2", "cn2"), (HOSTILE[0], HOSTILE[1], HOSTILE[4], HOSTILE[5]), strict=True
    ):
        Profile.objects.filter(pk=people[key].pk).update(organization_name=name)
    first, second = resources["slots"][:2]
    room = resources["rooms"][0]
    Room.objects.filter(pk=room.pk).update(name=HOSTILE[2])
    Interpreter.objects.filter(pk=resources["interpreter"].pk).update(name=HOSTILE[3])
    meetings = [Meeting.objects.get(event=event, request__requester=people[key]) for key in ("ru1", "ru2")]
    Meeting.objects.filter(pk=meetings[0].pk).update(
        slot=first, room=room, interpreter=resources["interpreter"]
    )
    Meeting.objects.filter(pk=meetings[1].pk).update(slot=second, room=room)


#: The columns of both organizations, the interpreter and the priority (each name is followed by the name for the
#: reader and the transliteration system).
STORED = (4, 7, 10, 13)


def _export(client_for, fmt: str) -> bytes:
    with translation.override("en"):
        url = reverse("matchmaking:office_export", args=["b2b-day", fmt])
    response = client_for("officer").get(url)
    assert response.status_code == 200
    return response.content


def test_schedule_csv_neutralizes_names_and_types_the_date_and_priority(client_for, hostile_schedule):
    rows = csv_rows(_export(client_for, "csv"))

    assert rows[0][:2] == ["Date", "Time"]
    assert [row[0] for row in rows[1:]] == ["2030-03-05", "2030-03-05"]  # the host city's date (14:00 Haikou)
    assert [row[2] for row in rows[1:]] == [NEUTRALIZED[2], NEUTRALIZED[2]]
    assert [[row[i] for i in STORED] for row in rows[1:]] == [
        [NEUTRALIZED[0], NEUTRALIZED[1], NEUTRALIZED[3], "1"],
        [NEUTRALIZED[4], NEUTRALIZED[5], "", "1"],
    ]


def test_schedule_xlsx_neutralizes_names_and_types_the_date_and_priority(client_for, hostile_schedule):
    book = workbook(_export(client_for, "xlsx"))
    sheet = book.active
    assert sheet is not None

    assert formula_cells(book) == []
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[0].isoformat() for row in values] == ["2030-03-05T00:00:00", "2030-03-05T00:00:00"]
    assert sheet["A2"].is_date
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    assert [row[2] for row in values] == [NEUTRALIZED_XLSX[2], NEUTRALIZED_XLSX[2]]
    assert [[row[i] for i in STORED] for row in values] == [
        [NEUTRALIZED_XLSX[0], NEUTRALIZED_XLSX[1], NEUTRALIZED_XLSX[3], 1],
        [NEUTRALIZED_XLSX[4], NEUTRALIZED_XLSX[5], None, 1],
    ]
    assert {sheet.cell(row=row, column=column).data_type for row in (2, 3) for column in (3, 5, 8)} == {"s"}
    assert sheet["N2"].data_type == "n"


@pytest.fixture
def schedule_of_both_scripts(people, resources, event):
    """One draft meeting between a Russian and a Chinese organization, with an interpreter named in Chinese."""
    request = services.request_create(
        actor=services.Actor(registration=people["ru1"].registration),
        requester=people["ru1"],
        recipient=people["cn1"],
    )
    services.request_respond(
        actor=services.Actor(registration=people["cn1"].registration), request=request, accept=True
    )
    Profile.objects.filter(pk=people["ru1"].pk).update(organization_name="Ромашка")
    Profile.objects.filter(pk=people["cn1"].pk).update(organization_name="海南椰岛")
    Interpreter.objects.filter(pk=resources["interpreter"].pk).update(name="王小明")
    Meeting.objects.filter(event=event, request=request).update(
        slot=resources["slots"][0], room=resources["rooms"][0], interpreter=resources["interpreter"]
    )


@pytest.mark.parametrize(
    ("language", "header", "expected"),
    [
        (
            "ru",
            ["Имя для читателя", "Транслитерация"],
            [
                "Ромашка",
                "Ромашка",
                "",
                "海南椰岛",
                "Хайнань Е Дао",
                "Palladius",
                "王小明",
                "Ван Сяомин",
                "Palladius",
            ],
        ),
        (
            "zh-hans",
            ["读者所见名称", "音译"],
            ["Ромашка", "Romashka", "ICAO Doc 9303", "海南椰岛", "海南椰岛", "", "王小明", "王小明", ""],
        ),
    ],
)
def test_schedule_exports_write_the_name_for_the_reader_beside_the_stored_one(
    client_for, schedule_of_both_scripts, language, header, expected
):
    with translation.override(language):
        urls = [reverse("matchmaking:office_export", args=["b2b-day", fmt]) for fmt in ("csv", "xlsx")]
    csv_response, xlsx_response = (client_for("officer").get(url) for url in urls)

    rows = csv_rows(csv_response.content)
    sheet = workbook(xlsx_response.content).active
    assert sheet is not None
    values = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]

    for table in (rows, values):
        assert table[0][5:7] == table[0][8:10] == table[0][11:13] == header
        assert table[1][4:13] == expected
