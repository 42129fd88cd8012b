"""A short summary of the contract run's failures at the end of the session (tests/api/test_contract.py)."""

import re
from typing import Any

import pytest

_CHECK = re.compile(r"^\s*\|?\s*- (ST\d+ .+)$", re.MULTILINE)
_NODE = re.compile(r"test_contract_as_(\w+)\[(.+)\]$")
_FAILURES: list[tuple[str, str, list[str]]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # Schemathesis reports each operation as a subtest of the role's test; its title names the operation.
    match = _NODE.search(getattr(report, "head_line", None) or report.nodeid)
    if match and report.failed:
        checks = list(dict.fromkeys(_CHECK.findall(report.longreprtext))) or ["error (see above)"]
        _FAILURES.append((match.group(1), match.group(2), checks))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _FAILURES:
        return
    terminalreporter.section("API contract: failures by role and operation")
    for role, operation, checks in sorted(_FAILURES):
        terminalreporter.write_line(f"{role:<22} {operation:<55} {'; '.join(checks)}")
    terminalreporter.write_line(
        "Each failure above shows the response and a curl command that reproduces it; see docs/api.md."
    )
