"""GB/T 4754-2017 ↔ ISIC Rev.4 at section level (statistics/engine/industries.py): complete, exact where the two
classifications agree, and the splits where they do not."""

import subprocess
import sys

import pytest

from investbridge.directory import isic
from investbridge.statistics.engine import industries
from investbridge.statistics.engine.schema import INDUSTRY_SECTIONS

pytestmark = pytest.mark.unit

#: The GB/T sections whose activities fall into several ISIC sections (docs/statistics.md explains each).
SPLIT = {"C", "D", "K", "L", "N", "O", "R", "S"}


def test_every_gbt_section_has_isic_sections_and_only_real_ones():
    assert tuple(industries.GBT_TO_ISIC) == INDUSTRY_SECTIONS
    assert all(industries.GBT_TO_ISIC.values())
    assert {code for sections in industries.GBT_TO_ISIC.values() for code in sections} == set(isic.SECTIONS)


def test_sections_that_agree_map_to_their_isic_letter():
    single = {gbt: sections[0] for gbt, sections in industries.GBT_TO_ISIC.items() if len(sections) == 1}

    assert single == {
        "A": "A",
        "B": "B",
        "E": "F",
        "F": "G",
        "G": "H",
        "H": "I",
        "I": "J",
        "J": "K",
        "M": "M",
        "P": "P",
        "Q": "Q",
        "T": "U",
    }


def test_split_sections_name_the_principal_isic_section_first():
    assert {gbt for gbt, sections in industries.GBT_TO_ISIC.items() if len(sections) > 1} == SPLIT
    assert {gbt: industries.isic_sections(gbt)[0] for gbt in sorted(SPLIT)} == {
        "C": "C",
        "D": "D",
        "K": "L",
        "L": "N",
        "N": "E",
        "O": "S",
        "R": "R",
        "S": "O",
    }
    assert industries.isic_text("D") == "D, E"
    assert industries.isic_text("O") == "S, G, N, Q, T"


def test_isic_side_gathers_several_gbt_sections():
    assert industries.gbt_sections("E") == ("C", "D", "N")
    assert industries.gbt_sections("F") == ("E", "K")
    assert industries.gbt_sections("T") == ("O",)
    assert industries.gbt_sections("U") == ("T",)


def test_one_to_one_only_where_both_directions_agree():
    one_to_one = [gbt for gbt in INDUSTRY_SECTIONS if industries.is_one_to_one(gbt)]

    # F → G is not: ISIC G also holds the repair of motor vehicles of GB/T O.
    assert one_to_one == ["A", "B", "G", "H", "J", "P", "T"]


def test_unknown_code_has_no_isic_section():
    assert (industries.isic_sections("Z"), industries.isic_text("Z"), industries.is_one_to_one("Z")) == (
        (),
        "",
        False,
    )


def test_mapping_module_imports_no_django():
    code = "import sys, investbridge.statistics.engine.industries; print(any(m.split('.')[0] == 'django' for m in sys.modules))"

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "False"
