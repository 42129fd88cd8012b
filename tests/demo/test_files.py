"""Bad demo data stops the load with an error naming the file and the entry, and saves nothing."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from investbridge.accounts.models import User
from investbridge.demo import loader
from investbridge.demo.files import DemoDataError, Entry
from investbridge.directory.models import Organization

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the demo's data files to spoil."""
    copy = tmp_path / "data"
    shutil.copytree(loader.DATA_DIR, copy)
    return copy


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _load(data: Path, parts: tuple[str, ...] = ("directory",)) -> str:
    with pytest.raises(DemoDataError) as raised:
        loader.load(stdout=io.StringIO(), directory=data, parts=parts)
    return str(raised.value)


def test_missing_value_names_the_file_and_the_entry(data):
    _replace(data / "directory.yaml", "    email: k.laptev@example.ru\n", "")

    message = _load(data)

    assert message == (
        "directory.yaml: top level > organizations[5] «far-eastern-logistics-company» > people[1]: 'email' is missing"
    )
    assert not User.objects.exists()
    assert not Organization.objects.exists()


def test_value_a_service_refuses_names_the_entry_and_the_reason(data):
    _replace(data / "directory.yaml", "  inn: '2501001016'\n", "  inn: '2501001010'\n")

    message = _load(data)

    assert message.startswith(
        "directory.yaml: top level > organizations[5] «far-eastern-logistics-company»: inn: "
    )
    assert not Organization.objects.exists()


def test_unknown_key_and_missing_translation_are_refused(data):
    _replace(
        data / "region.yaml",
        "  office_email: invest@investbridge.demo\n",
        "  office_mail: invest@investbridge.demo\n",
    )

    assert (
        _load(data, ("directory", "region")) == "region.yaml: top level > profile: 'office_email' is missing"
    )

    _replace(
        data / "region.yaml",
        "  office_mail: invest@investbridge.demo\n",
        "  office_email: invest@investbridge.demo\n  colour: blue\n",
    )
    assert _load(data, ("directory", "region")) == "region.yaml: top level > profile: unknown key(s): colour"


def test_reference_to_an_unknown_person_in_a_later_file_rolls_everything_back(data):
    _replace(
        data / "events.yaml",
        "speakers: [chen.jie@investbridge.demo]\n      - start: 75",
        "speakers: [nobody@investbridge.demo]\n      - start: 75",
    )

    with pytest.raises(CommandError) as raised:
        call_command("demo", force=True, data=data, stdout=io.StringIO())

    assert str(raised.value) == (
        "The demo was not loaded (nothing was saved): events.yaml: top level > events[0] «haikou-moscow-2020» > "
        "sessions[2]: no person 'nobody@investbridge.demo' in directory.yaml"
    )
    assert not User.objects.exists()
    assert not Organization.objects.exists()


def test_broken_yaml_names_the_line(data):
    (data / "directory.yaml").write_text("accounts:\n  - email: [unclosed\n", encoding="utf-8")

    assert _load(data).startswith("directory.yaml: line 3: not valid YAML")


def test_dates_relative_to_today_and_times_with_their_offset():
    entry = Entry(
        "x.yaml", "top level", {"day": "today-20", "at": "today+1 15:00+08:00", "iso": "2020-12-24"}
    )

    assert (entry.date("iso").isoformat(), entry.datetime("at").utcoffset().total_seconds()) == (
        "2020-12-24",
        28800,
    )
    with pytest.raises(DemoDataError, match=r"^x.yaml: top level: 'at' should be a date \(2020-12-24"):
        entry.date("at")
