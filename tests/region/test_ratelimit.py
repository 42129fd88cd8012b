import pytest

from investbridge.region import ratelimit

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("rate", "expected"), [("30/hour", (30, 3600)), ("5/m", (5, 60)), ("100/day", (100, 86400))]
)
def test_parse_rate(rate, expected):
    assert ratelimit.parse_rate(rate) == expected


def test_allow_counts_per_key():
    results = [ratelimit.allow(key="a", rate="2/hour") for _ in range(3)]

    assert results == [True, True, False]
    assert ratelimit.allow(key="b", rate="2/hour") is True
