import re

import pytest
from django import forms
from django.utils import translation

from investbridge.core.timezones import LISTED, TimeZoneField, zone_choices, zone_label

pytestmark = pytest.mark.unit

OFFICE_ZONES = (
    "Europe/Moscow",
    "Asia/Shanghai",
    "Asia/Yekaterinburg",
    "Asia/Novosibirsk",
    "Asia/Vladivostok",
    "Asia/Almaty",
    "Asia/Tashkent",
    "Europe/Minsk",
)


class ZoneForm(forms.Form):
    time_zone = TimeZoneField(label="zone")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].include(self.initial.get("time_zone"))


def _selected(html: str) -> list[str]:
    return re.findall(r'<option value="([^"]+)"[^>]*selected', html)


def test_the_list_holds_the_office_zones_and_is_short():
    assert set(OFFICE_ZONES) <= LISTED
    assert len(LISTED) < 80


@pytest.mark.parametrize(
    ("language", "moscow", "shanghai", "group"),
    [
        ("ru", "Москва (UTC+03:00)", "Шанхай (UTC+08:00)", "Россия"),
        ("zh-hans", "莫斯科 (UTC+03:00)", "上海 (UTC+08:00)", "俄罗斯"),
        ("en", "Moscow (UTC+03:00)", "Shanghai (UTC+08:00)", "Russia"),
    ],
)
def test_labels_and_groups_are_in_the_reader_language(language, moscow, shanghai, group):
    with translation.override(language):
        html = str(ZoneForm(initial={"time_zone": "Asia/Shanghai"})["time_zone"])
        assert zone_label("Europe/Moscow") == moscow
    assert f'<option value="Europe/Moscow">{moscow}</option>' in html
    assert f'<option value="Asia/Shanghai" selected>{shanghai}</option>' in html
    assert f'<optgroup label="{group}">' in html
    assert _selected(html) == ["Asia/Shanghai"]


def test_a_zone_outside_the_list_is_added_and_preselected():
    html = str(ZoneForm(initial={"time_zone": "America/Denver"})["time_zone"])
    assert _selected(html) == ["America/Denver"]
    assert "America/Denver" not in str(ZoneForm()["time_zone"])


def test_any_iana_zone_is_valid_and_a_made_up_one_is_not():
    assert ZoneForm({"time_zone": "America/Denver"}).is_valid()
    with translation.override("ru"):
        form = ZoneForm({"time_zone": "Nowhere/Town"})
        assert form.errors == {"time_zone": ["Неизвестный часовой пояс."]}


def test_blank_choice_comes_first_when_asked():
    assert zone_choices(blank="—")[0] == ("", "—")
    assert zone_choices()[0][0] != ""
