import pytest
from django.core.management import CommandError, call_command

from tests.factories.events import Christmas2020EventFactory, RegistrationFactory

pytestmark = pytest.mark.integration


def test_events_report_command_writes_xlsx(db, tmp_path, capsys):
    event = Christmas2020EventFactory(slug="hm-2020")
    RegistrationFactory(event=event, arrival=1)
    output = tmp_path / "report.xlsx"

    call_command("events_report", "hm-2020", "--format", "xlsx", "--language", "en", "--output", str(output))

    assert output.read_bytes().startswith(b"PK")
    assert capsys.readouterr().out.startswith("1 representative of 1 organization")


def test_events_import_attendance_command_lists_unmatched(db, tmp_path, capsys):
    event = Christmas2020EventFactory(slug="hm-2020")
    registration = RegistrationFactory(
        event=event, arrival=1, email="a@example.org", email_normalized="a@example.org"
    )
    csv_file = tmp_path / "participants.csv"
    csv_file.write_text("Name;Email\nA;a@example.org\nGuest;g@example.org\n", encoding="utf-8")

    call_command("events_import_attendance", "hm-2020", str(csv_file))

    registration.refresh_from_db()
    assert registration.attended is True
    assert capsys.readouterr().out.splitlines()[1:] == [
        "2 rows: 1 registrants found, 1 newly marked.",
        "row 3: Guest <g@example.org>: Нет зарегистрированного участника с таким e-mail или именем.",
    ]


def test_events_report_command_unknown_event_fails(db, tmp_path):
    with pytest.raises(CommandError, match="No event"):
        call_command("events_report", "nope", "--output", str(tmp_path / "x.pdf"))
