import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from investbridge.matchmaking.b2bsop import check_b2b, parse_dzn
from investbridge.matchmaking.scheduler import Assignment, check_schedule, instance_from_dict
from tests.matchmaking.b2bsop.test_b2b import TINY
from tests.matchmaking.scheduler.conftest import instance_dict

pytestmark = pytest.mark.unit


def run(*args: str) -> dict:
    out = StringIO()
    call_command("schedule", "solve", *args, "--time-limit", "5", "--workers", "1", stdout=out)
    return json.loads(out.getvalue())


def test_schedule_solve_json_prints_the_result(tmp_path):
    path = tmp_path / "event.json"
    path.write_text(json.dumps(instance_dict()), encoding="utf-8")
    output = run(str(path))
    assert set(output) == {"status", "assignments", "unscheduled", "objective", "upper_bound", "seconds"}
    assert output["status"] == "optimal"
    instance = instance_from_dict(instance_dict())
    assignments = [
        Assignment(a["meeting"], a["slot"], a["room"], a["interpreter"]) for a in output["assignments"]
    ]
    report = check_schedule(instance, assignments)
    assert report.ok
    assert output["objective"] == {
        "priority": report.objective.priority,
        "scheduled": report.objective.scheduled,
        "breaks": report.objective.breaks,
    }
    # One room: p1-p2 (needs the interpreter, p2 not in slot 1), p1-p3 and p2-p3 all fit in three slots.
    assert output["objective"]["scheduled"] == 3
    assert output["unscheduled"] == []
    assert output["upper_bound"] == {"priority": 4}


def test_schedule_solve_dzn_prints_the_result(tmp_path):
    path = tmp_path / "tiny.dzn"
    path.write_text(TINY, encoding="utf-8")
    output = run(str(path))
    assert set(output) == {"status", "breaks", "lower_bound", "assignments", "seconds"}
    assert output["status"] == "optimal"
    assert [a["meeting"] for a in output["assignments"]] == [1, 2, 3, 4, 5]
    slots = [a["slot"] for a in output["assignments"]]
    assert check_b2b(parse_dzn(TINY), slots) == []
    assert output["breaks"] == output["lower_bound"]


def test_schedule_solve_bad_json_names_the_element(tmp_path):
    data = instance_dict()
    data["meetings"][1]["between"] = ["p1", "ghost"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        run(str(path))
    assert str(info.value) == 'Invalid instance: meetings[1] (id "b"): names unknown participant "ghost"'


def test_schedule_solve_bad_dzn_names_the_element(tmp_path):
    path = tmp_path / "bad.dzn"
    path.write_text(TINY.replace("|1, 4, 2,", "|1, 9, 2,"), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        run(str(path))
    assert str(info.value) == "Invalid instance: requested row 3 (meeting 3): participant 9 is not in 1..4"


def test_schedule_solve_fairness_on_json_is_refused(tmp_path):
    path = tmp_path / "event.json"
    path.write_text(json.dumps(instance_dict()), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        run(str(path), "--fairness", "1")
    assert str(info.value).startswith("Invalid instance: --fairness: applies to .dzn instances only")


def test_schedule_solve_bad_instance_exits_non_zero(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"slots": []}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "investbridge", "schedule", "solve", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Invalid instance: instance: 'rooms' is a required property" in done.stderr
