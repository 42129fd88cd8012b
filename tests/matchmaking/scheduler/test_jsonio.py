import copy
import json

import jsonschema
import pytest

from investbridge.matchmaking.scheduler import (
    InstanceError,
    instance_from_dict,
    instance_schema,
    load_instance,
)

from .conftest import instance_dict

pytestmark = pytest.mark.unit


def test_instance_from_dict_valid_builds_sorted_slots_in_utc():
    instance = instance_from_dict(instance_dict())
    assert [s.id for s in instance.slots] == [1, 2, 3]
    assert instance.slots[0].start.isoformat() == "2026-12-08T06:00:00+00:00"
    assert instance.participant_by_id["p2"].unavailable == frozenset({1})
    assert instance.needs_interpreter(instance.meeting_by_id["a"]) is True
    assert instance.needs_interpreter(instance.meeting_by_id["b"]) is False


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(instance_schema())


def _error(mutate) -> InstanceError:
    data = copy.deepcopy(instance_dict())
    mutate(data)
    with pytest.raises(InstanceError) as info:
        instance_from_dict(data)
    return info.value


def test_instance_schema_violation_names_the_element():
    error = _error(lambda d: d["meetings"][1].update(priority=0))
    assert error.element == 'meetings[1] (id "b").priority'
    assert "minimum of 1" in error.message


def test_instance_unknown_participant_names_the_meeting():
    error = _error(lambda d: d["meetings"][2].update(between=["p2", "nobody"]))
    assert str(error) == 'meetings[2] (id "c"): names unknown participant "nobody"'


def test_instance_bad_timezone_names_the_participant():
    error = _error(lambda d: d["participants"][0].update(timezone="Mars/Olympus"))
    assert str(error) == "participants[0] (id \"p1\"): unknown IANA time zone 'Mars/Olympus'"


def test_instance_duplicate_id_is_rejected():
    error = _error(lambda d: d["slots"][1].update(id=1))
    assert str(error) == "slots: the id 1 is used twice"


def test_instance_slot_ending_before_start_is_rejected():
    error = _error(lambda d: d["slots"][2].update(end="2026-12-08T06:59:00Z"))
    assert error.element == "slots[2] (id 3)"


def test_instance_unknown_unavailable_slot_is_rejected():
    error = _error(lambda d: d["interpreters"][0].update(unavailable=[9]))
    assert str(error) == 'interpreters[0] (id "t1"): unavailable names unknown slot 9'


def test_instance_conflicting_fixed_meetings_are_rejected():
    def mutate(d):
        d["meetings"][0]["fixed_slot"] = 2
        d["meetings"][1]["fixed_slot"] = 2

    error = _error(mutate)
    assert error.element == 'meetings[1] (id "b")'
    assert "more fixed meetings than the 1 rooms" in error.message


def test_instance_fixed_meeting_in_unavailable_slot_is_rejected():
    error = _error(lambda d: d["meetings"][0].update(fixed_slot=1))
    assert str(error) == "meetings[0] (id \"a\"): is fixed in slot 1 where participant 'p2' is unavailable"


def test_load_instance_invalid_json_names_the_position():
    with pytest.raises(InstanceError) as info:
        load_instance('{"slots": [}')
    assert info.value.element == "line 1 column 12"


def test_load_instance_roundtrip_text():
    instance = load_instance(json.dumps(instance_dict()))
    assert len(instance.meetings) == 3
