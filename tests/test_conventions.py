"""The conventions table (data/conventions.csv) as analysis/conventions.py reads it.

Expectations are read from the CSV itself with the csv module, never from the
module under test, so that a parsing error cannot hide behind itself.
"""

from __future__ import annotations

import pytest
from builders import DATA

from paris1944.analysis import conventions as conv_mod
from paris1944.analysis.conventions import DEFAULT, VARIANTS, Conventions, parse_parameter
from paris1944.evidence import package

# Conventions whose single number widens a window as it grows (strict <= default <= loose).
WIDENING_NUMBERS = ("early_month", "following_days", "months_before", "exact", "about", "nearly", "more_than", "at_least", "scope_dates")
# Conventions whose parameter is a range lo-hi: the looser variant has the lower lo and the higher hi.
WIDENING_RANGES = ("weeks_before", "days_after", "order_of", "most")

# table_rows (data/conventions.csv read with the csv module), table (the same keyed by convention) and
# conventions (as the module under test reads it) are session fixtures of conftest.py.


def numbers(text: str) -> tuple[float, ...] | None:
    """The test's own reading of a parameter cell: '' -> None, '3' -> (3.0,), '2-5' -> (2.0, 5.0)."""
    text = text.strip()
    if not text:
        return None
    return tuple(float(p) for p in text.split("-"))


# ------------------------------------------------------------------ variants
def test_variants_are_strict_default_loose_in_that_order():
    assert VARIANTS == ("strict", "default", "loose")
    assert DEFAULT == "default" and DEFAULT in VARIANTS


def test_the_table_has_a_column_per_variant(table_rows):
    for variant in VARIANTS:
        assert variant in table_rows[0], variant


# ------------------------------------------------------------------ parse_parameter
@pytest.mark.parametrize(
    "text, expected",
    [
        ("", None),
        ("   ", None),
        (None, None),
        ("10", (10.0,)),
        ("0.10", (0.1,)),
        (" 1.5 ", (1.5,)),
        ("2-5", (2.0, 5.0)),
        ("2-9.999", (2.0, 9.999)),
        ("0.5-1", (0.5, 1.0)),
        ("3-3", (3.0, 3.0)),
    ],
)
def test_parse_parameter_reads_numbers_and_ranges(text, expected):
    assert parse_parameter(text) == expected


@pytest.mark.parametrize("text", ["ten", "5-2", "-3", "1-2-3", "1,5", "2 - 5", "1.", ".5", "2-", "nan"])
def test_parse_parameter_rejects_anything_else(text):
    with pytest.raises(ValueError):
        parse_parameter(text)


def test_a_backwards_range_is_named_as_such():
    with pytest.raises(ValueError, match="backwards"):
        parse_parameter("9-1")


# ------------------------------------------------------------------ the real table
def test_every_row_becomes_a_convention(table_rows, conventions):
    keys = [r["convention"] for r in table_rows]
    assert len(keys) == len(set(keys)), "a convention is listed twice"
    assert set(conventions.by_key) == set(keys)
    for key in keys:
        assert key in conventions
    assert "no_such_convention" not in conventions
    with pytest.raises(KeyError):
        conventions["no_such_convention"]


def test_values_are_the_table_cells(table_rows, conventions):
    for row in table_rows:
        c = conventions[row["convention"]]
        assert c.applies_to == row["applies_to"]
        assert c.rule == row["rule"] and c.parameter == row["parameter"]
        for variant in VARIANTS:
            assert c.value(variant) == numbers(row[variant]), (row["convention"], variant)
            assert conventions.value(row["convention"], variant) == numbers(row[variant])


def test_a_convention_with_a_parameter_has_a_value_under_every_variant(table_rows):
    with_parameter = [r for r in table_rows if r["parameter"]]
    assert with_parameter
    for r in with_parameter:
        for variant in VARIANTS:
            assert r[variant].strip(), (r["convention"], variant)
    for r in table_rows:
        if not r["parameter"]:
            assert not any(r[v].strip() for v in VARIANTS), f"{r['convention']} has values but no parameter"


def test_number_is_the_single_value(table, conventions):
    for key in ("early_month", "about", "scope_dates", "verdict_rank"):
        for variant in VARIANTS:
            assert conventions.number(key, variant) == float(table[key][variant])
            assert conventions[key].number(variant) == float(table[key][variant])


@pytest.mark.parametrize("key", ["weeks_before", "order_of", "stated", "up_to"])
def test_number_refuses_a_range_or_an_empty_parameter(key, conventions):
    with pytest.raises(ValueError):
        conventions.number(key, DEFAULT)


def test_varies_tells_whether_the_variants_differ(table_rows, conventions):
    for r in table_rows:
        differ = len({numbers(r[v]) for v in VARIANTS}) > 1
        assert conventions[r["convention"]].varies() is differ, r["convention"]
    # One of each, so the test above cannot pass on a table where nothing varies or everything does.
    assert conventions["early_month"].varies() and not conventions["verdict_rank"].varies()
    assert not conventions["stated"].varies()


@pytest.mark.parametrize("key", WIDENING_NUMBERS)
def test_single_number_conventions_widen_from_strict_to_loose(key, table):
    s, d, lo = (float(table[key][v]) for v in VARIANTS)
    assert s <= d <= lo, key


@pytest.mark.parametrize("key", WIDENING_RANGES)
def test_range_conventions_widen_from_strict_to_loose(key, table):
    (s_lo, s_hi), (d_lo, d_hi), (l_lo, l_hi) = (numbers(table[key][v]) for v in VARIANTS)
    assert l_lo <= d_lo <= s_lo and s_hi <= d_hi <= l_hi, key


def test_the_expressions_of_the_data_all_have_a_convention(conventions):
    claims = package.read_rows("claims", DATA)
    refs = package.read_rows("reference", DATA)
    assert claims and refs
    used = {r["expression"] for r in claims} | {r["expression"] for r in refs}
    missing = sorted(used - set(conventions.by_key))
    assert not missing, missing


# ------------------------------------------------------------------ built from rows
def _row(**kw):
    base = {"convention": "x", "label": "x", "applies_to": "figure", "parameter": "", "strict": "", "default": "", "loose": ""}
    return package.typed("conventions", {**base, **kw})


def test_conventions_can_be_built_from_typed_rows():
    c = Conventions([_row(convention="about", parameter="share", strict="0.05", default="0.1", loose="0.2")])
    assert c.number("about", "loose") == 0.2
    assert c["about"].values == {"strict": (0.05,), "default": (0.1,), "loose": (0.2,)}


def test_a_bad_cell_fails_when_the_table_is_read():
    with pytest.raises(ValueError):
        Conventions([_row(convention="about", parameter="share", strict="five", default="0.1", loose="0.2")])


def test_read_uses_the_data_folder_given(tmp_path):
    (tmp_path / "conventions.csv").write_text(
        "convention,label,applies_to,needs,example,rule,parameter,strict,default,loose,reason\nabout,about,figure,,,,share,0.01,0.02,0.03,\n",
        encoding="utf-8",
    )
    c = conv_mod.Conventions.read(tmp_path)
    assert list(c.by_key) == ["about"]
    assert c.value("about", "default") == (0.02,)
